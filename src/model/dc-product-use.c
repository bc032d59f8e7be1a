/* dc-product-use.c: the ProductUse record. */

#include "config.h"

#include "dc-product-use.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-model.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcProductUse
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcProductUse, dc_product_use, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_SESSION_ID,
  PROP_LOT_ID,
  PROP_AMOUNT,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_product_use_validate (DcRecord  *record,
                         GError   **error)
{
  DcProductUse *self = DC_PRODUCT_USE (record);

  if (dc_product_use_get_session_id (self) == 0 || dc_product_use_get_lot_id (self) == 0)
    return dc_validation_error (error, _("A product used needs its session and its lot"));

  return TRUE;
}

static void
dc_product_use_class_init (DcProductUseClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "product_use";
  record_class->parent_field = "session-id";
  record_class->validate = dc_product_use_validate;

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOT_ID] =
    g_param_spec_int64 ("lot-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AMOUNT] =
    g_param_spec_string ("amount", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
  dc_record_class_add_reference (record_class, "session-id", DC_TYPE_SESSION);
  dc_record_class_add_reference (record_class, "lot-id", DC_TYPE_LOT);
}

static void
dc_product_use_init (DcProductUse *self)
{
}

DcProductUse *
dc_product_use_new (void)
{
  return g_object_new (DC_TYPE_PRODUCT_USE, NULL);
}

gint64
dc_product_use_get_session_id (DcProductUse *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT_USE (self), 0);

  return _dc_record_get_int64 (self, PROP_SESSION_ID);
}

void
dc_product_use_set_session_id (DcProductUse *self,
                               gint64        session_id)
{
  g_return_if_fail (DC_IS_PRODUCT_USE (self));

  _dc_record_set (self, PROP_SESSION_ID, session_id);
}

gint64
dc_product_use_get_lot_id (DcProductUse *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT_USE (self), 0);

  return _dc_record_get_int64 (self, PROP_LOT_ID);
}

void
dc_product_use_set_lot_id (DcProductUse *self,
                           gint64        lot_id)
{
  g_return_if_fail (DC_IS_PRODUCT_USE (self));

  _dc_record_set (self, PROP_LOT_ID, lot_id);
}

const char *
dc_product_use_get_amount (DcProductUse *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT_USE (self), NULL);

  return _dc_record_get_string (self, PROP_AMOUNT);
}

void
dc_product_use_set_amount (DcProductUse *self,
                           const char   *amount)
{
  g_return_if_fail (DC_IS_PRODUCT_USE (self));

  _dc_record_set (self, PROP_AMOUNT, amount);
}

const char *
dc_product_use_get_note (DcProductUse *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT_USE (self), NULL);

  return _dc_record_get_string (self, PROP_NOTE);
}

void
dc_product_use_set_note (DcProductUse *self,
                         const char   *note)
{
  g_return_if_fail (DC_IS_PRODUCT_USE (self));

  _dc_record_set (self, PROP_NOTE, note);
}
