/* dc-safety.h: which of a patient's recorded conditions matter for a
 * treatment, from DOMAIN.md's contraindications and cautions. */
#pragma once

#include "dc-enums.h"
#include "dc-patient.h"

G_BEGIN_DECLS

/* Conditions that concern RF energy only: a current through the tissue. */
#define DC_MEDICAL_RF_ONLY (DC_MEDICAL_PACEMAKER | DC_MEDICAL_METAL_IMPLANTS \
                            | DC_MEDICAL_COPPER_IUD)

DcMedicalFlags dc_safety_flags_for_family (DcMedicalFlags flags,
                                           DcDeviceKind   family);
gboolean       dc_safety_pih_risk         (int            fitzpatrick);

/* Days within which a previous session makes the interval short. */
#define DC_SAFETY_SHORT_INTERVAL_DAYS 28

/* A warning the practitioner acknowledges before going on. */
typedef struct
{
  DcSafetyKind  kind;
  char         *detail;   /* kept with the acknowledgement: a flag's nick,
                           * a date, a number of days */
  char         *title;    /* translated, one line */
  char         *body;     /* translated, what to consider */
} DcSafetyWarning;

void            dc_safety_warning_free     (DcSafetyWarning *warning);
char           *dc_safety_describe         (DcSafetyKind     kind,
                                            const char      *detail);

GPtrArray      *dc_safety_check            (DcPatient       *patient,
                                            const GDate     *session_day,
                                            const GDate     *previous_day,
                                            DcMedicalFlags   concerning);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcSafetyWarning, dc_safety_warning_free)

G_END_DECLS
