/* test-report-window.c: the report window on the demo clinic (without
 * photos): its preview, saving with and without a password, printing to a
 * file, and the email it would compose, each checked by what a user relies
 * on: the pages shown, the file written, the disclosure recorded.
 *
 * Nothing sleeps: a test waits for the window to finish and fails after a
 * timeout. Nothing is sent: the email is composed, not launched. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dc-demo.h"
#include "dc-model.h"
#include "dc-report-window.h"
#include "dc-session-page.h"
#include "dc-store.h"
#include "dc-test-util.h"

static gboolean has_display;

typedef struct
{
  StoreFixture  store;
  GtkWindow    *parent;
  DcPatient    *patient;   /* one with an email address */
  DcSession    *session;   /* the latest of that patient's, with treated zones */
} ReportFixture;

static void
report_fixture_setup (ReportFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GError) error = NULL;

  memset (fixture, 0, sizeof *fixture);
  if (!has_display)
    return;

  store_fixture_setup (&fixture->store, NULL);
  g_assert_true (dc_demo_fill (fixture->store.store, NULL, NULL, &error));
  g_assert_no_error (error);

  patients = dc_store_search_patients (fixture->store.store, NULL, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (patients) && fixture->session == NULL; i++)
    {
      g_autoptr(DcPatient) patient = g_list_model_get_item (patients, i);
      g_autoptr(GListModel) sessions = NULL;
      const char *email = dc_patient_get_email (patient);

      if (email == NULL || *email == '\0')
        continue;

      sessions = dc_store_list (fixture->store.store, DC_TYPE_SESSION,
                                dc_record_get_id (DC_RECORD (patient)), &error);
      g_assert_no_error (error);
      for (guint j = 0; j < g_list_model_get_n_items (sessions); j++)
        {
          g_autoptr(DcSession) session = g_list_model_get_item (sessions, j);
          gint64 n_zones = dc_store_count (fixture->store.store, DC_TYPE_ZONE_TREATMENT,
                                           dc_record_get_id (DC_RECORD (session)), &error);

          g_assert_no_error (error);
          if (n_zones >= 2)
            {
              g_set_object (&fixture->patient, patient);
              g_set_object (&fixture->session, session);
              break;
            }
        }
    }
  g_assert_nonnull (fixture->session);

  /* Reports in English unless a test asks for another language. */
  dc_patient_set_language (fixture->patient, "en");
  g_assert_true (dc_store_save (fixture->store.store, DC_RECORD (fixture->patient), &error));
  g_assert_no_error (error);

  fixture->parent = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_present (fixture->parent);
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
report_fixture_teardown (ReportFixture *fixture,
                         gconstpointer  data)
{
  if (!has_display)
    return;

  gtk_window_destroy (fixture->parent);
  settle ();
  g_assert_finalize_object (fixture->parent);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->patient);

  wait_for_store (fixture->store.store);
  settle ();
  store_fixture_teardown (&fixture->store, NULL);
}

#define SKIP_WITHOUT_DISPLAY()                                   \
  G_STMT_START {                                                 \
    if (!has_display)                                            \
      {                                                          \
        g_test_skip ("No display to show the windows on");       \
        return;                                                  \
      }                                                          \
  } G_STMT_END

static gboolean
window_loaded (gpointer data)
{
  return !dc_report_window_get_loading (data);
}

static gboolean
window_idle (gpointer data)
{
  return !dc_report_window_get_busy (data);
}

static DcReportWindow *
open_window (ReportFixture *fixture)
{
  DcReportWindow *window;

  window = DC_REPORT_WINDOW (dc_report_window_new (fixture->parent, fixture->store.store,
                                                   fixture->patient, fixture->session));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_loaded, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  settle ();
  return window;
}

static void
close_window (DcReportWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_assert_finalize_object (window);
}

/* Finds a widget of a window's template by its id there. */
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

/* The page count pdfinfo reads, or -1 without pdfinfo; pdfinfo's exit
 * status in @status. */
static int
pdfinfo_pages (const char *path,
               const char *password,
               int        *status)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *line;

  if (pdfinfo == NULL)
    return -1;

  g_ptr_array_add (argv, pdfinfo);
  if (password != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "-upw");
      g_ptr_array_add (argv, (gpointer) password);
    }
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, status, &error);
  g_assert_no_error (error);

  line = out != NULL ? strstr (out, "Pages:") : NULL;
  return line != NULL ? atoi (line + strlen ("Pages:")) : 0;
}

static void
assert_pdf_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  struct stat info;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
}

