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

/**
 * dc_side_effect_kind_get_usual_days:
 *
 * How long an effect of @kind usually lasts, in whole days (DOMAIN.md,
 * "Side effects and usual durations"): redness and swelling up to 3 days,
 * flaking and bruising up to 7. Infection and hyperpigmentation are not
 * usual at all, however briefly they last.
 *
 * Returns: the days, 0 for an effect that is never usual, or -1 for one
 *   without a usual duration (acne flare, other)
 */
int
dc_side_effect_kind_get_usual_days (DcSideEffectKind kind)
{
  switch (kind)
    {
    case DC_SIDE_EFFECT_REDNESS:
    case DC_SIDE_EFFECT_SWELLING:
      return 3;
    case DC_SIDE_EFFECT_FLAKING:
    case DC_SIDE_EFFECT_BRUISING:
      return 7;
    case DC_SIDE_EFFECT_INFECTION:
    case DC_SIDE_EFFECT_HYPERPIGMENTATION:
      return 0;
    case DC_SIDE_EFFECT_ACNE_FLARE:
    case DC_SIDE_EFFECT_OTHER:
    default:
      return -1;
    }
}

/**
 * dc_side_effect_get_usual_days:
 *
 * Returns: see dc_side_effect_kind_get_usual_days()
 */
int
dc_side_effect_get_usual_days (DcSideEffect *self)
{
  g_return_val_if_fail (DC_IS_SIDE_EFFECT (self), -1);

  return dc_side_effect_kind_get_usual_days (dc_side_effect_get_kind (self));
}

/**
 * dc_side_effect_get_days:
 * @today: (nullable): today's date, "YYYY-MM-DD", for an effect not
 *   resolved yet; %NULL to count resolved effects only
 *
 * How many whole days the effect lasted: from its onset to its resolution,
 * or, while it is not resolved, to @today.
 *
 * Returns: the days, or -1 when they cannot be told (no resolution and no
 *   @today, or dates that are not valid)
 */
int
dc_side_effect_get_days (DcSideEffect *self,
                         const char   *today)
{
  const char *resolved;
  GDate start, end;
  int days;

  g_return_val_if_fail (DC_IS_SIDE_EFFECT (self), -1);

  resolved = dc_side_effect_get_resolved (self);
  if (!dc_date_parse (dc_side_effect_get_onset (self), &start)
      || !dc_date_parse (resolved != NULL ? resolved : today, &end))
    return -1;

  /* An onset recorded after today (a typing error, another time zone)
   * has lasted nothing yet. */
  days = g_date_days_between (&start, &end);
  return MAX (days, 0);
}

/**
 * dc_side_effect_is_longer_than_usual:
 * @today: (nullable): as for dc_side_effect_get_days()
 *
 * Whether the effect lasted, or has lasted so far, longer than effects of
 * its kind usually do; always for kinds that are never usual. Such effects
 * are flagged for follow-up.
 */
gboolean
dc_side_effect_is_longer_than_usual (DcSideEffect *self,
                                     const char   *today)
{
  int usual, days;

  g_return_val_if_fail (DC_IS_SIDE_EFFECT (self), FALSE);

  usual = dc_side_effect_get_usual_days (self);
  days = dc_side_effect_get_days (self, today);
  if (usual < 0 || days < 0)
    return FALSE;

  return usual == 0 || days > usual;
}
