/* dc-patient.h: the Patient record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_PATIENT (dc_patient_get_type ())

G_DECLARE_FINAL_TYPE (DcPatient, dc_patient, DC, PATIENT, DcRecord)

DcPatient      *dc_patient_new                        (void);
const char     *dc_patient_get_family_name            (DcPatient *self);
const char     *dc_patient_get_given_name             (DcPatient *self);
const char     *dc_patient_get_birth_date             (DcPatient *self);
DcSex           dc_patient_get_sex                    (DcPatient *self);
const char     *dc_patient_get_email                  (DcPatient *self);
const char     *dc_patient_get_phone                  (DcPatient *self);
int             dc_patient_get_fitzpatrick            (DcPatient *self);
const char     *dc_patient_get_language               (DcPatient *self);
DcMedicalFlags  dc_patient_get_medical_flags          (DcPatient *self);
const char     *dc_patient_get_isotretinoin_last_dose (DcPatient *self);
const char     *dc_patient_get_allergies              (DcPatient *self);
DcConsentScope  dc_patient_get_consent                (DcPatient *self);
const char     *dc_patient_get_notes                  (DcPatient *self);
gboolean        dc_patient_get_archived               (DcPatient *self);

void dc_patient_set_family_name (DcPatient *self,
    const char *family_name);
void dc_patient_set_given_name (DcPatient *self,
    const char *given_name);
void dc_patient_set_birth_date (DcPatient *self,
    const char *birth_date);
void dc_patient_set_sex (DcPatient *self,
    DcSex  sex);
void dc_patient_set_email (DcPatient *self,
    const char *email);
void dc_patient_set_phone (DcPatient *self,
    const char *phone);
void dc_patient_set_fitzpatrick (DcPatient *self,
    int fitzpatrick);
void dc_patient_set_language (DcPatient *self,
    const char *language);
void dc_patient_set_medical_flags (DcPatient *self,
    DcMedicalFlags  medical_flags);
void dc_patient_set_isotretinoin_last_dose (DcPatient *self,
    const char *isotretinoin_last_dose);
void dc_patient_set_allergies (DcPatient *self,
    const char *allergies);
void dc_patient_set_consent (DcPatient *self,
    DcConsentScope  consent);
void dc_patient_set_notes (DcPatient *self,
    const char *notes);
void dc_patient_set_archived (DcPatient *self,
    gboolean archived);

G_END_DECLS
