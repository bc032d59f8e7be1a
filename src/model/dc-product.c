/* dc-product.c: the Product record. */

#include "config.h"

#include "dc-product.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcProduct
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcProduct, dc_product, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_MANUFACTURER,
  PROP_INTRADERMAL,
  PROP_NOTES,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_product_validate (DcRecord  *record,
                     GError   **error)
{
  if (dc_product_get_name (DC_PRODUCT (record)) == NULL)
    return dc_validation_error (error, _("The product needs a name"));

  return TRUE;
}

static void
dc_product_class_init (DcProductClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "product";
  record_class->sort_field = "name";
  record_class->validate = dc_product_validate;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, DC_TYPE_PRODUCT_KIND, DC_PRODUCT_SERUM,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MANUFACTURER] =
    g_param_spec_string ("manufacturer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTRADERMAL] =
    g_param_spec_boolean ("intradermal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
}

static void
dc_product_init (DcProduct *self)
{
}

DcProduct *
dc_product_new (void)
{
  return g_object_new (DC_TYPE_PRODUCT, NULL);
}

DcProductKind
dc_product_get_kind (DcProduct *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT (self), 0);

  return (DcProductKind)_dc_record_get_enum (self, PROP_KIND);
}

void
dc_product_set_kind (DcProduct     *self,
                     DcProductKind  kind)
{
  g_return_if_fail (DC_IS_PRODUCT (self));

  _dc_record_set (self, PROP_KIND, kind);
}

const char *
dc_product_get_name (DcProduct *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT (self), NULL);

  return _dc_record_get_string (self, PROP_NAME);
}

void
dc_product_set_name (DcProduct  *self,
                     const char *name)
{
  g_return_if_fail (DC_IS_PRODUCT (self));

  _dc_record_set (self, PROP_NAME, name);
}

const char *
dc_product_get_manufacturer (DcProduct *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT (self), NULL);

  return _dc_record_get_string (self, PROP_MANUFACTURER);
}

void
dc_product_set_manufacturer (DcProduct  *self,
                             const char *manufacturer)
{
  g_return_if_fail (DC_IS_PRODUCT (self));

  _dc_record_set (self, PROP_MANUFACTURER, manufacturer);
}

gboolean
dc_product_get_intradermal (DcProduct *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT (self), 0);

  return _dc_record_get_boolean (self, PROP_INTRADERMAL);
}

void
dc_product_set_intradermal (DcProduct *self,
                            gboolean   intradermal)
{
  g_return_if_fail (DC_IS_PRODUCT (self));

  _dc_record_set (self, PROP_INTRADERMAL, intradermal);
}

const char *
dc_product_get_notes (DcProduct *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT (self), NULL);

  return _dc_record_get_string (self, PROP_NOTES);
}

void
dc_product_set_notes (DcProduct  *self,
                      const char *notes)
{
  g_return_if_fail (DC_IS_PRODUCT (self));

  _dc_record_set (self, PROP_NOTES, notes);
}

gboolean
dc_product_get_archived (DcProduct *self)
{
  g_return_val_if_fail (DC_IS_PRODUCT (self), 0);

  return _dc_record_get_boolean (self, PROP_ARCHIVED);
}

void
dc_product_set_archived (DcProduct *self,
                         gboolean   archived)
{
  g_return_if_fail (DC_IS_PRODUCT (self));

  _dc_record_set (self, PROP_ARCHIVED, archived);
}
