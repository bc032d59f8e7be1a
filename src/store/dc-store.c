/* dc-store.c: opening the database, the record mapper and the worker.
 *
 * Records are mapped to rows by their fields: a field "birth-date" is the
 * column birth_date. Text, integers and reals are stored as such; booleans
 * as 0/1; enums by nick; flags as comma-separated nicks; references of value
 * 0 as NULL. The statements are built once per record class from that field
 * list (names from our own classes, never from data) and every value is
 * bound as a parameter. */

#include "config.h"

#include "dc-store-private.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dc-store-file.h"

struct _DcStore
{
  GObject      parent_instance;

  GRecMutex    lock;
  sqlite3     *db;
  char        *path;
  char        *photo_dir;
  /* Shared with other stores; a restore into the folder needs it alone. */
  DcStoreFolderLock *folder_lock;

  /* Who changes are recorded as made by. The UI sets it, so it has a lock
   * of its own: setting it never waits for the database. */
  GMutex       actor_lock;
  char        *actor;
  /* The author of the work running now, under the store lock: an async job
   * is recorded as made by whoever queued it. */
  const char  *running_actor;
  GHashTable  *statements;   /* SQL text → sqlite3_stmt */
  GArray      *checks;       /* Check, added before first use */
  GThreadPool *worker;
};

G_DEFINE_FINAL_TYPE (DcStore, dc_store, G_TYPE_OBJECT)

typedef struct
{
  GType         type;
  DcStoreCheck  func;
  gpointer      user_data;
} Check;

typedef struct
{
  DcStoreFunc     func;
  gpointer        data;
  GDestroyNotify  data_destroy;
  /* Writers run in a transaction; readers must not take the write lock. */
  gboolean        writes;
  char           *actor;
} Job;

static void
job_free (Job *job)
{
  g_free (job->actor);
  if (job->data_destroy != NULL)
    job->data_destroy (job->data);
  g_free (job);
}

gboolean
_dc_store_set_error (sqlite3  *db,
                     int       rc,
                     GError  **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* The rules a signed session is kept by (migration 4). */
  if (rc == SQLITE_CONSTRAINT_TRIGGER && g_str_has_prefix (detail, "dc-locked:"))
    {
      g_set_error (error, DC_ERROR, DC_ERROR_LOCKED,
                   _("The session is signed and can no longer be changed. "
                     "To correct it, add an addendum."));
      return FALSE;
    }
  if (rc == SQLITE_CONSTRAINT_TRIGGER && g_str_has_prefix (detail, "dc-draft:"))
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("Addenda are for signed sessions; a draft is corrected directly."));
      return FALSE;
    }

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      g_set_error (error, DC_ERROR, DC_ERROR_CONSTRAINT,
                   _("The database refused the change: %s"), detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, DC_ERROR, DC_ERROR_NO_SPACE,
                   _("The disk is full; nothing was saved. Free some space and try again."));
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, DC_ERROR, DC_ERROR_READ_ONLY,
                   _("The database cannot be written to: %s"), detail);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                   _("The database file is damaged or is not a Dermachart database (%s)"),
                   detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, DC_ERROR, DC_ERROR_BUSY,
                   _("The database is in use by another program; try again"));
      break;

    default:
      g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Database error: %s"), detail);
      break;
    }

  return FALSE;
}

gboolean
_dc_store_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _dc_store_set_error (db, rc, error);
  return TRUE;
}

static void
dc_store_finalize (GObject *object)
{
  DcStore *self = DC_STORE (object);

  dc_store_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_array_unref);
  g_free (self->path);
  g_free (self->photo_dir);
  g_free (self->actor);
  g_mutex_clear (&self->actor_lock);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (dc_store_parent_class)->finalize (object);
}

static void
dc_store_class_init (DcStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dc_store_finalize;
}

static void
dc_store_init (DcStore *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->actor_lock);
  self->checks = g_array_new (FALSE, FALSE, sizeof (Check));
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

char *
dc_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "dermachart", "dermachart.db", NULL);
}

/* The actor recorded in audit rows written by this connection's triggers. */
static void
actor_sql_func (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  DcStore *self = sqlite3_user_data (context);

  /* Called from inside a statement, so the store lock is held. */
  if (self->running_actor != NULL)
    {
      sqlite3_result_text (context, self->running_actor, -1, SQLITE_TRANSIENT);
      return;
    }

  g_mutex_lock (&self->actor_lock);
  sqlite3_result_text (context, self->actor != NULL ? self->actor : "unknown",
                       -1, SQLITE_TRANSIENT);
  g_mutex_unlock (&self->actor_lock);
}

static void worker_func (gpointer data,
                         gpointer user_data);

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *value,
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
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return _dc_store_set_error (db, rc, error);
  return TRUE;
}

static gboolean
prepare_location (const char          *path,
                  gboolean            *created,
                  DcStoreFolderLock  **folder_lock,
                  GError             **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  *created = FALSE;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      /* Only folders we create are narrowed to 0700: an existing one
       * chosen with --db is the user's business. */
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, DC_ERROR,
                       saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM
                       ? DC_ERROR_READ_ONLY : DC_ERROR_FAILED,
                       _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
          return FALSE;
        }
    }

  /* Before the file is looked at or created: a restore may be replacing
   * it. */
  *folder_lock = dc_store_folder_lock (path, FALSE, error);
  if (*folder_lock == NULL)
    return FALSE;

  /* Create the file ourselves so that it is private from the first byte;
   * SQLite gives its -wal and -shm files the same mode. */
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      *created = TRUE;
      close (fd);
      return TRUE;
    }

  if (errno == EEXIST)
    {
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("%s is a folder, not a database"), path);
          return FALSE;
        }
      return TRUE;
    }

  {
    int saved_errno = errno;

    g_set_error (error, DC_ERROR,
                 saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM
                 ? DC_ERROR_READ_ONLY : DC_ERROR_FAILED,
                 _("Cannot create the database %s: %s"), path, g_strerror (saved_errno));
  }
  return FALSE;
}

