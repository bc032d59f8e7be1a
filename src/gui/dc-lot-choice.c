/* dc-lot-choice.c: a product lot as offered in the session page's
 * choosers: the lot with its product and a label naming both, so that a
 * single combo row records what was used and which batch it came from. */

#include "config.h"

#include "dc-lot-choice.h"

#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "dc-gui-util.h"
#include "dc-model.h"

struct _DcLotChoice
{
  GObject    parent_instance;

  DcProduct *product;
  DcLot     *lot;
  char      *label;
};

G_DEFINE_FINAL_TYPE (DcLotChoice, dc_lot_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dc_lot_choice_finalize (GObject *object)
{
  DcLotChoice *self = DC_LOT_CHOICE (object);

  g_clear_object (&self->product);
  g_clear_object (&self->lot);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (dc_lot_choice_parent_class)->finalize (object);
}

static void
dc_lot_choice_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DcLotChoice *self = DC_LOT_CHOICE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_lot_choice_class_init (DcLotChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dc_lot_choice_finalize;
  object_class->get_property = dc_lot_choice_get_property;

  /**
   * DcLotChoice:label:
   *
   * The product and lot, as the choosers show them.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dc_lot_choice_init (DcLotChoice *self)
{
}

DcLotChoice *
dc_lot_choice_new (DcProduct *product,
                   DcLot     *lot)
{
  DcLotChoice *self;
  g_autofree char *expiry = NULL;

  g_return_val_if_fail (DC_IS_PRODUCT (product), NULL);
  g_return_val_if_fail (DC_IS_LOT (lot), NULL);

  self = g_object_new (DC_TYPE_LOT_CHOICE, NULL);
  self->product = g_object_ref (product);
  self->lot = g_object_ref (lot);

  expiry = dc_gui_format_date (dc_lot_get_expiry (lot));
  if (expiry != NULL)
    {
      /* Translators: product, lot number and expiry date:
       * "Numbing Cream 23 %, lot A123, expires 12/2027" */
      self->label = g_strdup_printf (_("%s, lot %s, expires %s"), dc_product_get_name (product),
                                     dc_lot_get_lot_number (lot), expiry);
    }
  else
    {
      /* Translators: product and lot number: "Numbing Cream 23 %, lot A123" */
      self->label = g_strdup_printf (_("%s, lot %s"), dc_product_get_name (product),
                                     dc_lot_get_lot_number (lot));
    }

  return self;
}

DcProduct *
dc_lot_choice_get_product (DcLotChoice *self)
{
  g_return_val_if_fail (DC_IS_LOT_CHOICE (self), NULL);

  return self->product;
}

DcLot *
dc_lot_choice_get_lot (DcLotChoice *self)
{
  g_return_val_if_fail (DC_IS_LOT_CHOICE (self), NULL);

  return self->lot;
}

const char *
dc_lot_choice_get_label (DcLotChoice *self)
{
  g_return_val_if_fail (DC_IS_LOT_CHOICE (self), NULL);

  return self->label;
}

/* Returns: the position of the choice for @lot_id in @choices, which may
 * hold other items too (a "None" entry), or %GTK_INVALID_LIST_POSITION */
guint
dc_lot_choice_find (GListModel *choices,
                    gint64      lot_id)
{
  guint n_items = g_list_model_get_n_items (choices);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (choices, i);

      if (DC_IS_LOT_CHOICE (item)
          && dc_record_get_id (DC_RECORD (DC_LOT_CHOICE (item)->lot)) == lot_id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}
