/* dc-safety-ack.c: a safety warning the practitioner acknowledged.
 *
 * When a session is started or signed, the checks of dc-safety-check.h
 * run; each warning must be acknowledged before going on. The
 * acknowledgement is kept with the session: what was shown (kind and
 * detail), at which stage, by whom and when, and an optional note. */

#include "config.h"

#include "dc-safety-ack.h"

#include <glib/gi18n-lib.h>

#include "dc-error.h"
#include "dc-model.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcSafetyAck
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcSafetyAck, dc_safety_ack, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_SESSION_ID,
  PROP_KIND,
  PROP_DETAIL,
  PROP_STAGE,
  PROP_ACKNOWLEDGED_BY,
  PROP_ACKNOWLEDGED_AT,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_safety_ack_validate (DcRecord  *record,
                        GError   **error)
{
  DcSafetyAck *self = DC_SAFETY_ACK (record);

  if (dc_safety_ack_get_session_id (self) == 0)
    return dc_validation_error (error, _("An acknowledgement belongs to a session"));
  if (dc_safety_ack_get_acknowledged_by (self) == 0)
    return dc_validation_error (error, _("An acknowledgement needs the practitioner who gave it"));
  if (!dc_timestamp_is_valid (dc_safety_ack_get_acknowledged_at (self)))
    return dc_validation_error (error, _("An acknowledgement needs its time"));

  return TRUE;
}

static void
dc_safety_ack_class_init (DcSafetyAckClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "safety_ack";
  record_class->parent_field = "session-id";
  record_class->sort_field = "acknowledged-at";
  record_class->validate = dc_safety_ack_validate;

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, DC_TYPE_SAFETY_KIND, DC_SAFETY_CONTRAINDICATION,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, DC_TYPE_SAFETY_STAGE, DC_SAFETY_AT_CREATION,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACKNOWLEDGED_BY] =
    g_param_spec_int64 ("acknowledged-by", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACKNOWLEDGED_AT] =
    g_param_spec_string ("acknowledged-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
  dc_record_class_add_reference (record_class, "session-id", DC_TYPE_SESSION);
  dc_record_class_add_reference (record_class, "acknowledged-by", DC_TYPE_PRACTITIONER);
}

static void
dc_safety_ack_init (DcSafetyAck *self)
{
}

DcSafetyAck *
dc_safety_ack_new (void)
{
  return g_object_new (DC_TYPE_SAFETY_ACK, NULL);
}

gint64
dc_safety_ack_get_session_id (DcSafetyAck *self)
{
  g_return_val_if_fail (DC_IS_SAFETY_ACK (self), 0);

  return _dc_record_get_int64 (self, PROP_SESSION_ID);
}

void
dc_safety_ack_set_session_id (DcSafetyAck *self,
                              gint64       session_id)
{
  g_return_if_fail (DC_IS_SAFETY_ACK (self));

  _dc_record_set (self, PROP_SESSION_ID, session_id);
}

DcSafetyKind
dc_safety_ack_get_kind (DcSafetyAck *self)
{
  g_return_val_if_fail (DC_IS_SAFETY_ACK (self), 0);

  return (DcSafetyKind) _dc_record_get_enum (self, PROP_KIND);
}

void
dc_safety_ack_set_kind (DcSafetyAck  *self,
                        DcSafetyKind  kind)
{
  g_return_if_fail (DC_IS_SAFETY_ACK (self));

  _dc_record_set (self, PROP_KIND, kind);
}

const char *
dc_safety_ack_get_detail (DcSafetyAck *self)
{
  g_return_val_if_fail (DC_IS_SAFETY_ACK (self), NULL);

  return _dc_record_get_string (self, PROP_DETAIL);
}

void
dc_safety_ack_set_detail (DcSafetyAck *self,
                          const char  *detail)
{
  g_return_if_fail (DC_IS_SAFETY_ACK (self));

  _dc_record_set (self, PROP_DETAIL, detail);
}

DcSafetyStage
dc_safety_ack_get_stage (DcSafetyAck *self)
{
  g_return_val_if_fail (DC_IS_SAFETY_ACK (self), 0);

  return (DcSafetyStage) _dc_record_get_enum (self, PROP_STAGE);
}

void
dc_safety_ack_set_stage (DcSafetyAck   *self,
                         DcSafetyStage  stage)
{
  g_return_if_fail (DC_IS_SAFETY_ACK (self));

  _dc_record_set (self, PROP_STAGE, stage);
}

gint64
dc_safety_ack_get_acknowledged_by (DcSafetyAck *self)
{
  g_return_val_if_fail (DC_IS_SAFETY_ACK (self), 0);

  return _dc_record_get_int64 (self, PROP_ACKNOWLEDGED_BY);
}

void
dc_safety_ack_set_acknowledged_by (DcSafetyAck *self,
                                   gint64       acknowledged_by)
{
  g_return_if_fail (DC_IS_SAFETY_ACK (self));

  _dc_record_set (self, PROP_ACKNOWLEDGED_BY, acknowledged_by);
}

const char *
dc_safety_ack_get_acknowledged_at (DcSafetyAck *self)
{
  g_return_val_if_fail (DC_IS_SAFETY_ACK (self), NULL);

  return _dc_record_get_string (self, PROP_ACKNOWLEDGED_AT);
}

void
dc_safety_ack_set_acknowledged_at (DcSafetyAck *self,
                                   const char  *acknowledged_at)
{
  g_return_if_fail (DC_IS_SAFETY_ACK (self));

  _dc_record_set (self, PROP_ACKNOWLEDGED_AT, acknowledged_at);
}

const char *
dc_safety_ack_get_note (DcSafetyAck *self)
{
  g_return_val_if_fail (DC_IS_SAFETY_ACK (self), NULL);

  return _dc_record_get_string (self, PROP_NOTE);
}

void
dc_safety_ack_set_note (DcSafetyAck *self,
                        const char  *note)
{
  g_return_if_fail (DC_IS_SAFETY_ACK (self));

  _dc_record_set (self, PROP_NOTE, note);
}
