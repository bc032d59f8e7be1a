/* dc-window.h: the main window: patient list, patient and session pages. */
#pragma once

#include <adwaita.h>

#include "dc-backup.h"
#include "dc-patient-list.h"
#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_WINDOW (dc_window_get_type ())

G_DECLARE_FINAL_TYPE (DcWindow, dc_window, DC, WINDOW, AdwApplicationWindow)

DcWindow *dc_window_new            (GtkApplication        *application);
void      dc_window_set_store      (DcWindow              *self,
                                    DcStore               *store);
void      dc_window_show_opening   (DcWindow              *self);
void      dc_window_show_error     (DcWindow              *self,
                                    const GError          *error);
void      dc_window_show_restoring (DcWindow              *self,
                                    DcProgress            *progress);
void      dc_window_show_restored  (DcWindow              *self,
                                    const DcRestoreResult *result,
                                    const GError          *error);
void      dc_window_add_toast      (DcWindow              *self,
                                    AdwToast              *toast);
DcPatientList *
          dc_window_get_patient_list (DcWindow            *self);

G_END_DECLS
