/* dc-safety.c: the patient's conditions that apply to a device family. */

#include "config.h"

#include "dc-safety.h"

/**
 * dc_safety_flags_for_family:
 *
 * Returns: the recorded conditions that are contraindications or cautions
 *   for a treatment with @family: all of them for RF; without the RF-only
 *   ones (pacemaker, metal implants, copper IUD) for pens and rollers.
 */
DcMedicalFlags
dc_safety_flags_for_family (DcMedicalFlags flags,
                            DcDeviceKind   family)
{
  if (family == DC_DEVICE_RF)
    return flags;
  return flags & ~DC_MEDICAL_RF_ONLY;
}

/**
 * dc_safety_pih_risk:
 *
 * Returns: whether the skin type carries a higher risk of post-inflammatory
 *   hyperpigmentation (Fitzpatrick IV–VI), which the session shows
 *   prominently.
 */
gboolean
dc_safety_pih_risk (int fitzpatrick)
{
  return fitzpatrick >= 4 && fitzpatrick <= 6;
}
