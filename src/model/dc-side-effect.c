/* dc-side-effect.c: the SideEffect record. */

#include "config.h"

#include "dc-side-effect.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-model.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcSideEffect
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcSideEffect, dc_side_effect, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_SESSION_ID,
  PROP_KIND,
  PROP_SEVERITY,
  PROP_ONSET,
  PROP_RESOLVED,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_side_effect_validate (DcRecord  *record,
                         GError   **error)
{
  DcSideEffect *self = DC_SIDE_EFFECT (record);
  const char   *onset = dc_side_effect_get_onset (self);
  const char   *resolved = dc_side_effect_get_resolved (self);

  if (dc_side_effect_get_session_id (self) == 0)
    return dc_validation_error (error, _("The side effect belongs to no session"));
  if (onset == NULL || !dc_date_is_valid (onset))
    return dc_validation_error (error, _("The side effect needs the date it began"));
  if (resolved != NULL && (!dc_date_is_valid (resolved) || strcmp (resolved, onset) < 0))
    return dc_validation_error (error, _("The side effect cannot resolve before it began"));

  return TRUE;
}

static void
dc_side_effect_class_init (DcSideEffectClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "side_effect";
  record_class->parent_field = "session-id";
  record_class->sort_field = "onset";
  record_class->validate = dc_side_effect_validate;

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, DC_TYPE_SIDE_EFFECT_KIND, DC_SIDE_EFFECT_REDNESS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL, 0, 3, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONSET] =
    g_param_spec_string ("onset", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESOLVED] =
    g_param_spec_string ("resolved", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
  dc_record_class_add_reference (record_class, "session-id", DC_TYPE_SESSION);
}

static void
dc_side_effect_init (DcSideEffect *self)
{
}

DcSideEffect *
dc_side_effect_new (void)
{
  return g_object_new (DC_TYPE_SIDE_EFFECT, NULL);
}

gint64
dc_side_effect_get_session_id (DcSideEffect *self)
{
  g_return_val_if_fail (DC_IS_SIDE_EFFECT (self), 0);

  return _dc_record_get_int64 (self, PROP_SESSION_ID);
}

void
dc_side_effect_set_session_id (DcSideEffect *self,
                               gint64        session_id)
{
  g_return_if_fail (DC_IS_SIDE_EFFECT (self));

  _dc_record_set (self, PROP_SESSION_ID, session_id);
}

DcSideEffectKind
dc_side_effect_get_kind (DcSideEffect *self)
{
  g_return_val_if_fail (DC_IS_SIDE_EFFECT (self), 0);

  return (DcSideEffectKind)_dc_record_get_enum (self, PROP_KIND);
}

void
dc_side_effect_set_kind (DcSideEffect     *self,
                         DcSideEffectKind  kind)
{
  g_return_if_fail (DC_IS_SIDE_EFFECT (self));

  _dc_record_set (self, PROP_KIND, kind);
}

int
dc_side_effect_get_severity (DcSideEffect *self)
{
  g_return_val_if_fail (DC_IS_SIDE_EFFECT (self), 0);

  return _dc_record_get_int (self, PROP_SEVERITY);
}

void
dc_side_effect_set_severity (DcSideEffect *self,
                             int           severity)
{
  g_return_if_fail (DC_IS_SIDE_EFFECT (self));

  _dc_record_set (self, PROP_SEVERITY, severity);
}

const char *
dc_side_effect_get_onset (DcSideEffect *self)
{
  g_return_val_if_fail (DC_IS_SIDE_EFFECT (self), NULL);

  return _dc_record_get_string (self, PROP_ONSET);
}

void
dc_side_effect_set_onset (DcSideEffect *self,
                          const char   *onset)
{
  g_return_if_fail (DC_IS_SIDE_EFFECT (self));

  _dc_record_set (self, PROP_ONSET, onset);
}

const char *
dc_side_effect_get_resolved (DcSideEffect *self)
{
  g_return_val_if_fail (DC_IS_SIDE_EFFECT (self), NULL);

  return _dc_record_get_string (self, PROP_RESOLVED);
}

void
dc_side_effect_set_resolved (DcSideEffect *self,
                             const char   *resolved)
{
  g_return_if_fail (DC_IS_SIDE_EFFECT (self));

  _dc_record_set (self, PROP_RESOLVED, resolved);
}

const char *
dc_side_effect_get_note (DcSideEffect *self)
{
  g_return_val_if_fail (DC_IS_SIDE_EFFECT (self), NULL);

  return _dc_record_get_string (self, PROP_NOTE);
}

void
dc_side_effect_set_note (DcSideEffect *self,
                         const char   *note)
{
  g_return_if_fail (DC_IS_SIDE_EFFECT (self));

  _dc_record_set (self, PROP_NOTE, note);
}
