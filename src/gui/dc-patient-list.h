/* dc-patient-list.h: the sidebar: instant patient search and the list of
 * patients found, with empty states. */
#pragma once

#include <gtk/gtk.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_PATIENT_LIST (dc_patient_list_get_type ())

G_DECLARE_FINAL_TYPE (DcPatientList, dc_patient_list, DC, PATIENT_LIST, GtkWidget)

void     dc_patient_list_set_store         (DcPatientList *self,
                                            DcStore       *store);
void     dc_patient_list_reload            (DcPatientList *self);
void     dc_patient_list_set_current       (DcPatientList *self,
                                            DcPatient     *patient);
void     dc_patient_list_focus_search      (DcPatientList *self);
gboolean dc_patient_list_get_has_patients  (DcPatientList *self);
gboolean dc_patient_list_get_loading       (DcPatientList *self);
gboolean dc_patient_list_get_show_archived (DcPatientList *self);
void     dc_patient_list_set_show_archived (DcPatientList *self,
                                            gboolean       show_archived);

G_END_DECLS
