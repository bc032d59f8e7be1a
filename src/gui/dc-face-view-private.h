/* dc-face-view-private.h: the face view's input paths, for tests, which
 * cannot synthesize pointer or key events in GTK 4.8. */
#pragma once

#include "dc-face-renderer.h"
#include "dc-face-view.h"

G_BEGIN_DECLS

/* What a click or tap at (x, y) in widget coordinates does. */
void        _dc_face_view_activate_point      (DcFaceView          *self,
                                               double               x,
                                               double               y,
                                               GdkModifierType      state);

/* The options and size the chart is drawn and hit-tested with; the
 * options point into the view and are valid until it next changes. */
void        _dc_face_view_get_render_options  (DcFaceView          *self,
                                               DcFaceRenderOptions *options,
                                               double              *width,
                                               double              *height);

/* What an arrow key or Tab does while the chart has the focus: FALSE at
 * the end of the way. */
gboolean    _dc_face_view_move_focus          (DcFaceView          *self,
                                               GtkDirectionType     direction);
const char *_dc_face_view_get_focus_zone      (DcFaceView          *self);

char       *_dc_face_view_dup_zone_tooltip    (DcFaceView          *self,
                                               const char          *zone_id);

G_END_DECLS
