/* test-gui.c: drives the real main window the way a practitioner would —
 * through its actions and its own widgets — and checks the database.
 *
 * Each test gets a fresh temporary clinic (two patients, a practitioner
 * whose name is no valid markup, a serum with a lot) and a fresh window on
 * it. Nothing sleeps: a test waits for what it
 * needs (a saver no longer busy, the store's queue worked off) and fails
 * after a timeout. */

#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dc-backup.h"
#include "dc-face-view.h"
#include "dc-gui-util.h"
#include "dc-new-patient-dialog-private.h"
#include "dc-patient-slots.h"
#include "dc-practitioner-row.h"
#include "dc-preferences-window-private.h"
#include "dc-store.h"
#include "dc-test-util.h"
#include "dc-window-private.h"

static gboolean has_display;
static AdwApplication *app;   /* one for all the tests, as on a desktop */

static gboolean
saver_idle (gpointer data)
{
  return !dc_record_saver_get_busy (data);
}

static void
wait_for_saver (DcRecordSaver *saver)
{
  wait_until (saver_idle, saver);
}

/* The window and its clinic ---------------------------------------------- */

typedef struct
{
  StoreFixture    store;
  DcWindow       *window;   /* the test's own reference, until finalized */
  DcPatient      *anna;     /* saved, with a session history of none */
  DcPatient      *jonas;
  DcPractitioner *practitioner;
  DcLot          *lot;      /* of a serum, for products used */
  DcDevice       *pen;      /* the clinic's only device */
} WindowFixture;

static void
save_sync (WindowFixture *fixture,
           gpointer       record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dc_store_save (fixture->store.store, DC_RECORD (record), &error));
  g_assert_no_error (error);
}

/* The practitioner chosen in the main menu: every fixture has one. */
#define PRACTITIONER_UUID "0d6c2f4e-8a51-4c1b-9f3e-5b7a2d9c1e40"

static void
window_fixture_setup (WindowFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(DcProduct) product = NULL;

  memset (fixture, 0, sizeof *fixture);
  if (!has_display)
    return;

  store_fixture_setup (&fixture->store, NULL);

  fixture->anna = make_patient ("Müller", "Anna", "1984-03-07");
  save_sync (fixture, fixture->anna);
  fixture->jonas = make_patient ("Weber", "Jonas", "1990-11-02");
  save_sync (fixture, fixture->jonas);
  fixture->practitioner = dc_practitioner_new ();
  dc_practitioner_set_name (fixture->practitioner, "Dr. Ann <Bo> & Partner");
  /* The one chosen in the main menu (see main()). */
  dc_record_set_uuid (DC_RECORD (fixture->practitioner), PRACTITIONER_UUID);
  save_sync (fixture, fixture->practitioner);

  product = dc_product_new ();
  dc_product_set_kind (product, DC_PRODUCT_SERUM);
  dc_product_set_name (product, "Hyaluronic serum");
  save_sync (fixture, product);
  fixture->lot = dc_lot_new ();
  dc_lot_set_product_id (fixture->lot, dc_record_get_id (DC_RECORD (product)));
  dc_lot_set_lot_number (fixture->lot, "HA-2291");
  dc_lot_set_expiry (fixture->lot, "2031-06-30");
  save_sync (fixture, fixture->lot);

  fixture->pen = dc_device_new ();
  dc_device_set_kind (fixture->pen, DC_DEVICE_PEN);
  dc_device_set_model (fixture->pen, "Dermapen 4");
  dc_device_set_depth_min (fixture->pen, 0.2);
  dc_device_set_depth_max (fixture->pen, 3.0);
  dc_device_set_depth_step (fixture->pen, 0.1);
  dc_device_set_speed_min (fixture->pen, 1);
  dc_device_set_speed_max (fixture->pen, 5);
  save_sync (fixture, fixture->pen);

  fixture->window = g_object_ref (dc_window_new (GTK_APPLICATION (app)));
  gtk_window_present (GTK_WINDOW (fixture->window));
  dc_window_set_store (fixture->window, fixture->store.store);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  wait_for_store (fixture->store.store);
}

/* A closed window leaves its application; the test's reference keeps it
 * from being disposed until g_assert_finalize_object(). */
static gboolean
window_closed (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

static void
close_window (WindowFixture *fixture)
{
  gtk_window_close (GTK_WINDOW (fixture->window));
  wait_until (window_closed, fixture);
}

static void
window_fixture_teardown (WindowFixture *fixture,
                         gconstpointer  data)
{
  if (!has_display)
    return;

  if (!window_closed (fixture))
    close_window (fixture);

  /* Answers still on their way hold the window. */
  wait_for_store (fixture->store.store);
  g_assert_finalize_object (fixture->window);

  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->jonas);
  g_clear_object (&fixture->practitioner);
  g_clear_object (&fixture->lot);
  g_clear_object (&fixture->pen);

  /* Let the store's last answers reach the main loop, so that nothing
   * holds the store any more. */
  dc_store_close (fixture->store.store);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  store_fixture_teardown (&fixture->store, NULL);
}

#define SKIP_WITHOUT_DISPLAY()                                   \
  G_STMT_START {                                                 \
    if (!has_display)                                            \
      {                                                          \
        g_test_skip ("No display to show the window on");        \
        return;                                                  \
      }                                                          \
  } G_STMT_END

static DcPatientPage *
patient_page (WindowFixture *fixture)
{
  return _dc_window_get_patient_page (fixture->window);
}

static DcSessionPage *
session_page (WindowFixture *fixture)
{
  return _dc_window_get_session_page (fixture->window);
}

/* Ctrl+S: what waits for a pause in typing is saved now. */
static void
save_now (WindowFixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
}

/* As if chosen in the patient list. */
static void
choose_patient (WindowFixture *fixture,
                DcPatient     *patient)
{
  g_signal_emit_by_name (dc_window_get_patient_list (fixture->window), "patient-activated",
                         patient);
  wait_for_store (fixture->store.store);
}

static AdwMessageDialog *find_message_dialog (GtkWindow *parent);

static gboolean
session_shown (gpointer data)
{
  WindowFixture *fixture = data;

  return dc_session_page_get_session (session_page (fixture)) != NULL
         && !dc_session_page_get_loading (session_page (fixture));
}

static gboolean
session_shown_or_asked (gpointer data)
{
  WindowFixture *fixture = data;

  return session_shown (fixture) || find_message_dialog (GTK_WINDOW (fixture->window)) != NULL;
}

/* As a click on a response button does: respond, and close. */
static void
respond_and_close (AdwMessageDialog *dialog,
                   const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child))
        g_ptr_array_add (checks, child);
      collect_checks (child, checks);
    }
}

