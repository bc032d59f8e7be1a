/* dc-new-patient-dialog.h: the dialog that registers a new patient. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_NEW_PATIENT_DIALOG (dc_new_patient_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DcNewPatientDialog, dc_new_patient_dialog, DC, NEW_PATIENT_DIALOG, AdwWindow)

DcNewPatientDialog *dc_new_patient_dialog_new (GtkWindow *parent,
                                               DcStore   *store);

G_END_DECLS
