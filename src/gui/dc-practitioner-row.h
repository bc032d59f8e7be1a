/* dc-practitioner-row.h: one practitioner in the preferences, editable. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_PRACTITIONER_ROW (dc_practitioner_row_get_type ())

G_DECLARE_FINAL_TYPE (DcPractitionerRow, dc_practitioner_row, DC, PRACTITIONER_ROW,
                      AdwExpanderRow)

GtkWidget *dc_practitioner_row_new         (DcPractitioner    *practitioner);
void       dc_practitioner_row_set_error   (DcPractitionerRow *self,
                                            const GError      *error);
gboolean   dc_practitioner_row_get_invalid (DcPractitionerRow *self);

G_END_DECLS