static gboolean
check_existing (DcStore  *self,
                gboolean  created,
                int      *version,
                GError  **error)
{
  int application_id = 0;
  int n_tables = 0;

  /* Reading the header is the first thing done with the file: a damaged or
   * foreign file fails here, before anything could be written to it. */
  if (!query_int (self->db, "PRAGMA user_version", version, error)
      || !query_int (self->db, "PRAGMA application_id", &application_id, error)
      || !query_int (self->db, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    {
      g_prefix_error (error, "%s: ", self->path);
      return FALSE;
    }

  if (!created && n_tables > 0 && application_id != DC_STORE_APPLICATION_ID)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                   _("%s is not a Dermachart database"), self->path);
      return FALSE;
    }

  if (*version > DC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_NEWER_SCHEMA,
                   _("%s was written by a newer version of Dermachart (schema %d; this "
                     "version knows up to %d). Update Dermachart to open it."),
                   self->path, *version, DC_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_READ_ONLY,
                   _("%s cannot be written to; Dermachart needs to save records there"),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure_connection (DcStore  *self,
                      GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc;

  sqlite3_busy_timeout (self->db, 5000);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return _dc_store_set_error (self->db, rc, error);
  if (!wal)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_FAILED,
                   _("The database at %s cannot use write-ahead logging"), self->path);
      return FALSE;
    }

  /* foreign_keys is a no-op inside a transaction, so set it first. */
  if (!_dc_store_exec (self->db, "PRAGMA foreign_keys = ON", error)
      || !_dc_store_exec (self->db, "PRAGMA synchronous = FULL", error))
    return FALSE;

  rc = sqlite3_create_function_v2 (self->db, "dc_actor", 0, SQLITE_UTF8, self,
                                   actor_sql_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = _dc_store_audit_register (self->db);
  if (rc != SQLITE_OK)
    return _dc_store_set_error (self->db, rc, error);

  return TRUE;
}

/**
 * dc_store_open:
 * @path: (nullable): the database file, or %NULL for the default location
 *
 * Opens the database, creating and migrating it as needed. A file that is
 * damaged, not a Dermachart database, written by a newer version, or not
 * writable is refused with a clear error, and nothing is written to it.
 */
DcStore *
dc_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(DcStore) self = NULL;
  g_autofree char *dir = NULL;
  gboolean created = FALSE;
  int version = 0;
  int rc;

  self = g_object_new (DC_TYPE_STORE, NULL);
  self->path = path != NULL ? g_canonicalize_filename (path, NULL) : dc_store_default_path ();
  dir = g_path_get_dirname (self->path);
  self->photo_dir = g_build_filename (dir, "photos", NULL);

  if (!prepare_location (self->path, &created, &self->folder_lock, error))
    return NULL;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _dc_store_set_error (self->db, rc, error);
      g_prefix_error (error, "%s: ", self->path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);

  if (!check_existing (self, created, &version, error))
    return NULL;
  /* Switching a new file to WAL is its first write: a full disk or a
   * read-only one shows here, and the message should say which file. */
  if (!configure_connection (self, error))
    {
      g_prefix_error (error, "%s: ", self->path);
      return NULL;
    }

  if (version < DC_STORE_SCHEMA_VERSION)
    {
      gboolean migrated;

      self->running_actor = "dermachart";
      migrated = _dc_store_migrate (self->db, version, error);
      self->running_actor = NULL;
      if (!migrated)
        {
          g_prefix_error (error, _("Cannot prepare the database %s: "), self->path);
          return NULL;
        }
    }

  /* One writer: the pool has a single thread, so async jobs run in the
   * order they were queued. */
  self->worker = g_thread_pool_new (worker_func, self, 1, FALSE, NULL);

  return g_steal_pointer (&self);
}

static gboolean
unref_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* The task holds the store; were its last reference dropped here, the store
 * would be finalized on its own worker thread and wait for itself. So the
 * worker's reference goes back to the thread that queued the task. */
static void
release_task (GTask *task)
{
  g_main_context_invoke (g_task_get_context (task), unref_task_cb, task);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  GTask *task = data;
  DcStore *self = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    {
      release_task (task);
      return;
    }

  if (job->writes)
    ok = dc_store_transaction_as (self, job->actor, job->func, job->data,
                                  g_task_get_cancellable (task), &error);
  else
    ok = job->func (self, job->data, g_task_get_cancellable (task), &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  release_task (task);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  DcStore *store = dc_store_open (task_data, &error);

  if (store != NULL)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
dc_store_open_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, dc_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

DcStore *
dc_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * dc_store_close:
 *
 * Waits for queued work, then closes the database. Called by finalize; call
 * it earlier to be sure the file is closed at a given point.
 */
void
dc_store_close (DcStore *self)
{
  g_return_if_fail (DC_IS_STORE (self));

  if (self->worker != NULL)
    {
      g_thread_pool_free (self->worker, FALSE, TRUE);
      self->worker = NULL;
    }

  g_rec_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->folder_lock, dc_store_folder_unlock);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * dc_store_add_check:
 * @type: the record type the check applies to (and its subtypes)
 *
 * Adds a rule every saved record of @type must meet, whichever way it
 * arrives: the UI, an import or the command line. Add checks right after
 * opening the store, before any work is queued.
 */
void
dc_store_add_check (DcStore      *self,
                    GType         type,
                    DcStoreCheck  check,
                    gpointer      user_data)
{
  Check entry = { type, check, user_data };

  g_return_if_fail (DC_IS_STORE (self));
  g_return_if_fail (g_type_is_a (type, DC_TYPE_RECORD));
  g_return_if_fail (check != NULL);

  g_rec_mutex_lock (&self->lock);
  g_array_append_val (self->checks, entry);
  g_rec_mutex_unlock (&self->lock);
}

const char *
dc_store_get_path (DcStore *self)
{
  g_return_val_if_fail (DC_IS_STORE (self), NULL);

  return self->path;
}

const char *
dc_store_get_photo_dir (DcStore *self)
{
  g_return_val_if_fail (DC_IS_STORE (self), NULL);

  return self->photo_dir;
}

void
dc_store_set_actor (DcStore    *self,
                    const char *actor)
{
  g_return_if_fail (DC_IS_STORE (self));

  g_mutex_lock (&self->actor_lock);
  dc_set_str (&self->actor, actor);
  g_mutex_unlock (&self->actor_lock);
}

char *
dc_store_dup_actor (DcStore *self)
{
  char *actor;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);

  g_mutex_lock (&self->actor_lock);
  actor = g_strdup (self->actor);
  g_mutex_unlock (&self->actor_lock);

  return actor;
}

/* Statements are prepared once and kept: the SQL text is the key. Caller
 * holds the lock; the statement is reset by release_statement(). */
static sqlite3_stmt *
get_statement (DcStore     *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  if (self->db == NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("The database is closed"));
      return NULL;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _dc_store_set_error (self->db, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static void
release_statement (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* The SQL of one record class, built from its fields once. */
typedef struct
{
  char *columns;       /* "id, uuid, created_at, updated_at, a, b" */
  char *insert;
  char *update;
  char *select_by_id;
  char *select_by_uuid;
  char *select_children;
  char *count_children;
  char *delete;
} ClassSql;

static void
class_sql_free (gpointer data)
{
  ClassSql *sql = data;

  g_free (sql->columns);
  g_free (sql->insert);
  g_free (sql->update);
  g_free (sql->select_by_id);
  g_free (sql->select_by_uuid);
  g_free (sql->select_children);
  g_free (sql->count_children);
  g_free (sql->delete);
  g_free (sql);
}

static const ClassSql *
get_class_sql (DcRecordClass *klass)
{
  static GMutex mutex;
  static GHashTable *cache;
  g_autoptr(GString) columns = g_string_new ("id, uuid, created_at, updated_at");
  g_autoptr(GString) placeholders = g_string_new ("?, ?, ?");
  g_autoptr(GString) assignments = g_string_new ("updated_at = ?");
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GString) where_parent = g_string_new (NULL);
  g_autofree char *parent_column = NULL;
  g_autofree char *insert_columns = NULL;
  GParamSpec **fields;
  guint n_fields;
  ClassSql *sql;

  g_mutex_lock (&mutex);
  if (cache == NULL)
    cache = g_hash_table_new_full (NULL, NULL, NULL, class_sql_free);
  sql = g_hash_table_lookup (cache, klass);
  g_mutex_unlock (&mutex);
  if (sql != NULL)
    return sql;

  fields = dc_record_class_get_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *column = dc_record_field_column_name (fields[i]);

      g_string_append_printf (columns, ", %s", column);
      g_string_append (placeholders, ", ?");
      g_string_append_printf (assignments, ", %s = ?", column);
    }

  if (klass->sort_field != NULL)
    {
      gboolean descending = klass->sort_field[0] == '-';
      g_autofree char *sort_column =
        g_strdelimit (g_strdup (klass->sort_field + (descending ? 1 : 0)), "-", '_');

      g_string_append_printf (order, " ORDER BY %s%s%s, id%s", sort_column,
                              g_str_has_suffix (sort_column, "name") ? " COLLATE NOCASE" : "",
                              descending ? " DESC" : "", descending ? " DESC" : "");
    }
  else
    g_string_append (order, " ORDER BY id");

  if (klass->parent_field != NULL)
    {
      parent_column = g_strdelimit (g_strdup (klass->parent_field), "-", '_');
      g_string_append_printf (where_parent, " WHERE %s = ?", parent_column);
    }

  /* Inserts leave out the row id: SQLite assigns it. */
  insert_columns = g_strdup (columns->str + strlen ("id, "));

  sql = g_new0 (ClassSql, 1);
  sql->columns = g_strdup (columns->str);
  sql->insert = g_strconcat ("INSERT INTO ", klass->table, " (", insert_columns,
                             ") VALUES (", placeholders->str, ")", NULL);
  sql->update = g_strconcat ("UPDATE ", klass->table, " SET ", assignments->str,
                             " WHERE id = ?", NULL);
  sql->select_by_id = g_strconcat ("SELECT ", columns->str, " FROM ", klass->table,
                                   " WHERE id = ?", NULL);
  sql->select_by_uuid = g_strconcat ("SELECT ", columns->str, " FROM ", klass->table,
                                     " WHERE uuid = ?", NULL);
  sql->select_children = g_strconcat ("SELECT ", columns->str, " FROM ", klass->table,
                                      where_parent->str, order->str, NULL);
  sql->count_children = g_strconcat ("SELECT count(*) FROM ", klass->table,
                                     where_parent->str, NULL);
  sql->delete = g_strconcat ("DELETE FROM ", klass->table, " WHERE id = ?", NULL);

  g_mutex_lock (&mutex);
  if (g_hash_table_lookup (cache, klass) == NULL)
    g_hash_table_insert (cache, klass, sql);
  else
    {
      class_sql_free (sql);
      sql = g_hash_table_lookup (cache, klass);
    }
  g_mutex_unlock (&mutex);

  return sql;
}

static void
bind_field (sqlite3_stmt  *stmt,
            int            index,
            DcRecordClass *klass,
            GParamSpec    *field,
            const GValue  *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    sqlite3_bind_text (stmt, index, g_value_get_string (value), -1, SQLITE_TRANSIENT);
  else if (type == G_TYPE_INT)
    sqlite3_bind_int (stmt, index, g_value_get_int (value));
  else if (type == G_TYPE_INT64)
    {
      gint64 v = g_value_get_int64 (value);

      if (v == 0 && dc_record_class_get_reference (klass, field) != G_TYPE_INVALID)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, v);
    }
  else if (type == G_TYPE_DOUBLE)
    sqlite3_bind_double (stmt, index, g_value_get_double (value));
  else if (type == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, g_value_get_boolean (value) ? 1 : 0);
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *ev = g_enum_get_value (enum_class, g_value_get_enum (value));

      sqlite3_bind_text (stmt, index, ev != NULL ? ev->value_nick : NULL, -1, SQLITE_STATIC);
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      guint flags = g_value_get_flags (value);

      if (flags == 0)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_text (stmt, index, dc_flags_to_nicks (type, flags), -1, g_free);
    }
  else if (type == G_TYPE_BYTES)
    {
      GBytes *bytes = g_value_get_boxed (value);

      if (bytes == NULL)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_blob64 (stmt, index, g_bytes_get_data (bytes, NULL),
                             g_bytes_get_size (bytes), SQLITE_TRANSIENT);
    }
  else
    g_assert_not_reached ();
}

