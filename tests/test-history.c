/* test-history.c: what the patient page and the history window tell about
 * a patient's past: side effects that need a follow-up, flagged on the
 * patient page, and the history of every change to the record.
 *
 * Each test gets a fresh temporary clinic and shows the real widgets on
 * it. Nothing sleeps: a test waits for the store to answer. */

#include "config.h"

#include <adwaita.h>

#include "dc-gui-util.h"
#include "dc-history-item.h"
#include "dc-history-row.h"
#include "dc-history-window.h"
#include "dc-patient-page.h"
#include "dc-store.h"
#include "dc-test-util.h"

static gboolean has_display;

#define SKIP_WITHOUT_DISPLAY()                                   \
  G_STMT_START {                                                 \
    if (!has_display)                                            \
      {                                                          \
        g_test_skip ("No display to show the widgets on");       \
        return;                                                  \
      }                                                          \
  } G_STMT_END

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
save_sync (StoreFixture *fixture,
           gpointer      record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dc_store_save (fixture->store, DC_RECORD (record), &error));
  g_assert_no_error (error);
}

/* "YYYY-MM-DD", @days after today (before, if negative). */
static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static DcSession *
add_session (StoreFixture *fixture,
             DcPatient    *patient,
             const char   *day)
{
  DcSession *session = dc_session_new ();
  g_autofree char *started_at = g_strconcat (day, "T09:30:00Z", NULL);

  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (session, started_at);
  save_sync (fixture, session);
  return session;
}

static DcSideEffect *
add_side_effect (StoreFixture     *fixture,
                 DcSession        *session,
                 DcSideEffectKind  kind,
                 const char       *onset,
                 const char       *resolved)
{
  DcSideEffect *effect = dc_side_effect_new ();

  dc_side_effect_set_session_id (effect, dc_record_get_id (DC_RECORD (session)));
  dc_side_effect_set_kind (effect, kind);
  dc_side_effect_set_severity (effect, 1);
  dc_side_effect_set_onset (effect, onset);
  dc_side_effect_set_resolved (effect, resolved);
  save_sync (fixture, effect);
  return effect;
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

/* The rows of a list box, as "title — subtitle". */
static GPtrArray *
list_rows (GtkListBox *list)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (rows,
                       g_strdup_printf ("%s — %s",
                                        adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                        adw_action_row_get_subtitle (ADW_ACTION_ROW (row))));

  return rows;
}

/* "Swelling after the session of 3 March": the day as the page writes it. */
static char *
follow_up_title (const char *kind,
                 const char *day)
{
  g_autofree char *timestamp = g_strconcat (day, "T09:30:00Z", NULL);
  g_autoptr(GDateTime) local = dc_gui_timestamp_to_local (timestamp);
  g_autofree char *text = dc_gui_format_day (local);

  return g_strdup_printf ("%s after the session of %s", kind, text);
}

/* Days as people say them --------------------------------------------------- */

static void
test_format_day (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) march = g_date_time_new_local (g_date_time_get_year (now), 3, 3, 10, 0, 0);
  g_autoptr(GDateTime) long_ago = g_date_time_new_local (2001, 3, 3, 10, 0, 0);
  g_autofree char *this_year = dc_gui_format_day (march);
  g_autofree char *another_year = dc_gui_format_day (long_ago);

  g_assert_cmpstr (this_year, ==, "3 March");
  g_assert_cmpstr (another_year, ==, "3 March 2001");
}

/* Follow-up on the patient page --------------------------------------------- */

typedef struct
{
  StoreFixture   store;
  GtkWindow     *window;
  DcPatientPage *page;
  DcPatient     *patient;
} PageFixture;

static void
page_fixture_setup (PageFixture   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GListStore) practitioners = NULL;

  memset (fixture, 0, sizeof *fixture);
  if (!has_display)
    return;

  store_fixture_setup (&fixture->store, NULL);
  fixture->patient = make_patient ("Okafor", "Ada", "1988-05-21");
  save_sync (&fixture->store, fixture->patient);

  practitioners = g_list_store_new (DC_TYPE_PRACTITIONER);
  fixture->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  fixture->page = g_object_new (DC_TYPE_PATIENT_PAGE, NULL);
  dc_patient_page_set_store (fixture->page, fixture->store.store);
  dc_patient_page_set_practitioners (fixture->page, G_LIST_MODEL (practitioners));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 800, 900);
  gtk_window_present (fixture->window);
}

