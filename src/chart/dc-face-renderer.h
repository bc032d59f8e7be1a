/* dc-face-renderer.h: the one face diagram renderer, a pure function on a
 * cairo_t used by the face view widget, the print preview and the PDF
 * writer alike, plus hit testing on exactly the same geometry and layout. */
#pragma once

#include <cairo.h>

#include "dc-zone-catalogue.h"

G_BEGIN_DECLS

typedef struct
{
  const char        *view;           /* "frontal"; NULL means "frontal" */
  GHashTable        *depth_by_zone;  /* zone id → double * depth in mm; may be NULL */
  const char *const *selected;       /* NULL-terminated zone ids; may be NULL */
  const char        *hovered;        /* may be NULL */
  const char        *focused;        /* the keyboard cursor's zone; may be NULL */
  gboolean           dark;           /* colours for a dark background */
  gboolean           show_legend;
  gboolean           show_labels;    /* "R"/"L" markers, zone names when large enough */
  double             depth_max;      /* top of the colour scale in mm; 0 = automatic */
  const char        *font_family;    /* a Pango family list; NULL for the desktop's */
  gboolean           rtl;            /* right to left: the legend on the left */
} DcFaceRenderOptions;

/* Draws the diagram centred in (0, 0, width, height) of cr's user space,
 * keeping its aspect ratio, with the legend beside or below it, whichever
 * leaves the diagram larger. Draws no background: the caller paints it.
 * Everything scales with the drawing, so 200 px and A4 look the same. */
void        dc_face_render          (cairo_t                   *cr,
                                     DcZoneCatalogue           *catalogue,
                                     const DcFaceRenderOptions *options,
                                     double                     width,
                                     double                     height);

/* The parts of the diagram, bottom to top: what depends on the session,
 * what follows the pointer and the keyboard, and the text. */
typedef enum
{
  DC_FACE_LAYER_BASE        = 1 << 0,  /* tones, zones in their colours, line art */
  DC_FACE_LAYER_HIGHLIGHTS  = 1 << 1,  /* hover, selection, keyboard cursor */
  DC_FACE_LAYER_ANNOTATIONS = 1 << 2,  /* zone labels, side markers, legend */
} DcFaceLayers;

#define DC_FACE_LAYERS_ALL \
  (DC_FACE_LAYER_BASE | DC_FACE_LAYER_HIGHLIGHTS | DC_FACE_LAYER_ANNOTATIONS)

void        dc_face_render_layers   (cairo_t                   *cr,
                                     DcZoneCatalogue           *catalogue,
                                     const DcFaceRenderOptions *options,
                                     double                     width,
                                     double                     height,
                                     DcFaceLayers               layers);

/* The zone under (x, y) for the same options and size, or NULL. */
const char *dc_face_hit_test        (DcZoneCatalogue           *catalogue,
                                     const DcFaceRenderOptions *options,
                                     double                     width,
                                     double                     height,
                                     double                     x,
                                     double                     y);

/* A point well inside the zone and clear of the line art, in the same
 * coordinates as dc_face_render(): for tooltips, popovers and tests.
 * Returns FALSE if the zone is unknown or not in the view. */
gboolean    dc_face_get_zone_center (DcZoneCatalogue           *catalogue,
                                     const DcFaceRenderOptions *options,
                                     double                     width,
                                     double                     height,
                                     const char                *zone_id,
                                     double                    *x,
                                     double                    *y);

/* The top of the colour scale that dc_face_render() uses for options. */
double      dc_face_get_depth_max   (const DcFaceRenderOptions *options);

/* The depth colour scale, shared by the zones, the legend and the reports:
 * a perceptually ordered, colour-blind safe sequential scale (light teal to
 * deep indigo) clamped to [0, depth_max]; rgba[3] is always 1. */
void        dc_depth_color          (double                     depth,
                                     double                     depth_max,
                                     gboolean                   dark,
                                     double                     rgba[4]);

G_END_DECLS
