/* dc-patient-row.h: one patient in the sidebar list. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_PATIENT_ROW (dc_patient_row_get_type ())

G_DECLARE_FINAL_TYPE (DcPatientRow, dc_patient_row, DC, PATIENT_ROW, AdwBin)

DcPatientRow *dc_patient_row_new         (void);
DcPatient    *dc_patient_row_get_patient (DcPatientRow *self);
void          dc_patient_row_set_patient (DcPatientRow *self,
                                          DcPatient    *patient);

G_END_DECLS
