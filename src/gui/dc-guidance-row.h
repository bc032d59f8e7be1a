/* dc-guidance-row.h: a zone's depth guidance for one device family in the
 * preferences: the catalogue's default or the clinic's own. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"
#include "dc-zone-catalogue.h"

G_BEGIN_DECLS

#define DC_TYPE_GUIDANCE_ROW (dc_guidance_row_get_type ())

G_DECLARE_FINAL_TYPE (DcGuidanceRow, dc_guidance_row, DC, GUIDANCE_ROW, AdwExpanderRow)

GtkWidget       *dc_guidance_row_new          (const DcZone         *zone);
const char      *dc_guidance_row_get_zone_id  (DcGuidanceRow        *self);
void             dc_guidance_row_set_guidance (DcGuidanceRow        *self,
                                               DcDeviceKind          family,
                                               DcDepthGuidance      *own);
DcDepthGuidance *dc_guidance_row_get_own      (DcGuidanceRow        *self);
void             dc_guidance_row_set_error    (DcGuidanceRow        *self,
                                               const GError         *error);
gboolean         dc_guidance_row_get_invalid  (DcGuidanceRow        *self);

/* The editing widgets, for the GUI test. */
GtkSpinButton   *_dc_guidance_row_get_min_spin   (DcGuidanceRow *self);
GtkSpinButton   *_dc_guidance_row_get_max_spin   (DcGuidanceRow *self);
GtkEditable     *_dc_guidance_row_get_source_row (DcGuidanceRow *self);
GtkButton       *_dc_guidance_row_get_restore_button (DcGuidanceRow *self);

G_END_DECLS
