/* dc-session.c: the Session record. */

#include "config.h"

#include "dc-session.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-model.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcSession
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcSession, dc_session, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_PATIENT_ID,
  PROP_PRACTITIONER_ID,
  PROP_STARTED_AT,
  PROP_INDICATION,
  PROP_ANAESTHETIC_LOT_ID,
  PROP_ANAESTHETIC_STRENGTH,
  PROP_ANAESTHETIC_AREA,
  PROP_ANAESTHETIC_ON,
  PROP_ANAESTHETIC_OFF,
  PROP_ENDPOINT,
  PROP_NOTES,
  PROP_NEXT_VISIT,
  PROP_STATUS,
  PROP_SIGNED_BY,
  PROP_SIGNED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_session_validate (DcRecord  *record,
                     GError   **error)
{
  DcSession  *self = DC_SESSION (record);
  const char *on = dc_session_get_anaesthetic_on (self);
  const char *off = dc_session_get_anaesthetic_off (self);
  const char *next_visit = dc_session_get_next_visit (self);
  g_autoptr (GDateTime) on_time = NULL;
  g_autoptr (GDateTime) off_time = NULL;

  if (dc_session_get_patient_id (self) == 0)
    return dc_validation_error (error, _("The session belongs to no patient"));
  if (!dc_timestamp_is_valid (dc_session_get_started_at (self)))
    return dc_validation_error (error, _("The session’s date and time are missing or invalid"));
  if (on != NULL && (on_time = dc_timestamp_parse (on)) == NULL)
    return dc_validation_error (error, _("The time the anaesthetic was applied is invalid"));
  if (off != NULL && (off_time = dc_timestamp_parse (off)) == NULL)
    return dc_validation_error (error, _("The time the anaesthetic was removed is invalid"));
  if (on_time != NULL && off_time != NULL && g_date_time_compare (off_time, on_time) < 0)
    return dc_validation_error (error, _("The anaesthetic was removed before it was applied"));
  if (next_visit != NULL && !dc_date_is_valid (next_visit))
    return dc_validation_error (error, _("The next visit is not a real date"));
  if (dc_session_get_status (self) == DC_SESSION_SIGNED
      && (dc_session_get_signed_by (self) == 0
          || !dc_timestamp_is_valid (dc_session_get_signed_at (self))))
    return dc_validation_error (error, _("A signed session needs its signer and signing time"));

  return TRUE;
}

static void
dc_session_class_init (DcSessionClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "session";
  record_class->parent_field = "patient-id";
  record_class->sort_field = "-started-at";
  record_class->validate = dc_session_validate;

  properties[PROP_PATIENT_ID] =
    g_param_spec_int64 ("patient-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRACTITIONER_ID] =
    g_param_spec_int64 ("practitioner-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARTED_AT] =
    g_param_spec_string ("started-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDICATION] =
    g_param_spec_flags ("indication", NULL, NULL, DC_TYPE_INDICATION, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANAESTHETIC_LOT_ID] =
    g_param_spec_int64 ("anaesthetic-lot-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANAESTHETIC_STRENGTH] =
    g_param_spec_string ("anaesthetic-strength", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANAESTHETIC_AREA] =
    g_param_spec_string ("anaesthetic-area", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANAESTHETIC_ON] =
    g_param_spec_string ("anaesthetic-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANAESTHETIC_OFF] =
    g_param_spec_string ("anaesthetic-off", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENDPOINT] =
    g_param_spec_flags ("endpoint", NULL, NULL, DC_TYPE_ENDPOINT, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_VISIT] =
    g_param_spec_string ("next-visit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DC_TYPE_SESSION_STATUS, DC_SESSION_DRAFT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED_BY] =
    g_param_spec_int64 ("signed-by", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED_AT] =
    g_param_spec_string ("signed-at", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
  dc_record_class_add_reference (record_class, "patient-id", DC_TYPE_PATIENT);
  dc_record_class_add_reference (record_class, "practitioner-id", DC_TYPE_PRACTITIONER);
  dc_record_class_add_reference (record_class, "anaesthetic-lot-id", DC_TYPE_LOT);
  dc_record_class_add_reference (record_class, "signed-by", DC_TYPE_PRACTITIONER);
}

static void
dc_session_init (DcSession *self)
{
}

DcSession *
dc_session_new (void)
{
  return g_object_new (DC_TYPE_SESSION, NULL);
}

gint64
dc_session_get_patient_id (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), 0);

  return _dc_record_get_int64 (self, PROP_PATIENT_ID);
}

void
dc_session_set_patient_id (DcSession *self,
                           gint64     patient_id)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_PATIENT_ID, patient_id);
}

gint64
dc_session_get_practitioner_id (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), 0);

  return _dc_record_get_int64 (self, PROP_PRACTITIONER_ID);
}

void
dc_session_set_practitioner_id (DcSession *self,
                                gint64     practitioner_id)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_PRACTITIONER_ID, practitioner_id);
}

