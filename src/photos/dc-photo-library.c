/* dc-photo-library.c: the photo library's layout, durable writes, locking,
 * and removal of photos and of files no record refers to.
 *
 * Every file is written to a temporary name in its final folder, fsynced,
 * renamed into place, and the folder fsynced, so a crash leaves either the
 * whole file or none (at worst a stale ".import-*" file, which the next
 * start removes, and garbage collection too). */

#include "config.h"

#include "dc-photo-library-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dc-model.h"

#define ORIGINALS_DIR "originals"
#define DERIVED_DIR   "derived"
#define TEMP_PREFIX   ".import-"

struct _DcPhotoLibraryLock
{
  int fd;
};

static const DcPhotoFormat library_formats[] = {
  DC_PHOTO_FORMAT_JPEG, DC_PHOTO_FORMAT_PNG, DC_PHOTO_FORMAT_WEBP, DC_PHOTO_FORMAT_HEIF,
};

static const struct
{
  const char *suffix;
  int         size;
} derivatives[DC_PHOTO_N_DERIVATIVES] = {
  [DC_PHOTO_DERIVATIVE_PRINT] = { "print", 2400 },
  [DC_PHOTO_DERIVATIVE_DISPLAY] = { "display", 1600 },
  [DC_PHOTO_DERIVATIVE_THUMBNAIL] = { "thumb", 320 },
};

static gboolean
set_errno_error (GError **error,
                 int      saved_errno)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, DC_ERROR, DC_ERROR_NO_SPACE, _("the disk is full"));
  else if (saved_errno == EFBIG)
    /* A file size limit (ulimit -f) or a file system's largest file: no
     * room for the file either way. */
    g_set_error (error, DC_ERROR, DC_ERROR_NO_SPACE,
                 _("the system does not allow a file this large there"));
  else if (saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM)
    g_set_error (error, DC_ERROR, DC_ERROR_READ_ONLY,
                 _("the photo folder cannot be written to (%s)"), g_strerror (saved_errno));
  else
    g_set_error_literal (error, DC_ERROR, DC_ERROR_FAILED, g_strerror (saved_errno));
  return FALSE;
}

gboolean
_dc_photo_library_is_sha256 (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return TRUE;
}

/**
 * dc_photo_derivative_get_size:
 *
 * Returns: the longest side, in pixels, that @derivative has at most.
 */
int
dc_photo_derivative_get_size (DcPhotoDerivative derivative)
{
  g_return_val_if_fail (derivative < DC_PHOTO_N_DERIVATIVES, 0);

  return derivatives[derivative].size;
}

static char *
fan_out_dir (const char *photo_dir,
             const char *top,
             const char *sha256)
{
  char fan[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (photo_dir, top, fan, NULL);
}

char *
dc_photo_library_get_original_path (const char    *photo_dir,
                                    const char    *sha256,
                                    DcPhotoFormat  format)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (photo_dir != NULL, NULL);
  g_return_val_if_fail (_dc_photo_library_is_sha256 (sha256), NULL);
  g_return_val_if_fail (dc_photo_format_get_extension (format) != NULL, NULL);

  dir = fan_out_dir (photo_dir, ORIGINALS_DIR, sha256);
  name = g_strdup_printf ("%.64s.%s", sha256, dc_photo_format_get_extension (format));
  return g_build_filename (dir, name, NULL);
}

/**
 * dc_photo_library_find_original:
 *
 * Returns: (nullable): the path of the original with @sha256, whatever its
 *   format, or %NULL if the library does not hold it.
 */
