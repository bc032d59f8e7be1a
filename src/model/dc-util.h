/* dc-util.h: small helpers for the text formats of the record: ISO 8601
 * dates ("1984-03-07") and UTC timestamps ("2026-11-24T09:30:00Z"). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   dc_set_str              (char       **ptr,
                                    const char  *value);

gboolean   dc_date_parse           (const char  *text,
                                    GDate       *date);
gboolean   dc_date_is_valid        (const char  *text);
char      *dc_date_today           (void);

GDateTime *dc_timestamp_parse      (const char  *text);
gboolean   dc_timestamp_is_valid   (const char  *text);
char      *dc_timestamp_format     (GDateTime   *date_time);
char      *dc_timestamp_now        (void);

gboolean   dc_language_is_valid    (const char  *code);

char      *dc_format_decimal       (double       value);

G_END_DECLS
