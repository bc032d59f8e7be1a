/* dc-new-patient-dialog-private.h: the dialog's widgets, for the GUI test
 * that fills the form through them. */
#pragma once

#include "dc-birth-date-row.h"
#include "dc-new-patient-dialog.h"

G_BEGIN_DECLS

struct _DcNewPatientDialog
{
  AdwWindow        parent_instance;

  AdwEntryRow     *family_name_row;
  AdwEntryRow     *given_name_row;
  DcBirthDateRow  *birth_date_row;
  AdwComboRow     *sex_row;
  AdwComboRow     *fitzpatrick_row;
  AdwComboRow     *language_row;
  AdwEntryRow     *email_row;
  AdwEntryRow     *phone_row;
  GtkLabel        *hint_label;

  DcStore         *store;
  DcPatient       *patient;
  gboolean         saving;
};

G_END_DECLS
