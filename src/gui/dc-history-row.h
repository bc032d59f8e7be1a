/* dc-history-row.h: one row of the history window: the heading of a day,
 * or a change that expands to show every field it changed. */
#pragma once

#include <gtk/gtk.h>

#include "dc-history-item.h"

G_BEGIN_DECLS

#define DC_TYPE_HISTORY_ROW (dc_history_row_get_type ())

G_DECLARE_FINAL_TYPE (DcHistoryRow, dc_history_row, DC, HISTORY_ROW, GtkWidget)

GtkWidget     *dc_history_row_new      (void);
DcHistoryItem *dc_history_row_get_item (DcHistoryRow  *self);
void           dc_history_row_set_item (DcHistoryRow  *self,
                                        DcHistoryItem *item);

G_END_DECLS
