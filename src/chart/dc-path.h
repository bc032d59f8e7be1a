/* dc-path.h: SVG path data parsed once into cairo path segments, so that the
 * face renderer draws and hit-tests exactly the same geometry. */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

#define DC_TYPE_PATH (dc_path_get_type ())

typedef struct _DcPath DcPath;

GType   dc_path_get_type    (void) G_GNUC_CONST;

/* Parses SVG path data: M L H V C S Q T Z in absolute and relative forms,
 * implicit repeats, exponents and numbers without separators ("M10-5L3.5.5").
 * Arcs (A) are refused: the catalogue never needs them and a silent
 * approximation would be worse than an error. */
DcPath *dc_path_parse       (const char  *data,
                             GError     **error);
DcPath *dc_path_ref         (DcPath      *self);
void    dc_path_unref       (DcPath      *self);

/* Appends the path to the current path of cr, in cr's user space. */
void    dc_path_append      (const DcPath *self,
                             cairo_t      *cr);

/* The bounding box of the control polygon (a slight over-estimate for
 * curves, which is what callers want for layout). */
void    dc_path_get_extents (const DcPath *self,
                             double       *x1,
                             double       *y1,
                             double       *x2,
                             double       *y2);

/* The parsed path as cairo data, e.g. for tests; owned by self. */
const cairo_path_t *dc_path_get_cairo_path (const DcPath *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcPath, dc_path_unref)

G_END_DECLS
