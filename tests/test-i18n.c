/* test-i18n.c: the interface in the user's language. Started with
 * LANG=de_DE.UTF-8 (meson sets it for this test), the widgets read German;
 * and LANGUAGE, which the program turns into its messages locale, picks
 * the language too. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <locale.h>

#include "dc-report-language.h"
#include "dc-zone-editor.h"

static gpointer
find_child (GtkWidget  *widget,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_child (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_german_labels (void)
{
  GtkWidget *editor;
  AdwPreferencesRow *device_row;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display");
      return;
    }

  editor = g_object_ref_sink (dc_zone_editor_new ());
  device_row = find_child (editor, "device_row");
  g_assert_nonnull (device_row);
  g_assert_cmpstr (adw_preferences_row_get_title (device_row), ==, "Gerät");
  /* A plural from code, in the same domain. */
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", 5), ==,
                   "%d Minuten");
  g_object_unref (editor);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    {
      gtk_test_init (&argc, &argv, NULL);
      adw_init ();
    }
  else
    g_test_init (&argc, &argv, NULL);

  /* As main.c does (gtk_test_init() chose the C locale): the
   * environment's locale, and LANGUAGE taken in. */
  setlocale (LC_ALL, "");
  dc_report_language_take_environment ();
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DERMACHART_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/i18n/german-labels", test_german_labels);

  return g_test_run ();
}
