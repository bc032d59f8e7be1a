/* dc-clinic.c: the Clinic record. */

#include "config.h"

#include "dc-clinic.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcClinic
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcClinic, dc_clinic, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_WEBSITE,
  PROP_LOGO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_clinic_validate (DcRecord  *record,
                    GError   **error)
{
  const char *email = dc_clinic_get_email (DC_CLINIC (record));

  if (email != NULL && strchr (email, '@') == NULL)
    return dc_validation_error (error, _("“%s” is not an email address"), email);

  return TRUE;
}

static void
dc_clinic_class_init (DcClinicClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "clinic";
  record_class->validate = dc_clinic_validate;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEBSITE] =
    g_param_spec_string ("website", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGO] =
    g_param_spec_boxed ("logo", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
}

static void
dc_clinic_init (DcClinic *self)
{
}

DcClinic *
dc_clinic_new (void)
{
  return g_object_new (DC_TYPE_CLINIC, NULL);
}

const char *
dc_clinic_get_name (DcClinic *self)
{
  g_return_val_if_fail (DC_IS_CLINIC (self), NULL);

  return _dc_record_get_string (self, PROP_NAME);
}

void
dc_clinic_set_name (DcClinic   *self,
                    const char *name)
{
  g_return_if_fail (DC_IS_CLINIC (self));

  _dc_record_set (self, PROP_NAME, name);
}

const char *
dc_clinic_get_address (DcClinic *self)
{
  g_return_val_if_fail (DC_IS_CLINIC (self), NULL);

  return _dc_record_get_string (self, PROP_ADDRESS);
}

void
dc_clinic_set_address (DcClinic   *self,
                       const char *address)
{
  g_return_if_fail (DC_IS_CLINIC (self));

  _dc_record_set (self, PROP_ADDRESS, address);
}

const char *
dc_clinic_get_phone (DcClinic *self)
{
  g_return_val_if_fail (DC_IS_CLINIC (self), NULL);

  return _dc_record_get_string (self, PROP_PHONE);
}

void
dc_clinic_set_phone (DcClinic   *self,
                     const char *phone)
{
  g_return_if_fail (DC_IS_CLINIC (self));

  _dc_record_set (self, PROP_PHONE, phone);
}

const char *
dc_clinic_get_email (DcClinic *self)
{
  g_return_val_if_fail (DC_IS_CLINIC (self), NULL);

  return _dc_record_get_string (self, PROP_EMAIL);
}

void
dc_clinic_set_email (DcClinic   *self,
                     const char *email)
{
  g_return_if_fail (DC_IS_CLINIC (self));

  _dc_record_set (self, PROP_EMAIL, email);
}

const char *
dc_clinic_get_website (DcClinic *self)
{
  g_return_val_if_fail (DC_IS_CLINIC (self), NULL);

  return _dc_record_get_string (self, PROP_WEBSITE);
}

void
dc_clinic_set_website (DcClinic   *self,
                       const char *website)
{
  g_return_if_fail (DC_IS_CLINIC (self));

  _dc_record_set (self, PROP_WEBSITE, website);
}

GBytes *
dc_clinic_get_logo (DcClinic *self)
{
  g_return_val_if_fail (DC_IS_CLINIC (self), NULL);

  return _dc_record_get_bytes (self, PROP_LOGO);
}

void
dc_clinic_set_logo (DcClinic *self,
                    GBytes   *logo)
{
  g_return_if_fail (DC_IS_CLINIC (self));

  _dc_record_set (self, PROP_LOGO, logo);
}
