/* dc-depth-guidance.h: a clinic's own depth guidance for a zone and a
 * device family, replacing the catalogue's default, with its source. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_DEPTH_GUIDANCE (dc_depth_guidance_get_type ())

G_DECLARE_FINAL_TYPE (DcDepthGuidance, dc_depth_guidance, DC, DEPTH_GUIDANCE, DcRecord)

DcDepthGuidance *dc_depth_guidance_new           (void);
const char      *dc_depth_guidance_get_zone      (DcDepthGuidance *self);
void             dc_depth_guidance_set_zone      (DcDepthGuidance *self,
                                                  const char      *zone);
DcDeviceKind     dc_depth_guidance_get_family    (DcDepthGuidance *self);
void             dc_depth_guidance_set_family    (DcDepthGuidance *self,
                                                  DcDeviceKind     family);
double           dc_depth_guidance_get_depth_min (DcDepthGuidance *self);
void             dc_depth_guidance_set_depth_min (DcDepthGuidance *self,
                                                  double           depth_min);
double           dc_depth_guidance_get_depth_max (DcDepthGuidance *self);
void             dc_depth_guidance_set_depth_max (DcDepthGuidance *self,
                                                  double           depth_max);
const char      *dc_depth_guidance_get_source    (DcDepthGuidance *self);
void             dc_depth_guidance_set_source    (DcDepthGuidance *self,
                                                  const char      *source);

G_END_DECLS
