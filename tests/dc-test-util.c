/* dc-test-util.c: temporary databases and other test helpers. */

#include "config.h"

#include "dc-test-util.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
    }
  g_remove (path);
}

void
store_fixture_setup (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dermachart-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic", "dermachart.db", NULL);
  fixture->store = dc_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  dc_store_set_actor (fixture->store, "Test Practitioner (test)");
}

void
store_fixture_teardown (StoreFixture  *fixture,
                        gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  rm_rf (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

DcPatient *
make_patient (const char *family_name,
              const char *given_name,
              const char *birth_date)
{
  DcPatient *patient = dc_patient_new ();

  dc_patient_set_family_name (patient, family_name);
  dc_patient_set_given_name (patient, given_name);
  dc_patient_set_birth_date (patient, birth_date);
  dc_patient_set_language (patient, "en");
  dc_patient_set_fitzpatrick (patient, 3);
  return patient;
}

/* Makes @path unwritable even for root (the immutable attribute), or by
 * mode for other users. Returns FALSE where neither is possible. */
gboolean
make_read_only (const char *path,
                gboolean    read_only)
{
  gboolean is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);
  int fd;
  int flags = 0;
  gboolean ok;

  if (geteuid () != 0)
    return g_chmod (path, read_only ? (is_dir ? 0500 : 0400) : (is_dir ? 0700 : 0600)) == 0;

  fd = open (path, O_RDONLY | O_CLOEXEC | (is_dir ? O_DIRECTORY : 0));
  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
  if (ok)
    {
      flags = read_only ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
      ok = ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
  close (fd);
  return ok;
}

/* Iterates the main context until @predicate holds, failing after 10 s:
 * saves land when the store's worker is done, not at a known time. */
void
wait_until (DcTestPredicate predicate,
            gpointer        data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!predicate (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

void
wait_for (gboolean *flag)
{
  wait_until (flag_set, flag);
}

static gboolean
nothing_func (DcStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return TRUE;
}

static void
barrier_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_assert_true (dc_store_run_finish (DC_STORE (object), result, NULL));
  *(gboolean *) user_data = TRUE;
}

/* Waits until the store has answered everything asked of it so far: it
 * runs requests in order, and their answers reach the main loop in order. */
void
wait_for_store (DcStore *store)
{
  gboolean done = FALSE;

  dc_store_run_async (store, nothing_func, NULL, NULL, NULL, barrier_cb, &done);
  wait_for (&done);
}

/* Undoes migrations 5 and 4 by hand: what version 3 left on disk. The
 * audit triggers go too; every migration writes them again. */
void
dc_test_undo_to_version_3 (sqlite3 *db)
{
  g_autoptr(GString) sql = g_string_new ("PRAGMA foreign_keys = OFF;");
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'trigger' "
                                       "AND (name LIKE 'audit\\_%' ESCAPE '\\' "
                                       "OR name LIKE '%\\_locked\\_%' ESCAPE '\\')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (sql, "DROP TRIGGER \"%s\";", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  g_string_append (sql,
                   "DROP INDEX patient_listed;"
                   "DROP INDEX audit_patient;"
                   "DROP INDEX audit_session;"
                   "DROP TABLE addendum;"
                   "DROP TABLE safety_ack;"
                   "ALTER TABLE audit DROP COLUMN hash;"
                   "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
                   "  SELECT RAISE (ABORT, 'the audit trail cannot be changed');"
                   "END;"
                   "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
                   "  SELECT RAISE (ABORT, 'the audit trail cannot be changed');"
                   "END;"
                   "PRAGMA user_version = 3;");
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
}
