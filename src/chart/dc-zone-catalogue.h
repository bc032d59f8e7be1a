/* dc-zone-catalogue.h: the facial zones as data — stable ids, translatable
 * names, sides, regions per view and default depth guidance per device
 * family — loaded from data/dc-zones.xml (compiled into the resources). */
#pragma once

#include <gio/gio.h>

#include "dc-enums.h"
#include "dc-path.h"

G_BEGIN_DECLS

#define DC_TYPE_ZONE_CATALOGUE (dc_zone_catalogue_get_type ())

G_DECLARE_FINAL_TYPE (DcZoneCatalogue, dc_zone_catalogue, DC, ZONE_CATALOGUE, GObject)

/* Sides are the patient's: on a frontal diagram the patient's left is on the
 * viewer's right. */
typedef enum
{
  DC_ZONE_SIDE_NONE,
  DC_ZONE_SIDE_LEFT,
  DC_ZONE_SIDE_RIGHT,
} DcZoneSide;

/* A zone belongs to its catalogue and lives as long as it. */
typedef struct _DcZone DcZone;

typedef struct
{
  double      min_mm;
  double      max_mm;
  const char *note;     /* translated, or NULL */
  const char *source;   /* translated: where the default comes from */
} DcZoneGuidance;

DcZoneCatalogue    *dc_zone_catalogue_get_default   (void);
DcZoneCatalogue    *dc_zone_catalogue_new_from_data (const char       *data,
                                                     gssize            length,
                                                     GError          **error);
DcZoneCatalogue    *dc_zone_catalogue_new_from_resource (const char    *path,
                                                         GError       **error);

/* Zone ids in a stable anatomical order (top to bottom, the patient's right
 * before left), NULL-terminated; owned by the catalogue. */
const char *const  *dc_zone_catalogue_get_zone_ids  (DcZoneCatalogue  *self);
guint               dc_zone_catalogue_get_n_zones   (DcZoneCatalogue  *self);
const DcZone       *dc_zone_catalogue_lookup        (DcZoneCatalogue  *self,
                                                     const char       *zone_id);

const char *const  *dc_zone_catalogue_get_view_ids  (DcZoneCatalogue  *self);
gboolean            dc_zone_catalogue_has_view      (DcZoneCatalogue  *self,
                                                     const char       *view);
const char         *dc_zone_catalogue_get_view_name (DcZoneCatalogue  *self,
                                                     const char       *view);
gboolean            dc_zone_catalogue_get_view_size (DcZoneCatalogue  *self,
                                                     const char       *view,
                                                     double           *width,
                                                     double           *height);

const char         *dc_zone_get_id                  (const DcZone     *zone);
/* Translated at each call, so a report rendered under another thread
 * locale gets its own language. */
const char         *dc_zone_get_name                (const DcZone     *zone);
DcZoneSide          dc_zone_get_side                (const DcZone     *zone);
/* The same zone on the other side ("cheek-left" ↔ "cheek-right"), or NULL. */
const char         *dc_zone_get_mirror_id           (const DcZone     *zone);
gboolean            dc_zone_get_guidance            (const DcZone     *zone,
                                                     DcDeviceKind      family,
                                                     DcZoneGuidance   *guidance);
/* The zone's region in @view, in the view's coordinates, or NULL. */
const DcPath       *dc_zone_get_region              (const DcZone     *zone,
                                                     const char       *view);

G_END_DECLS