static gboolean
read_field (sqlite3_stmt  *stmt,
            int            column,
            GParamSpec    *field,
            GValue        *value,
            GError       **error)
{
  GType type = field->value_type;
  gboolean is_null = sqlite3_column_type (stmt, column) == SQLITE_NULL;

  g_value_init (value, type);

  if (type == G_TYPE_STRING)
    g_value_set_string (value, (const char *) sqlite3_column_text (stmt, column));
  else if (type == G_TYPE_INT)
    g_value_set_int (value, sqlite3_column_int (stmt, column));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (value, sqlite3_column_double (stmt, column));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      const char *nick = (const char *) sqlite3_column_text (stmt, column);
      GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (enum_class, nick) : NULL;

      if (ev == NULL)
        {
          /* TRANSLATORS: %s is a field name as stored, e.g. "status" */
          g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                       _("The database holds a value this version does not know: %s “%s”"),
                       field->name, nick);
          return FALSE;
        }
      g_value_set_enum (value, ev->value);
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      guint flags = 0;

      if (!is_null && !dc_flags_from_nicks (type, (const char *) sqlite3_column_text (stmt, column),
                                            &flags, error))
        return FALSE;
      g_value_set_flags (value, flags);
    }
  else if (type == G_TYPE_BYTES)
    {
      if (!is_null)
        g_value_take_boxed (value, g_bytes_new (sqlite3_column_blob (stmt, column),
                                                sqlite3_column_bytes (stmt, column)));
    }
  else
    g_assert_not_reached ();

  return TRUE;
}

static DcRecord *
read_record (sqlite3_stmt  *stmt,
             GType          type,
             GError       **error)
{
  g_autoptr(DcRecord) record = g_object_new (type, NULL);
  GParamSpec **fields;
  guint n_fields;

  dc_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  dc_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, 1));
  dc_record_set_timestamps (record,
                            (const char *) sqlite3_column_text (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3));

  fields = dc_record_class_get_fields (DC_RECORD_GET_CLASS (record), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!read_field (stmt, 4 + i, fields[i], &value, error))
        return NULL;
      dc_record_set_field (record, fields[i], &value);
    }

  return g_steal_pointer (&record);
}

/* Runs a SELECT statement whose rows are records, collecting them. */
static GListStore *
read_records (DcStore       *self,
              sqlite3_stmt  *stmt,
              GType          type,
              GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (type);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DcRecord) record = read_record (stmt, type, error);

      if (record == NULL)
        return NULL;
      g_list_store_append (list, record);
    }

  if (rc != SQLITE_DONE)
    {
      _dc_store_set_error (self->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

static DcRecord *
load_locked (DcStore     *self,
             GType        type,
             gboolean     by_uuid,
             gint64       id,
             const char  *uuid,
             GError     **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  const ClassSql *sql = get_class_sql (DC_RECORD_CLASS (klass));
  sqlite3_stmt *stmt;
  DcRecord *record = NULL;
  int rc;

  stmt = get_statement (self, by_uuid ? sql->select_by_uuid : sql->select_by_id, error);
  if (stmt == NULL)
    return NULL;

  if (by_uuid)
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_record (stmt, type, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, DC_ERROR, DC_ERROR_NOT_FOUND, _("The record was not found"));
  else
    _dc_store_set_error (self->db, rc, error);

  release_statement (stmt);
  return record;
}

gpointer
dc_store_load (DcStore  *self,
               GType     type,
               gint64    id,
               GError  **error)
{
  DcRecord *record;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, DC_TYPE_RECORD), NULL);

  g_rec_mutex_lock (&self->lock);
  record = load_locked (self, type, FALSE, id, NULL, error);
  g_rec_mutex_unlock (&self->lock);

  return record;
}