/* Ticks every warning of the safety dialog @dialog, checking that it can
 * be confirmed only then, and confirms. Returns: how many there were. */
static guint
acknowledge_all (AdwMessageDialog *dialog)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  collect_checks (adw_message_dialog_get_extra_child (dialog), checks);
  for (guint i = 0; i < checks->len; i++)
    {
      g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
      gtk_check_button_set_active (g_ptr_array_index (checks, i), TRUE);
    }
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  respond_and_close (dialog, "confirm");
  return checks->len;
}

/* Returns: (transfer full): a new session of the patient shown, shown,
 * its safety warnings (if any) acknowledged */
static DcSession *
start_session (WindowFixture *fixture)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-session",
                                             NULL));
  wait_until (session_shown_or_asked, fixture);
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  if (dialog != NULL)
    acknowledge_all (dialog);
  wait_until (session_shown, fixture);
  return g_object_ref (dc_session_page_get_session (session_page (fixture)));
}

static gboolean
history_has (WindowFixture *fixture,
             gint64         session_id)
{
  GListModel *sessions = dc_patient_page_get_sessions (patient_page (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DcRecord) session = g_list_model_get_item (sessions, i);

      if (dc_record_get_id (session) == session_id)
        return TRUE;
    }

  return FALSE;
}

static gint64
count_rows (WindowFixture *fixture,
            GType          type,
            gint64         parent_id)
{
  g_autoptr(GError) error = NULL;
  gint64 count = dc_store_count (fixture->store.store, type, parent_id, &error);

  g_assert_no_error (error);
  return count;
}

static gpointer
load_record (WindowFixture *fixture,
             GType          type,
             gint64         id)
{
  g_autoptr(GError) error = NULL;
  gpointer record = dc_store_load (fixture->store.store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* The message dialog @parent shows, if any. */
static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_widget_get_visible (l->data)
        && gtk_window_get_transient_for (l->data) == parent)
      return l->data;

  return NULL;
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *button;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return GTK_BUTTON (child);
      if ((button = find_button (child, label)) != NULL)
        return button;
    }

  return NULL;
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog (data) == NULL;
}

/* Answers the dialog @parent shows, the way a click on a button would. */
static void
respond (GtkWindow  *parent,
         const char *heading,
         const char *button_label)
{
  AdwMessageDialog *dialog = find_message_dialog (parent);
  GtkButton *button;

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  button = find_button (GTK_WIDGET (dialog), button_label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_until (no_message_dialog, parent);
}

/* Tests -------------------------------------------------------------------- */

static GBytes *make_png (int width,
                         int height);

static void
assert_patient_shown (WindowFixture *fixture,
                      DcPatient     *patient)
{
  DcPatient *shown = dc_patient_page_get_patient (patient_page (fixture));

  g_assert_nonnull (shown);
  g_assert_cmpint (dc_record_get_id (DC_RECORD (shown)), ==,
                   dc_record_get_id (DC_RECORD (patient)));
}

static gboolean
dialog_closed (gpointer data)
{
  return _dc_window_get_new_patient_dialog (data) == NULL;
}

static void
test_window_patient_and_session (WindowFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcSession) stored = NULL;
  g_autoptr(GError) error = NULL;
  DcNewPatientDialog *dialog;

  SKIP_WITHOUT_DISPLAY ();

  /* A new patient, typed into the dialog's own rows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-patient",
                                             NULL));
  dialog = _dc_window_get_new_patient_dialog (fixture->window);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (dialog->family_name_row), "Schäfer");
  gtk_editable_set_text (GTK_EDITABLE (dialog->given_name_row), "Lena");
  gtk_editable_set_text (GTK_EDITABLE (dialog->birth_date_row), "1979-01-25");
  adw_combo_row_set_selected (dialog->fitzpatrick_row, 4);
  g_assert_cmpstr (dc_birth_date_row_get_date (dialog->birth_date_row), ==, "1979-01-25");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-patient.create", NULL));
  wait_until (dialog_closed, fixture->window);

  patients = dc_store_search_patients (fixture->store.store, "schafer", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 1);
  patient = g_list_model_get_item (patients, 0);
  g_assert_cmpstr (dc_patient_get_given_name (patient), ==, "Lena");
  g_assert_cmpstr (dc_patient_get_birth_date (patient), ==, "1979-01-25");
  g_assert_cmpint (dc_patient_get_fitzpatrick (patient), ==, 4);

  /* The new patient is shown; a session for them is edited on its page. */
  assert_patient_shown (fixture, patient);
  session = start_session (fixture);
  g_assert_cmpint (dc_session_get_patient_id (session), ==, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_notes (session, "Even erythema, no bleeding");
  save_now (fixture);
  wait_for_saver (dc_session_page_get_saver (session_page (fixture)));

  stored = load_record (fixture, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (session)));
  g_assert_cmpstr (dc_session_get_notes (stored), ==, "Even erythema, no bleeding");
}

/* A deleted draft stays out of the history however often it is reloaded,
 * comes back when undone, and goes from the database when the toast goes —
 * also when that is because the window closes. */
static void
test_session_delete_draft (WindowFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(DcSession) session = NULL;
  gint64 anna_id = dc_record_get_id (DC_RECORD (fixture->anna));
  gint64 id;

  SKIP_WITHOUT_DISPLAY ();

  choose_patient (fixture, fixture->anna);
  session = start_session (fixture);
  id = dc_record_get_id (DC_RECORD (session));
  wait_for_store (fixture->store.store);
  g_assert_true (history_has (fixture, id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-session",
                                             NULL));
  g_assert_null (dc_session_page_get_session (session_page (fixture)));
  g_assert_false (history_has (fixture, id));

  /* Leaving the session reloaded the history; so may anything else. */
  wait_for_store (fixture->store.store);
  g_assert_false (history_has (fixture, id));
  dc_patient_page_reload_sessions (patient_page (fixture));
  wait_for_store (fixture->store.store);
  g_assert_false (history_has (fixture, id));

  /* Not deleted yet: the toast still offers to undo that. */
  g_assert_cmpint (count_rows (fixture, DC_TYPE_SESSION, anna_id), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo-delete-session", "x", id));
  wait_for_store (fixture->store.store);
  g_assert_true (history_has (fixture, id));
  g_assert_cmpint (count_rows (fixture, DC_TYPE_SESSION, anna_id), ==, 1);

  /* Deleted again, and the window closed while the toast shows. */
  g_signal_emit_by_name (patient_page (fixture), "session-activated", session);
  wait_until (session_shown, fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-session",
                                             NULL));
  close_window (fixture);

  g_assert_cmpint (count_rows (fixture, DC_TYPE_SESSION, anna_id), ==, 0);
}

