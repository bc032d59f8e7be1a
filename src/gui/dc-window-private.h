/* dc-window-private.h: what the GUI test needs to reach inside the window:
 * the dialog and pages it drives through their own widgets. */
#pragma once

#include "dc-new-patient-dialog.h"
#include "dc-session-page.h"
#include "dc-window.h"

G_BEGIN_DECLS

DcNewPatientDialog *_dc_window_get_new_patient_dialog (DcWindow *self);
DcSessionPage      *_dc_window_get_session_page       (DcWindow *self);

G_END_DECLS
