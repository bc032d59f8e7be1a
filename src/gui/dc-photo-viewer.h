/* dc-photo-viewer.h: one photo at a time, zoomable, from a list of photos. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_PHOTO_VIEWER (dc_photo_viewer_get_type ())

G_DECLARE_FINAL_TYPE (DcPhotoViewer, dc_photo_viewer, DC, PHOTO_VIEWER, AdwWindow)

GtkWidget  *dc_photo_viewer_new          (GtkWindow     *parent,
                                          const char    *photo_dir,
                                          GListModel    *photos,
                                          guint          position);
guint       dc_photo_viewer_get_position (DcPhotoViewer *self);
void        dc_photo_viewer_set_position (DcPhotoViewer *self,
                                          guint          position);
DcPhoto    *dc_photo_viewer_get_photo    (DcPhotoViewer *self);
gboolean    dc_photo_viewer_get_loading  (DcPhotoViewer *self);
double      dc_photo_viewer_get_zoom     (DcPhotoViewer *self);
gboolean    dc_photo_viewer_get_best_fit (DcPhotoViewer *self);

G_END_DECLS
