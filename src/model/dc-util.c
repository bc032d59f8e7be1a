/* dc-util.c: date and timestamp helpers shared by model, store and UI. */

#include "config.h"

#include "dc-util.h"

#include <string.h>

gboolean
dc_set_str (char       **ptr,
            const char  *value)
{
  char *copy;

  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*ptr);
  *ptr = copy;
  return TRUE;
}

/**
 * dc_date_parse:
 *
 * Parses a strict ISO 8601 calendar date ("YYYY-MM-DD"), the only date
 * format the record stores.
 */
gboolean
dc_date_parse (const char *text,
               GDate      *date)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  if (date != NULL)
    g_date_set_dmy (date, day, month, year);
  return TRUE;
}

gboolean
dc_date_is_valid (const char *text)
{
  return dc_date_parse (text, NULL);
}

char *
dc_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

GDateTime *
dc_timestamp_parse (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (text, utc);
}

gboolean
dc_timestamp_is_valid (const char *text)
{
  g_autoptr(GDateTime) dt = dc_timestamp_parse (text);

  return dt != NULL;
}

char *
dc_timestamp_format (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
dc_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return dc_timestamp_format (now);
}

/**
 * dc_format_decimal:
 *
 * "0.25", "0.5", "1": at most two decimals, no trailing zeros, with the
 * locale's decimal separator on purpose, since people read it ("0,5" in
 * German). Never use it for anything a program reads back.
 */
char *
dc_format_decimal (double value)
{
  char *text = g_strdup_printf ("%.2f", value);
  gsize length = strlen (text);

  if (strpbrk (text, ".,") == NULL)
    return text;
  while (length > 0 && text[length - 1] == '0')
    text[--length] = '\0';
  if (length > 0 && !g_ascii_isdigit (text[length - 1]))
    text[--length] = '\0';
  return text;
}

/* A language code as gettext and the report renderer take it: "de",
 * "pt_BR". */
gboolean
dc_language_is_valid (const char *code)
{
  gsize len;

  if (code == NULL)
    return FALSE;

  len = strlen (code);
  if (len != 2 && len != 3 && len != 5)
    return FALSE;
  for (gsize i = 0; i < MIN (len, 3); i++)
    if (code[i] != '_' && !g_ascii_islower (code[i]))
      return FALSE;
  if (len == 5)
    return code[2] == '_' && g_ascii_isupper (code[3]) && g_ascii_isupper (code[4]);
  return TRUE;
}
