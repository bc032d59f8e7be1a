/* dc-photo.h: the Photo record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_PHOTO (dc_photo_get_type ())

G_DECLARE_FINAL_TYPE (DcPhoto, dc_photo, DC, PHOTO, DcRecord)

DcPhoto *dc_photo_new (void);

gint64 dc_photo_get_session_id (DcPhoto *self);
void dc_photo_set_session_id (DcPhoto *self,
    gint64 session_id);
const char *dc_photo_get_sha256 (DcPhoto *self);
void dc_photo_set_sha256 (DcPhoto *self,
    const char *sha256);
const char *dc_photo_get_file_name (DcPhoto *self);
void dc_photo_set_file_name (DcPhoto *self,
    const char *file_name);
DcPhotoView  dc_photo_get_view (DcPhoto *self);
void dc_photo_set_view (DcPhoto *self,
    DcPhotoView  view);
const char *dc_photo_get_zone (DcPhoto *self);
void dc_photo_set_zone (DcPhoto *self,
    const char *zone);
DcPhotoPhase  dc_photo_get_phase (DcPhoto *self);
void dc_photo_set_phase (DcPhoto *self,
    DcPhotoPhase  phase);
const char *dc_photo_get_taken_at (DcPhoto *self);
void dc_photo_set_taken_at (DcPhoto *self,
    const char *taken_at);
int dc_photo_get_width (DcPhoto *self);
void dc_photo_set_width (DcPhoto *self,
    int width);
int dc_photo_get_height (DcPhoto *self);
void dc_photo_set_height (DcPhoto *self,
    int height);
DcConsentScope  dc_photo_get_consent (DcPhoto *self);
void dc_photo_set_consent (DcPhoto *self,
    DcConsentScope  consent);
const char *dc_photo_get_note (DcPhoto *self);
void dc_photo_set_note (DcPhoto *self,
    const char *note);

G_END_DECLS
