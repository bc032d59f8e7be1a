/* dc-report-language.h: the languages reports are written in, and the
 * locales that write them. */
#pragma once

#include <glib.h>
#include <locale.h>

G_BEGIN_DECLS

const char *dc_report_language_get_locale  (const char  *language);
gboolean    dc_report_language_use         (const char  *language,
                                            locale_t    *previous,
                                            GError     **error);
void        dc_report_language_restore     (locale_t     previous);
void        dc_report_language_take_environment (void);

G_END_DECLS
