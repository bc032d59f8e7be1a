/* dc-zone-editor.h: the treatment of the zones selected on the chart. */
#pragma once

#include <adwaita.h>

#include "dc-chart-history.h"
#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_ZONE_EDITOR (dc_zone_editor_get_type ())

G_DECLARE_FINAL_TYPE (DcZoneEditor, dc_zone_editor, DC, ZONE_EDITOR, AdwBin)

GtkWidget          *dc_zone_editor_new            (void);
const char *const  *dc_zone_editor_get_selection  (DcZoneEditor       *self);
void                dc_zone_editor_set_selection  (DcZoneEditor       *self,
                                                   const char *const  *zone_ids);
GListStore         *dc_zone_editor_get_treatments (DcZoneEditor       *self);
void                dc_zone_editor_set_treatments (DcZoneEditor       *self,
                                                   GListStore         *treatments);
GListModel         *dc_zone_editor_get_devices    (DcZoneEditor       *self);
void                dc_zone_editor_set_devices    (DcZoneEditor       *self,
                                                   GListModel         *devices);
GListModel         *dc_zone_editor_get_lots       (DcZoneEditor       *self);
void                dc_zone_editor_set_lots       (DcZoneEditor       *self,
                                                   GListModel         *lots);
DcChartHistory     *dc_zone_editor_get_history    (DcZoneEditor       *self);
void                dc_zone_editor_set_history    (DcZoneEditor       *self,
                                                   DcChartHistory     *history);
GListModel         *dc_zone_editor_get_guidance   (DcZoneEditor       *self);
void                dc_zone_editor_set_guidance   (DcZoneEditor       *self,
                                                   GListModel         *guidance);
gint64              dc_zone_editor_get_session_id (DcZoneEditor       *self);
void                dc_zone_editor_set_session_id (DcZoneEditor       *self,
                                                   gint64              session_id);

G_END_DECLS
