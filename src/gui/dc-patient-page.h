/* dc-patient-page.h: one patient: overview with cautions and session
 * history, and every detail editable in place. */
#pragma once

#include <adwaita.h>

#include "dc-record-saver.h"
#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_PATIENT_PAGE (dc_patient_page_get_type ())

G_DECLARE_FINAL_TYPE (DcPatientPage, dc_patient_page, DC, PATIENT_PAGE, AdwBin)

void           dc_patient_page_set_store         (DcPatientPage *self,
                                                  DcStore       *store);
void           dc_patient_page_set_practitioners (DcPatientPage *self,
                                                  GListModel    *practitioners);
DcPatient     *dc_patient_page_get_patient       (DcPatientPage *self);
void           dc_patient_page_set_patient       (DcPatientPage *self,
                                                  DcPatient     *patient);
DcRecordSaver *dc_patient_page_get_saver         (DcPatientPage *self);
void           dc_patient_page_reload_sessions   (DcPatientPage *self);
GListModel    *dc_patient_page_get_sessions      (DcPatientPage *self);
void           dc_patient_page_hide_session      (DcPatientPage *self,
                                                  DcSession     *session);
void           dc_patient_page_unhide_session    (DcPatientPage *self,
                                                  DcSession     *session);
void           dc_patient_page_show_details      (DcPatientPage *self);

G_END_DECLS
