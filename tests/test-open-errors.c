/* test-open-errors.c: the window when the clinic's database cannot be
 * opened: a damaged file, one from a newer Dermachart, a full disk. The
 * real application is run with --db, as a practitioner starts it; the
 * window must say what is wrong, leave the file alone, and, where trying
 * again can help, open the clinic once the cause is gone. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "dc-application.h"
#include "dc-full-disk-vfs.h"
#include "dc-test-util.h"
#include "dc-window-private.h"

typedef struct
{
  const char *expected_title;
  gboolean    expect_retry;
  /* Called once the error shows; makes the cause go away, or not. */
  void      (*repair) (void);
  /* Called once the clinic is open; returns TRUE when done with it. */
  gboolean  (*opened) (DcWindow *window);
  gboolean    saw_error;
  gboolean    saw_clinic;
  char       *description;
} Run;

static gboolean
watch_cb (gpointer data)
{
  Run *run = data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  const char *page;

  if (!DC_IS_WINDOW (window))
    return G_SOURCE_CONTINUE;
  page = _dc_window_get_main_page (DC_WINDOW (window));

  if (!run->saw_error && g_strcmp0 (page, "error") == 0)
    {
      AdwStatusPage *status = _dc_window_get_error_page (DC_WINDOW (window));
      GtkWidget *retry = _dc_window_get_retry_button (DC_WINDOW (window));

      run->saw_error = TRUE;
      run->description = g_strdup (adw_status_page_get_description (status));
      g_test_message ("%s: %s", adw_status_page_get_title (status), run->description);
      g_assert_cmpstr (adw_status_page_get_title (status), ==, run->expected_title);
      g_assert_cmpint (gtk_widget_get_visible (retry), ==, run->expect_retry);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

      if (run->repair == NULL)
        {
          gtk_window_close (window);
          return G_SOURCE_REMOVE;
        }
      run->repair ();
      g_assert_true (gtk_widget_get_sensitive (retry));
      g_signal_emit_by_name (retry, "clicked");
      return G_SOURCE_CONTINUE;
    }

  if (run->saw_error && g_strcmp0 (page, "clinic") == 0)
    {
      run->saw_clinic = TRUE;
      if (run->opened != NULL && !run->opened (DC_WINDOW (window)))
        return G_SOURCE_CONTINUE;
      gtk_window_close (window);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Runs the application on @path until the watch closes its window. */
static void
run_app (const char *path,
         Run        *run)
{
  g_autoptr(DcApplication) app = dc_application_new ();
  char *argv[] = { "dermachart", "--db", (char *) path, NULL };
  int status;

  g_timeout_add (50, watch_cb, run);
  status = dc_application_run (app, 3, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run->saw_error);
  g_source_remove_by_user_data (run);
}

static char *
read_all (const char *path,
          gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
test_damaged (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dermachart-open-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  static const char garbage[] = "SQLite format 3\0 but then a note about an appointment";
  g_autofree char *after = NULL;
  gsize length;
  Run run = { "The Clinic’s Database Is Damaged", FALSE };

  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));
  run_app (path, &run);
  g_assert_nonnull (strstr (run.description, path));
  g_assert_nonnull (strstr (run.description, "left the file as it was"));

  after = read_all (path, &length);
  g_assert_cmpmem (after, length, garbage, sizeof garbage);
  g_free (run.description);
  rm_rf (dir);
}

static void
test_newer (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dermachart-open-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  Run run = { "Made by a Newer Dermachart", FALSE };
  DcStore *store;
  sqlite3 *db;

  store = dc_store_open (path, NULL);
  g_assert_nonnull (store);
  g_assert_finalize_object (store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_all (path, &before_length);

  run_app (path, &run);
  g_assert_nonnull (strstr (run.description, "newer version"));

  after = read_all (path, &after_length);
  g_assert_cmpmem (after, after_length, before, before_length);
  g_free (run.description);
  rm_rf (dir);
}

static void
make_room (void)
{
  dc_full_disk_vfs_set_room (-1);
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* With the clinic open, the disk fills again: adding the demo clinic
 * fails, and a toast that stays says why. */
static gboolean
fill_disk_again (DcWindow *window)
{
  static gboolean asked;

  if (!asked)
    {
      asked = TRUE;
      dc_full_disk_vfs_set_room (0);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
      return FALSE;
    }
  if (find_label (GTK_WIDGET (window), "The disk is full; nothing was saved") == NULL)
    return FALSE;

  dc_full_disk_vfs_set_room (-1);
  return TRUE;
}

/* A new clinic on a full disk: the window says so and offers to try again;
 * with room made, trying again opens the clinic. When the disk fills up
 * again, what cannot be saved says so in a toast. */
static void
test_full_disk_retry (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dermachart-open-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  Run run = { "The Disk Is Full", TRUE, make_room, fill_disk_again };

  dc_full_disk_vfs_install ();
  dc_full_disk_vfs_set_room (0);
  run_app (path, &run);
  dc_full_disk_vfs_set_room (-1);
  g_assert_nonnull (strstr (run.description, "The disk is full"));
  g_assert_true (run.saw_clinic);
  g_free (run.description);
  rm_rf (dir);
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run under build-aux/run-headless");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/open-errors/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/open-errors/damaged", test_damaged);
  g_test_add_func ("/open-errors/newer-schema", test_newer);
  g_test_add_func ("/open-errors/full-disk-retry", test_full_disk_retry);

  return g_test_run ();
}