gpointer
dc_store_load_by_uuid (DcStore     *self,
                       GType        type,
                       const char  *uuid,
                       GError     **error)
{
  DcRecord *record;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, DC_TYPE_RECORD), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  record = load_locked (self, type, TRUE, 0, uuid, error);
  g_rec_mutex_unlock (&self->lock);

  return record;
}

/* @restoring: the record is read back from an export, and an update keeps
 * its own updated_at rather than now (see _dc_store_save_restored()). */
static gboolean
save_locked (DcStore   *self,
             DcRecord  *record,
             gboolean   restoring,
             GError   **error)
{
  DcRecordClass *klass = DC_RECORD_GET_CLASS (record);
  const ClassSql *sql = get_class_sql (klass);
  g_autofree char *now = restoring && dc_record_get_updated_at (record) != NULL
                         ? g_strdup (dc_record_get_updated_at (record))
                         : dc_timestamp_now ();
  gint64 id = dc_record_get_id (record);
  g_autofree char *created_at = NULL;    /* a copy: @record's may be replaced */
  sqlite3_stmt *stmt;
  GParamSpec **fields;
  guint n_fields;
  int index = 1;
  int rc;

  if (!dc_record_validate (record, error))
    return FALSE;
  for (guint i = 0; i < self->checks->len; i++)
    {
      const Check *check = &g_array_index (self->checks, Check, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (record, check->type)
          && !check->func (self, record, check->user_data, error))
        return FALSE;
    }

  if (id != 0)
    {
      g_autoptr(DcRecord) stored = load_locked (self, G_OBJECT_TYPE (record), FALSE, id,
                                                NULL, error);

      if (stored == NULL)
        return FALSE;
      /* Saving what is already stored writes nothing, not even an audit
       * row, so the UI can save on every change without noise. */
      if (dc_record_fields_equal (stored, record))
        {
          dc_record_set_timestamps (record, dc_record_get_created_at (stored),
                                    dc_record_get_updated_at (stored));
          return TRUE;
        }
      created_at = g_strdup (dc_record_get_created_at (stored));
      stmt = get_statement (self, sql->update, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, index++, now, -1, SQLITE_TRANSIENT);
    }
  else
    {
      /* An import keeps the record's own timestamps. */
      created_at = g_strdup (dc_record_get_created_at (record) != NULL
                             ? dc_record_get_created_at (record) : now);
      stmt = get_statement (self, sql->insert, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, index++, dc_record_get_uuid (record), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, index++, created_at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, index++,
                         dc_record_get_updated_at (record) != NULL
                         ? dc_record_get_updated_at (record) : created_at,
                         -1, SQLITE_TRANSIENT);
    }

  fields = dc_record_class_get_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    bind_field (stmt, index++, klass, fields[i], dc_record_get_field (record, fields[i]));
  if (id != 0)
    sqlite3_bind_int64 (stmt, index++, id);

  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    return _dc_store_set_error (self->db, rc, error);

  if (id == 0)
    {
      g_autofree char *updated_at = g_strdup (dc_record_get_updated_at (record));

      dc_record_set_id (record, sqlite3_last_insert_rowid (self->db));
      dc_record_set_timestamps (record, created_at,
                                updated_at != NULL ? updated_at : created_at);
    }
  else
    {
      dc_record_set_timestamps (record, created_at, now);
    }

  return TRUE;
}

/**
 * dc_store_save:
 *
 * Validates @record and inserts it (id 0) or updates its row. On success
 * the record holds its row id and timestamps. An unchanged record is not
 * written.
 */
gboolean
dc_store_save (DcStore   *self,
               DcRecord  *record,
               GError   **error)
{
  gboolean ret;

  g_return_val_if_fail (DC_IS_STORE (self), FALSE);
  g_return_val_if_fail (DC_IS_RECORD (record), FALSE);

  g_rec_mutex_lock (&self->lock);
  ret = save_locked (self, record, FALSE, error);
  g_rec_mutex_unlock (&self->lock);

  return ret;
}

/**
 * _dc_store_save_restored:
 *
 * Like dc_store_save(), for a record read back from an export: an update
 * keeps the record's own updated_at. The import signs an imported signed
 * session after its zones and photos are in, and the session must come
 * out as it went in.
 */
gboolean
_dc_store_save_restored (DcStore   *self,
                         DcRecord  *record,
                         GError   **error)
{
  gboolean ret;

  g_rec_mutex_lock (&self->lock);
  ret = save_locked (self, record, TRUE, error);
  g_rec_mutex_unlock (&self->lock);

  return ret;
}