static void
page_fixture_teardown (PageFixture   *fixture,
                       gconstpointer  data)
{
  if (!has_display)
    return;

  gtk_window_destroy (fixture->window);
  wait_for_store (fixture->store.store);
  settle ();
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->patient);

  dc_store_close (fixture->store.store);
  settle ();
  store_fixture_teardown (&fixture->store, NULL);
}

/* The page's sessions, then their side effects, read. */
static void
wait_for_page (PageFixture *fixture)
{
  wait_for_store (fixture->store.store);
  wait_for_store (fixture->store.store);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
session_activated_cb (DcPatientPage *page,
                      DcSession     *session,
                      gint64        *activated_id)
{
  *activated_id = dc_record_get_id (DC_RECORD (session));
}

/* Swelling for five days is flagged, redness for two is not; flaking not
 * resolved after ten days is, redness of yesterday and an acne flare (no
 * usual duration) are not. Newest session first; resolved in time, no
 * longer flagged. */
static void
test_follow_up (PageFixture   *fixture,
                gconstpointer  data)
{
  g_autofree char *day_1 = day_from_today (-60);
  g_autofree char *day_1_end = day_from_today (-55);
  g_autofree char *day_1_redness = day_from_today (-58);
  g_autofree char *day_2 = day_from_today (-10);
  g_autofree char *day_2_resolved = day_from_today (-5);
  g_autofree char *yesterday = day_from_today (-1);
  g_autoptr(DcSession) first = NULL;
  g_autoptr(DcSession) second = NULL;
  g_autoptr(DcSideEffect) swelling = NULL;
  g_autoptr(DcSideEffect) redness = NULL;
  g_autoptr(DcSideEffect) flaking = NULL;
  g_autoptr(DcSideEffect) flare = NULL;
  g_autoptr(DcSideEffect) recent = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *swelling_row = NULL;
  g_autofree char *flaking_row = NULL;
  GtkWidget *group;
  GtkListBox *list;
  gint64 activated_id = 0;

  SKIP_WITHOUT_DISPLAY ();

  first = add_session (&fixture->store, fixture->patient, day_1);
  swelling = add_side_effect (&fixture->store, first, DC_SIDE_EFFECT_SWELLING, day_1, day_1_end);
  redness = add_side_effect (&fixture->store, first, DC_SIDE_EFFECT_REDNESS, day_1,
                             day_1_redness);
  second = add_session (&fixture->store, fixture->patient, day_2);
  flaking = add_side_effect (&fixture->store, second, DC_SIDE_EFFECT_FLAKING, day_2, NULL);
  flare = add_side_effect (&fixture->store, second, DC_SIDE_EFFECT_ACNE_FLARE, day_2, NULL);
  recent = add_side_effect (&fixture->store, second, DC_SIDE_EFFECT_REDNESS, yesterday, NULL);

  dc_patient_page_set_patient (fixture->page, fixture->patient);
  wait_for_page (fixture);

  group = find_child (GTK_WIDGET (fixture->page), "follow_up_group");
  list = find_child (GTK_WIDGET (fixture->page), "follow_up_list");
  g_assert_nonnull (group);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_true (gtk_widget_is_drawable (group));

  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 2);
  {
    g_autofree char *flaking_title = follow_up_title ("Flaking or crusting", day_2);
    g_autofree char *swelling_title = follow_up_title ("Swelling", day_1);

    flaking_row = g_strdup_printf ("%s — Not resolved after 10 days, usual up to 7 days",
                                   flaking_title);
    swelling_row = g_strdup_printf ("%s — 5 days, usual up to 3 days", swelling_title);
  }
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, flaking_row);
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, swelling_row);

  /* A flagged effect opens its session. */
  g_signal_connect (fixture->page, "session-activated", G_CALLBACK (session_activated_cb),
                    &activated_id);
  g_signal_emit_by_name (list, "row-activated",
                         gtk_widget_get_last_child (GTK_WIDGET (list)));
  g_assert_cmpint (activated_id, ==, dc_record_get_id (DC_RECORD (first)));

  /* Resolved within its usual week: the flag goes on the next visit. */
  dc_side_effect_set_resolved (flaking, day_2_resolved);
  save_sync (&fixture->store, flaking);
  dc_patient_page_reload_sessions (fixture->page);
  wait_for_page (fixture);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, swelling_row);

  /* A session being deleted takes its flags along. */
  dc_patient_page_hide_session (fixture->page, first);
  g_assert_false (gtk_widget_get_visible (group));
  dc_patient_page_unhide_session (fixture->page, first);
  wait_for_page (fixture);
  g_assert_true (gtk_widget_get_visible (group));
}