/* Ctrl+Shift+N pressed twice makes one session. */
static void
test_session_new_once (WindowFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(DcSession) session = NULL;

  SKIP_WITHOUT_DISPLAY ();

  choose_patient (fixture, fixture->jonas);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-session",
                                             NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-session",
                                             NULL));
  wait_until (session_shown, fixture);
  wait_for_store (fixture->store.store);

  g_assert_cmpint (count_rows (fixture, DC_TYPE_SESSION,
                               dc_record_get_id (DC_RECORD (fixture->jonas))), ==, 1);
}

/* Starting a session for a patient whose record carries warnings asks to
 * acknowledge each; the acknowledgements are kept with the session.
 * Cancelling starts nothing. */
static void
test_session_start_safety (WindowFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(DcSession) session = NULL;
  g_autoptr(GListModel) acks = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anna_id;
  AdwMessageDialog *dialog;

  SKIP_WITHOUT_DISPLAY ();

  dc_patient_set_fitzpatrick (fixture->anna, 5);
  dc_patient_set_medical_flags (fixture->anna, DC_MEDICAL_HSV);
  save_sync (fixture, fixture->anna);
  anna_id = dc_record_get_id (DC_RECORD (fixture->anna));
  choose_patient (fixture, fixture->anna);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-session",
                                             NULL));
  wait_until (session_shown_or_asked, fixture);
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  respond_and_close (dialog, "cancel");
  wait_until (no_message_dialog, fixture->window);
  wait_for_store (fixture->store.store);
  g_assert_cmpint (count_rows (fixture, DC_TYPE_SESSION, anna_id), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-session",
                                             NULL));
  wait_until (session_shown_or_asked, fixture);
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (acknowledge_all (dialog), ==, 2);
  wait_until (session_shown, fixture);
  session = g_object_ref (dc_session_page_get_session (session_page (fixture)));

  acks = dc_store_list (fixture->store.store, DC_TYPE_SAFETY_ACK,
                        dc_record_get_id (DC_RECORD (session)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (acks), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DcSafetyAck) ack = g_list_model_get_item (acks, i);

      g_assert_cmpint (dc_safety_ack_get_stage (ack), ==, DC_SAFETY_AT_CREATION);
      g_assert_cmpint (dc_safety_ack_get_acknowledged_by (ack), ==,
                       dc_record_get_id (DC_RECORD (fixture->practitioner)));
    }
}

static gboolean
session_signed (gpointer data)
{
  WindowFixture *fixture = data;
  DcSession *session = dc_session_page_get_session (session_page (fixture));
  g_autoptr(DcSession) stored = NULL;

  stored = dc_store_load (fixture->store.store, DC_TYPE_SESSION,
                          dc_record_get_id (DC_RECORD (session)), NULL);
  return dc_session_get_status (session) == DC_SESSION_SIGNED
         && dc_session_get_status (stored) == DC_SESSION_SIGNED;
}

static void
find_first (GtkWidget *widget,
            GType      type,
            gpointer  *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && *found == NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        *found = child;
      else
        find_first (child, type, found);
    }
}

/* Signing locks the session in the practitioner's name; a correction
 * afterwards is an addendum. */
static void
test_session_sign_and_addendum (WindowFixture *fixture,
                                gconstpointer  data)
{
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcSession) stored = NULL;
  g_autoptr(GListModel) addenda = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *reason = NULL;
  GtkTextView *text = NULL;

  SKIP_WITHOUT_DISPLAY ();

  choose_patient (fixture, fixture->jonas);
  session = start_session (fixture);
  dc_session_set_notes (session, "Even erythema");
  /* A draft takes no addenda: it is edited directly. */
  gtk_widget_activate_action (GTK_WIDGET (session_page (fixture)), "session.add-addendum", NULL);
  g_assert_null (find_message_dialog (GTK_WINDOW (fixture->window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session_page (fixture)),
                                             "session.sign", NULL));
  while ((dialog = find_message_dialog (GTK_WINDOW (fixture->window))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* No warnings for this patient: a plain confirmation. */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  respond_and_close (dialog, "confirm");
  wait_until (session_signed, fixture);

  stored = load_record (fixture, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (session)));
  g_assert_cmpstr (dc_session_get_notes (stored), ==, "Even erythema");
  g_assert_cmpint (dc_session_get_signed_by (stored), ==,
                   dc_record_get_id (DC_RECORD (fixture->practitioner)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session_page (fixture)),
                                             "session.add-addendum", NULL));
  while ((dialog = find_message_dialog (GTK_WINDOW (fixture->window))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  find_first (adw_message_dialog_get_extra_child (dialog), ADW_TYPE_ENTRY_ROW,
              (gpointer *) &reason);
  find_first (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_TEXT_VIEW,
              (gpointer *) &text);
  g_assert_nonnull (reason);
  g_assert_nonnull (text);
  gtk_editable_set_text (reason, "Notes incomplete");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text), "Mild swelling as well.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  respond_and_close (dialog, "add");
  wait_for_store (fixture->store.store);

  addenda = dc_store_list (fixture->store.store, DC_TYPE_ADDENDUM,
                           dc_record_get_id (DC_RECORD (session)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (addenda), ==, 1);
  {
    g_autoptr(DcAddendum) addendum = g_list_model_get_item (addenda, 0);

    g_assert_cmpstr (dc_addendum_get_reason (addendum), ==, "Notes incomplete");
    g_assert_cmpstr (dc_addendum_get_text (addendum), ==, "Mild swelling as well.");
    g_assert_cmpint (dc_addendum_get_author_id (addendum), ==,
                     dc_record_get_id (DC_RECORD (fixture->practitioner)));
  }

  /* Side effects are seen at follow-up, after signing: still recorded. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session_page (fixture)),
                                             "session.add-side-effect", NULL));
  wait_for_saver (dc_session_page_get_saver (session_page (fixture)));
  g_assert_cmpint (count_rows (fixture, DC_TYPE_SIDE_EFFECT,
                               dc_record_get_id (DC_RECORD (session))), ==, 1);
}

static DcProductUse *
add_product_use (WindowFixture *fixture)
{
  GListModel *product_uses = dc_session_page_get_product_uses (session_page (fixture));
  guint n_items = g_list_model_get_n_items (product_uses);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session_page (fixture)),
                                             "session.add-product-use", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (product_uses), ==, n_items + 1);
  return g_list_model_get_item (product_uses, n_items);
}

static void
remove_product_use (WindowFixture *fixture,
                    DcProductUse  *product_use)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session_page (fixture)),
                                             "session.remove-product-use", "s",
                                             dc_record_get_uuid (DC_RECORD (product_use))));
}

/* Finds a widget of a template by its id there. */
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

static gpointer
page_child (WindowFixture *fixture,
            const char    *id)
{
  gpointer child = find_child (GTK_WIDGET (session_page (fixture)), id);

  g_assert_nonnull (child);
  return child;
}

/* Asserts the session's rows in the database: @n_rows, all at @depth_mm,
 * on the two cheeks if any. */
static void
assert_cheek_rows (WindowFixture *fixture,
                   gint64         session_id,
                   guint          n_rows,
                   double         depth_mm)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = dc_store_list (fixture->store.store, DC_TYPE_ZONE_TREATMENT,
                                              session_id, &error);
  gboolean left = FALSE;
  gboolean right = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(DcZoneTreatment) row = g_list_model_get_item (rows, i);

      left |= g_strcmp0 (dc_zone_treatment_get_zone (row), "cheek-left") == 0;
      right |= g_strcmp0 (dc_zone_treatment_get_zone (row), "cheek-right") == 0;
      g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_depth_mm (row), depth_mm, 1e-9);
      g_assert_cmpint (dc_zone_treatment_get_device_id (row), ==,
                       dc_record_get_id (DC_RECORD (fixture->pen)));
    }
  if (n_rows > 0)
    g_assert_true (left && right);
}