gboolean
dc_store_delete (DcStore   *self,
                 DcRecord  *record,
                 GError   **error)
{
  const ClassSql *sql;
  sqlite3_stmt *stmt;
  gboolean ret = FALSE;
  int rc;

  g_return_val_if_fail (DC_IS_STORE (self), FALSE);
  g_return_val_if_fail (DC_IS_RECORD (record), FALSE);
  g_return_val_if_fail (dc_record_get_id (record) != 0, FALSE);

  sql = get_class_sql (DC_RECORD_GET_CLASS (record));

  g_rec_mutex_lock (&self->lock);
  stmt = get_statement (self, sql->delete, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, dc_record_get_id (record));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        _dc_store_set_error (self->db, rc, error);
      else if (sqlite3_changes (self->db) == 0)
        g_set_error (error, DC_ERROR, DC_ERROR_NOT_FOUND, _("The record no longer exists"));
      else
        ret = TRUE;
      release_statement (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  return ret;
}

/**
 * dc_store_list:
 * @parent_id: the owning record's id, for types that have a parent field
 *
 * Returns: (transfer full): a GListStore of records of @type in their
 *   class's order: a patient's sessions newest first, all practitioners…
 */
GListModel *
dc_store_list (DcStore  *self,
               GType     type,
               gint64    parent_id,
               GError  **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  const ClassSql *sql;
  sqlite3_stmt *stmt;
  GListStore *list = NULL;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, DC_TYPE_RECORD), NULL);

  klass = g_type_class_ref (type);
  sql = get_class_sql (DC_RECORD_CLASS (klass));

  g_rec_mutex_lock (&self->lock);
  stmt = get_statement (self, sql->select_children, error);
  if (stmt != NULL)
    {
      if (DC_RECORD_CLASS (klass)->parent_field != NULL)
        sqlite3_bind_int64 (stmt, 1, parent_id);
      list = read_records (self, stmt, type, error);
      release_statement (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  return G_LIST_MODEL (list);
}

/**
 * dc_store_count:
 *
 * Returns: how many records of @type belong to @parent_id (all of them for
 *   types without a parent), or -1 with @error set.
 */
gint64
dc_store_count (DcStore  *self,
                GType     type,
                gint64    parent_id,
                GError  **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  const ClassSql *sql;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (DC_IS_STORE (self), -1);
  g_return_val_if_fail (g_type_is_a (type, DC_TYPE_RECORD), -1);

  klass = g_type_class_ref (type);
  sql = get_class_sql (DC_RECORD_CLASS (klass));

  g_rec_mutex_lock (&self->lock);
  stmt = get_statement (self, sql->count_children, error);
  if (stmt != NULL)
    {
      if (DC_RECORD_CLASS (klass)->parent_field != NULL)
        sqlite3_bind_int64 (stmt, 1, parent_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      else
        _dc_store_set_error (self->db, rc, error);
      release_statement (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  return count;
}

gboolean
dc_store_has_patients (DcStore   *self,
                       gboolean  *has_patients,
                       GError   **error)
{
  gint64 count;

  g_return_val_if_fail (DC_IS_STORE (self), FALSE);
  g_return_val_if_fail (has_patients != NULL, FALSE);

  count = dc_store_count (self, DC_TYPE_PATIENT, 0, error);
  if (count < 0)
    return FALSE;

  *has_patients = count > 0;
  return TRUE;
}

/**
 * dc_store_load_clinic:
 *
 * Returns: (transfer full): the clinic's details; a new, unsaved DcClinic
 *   while none were saved yet.
 */
DcClinic *
dc_store_load_clinic (DcStore  *self,
                      GError  **error)
{
  g_autoptr(GListModel) clinics = dc_store_list (self, DC_TYPE_CLINIC, 0, error);

  if (clinics == NULL)
    return NULL;
  if (g_list_model_get_n_items (clinics) > 0)
    return g_list_model_get_item (clinics, 0);
  return dc_clinic_new ();
}

/* Patient search ---------------------------------------------------------- */

/* Dates of birth as people type them: 1984-03-07, 07.03.1984, 07/03/1984
 * (day first, and month first when that is the only valid reading). */
static void
parse_birth_dates (const char *token,
                   GPtrArray  *dates)
{
  guint a, b, year;
  char sep1, sep2;
  int consumed = 0;

  if (dc_date_is_valid (token))
    {
      g_ptr_array_add (dates, g_strdup (token));
      return;
    }

  if (sscanf (token, "%2u%c%2u%c%4u%n", &a, &sep1, &b, &sep2, &year, &consumed) != 5
      || token[consumed] != '\0' || sep1 != sep2 || strchr ("./-", sep1) == NULL
      || year < 1000)
    return;

  if (g_date_valid_dmy (a, b, year))
    g_ptr_array_add (dates, g_strdup_printf ("%04u-%02u-%02u", year, b, a));
  if (a != b && g_date_valid_dmy (b, a, year))
    g_ptr_array_add (dates, g_strdup_printf ("%04u-%02u-%02u", year, a, b));
}

static char *
fts_query_for (char **tokens)
{
  g_autoptr(GString) query = g_string_new (NULL);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *quoted = NULL;
      g_auto(GStrv) parts = g_strsplit (tokens[i], "\"", -1);

      /* Each word is a quoted prefix term, so no user input is ever read as
       * FTS5 query syntax. */
      quoted = g_strjoinv ("\"\"", parts);
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_printf (query, "\"%s\"*", quoted);
    }

  return g_string_free (g_steal_pointer (&query), query->len == 0);
}

/* The statement's shape depends only on which filters are present, so a
 * handful of variants end up in the statement cache. */
static void
append_search_sql (GString    *sql,
                   const char *columns,
                   gboolean    by_name,
                   guint       n_dates,
                   gboolean    by_year,
                   gboolean    include_archived)
{
  g_string_append_printf (sql, "SELECT %s FROM patient WHERE 1", columns);
  if (by_name)
    g_string_append (sql, " AND id IN (SELECT rowid FROM patient_fts WHERE patient_fts MATCH ?)");
  if (n_dates > 0)
    g_string_append (sql, n_dates > 1 ? " AND birth_date IN (?, ?)" : " AND birth_date = ?");
  if (by_year)
    g_string_append (sql, " AND birth_date >= ? AND birth_date < ?");
  if (!include_archived)
    g_string_append (sql, " AND archived = 0");
  g_string_append (sql, " ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id");
}

/* What was typed, read as name words, dates of birth and a year of birth. */
typedef struct
{
  char      *fts;
  GPtrArray *dates;
  char      *year;
} PatientQuery;

static void
patient_query_clear (PatientQuery *query)
{
  g_clear_pointer (&query->fts, g_free);
  g_clear_pointer (&query->dates, g_ptr_array_unref);
  g_clear_pointer (&query->year, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PatientQuery, patient_query_clear)

static void
patient_query_parse (PatientQuery *query,
                     const char   *text)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) tokens = NULL;

  query->dates = g_ptr_array_new_with_free_func (g_free);

  tokens = g_strsplit_set (text != NULL ? text : "", " \t\n,;", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_auto(GStrv) name_words = NULL;
      guint before = query->dates->len;

      if (*tokens[i] == '\0')
        continue;

      parse_birth_dates (tokens[i], query->dates);
      if (query->dates->len > before)
        continue;
      if (strlen (tokens[i]) == 4 && strspn (tokens[i], "0123456789") == 4)
        {
          dc_set_str (&query->year, tokens[i]);
          continue;
        }

      /* "García-López" is two words to the index as well. */
      name_words = g_str_tokenize_and_fold (tokens[i], NULL, NULL);
      for (guint j = 0; name_words[j] != NULL; j++)
        g_ptr_array_add (words, g_strdup (name_words[j]));
    }
  g_ptr_array_add (words, NULL);
  query->fts = fts_query_for ((char **) words->pdata);
}

/* Caller holds the lock and releases the statement. */
static sqlite3_stmt *
prepare_search (DcStore             *self,
                const char          *columns,
                const PatientQuery  *query,
                gboolean             include_archived,
                GError             **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int index = 1;

  append_search_sql (sql, columns, query->fts != NULL, query->dates->len, query->year != NULL,
                     include_archived);
  stmt = get_statement (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  if (query->fts != NULL)
    sqlite3_bind_text (stmt, index++, query->fts, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < MIN (query->dates->len, 2); i++)
    sqlite3_bind_text (stmt, index++, g_ptr_array_index (query->dates, i), -1, SQLITE_TRANSIENT);
  if (query->year != NULL)
    {
      guint y = (guint) g_ascii_strtoull (query->year, NULL, 10);

      sqlite3_bind_text (stmt, index++, g_strdup_printf ("%04u-01-01", y), -1, g_free);
      sqlite3_bind_text (stmt, index++, g_strdup_printf ("%04u-01-01", y + 1), -1, g_free);
    }

  return stmt;
}

/**
 * dc_store_search_patients:
 * @query: what was typed: parts of names (accents optional: "muller" finds
 *   "Müller"), a date of birth, or a year of birth, in any combination
 *
 * Reads every matching patient at once; see dc_store_find_patients() for
 * a list that reads them as they are shown.
 *
 * Returns: (transfer full): matching patients, sorted by name.
 */
GListModel *
dc_store_search_patients (DcStore     *self,
                          const char  *query,
                          gboolean     include_archived,
                          GError     **error)
{
  g_auto(PatientQuery) parsed = { 0 };
  g_autoptr(GTypeClass) klass = NULL;
  const ClassSql *class_sql;
  sqlite3_stmt *stmt;
  GListStore *list = NULL;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);

  klass = g_type_class_ref (DC_TYPE_PATIENT);
  class_sql = get_class_sql (DC_RECORD_CLASS (klass));
  patient_query_parse (&parsed, query);

  g_rec_mutex_lock (&self->lock);
  stmt = prepare_search (self, class_sql->columns, &parsed, include_archived, error);
  if (stmt != NULL)
    {
      list = read_records (self, stmt, DC_TYPE_PATIENT, error);
      release_statement (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  return G_LIST_MODEL (list);
}

/**
 * dc_store_find_patients:
 *
 * Searches as dc_store_search_patients() does, but reads only which
 * patients match, in which order, and the first of them. The others are
 * read a page at a time when the list asks for them, so even a search
 * matching all 10 000 patients of a large clinic takes a few milliseconds.
 *
 * Returns: (transfer full): the matching patients, sorted by name.
 */
DcPatientResults *
dc_store_find_patients (DcStore     *self,
                        const char  *query,
                        gboolean     include_archived,
                        GError     **error)
{
  g_auto(PatientQuery) parsed = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DcPatientResults) results = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);

  patient_query_parse (&parsed, query);

  g_rec_mutex_lock (&self->lock);
  stmt = prepare_search (self, "id", &parsed, include_archived, error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      if (rc != SQLITE_DONE)
        _dc_store_set_error (self->db, rc, error);
      release_statement (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  if (stmt == NULL || rc != SQLITE_DONE)
    return NULL;

  results = _dc_patient_results_new (self, ids);
  /* The first rows are shown at once: read them here, off the UI thread. */
  if (!_dc_patient_results_load (results, 0, error))
    return NULL;

  return g_steal_pointer (&results);
}

/* A page of patients by id: the same statement for every page. */
static const char *
patient_page_sql (void)
{
  static char *sql;

  if (g_once_init_enter (&sql))
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (DC_TYPE_PATIENT);
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, "SELECT %s FROM patient WHERE id IN (?",
                              get_class_sql (DC_RECORD_CLASS (klass))->columns);
      for (guint i = 1; i < DC_STORE_PATIENT_PAGE; i++)
        g_string_append (text, ", ?");
      g_string_append_c (text, ')');
      g_once_init_leave (&sql, g_string_free (g_steal_pointer (&text), FALSE));
    }

  return sql;
}

/* Reads the patients of @ids, in any order, into @patients: the patient
 * whose id is ids[i] goes into patients[i]. One statement for up to
 * DC_STORE_PATIENT_PAGE ids. */
gboolean
_dc_store_load_patients (DcStore       *self,
                         const gint64  *ids,
                         guint          n_ids,
                         DcPatient    **patients,
                         GError       **error)
{
  sqlite3_stmt *stmt;
  guint n_found = 0;
  int rc;

  g_return_val_if_fail (n_ids <= DC_STORE_PATIENT_PAGE, FALSE);

  g_rec_mutex_lock (&self->lock);
  stmt = get_statement (self, patient_page_sql (), error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  /* Unused places stay NULL, which matches no id. */
  for (guint i = 0; i < n_ids; i++)
    sqlite3_bind_int64 (stmt, i + 1, ids[i]);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr(DcRecord) record = read_record (stmt, DC_TYPE_PATIENT, error);

      if (record == NULL)
        break;
      for (guint i = 0; i < n_ids; i++)
        if (ids[i] == id && patients[i] == NULL)
          {
            patients[i] = DC_PATIENT (g_object_ref (record));
            n_found++;
          }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _dc_store_set_error (self->db, rc, error);
  release_statement (stmt);
  g_rec_mutex_unlock (&self->lock);

  if (rc != SQLITE_DONE)
    return FALSE;
  if (n_found < n_ids)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_NOT_FOUND, _("The record was not found"));
      return FALSE;
    }

  return TRUE;
}

/**
 * dc_store_list_audit:
 * @row_uuid: (nullable): the record whose history is wanted, or %NULL for
 *   the whole trail
 *
 * Returns: (transfer full): DcAuditEntry rows, oldest first.
 */
GListModel *
dc_store_list_audit (DcStore     *self,
                     const char  *row_uuid,
                     GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (DC_TYPE_AUDIT_ENTRY);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = get_statement (self,
                        "SELECT id, at, actor, table_name, row_uuid, action, before, after "
                        "FROM audit WHERE ?1 IS NULL OR row_uuid = ?1 ORDER BY id", error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, row_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DcAuditEntry) entry =
        dc_audit_entry_new (sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3),
                            (const char *) sqlite3_column_text (stmt, 4),
                            (const char *) sqlite3_column_text (stmt, 5),
                            (const char *) sqlite3_column_text (stmt, 6),
                            (const char *) sqlite3_column_text (stmt, 7));
      g_list_store_append (list, entry);
    }
  if (rc != SQLITE_DONE)
    _dc_store_set_error (self->db, rc, error);
  release_statement (stmt);
  g_rec_mutex_unlock (&self->lock);

  return rc == SQLITE_DONE ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}

