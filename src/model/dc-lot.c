/* dc-lot.c: the Lot record. */

#include "config.h"

#include "dc-lot.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-model.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcLot
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcLot, dc_lot, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_PRODUCT_ID,
  PROP_LOT_NUMBER,
  PROP_EXPIRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_lot_validate (DcRecord  *record,
                 GError   **error)
{
  DcLot      *self = DC_LOT (record);
  const char *expiry = dc_lot_get_expiry (self);

  if (dc_lot_get_product_id (self) == 0)
    return dc_validation_error (error, _("The lot belongs to no product"));
  if (dc_lot_get_lot_number (self) == NULL)
    return dc_validation_error (error, _("The lot needs a lot number"));
  if (expiry != NULL && !dc_date_is_valid (expiry))
    return dc_validation_error (error, _("The expiry date of lot %s is not a real date"),
                                dc_lot_get_lot_number (self));

  return TRUE;
}

static void
dc_lot_class_init (DcLotClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "lot";
  record_class->parent_field = "product-id";
  record_class->sort_field = "lot-number";
  record_class->validate = dc_lot_validate;

  properties[PROP_PRODUCT_ID] =
    g_param_spec_int64 ("product-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOT_NUMBER] =
    g_param_spec_string ("lot-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPIRY] =
    g_param_spec_string ("expiry", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
  dc_record_class_add_reference (record_class, "product-id", DC_TYPE_PRODUCT);
}

static void
dc_lot_init (DcLot *self)
{
}

DcLot *
dc_lot_new (void)
{
  return g_object_new (DC_TYPE_LOT, NULL);
}

gint64
dc_lot_get_product_id (DcLot *self)
{
  g_return_val_if_fail (DC_IS_LOT (self), 0);

  return _dc_record_get_int64 (self, PROP_PRODUCT_ID);
}

void
dc_lot_set_product_id (DcLot  *self,
                       gint64  product_id)
{
  g_return_if_fail (DC_IS_LOT (self));

  _dc_record_set (self, PROP_PRODUCT_ID, product_id);
}

const char *
dc_lot_get_lot_number (DcLot *self)
{
  g_return_val_if_fail (DC_IS_LOT (self), NULL);

  return _dc_record_get_string (self, PROP_LOT_NUMBER);
}

void
dc_lot_set_lot_number (DcLot      *self,
                       const char *lot_number)
{
  g_return_if_fail (DC_IS_LOT (self));

  _dc_record_set (self, PROP_LOT_NUMBER, lot_number);
}

const char *
dc_lot_get_expiry (DcLot *self)
{
  g_return_val_if_fail (DC_IS_LOT (self), NULL);

  return _dc_record_get_string (self, PROP_EXPIRY);
}

void
dc_lot_set_expiry (DcLot      *self,
                   const char *expiry)
{
  g_return_if_fail (DC_IS_LOT (self));

  _dc_record_set (self, PROP_EXPIRY, expiry);
}
