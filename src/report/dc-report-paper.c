/* dc-report-paper.c: A4 and US Letter, and which of them the locale expects.
 *
 * glibc knows each locale's paper (LC_PAPER); elsewhere, or for a locale
 * that is not installed, the territory decides: the United States and
 * Canada use Letter, the rest of the world A4. */

#include "config.h"

#include "dc-report-paper.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

/* Sizes in PostScript points (1/72 inch). */
#define A4_WIDTH      (210.0 / 25.4 * 72.0)
#define A4_HEIGHT     (297.0 / 25.4 * 72.0)
#define LETTER_WIDTH  (8.5 * 72.0)
#define LETTER_HEIGHT (11.0 * 72.0)

static DcReportPaper
paper_for_territory (const char *locale_name)
{
  static const char *const letter_territories[] = { "US", "CA", "PR", "MX", "PH", "CL", "CO",
                                                    "VE", "GT", "CR", "PA", "DO", "SV", "NI" };
  const char *underscore;

  if (locale_name == NULL)
    return DC_REPORT_PAPER_A4;

  underscore = strchr (locale_name, '_');
  if (underscore == NULL || strlen (underscore) < 3)
    return DC_REPORT_PAPER_A4;

  for (guint i = 0; i < G_N_ELEMENTS (letter_territories); i++)
    if (strncmp (underscore + 1, letter_territories[i], 2) == 0)
      return DC_REPORT_PAPER_LETTER;

  return DC_REPORT_PAPER_A4;
}

#if defined(__GLIBC__) && defined(_NL_PAPER_WIDTH)
/* Width in millimetres, as glibc stores it: the integer in the pointer. */
static DcReportPaper
paper_from_langinfo (locale_t locale)
{
  int width = (int) (gintptr) nl_langinfo_l (_NL_PAPER_WIDTH, locale);
  int height = (int) (gintptr) nl_langinfo_l (_NL_PAPER_HEIGHT, locale);

  /* Letter is 216 × 279 mm; anything else (A4 is 210 × 297) gets A4. */
  if (width == 216 && height == 279)
    return DC_REPORT_PAPER_LETTER;

  return DC_REPORT_PAPER_A4;
}
#endif

/**
 * dc_report_paper_for_locale:
 * @locale_name: a locale such as "en_US.UTF-8"
 *
 * Returns: the paper that @locale_name's users expect.
 */
DcReportPaper
dc_report_paper_for_locale (const char *locale_name)
{
  g_return_val_if_fail (locale_name != NULL, DC_REPORT_PAPER_A4);

#if defined(__GLIBC__) && defined(_NL_PAPER_WIDTH)
  {
    locale_t locale = newlocale (LC_PAPER_MASK, locale_name, (locale_t) 0);

    if (locale != (locale_t) 0)
      {
        DcReportPaper paper = paper_from_langinfo (locale);

        freelocale (locale);
        return paper;
      }
  }
#endif

  return paper_for_territory (locale_name);
}

/**
 * dc_report_paper_get_default:
 *
 * Returns: the paper of the current (thread's) LC_PAPER locale.
 */
DcReportPaper
dc_report_paper_get_default (void)
{
#if defined(__GLIBC__) && defined(_NL_PAPER_WIDTH)
  locale_t current = uselocale ((locale_t) 0);

  if (current == LC_GLOBAL_LOCALE)
    {
      const char *name = setlocale (LC_PAPER, NULL);

      /* A program that never called setlocale() is in "C", whose paper
       * says nothing about where it runs: ask the environment instead. */
      if (name == NULL || strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0)
        {
          const char *const *names = g_get_language_names_with_category ("LC_PAPER");

          return names[0] != NULL ? dc_report_paper_for_locale (names[0]) : DC_REPORT_PAPER_A4;
        }
    }

  return paper_from_langinfo (current);
#else
  const char *const *names = g_get_language_names_with_category ("LC_PAPER");

  return names[0] != NULL ? paper_for_territory (names[0]) : DC_REPORT_PAPER_A4;
#endif
}

/**
 * dc_report_paper_get_size:
 * @paper: a paper
 * @width: (out) (optional): width in points
 * @height: (out) (optional): height in points
 */
void
dc_report_paper_get_size (DcReportPaper  paper,
                          double        *width,
                          double        *height)
{
  gboolean letter = paper == DC_REPORT_PAPER_LETTER;

  if (width != NULL)
    *width = letter ? LETTER_WIDTH : A4_WIDTH;
  if (height != NULL)
    *height = letter ? LETTER_HEIGHT : A4_HEIGHT;
}

/* Stable names for settings and the command line. */
const char *
dc_report_paper_to_string (DcReportPaper paper)
{
  return paper == DC_REPORT_PAPER_LETTER ? "letter" : "a4";
}

gboolean
dc_report_paper_from_string (const char    *name,
                             DcReportPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (g_strcmp0 (name, "a4") == 0)
    *paper = DC_REPORT_PAPER_A4;
  else if (g_strcmp0 (name, "letter") == 0)
    *paper = DC_REPORT_PAPER_LETTER;
  else
    return FALSE;

  return TRUE;
}