/* A patient's rows, the rows of their sessions and disclosures, and the
 * rows of those sessions' zones, products, photos and so on. Each part
 * repeats the condition of a partial index of migration 5 word for word,
 * which is how SQLite knows it may use it. */
#define PATIENT_AUDIT_SQL \
  "WITH sessions (id) AS (" \
  "  SELECT json_extract (coalesce (after, before), '$.id') FROM audit" \
  "  WHERE table_name IN ('session', 'disclosure') AND table_name = 'session'" \
  "    AND json_extract (coalesce (after, before), '$.patient_id') = ?2) " \
  "SELECT id, at, actor, table_name, row_uuid, action, before, after FROM audit" \
  "  WHERE table_name = 'patient' AND row_uuid = ?1 " \
  "UNION ALL " \
  "SELECT id, at, actor, table_name, row_uuid, action, before, after FROM audit" \
  "  WHERE table_name IN ('session', 'disclosure')" \
  "    AND json_extract (coalesce (after, before), '$.patient_id') = ?2 " \
  "UNION ALL " \
  "SELECT id, at, actor, table_name, row_uuid, action, before, after FROM audit" \
  "  WHERE table_name IN ('zone_treatment', 'product_use', 'photo', 'side_effect', 'safety_ack'," \
  "                       'addendum')" \
  "    AND json_extract (coalesce (after, before), '$.session_id') IN (SELECT id FROM sessions) " \
  "ORDER BY id"

/**
 * dc_store_list_patient_audit:
 *
 * The history of one patient's record: the audit rows of the patient, of
 * their sessions and of everything recorded in those sessions, including
 * rows deleted since (found through the session ids the rows held).
 *
 * Returns: (transfer full): DcAuditEntry rows, oldest first.
 */
GListModel *
dc_store_list_patient_audit (DcStore     *self,
                             DcPatient   *patient,
                             GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (DC_TYPE_AUDIT_ENTRY);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);
  g_return_val_if_fail (DC_IS_PATIENT (patient), NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = get_statement (self,
                        PATIENT_AUDIT_SQL, error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, dc_record_get_uuid (DC_RECORD (patient)), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, dc_record_get_id (DC_RECORD (patient)));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DcAuditEntry) entry =
        dc_audit_entry_new (sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3),
                            (const char *) sqlite3_column_text (stmt, 4),
                            (const char *) sqlite3_column_text (stmt, 5),
                            (const char *) sqlite3_column_text (stmt, 6),
                            (const char *) sqlite3_column_text (stmt, 7));
      g_list_store_append (list, entry);
    }
  if (rc != SQLITE_DONE)
    _dc_store_set_error (self->db, rc, error);
  release_statement (stmt);
  g_rec_mutex_unlock (&self->lock);

  return rc == SQLITE_DONE ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}