/* Both cheeks charted on the face, then undone and redone: the database
 * follows each step. */
static void
test_session_chart_undo_redo (WindowFixture *fixture,
                              gconstpointer  data)
{
  g_autoptr(DcSession) session = NULL;
  GtkWidget *page;
  GtkWidget *face_view;
  GtkWidget *editor;
  GListModel *treatments;
  DcRecordSaver *saver;
  gint64 session_id;

  SKIP_WITHOUT_DISPLAY ();

  choose_patient (fixture, fixture->anna);
  session = start_session (fixture);
  session_id = dc_record_get_id (DC_RECORD (session));
  page = GTK_WIDGET (session_page (fixture));
  saver = dc_session_page_get_saver (session_page (fixture));
  face_view = page_child (fixture, "face_view");
  editor = page_child (fixture, "zone_editor");
  g_assert_true (gtk_widget_get_sensitive (editor));
  /* Nothing to undo yet. */
  g_assert_false (gtk_widget_get_sensitive (page_child (fixture, "undo_button")));

  g_assert_true (gtk_widget_activate_action (face_view, "face.select-zone", "s", "cheek-left"));
  g_assert_true (gtk_widget_activate_action (face_view, "face.toggle-zone", "s",
                                             "cheek-right"));
  adw_combo_row_set_selected (find_child (editor, "device_row"), 0);
  gtk_spin_button_set_value (find_child (editor, "depth_spin"), 0.5);
  g_assert_true (gtk_widget_activate_action (editor, "zone-editor.apply", NULL));
  wait_for_saver (saver);
  g_assert_null (dc_record_saver_get_error (saver));
  assert_cheek_rows (fixture, session_id, 2, 0.5);

  g_assert_true (gtk_widget_activate_action (page, "session.undo", NULL));
  wait_for_saver (saver);
  assert_cheek_rows (fixture, session_id, 0, 0);

  g_assert_true (gtk_widget_activate_action (page, "session.redo", NULL));
  wait_for_saver (saver);
  g_assert_null (dc_record_saver_get_error (saver));
  assert_cheek_rows (fixture, session_id, 2, 0.5);

  /* Shown again, the session's chart comes from the database. */
  g_signal_emit_by_name (patient_page (fixture), "session-activated", session);
  wait_until (session_shown, fixture);
  treatments = dc_face_view_get_treatments (DC_FACE_VIEW (face_view));
  g_assert_cmpuint (g_list_model_get_n_items (treatments), ==, 2);
  /* A reload starts a new history. */
  g_assert_false (gtk_widget_get_sensitive (page_child (fixture, "undo_button")));
}

/* A product used removed at once leaves no row behind: whether it was
 * never saved, or its first save was under way. */
static void
test_session_product_use_removed (WindowFixture *fixture,
                                  gconstpointer  data)
{
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcProductUse) first = NULL;
  g_autoptr(DcProductUse) second = NULL;
  g_autoptr(DcProductUse) kept = NULL;
  GListModel *product_uses;
  DcRecordSaver *saver;
  gint64 session_id;

  SKIP_WITHOUT_DISPLAY ();

  choose_patient (fixture, fixture->anna);
  session = start_session (fixture);
  session_id = dc_record_get_id (DC_RECORD (session));
  saver = dc_session_page_get_saver (session_page (fixture));
  product_uses = dc_session_page_get_product_uses (session_page (fixture));

  first = add_product_use (fixture);
  g_assert_cmpint (dc_product_use_get_lot_id (first), ==,
                   dc_record_get_id (DC_RECORD (fixture->lot)));
  remove_product_use (fixture, first);
  g_assert_cmpuint (g_list_model_get_n_items (product_uses), ==, 0);
  wait_for_saver (saver);
  g_assert_cmpint (count_rows (fixture, DC_TYPE_PRODUCT_USE, session_id), ==, 0);

  /* Ctrl+S starts its first save; it is removed before that lands. */
  second = add_product_use (fixture);
  dc_product_use_set_amount (second, "2 ml");
  save_now (fixture);
  g_assert_cmpint (dc_record_get_id (DC_RECORD (second)), ==, 0);
  dc_product_use_set_note (second, "Typed while it was saved");
  remove_product_use (fixture, second);
  g_assert_true (dc_record_saver_get_busy (saver));
  wait_for_saver (saver);
  g_assert_cmpint (count_rows (fixture, DC_TYPE_PRODUCT_USE, session_id), ==, 0);
  g_assert_null (dc_record_saver_get_error (saver));

  /* One that stays is stored, so the counts above could have seen rows. */
  kept = add_product_use (fixture);
  save_now (fixture);
  wait_for_saver (saver);
  g_assert_cmpint (count_rows (fixture, DC_TYPE_PRODUCT_USE, session_id), ==, 1);
}

/* An edit made just before closing is in the database once the window is
 * gone: the patient's, the session's and the clinic's in Preferences. */
