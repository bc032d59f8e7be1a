/* dc-practitioner.c: the Practitioner record. */

#include "config.h"

#include "dc-practitioner.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcPractitioner
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcPractitioner, dc_practitioner, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_QUALIFICATION,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_practitioner_validate (DcRecord  *record,
                          GError   **error)
{
  if (dc_practitioner_get_name (DC_PRACTITIONER (record)) == NULL)
    return dc_validation_error (error, _("The practitioner needs a name"));

  return TRUE;
}

static void
dc_practitioner_class_init (DcPractitionerClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "practitioner";
  record_class->sort_field = "name";
  record_class->validate = dc_practitioner_validate;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUALIFICATION] =
    g_param_spec_string ("qualification", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
}

static void
dc_practitioner_init (DcPractitioner *self)
{
}

DcPractitioner *
dc_practitioner_new (void)
{
  return g_object_new (DC_TYPE_PRACTITIONER, NULL);
}

const char *
dc_practitioner_get_name (DcPractitioner *self)
{
  g_return_val_if_fail (DC_IS_PRACTITIONER (self), NULL);

  return _dc_record_get_string (self, PROP_NAME);
}

void
dc_practitioner_set_name (DcPractitioner *self,
                          const char     *name)
{
  g_return_if_fail (DC_IS_PRACTITIONER (self));

  _dc_record_set (self, PROP_NAME, name);
}

const char *
dc_practitioner_get_qualification (DcPractitioner *self)
{
  g_return_val_if_fail (DC_IS_PRACTITIONER (self), NULL);

  return _dc_record_get_string (self, PROP_QUALIFICATION);
}

void
dc_practitioner_set_qualification (DcPractitioner *self,
                                   const char     *qualification)
{
  g_return_if_fail (DC_IS_PRACTITIONER (self));

  _dc_record_set (self, PROP_QUALIFICATION, qualification);
}

gboolean
dc_practitioner_get_archived (DcPractitioner *self)
{
  g_return_val_if_fail (DC_IS_PRACTITIONER (self), 0);

  return _dc_record_get_boolean (self, PROP_ARCHIVED);
}

void
dc_practitioner_set_archived (DcPractitioner *self,
                              gboolean        archived)
{
  g_return_if_fail (DC_IS_PRACTITIONER (self));

  _dc_record_set (self, PROP_ARCHIVED, archived);
}
