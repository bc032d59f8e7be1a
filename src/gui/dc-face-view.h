/* dc-face-view.h: the face chart of a session — the zone diagram coloured
 * by needle depth, on which the practitioner selects zones with pointer,
 * touch or keyboard — with a list of zone toggles beside it that screen
 * readers and touchscreens use. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DC_TYPE_FACE_VIEW (dc_face_view_get_type ())

G_DECLARE_FINAL_TYPE (DcFaceView, dc_face_view, DC, FACE_VIEW, GtkWidget)

GtkWidget          *dc_face_view_new                (void);

/* The session's zone treatments (DcZoneTreatment), followed as they change;
 * a zone treated more than once shows its deepest depth. */
GListModel         *dc_face_view_get_treatments     (DcFaceView         *self);
void                dc_face_view_set_treatments     (DcFaceView         *self,
                                                     GListModel         *treatments);

/* The clinic's devices (DcDevice), only to name them in tooltips. */
GListModel         *dc_face_view_get_devices        (DcFaceView         *self);
void                dc_face_view_set_devices        (DcFaceView         *self,
                                                     GListModel         *devices);

/* Zone ids in the catalogue's anatomical order, NULL-terminated. */
const char *const  *dc_face_view_get_selected_zones (DcFaceView         *self);
void                dc_face_view_set_selected_zones (DcFaceView         *self,
                                                     const char *const  *zone_ids);

/* The deepest depth among the zone's treatments; FALSE if it has none. */
gboolean            dc_face_view_get_zone_depth     (DcFaceView         *self,
                                                     const char         *zone_id,
                                                     double             *depth_mm);

G_END_DECLS
