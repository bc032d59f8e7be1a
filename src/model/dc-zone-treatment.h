/* dc-zone-treatment.h: the ZoneTreatment record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_ZONE_TREATMENT (dc_zone_treatment_get_type ())

G_DECLARE_FINAL_TYPE (DcZoneTreatment, dc_zone_treatment, DC, ZONE_TREATMENT, DcRecord)

DcZoneTreatment *dc_zone_treatment_new (void);

gint64 dc_zone_treatment_get_session_id (DcZoneTreatment *self);
void dc_zone_treatment_set_session_id (DcZoneTreatment *self,
    gint64 session_id);
const char *dc_zone_treatment_get_zone (DcZoneTreatment *self);
void dc_zone_treatment_set_zone (DcZoneTreatment *self,
    const char *zone);
gint64 dc_zone_treatment_get_device_id (DcZoneTreatment *self);
void dc_zone_treatment_set_device_id (DcZoneTreatment *self,
    gint64 device_id);
double dc_zone_treatment_get_depth_mm (DcZoneTreatment *self);
void dc_zone_treatment_set_depth_mm (DcZoneTreatment *self,
    double depth_mm);
int dc_zone_treatment_get_passes (DcZoneTreatment *self);
void dc_zone_treatment_set_passes (DcZoneTreatment *self,
    int passes);
int dc_zone_treatment_get_needle_count (DcZoneTreatment *self);
void dc_zone_treatment_set_needle_count (DcZoneTreatment *self,
    int needle_count);
int dc_zone_treatment_get_speed (DcZoneTreatment *self);
void dc_zone_treatment_set_speed (DcZoneTreatment *self,
    int speed);
gint64 dc_zone_treatment_get_cartridge_lot_id (DcZoneTreatment *self);
void dc_zone_treatment_set_cartridge_lot_id (DcZoneTreatment *self,
    gint64 cartridge_lot_id);
double dc_zone_treatment_get_energy (DcZoneTreatment *self);
void dc_zone_treatment_set_energy (DcZoneTreatment *self,
    double energy);
double dc_zone_treatment_get_pulse_ms (DcZoneTreatment *self);
void dc_zone_treatment_set_pulse_ms (DcZoneTreatment *self,
    double pulse_ms);
DcRfMode  dc_zone_treatment_get_rf_mode (DcZoneTreatment *self);
void dc_zone_treatment_set_rf_mode (DcZoneTreatment *self,
    DcRfMode  rf_mode);
int dc_zone_treatment_get_tip_pins (DcZoneTreatment *self);
void dc_zone_treatment_set_tip_pins (DcZoneTreatment *self,
    int tip_pins);
gboolean dc_zone_treatment_get_insulated (DcZoneTreatment *self);
void dc_zone_treatment_set_insulated (DcZoneTreatment *self,
    gboolean insulated);
const char *dc_zone_treatment_get_guidance_reason (DcZoneTreatment *self);
void dc_zone_treatment_set_guidance_reason (DcZoneTreatment *self,
    const char *guidance_reason);
const char *dc_zone_treatment_get_note (DcZoneTreatment *self);
void dc_zone_treatment_set_note (DcZoneTreatment *self,
    const char *note);

G_END_DECLS
