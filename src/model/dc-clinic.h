/* dc-clinic.h: the Clinic record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_CLINIC (dc_clinic_get_type ())

G_DECLARE_FINAL_TYPE (DcClinic, dc_clinic, DC, CLINIC, DcRecord)

DcClinic   *dc_clinic_new         (void);
const char *dc_clinic_get_name    (DcClinic *self);
const char *dc_clinic_get_address (DcClinic *self);
const char *dc_clinic_get_phone   (DcClinic *self);
const char *dc_clinic_get_email   (DcClinic *self);
const char *dc_clinic_get_website (DcClinic *self);
GBytes     *dc_clinic_get_logo    (DcClinic *self);

void dc_clinic_set_name (DcClinic *self,
    const char *name);
void dc_clinic_set_address (DcClinic *self,
    const char *address);
void dc_clinic_set_phone (DcClinic *self,
    const char *phone);
void dc_clinic_set_email (DcClinic *self,
    const char *email);
void dc_clinic_set_website (DcClinic *self,
    const char *website);
void dc_clinic_set_logo (DcClinic *self,
    GBytes *logo);

G_END_DECLS
