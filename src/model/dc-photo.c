/* dc-photo.c: the Photo record. */

#include "config.h"

#include "dc-photo.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-model.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcPhoto
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcPhoto, dc_photo, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_SESSION_ID,
  PROP_SHA256,
  PROP_FILE_NAME,
  PROP_VIEW,
  PROP_ZONE,
  PROP_PHASE,
  PROP_TAKEN_AT,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_CONSENT,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_photo_validate (DcRecord  *record,
                   GError   **error)
{
  DcPhoto    *self = DC_PHOTO (record);
  const char *sha256 = dc_photo_get_sha256 (self);
  const char *taken_at = dc_photo_get_taken_at (self);

  if (dc_photo_get_session_id (self) == 0)
    return dc_validation_error (error, _("The photo belongs to no session"));
  if (sha256 == NULL || strlen (sha256) != 64 || strspn (sha256, "0123456789abcdef") != 64)
    return dc_validation_error (error, _("The photo’s checksum is missing or malformed"));
  if (dc_photo_get_file_name (self) == NULL)
    return dc_validation_error (error, _("The photo has no file"));
  if (taken_at != NULL && !dc_timestamp_is_valid (taken_at))
    return dc_validation_error (error, _("The photo’s capture time is invalid"));

  return TRUE;
}

static void
dc_photo_class_init (DcPhotoClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "photo";
  record_class->parent_field = "session-id";
  record_class->sort_field = "taken-at";
  record_class->validate = dc_photo_validate;

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, DC_TYPE_PHOTO_VIEW, DC_PHOTO_VIEW_FRONTAL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZONE] =
    g_param_spec_string ("zone", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, DC_TYPE_PHOTO_PHASE, DC_PHOTO_PHASE_BEFORE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAKEN_AT] =
    g_param_spec_string ("taken-at", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL, 0, 1000000, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEIGHT] =
    g_param_spec_int ("height", NULL, NULL, 0, 1000000, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT] =
    g_param_spec_flags ("consent", NULL, NULL, DC_TYPE_CONSENT_SCOPE, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
  dc_record_class_add_reference (record_class, "session-id", DC_TYPE_SESSION);
}

static void
dc_photo_init (DcPhoto *self)
{
}

DcPhoto *
dc_photo_new (void)
{
  return g_object_new (DC_TYPE_PHOTO, NULL);
}

gint64
dc_photo_get_session_id (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), 0);

  return _dc_record_get_int64 (self, PROP_SESSION_ID);
}

void
dc_photo_set_session_id (DcPhoto *self,
                         gint64   session_id)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_SESSION_ID, session_id);
}

const char *
dc_photo_get_sha256 (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), NULL);

  return _dc_record_get_string (self, PROP_SHA256);
}

void
dc_photo_set_sha256 (DcPhoto    *self,
                     const char *sha256)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_SHA256, sha256);
}

const char *
dc_photo_get_file_name (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), NULL);

  return _dc_record_get_string (self, PROP_FILE_NAME);
}

void
dc_photo_set_file_name (DcPhoto    *self,
                        const char *file_name)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_FILE_NAME, file_name);
}

DcPhotoView
dc_photo_get_view (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), 0);

  return (DcPhotoView)_dc_record_get_enum (self, PROP_VIEW);
}

void
dc_photo_set_view (DcPhoto     *self,
                   DcPhotoView  view)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_VIEW, view);
}

const char *
dc_photo_get_zone (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), NULL);

  return _dc_record_get_string (self, PROP_ZONE);
}

void
dc_photo_set_zone (DcPhoto    *self,
                   const char *zone)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_ZONE, zone);
}

DcPhotoPhase
dc_photo_get_phase (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), 0);

  return (DcPhotoPhase)_dc_record_get_enum (self, PROP_PHASE);
}

void
dc_photo_set_phase (DcPhoto      *self,
                    DcPhotoPhase  phase)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_PHASE, phase);
}

const char *
dc_photo_get_taken_at (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), NULL);

  return _dc_record_get_string (self, PROP_TAKEN_AT);
}

void
dc_photo_set_taken_at (DcPhoto    *self,
                       const char *taken_at)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_TAKEN_AT, taken_at);
}

int
dc_photo_get_width (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), 0);

  return _dc_record_get_int (self, PROP_WIDTH);
}

void
dc_photo_set_width (DcPhoto *self,
                    int      width)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_WIDTH, width);
}

int
dc_photo_get_height (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), 0);

  return _dc_record_get_int (self, PROP_HEIGHT);
}

void
dc_photo_set_height (DcPhoto *self,
                     int      height)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_HEIGHT, height);
}

DcConsentScope
dc_photo_get_consent (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), 0);

  return _dc_record_get_flags (self, PROP_CONSENT);
}

void
dc_photo_set_consent (DcPhoto        *self,
                      DcConsentScope  consent)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_CONSENT, consent);
}

const char *
dc_photo_get_note (DcPhoto *self)
{
  g_return_val_if_fail (DC_IS_PHOTO (self), NULL);

  return _dc_record_get_string (self, PROP_NOTE);
}

void
dc_photo_set_note (DcPhoto    *self,
                   const char *note)
{
  g_return_if_fail (DC_IS_PHOTO (self));

  _dc_record_set (self, PROP_NOTE, note);
}