char *
dc_photo_library_find_original (const char *photo_dir,
                                const char *sha256)
{
  g_return_val_if_fail (photo_dir != NULL, NULL);
  g_return_val_if_fail (_dc_photo_library_is_sha256 (sha256), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (library_formats); i++)
    {
      g_autofree char *path = dc_photo_library_get_original_path (photo_dir, sha256,
                                                                  library_formats[i]);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

char *
dc_photo_library_get_derivative_path (const char        *photo_dir,
                                      const char        *sha256,
                                      DcPhotoDerivative  derivative)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (photo_dir != NULL, NULL);
  g_return_val_if_fail (_dc_photo_library_is_sha256 (sha256), NULL);
  g_return_val_if_fail (derivative < DC_PHOTO_N_DERIVATIVES, NULL);

  dir = fan_out_dir (photo_dir, DERIVED_DIR, sha256);
  name = g_strdup_printf ("%.64s-%s.jpg", sha256, derivatives[derivative].suffix);
  return g_build_filename (dir, name, NULL);
}

static gboolean
sync_dir (const char  *dir,
          GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    return set_errno_error (error, errno);
  if (fsync (fd) < 0 && errno != EINVAL)
    {
      saved_errno = errno;
      close (fd);
      return set_errno_error (error, saved_errno);
    }
  close (fd);
  return TRUE;
}

/* Creates @path and any missing parents as 0700, durably, adding what it
 * created to @created_dirs (parents first) so a failed import can take it
 * away again. */
gboolean
_dc_photo_library_ensure_dir (const char  *path,
                              GPtrArray   *created_dirs,
                              GError     **error)
{
  g_autofree char *parent = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;

  parent = g_path_get_dirname (path);
  if (!g_str_equal (parent, path) && !_dc_photo_library_ensure_dir (parent, created_dirs, error))
    return FALSE;

  if (g_mkdir (path, 0700) < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST && g_file_test (path, G_FILE_TEST_IS_DIR))
        return TRUE;
      return set_errno_error (error, saved_errno);
    }
  if (created_dirs != NULL)
    g_ptr_array_add (created_dirs, g_strdup (path));

  return sync_dir (parent, error);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += written;
      length -= (gsize) written;
    }
  return TRUE;
}

/**
 * _dc_photo_library_write_temp:
 *
 * Writes @data to a new 0600 file with a temporary name in @dir, and
 * fsyncs it.
 *
 * Returns: (transfer full): the temporary file's path.
 */
char *
_dc_photo_library_write_temp (const char  *dir,
                              const void  *data,
                              gsize        length,
                              GError     **error)
{
  g_autofree char *path = g_build_filename (dir, TEMP_PREFIX "XXXXXX", NULL);
  int fd;

  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno);
      return NULL;
    }

  if (!write_all (fd, data, length) || fsync (fd) < 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (path);
      set_errno_error (error, saved_errno);
      return NULL;
    }

  if (close (fd) < 0)
    {
      int saved_errno = errno;

      g_unlink (path);
      set_errno_error (error, saved_errno);
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* Renames a written temporary file into place and makes the rename
 * durable. */
gboolean
_dc_photo_library_commit (const char  *temp_path,
                          const char  *path,
                          GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_rename (temp_path, path) < 0)
    return set_errno_error (error, errno);
  return sync_dir (dir, error);
}

gboolean
_dc_photo_library_write_file (const char  *path,
                              const void  *data,
                              gsize        length,
                              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *temp_path = _dc_photo_library_write_temp (dir, data, length, error);

  if (temp_path == NULL)
    return FALSE;
  if (!_dc_photo_library_commit (temp_path, path, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }
  return TRUE;
}

/* Removes the folders in @dirs, deepest first, where they are empty. */
void
_dc_photo_library_remove_dirs (GPtrArray *dirs)
{
  for (guint i = dirs->len; i > 0; i--)
    g_rmdir (g_ptr_array_index (dirs, i - 1));
}

/* Takes the lock on the existing folder @photo_dir; with @wait FALSE,
 * fails with DC_ERROR_BUSY at once if someone else holds it. */
static DcPhotoLibraryLock *
lock_dir (const char  *photo_dir,
          gboolean     wait,
          GError     **error)
{
  DcPhotoLibraryLock *lock;
  int fd;

  fd = open (photo_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno);
      return NULL;
    }
  while (flock (fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EINTR)
        continue;
      close (fd);
      if (saved_errno == EWOULDBLOCK)
        g_set_error (error, DC_ERROR, DC_ERROR_BUSY,
                     _("The photo library is in use by another import"));
      else
        set_errno_error (error, saved_errno);
      return NULL;
    }

  lock = g_new0 (DcPhotoLibraryLock, 1);
  lock->fd = fd;
  return lock;
}