/**
 * dc_store_list_photo_files:
 *
 * Every photo file the records refer to, for checks and backups.
 *
 * Returns: (transfer full) (element-type utf8 utf8): checksum → the UUID
 *   of one photo record with that checksum
 */
GHashTable *
dc_store_list_photo_files (DcStore  *self,
                           GError  **error)
{
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = get_statement (self, "SELECT sha256, min(uuid) FROM photo GROUP BY sha256", error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (files, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    _dc_store_set_error (self->db, rc, error);
  release_statement (stmt);
  g_rec_mutex_unlock (&self->lock);

  return rc == SQLITE_DONE ? g_steal_pointer (&files) : NULL;
}

/* Adds a line to @problems for each row of @sql's result other than "ok",
 * made by @describe from the row. */
static gboolean
collect_problems (DcStore     *self,
                  const char  *sql,
                  char      *(*describe) (sqlite3_stmt *stmt),
                  GPtrArray   *problems,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        g_ptr_array_add (problems, describe (stmt));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _dc_store_set_error (self->db, rc, error);
  return TRUE;
}

static char *
describe_integrity (sqlite3_stmt *stmt)
{
  return g_strdup_printf (_("The database file is damaged: %s"), sqlite3_column_text (stmt, 0));
}

static char *
describe_foreign_key (sqlite3_stmt *stmt)
{
  return g_strdup_printf (_("Row %lld of %s refers to a missing row of %s"),
                          (long long) sqlite3_column_int64 (stmt, 2),
                          sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 3));
}

/**
 * dc_store_verify:
 * @problems: (element-type utf8): where a line is added for each problem
 *   found, written for the practitioner
 *
 * Checks the database: SQLite's own integrity check, that every reference
 * points at a row, and the audit trail's hash chain. Photo files are
 * checked by dc_photo_library_verify().
 *
 * Returns: %FALSE with @error set only when the checks could not run; the
 *   problems found are in @problems
 */
gboolean
dc_store_verify (DcStore    *self,
                 GPtrArray  *problems,
                 GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (DC_IS_STORE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  ok = collect_problems (self, "PRAGMA integrity_check", describe_integrity, problems, error)
       && collect_problems (self, "SELECT 'row', \"table\", rowid, parent "
                            "FROM pragma_foreign_key_check",
                            describe_foreign_key, problems, error)
       && _dc_store_audit_verify (self->db, problems, error);
  g_rec_mutex_unlock (&self->lock);

  return ok;
}

/**
 * dc_store_transaction:
 *
 * Runs @func with the store locked, inside a transaction (a savepoint when
 * already inside one). Everything @func saved is kept if it returns %TRUE
 * and undone if it returns %FALSE.
 */
gboolean
dc_store_transaction (DcStore       *self,
                      DcStoreFunc    func,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return dc_store_transaction_as (self, NULL, func, data, cancellable, error);
}

/**
 * dc_store_transaction_as:
 * @actor: (nullable): who the changes are recorded as made by, instead of
 *   the store's current actor
 *
 * Like dc_store_transaction(), under another author.
 */
gboolean
dc_store_transaction_as (DcStore       *self,
                         const char    *actor,
                         DcStoreFunc    func,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  const char *previous_actor;
  gboolean nested;
  gboolean ret;

  g_return_val_if_fail (DC_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  previous_actor = self->running_actor;
  if (actor != NULL)
    self->running_actor = actor;

  if (self->db == NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("The database is closed"));
      ret = FALSE;
      goto out;
    }

  nested = !sqlite3_get_autocommit (self->db);
  if (!_dc_store_exec (self->db, nested ? "SAVEPOINT dc_nested" : "BEGIN IMMEDIATE", error))
    {
      ret = FALSE;
      goto out;
    }

  ret = func (self, data, cancellable, error);

  if (ret)
    ret = _dc_store_exec (self->db, nested ? "RELEASE dc_nested" : "COMMIT", error);
  if (!ret)
    {
      if (nested)
        sqlite3_exec (self->db, "ROLLBACK TO dc_nested; RELEASE dc_nested", NULL, NULL, NULL);
      else if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }

out:
  self->running_actor = previous_actor;
  g_rec_mutex_unlock (&self->lock);
  return ret;
}

/**
 * dc_store_snapshot:
 * @dest: a file that does not exist yet, or is empty
 *
 * Writes a copy of the whole database, as committed so far, to @dest
 * (`VACUUM INTO`): one consistent state even while other connections
 * write, compacted, and without the -wal a copy of the file would need.
 * @dest is created 0600 before SQLite writes to it. Not from inside a
 * transaction. It runs on the caller's thread, so it may come before
 * work still queued on the store's worker: queue an empty job first
 * (dc_store_run_async()) to include that.
 */
gboolean
dc_store_snapshot (DcStore     *self,
                   const char  *dest,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  struct stat st;
  gboolean ok = FALSE;
  int rc;
  int fd;

  g_return_val_if_fail (DC_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  fd = g_open (dest, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DC_ERROR, saved_errno == ENOSPC ? DC_ERROR_NO_SPACE : DC_ERROR_FAILED,
                   _("Cannot write the snapshot %s: %s"), dest, g_strerror (saved_errno));
      return FALSE;
    }
  /* Never over something: VACUUM INTO would refuse it anyway. */
  if (fstat (fd, &st) < 0 || st.st_size != 0)
    {
      close (fd);
      g_set_error (error, DC_ERROR, DC_ERROR_EXISTS, _("Cannot write the snapshot %s: %s"),
                   dest, g_strerror (EEXIST));
      return FALSE;
    }
  close (fd);

  g_rec_mutex_lock (&self->lock);
  if (self->db == NULL)
    g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("The database is closed"));
  else if (!sqlite3_get_autocommit (self->db))
    g_set_error (error, DC_ERROR, DC_ERROR_FAILED,
                 "A snapshot cannot be taken inside a transaction");
  else
    {
      rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?1", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, dest, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        ok = TRUE;
      else
        _dc_store_set_error (self->db, rc, error);
    }
  g_rec_mutex_unlock (&self->lock);

  if (!ok)
    g_unlink (dest);
  return ok;
}

/* Asynchronous API --------------------------------------------------------- */

static void
queue_job (DcStore             *self,
           gpointer             source_tag,
           gboolean             writes,
           DcStoreFunc          func,
           gpointer             data,
           GDestroyNotify       data_destroy,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->data_destroy = data_destroy;
  job->writes = writes;
  job->actor = dc_store_dup_actor (self);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (self->worker == NULL)
    {
      g_task_return_new_error (task, DC_ERROR, DC_ERROR_FAILED, _("The database is closed"));
      g_object_unref (task);
      return;
    }

  g_thread_pool_push (self->worker, task, NULL);
}

static gpointer
job_data (GAsyncResult *result)
{
  return ((Job *) g_task_get_task_data (G_TASK (result)))->data;
}

/* One request: a record in, or a query; a record or a list out. */
typedef struct
{
  DcRecord   *record;     /* the worker's own copy */
  DcRecord   *original;   /* the caller's, touched only on the main thread */
  GType       type;
  gint64      id;
  char       *query;
  gboolean    include_archived;
  gpointer    result;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->record);
  g_clear_object (&request->original);
  g_clear_object (&request->result);
  g_free (request->query);
  g_free (request);
}

