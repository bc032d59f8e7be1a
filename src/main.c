/* main.c: localisation set-up, then the application. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "dc-application.h"
#include "dc-report-language.h"
#include "dc-startup-timing.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DcApplication) app = NULL;
  const char *localedir;

  dc_startup_timing_begin ();
  localedir = g_getenv ("DERMACHART_LOCALEDIR");
  setlocale (LC_ALL, "");
  /* Reports are written in their patient's language by threads with a
   * locale of their own, which LANGUAGE would outrank: it becomes the
   * program's messages locale instead. */
  dc_report_language_take_environment ();
  /* The uninstalled build (meson devenv) points at its own catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* No textdomain(): every string names its domain (gi18n-lib.h, the
   * templates' domain="dermachart"). Setting it would make GLib decide,
   * once and for good, not to translate when the program starts in a
   * locale without our catalogue (C.UTF-8, say), and a report could then
   * not be written in the patient's language (g_dgettext()'s check). */

  app = dc_application_new ();
  return dc_application_run (app, argc, argv);
}
