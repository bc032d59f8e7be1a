/* dc-safety.h: which of a patient's recorded conditions matter for a
 * treatment, from DOMAIN.md's contraindications and cautions. */
#pragma once

#include "dc-enums.h"

G_BEGIN_DECLS

/* Conditions that concern RF energy only: a current through the tissue. */
#define DC_MEDICAL_RF_ONLY (DC_MEDICAL_PACEMAKER | DC_MEDICAL_METAL_IMPLANTS \
                            | DC_MEDICAL_COPPER_IUD)

DcMedicalFlags dc_safety_flags_for_family (DcMedicalFlags flags,
                                           DcDeviceKind   family);
gboolean       dc_safety_pih_risk         (int            fitzpatrick);

G_END_DECLS
