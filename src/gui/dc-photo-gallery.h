/* dc-photo-gallery.h: a session's photos, and adding and removing them. */
#pragma once

#include <adwaita.h>

#include "dc-enums.h"
#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_PHOTO_GALLERY (dc_photo_gallery_get_type ())

G_DECLARE_FINAL_TYPE (DcPhotoGallery, dc_photo_gallery, DC, PHOTO_GALLERY, AdwBin)

GtkWidget  *dc_photo_gallery_new           (void);
void        dc_photo_gallery_set_session   (DcPhotoGallery     *self,
                                            DcStore            *store,
                                            DcPatient          *patient,
                                            DcSession          *session);
void        dc_photo_gallery_set_read_only (DcPhotoGallery     *self,
                                            gboolean            read_only);
GListModel *dc_photo_gallery_get_photos    (DcPhotoGallery     *self);
gboolean    dc_photo_gallery_get_busy      (DcPhotoGallery     *self);
void        dc_photo_gallery_import        (DcPhotoGallery     *self,
                                            const char * const *paths,
                                            DcPhotoPhase        phase,
                                            gboolean            guess_views);
AdwToast   *dc_photo_gallery_remove        (DcPhotoGallery     *self,
                                            DcPhoto            *photo);
void        dc_photo_gallery_flush         (DcPhotoGallery     *self);

G_END_DECLS
