/* test-gui.c: drives the real main window the way a practitioner would —
 * through its actions and its own widgets — and checks the database. */

#include "config.h"

#include <adwaita.h>

#include "dc-new-patient-dialog-private.h"
#include "dc-session-page.h"
#include "dc-store.h"
#include "dc-test-util.h"
#include "dc-window-private.h"

#define TIMEOUT_SECONDS 10

static gboolean has_display;

typedef gboolean (*Predicate) (gpointer data);

/* Iterates the main loop until @predicate holds, failing after a while:
 * saves land when the store's worker is done, not at a known time. */
static void
wait_until (Predicate predicate,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!predicate (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
dialog_closed (gpointer data)
{
  return _dc_window_get_new_patient_dialog (data) == NULL;
}

static gboolean
session_shown (gpointer data)
{
  return dc_session_page_get_session (_dc_window_get_session_page (data)) != NULL;
}

typedef struct
{
  DcStore *store;
  gint64   patient_id;
} SessionQuery;

static gboolean
session_notes_saved (gpointer data)
{
  SessionQuery *query = data;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(GError) error = NULL;

  sessions = dc_store_list (query->store, DC_TYPE_SESSION, query->patient_id, &error);
  g_assert_no_error (error);
  if (g_list_model_get_n_items (sessions) != 1)
    return FALSE;

  session = g_list_model_get_item (sessions, 0);
  return g_strcmp0 (dc_session_get_notes (session), "Even erythema, no bleeding") == 0;
}

/* A closed window leaves its application; the test's reference keeps it
 * from being disposed until g_assert_finalize_object(). */
static gboolean
window_closed (gpointer data)
{
  return gtk_application_get_windows (data) == NULL;
}

static void
test_window_patient_and_session (void)
{
  StoreFixture fixture;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  DcNewPatientDialog *dialog;
  DcSessionPage *session_page;
  DcSession *session;
  DcWindow *window;
  SessionQuery query;

  if (!has_display)
    {
      g_test_skip ("No display to show the window on");
      return;
    }

  store_fixture_setup (&fixture, NULL);

  app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = g_object_ref (dc_window_new (GTK_APPLICATION (app)));
  gtk_window_present (GTK_WINDOW (window));
  dc_window_set_store (window, fixture.store);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* A new patient, typed into the dialog's own rows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-patient", NULL));
  dialog = _dc_window_get_new_patient_dialog (window);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (dialog->family_name_row), "Müller");
  gtk_editable_set_text (GTK_EDITABLE (dialog->given_name_row), "Anna");
  gtk_editable_set_text (GTK_EDITABLE (dialog->birth_date_row), "1984-03-07");
  adw_combo_row_set_selected (dialog->fitzpatrick_row, 4);
  g_assert_cmpstr (dc_birth_date_row_get_date (dialog->birth_date_row), ==, "1984-03-07");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-patient.create", NULL));
  wait_until (dialog_closed, window);

  patients = dc_store_search_patients (fixture.store, "muller", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 1);
  patient = g_list_model_get_item (patients, 0);
  g_assert_cmpstr (dc_patient_get_given_name (patient), ==, "Anna");
  g_assert_cmpstr (dc_patient_get_birth_date (patient), ==, "1984-03-07");
  g_assert_cmpint (dc_patient_get_fitzpatrick (patient), ==, 4);

  /* A session for the patient now shown, edited on its page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", NULL));
  wait_until (session_shown, window);
  session_page = _dc_window_get_session_page (window);
  session = dc_session_page_get_session (session_page);
  g_assert_cmpint (dc_session_get_patient_id (session), ==,
                   dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_notes (session, "Even erythema, no bleeding");

  query.store = fixture.store;
  query.patient_id = dc_record_get_id (DC_RECORD (patient));
  wait_until (session_notes_saved, &query);

  /* Closing writes whatever is pending, then the window goes away whole. */
  gtk_window_close (GTK_WINDOW (window));
  wait_until (window_closed, app);
  g_assert_finalize_object (window);

  /* Let the store's last answers reach the main loop, so that nothing
   * holds the store any more. */
  dc_store_close (fixture.store);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  store_fixture_teardown (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  has_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
  if (has_display)
    gtk_test_init (&argc, &argv, NULL);
  else
    g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/window/patient-and-session", test_window_patient_and_session);

  return g_test_run ();
}
