/* dc-birth-date-row.h: an entry row for a date of birth, typed in the
 * user's date format and shown back with the resulting age. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DC_TYPE_BIRTH_DATE_ROW (dc_birth_date_row_get_type ())

G_DECLARE_FINAL_TYPE (DcBirthDateRow, dc_birth_date_row, DC, BIRTH_DATE_ROW, AdwEntryRow)

const char *dc_birth_date_row_get_date (DcBirthDateRow *self);
void        dc_birth_date_row_set_date (DcBirthDateRow *self,
                                        const char     *date);

G_END_DECLS
