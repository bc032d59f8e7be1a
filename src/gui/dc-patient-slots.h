/* dc-patient-slots.h: search results as the patient list shows them,
 * one lasting item per place in the list. */
#pragma once

#include <gio/gio.h>

#include "dc-model.h"
#include "dc-patient-results.h"

G_BEGIN_DECLS

#define DC_TYPE_PATIENT_SLOT (dc_patient_slot_get_type ())

G_DECLARE_FINAL_TYPE (DcPatientSlot, dc_patient_slot, DC, PATIENT_SLOT, GObject)

DcPatient *dc_patient_slot_get_patient (DcPatientSlot *self);

#define DC_TYPE_PATIENT_SLOTS (dc_patient_slots_get_type ())

G_DECLARE_FINAL_TYPE (DcPatientSlots, dc_patient_slots, DC, PATIENT_SLOTS, GObject)

DcPatientSlots   *dc_patient_slots_new         (void);
DcPatientResults *dc_patient_slots_get_results (DcPatientSlots   *self);
void              dc_patient_slots_set_results (DcPatientSlots   *self,
                                                DcPatientResults *results);

G_END_DECLS