/* The disclosures of the fixture's patient, newest first. */
static GListModel *
list_disclosures (ReportFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GListModel *disclosures;

  wait_for_store (fixture->store.store);
  disclosures = dc_store_list (fixture->store.store, DC_TYPE_DISCLOSURE,
                               dc_record_get_id (DC_RECORD (fixture->patient)), &error);
  g_assert_no_error (error);
  return disclosures;
}

/* Tests ---------------------------------------------------------------------- */

static void
test_preview (ReportFixture *fixture,
              gconstpointer  data)
{
  DcReportWindow *window;
  GtkWidget *pages_box;
  GtkWidget *page;
  guint n_pages = 0;

  SKIP_WITHOUT_DISPLAY ();

  window = open_window (fixture);
  pages_box = find_child (GTK_WIDGET (window), "pages_box");
  g_assert_nonnull (pages_box);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (find_child (GTK_WIDGET (window), "stack")),
                   ==, "preview");

  n_pages = dc_report_window_get_n_pages (window);
  g_assert_cmpuint (n_pages, >, 0);

  /* Every page drawn, white paper in the shape of the report's, no wider
   * than it is on paper and labelled for screen readers. */
  page = gtk_widget_get_first_child (pages_box);
  g_assert_true (GTK_IS_PICTURE (page));
  g_assert_cmpint (gtk_widget_get_width (page), >, 100);
  g_assert_cmpint (gtk_widget_get_width (page), <=, 820);
  g_assert_cmpfloat (fabs ((double) gtk_widget_get_height (page) / gtk_widget_get_width (page)
                           - 297.0 / 210.0), <, 0.1);
  for (guint i = 0; i < n_pages; i++, page = gtk_widget_get_next_sibling (page))
    {
      g_autofree char *label = g_strdup_printf ("Page %u of %u", i + 1, n_pages);

      g_assert_true (GTK_IS_PICTURE (page));
      g_assert_cmpstr (gtk_picture_get_alternative_text (GTK_PICTURE (page)), ==, label);
      g_assert_true (gtk_widget_has_css_class (page, "report-page"));
    }
  g_assert_null (page);

  close_window (window);
}

static void
test_save (ReportFixture *fixture,
           gconstpointer  data)
{
  DcReportWindow *window;
  g_autofree char *path = g_build_filename (fixture->store.dir, "Report.pdf", NULL);
  g_autoptr(GListModel) disclosures = NULL;
  g_autoptr(DcDisclosure) disclosure = NULL;
  guint n_pages;
  int status;

  SKIP_WITHOUT_DISPLAY ();

  window = open_window (fixture);
  n_pages = dc_report_window_get_n_pages (window);

  dc_report_window_save_to (window, path, NULL);
  g_assert_true (dc_report_window_get_busy (window));
  wait_until (window_idle, window);

  assert_pdf_file (path);
  if (pdfinfo_pages (path, NULL, &status) >= 0)
    {
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_cmpint (pdfinfo_pages (path, NULL, &status), ==, (int) n_pages);
    }

  disclosures = list_disclosures (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (disclosures), ==, 1);
  disclosure = g_list_model_get_item (disclosures, 0);
  g_assert_cmpint (dc_disclosure_get_channel (disclosure), ==, DC_DISCLOSURE_FILE);
  g_assert_cmpint (dc_disclosure_get_document (disclosure), ==, DC_DISCLOSURE_SESSION_REPORT);
  g_assert_cmpstr (dc_disclosure_get_target (disclosure), ==, path);
  g_assert_false (dc_disclosure_get_protected (disclosure));
  g_assert_cmpint (dc_disclosure_get_session_id (disclosure), ==,
                   dc_record_get_id (DC_RECORD (fixture->session)));
  g_assert_nonnull (dc_disclosure_get_language (disclosure));

  close_window (window);
}

/* With the interface in English, a Spanish-speaking patient's report is
 * Spanish: the language is the patient's, and the header bar can change it
 * for one report. */
