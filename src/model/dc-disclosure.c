/* dc-disclosure.c: a report that left the clinic's records.
 *
 * Every report saved, printed or emailed is recorded: which patient's
 * (and which session's), by what channel, to which file or address,
 * whether it was password-protected, and in which language. Like every
 * clinical table, it is audited; rows are never changed or deleted. */

#include "config.h"

#include "dc-disclosure.h"

#include <glib/gi18n-lib.h>

#include "dc-error.h"
#include "dc-model.h"
#include "dc-record-private.h"

struct _DcDisclosure
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcDisclosure, dc_disclosure, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_PATIENT_ID,
  PROP_SESSION_ID,
  PROP_DOCUMENT,
  PROP_CHANNEL,
  PROP_TARGET,
  PROP_PROTECTED,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_disclosure_validate (DcRecord  *record,
                        GError   **error)
{
  DcDisclosure *self = DC_DISCLOSURE (record);

  if (dc_disclosure_get_patient_id (self) == 0)
    return dc_validation_error (error, _("The disclosure concerns no patient"));
  if (dc_disclosure_get_document (self) == DC_DISCLOSURE_SESSION_REPORT
      && dc_disclosure_get_session_id (self) == 0)
    return dc_validation_error (error, _("A session report concerns a session"));

  return TRUE;
}

static void
dc_disclosure_class_init (DcDisclosureClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "disclosure";
  record_class->parent_field = "patient-id";
  record_class->sort_field = "-created-at";
  record_class->validate = dc_disclosure_validate;

  properties[PROP_PATIENT_ID] =
    g_param_spec_int64 ("patient-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_enum ("document", NULL, NULL, DC_TYPE_DISCLOSURE_DOCUMENT,
                       DC_DISCLOSURE_SESSION_REPORT, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL, DC_TYPE_DISCLOSURE_CHANNEL, DC_DISCLOSURE_FILE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROTECTED] =
    g_param_spec_boolean ("protected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
  dc_record_class_add_reference (record_class, "patient-id", DC_TYPE_PATIENT);
  dc_record_class_add_reference (record_class, "session-id", DC_TYPE_SESSION);
}

static void
dc_disclosure_init (DcDisclosure *self)
{
}

DcDisclosure *
dc_disclosure_new (void)
{
  return g_object_new (DC_TYPE_DISCLOSURE, NULL);
}

gint64
dc_disclosure_get_patient_id (DcDisclosure *self)
{
  g_return_val_if_fail (DC_IS_DISCLOSURE (self), 0);

  return _dc_record_get_int64 (self, PROP_PATIENT_ID);
}

gint64
dc_disclosure_get_session_id (DcDisclosure *self)
{
  g_return_val_if_fail (DC_IS_DISCLOSURE (self), 0);

  return _dc_record_get_int64 (self, PROP_SESSION_ID);
}

DcDisclosureDocument
dc_disclosure_get_document (DcDisclosure *self)
{
  g_return_val_if_fail (DC_IS_DISCLOSURE (self), 0);

  return (DcDisclosureDocument) _dc_record_get_enum (self, PROP_DOCUMENT);
}

DcDisclosureChannel
dc_disclosure_get_channel (DcDisclosure *self)
{
  g_return_val_if_fail (DC_IS_DISCLOSURE (self), 0);

  return (DcDisclosureChannel) _dc_record_get_enum (self, PROP_CHANNEL);
}

const char *
dc_disclosure_get_target (DcDisclosure *self)
{
  g_return_val_if_fail (DC_IS_DISCLOSURE (self), NULL);

  return _dc_record_get_string (self, PROP_TARGET);
}

gboolean
dc_disclosure_get_protected (DcDisclosure *self)
{
  g_return_val_if_fail (DC_IS_DISCLOSURE (self), FALSE);

  return _dc_record_get_boolean (self, PROP_PROTECTED);
}

const char *
dc_disclosure_get_language (DcDisclosure *self)
{
  g_return_val_if_fail (DC_IS_DISCLOSURE (self), NULL);

  return _dc_record_get_string (self, PROP_LANGUAGE);
}

void
dc_disclosure_set_patient_id (DcDisclosure *self,
                              gint64        patient_id)
{
  g_return_if_fail (DC_IS_DISCLOSURE (self));

  _dc_record_set (self, PROP_PATIENT_ID, patient_id);
}

void
dc_disclosure_set_session_id (DcDisclosure *self,
                              gint64        session_id)
{
  g_return_if_fail (DC_IS_DISCLOSURE (self));

  _dc_record_set (self, PROP_SESSION_ID, session_id);
}

void
dc_disclosure_set_document (DcDisclosure         *self,
                            DcDisclosureDocument  document)
{
  g_return_if_fail (DC_IS_DISCLOSURE (self));

  _dc_record_set (self, PROP_DOCUMENT, document);
}

void
dc_disclosure_set_channel (DcDisclosure        *self,
                           DcDisclosureChannel  channel)
{
  g_return_if_fail (DC_IS_DISCLOSURE (self));

  _dc_record_set (self, PROP_CHANNEL, channel);
}

void
dc_disclosure_set_target (DcDisclosure *self,
                          const char   *target)
{
  g_return_if_fail (DC_IS_DISCLOSURE (self));

  _dc_record_set (self, PROP_TARGET, target);
}

void
dc_disclosure_set_protected (DcDisclosure *self,
                             gboolean      protected_)
{
  g_return_if_fail (DC_IS_DISCLOSURE (self));

  _dc_record_set (self, PROP_PROTECTED, protected_);
}

void
dc_disclosure_set_language (DcDisclosure *self,
                            const char   *language)
{
  g_return_if_fail (DC_IS_DISCLOSURE (self));

  _dc_record_set (self, PROP_LANGUAGE, language);
}