static void
test_window_close_saves_edits (WindowFixture *fixture,
                               gconstpointer  data)
{
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(DcSession) stored_session = NULL;
  g_autoptr(GListModel) clinics = NULL;
  g_autoptr(DcClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;
  DcPreferencesWindow *preferences;

  SKIP_WITHOUT_DISPLAY ();

  choose_patient (fixture, fixture->anna);
  session = start_session (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  preferences = _dc_window_get_preferences_window (fixture->window);
  g_assert_nonnull (preferences);
  wait_for_store (fixture->store.store);
  g_assert_nonnull (preferences->clinic);

  dc_patient_set_phone (dc_patient_page_get_patient (patient_page (fixture)), "+49 30 1234567");
  dc_session_set_notes (session, "Pinpoint bleeding on the forehead");
  gtk_editable_set_text (GTK_EDITABLE (preferences->name_row), "Hautklinik am See");

  /* The window waits for the saves, and says so. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_true (_dc_window_get_closing (fixture->window));
  wait_until (window_closed, fixture);

  patient = load_record (fixture, DC_TYPE_PATIENT, dc_record_get_id (DC_RECORD (fixture->anna)));
  g_assert_cmpstr (dc_patient_get_phone (patient), ==, "+49 30 1234567");
  stored_session = load_record (fixture, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (session)));
  g_assert_cmpstr (dc_session_get_notes (stored_session), ==, "Pinpoint bleeding on the forehead");
  clinics = dc_store_list (fixture->store.store, DC_TYPE_CLINIC, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clinics), ==, 1);
  clinic = g_list_model_get_item (clinics, 0);
  g_assert_cmpstr (dc_clinic_get_name (clinic), ==, "Hautklinik am See");
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* A backup made from the window holds what was typed a moment before,
 * not yet saved when it was asked for. */
static void
test_window_backup_has_edit (WindowFixture *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "from-window.dcbackup", NULL);
  g_autofree char *restored_db = g_build_filename (fixture->store.dir, "restored", "clinic.db",
                                                   NULL);
  g_autoptr(DcRestoreResult) result = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(DcStore) restored = NULL;
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_DISPLAY ();

  choose_patient (fixture, fixture->anna);
  dc_patient_set_phone (dc_patient_page_get_patient (patient_page (fixture)), "+49 30 7654321");

  _dc_window_back_up_to (fixture->window, path);
  wait_until (file_exists, path);

  result = dc_backup_restore (restored_db, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->info->n_patients, ==, 2);
  restored = dc_store_open (restored_db, &error);
  g_assert_no_error (error);
  patient = dc_store_load (restored, DC_TYPE_PATIENT, dc_record_get_id (DC_RECORD (fixture->anna)),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dc_patient_get_phone (patient), ==, "+49 30 7654321");
  dc_store_close (restored);
}

static char *restore_asked;

static void
restore_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_free (restore_asked);
  restore_asked = g_variant_dup_string (parameter, NULL);
}

/* Asked to restore, the window closes as it would to quit, saving what was
 * typed, and only then hands the backup to the application. */
static void
test_window_restore_saves_first (WindowFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("restore", G_VARIANT_TYPE_STRING);
  g_autoptr(DcPatient) patient = NULL;

  SKIP_WITHOUT_DISPLAY ();

  g_signal_connect (action, "activate", G_CALLBACK (restore_activated), NULL);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));

  choose_patient (fixture, fixture->anna);
  dc_patient_set_phone (dc_patient_page_get_patient (patient_page (fixture)), "+49 30 1111111");

  _dc_window_restore_from (fixture->window, "/media/usb/clinic.dcbackup");
  g_assert_null (restore_asked);
  wait_until (window_closed, fixture);
  g_assert_cmpstr (restore_asked, ==, "/media/usb/clinic.dcbackup");

  patient = load_record (fixture, DC_TYPE_PATIENT, dc_record_get_id (DC_RECORD (fixture->anna)));
  g_assert_cmpstr (dc_patient_get_phone (patient), ==, "+49 30 1111111");

  g_action_map_remove_action (G_ACTION_MAP (app), "restore");
  g_clear_pointer (&restore_asked, g_free);
}

/* Leaving a patient or a session with a change that cannot be saved asks
 * whether to discard it; keeping it stays, discarding drops it. */
static void
test_invalid_edit_asks (WindowFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(DcPatient) stored = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcSession) stored_session = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) earlier = NULL;
  g_autofree char *on = NULL;
  g_autofree char *off = NULL;
  g_autofree char *fixed_off = NULL;
  GtkWindow *window = GTK_WINDOW (fixture->window);
  DcPatient *shown;

  SKIP_WITHOUT_DISPLAY ();

  choose_patient (fixture, fixture->anna);
  shown = dc_patient_page_get_patient (patient_page (fixture));
  dc_patient_set_family_name (shown, "Müller-Lüdenscheidt");
  dc_patient_set_email (shown, "anna.mueller-at-example.org");

  /* Choosing another patient asks first; Keep Editing stays. */
  choose_patient (fixture, fixture->jonas);
  respond (window, "Discard Invalid Change?", "_Keep Editing");
  assert_patient_shown (fixture, fixture->anna);
  g_assert_true (dc_patient_page_get_patient (patient_page (fixture)) == shown);

  /* Asked again; Discard Change drops the change, and the other patient
   * is shown. */
  choose_patient (fixture, fixture->jonas);
  respond (window, "Discard Invalid Change?", "_Discard Change");
  assert_patient_shown (fixture, fixture->jonas);
  wait_for_saver (dc_patient_page_get_saver (patient_page (fixture)));
  g_assert_null (dc_record_saver_get_error (dc_patient_page_get_saver (patient_page (fixture))));
  stored = load_record (fixture, DC_TYPE_PATIENT, dc_record_get_id (DC_RECORD (fixture->anna)));
  g_assert_cmpstr (dc_patient_get_family_name (stored), ==, "Müller");
  g_assert_null (dc_patient_get_email (stored));

  /* A session whose anaesthetic came off before it went on. */
  session = start_session (fixture);
  start = dc_timestamp_parse (dc_session_get_started_at (session));
  later = g_date_time_add_minutes (start, 60);
  earlier = g_date_time_add_minutes (start, -30);
  on = dc_timestamp_format (start);
  off = dc_timestamp_format (earlier);
  fixed_off = dc_timestamp_format (later);
  dc_session_set_anaesthetic_on (session, on);
  dc_session_set_anaesthetic_off (session, off);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  respond (window, "Discard Invalid Change?", "_Keep Editing");
  g_assert_true (dc_session_page_get_session (session_page (fixture)) == session);

  /* Corrected, it is saved on the way out, without a question. */
  dc_session_set_anaesthetic_off (session, fixed_off);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  g_assert_null (find_message_dialog (window));
  g_assert_null (dc_session_page_get_session (session_page (fixture)));
  wait_for_saver (dc_session_page_get_saver (session_page (fixture)));
  stored_session = load_record (fixture, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (session)));
  g_assert_cmpstr (dc_session_get_anaesthetic_on (stored_session), ==, on);
  g_assert_cmpstr (dc_session_get_anaesthetic_off (stored_session), ==, fixed_off);
}