static void
test_patient_language (ReportFixture *fixture,
                       gconstpointer  data)
{
  DcReportWindow *window;
  g_autofree char *path = g_build_filename (fixture->store.dir, "Informe.pdf", NULL);
  g_autofree char *english = g_build_filename (fixture->store.dir, "Report-en.pdf", NULL);
  g_autoptr(GListModel) disclosures = NULL;
  g_autoptr(DcDisclosure) disclosure = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdftotext = NULL;
  int status;

  SKIP_WITHOUT_DISPLAY ();
  pdftotext = g_find_program_in_path ("pdftotext");
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  dc_patient_set_language (fixture->patient, "es");
  g_assert_true (dc_store_save (fixture->store.store, DC_RECORD (fixture->patient), &error));
  window = open_window (fixture);
  dc_report_window_save_to (window, path, NULL);
  wait_until (window_idle, window);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) "pdftotext", path, (char *) "-", NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, NULL));
  g_assert_nonnull (strstr (text, "Cuidados posteriores"));
  g_assert_nonnull (strstr (text, "Página 1 de"));
  g_clear_pointer (&text, g_free);

  disclosures = list_disclosures (fixture);
  disclosure = g_list_model_get_item (disclosures, 0);
  g_assert_cmpstr (dc_disclosure_get_language (disclosure), ==, "es");

  /* In English, for once. */
  gtk_drop_down_set_selected (find_child (GTK_WIDGET (window), "language_dropdown"), 0);
  wait_until (window_loaded, window);
  dc_report_window_save_to (window, english, NULL);
  wait_until (window_idle, window);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) "pdftotext", english, (char *) "-",
                                                  NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, NULL));
  g_assert_nonnull (strstr (text, "Aftercare"));

  close_window (window);
}

/* The timeline of the whole course, saved and recorded as such. */
static void
test_timeline (ReportFixture *fixture,
               gconstpointer  data)
{
  DcReportWindow *window;
  g_autofree char *path = g_build_filename (fixture->store.dir, "Timeline.pdf", NULL);
  g_autoptr(GListModel) disclosures = NULL;
  g_autoptr(DcDisclosure) disclosure = NULL;

  SKIP_WITHOUT_DISPLAY ();

  window = DC_REPORT_WINDOW (dc_report_window_new_timeline (fixture->parent,
                                                            fixture->store.store,
                                                            fixture->patient));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_loaded, window);
  g_assert_cmpuint (dc_report_window_get_n_pages (window), >, 0);

  dc_report_window_save_to (window, path, NULL);
  wait_until (window_idle, window);
  assert_pdf_file (path);

  disclosures = list_disclosures (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (disclosures), ==, 1);
  disclosure = g_list_model_get_item (disclosures, 0);
  g_assert_cmpint (dc_disclosure_get_document (disclosure), ==, DC_DISCLOSURE_TIMELINE);
  g_assert_cmpint (dc_disclosure_get_session_id (disclosure), ==, 0);

  close_window (window);
}

static void
test_save_protected (ReportFixture *fixture,
                     gconstpointer  data)
{
  DcReportWindow *window;
  g_autofree char *path = g_build_filename (fixture->store.dir, "Protected.pdf", NULL);
  g_autofree char *refused = g_build_filename (fixture->store.dir, "Refused.pdf", NULL);
  g_autoptr(GListModel) disclosures = NULL;
  g_autoptr(DcDisclosure) disclosure = NULL;
  int status;

  SKIP_WITHOUT_DISPLAY ();

  window = open_window (fixture);

  /* An empty password protects nothing: refused, nothing written. */
  dc_report_window_save_to (window, refused, "");
  g_assert_false (dc_report_window_get_busy (window));
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));

  dc_report_window_save_to (window, path, "s3cret-Pa55");
  wait_until (window_idle, window);
  assert_pdf_file (path);

  if (pdfinfo_pages (path, NULL, &status) >= 0)
    {
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      g_assert_cmpint (pdfinfo_pages (path, "s3cret-Pa55", &status), ==,
                       (int) dc_report_window_get_n_pages (window));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }

  disclosures = list_disclosures (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (disclosures), ==, 1);
  disclosure = g_list_model_get_item (disclosures, 0);
  g_assert_cmpint (dc_disclosure_get_channel (disclosure), ==, DC_DISCLOSURE_FILE);
  g_assert_cmpstr (dc_disclosure_get_target (disclosure), ==, path);
  g_assert_true (dc_disclosure_get_protected (disclosure));

  close_window (window);
}

/* Printing to a file through GTK's own PDF export: the same pages, on the
 * report's paper. Exporting is not printing: nothing is recorded for it
 * (the print action records real print runs only). */
static void
test_print_export (ReportFixture *fixture,
                   gconstpointer  data)
{
  DcReportWindow *window;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *path = g_build_filename (fixture->store.dir, "Printed.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) disclosures = NULL;
  GtkPrintOperationResult result;
  int pages, status;

  SKIP_WITHOUT_DISPLAY ();

  window = open_window (fixture);
  operation = dc_report_window_new_print_operation (window);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  pages = pdfinfo_pages (path, NULL, &status);
  if (pages >= 0)
    g_assert_cmpint (pages, ==, (int) dc_report_window_get_n_pages (window));
  else
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
    }

  disclosures = list_disclosures (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (disclosures), ==, 0);

  g_clear_object (&operation);
  close_window (window);
}

