/* dc-report-language.c: the languages reports are written in, and the
 * locales that write them.
 *
 * A report is written in its patient's language, whatever the language of
 * the interface: the thread that lays it out switches to that language's
 * locale with uselocale(), so that messages, plurals, dates and decimal
 * separators follow that thread alone (DESIGN.md, "Per-report language").
 * LANGUAGE in the environment would outrank the thread's locale for
 * messages, so the program turns it into its messages locale at start-up
 * and removes it (dc_report_language_take_environment()). */

#include "config.h"

#include "dc-report-language.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"

/* The languages a patient can be given, and their locales. */
static const struct
{
  const char *language;
  const char *locale;
} locales[] = {
  { "ar", "ar_EG.UTF-8" },
  { "de", "de_DE.UTF-8" },
  { "en", "en_GB.UTF-8" },
  { "es", "es_ES.UTF-8" },
  { "fr", "fr_FR.UTF-8" },
};

/* Returns: (nullable): the locale that writes @language, or %NULL if
 *   reports cannot be written in it */
const char *
dc_report_language_get_locale (const char *language)
{
  for (guint i = 0; language != NULL && i < G_N_ELEMENTS (locales); i++)
    if (g_str_equal (locales[i].language, language))
      return locales[i].locale;

  return NULL;
}

/* Whether the catalogue of @language is installed, as seen from the
 * current thread's locale: its header is the translation of "". */
static gboolean
has_catalogue (const char *language)
{
  const char *header;

  if (g_str_equal (language, "en"))
    return TRUE;

  header = dgettext (GETTEXT_PACKAGE, "");
  return header != NULL && *header != '\0';
}

/**
 * dc_report_language_use:
 * @previous: (out): the locale to give back to dc_report_language_restore()
 *
 * Switches the calling thread, and it alone, to @language.
 *
 * Returns: %FALSE, with @error set and nothing switched, if reports cannot
 *   be written in @language here: an unknown language, a locale that is
 *   not installed, or a missing catalogue. A report in English in disguise
 *   would be worse than none.
 */
gboolean
dc_report_language_use (const char  *language,
                        locale_t    *previous,
                        GError     **error)
{
  const char *name = dc_report_language_get_locale (language);
  locale_t locale;

  g_return_val_if_fail (previous != NULL, FALSE);

  if (name == NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("Reports cannot be written in “%s” (languages: ar, de, en, es, fr)"),
                   language != NULL ? language : "");
      return FALSE;
    }

  locale = newlocale (LC_ALL_MASK, name, (locale_t) 0);
  if (locale == (locale_t) 0)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("The “%s” locale is not installed on this computer"), name);
      return FALSE;
    }

  *previous = uselocale (locale);
  if (!has_catalogue (language))
    {
      uselocale (*previous);
      freelocale (locale);
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("The translation into “%s” is not installed"), language);
      return FALSE;
    }

  return TRUE;
}

/* Gives the calling thread its locale back, and frees the report's. */
void
dc_report_language_restore (locale_t previous)
{
  locale_t used = uselocale (previous);

  if (used != LC_GLOBAL_LOCALE && used != previous)
    freelocale (used);
}

/**
 * dc_report_language_take_environment:
 *
 * Turns LANGUAGE into the program's messages locale, then removes it from
 * the environment: it would otherwise outrank the locale of every thread
 * that writes a report. Call it once, at start-up, before any thread.
 */
void
dc_report_language_take_environment (void)
{
  const char *value = g_getenv ("LANGUAGE");
  g_auto(GStrv) wanted = NULL;

  if (value == NULL || *value == '\0')
    {
      g_unsetenv ("LANGUAGE");
      return;
    }

  wanted = g_strsplit (value, ":", -1);
  for (guint i = 0; wanted[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (wanted[i], strcspn (wanted[i], "_.@"));
      const char *locale = dc_report_language_get_locale (code);
      g_autofree char *own = NULL;

      /* "pt_BR" as a locale of its own, else our locale for "pt". */
      if (strchr (wanted[i], '_') != NULL)
        {
          own = g_strconcat (wanted[i], strchr (wanted[i], '.') == NULL ? ".UTF-8" : "", NULL);
          if (setlocale (LC_MESSAGES, own) != NULL)
            break;
        }
      if (locale != NULL && setlocale (LC_MESSAGES, locale) != NULL)
        break;
    }

  g_unsetenv ("LANGUAGE");
}