static gboolean
save_func (DcStore       *self,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *request = data;

  return save_locked (self, request->record, FALSE, error);
}

void
dc_store_save_async (DcStore             *self,
                     DcRecord            *record,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  Request *request;

  g_return_if_fail (DC_IS_STORE (self));
  g_return_if_fail (DC_IS_RECORD (record));

  request = g_new0 (Request, 1);
  request->record = dc_record_copy (record);
  request->original = g_object_ref (record);
  queue_job (self, dc_store_save_async, TRUE, save_func, request, (GDestroyNotify) request_free,
             cancellable, callback, user_data);
}

gboolean
dc_store_save_finish (DcStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  Request *request;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dc_store_save_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  /* Only identity and timestamps are written back: the caller may have
   * edited the fields since, and those edits are saved by its next save. */
  request = job_data (result);
  dc_record_set_id (request->original, dc_record_get_id (request->record));
  dc_record_set_timestamps (request->original, dc_record_get_created_at (request->record),
                           dc_record_get_updated_at (request->record));
  return TRUE;
}

static gboolean
delete_func (DcStore       *self,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Request *request = data;

  return dc_store_delete (self, request->record, error);
}

void
dc_store_delete_async (DcStore             *self,
                       DcRecord            *record,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Request *request;

  g_return_if_fail (DC_IS_STORE (self));
  g_return_if_fail (DC_IS_RECORD (record));

  request = g_new0 (Request, 1);
  request->record = dc_record_copy (record);
  queue_job (self, dc_store_delete_async, TRUE, delete_func, request, (GDestroyNotify) request_free,
             cancellable, callback, user_data);
}

gboolean
dc_store_delete_finish (DcStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
load_func (DcStore       *self,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *request = data;

  request->result = dc_store_load (self, request->type, request->id, error);
  return request->result != NULL;
}

void
dc_store_load_async (DcStore             *self,
                     GType                type,
                     gint64               id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  Request *request;

  g_return_if_fail (DC_IS_STORE (self));
  g_return_if_fail (g_type_is_a (type, DC_TYPE_RECORD));

  request = g_new0 (Request, 1);
  request->type = type;
  request->id = id;
  queue_job (self, dc_store_load_async, FALSE, load_func, request, (GDestroyNotify) request_free,
             cancellable, callback, user_data);
}

static gpointer
steal_result (GAsyncResult  *result,
              GError       **error)
{
  Request *request;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  request = job_data (result);
  return g_steal_pointer (&request->result);
}

gpointer
dc_store_load_finish (DcStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return steal_result (result, error);
}

static gboolean
list_func (DcStore       *self,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *request = data;

  request->result = dc_store_list (self, request->type, request->id, error);
  return request->result != NULL;
}

void
dc_store_list_async (DcStore             *self,
                     GType                type,
                     gint64               parent_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  Request *request;

  g_return_if_fail (DC_IS_STORE (self));
  g_return_if_fail (g_type_is_a (type, DC_TYPE_RECORD));

  request = g_new0 (Request, 1);
  request->type = type;
  request->id = parent_id;
  queue_job (self, dc_store_list_async, FALSE, list_func, request, (GDestroyNotify) request_free,
             cancellable, callback, user_data);
}

GListModel *
dc_store_list_finish (DcStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return steal_result (result, error);
}

static gboolean
search_func (DcStore       *self,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Request *request = data;

  request->result = dc_store_search_patients (self, request->query, request->include_archived,
                                              error);
  return request->result != NULL;
}

void
dc_store_search_patients_async (DcStore             *self,
                                const char          *query,
                                gboolean             include_archived,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Request *request;

  g_return_if_fail (DC_IS_STORE (self));

  request = g_new0 (Request, 1);
  request->query = g_strdup (query);
  request->include_archived = include_archived;
  queue_job (self, dc_store_search_patients_async, FALSE, search_func, request,
             (GDestroyNotify) request_free, cancellable, callback, user_data);
}

GListModel *
dc_store_search_patients_finish (DcStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return steal_result (result, error);
}

/**
 * dc_store_run_async:
 *
 * Runs @func on the store's worker, inside a transaction, after everything
 * queued before it.
 */
void
dc_store_run_async (DcStore             *self,
                    DcStoreFunc          func,
                    gpointer             data,
                    GDestroyNotify       data_destroy,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (DC_IS_STORE (self));
  g_return_if_fail (func != NULL);

  queue_job (self, dc_store_run_async, TRUE, func, data, data_destroy, cancellable, callback,
             user_data);
}

gboolean
dc_store_run_finish (DcStore       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
explain (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  g_autofree char *explained = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, explained, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _dc_store_set_error (db, rc, error);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&plan), FALSE);
}

/**
 * dc_store_explain_hot_queries:
 *
 * How SQLite runs the queries the window runs most: listing all patients,
 * searching them by name, date and year of birth, reading a page of the
 * patients found, listing a patient's sessions, a session's zones and
 * photos, and a patient's history. For tests that check they use indexes.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the query's name →
 *   its plan (EXPLAIN QUERY PLAN's details, a line each)
 */
GHashTable *
dc_store_explain_hot_queries (DcStore  *self,
                              GError  **error)
{
  g_autoptr(GHashTable) plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const struct {
    const char *name;
    GType       type;
    gboolean    by_name;
    guint       n_dates;
    gboolean    by_year;
    const char *sql;
  } queries[] = {
    { "all patients", DC_TYPE_PATIENT, FALSE, 0, FALSE },
    { "patients by name", DC_TYPE_PATIENT, TRUE, 0, FALSE },
    { "patients by date of birth", DC_TYPE_PATIENT, FALSE, 1, FALSE },
    { "patients by name and year of birth", DC_TYPE_PATIENT, TRUE, 0, TRUE },
    { "sessions of a patient", DC_TYPE_SESSION },
    { "zones of a session", DC_TYPE_ZONE_TREATMENT },
    { "photos of a session", DC_TYPE_PHOTO },
    { "a page of patients", G_TYPE_NONE },
    { "history of a patient", G_TYPE_NONE, .sql = PATIENT_AUDIT_SQL },
  };
  gboolean ok = TRUE;

  g_return_val_if_fail (DC_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  for (guint i = 0; ok && i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (queries[i].type != G_TYPE_NONE
                                                      ? queries[i].type : DC_TYPE_PATIENT);
      const ClassSql *class_sql = get_class_sql (DC_RECORD_CLASS (klass));
      g_autoptr(GString) sql = g_string_new (NULL);
      char *plan;

      if (queries[i].type == G_TYPE_NONE)
        g_string_append (sql, queries[i].sql != NULL ? queries[i].sql : patient_page_sql ());
      else if (queries[i].type == DC_TYPE_PATIENT)
        append_search_sql (sql, "id", queries[i].by_name, queries[i].n_dates,
                           queries[i].by_year, FALSE);
      else
        g_string_append (sql, class_sql->select_children);

      plan = explain (self->db, sql->str, error);
      if (plan == NULL)
        ok = FALSE;
      else
        g_hash_table_insert (plans, g_strdup (queries[i].name), plan);
    }
  g_rec_mutex_unlock (&self->lock);

  return ok ? g_steal_pointer (&plans) : NULL;
}
