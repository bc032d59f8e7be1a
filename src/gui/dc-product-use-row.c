/* dc-product-use-row.c: one product used in a session: which product and
 * lot, how much, and a note. Collapsed, it reads as a line of the session
 * record ("Hyaluronic serum, lot HA-2291 — 2 ml"). */

#include "config.h"

#include "dc-product-use-row.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-lot-choice.h"
#include "dc-model.h"

struct _DcProductUseRow
{
  AdwExpanderRow  parent_instance;

  AdwComboRow    *lot_row;
  AdwEntryRow    *amount_row;
  AdwEntryRow    *note_row;
  GtkButton      *remove_button;

  DcProductUse   *product_use;
  GListModel     *lot_choices;
};

G_DEFINE_FINAL_TYPE (DcProductUseRow, dc_product_use_row, ADW_TYPE_EXPANDER_ROW)

static void
update_title (DcProductUseRow *self)
{
  guint position = dc_lot_choice_find (self->lot_choices,
                                       dc_product_use_get_lot_id (self->product_use));
  const char *amount = dc_product_use_get_amount (self->product_use);
  g_autoptr(DcLotChoice) choice = NULL;

  /* Product names, lots and amounts are the user's text, not markup (set
   * in the template). */
  if (position != GTK_INVALID_LIST_POSITION)
    choice = g_list_model_get_item (self->lot_choices, position);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 choice != NULL ? dc_lot_choice_get_label (choice)
                                 : _("No product chosen"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 amount != NULL ? amount : _("Amount not recorded"));
}

static void
product_use_notify_cb (DcProductUseRow *self)
{
  update_title (self);
}

static gboolean
lot_to_position (GBinding     *binding,
                 const GValue *from_value,
                 GValue       *to_value,
                 gpointer      user_data)
{
  DcProductUseRow *self = user_data;

  g_value_set_uint (to_value, dc_lot_choice_find (self->lot_choices,
                                                  g_value_get_int64 (from_value)));
  return TRUE;
}

static gboolean
position_to_lot (GBinding     *binding,
                 const GValue *from_value,
                 GValue       *to_value,
                 gpointer      user_data)
{
  DcProductUseRow *self = user_data;
  g_autoptr(DcLotChoice) choice = NULL;

  choice = g_list_model_get_item (self->lot_choices, g_value_get_uint (from_value));
  if (choice == NULL)
    return FALSE;

  g_value_set_int64 (to_value, dc_record_get_id (DC_RECORD (dc_lot_choice_get_lot (choice))));
  return TRUE;
}

static void
dc_product_use_row_dispose (GObject *object)
{
  DcProductUseRow *self = DC_PRODUCT_USE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PRODUCT_USE_ROW);
  g_clear_object (&self->product_use);
  g_clear_object (&self->lot_choices);

  G_OBJECT_CLASS (dc_product_use_row_parent_class)->dispose (object);
}

static void
dc_product_use_row_class_init (DcProductUseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_product_use_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-product-use-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcProductUseRow, lot_row);
  gtk_widget_class_bind_template_child (widget_class, DcProductUseRow, amount_row);
  gtk_widget_class_bind_template_child (widget_class, DcProductUseRow, note_row);
  gtk_widget_class_bind_template_child (widget_class, DcProductUseRow, remove_button);
}

static void
dc_product_use_row_init (DcProductUseRow *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  expression = gtk_property_expression_new (DC_TYPE_LOT_CHOICE, NULL, "label");
  adw_combo_row_set_expression (self->lot_row, expression);
}

GtkWidget *
dc_product_use_row_new (DcProductUse *product_use,
                        GListModel   *lot_choices)
{
  DcProductUseRow *self;
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  g_return_val_if_fail (DC_IS_PRODUCT_USE (product_use), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (lot_choices), NULL);

  self = g_object_new (DC_TYPE_PRODUCT_USE_ROW, NULL);
  self->product_use = g_object_ref (product_use);
  self->lot_choices = g_object_ref (lot_choices);

  adw_combo_row_set_model (self->lot_row, lot_choices);
  g_object_bind_property_full (product_use, "lot-id", self->lot_row, "selected", flags,
                               lot_to_position, position_to_lot, self, NULL);
  g_object_bind_property_full (product_use, "amount", self->amount_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (product_use, "note", self->note_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s",
                                    dc_record_get_uuid (DC_RECORD (product_use)));

  g_signal_connect_object (product_use, "notify", G_CALLBACK (product_use_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_title (self);

  return GTK_WIDGET (self);
}

DcProductUse *
dc_product_use_row_get_product_use (DcProductUseRow *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT_USE_ROW (self), NULL);

  return self->product_use;
}