static void
fill_new_patient (DcNewPatientDialog *dialog,
                  const char         *family_name)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog->family_name_row), family_name);
  gtk_editable_set_text (GTK_EDITABLE (dialog->given_name_row), "Clara");
  gtk_editable_set_text (GTK_EDITABLE (dialog->birth_date_row), "1988-05-12");
}

static gboolean
dialog_saved (gpointer data)
{
  return !DC_NEW_PATIENT_DIALOG (data)->saving;
}

/* The new-patient dialog cannot be cancelled while it saves the patient,
 * and neither a failed save nor the dialog going meanwhile goes wrong. */
static void
test_new_patient_cancel_while_saving (WindowFixture *fixture,
                                      gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(DcStore) closed = NULL;
  g_autoptr(GError) error = NULL;
  DcNewPatientDialog *dialog;
  DcPatient *shown;

  SKIP_WITHOUT_DISPLAY ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-patient",
                                             NULL));
  dialog = _dc_window_get_new_patient_dialog (fixture->window);
  fill_new_patient (dialog, "Vogel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-patient.create", NULL));
  g_assert_true (dialog->saving);

  /* Cancel, Escape and the window manager are all refused meanwhile: a
   * dialog gone would take a failure's reason with it… */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* …and the dialog closes by itself once the patient is saved. */
  wait_until (dialog_closed, fixture->window);
  shown = dc_patient_page_get_patient (patient_page (fixture));
  g_assert_nonnull (shown);
  g_assert_cmpstr (dc_patient_get_family_name (shown), ==, "Vogel");
  g_assert_cmpint (dc_record_get_id (DC_RECORD (shown)), !=, 0);

  /* A store that fails: the dialog stays, says why in red until the next
   * change, and can be cancelled then. */
  path = g_build_filename (fixture->store.dir, "closed.db", NULL);
  closed = dc_store_open (path, &error);
  g_assert_no_error (error);
  dc_store_close (closed);

  dialog = dc_new_patient_dialog_new (GTK_WINDOW (fixture->window), closed);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  fill_new_patient (dialog, "Fink");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-patient.create", NULL));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  wait_until (dialog_saved, dialog);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->hint_label)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog->hint_label), "error"));
  gtk_editable_set_text (GTK_EDITABLE (dialog->given_name_row), "Clara Maria");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (dialog->hint_label), "error"));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Destroyed with its parent while its save fails: no harm done. */
  dialog = dc_new_patient_dialog_new (GTK_WINDOW (fixture->window), closed);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  fill_new_patient (dialog, "Adler");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-patient.create", NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (count_rows (fixture, DC_TYPE_PATIENT, 0), ==, 3);
}

static gboolean
clinic_shown (gpointer data)
{
  return DC_PREFERENCES_WINDOW (data)->clinic != NULL;
}

static gboolean
preferences_closed (gpointer data)
{
  return _dc_window_get_preferences_window (data) == NULL;
}

/* Preferences writes no clinic until one is entered, marks invalid values
 * on their rows, and asks before a change that cannot be saved is lost. */
static void
test_preferences_saves (WindowFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(DcPractitioner) practitioner = NULL;
  g_autoptr(DcPractitioner) stored = NULL;
  g_autoptr(DcClinic) clinic = NULL;
  DcPreferencesWindow *preferences;
  DcRecordSaver *saver = _dc_window_get_clinic_saver (fixture->window);
  GListModel *practitioners;
  GtkListBoxRow *row;
  gint64 id;

  SKIP_WITHOUT_DISPLAY ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  preferences = _dc_window_get_preferences_window (fixture->window);
  wait_until (clinic_shown, preferences);
  wait_for_store (fixture->store.store);

  /* Opening Preferences writes nothing. */
  g_assert_false (dc_record_saver_get_busy (saver));
  g_assert_cmpint (count_rows (fixture, DC_TYPE_CLINIC, 0), ==, 0);

  /* An invalid email address is marked where it is. */
  gtk_editable_set_text (GTK_EDITABLE (preferences->email_row), "info-at-klinik.example");
  save_now (fixture);
  wait_for_saver (saver);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (preferences->email_row), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (preferences->name_row), "error"));
  g_assert_true (gtk_widget_get_visible (preferences->clinic_error_group));
  g_assert_nonnull (strstr (gtk_label_get_label (preferences->clinic_error_label),
                            "info-at-klinik.example"));

  /* Closing Preferences with it asks; Keep Editing stays. */
  gtk_window_close (GTK_WINDOW (preferences));
  respond (GTK_WINDOW (preferences), "Discard Invalid Change?", "_Keep Editing");
  g_assert_true (_dc_window_get_preferences_window (fixture->window) == preferences);

  /* Corrected, the mark goes and the clinic is saved. */
  gtk_editable_set_text (GTK_EDITABLE (preferences->email_row), "info@klinik.example");
  save_now (fixture);
  wait_for_saver (saver);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (preferences->email_row), "error"));
  g_assert_false (gtk_widget_get_visible (preferences->clinic_error_group));
  clinic = dc_store_load_clinic (fixture->store.store, NULL);
  g_assert_nonnull (clinic);
  g_assert_cmpstr (dc_clinic_get_email (clinic), ==, "info@klinik.example");

  /* A practitioner added, then left without a name. */
  gtk_editable_set_text (GTK_EDITABLE (preferences->new_practitioner_row), "Dr. Ines Roth");
  g_signal_emit_by_name (preferences->new_practitioner_row, "apply");
  save_now (fixture);
  wait_for_saver (saver);
  practitioners = G_LIST_MODEL (preferences->practitioners);
  g_assert_cmpuint (g_list_model_get_n_items (practitioners), ==, 2);
  practitioner = g_list_model_get_item (practitioners, 1);
  g_assert_cmpstr (dc_practitioner_get_name (practitioner), ==, "Dr. Ines Roth");
  row = gtk_list_box_get_row_at_index (preferences->practitioners_list, 1);
  g_assert_nonnull (row);
  id = dc_record_get_id (DC_RECORD (practitioner));
  g_assert_cmpint (id, !=, 0);
  dc_practitioner_set_name (practitioner, NULL);
  save_now (fixture);
  wait_for_saver (saver);
  g_assert_true (dc_practitioner_row_get_invalid (DC_PRACTITIONER_ROW (row)));

  /* Discarded on closing: the practitioner keeps the stored name. */
  gtk_window_close (GTK_WINDOW (preferences));
  respond (GTK_WINDOW (preferences), "Discard Invalid Change?", "_Discard Change");
  wait_until (preferences_closed, fixture->window);
  wait_for_store (fixture->store.store);
  g_assert_null (dc_record_saver_get_error (saver));
  stored = load_record (fixture, DC_TYPE_PRACTITIONER, id);
  g_assert_cmpstr (dc_practitioner_get_name (stored), ==, "Dr. Ines Roth");
}

