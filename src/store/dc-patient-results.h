/* dc-patient-results.h: the patients a search found, read as they are
 * shown. */
#pragma once

#include <gio/gio.h>

#include "dc-model.h"

G_BEGIN_DECLS

#define DC_TYPE_PATIENT_RESULTS (dc_patient_results_get_type ())

G_DECLARE_FINAL_TYPE (DcPatientResults, dc_patient_results, DC, PATIENT_RESULTS, GObject)

guint    dc_patient_results_find      (DcPatientResults  *self,
                                       gint64             id);
gboolean dc_patient_results_is_read   (DcPatientResults  *self,
                                       guint              position);
gboolean dc_patient_results_replace   (DcPatientResults  *self,
                                       DcPatient         *patient);

G_END_DECLS
