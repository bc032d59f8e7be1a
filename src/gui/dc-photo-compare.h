/* dc-photo-compare.h: the same view of a patient from two sessions, side
 * by side at the same scale. */
#pragma once

#include <adwaita.h>

#include "dc-enums.h"
#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_PHOTO_COMPARE (dc_photo_compare_get_type ())

G_DECLARE_FINAL_TYPE (DcPhotoCompare, dc_photo_compare, DC, PHOTO_COMPARE, AdwWindow)

GtkWidget   *dc_photo_compare_new            (GtkWindow      *parent,
                                              DcStore        *store,
                                              DcPatient      *patient);
gint64       dc_photo_compare_get_session_id (DcPhotoCompare *self,
                                              guint           side);
void         dc_photo_compare_set_session_id (DcPhotoCompare *self,
                                              guint           side,
                                              gint64          session_id);
DcPhotoView  dc_photo_compare_get_view       (DcPhotoCompare *self);
void         dc_photo_compare_set_view       (DcPhotoCompare *self,
                                              DcPhotoView     view);
DcPhotoPhase dc_photo_compare_get_phase      (DcPhotoCompare *self);
void         dc_photo_compare_set_phase      (DcPhotoCompare *self,
                                              DcPhotoPhase    phase);
DcPhoto     *dc_photo_compare_get_photo      (DcPhotoCompare *self,
                                              guint           side);
double       dc_photo_compare_get_scale      (DcPhotoCompare *self,
                                              guint           side);
double       dc_photo_compare_get_zoom       (DcPhotoCompare *self);
gboolean     dc_photo_compare_get_best_fit   (DcPhotoCompare *self);
gboolean     dc_photo_compare_get_loading    (DcPhotoCompare *self);

G_END_DECLS