/* The saver alone ---------------------------------------------------------- */

static void
saver_fixture_teardown (StoreFixture  *fixture,
                        gconstpointer  data)
{
  dc_store_close (fixture->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  store_fixture_teardown (fixture, data);
}

/* A new record let go of while its first save runs: it is still busy, and
 * what was typed meanwhile is saved too, into the same row. */
static void
test_saver_remove_during_first_save (StoreFixture  *fixture,
                                     gconstpointer  data)
{
  g_autoptr(DcRecordSaver) saver = dc_record_saver_new (fixture->store);
  g_autoptr(DcPatient) patient = make_patient ("Brandt", "Eva", "1975-08-19");
  g_autoptr(DcPatient) stored = NULL;
  g_autoptr(GError) error = NULL;

  dc_record_saver_add (saver, DC_RECORD (patient));
  dc_record_saver_flush (saver);
  dc_patient_set_given_name (patient, "Eva Maria");
  dc_record_saver_remove (saver, DC_RECORD (patient));
  g_assert_true (dc_record_saver_get_busy (saver));
  wait_for_saver (saver);

  g_assert_null (dc_record_saver_get_error (saver));
  g_assert_cmpint (dc_record_get_id (DC_RECORD (patient)), !=, 0);
  g_assert_cmpint (dc_store_count (fixture->store, DC_TYPE_PATIENT, 0, &error), ==, 1);
  g_assert_no_error (error);
  stored = dc_store_load (fixture->store, DC_TYPE_PATIENT, dc_record_get_id (DC_RECORD (patient)),
                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dc_patient_get_given_name (stored), ==, "Eva Maria");
}

/* An invalid change of a record let go of is not dropped silently: the
 * saver keeps saying it could not be saved, until it is discarded. */
static void
test_saver_removed_invalid (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(DcRecordSaver) saver = dc_record_saver_new (fixture->store);
  g_autoptr(DcPatient) patient = make_patient ("Brandt", "Eva", "1975-08-19");
  g_autoptr(GError) error = NULL;

  g_assert_true (dc_store_save (fixture->store, DC_RECORD (patient), &error));
  g_assert_no_error (error);

  dc_record_saver_add (saver, DC_RECORD (patient));
  dc_patient_set_email (patient, "eva-at-example.org");
  g_assert_false (dc_record_saver_check (saver, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_clear_error (&error);

  dc_record_saver_remove (saver, DC_RECORD (patient));
  g_assert_false (dc_record_saver_get_busy (saver));
  g_assert_true (g_error_matches (dc_record_saver_get_error (saver), DC_ERROR, DC_ERROR_INVALID));

  dc_record_saver_discard (saver, DC_RECORD (patient));
  g_assert_null (dc_record_saver_get_error (saver));
  g_assert_false (dc_record_saver_get_busy (saver));
}

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  gchar *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
result_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static GdkTexture *
decode (GBytes  *bytes,
        GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dc_gui_decode_image_async (bytes, 192, 96, NULL, decoded_cb, &result);
  wait_until (result_set, &result);
  return dc_gui_decode_image_finish (result, error);
}

/* Logos are decoded off the main thread, at the preview's size; a huge
 * image is refused with a reason, and so is a file that is no image. */
static void
test_decode_image (void)
{
  g_autoptr(GBytes) logo = make_png (800, 200);
  g_autoptr(GBytes) huge = make_png (5000, 8);
  g_autoptr(GBytes) junk = g_bytes_new_static ("not an image", 12);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) refused = NULL;
  g_autoptr(GdkTexture) unreadable = NULL;
  g_autoptr(GError) error = NULL;

  texture = decode (logo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 192);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 48);

  refused = decode (huge, &error);
  g_assert_null (refused);
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4096"));
  g_clear_error (&error);

  unreadable = decode (junk, &error);
  g_assert_null (unreadable);
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
}

static gboolean
logo_shown (gpointer data)
{
  DcPreferencesWindow *preferences = data;

  return preferences->clinic != NULL && dc_clinic_get_logo (preferences->clinic) != NULL
         && gtk_picture_get_paintable (preferences->logo_picture) != NULL;
}

/* A chosen logo is checked and shown at the preview's size, then saved. */
static void
test_preferences_logo (WindowFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png (1200, 300);
  g_autofree char *path = g_build_filename (fixture->store.dir, "logo.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DcClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;
  DcPreferencesWindow *preferences;
  GdkPaintable *preview;

  SKIP_WITHOUT_DISPLAY ();

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                      &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  preferences = _dc_window_get_preferences_window (fixture->window);
  wait_until (clinic_shown, preferences);

  _dc_preferences_window_load_logo (preferences, file);
  wait_until (logo_shown, preferences);
  preview = gtk_picture_get_paintable (preferences->logo_picture);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (preview), <=,
                   96 * gtk_widget_get_scale_factor (GTK_WIDGET (preferences)));
  g_assert_true (g_bytes_equal (dc_clinic_get_logo (preferences->clinic), png));

  save_now (fixture);
  wait_for_saver (_dc_window_get_clinic_saver (fixture->window));
  clinic = dc_store_load_clinic (fixture->store.store, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (dc_clinic_get_logo (clinic), png));
}

/* Names and other text of the user's are shown as they are: "&" and "<"
 * break no row (markup warnings are fatal here), and a missing name is
 * no "(null)". */
static void
test_user_text_in_rows (WindowFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatient) nameless = dc_patient_new ();
  g_autofree char *full = NULL;
  g_autofree char *sorted = NULL;

  SKIP_WITHOUT_DISPLAY ();

  session = dc_session_new ();
  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (fixture->anna)));
  dc_session_set_started_at (session, "2026-03-02T09:30:00Z");
  dc_session_set_practitioner_id (session,
                                  dc_record_get_id (DC_RECORD (fixture->practitioner)));
  save_sync (fixture, session);
  dc_patient_set_allergies (fixture->anna, "Lidocaine & <prilocaine>");
  save_sync (fixture, fixture->anna);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  wait_for_store (fixture->store.store);
  choose_patient (fixture, fixture->anna);
  g_assert_true (history_has (fixture, dc_record_get_id (DC_RECORD (session))));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  dc_patient_set_family_name (nameless, "Kraus");
  full = dc_gui_dup_full_name (nameless);
  sorted = dc_gui_dup_sort_name (nameless);
  g_assert_cmpstr (full, ==, "Kraus");
  g_assert_cmpstr (sorted, ==, "Kraus");
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_calls;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *changed)
{
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->n_calls++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n_notified)
{
  (*n_notified)++;
}

