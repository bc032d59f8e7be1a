/* dc-history-row.c: one row of the history window. Rows are recycled as
 * the list scrolls: whether a change is expanded belongs to its item, and
 * the row follows it through a binding while it shows that item. */

#include "config.h"

#include "dc-history-row.h"

#include <glib/gi18n-lib.h>

struct _DcHistoryRow
{
  GtkWidget        parent_instance;

  GtkLabel        *day_label;
  GtkWidget       *entry_box;
  GtkLabel        *time_label;
  GtkImage        *icon;
  GtkLabel        *title_label;
  GtkLabel        *meta_label;
  GtkRevealer     *revealer;
  GtkLabel        *details_label;
  GtkToggleButton *expand_button;

  DcHistoryItem   *item;
  GBinding        *expanded_binding;
};

G_DEFINE_FINAL_TYPE (DcHistoryRow, dc_history_row, GTK_TYPE_WIDGET)

static void
dc_history_row_dispose (GObject *object)
{
  DcHistoryRow *self = DC_HISTORY_ROW (object);

  dc_history_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_HISTORY_ROW);

  G_OBJECT_CLASS (dc_history_row_parent_class)->dispose (object);
}

static void
dc_history_row_class_init (DcHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_history_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcHistoryRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryRow, entry_box);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryRow, icon);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryRow, revealer);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryRow, expand_button);
}

static void
dc_history_row_init (DcHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dc_history_row_new (void)
{
  return g_object_new (DC_TYPE_HISTORY_ROW, NULL);
}

DcHistoryItem *
dc_history_row_get_item (DcHistoryRow *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ROW (self), NULL);

  return self->item;
}

/**
 * dc_history_row_set_item:
 * @item: (nullable): what the row shows, or %NULL once it shows nothing
 */
void
dc_history_row_set_item (DcHistoryRow  *self,
                         DcHistoryItem *item)
{
  const char *context;
  const char *details;
  gboolean is_day;

  g_return_if_fail (DC_IS_HISTORY_ROW (self));
  g_return_if_fail (item == NULL || DC_IS_HISTORY_ITEM (item));

  if (self->expanded_binding != NULL)
    {
      g_binding_unbind (self->expanded_binding);
      self->expanded_binding = NULL;
    }
  g_set_object (&self->item, item);
  if (item == NULL)
    return;

  is_day = dc_history_item_is_day (item);
  gtk_widget_set_visible (GTK_WIDGET (self->day_label), is_day);
  gtk_widget_set_visible (self->entry_box, !is_day);
  if (is_day)
    {
      gtk_label_set_label (self->day_label, dc_history_item_get_title (item));
      return;
    }

  gtk_label_set_label (self->time_label, dc_history_item_get_time (item));
  gtk_image_set_from_icon_name (self->icon, dc_history_item_get_icon_name (item));
  gtk_label_set_label (self->title_label, dc_history_item_get_title (item));

  context = dc_history_item_get_context (item);
  if (context != NULL)
    {
      /* Translators: who made a change, and where: "Dr. Ann Bo · Session of
       * 3 March" */
      g_autofree char *meta = g_strdup_printf (C_("history", "%s · %s"),
                                               dc_history_item_get_actor (item), context);

      gtk_label_set_label (self->meta_label, meta);
    }
  else
    gtk_label_set_label (self->meta_label, dc_history_item_get_actor (item));

  /* Without details there is nothing to expand: the sentence said it all. */
  details = dc_history_item_get_details (item);
  gtk_label_set_label (self->details_label, details != NULL ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->expand_button), details != NULL);
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_NONE);
  self->expanded_binding = g_object_bind_property (item, "expanded",
                                                   self->expand_button, "active",
                                                   G_BINDING_BIDIRECTIONAL
                                                   | G_BINDING_SYNC_CREATE);
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
}