static void
test_email_message (ReportFixture *fixture,
                    gconstpointer  data)
{
  DcReportWindow *window;
  g_autoptr(DcReportEmail) email = NULL;
  g_autoptr(DcReportEmail) protected_email = NULL;
  g_autofree char *name = NULL;

  SKIP_WITHOUT_DISPLAY ();

  window = open_window (fixture);

  email = dc_report_window_compose_email (window, "/tmp/outgoing/Report.pdf", FALSE);
  g_assert_cmpstr (email->address, ==, dc_patient_get_email (fixture->patient));
  g_assert_cmpstr (email->attachment, ==, "/tmp/outgoing/Report.pdf");
  g_assert_cmpstr (email->subject, ==, "Your treatment report from Lindenhof Skin Clinic");
  g_assert_nonnull (strstr (email->body, dc_patient_get_given_name (fixture->patient)));
  g_assert_nonnull (strstr (email->body, "Lindenhof Skin Clinic"));
  g_assert_null (strstr (email->body, "password"));

  /* The password is never in the email; the email says it comes apart. */
  protected_email = dc_report_window_compose_email (window, "/tmp/outgoing/Report.pdf", TRUE);
  g_assert_nonnull (strstr (protected_email->body, "password"));

  /* The attachment's name, as the patient sees it. */
  name = dc_report_window_dup_suggested_name (window);
  g_assert_true (g_str_has_prefix (name, "Report "));
  g_assert_nonnull (strstr (name, dc_patient_get_family_name (fixture->patient)));
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  g_assert_null (strchr (name, '/'));

  close_window (window);
}

/* Whether a real portal could answer: then the test would open a mail
 * program on the desktop it runs on, so it does not run. */
static gboolean
portal_available (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **names = NULL;
  gboolean has_owner = FALSE;

  if (bus == NULL)
    return FALSE;

  owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.portal.Desktop"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       NULL);
  if (owner != NULL)
    g_variant_get (owner, "(b)", &has_owner);
  if (has_owner)
    return TRUE;

  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                             "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                             "ListActivatableNames", NULL,
                                             G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                             NULL, NULL);
  if (activatable != NULL)
    {
      g_autoptr(GVariant) list = g_variant_get_child_value (activatable, 0);

      names = g_variant_get_strv (list, NULL);
      if (g_strv_contains (names, "org.freedesktop.portal.Desktop"))
        return TRUE;
    }

  return FALSE;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Without a portal, the email goes to xdg-email (here a fake that writes
 * down its arguments) with the PDF attached from a private folder, which
 * goes when the window closes; the email is recorded. */
