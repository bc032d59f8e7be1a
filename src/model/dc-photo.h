/* dc-photo.h: the Photo record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_PHOTO (dc_photo_get_type ())

G_DECLARE_FINAL_TYPE (DcPhoto, dc_photo, DC, PHOTO, DcRecord)

DcPhoto        *dc_photo_new            (void);
gint64          dc_photo_get_session_id (DcPhoto *self);
const char     *dc_photo_get_sha256     (DcPhoto *self);
const char     *dc_photo_get_file_name  (DcPhoto *self);
DcPhotoView     dc_photo_get_view       (DcPhoto *self);
const char     *dc_photo_get_zone       (DcPhoto *self);
DcPhotoPhase    dc_photo_get_phase      (DcPhoto *self);
const char     *dc_photo_get_taken_at   (DcPhoto *self);
int             dc_photo_get_width      (DcPhoto *self);
int             dc_photo_get_height     (DcPhoto *self);
DcConsentScope  dc_photo_get_consent    (DcPhoto *self);
const char     *dc_photo_get_note       (DcPhoto *self);

void dc_photo_set_session_id (DcPhoto *self,
    gint64 session_id);
void dc_photo_set_sha256 (DcPhoto *self,
    const char *sha256);
void dc_photo_set_file_name (DcPhoto *self,
    const char *file_name);
void dc_photo_set_view (DcPhoto *self,
    DcPhotoView  view);
void dc_photo_set_zone (DcPhoto *self,
    const char *zone);
void dc_photo_set_phase (DcPhoto *self,
    DcPhotoPhase  phase);
void dc_photo_set_taken_at (DcPhoto *self,
    const char *taken_at);
void dc_photo_set_width (DcPhoto *self,
    int width);
void dc_photo_set_height (DcPhoto *self,
    int height);
void dc_photo_set_consent (DcPhoto *self,
    DcConsentScope  consent);
void dc_photo_set_note (DcPhoto *self,
    const char *note);

G_END_DECLS