/**
 * dc_photo_library_lock:
 *
 * Takes the library's lock (an flock() on the photo folder), waiting for
 * it. Between writing a photo's files and saving the record that refers to
 * them, an importer holds it, so that garbage collection — which holds it
 * too — never takes files a record is about to refer to. It works between
 * threads and between processes (the command line next to the window).
 */
DcPhotoLibraryLock *
dc_photo_library_lock (const char  *photo_dir,
                       GError     **error)
{
  g_return_val_if_fail (photo_dir != NULL, NULL);

  if (!_dc_photo_library_ensure_dir (photo_dir, NULL, error))
    return NULL;

  return lock_dir (photo_dir, TRUE, error);
}

void
dc_photo_library_unlock (DcPhotoLibraryLock *lock)
{
  if (lock == NULL)
    return;

  /* Closing the only descriptor of the open file releases the lock. */
  close (lock->fd);
  g_free (lock);
}

/* Removal ------------------------------------------------------------------ */

typedef struct
{
  DcPhoto *photo;
} RemoveData;

static gboolean
remove_func (DcStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  RemoveData *remove = data;
  g_autoptr(DcSession) session = NULL;

  session = dc_store_load (store, DC_TYPE_SESSION, dc_photo_get_session_id (remove->photo),
                           error);
  if (session == NULL)
    return FALSE;

  /* The store does not guard signed sessions itself (yet): the record of a
   * signed session is final, its photos included. */
  if (dc_session_get_status (session) == DC_SESSION_SIGNED)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_LOCKED,
                   _("The session is signed: its photos stay part of the record"));
      return FALSE;
    }

  return dc_store_delete (store, DC_RECORD (remove->photo), error);
}

/**
 * dc_photo_remove:
 *
 * Deletes @photo's record if its session is a draft; the session's status
 * is checked in the same transaction as the deletion. The library files
 * stay, so that an undo can save the record again; remove them with
 * dc_photo_library_remove_unreferenced() once the undo has expired.
 *
 * Returns: %FALSE with %DC_ERROR_LOCKED if the session is signed.
 */
gboolean
dc_photo_remove (DcStore  *store,
                 DcPhoto  *photo,
                 GError  **error)
{
  RemoveData data = { photo };

  g_return_val_if_fail (DC_IS_STORE (store), FALSE);
  g_return_val_if_fail (DC_IS_PHOTO (photo), FALSE);
  g_return_val_if_fail (dc_record_get_id (DC_RECORD (photo)) != 0, FALSE);

  return dc_store_transaction (store, remove_func, &data, NULL, error);
}

typedef struct
{
  const char   *photo_dir;
  const char   *sha256;      /* remove only this, or everything unreferenced */
  GHashTable   *referenced;  /* sha256 → itself */
  gboolean      found;
  guint         n_removed;
} CollectData;

/* Walks every photo record: patients, their sessions, their photos. The
 * store has no query by checksum, so this is one list per session — fine
 * for a clinic, and it runs in a worker; see the note in
 * dc_photo_library_collect_garbage(). */