const char *
dc_session_get_started_at (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), NULL);

  return _dc_record_get_string (self, PROP_STARTED_AT);
}

void
dc_session_set_started_at (DcSession  *self,
                           const char *started_at)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_STARTED_AT, started_at);
}

DcIndication
dc_session_get_indication (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), 0);

  return _dc_record_get_flags (self, PROP_INDICATION);
}

void
dc_session_set_indication (DcSession    *self,
                           DcIndication  indication)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_INDICATION, indication);
}

gint64
dc_session_get_anaesthetic_lot_id (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), 0);

  return _dc_record_get_int64 (self, PROP_ANAESTHETIC_LOT_ID);
}

void
dc_session_set_anaesthetic_lot_id (DcSession *self,
                                   gint64     anaesthetic_lot_id)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_ANAESTHETIC_LOT_ID, anaesthetic_lot_id);
}

const char *
dc_session_get_anaesthetic_strength (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), NULL);

  return _dc_record_get_string (self, PROP_ANAESTHETIC_STRENGTH);
}

void
dc_session_set_anaesthetic_strength (DcSession  *self,
                                     const char *anaesthetic_strength)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_ANAESTHETIC_STRENGTH, anaesthetic_strength);
}

const char *
dc_session_get_anaesthetic_area (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), NULL);

  return _dc_record_get_string (self, PROP_ANAESTHETIC_AREA);
}

void
dc_session_set_anaesthetic_area (DcSession  *self,
                                 const char *anaesthetic_area)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_ANAESTHETIC_AREA, anaesthetic_area);
}

const char *
dc_session_get_anaesthetic_on (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), NULL);

  return _dc_record_get_string (self, PROP_ANAESTHETIC_ON);
}

void
dc_session_set_anaesthetic_on (DcSession  *self,
                               const char *anaesthetic_on)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_ANAESTHETIC_ON, anaesthetic_on);
}

const char *
dc_session_get_anaesthetic_off (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), NULL);

  return _dc_record_get_string (self, PROP_ANAESTHETIC_OFF);
}

void
dc_session_set_anaesthetic_off (DcSession  *self,
                                const char *anaesthetic_off)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_ANAESTHETIC_OFF, anaesthetic_off);
}

DcEndpoint
dc_session_get_endpoint (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), 0);

  return _dc_record_get_flags (self, PROP_ENDPOINT);
}

void
dc_session_set_endpoint (DcSession  *self,
                         DcEndpoint  endpoint)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_ENDPOINT, endpoint);
}

const char *
dc_session_get_notes (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), NULL);

  return _dc_record_get_string (self, PROP_NOTES);
}

void
dc_session_set_notes (DcSession  *self,
                      const char *notes)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_NOTES, notes);
}

const char *
dc_session_get_next_visit (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), NULL);

  return _dc_record_get_string (self, PROP_NEXT_VISIT);
}

void
dc_session_set_next_visit (DcSession  *self,
                           const char *next_visit)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_NEXT_VISIT, next_visit);
}

DcSessionStatus
dc_session_get_status (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), 0);

  return (DcSessionStatus)_dc_record_get_enum (self, PROP_STATUS);
}

void
dc_session_set_status (DcSession       *self,
                       DcSessionStatus  status)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_STATUS, status);
}

gint64
dc_session_get_signed_by (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), 0);

  return _dc_record_get_int64 (self, PROP_SIGNED_BY);
}

void
dc_session_set_signed_by (DcSession *self,
                          gint64     signed_by)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_SIGNED_BY, signed_by);
}

const char *
dc_session_get_signed_at (DcSession *self)
{
  g_return_val_if_fail (DC_IS_SESSION (self), NULL);

  return _dc_record_get_string (self, PROP_SIGNED_AT);
}

void
dc_session_set_signed_at (DcSession  *self,
                          const char *signed_at)
{
  g_return_if_fail (DC_IS_SESSION (self));

  _dc_record_set (self, PROP_SIGNED_AT, signed_at);
}
