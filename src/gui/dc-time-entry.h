/* dc-time-entry.h: hours and minutes of a time of day, as two spin
 * buttons. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DC_TYPE_TIME_ENTRY (dc_time_entry_get_type ())

G_DECLARE_FINAL_TYPE (DcTimeEntry, dc_time_entry, DC, TIME_ENTRY, AdwBin)

int  dc_time_entry_get_minutes (DcTimeEntry *self);
void dc_time_entry_set_minutes (DcTimeEntry *self,
                                int          minutes);

G_END_DECLS
