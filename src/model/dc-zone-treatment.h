/* dc-zone-treatment.h: the ZoneTreatment record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_ZONE_TREATMENT (dc_zone_treatment_get_type ())

G_DECLARE_FINAL_TYPE (DcZoneTreatment, dc_zone_treatment, DC, ZONE_TREATMENT, DcRecord)

DcZoneTreatment *dc_zone_treatment_new                  (void);
gint64           dc_zone_treatment_get_session_id       (DcZoneTreatment *self);
const char      *dc_zone_treatment_get_zone             (DcZoneTreatment *self);
gint64           dc_zone_treatment_get_device_id        (DcZoneTreatment *self);
double           dc_zone_treatment_get_depth_mm         (DcZoneTreatment *self);
int              dc_zone_treatment_get_passes           (DcZoneTreatment *self);
int              dc_zone_treatment_get_needle_count     (DcZoneTreatment *self);
int              dc_zone_treatment_get_speed            (DcZoneTreatment *self);
gint64           dc_zone_treatment_get_cartridge_lot_id (DcZoneTreatment *self);
double           dc_zone_treatment_get_energy           (DcZoneTreatment *self);
double           dc_zone_treatment_get_pulse_ms         (DcZoneTreatment *self);
DcRfMode         dc_zone_treatment_get_rf_mode          (DcZoneTreatment *self);
int              dc_zone_treatment_get_tip_pins         (DcZoneTreatment *self);
gboolean         dc_zone_treatment_get_insulated        (DcZoneTreatment *self);
const char      *dc_zone_treatment_get_guidance_reason  (DcZoneTreatment *self);
const char      *dc_zone_treatment_get_note             (DcZoneTreatment *self);

void dc_zone_treatment_set_session_id (DcZoneTreatment *self,
    gint64 session_id);
void dc_zone_treatment_set_zone (DcZoneTreatment *self,
    const char *zone);
void dc_zone_treatment_set_device_id (DcZoneTreatment *self,
    gint64 device_id);
void dc_zone_treatment_set_depth_mm (DcZoneTreatment *self,
    double depth_mm);
void dc_zone_treatment_set_passes (DcZoneTreatment *self,
    int passes);
void dc_zone_treatment_set_needle_count (DcZoneTreatment *self,
    int needle_count);
void dc_zone_treatment_set_speed (DcZoneTreatment *self,
    int speed);
void dc_zone_treatment_set_cartridge_lot_id (DcZoneTreatment *self,
    gint64 cartridge_lot_id);
void dc_zone_treatment_set_energy (DcZoneTreatment *self,
    double energy);
void dc_zone_treatment_set_pulse_ms (DcZoneTreatment *self,
    double pulse_ms);
void dc_zone_treatment_set_rf_mode (DcZoneTreatment *self,
    DcRfMode  rf_mode);
void dc_zone_treatment_set_tip_pins (DcZoneTreatment *self,
    int tip_pins);
void dc_zone_treatment_set_insulated (DcZoneTreatment *self,
    gboolean insulated);
void dc_zone_treatment_set_guidance_reason (DcZoneTreatment *self,
    const char *guidance_reason);
void dc_zone_treatment_set_note (DcZoneTreatment *self,
    const char *note);

G_END_DECLS