/* The patient page opens the patient's history. */
static gboolean
history_window_open (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DC_IS_HISTORY_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return TRUE;

  return FALSE;
}

static void
test_page_opens_history (PageFixture   *fixture,
                         gconstpointer  data)
{
  g_autoptr(GList) toplevels = NULL;

  SKIP_WITHOUT_DISPLAY ();

  dc_patient_page_set_patient (fixture->page, fixture->patient);
  wait_for_page (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.history",
                                             NULL));
  wait_until (history_window_open, NULL);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DC_IS_HISTORY_WINDOW (l->data))
      {
        g_assert_true (gtk_window_get_transient_for (l->data) == fixture->window);
        gtk_window_destroy (l->data);
      }
  settle ();
}

/* Nothing to follow up: no group at all. */
static void
test_follow_up_none (PageFixture   *fixture,
                     gconstpointer  data)
{
  g_autofree char *day = day_from_today (-30);
  g_autofree char *resolved = day_from_today (-28);
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcSideEffect) redness = NULL;

  SKIP_WITHOUT_DISPLAY ();

  session = add_session (&fixture->store, fixture->patient, day);
  redness = add_side_effect (&fixture->store, session, DC_SIDE_EFFECT_REDNESS, day, resolved);

  dc_patient_page_set_patient (fixture->page, fixture->patient);
  wait_for_page (fixture);
  g_assert_false (gtk_widget_get_visible (find_child (GTK_WIDGET (fixture->page),
                                                      "follow_up_group")));
  g_assert_cmpuint (g_list_model_get_n_items (dc_patient_page_get_sessions (fixture->page)),
                    ==, 1);
}

/* The history window ----------------------------------------------------- */

typedef struct
{
  StoreFixture  store;
  GtkWindow    *parent;
  DcPatient    *patient;
  DcSession    *session;
  gboolean      closed;    /* the store, by the test */
} HistoryFixture;

#define PRACTITIONER_UUID "0b9d5f1e-3c1a-4f7e-9a55-2f7f3e0c6b11"

static void
history_fixture_setup (HistoryFixture *fixture,
                       gconstpointer   data)
{
  memset (fixture, 0, sizeof *fixture);
  if (!has_display)
    return;

  store_fixture_setup (&fixture->store, NULL);
  dc_store_set_actor (fixture->store.store, "Dr. Ada Okafor (" PRACTITIONER_UUID ")");
  fixture->patient = make_patient ("Okafor", "Ada", "1988-05-21");
  save_sync (&fixture->store, fixture->patient);
  fixture->session = add_session (&fixture->store, fixture->patient, "2026-03-03");

  fixture->parent = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_present (fixture->parent);
}

static void
history_fixture_teardown (HistoryFixture *fixture,
                          gconstpointer   data)
{
  if (!has_display)
    return;

  gtk_window_destroy (fixture->parent);
  settle ();
  g_assert_finalize_object (fixture->parent);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->patient);

  if (!fixture->closed)
    wait_for_store (fixture->store.store);
  settle ();
  store_fixture_teardown (&fixture->store, NULL);
}

static gboolean
window_loaded (gpointer data)
{
  return !dc_history_window_get_loading (data);
}

static DcHistoryWindow *
open_history (HistoryFixture *fixture,
              DcPatient      *patient)
{
  DcHistoryWindow *window;

  window = DC_HISTORY_WINDOW (dc_history_window_new (fixture->parent, fixture->store.store,
                                                     patient));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_loaded, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  settle ();
  return window;
}

static void
close_history (DcHistoryWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_assert_finalize_object (window);
}

static const char *
visible_page (DcHistoryWindow *window)
{
  return gtk_stack_get_visible_child_name (find_child (GTK_WIDGET (window), "stack"));
}

/* The titles of what the window shows, day headings in brackets. */
static char *
shown_titles (DcHistoryWindow *window)
{
  GListModel *shown = dc_history_window_get_shown (window);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DcHistoryItem) item = g_list_model_get_item (shown, i);

      if (titles->len > 0)
        g_string_append_c (titles, '\n');
      if (dc_history_item_is_day (item))
        g_string_append_printf (titles, "[%s]", dc_history_item_get_title (item));
      else
        g_string_append (titles, dc_history_item_get_title (item));
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static void
count_rows (GtkWidget *widget,
            guint     *n_rows)
{
  if (DC_IS_HISTORY_ROW (widget))
    (*n_rows)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_rows (child, n_rows);
}

