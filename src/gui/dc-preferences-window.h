/* dc-preferences-window.h: the clinic's details, practitioners, devices and
 * depth guidance. */
#pragma once

#include <adwaita.h>

#include "dc-record-saver.h"
#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_PREFERENCES_WINDOW (dc_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DcPreferencesWindow, dc_preferences_window, DC, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

DcPreferencesWindow *dc_preferences_window_new                (GtkWindow           *parent,
                                                               DcStore             *store,
                                                               DcRecordSaver       *saver,
                                                               GListStore          *practitioners);
void                 dc_preferences_window_show_practitioners (DcPreferencesWindow *self);

G_END_DECLS
