/* dc-store-file.c: checking a database file that is not open as a store,
 * and the lock on a clinic's folder.
 *
 * The file is opened read-only and immutable: nothing is written to it, not
 * even a -wal or -shm beside it, so a snapshot keeps the checksum it was
 * archived with. Only snapshots and files taken out of a backup, which no
 * connection writes to, are opened this way. */

#include "config.h"

#include "dc-store-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <sys/file.h>
#include <unistd.h>

#include "dc-store-private.h"

struct _DcStoreFolderLock
{
  int fd;
};

void
dc_store_file_summary_free (DcStoreFileSummary *summary)
{
  if (summary == NULL)
    return;

  g_strfreev (summary->photo_checksums);
  g_free (summary);
}

/* Lets a long integrity check be cancelled. */
static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

static gboolean
query_int64 (sqlite3     *db,
             const char  *sql,
             gint64      *value,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return _dc_store_set_error (db, rc, error);
  return TRUE;
}

static gboolean
check_integrity (sqlite3  *db,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  /* One row "ok", or up to a hundred rows naming what is wrong. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (result, "ok") != 0)
        problem = g_strdup (result);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return _dc_store_set_error (db, rc, error);
  if (problem != NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                   _("the database is damaged (%s)"), problem);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_foreign_keys (sqlite3  *db,
                    GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *table = NULL;
  g_autofree char *parent = NULL;
  gint64 row = 0;
  int rc;

  /* A row per reference to a missing record: table, rowid, parent. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          row = sqlite3_column_int64 (stmt, 1);
          parent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return _dc_store_set_error (db, rc, error);
  if (table != NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                   /* Translators: "the record 12 of session refers to a
                    * patient that does not exist"; table names as in the
                    * database */
                   _("the database is damaged: the record %lld of %s refers to a %s that "
                     "does not exist"),
                   (long long) row, table, parent);
      return FALSE;
    }
  return TRUE;
}

static GStrv
list_photo_checksums (sqlite3  *db,
                      GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT DISTINCT sha256 FROM photo ORDER BY sha256", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _dc_store_set_error (db, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static gboolean
check_open_file (sqlite3             *db,
                 DcStoreFileSummary  *summary,
                 GError             **error)
{
  gint64 application_id = 0;
  gint64 version = 0;
  gint64 n_tables = 0;

  if (!query_int64 (db, "PRAGMA application_id", &application_id, error)
      || !query_int64 (db, "PRAGMA user_version", &version, error)
      || !query_int64 (db, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  if (application_id != DC_STORE_APPLICATION_ID || version < 1 || n_tables == 0)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                   _("the database is not a Dermachart database"));
      return FALSE;
    }
  if (version > DC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_NEWER_SCHEMA,
                   _("the database was written by a newer version of Dermachart (schema %d; "
                     "this version knows up to %d)"),
                   (int) version, DC_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  summary->schema_version = (int) version;

  if (!check_integrity (db, error) || !check_foreign_keys (db, error))
    return FALSE;

  /* Every schema so far has had these tables, under these names. */
  if (!query_int64 (db, "SELECT count(*) FROM patient", &summary->n_patients, error)
      || !query_int64 (db, "SELECT count(*) FROM session", &summary->n_sessions, error)
      || !query_int64 (db, "SELECT count(*) FROM photo", &summary->n_photos, error))
    return FALSE;

  summary->photo_checksums = list_photo_checksums (db, error);
  return summary->photo_checksums != NULL;
}

/**
 * dc_store_file_check:
 * @path: a database file that nothing else writes to
 *
 * Checks that @path is a Dermachart database this version can open (an
 * older schema is fine: opening it as a store migrates it), intact
 * (`PRAGMA integrity_check`) with every reference whole
 * (`PRAGMA foreign_key_check`), and sums it up. The file is not changed.
 *
 * Returns: (transfer full): what the database holds, or %NULL with
 *   %DC_ERROR_CORRUPT, %DC_ERROR_NEWER_SCHEMA or another error. The
 *   messages of these two are clauses in lower case, for the caller to
 *   put in a sentence of its own.
 */
DcStoreFileSummary *
dc_store_file_check (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(DcStoreFileSummary) summary = g_new0 (DcStoreFileSummary, 1);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, DC_ERROR, DC_ERROR_NOT_FOUND, _("the database file is missing"));
      return NULL;
    }

  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strconcat ("file:", escaped, "?mode=ro&immutable=1", NULL);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _dc_store_set_error (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, progress_cb, cancellable);

  ok = check_open_file (db, summary, error);
  sqlite3_close (db);

  if (!ok)
    {
      /* An interrupted statement says so; the caller wants to hear that it
       * was cancelled. */
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (error);
          g_cancellable_set_error_if_cancelled (cancellable, error);
        }
      return NULL;
    }
  return g_steal_pointer (&summary);
}

/**
 * dc_store_folder_lock:
 * @db_path: the database whose folder is locked
 * @exclusive: %TRUE to replace what the folder holds (a restore), %FALSE
 *   to use it (an open store)
 *
 * Locks the folder that holds @db_path and its photos: any number of stores
 * share it, but a restore has it alone. It never waits: a folder in use the
 * other way is refused with %DC_ERROR_BUSY. It works between processes (an
 * flock() on the folder), and between stores of one process.
 */
DcStoreFolderLock *
dc_store_folder_lock (const char  *db_path,
                      gboolean     exclusive,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  DcStoreFolderLock *lock;
  int fd;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Cannot open the folder %s: %s"), dir,
                   g_strerror (saved_errno));
      return NULL;
    }

  while (flock (fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EINTR)
        continue;

      close (fd);
      if (saved_errno == EWOULDBLOCK && exclusive)
        g_set_error (error, DC_ERROR, DC_ERROR_BUSY,
                     _("Dermachart has the clinic in %s open; close it first"), dir);
      else if (saved_errno == EWOULDBLOCK)
        g_set_error (error, DC_ERROR, DC_ERROR_BUSY,
                     _("A backup is being restored into %s; try again when that is done"), dir);
      else
        g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Cannot lock the folder %s: %s"), dir,
                     g_strerror (saved_errno));
      return NULL;
    }

  lock = g_new0 (DcStoreFolderLock, 1);
  lock->fd = fd;
  return lock;
}

void
dc_store_folder_unlock (DcStoreFolderLock *lock)
{
  if (lock == NULL)
    return;

  /* The only descriptor of the open file: closing it releases the lock. */
  close (lock->fd);
  g_free (lock);
}