/* The row showing @title, if one does. */
static DcHistoryRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (DC_IS_HISTORY_ROW (widget))
    {
      DcHistoryItem *item = dc_history_row_get_item (DC_HISTORY_ROW (widget));

      if (item != NULL && g_strcmp0 (dc_history_item_get_title (item), title) == 0)
        return DC_HISTORY_ROW (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DcHistoryRow *row = find_row (child, title);

      if (row != NULL)
        return row;
    }

  return NULL;
}

typedef struct
{
  DcHistoryWindow *window;
  guint            n_items;
} ShownCount;

static gboolean
shown_count_is (gpointer data)
{
  ShownCount *count = data;

  return g_list_model_get_n_items (dc_history_window_get_shown (count->window))
         == count->n_items;
}

/* Types into the search, and waits for the search entry's pause. */
static void
search (DcHistoryWindow *window,
        const char      *text,
        guint            n_expected)
{
  ShownCount count = { window, n_expected };

  gtk_editable_set_text (find_child (GTK_WIDGET (window), "search_entry"), text);
  wait_until (shown_count_is, &count);
  settle ();
}

/* Newest first, in words, with who did it; a change expands; the search
 * keeps what matches under its day. */
static void
test_window (HistoryFixture *fixture,
             gconstpointer   data)
{
  g_autoptr(DcZoneTreatment) zone = dc_zone_treatment_new ();
  g_autoptr(DcDisclosure) disclosure = dc_disclosure_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(DcHistoryItem) newest = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *today = NULL;
  DcHistoryWindow *window;
  DcHistoryRow *row;
  GtkWidget *list_view;
  GtkRevealer *revealer;

  SKIP_WITHOUT_DISPLAY ();

  dc_zone_treatment_set_session_id (zone, dc_record_get_id (DC_RECORD (fixture->session)));
  dc_zone_treatment_set_zone (zone, "cheek-left");
  dc_zone_treatment_set_depth_mm (zone, 1.5);
  dc_zone_treatment_set_passes (zone, 2);
  save_sync (&fixture->store, zone);
  dc_zone_treatment_set_depth_mm (zone, 2.0);
  save_sync (&fixture->store, zone);

  dc_disclosure_set_patient_id (disclosure, dc_record_get_id (DC_RECORD (fixture->patient)));
  dc_disclosure_set_session_id (disclosure, dc_record_get_id (DC_RECORD (fixture->session)));
  dc_disclosure_set_document (disclosure, DC_DISCLOSURE_SESSION_REPORT);
  dc_disclosure_set_channel (disclosure, DC_DISCLOSURE_EMAIL);
  dc_disclosure_set_target (disclosure, "ada.okafor@example.org");
  dc_disclosure_set_protected (disclosure, TRUE);
  save_sync (&fixture->store, disclosure);

  window = open_history (fixture, fixture->patient);
  g_assert_cmpstr (visible_page (window), ==, "list");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "History of Ada Okafor");

  titles = shown_titles (window);
  g_assert_cmpstr (titles, ==,
                   "[Today]\n"
                   "Report emailed to ada.okafor@example.org\n"
                   "Zone Left cheek: Depth 1.5 mm → 2 mm\n"
                   "Zone Left cheek added at 1.5 mm\n"
                   "Session of 3 March created\n"
                   "Patient record created");

  newest = g_list_model_get_item (dc_history_window_get_shown (window), 1);
  g_assert_cmpstr (dc_history_item_get_actor (newest), ==, "Dr. Ada Okafor");
  g_assert_cmpstr (dc_history_item_get_context (newest), ==, "Session of 3 March");
  today = g_date_time_format (now, "%R");
  g_assert_cmpint (strlen (dc_history_item_get_time (newest)), ==, strlen (today));

  /* What is on screen is a row each, from the list view's own factory. */
  list_view = find_child (GTK_WIDGET (window), "list_view");
  g_assert_true (gtk_widget_is_drawable (list_view));
  row = find_row (list_view, "Report emailed to ada.okafor@example.org");
  g_assert_nonnull (row);
  revealer = find_child (GTK_WIDGET (row), "revealer");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* Activated (a click, Enter), the change shows every field. */
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 1));
  settle ();
  g_assert_true (dc_history_item_get_expanded (newest));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_nonnull (strstr (dc_history_item_get_details (newest), "Password-protected: Yes"));
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 1));
  settle ();
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* Searching, in any case; the day keeps its heading. */
  search (window, "LEFT CHEEK", 3);
  g_clear_pointer (&titles, g_free);
  titles = shown_titles (window);
  g_assert_cmpstr (titles, ==,
                   "[Today]\n"
                   "Zone Left cheek: Depth 1.5 mm → 2 mm\n"
                   "Zone Left cheek added at 1.5 mm");
  search (window, "no such change", 0);
  g_assert_cmpstr (visible_page (window), ==, "no-results");
  search (window, "", 6);
  g_assert_cmpstr (visible_page (window), ==, "list");

  close_history (window);
}