static gboolean
collect_references (DcStore       *store,
                    CollectData   *collect,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GListModel) patients = dc_store_list (store, DC_TYPE_PATIENT, 0, error);

  if (patients == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (patients) && !collect->found; i++)
    {
      g_autoptr(DcRecord) patient = g_list_model_get_item (patients, i);
      g_autoptr(GListModel) sessions = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      sessions = dc_store_list (store, DC_TYPE_SESSION, dc_record_get_id (patient), error);
      if (sessions == NULL)
        return FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (sessions) && !collect->found; j++)
        {
          g_autoptr(DcRecord) session = g_list_model_get_item (sessions, j);
          g_autoptr(GListModel) photos = NULL;

          photos = dc_store_list (store, DC_TYPE_PHOTO, dc_record_get_id (session), error);
          if (photos == NULL)
            return FALSE;

          for (guint k = 0; k < g_list_model_get_n_items (photos); k++)
            {
              g_autoptr(DcPhoto) photo = g_list_model_get_item (photos, k);
              const char *sha256 = dc_photo_get_sha256 (photo);

              if (collect->sha256 != NULL && g_strcmp0 (sha256, collect->sha256) == 0)
                {
                  collect->found = TRUE;
                  break;
                }
              if (collect->referenced != NULL && sha256 != NULL)
                g_hash_table_add (collect->referenced, g_strdup (sha256));
            }
        }
    }

  return TRUE;
}

static guint
remove_files_of (const char *photo_dir,
                 const char *sha256)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  guint n_removed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (library_formats); i++)
    {
      g_autofree char *path = dc_photo_library_get_original_path (photo_dir, sha256,
                                                                  library_formats[i]);

      if (g_unlink (path) == 0)
        n_removed++;
    }
  for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
    {
      g_autofree char *path = dc_photo_library_get_derivative_path (photo_dir, sha256, i);

      if (g_unlink (path) == 0)
        n_removed++;
    }

  g_ptr_array_add (dirs, fan_out_dir (photo_dir, ORIGINALS_DIR, sha256));
  g_ptr_array_add (dirs, fan_out_dir (photo_dir, DERIVED_DIR, sha256));
  _dc_photo_library_remove_dirs (dirs);

  return n_removed;
}

static gboolean
remove_unreferenced_func (DcStore       *store,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  CollectData *collect = data;

  if (!collect_references (store, collect, cancellable, error))
    return FALSE;
  if (!collect->found)
    collect->n_removed = remove_files_of (collect->photo_dir, collect->sha256);
  return TRUE;
}

/**
 * dc_photo_library_remove_unreferenced:
 * @removed: (out) (optional): whether any file was removed
 *
 * Removes the original and derivatives with @sha256 from the library if no
 * photo record, in any session, refers to them. It takes the library lock
 * and then the store's: never call it from inside a store transaction or a
 * DcStoreFunc, where the order would be the other way round.
 */
gboolean
dc_photo_library_remove_unreferenced (DcStore     *store,
                                      const char  *sha256,
                                      gboolean    *removed,
                                      GError     **error)
{
  g_autoptr(DcPhotoLibraryLock) lock = NULL;
  CollectData collect = { 0 };

  g_return_val_if_fail (DC_IS_STORE (store), FALSE);
  g_return_val_if_fail (_dc_photo_library_is_sha256 (sha256), FALSE);

  if (removed != NULL)
    *removed = FALSE;

  lock = dc_photo_library_lock (dc_store_get_photo_dir (store), error);
  if (lock == NULL)
    return FALSE;

  collect.photo_dir = dc_store_get_photo_dir (store);
  collect.sha256 = sha256;
  /* A transaction keeps other writers out while the references are
   * counted and the files go. */
  if (!dc_store_transaction (store, remove_unreferenced_func, &collect, NULL, error))
    return FALSE;

  if (removed != NULL)
    *removed = collect.n_removed > 0;
  return TRUE;
}

/* Removes the temporary files in @top's fan-out folders, and, unless
 * @referenced is %NULL, the files whose checksum is not in it. Call it with
 * the library lock held. */
