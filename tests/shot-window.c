/* shot-window.c: the main window in a given state, for screenshots taken
 * by hand (import -window root) when a change to the interface is looked
 * at. Not a test.
 *
 *   shot-window DB FAMILY-NAME [SESSION-INDEX [ACTION]]
 *
 * Opens DB, chooses the first practitioner as the one at the keyboard,
 * shows the patient, then the session at SESSION-INDEX (0: the oldest),
 * then activates ACTION on the window (e.g. "session.sign",
 * "session.add-addendum", "win.new-session"). With SHOT_SCROLL=end in the
 * environment, the session page is scrolled to its end. Prints "ready"
 * when done. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>

#include "dc-patient-page.h"
#include "dc-session-page.h"
#include "dc-store.h"
#include "dc-window-private.h"
#include "dc-window.h"
#include "dc-zone-rules.h"

static char **arguments;
static int n_arguments;

static gboolean
ready_cb (gpointer data)
{
  g_print ("ready\n");
  return G_SOURCE_REMOVE;
}

static GtkScrolledWindow *
find_scrolled (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (child) && gtk_widget_get_mapped (child))
        return GTK_SCROLLED_WINDOW (child);
      if ((found = find_scrolled (child)) != NULL)
        return found;
    }
  return NULL;
}

/* SHOT_SCROLL=end: the session page scrolled to its end. */
static gboolean
scroll_cb (gpointer data)
{
  DcWindow *window = data;
  GtkScrolledWindow *scrolled = find_scrolled (GTK_WIDGET (_dc_window_get_session_page (window)));

  if (scrolled != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                            - gtk_adjustment_get_page_size (adjustment));
    }
  return G_SOURCE_REMOVE;
}

static gboolean
act_cb (gpointer data)
{
  DcWindow *window = data;

  if (n_arguments > 4)
    {
      GtkWidget *target = g_str_has_prefix (arguments[4], "session.")
                          ? GTK_WIDGET (_dc_window_get_session_page (window))
                          : GTK_WIDGET (window);

      gtk_widget_activate_action (target, arguments[4], NULL);
    }
  if (g_strcmp0 (g_getenv ("SHOT_SCROLL"), "end") == 0)
    g_timeout_add (700, scroll_cb, window);
  g_timeout_add (1500, ready_cb, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
show_session_cb (gpointer data)
{
  DcWindow *window = data;
  DcPatientPage *page = _dc_window_get_patient_page (window);
  GListModel *sessions = dc_patient_page_get_sessions (page);
  guint n = g_list_model_get_n_items (sessions);
  guint index = n_arguments > 3 ? (guint) atoi (arguments[3]) : 0;

  if (n_arguments > 3 && index < n)
    {
      /* The list is newest first. */
      g_autoptr(DcSession) session = g_list_model_get_item (sessions, n - 1 - index);

      g_signal_emit_by_name (page, "session-activated", session);
    }
  g_timeout_add (1500, act_cb, window);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app,
             gpointer        user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcStore) store = dc_store_open (arguments[1], &error);
  g_autoptr(GListModel) practitioners = NULL;
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  DcWindow *window;

  g_assert_no_error (error);
  dc_zone_rules_install (store);
  practitioners = dc_store_list (store, DC_TYPE_PRACTITIONER, 0, NULL);
  if (g_list_model_get_n_items (practitioners) > 0)
    {
      g_autoptr(DcRecord) first = g_list_model_get_item (practitioners, 0);

      g_settings_set_string (settings, "current-practitioner", dc_record_get_uuid (first));
    }

  window = dc_window_new (app);
  dc_window_set_store (window, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_present (GTK_WINDOW (window));

  patients = dc_store_search_patients (store, arguments[2], TRUE, NULL);
  if (g_list_model_get_n_items (patients) > 0)
    {
      g_autoptr(DcPatient) patient = g_list_model_get_item (patients, 0);

      g_signal_emit_by_name (dc_window_get_patient_list (window), "patient-activated",
                             patient);
    }
  g_timeout_add (1500, show_session_cb, window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc < 3)
    {
      g_printerr ("usage: shot-window DB FAMILY-NAME [SESSION-INDEX [ACTION]]\n");
      return 2;
    }
  arguments = argv;
  n_arguments = argc;

  /* As main.c does: the build's own catalogues, for shots in other languages. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DERMACHART_LOCALEDIR") != NULL
                                   ? g_getenv ("DERMACHART_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
