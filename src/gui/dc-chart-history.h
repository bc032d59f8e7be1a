/* dc-chart-history.h: undo and redo of the chart edits of one session. */
#pragma once

#include <gio/gio.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_CHART_HISTORY (dc_chart_history_get_type ())

G_DECLARE_FINAL_TYPE (DcChartHistory, dc_chart_history, DC, CHART_HISTORY, GObject)

DcChartHistory *dc_chart_history_new            (GListStore       *treatments);
GListStore     *dc_chart_history_get_treatments (DcChartHistory   *self);

void            dc_chart_history_begin          (DcChartHistory   *self,
                                                 const char       *label);
void            dc_chart_history_track          (DcChartHistory   *self,
                                                 DcZoneTreatment  *treatment);
void            dc_chart_history_add            (DcChartHistory   *self,
                                                 DcZoneTreatment  *treatment);
void            dc_chart_history_remove         (DcChartHistory   *self,
                                                 DcZoneTreatment  *treatment);
gboolean        dc_chart_history_commit         (DcChartHistory   *self);

gboolean        dc_chart_history_get_can_undo   (DcChartHistory   *self);
gboolean        dc_chart_history_get_can_redo   (DcChartHistory   *self);
const char     *dc_chart_history_get_undo_label (DcChartHistory   *self);
const char     *dc_chart_history_get_redo_label (DcChartHistory   *self);
gboolean        dc_chart_history_undo           (DcChartHistory   *self);
gboolean        dc_chart_history_redo           (DcChartHistory   *self);
void            dc_chart_history_clear          (DcChartHistory   *self);

G_END_DECLS
