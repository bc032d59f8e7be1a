/* dc-window-private.h: what the GUI test needs to reach inside the window:
 * the dialogs, pages and savers it drives through their own widgets. */
#pragma once

#include "dc-new-patient-dialog.h"
#include "dc-patient-list.h"
#include "dc-patient-page.h"
#include "dc-preferences-window.h"
#include "dc-record-saver.h"
#include "dc-session-page.h"
#include "dc-window.h"

G_BEGIN_DECLS

AdwStatusPage       *_dc_window_get_error_page         (DcWindow *self);
GtkWidget           *_dc_window_get_retry_button       (DcWindow *self);
const char          *_dc_window_get_main_page          (DcWindow *self);
DcNewPatientDialog  *_dc_window_get_new_patient_dialog (DcWindow *self);
DcPatientPage       *_dc_window_get_patient_page       (DcWindow *self);
DcSessionPage       *_dc_window_get_session_page       (DcWindow *self);
DcPreferencesWindow *_dc_window_get_preferences_window (DcWindow *self);
DcRecordSaver       *_dc_window_get_clinic_saver       (DcWindow *self);
gboolean             _dc_window_get_closing            (DcWindow *self);
void                 _dc_window_back_up_to             (DcWindow   *self,
                                                        const char *path);
void                 _dc_window_restore_from           (DcWindow   *self,
                                                        const char *path);

G_END_DECLS