static void
assert_slot_holds (GListModel       *slots,
                   guint             position,
                   DcPatientResults *results)
{
  g_autoptr(DcPatientSlot) slot = g_list_model_get_item (slots, position);
  g_autoptr(DcPatient) patient = g_list_model_get_item (G_LIST_MODEL (results), position);

  g_assert_true (dc_patient_slot_get_patient (slot) == patient);
}

/* The patient list's items last from one search to the next: the rows GTK
 * made for them are kept, and only what they hold changes. */
static void
test_patient_slots (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(DcPatientSlots) slots = dc_patient_slots_new ();
  g_autoptr(DcPatientResults) many = NULL;
  g_autoptr(DcPatientResults) one = NULL;
  g_autoptr(DcPatientResults) again = NULL;
  g_autoptr(DcPatientSlot) first = NULL;
  g_autoptr(DcPatientSlot) fifth = NULL;
  g_autoptr(DcPatientSlot) fifth_again = NULL;
  g_autoptr(DcPatient) edited = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged changed = { 0 };
  guint n_notified = 0;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *family = g_strdup_printf ("Slot%03u", i);
      g_autoptr(DcPatient) patient = make_patient (family, "Kept", "1981-08-08");

      dc_store_save (fixture->store, DC_RECORD (patient), &error);
      g_assert_no_error (error);
    }
  many = dc_store_find_patients (fixture->store, "kept", FALSE, &error);
  g_assert_no_error (error);
  one = dc_store_find_patients (fixture->store, "slot000", FALSE, &error);
  g_assert_no_error (error);
  again = dc_store_find_patients (fixture->store, "kept", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (one)), ==, 1);

  g_signal_connect (slots, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
  dc_patient_slots_set_results (slots, many);
  g_assert_cmpuint (changed.n_calls, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.added, ==, 150);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 150);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == DC_TYPE_PATIENT_SLOT);

  /* A row holds the first and the fifth; the others are made on demand. */
  first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  fifth = g_list_model_get_item (G_LIST_MODEL (slots), 5);
  assert_slot_holds (G_LIST_MODEL (slots), 0, many);
  assert_slot_holds (G_LIST_MODEL (slots), 5, many);
  assert_slot_holds (G_LIST_MODEL (slots), 120, many);
  g_signal_connect (first, "notify::patient", G_CALLBACK (count_notify_cb), &n_notified);

  /* Fewer results: the list ends earlier; the first place is kept and
   * holds the new first patient. */
  dc_patient_slots_set_results (slots, one);
  g_assert_cmpuint (changed.n_calls, ==, 2);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 149);
  g_assert_cmpuint (changed.added, ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 5));
  assert_slot_holds (G_LIST_MODEL (slots), 0, one);
  {
    g_autoptr(DcPatientSlot) same = g_list_model_get_item (G_LIST_MODEL (slots), 0);

    g_assert_true (same == first);
  }
  g_assert_cmpuint (n_notified, ==, 1);

  /* More again: the places after the first are new. */
  dc_patient_slots_set_results (slots, again);
  g_assert_cmpuint (changed.n_calls, ==, 3);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 149);
  fifth_again = g_list_model_get_item (G_LIST_MODEL (slots), 5);
  g_assert_true (fifth_again != fifth);
  assert_slot_holds (G_LIST_MODEL (slots), 5, again);
  assert_slot_holds (G_LIST_MODEL (slots), 0, again);
  g_assert_true (dc_patient_slot_get_patient (fifth) != dc_patient_slot_get_patient (fifth_again));

  /* The patient being edited shows in its place at once. */
  edited = dc_store_load (fixture->store, DC_TYPE_PATIENT,
                          dc_record_get_id (DC_RECORD (dc_patient_slot_get_patient (fifth_again))),
                          &error);
  g_assert_no_error (error);
  g_assert_true (dc_patient_results_replace (again, edited));
  g_assert_true (dc_patient_slot_get_patient (fifth_again) == edited);
  g_assert_cmpuint (changed.n_calls, ==, 3);

  dc_patient_slots_set_results (slots, NULL);
  g_assert_cmpuint (changed.n_calls, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  has_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
  if (has_display)
    {
      gtk_test_init (&argc, &argv, NULL);
      app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);

      /* Set once, before any window watches it. */
      settings = g_settings_new (APP_ID);
      g_settings_set_string (settings, "current-practitioner", PRACTITIONER_UUID);
    }
  else
    g_test_init (&argc, &argv, NULL);

#define ADD_WINDOW_TEST(path, func) \
  g_test_add (path, WindowFixture, NULL, window_fixture_setup, func, window_fixture_teardown)

  ADD_WINDOW_TEST ("/gui/window/patient-and-session", test_window_patient_and_session);
  ADD_WINDOW_TEST ("/gui/window/close-saves-edits", test_window_close_saves_edits);
  ADD_WINDOW_TEST ("/gui/window/invalid-edit-asks", test_invalid_edit_asks);
  ADD_WINDOW_TEST ("/gui/window/user-text-in-rows", test_user_text_in_rows);
  ADD_WINDOW_TEST ("/gui/window/backup-has-edit", test_window_backup_has_edit);
  ADD_WINDOW_TEST ("/gui/window/restore-saves-first", test_window_restore_saves_first);
  ADD_WINDOW_TEST ("/gui/session/delete-draft", test_session_delete_draft);
  ADD_WINDOW_TEST ("/gui/session/new-once", test_session_new_once);
  ADD_WINDOW_TEST ("/gui/session/start-safety", test_session_start_safety);
  ADD_WINDOW_TEST ("/gui/session/sign-and-addendum", test_session_sign_and_addendum);
  ADD_WINDOW_TEST ("/gui/session/product-use-removed", test_session_product_use_removed);
  ADD_WINDOW_TEST ("/gui/session/chart-undo-redo", test_session_chart_undo_redo);
  ADD_WINDOW_TEST ("/gui/new-patient/cancel-while-saving", test_new_patient_cancel_while_saving);
  ADD_WINDOW_TEST ("/gui/preferences/saves", test_preferences_saves);
  ADD_WINDOW_TEST ("/gui/preferences/logo", test_preferences_logo);
  g_test_add ("/gui/saver/remove-during-first-save", StoreFixture, NULL, store_fixture_setup,
              test_saver_remove_during_first_save, saver_fixture_teardown);
  g_test_add ("/gui/saver/removed-invalid", StoreFixture, NULL, store_fixture_setup,
              test_saver_removed_invalid, saver_fixture_teardown);
  g_test_add ("/gui/patient-slots", StoreFixture, NULL, store_fixture_setup,
              test_patient_slots, store_fixture_teardown);
  if (has_display)
    g_test_add_func ("/gui/decode-image", test_decode_image);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