static void
sweep (const char *top,
       GHashTable *referenced,
       guint      *n_removed)
{
  g_autoptr(GDir) dir = g_dir_open (top, 0, NULL);
  const char *fan;

  if (dir == NULL)
    return;

  while ((fan = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *fan_path = g_build_filename (top, fan, NULL);
      g_autoptr(GDir) files = NULL;
      const char *name;

      if (strlen (fan) != 2 || !g_file_test (fan_path, G_FILE_TEST_IS_DIR))
        continue;
      files = g_dir_open (fan_path, 0, NULL);
      if (files == NULL)
        continue;

      while ((name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *path = g_build_filename (fan_path, name, NULL);
          g_autofree char *sha256 = NULL;

          /* Under the lock nobody is writing: a temporary file is left
           * over from a crash. */
          if (g_str_has_prefix (name, TEMP_PREFIX))
            {
              if (g_unlink (path) == 0)
                (*n_removed)++;
              continue;
            }
          if (referenced == NULL || strlen (name) < 64 || !_dc_photo_library_is_sha256 (name))
            continue;
          sha256 = g_strndup (name, 64);
          if (!g_hash_table_contains (referenced, sha256) && g_unlink (path) == 0)
            (*n_removed)++;
        }

      g_rmdir (fan_path);
    }
}

static gboolean
collect_garbage_func (DcStore       *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  CollectData *collect = data;
  g_autofree char *originals = NULL;
  g_autofree char *derived = NULL;

  if (!collect_references (store, collect, cancellable, error))
    return FALSE;

  originals = g_build_filename (collect->photo_dir, ORIGINALS_DIR, NULL);
  derived = g_build_filename (collect->photo_dir, DERIVED_DIR, NULL);
  sweep (originals, collect->referenced, &collect->n_removed);
  sweep (derived, collect->referenced, &collect->n_removed);
  return TRUE;
}

/**
 * dc_photo_library_collect_garbage:
 * @n_removed: (out) (optional): how many files were removed
 *
 * Removes every library file that no photo record refers to, and the
 * temporary files a crash may have left. Blocks on disk and on the store:
 * run it in a worker, though not in a store transaction or a DcStoreFunc
 * (see dc_photo_library_remove_unreferenced()).
 *
 * The references are found by listing every session's photos, as the store
 * offers no query by checksum; a store call returning the set of photo
 * checksums (or counting photos with one checksum) would make this one
 * statement.
 */
gboolean
dc_photo_library_collect_garbage (DcStore       *store,
                                  guint         *n_removed,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(DcPhotoLibraryLock) lock = NULL;
  g_autoptr(GHashTable) referenced = NULL;
  CollectData collect = { 0 };

  g_return_val_if_fail (DC_IS_STORE (store), FALSE);

  if (n_removed != NULL)
    *n_removed = 0;

  lock = dc_photo_library_lock (dc_store_get_photo_dir (store), error);
  if (lock == NULL)
    return FALSE;

  referenced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collect.photo_dir = dc_store_get_photo_dir (store);
  collect.referenced = referenced;
  if (!dc_store_transaction (store, collect_garbage_func, &collect, cancellable, error))
    return FALSE;

  if (n_removed != NULL)
    *n_removed = collect.n_removed;
  return TRUE;
}

/**
 * dc_photo_library_remove_temp_files:
 * @photo_dir: the library folder (dc_store_get_photo_dir())
 * @n_removed: (out) (optional): how many files were removed
 *
 * Removes the temporary files that an import cut short by a crash or a
 * power cut left in the library. Meant for start-up, so it is cheap: it
 * reads the library's folders, but neither the database nor any photo.
 * Files no record refers to (a crash between a file's rename and its
 * record's commit) stay for dc_photo_library_collect_garbage().
 *
 * It does not wait for the library lock: while another thread or program
 * holds it, a temporary file may be an import in progress, so nothing is
 * removed and the call fails with %DC_ERROR_BUSY. A library that does not
 * exist yet has nothing to remove. Blocks on disk: run it in a worker from
 * the UI.
 */
gboolean
dc_photo_library_remove_temp_files (const char  *photo_dir,
                                    guint       *n_removed,
                                    GError     **error)
{
  g_autoptr(DcPhotoLibraryLock) lock = NULL;
  g_autofree char *originals = NULL;
  g_autofree char *derived = NULL;
  guint removed = 0;

  g_return_val_if_fail (photo_dir != NULL, FALSE);

  if (n_removed != NULL)
    *n_removed = 0;

  if (!g_file_test (photo_dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  lock = lock_dir (photo_dir, FALSE, error);
  if (lock == NULL)
    return FALSE;

  originals = g_build_filename (photo_dir, ORIGINALS_DIR, NULL);
  derived = g_build_filename (photo_dir, DERIVED_DIR, NULL);
  sweep (originals, NULL, &removed);
  sweep (derived, NULL, &removed);

  if (n_removed != NULL)
    *n_removed = removed;
  return TRUE;
}

static void
remove_temp_files_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  GError *error = NULL;
  guint n_removed;

  if (dc_photo_library_remove_temp_files (task_data, &n_removed, &error))
    g_task_return_int (task, n_removed);
  else
    g_task_return_error (task, error);
}

/**
 * dc_photo_library_remove_temp_files_async:
 *
 * dc_photo_library_remove_temp_files() in a worker thread.
 */
void
dc_photo_library_remove_temp_files_async (const char          *photo_dir,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (photo_dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dc_photo_library_remove_temp_files_async);
  g_task_set_task_data (task, g_strdup (photo_dir), g_free);
  g_task_run_in_thread (task, remove_temp_files_thread);
}

/**
 * dc_photo_library_remove_temp_files_finish:
 * @n_removed: (out) (optional): how many files were removed
 */
gboolean
dc_photo_library_remove_temp_files_finish (GAsyncResult  *result,
                                           guint         *n_removed,
                                           GError       **error)
{
  gssize removed;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == dc_photo_library_remove_temp_files_async, FALSE);

  if (n_removed != NULL)
    *n_removed = 0;
  removed = g_task_propagate_int (G_TASK (result), error);
  if (removed < 0)
    return FALSE;
  if (n_removed != NULL)
    *n_removed = (guint) removed;
  return TRUE;
}

/* Whether the file at @path has the SHA-256 @sha256; %FALSE when it cannot
 * be read. */
gboolean
_dc_photo_library_file_has_checksum (const char *path,
                                     const char *sha256)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buffer[64 * 1024];
  gssize n;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    return FALSE;
  while ((n = read (fd, buffer, sizeof buffer)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          return FALSE;
        }
      g_checksum_update (checksum, buffer, n);
    }
  close (fd);

  return g_str_equal (g_checksum_get_string (checksum), sha256);
}

/**
 * dc_photo_library_verify:
 * @problems: (element-type utf8): where a line is added for each problem
 *
 * Checks that the original of every photo the records refer to is in the
 * library and still has the checksum recorded at import. Reads every
 * original: run it in a worker.
 *
 * Returns: %FALSE with @error set only when the check could not run
 */
gboolean
dc_photo_library_verify (DcStore       *store,
                         GPtrArray     *problems,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GList) checksums = NULL;
  const char *photo_dir;

  g_return_val_if_fail (DC_IS_STORE (store), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  files = dc_store_list_photo_files (store, error);
  if (files == NULL)
    return FALSE;
  photo_dir = dc_store_get_photo_dir (store);

  /* In checksum order, so that the report reads the same each time. */
  checksums = g_list_sort (g_hash_table_get_keys (files), (GCompareFunc) strcmp);
  for (GList *l = checksums; l != NULL; l = l->next)
    {
      const char *sha256 = l->data;
      g_autofree char *path = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      path = dc_photo_library_find_original (photo_dir, sha256);
      if (path == NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("The file of photo %s is missing (checksum %.12s…)"),
                                          (const char *) g_hash_table_lookup (files, sha256),
                                          sha256));
      else if (!_dc_photo_library_file_has_checksum (path, sha256))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("The file of photo %s was changed or cannot be read: "
                                            "%s"),
                                          (const char *) g_hash_table_lookup (files, sha256),
                                          path));
    }

  return TRUE;
}
