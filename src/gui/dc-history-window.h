/* dc-history-window.h: a patient's history: who changed what in the
 * record, and when, newest first. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_HISTORY_WINDOW (dc_history_window_get_type ())

G_DECLARE_FINAL_TYPE (DcHistoryWindow, dc_history_window, DC, HISTORY_WINDOW, AdwWindow)

GtkWidget  *dc_history_window_new         (GtkWindow       *parent,
                                           DcStore         *store,
                                           DcPatient       *patient);
gboolean    dc_history_window_get_loading (DcHistoryWindow *self);
GListModel *dc_history_window_get_shown   (DcHistoryWindow *self);
void        dc_history_window_reload      (DcHistoryWindow *self);

G_END_DECLS
