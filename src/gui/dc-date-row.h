/* dc-date-row.h: a row showing a date of the record, chosen from a calendar
 * popover; optionally clearable and with "in 4/6 weeks" shortcuts. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DC_TYPE_DATE_ROW (dc_date_row_get_type ())

G_DECLARE_FINAL_TYPE (DcDateRow, dc_date_row, DC, DATE_ROW, AdwActionRow)

const char *dc_date_row_get_date           (DcDateRow  *self);
void        dc_date_row_set_date           (DcDateRow  *self,
                                            const char *date);
void        dc_date_row_set_reference_date (DcDateRow  *self,
                                            const char *date);

G_END_DECLS
