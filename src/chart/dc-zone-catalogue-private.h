/* dc-zone-catalogue-private.h: what the face renderer needs beyond the public
 * catalogue API — the line art of a view and the label anchors. */
#pragma once

#include "dc-zone-catalogue.h"

G_BEGIN_DECLS

typedef enum
{
  DC_OUTLINE_SKIN,      /* silhouette: filled with the skin tone, stroked */
  DC_OUTLINE_HAIR,      /* filled with the hair tone, stroked finely */
  DC_OUTLINE_SHADE,     /* soft tonal shape (lids, lips), filled only */
  DC_OUTLINE_CONTOUR,   /* main contours */
  DC_OUTLINE_FEATURE,   /* eyes, nose, lips */
  DC_OUTLINE_DETAIL,    /* creases and muscle hints, fine and light */
  DC_OUTLINE_SOLID,     /* small filled marks: brows, nostrils, lashes */
} DcOutlineClass;

typedef struct
{
  DcOutlineClass  klass;
  DcPath         *path;
} DcOutline;

/* The outlines of @view in drawing order; owned by the catalogue. */
GPtrArray *_dc_zone_catalogue_get_outlines (DcZoneCatalogue *self,
                                            const char      *view);

/* A point well inside the zone's region and clear of the line art, in view
 * coordinates: where its label and its colour sample go. Computed once. */
gboolean   _dc_zone_get_anchor             (DcZoneCatalogue *self,
                                            const DcZone    *zone,
                                            const char      *view,
                                            double          *x,
                                            double          *y);

G_END_DECLS