static void
test_email_fallback (ReportFixture *fixture,
                     gconstpointer  data)
{
  DcReportWindow *window;
  g_autofree char *bin = NULL;
  g_autofree char *script = NULL;
  g_autofree char *log = NULL;
  g_autofree char *path_env = NULL;
  g_autofree char *args = NULL;
  g_autofree char *outgoing = NULL;
  g_autoptr(GListModel) disclosures = NULL;
  g_autoptr(DcDisclosure) disclosure = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *attachment;
  gsize length;

  SKIP_WITHOUT_DISPLAY ();
  if (portal_available ())
    {
      g_test_skip ("A desktop portal would open a real mail program");
      return;
    }

  bin = g_build_filename (fixture->store.dir, "bin", NULL);
  script = g_build_filename (bin, "xdg-email", NULL);
  log = g_build_filename (fixture->store.dir, "xdg-email.log", NULL);
  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  {
    g_autofree char *text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\0' \"$@\" > '%s.tmp'\n"
                                             "mv '%s.tmp' '%s'\n", log, log, log);

    g_assert_true (g_file_set_contents (script, text, -1, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  }
  path_env = g_strdup_printf ("%s:%s", bin, g_getenv ("PATH"));
  g_setenv ("PATH", path_env, TRUE);

  window = open_window (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "report.email", NULL));
  wait_until (window_idle, window);
  wait_until (file_exists, log);

  g_assert_true (g_file_get_contents (log, &args, &length, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < length; i += strlen (args + i) + 1)
    g_ptr_array_add (argv, args + i);
  g_assert_cmpuint (argv->len, ==, 7);
  g_assert_cmpstr (argv->pdata[0], ==, "--subject");
  g_assert_cmpstr (argv->pdata[1], ==, "Your treatment report from Lindenhof Skin Clinic");
  g_assert_cmpstr (argv->pdata[2], ==, "--body");
  g_assert_cmpstr (argv->pdata[4], ==, "--attach");
  g_assert_cmpstr (argv->pdata[6], ==, dc_patient_get_email (fixture->patient));

  attachment = argv->pdata[5];
  outgoing = g_build_filename (g_get_user_cache_dir (), "dermachart", "outgoing", NULL);
  g_assert_true (g_str_has_prefix (attachment, outgoing));
  g_assert_true (g_str_has_suffix (attachment, ".pdf"));
  assert_pdf_file (attachment);

  disclosures = list_disclosures (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (disclosures), ==, 1);
  disclosure = g_list_model_get_item (disclosures, 0);
  g_assert_cmpint (dc_disclosure_get_channel (disclosure), ==, DC_DISCLOSURE_EMAIL);
  g_assert_cmpstr (dc_disclosure_get_target (disclosure), ==,
                   dc_patient_get_email (fixture->patient));
  g_assert_false (dc_disclosure_get_protected (disclosure));

  /* The attachment outlives the window, for the mail client to read, and
   * goes when the application quits. */
  close_window (window);
  g_assert_true (g_file_test (attachment, G_FILE_TEST_EXISTS));
  dc_report_window_clear_outgoing ();
  g_assert_false (g_file_test (attachment, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (outgoing, G_FILE_TEST_EXISTS));
}

static gboolean
page_loaded (gpointer data)
{
  return !dc_session_page_get_loading (data);
}

static DcReportWindow *
find_report_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DC_IS_REPORT_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* "Report…" in the session page's menu opens the session's report over
 * the window the page is in. */
static void
test_from_session_page (ReportFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GListStore) practitioners = g_list_store_new (DC_TYPE_PRACTITIONER);
  DcSessionPage *page;
  DcReportWindow *window;

  SKIP_WITHOUT_DISPLAY ();

  page = g_object_new (DC_TYPE_SESSION_PAGE, NULL);
  gtk_window_set_child (fixture->parent, GTK_WIDGET (page));
  dc_session_page_set_store (page, fixture->store.store);
  dc_session_page_set_practitioners (page, G_LIST_MODEL (practitioners));
  dc_session_page_set_session (page, fixture->session, fixture->patient);
  wait_until (page_loaded, page);

  g_assert_null (find_report_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "session.report", NULL));
  window = find_report_window ();
  g_assert_nonnull (window);
  g_object_ref (window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == fixture->parent);
  wait_until (window_loaded, window);
  g_assert_cmpuint (dc_report_window_get_n_pages (window), >, 0);

  close_window (window);
}

static void
test_file_name_sanitised (ReportFixture *fixture,
                          gconstpointer  data)
{
  DcReportWindow *window;
  g_autofree char *name = NULL;

  SKIP_WITHOUT_DISPLAY ();

  dc_patient_set_family_name (fixture->patient, " ../O'Brien/Smith: \"Jr\"? ");
  window = open_window (fixture);
  name = dc_report_window_dup_suggested_name (window);
  g_assert_null (strchr (name, '/'));
  g_assert_null (strchr (name, ':'));
  g_assert_null (strchr (name, '"'));
  g_assert_null (strchr (name, '?'));
  g_assert_null (strstr (name, "  "));
  g_assert_true (g_str_has_prefix (name, "Report "));
  g_assert_nonnull (strstr (name, "O'Brien-Smith"));
  g_assert_true (g_str_has_suffix (name, ".pdf"));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("dermachart-cache-XXXXXX", NULL);
  int status;

  /* The email's attachment goes under the cache: a private one. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* The build's catalogues, for reports in the patient's language. */
  if (g_getenv ("DERMACHART_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DERMACHART_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  has_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
  if (has_display)
    {
      gtk_test_init (&argc, &argv, NULL);
      adw_init ();
    }
  else
    g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, ReportFixture, NULL, report_fixture_setup, func, report_fixture_teardown)

  ADD_TEST ("/report-window/preview", test_preview);
  ADD_TEST ("/report-window/save", test_save);
  ADD_TEST ("/report-window/timeline", test_timeline);
  ADD_TEST ("/report-window/patient-language", test_patient_language);
  ADD_TEST ("/report-window/save-protected", test_save_protected);
  ADD_TEST ("/report-window/print-export", test_print_export);
  ADD_TEST ("/report-window/email-message", test_email_message);
  ADD_TEST ("/report-window/email-fallback", test_email_fallback);
  ADD_TEST ("/report-window/file-name", test_file_name_sanitised);
  ADD_TEST ("/report-window/from-session-page", test_from_session_page);

  status = g_test_run ();
  rm_rf (cache);
  return status;
}