/* A patient with no recorded history (never saved here): the empty state;
 * a store that cannot answer: the error, said. */
static void
test_window_empty_and_error (HistoryFixture *fixture,
                             gconstpointer   data)
{
  g_autoptr(DcPatient) stranger = make_patient ("Nobody", "Known", "1970-01-01");
  DcHistoryWindow *window;
  AdwStatusPage *error_page;

  SKIP_WITHOUT_DISPLAY ();

  dc_record_set_id (DC_RECORD (stranger), 4242);
  window = open_history (fixture, stranger);
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (dc_history_window_get_shown (window)), ==, 0);
  close_history (window);

  dc_store_close (fixture->store.store);
  fixture->closed = TRUE;
  window = open_history (fixture, fixture->patient);
  g_assert_cmpstr (visible_page (window), ==, "error");
  error_page = find_child (GTK_WIDGET (window), "error_page");
  g_assert_cmpstr (adw_status_page_get_description (error_page), ==, "The database is closed");
  close_history (window);
}

typedef struct
{
  DcZoneTreatment *zone;
  guint            n_changes;
} Changes;

static gboolean
change_depth_func (DcStore       *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Changes *changes = data;

  for (guint i = 0; i < changes->n_changes; i++)
    {
      dc_zone_treatment_set_depth_mm (changes->zone, i % 2 == 0 ? 1.0 : 1.25);
      if (!dc_store_save (store, DC_RECORD (changes->zone), error))
        return FALSE;
    }

  return TRUE;
}

/* Thousands of changes: read and told off the main thread, and only the
 * rows on screen are made. */
static void
test_window_large (HistoryFixture *fixture,
                   gconstpointer   data)
{
  g_autoptr(DcZoneTreatment) zone = dc_zone_treatment_new ();
  g_autoptr(GError) error = NULL;
  Changes changes = { zone, 5000 };
  DcHistoryWindow *window;
  gint64 start, loaded;
  guint n_rows = 0;

  SKIP_WITHOUT_DISPLAY ();

  dc_zone_treatment_set_session_id (zone, dc_record_get_id (DC_RECORD (fixture->session)));
  dc_zone_treatment_set_zone (zone, "forehead");
  dc_zone_treatment_set_depth_mm (zone, 0.5);
  save_sync (&fixture->store, zone);
  g_assert_true (dc_store_transaction (fixture->store.store, change_depth_func, &changes, NULL,
                                       &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  window = open_history (fixture, fixture->patient);
  loaded = g_get_monotonic_time ();
  g_test_message ("%u changes read, told and shown in %.0f ms", changes.n_changes + 3,
                  (loaded - start) / 1000.0);

  /* 5003 changes and their day. */
  g_assert_cmpuint (g_list_model_get_n_items (dc_history_window_get_shown (window)), ==, 5004);
  count_rows (find_child (GTK_WIDGET (window), "list_view"), &n_rows);
  g_test_message ("%u row widgets made", n_rows);
  g_assert_cmpuint (n_rows, >, 5);
  g_assert_cmpuint (n_rows, <, 300);

  start = g_get_monotonic_time ();
  search (window, "forehead: depth 1 mm → 1.25", 2501);
  g_test_message ("searched in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  close_history (window);
}

int
main (int   argc,
      char *argv[])
{
  has_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
  if (has_display)
    {
      gtk_test_init (&argc, &argv, NULL);
      adw_init ();
    }
  else
    g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/format-day", test_format_day);
  g_test_add ("/history/follow-up/flagged", PageFixture, NULL, page_fixture_setup,
              test_follow_up, page_fixture_teardown);
  g_test_add ("/history/follow-up/none", PageFixture, NULL, page_fixture_setup,
              test_follow_up_none, page_fixture_teardown);
  g_test_add ("/history/page-opens-history", PageFixture, NULL, page_fixture_setup,
              test_page_opens_history, page_fixture_teardown);
  g_test_add ("/history/window/changes", HistoryFixture, NULL, history_fixture_setup,
              test_window, history_fixture_teardown);
  g_test_add ("/history/window/empty-and-error", HistoryFixture, NULL, history_fixture_setup,
              test_window_empty_and_error, history_fixture_teardown);
  g_test_add ("/history/window/large", HistoryFixture, NULL, history_fixture_setup,
              test_window_large, history_fixture_teardown);

  return g_test_run ();
}
