/* dc-backup.c: writing a backup, and reading its manifest.
 *
 * With the photo library locked (nothing is removed from it
 * meanwhile), the database is snapshot with VACUUM INTO beside itself,
 * checked, and written into a temporary file beside the destination with
 * every photo file the snapshot refers to, hashed on the way; the manifest
 * comes last. The file is fsynced and renamed into place, so a failed or
 * interrupted backup leaves no half file under the chosen name. Restoring
 * is in dc-restore.c. */

#include "config.h"

#include "dc-backup-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dc-model.h"
#include "dc-photo-library.h"
#include "dc-store-file.h"

const DcPhotoFormat _dc_backup_photo_formats[DC_BACKUP_N_PHOTO_FORMATS] = {
  DC_PHOTO_FORMAT_JPEG, DC_PHOTO_FORMAT_PNG, DC_PHOTO_FORMAT_WEBP, DC_PHOTO_FORMAT_HEIF,
};

/* Progress ----------------------------------------------------------------- */

struct _DcProgress
{
  gatomicrefcount ref_count;
  int             permyriad;
};

DcProgress *
dc_progress_new (void)
{
  DcProgress *progress = g_new0 (DcProgress, 1);

  g_atomic_ref_count_init (&progress->ref_count);
  return progress;
}

DcProgress *
dc_progress_ref (DcProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);

  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

void
dc_progress_unref (DcProgress *progress)
{
  if (progress != NULL && g_atomic_ref_count_dec (&progress->ref_count))
    g_free (progress);
}

/**
 * dc_progress_get_fraction:
 *
 * Returns: how much of the work is done, from 0 to 1. Safe from any
 *   thread.
 */
double
dc_progress_get_fraction (DcProgress *progress)
{
  g_return_val_if_fail (progress != NULL, 0);

  return g_atomic_int_get (&progress->permyriad) / 10000.0;
}

void
dc_progress_set_fraction (DcProgress *progress,
                          double      fraction)
{
  if (progress != NULL)
    g_atomic_int_set (&progress->permyriad, (int) (CLAMP (fraction, 0, 1) * 10000));
}

/* Results ------------------------------------------------------------------ */

void
dc_backup_info_free (DcBackupInfo *info)
{
  if (info == NULL)
    return;

  g_clear_pointer (&info->created, g_date_time_unref);
  g_free (info->app_version);
  g_free (info);
}

void
dc_restore_result_free (DcRestoreResult *result)
{
  if (result == NULL)
    return;

  dc_backup_info_free (result->info);
  g_free (result->moved_to);
  g_free (result);
}

void
_dc_backup_member_free (gpointer data)
{
  DcBackupMember *member = data;

  g_free (member->name);
  g_free (member->path);
  g_free (member->sha256);
  g_free (member);
}

DcBackupMember *
_dc_backup_member_new (const char *name,
                       const char *path)
{
  DcBackupMember *member = g_new0 (DcBackupMember, 1);

  member->name = g_strdup (name);
  member->path = g_strdup (path);
  return member;
}

/* Files and folders -------------------------------------------------------- */

gboolean
_dc_backup_sync_dir (const char  *path,
                     GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return dc_set_io_error (error, errno);
  if (fsync (fd) < 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      close (fd);
      return dc_set_io_error (error, saved_errno);
    }
  close (fd);
  return TRUE;
}

/* Removes a temporary folder of ours and everything in it, never following
 * a symbolic link out of it. */
void
_dc_backup_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          _dc_backup_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

gboolean
_dc_backup_is_hex_sha256 (const char *text,
                          gsize       length)
{
  if (length < 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return TRUE;
}

static char *
format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The manifest --------------------------------------------------------------- */

static char *
build_manifest (const DcBackupInfo *info,
                GPtrArray          *members)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *created = format_utc (info->created);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, DC_BACKUP_FORMAT_NAME);
  json_builder_set_member_name (builder, "format-version");
  json_builder_add_int_value (builder, DC_BACKUP_FORMAT_VERSION);
  json_builder_set_member_name (builder, "app-version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "schema-version");
  json_builder_add_int_value (builder, info->schema_version);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "patients");
  json_builder_add_int_value (builder, info->n_patients);
  json_builder_set_member_name (builder, "sessions");
  json_builder_add_int_value (builder, info->n_sessions);
  json_builder_set_member_name (builder, "photos");
  json_builder_add_int_value (builder, info->n_photos);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < members->len; i++)
    {
      DcBackupMember *member = g_ptr_array_index (members, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, member->name);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, (gint64) member->size);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, member->sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/* Member lookups that never warn: a manifest is untrusted input. */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
_dc_backup_damaged (GError     **error,
                    const char  *display,
                    const char  *detail)
{
  /* Translators: the second %s says what is wrong, e.g. "it ends early" */
  g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
               _("The backup %s is damaged: %s. Nothing was changed."), display, detail);
  return FALSE;
}

/* Reads the manifest, and its list of members into @listed (name →
 * DcBackupMember) if given. */
DcBackupInfo *
_dc_backup_parse_manifest (GBytes      *bytes,
                           const char  *display,
                           GHashTable  *listed,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DcBackupInfo) info = g_new0 (DcBackupInfo, 1);
  JsonObject *root;
  JsonNode *members_node;
  JsonArray *members;
  const char *created;
  gint64 version;
  gint64 schema_version;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!json_parser_load_from_data (parser, data, (gssize) length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      _dc_backup_damaged (error, display, _("its manifest cannot be read"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  if (g_strcmp0 (get_string (root, "format"), DC_BACKUP_FORMAT_NAME) != 0)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("%s is not a Dermachart backup. Nothing was changed."), display);
      return NULL;
    }
  if (!get_int (root, "format-version", &version) || version < 1)
    {
      _dc_backup_damaged (error, display, _("its manifest cannot be read"));
      return NULL;
    }
  if (version > DC_BACKUP_FORMAT_VERSION)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_NEWER_SCHEMA,
                   _("The backup %s was made by a newer version of Dermachart (backup format "
                     "%d; this version reads up to %d). Update Dermachart to restore it; "
                     "nothing was changed."),
                   display, (int) MIN (version, G_MAXINT), DC_BACKUP_FORMAT_VERSION);
      return NULL;
    }

  created = get_string (root, "created");
  members_node = json_object_get_member (root, "members");
  if (created == NULL
      || (info->created = g_date_time_new_from_iso8601 (created, NULL)) == NULL
      || get_string (root, "app-version") == NULL
      || !get_int (root, "schema-version", &schema_version)
      || schema_version < 1 || schema_version > G_MAXINT
      || !get_int (root, "patients", &info->n_patients)
      || !get_int (root, "sessions", &info->n_sessions)
      || !get_int (root, "photos", &info->n_photos)
      || members_node == NULL || !JSON_NODE_HOLDS_ARRAY (members_node))
    {
      _dc_backup_damaged (error, display, _("its manifest cannot be read"));
      return NULL;
    }
  info->format_version = (int) version;
  info->schema_version = (int) schema_version;
  info->app_version = g_strdup (get_string (root, "app-version"));

  members = json_node_get_array (members_node);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *object;
      const char *path;
      const char *sha256;
      gint64 size;
      DcBackupMember *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          _dc_backup_damaged (error, display, _("its manifest cannot be read"));
          return NULL;
        }
      object = json_node_get_object (node);
      path = get_string (object, "path");
      sha256 = get_string (object, "sha256");
      if (path == NULL || sha256 == NULL || !get_int (object, "size", &size) || size < 0
          || strlen (sha256) != 64 || !_dc_backup_is_hex_sha256 (sha256, 64))
        {
          _dc_backup_damaged (error, display, _("its manifest cannot be read"));
          return NULL;
        }

      if (listed != NULL)
        {
          if (g_hash_table_contains (listed, path))
            {
              _dc_backup_damaged (error, display, _("its manifest lists a file twice"));
              return NULL;
            }
          member = _dc_backup_member_new (path, NULL);
          member->sha256 = g_strdup (sha256);
          member->size = (guint64) size;
          g_hash_table_insert (listed, member->name, member);
        }
      info->n_files++;
      info->size += (guint64) size;
    }

  return g_steal_pointer (&info);
}

/* Writing a backup ----------------------------------------------------------- */

typedef struct
{
  DcProgress *progress;
  guint64     total;
} WriteProgress;

static void
write_progress_cb (guint64  n_bytes,
                   gpointer user_data)
{
  WriteProgress *write_progress = user_data;

  if (write_progress->total > 0)
    dc_progress_set_fraction (write_progress->progress,
                              (double) n_bytes / (double) write_progress->total);
}

/* The photo files of @checksums, in the archive's layout. An original the
 * library lacks is an error: a backup that could not be restored (the
 * restore checks every photo) would only look like one. A derivative it
 * lacks is left out and counted: it is made from the original. */
static gboolean
add_photo_members (const char  *photo_dir,
                   GStrv        checksums,
                   GPtrArray   *members,
                   guint       *n_missing_derivatives,
                   GError     **error)
{
  gsize dir_length = strlen (photo_dir);

  for (guint i = 0; checksums[i] != NULL; i++)
    {
      const char *sha256 = checksums[i];
      g_autofree char *original = NULL;
      g_autofree char *name = NULL;
      DcBackupMember *member;

      if (strlen (sha256) != 64 || !_dc_backup_is_hex_sha256 (sha256, 64))
        {
          g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                       _("No backup was written: a photo record has no valid checksum"));
          return FALSE;
        }

      original = dc_photo_library_find_original (photo_dir, sha256);
      if (original == NULL)
        {
          g_autofree char *expected = g_build_filename (photo_dir, "originals", NULL);

          g_set_error (error, DC_ERROR, DC_ERROR_NOT_FOUND,
                       _("No backup was written: the photo %.12s… is missing from the photo "
                         "library (%s), so the backup could not be restored"),
                       sha256, expected);
          return FALSE;
        }
      g_assert (g_str_has_prefix (original, photo_dir));
      name = g_strconcat (PHOTOS_DIR, original + dir_length, NULL);
      member = _dc_backup_member_new (name, original);
      /* Checked as it is copied: the library's copy must still be the
       * photo it is named after. */
      member->sha256 = g_strdup (sha256);
      g_ptr_array_add (members, member);

      for (guint d = 0; d < DC_PHOTO_N_DERIVATIVES; d++)
        {
          g_autofree char *path = dc_photo_library_get_derivative_path (photo_dir, sha256, d);
          g_autofree char *derived_name = NULL;

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              (*n_missing_derivatives)++;
              continue;
            }
          derived_name = g_strconcat (PHOTOS_DIR, path + dir_length, NULL);
          g_ptr_array_add (members, _dc_backup_member_new (derived_name, path));
        }
    }

  return TRUE;
}

static gboolean
write_archive (int            fd,
               GPtrArray     *members,
               DcBackupInfo  *info,
               DcProgress    *progress,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(DcTarWriter) writer = NULL;
  g_autofree char *manifest = NULL;
  WriteProgress write_progress = { progress, 0 };

  for (guint i = 0; i < members->len; i++)
    {
      DcBackupMember *member = g_ptr_array_index (members, i);
      GStatBuf st;

      if (g_stat (member->path, &st) == 0)
        write_progress.total += (guint64) st.st_size;
    }

  writer = dc_tar_writer_new (fd, g_date_time_to_unix (info->created));
  dc_tar_writer_set_progress (writer, write_progress_cb, &write_progress);

  for (guint i = 0; i < members->len; i++)
    {
      DcBackupMember *member = g_ptr_array_index (members, i);
      g_autofree char *sha256 = NULL;

      if (!dc_tar_writer_add_file (writer, member->name, member->path, &sha256, &member->size,
                                   cancellable, error))
        return FALSE;

      if (member->sha256 != NULL && !g_str_equal (member->sha256, sha256))
        {
          g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                       _("No backup was written: the photo library’s copy of %s is damaged "
                         "(its checksum is not the one it is named after)"), member->path);
          return FALSE;
        }
      g_free (member->sha256);
      member->sha256 = g_steal_pointer (&sha256);
      info->n_files++;
      info->size += member->size;
    }

  manifest = build_manifest (info, members);
  return dc_tar_writer_add_data (writer, MANIFEST_NAME, manifest, strlen (manifest), error)
         && dc_tar_writer_finish (writer, error);
}

/* A snapshot a backup cut short left beside the database, a day old: a
 * backup still running (from another process, maybe) has a fresh one. */
static void
sweep_old_snapshots (const char *data_dir)
{
  g_autoptr(GDir) dir = g_dir_open (data_dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, SNAPSHOT_PREFIX))
        continue;
      path = g_build_filename (data_dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > 24 * 60 * 60)
        g_unlink (path);
    }
}

/**
 * dc_backup_create:
 * @dest: the backup file to write; replaced if it exists
 * @progress: (nullable): told how far the backup has got
 *
 * Backs up the clinic in @store into one file: a snapshot of the database
 * and every photo file it refers to, with a manifest of their checksums.
 * Blocks on disk: run it in a worker (see dc_backup_create_async()). The
 * file is 0600, written under a temporary name and renamed into place.
 *
 * Returns: (transfer full): what the backup holds, or %NULL if none was
 *   written.
 */
DcBackupInfo *
dc_backup_create (DcStore       *store,
                  const char    *dest,
                  DcProgress    *progress,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(DcPhotoLibraryLock) lock = NULL;
  g_autoptr(DcStoreFileSummary) summary = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (_dc_backup_member_free);
  g_autoptr(DcBackupInfo) info = g_new0 (DcBackupInfo, 1);
  g_autofree char *data_dir = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *dest_dir = NULL;
  g_autofree char *dest_base = NULL;
  g_autofree char *temp = NULL;
  g_autoptr(GError) check_error = NULL;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (dest != NULL, NULL);

  dc_progress_set_fraction (progress, 0);

  if (g_file_test (dest, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (dest);

      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("%s is a folder; choose a file name for the backup"), display);
      return NULL;
    }

  /* Held until every photo is copied: nothing the snapshot refers to may
   * be removed meanwhile. */
  lock = dc_photo_library_lock (dc_store_get_photo_dir (store), error);
  if (lock == NULL)
    return NULL;

  /* Beside the database: as private as the records, on a disk known to
   * hold them. */
  data_dir = g_path_get_dirname (dc_store_get_path (store));
  sweep_old_snapshots (data_dir);
  snapshot = g_build_filename (data_dir, SNAPSHOT_PREFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (snapshot, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      dc_set_io_error (error, errno);
      return NULL;
    }
  close (fd);

  /* To the second, as the manifest has it. */
  info->created = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
  if (!dc_store_snapshot (store, snapshot, error))
    goto out;

  /* A backup of a damaged database would fail when it is needed most:
   * better to hear of the damage now. */
  summary = dc_store_file_check (snapshot, cancellable, &check_error);
  if (summary == NULL)
    {
      if (check_error->domain == DC_ERROR)
        g_set_error (error, DC_ERROR, check_error->code,
                     _("No backup was written: %s."), check_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&check_error));
      goto out;
    }
  info->schema_version = summary->schema_version;
  info->n_patients = summary->n_patients;
  info->n_sessions = summary->n_sessions;
  info->n_photos = summary->n_photos;
  info->app_version = g_strdup (PACKAGE_VERSION);
  info->format_version = DC_BACKUP_FORMAT_VERSION;

  g_ptr_array_add (members, _dc_backup_member_new (DATABASE_NAME, snapshot));
  if (!add_photo_members (dc_store_get_photo_dir (store), summary->photo_checksums, members,
                          &info->n_missing_derivatives, error))
    goto out;

  dest_dir = g_path_get_dirname (dest);
  dest_base = g_path_get_basename (dest);
  temp = g_strdup_printf ("%s%c.%s.XXXXXX", dest_dir, G_DIR_SEPARATOR, dest_base);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_autofree char *display = g_filename_display_name (dest);
      int saved_errno = errno;

      dc_set_io_error (error, saved_errno);
      g_prefix_error (error, _("Cannot write %s: "), display);
      g_clear_pointer (&temp, g_free);
      goto out;
    }

  if (!write_archive (fd, members, info, progress, cancellable, error))
    {
      close (fd);
      goto out;
    }
  if (fsync (fd) < 0 || close (fd) < 0)
    {
      dc_set_io_error (error, errno);
      goto out;
    }
  if (g_rename (temp, dest) < 0)
    {
      dc_set_io_error (error, errno);
      goto out;
    }
  g_clear_pointer (&temp, g_free);
  if (!_dc_backup_sync_dir (dest_dir, error))
    goto out;

  dc_progress_set_fraction (progress, 1);
  ok = TRUE;

out:
  if (temp != NULL)
    g_unlink (temp);
  g_unlink (snapshot);
  return ok ? g_steal_pointer (&info) : NULL;
}

typedef struct
{
  char       *dest;
  DcProgress *progress;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->dest);
  g_clear_pointer (&data->progress, dc_progress_unref);
  g_free (data);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  GError *error = NULL;
  DcBackupInfo *info;

  info = dc_backup_create (DC_STORE (source_object), data->dest, data->progress, cancellable,
                           &error);
  if (info != NULL)
    g_task_return_pointer (task, info, (GDestroyNotify) dc_backup_info_free);
  else
    g_task_return_error (task, error);
}

static gboolean
barrier_func (DcStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return TRUE;
}

static void
barrier_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, create_thread);
}

/**
 * dc_backup_create_async:
 *
 * Like dc_backup_create(), in a worker, after everything already queued on
 * the store (a change the window has just saved is in the backup).
 */
void
dc_backup_create_async (DcStore             *store,
                        const char          *dest,
                        DcProgress          *progress,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (DC_IS_STORE (store));
  g_return_if_fail (dest != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dc_backup_create_async);
  data = g_new0 (CreateData, 1);
  data->dest = g_strdup (dest);
  data->progress = progress != NULL ? dc_progress_ref (progress) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  dc_store_run_async (store, barrier_func, NULL, NULL, cancellable, barrier_done_cb,
                      g_steal_pointer (&task));
}

DcBackupInfo *
dc_backup_create_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reading an archive --------------------------------------------------------- */

/* Errors of the archive's structure say the file is damaged, or not a
 * backup at all if not even its first header is one (and it is not just
 * cut short). */
void
_dc_backup_explain_read_error (GError     **error,
                               const char  *display,
                               gboolean     any_member)
{
  g_autofree char *detail = NULL;

  if (error == NULL || *error == NULL || !g_error_matches (*error, DC_ERROR, DC_ERROR_CORRUPT))
    return;

  detail = g_strdup ((*error)->message);
  g_clear_error (error);
  if (!any_member)
    g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                 _("%s is not a Dermachart backup. Nothing was changed."), display);
  else
    _dc_backup_damaged (error, display, detail);
}

int
_dc_backup_open_archive (const char  *path,
                         const char  *display,
                         guint64     *size,
                         GError     **error)
{
  struct stat st;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0 || fstat (fd, &st) < 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, DC_ERROR, saved_errno == ENOENT ? DC_ERROR_NOT_FOUND : DC_ERROR_FAILED,
                   _("Cannot read %s: %s"), display, g_strerror (saved_errno));
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("%s is not a Dermachart backup. Nothing was changed."), display);
      return -1;
    }

  if (size != NULL)
    *size = (guint64) st.st_size;
  return fd;
}

GBytes *
_dc_backup_read_manifest_member (DcTarReader  *reader,
                                 guint64       size,
                                 const char   *display,
                                 GError      **error)
{
  g_autofree guint8 *data = NULL;
  gsize done = 0;

  if (size > MAX_MANIFEST_SIZE)
    {
      _dc_backup_damaged (error, display, _("its manifest cannot be read"));
      return NULL;
    }

  data = g_malloc (size + 1);
  while (done < size)
    {
      gssize n = dc_tar_reader_read (reader, data + done, size - done, error);

      if (n <= 0)
        return NULL;
      done += (gsize) n;
    }
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/**
 * dc_backup_read_info:
 *
 * Reads what a backup holds from its manifest, going over its headers but
 * not its data: quick, for asking before restoring. An archive that is not
 * a backup, is cut short or made by a newer version is refused already;
 * damage inside the files is found by the restore, which checks them all.
 */
DcBackupInfo *
dc_backup_read_info (const char  *path,
                     GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(DcTarReader) reader = NULL;
  g_autoptr(GBytes) manifest = NULL;
  gboolean any_member = FALSE;
  DcBackupInfo *info = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  fd = _dc_backup_open_archive (path, display, NULL, error);
  if (fd < 0)
    return NULL;

  reader = dc_tar_reader_new (fd);
  for (;;)
    {
      g_autofree char *name = NULL;
      guint64 size;

      if (!dc_tar_reader_next (reader, &name, &size, error))
        {
          _dc_backup_explain_read_error (error, display,
                                         any_member || dc_tar_reader_is_truncated (reader));
          goto out;
        }
      if (name == NULL)
        break;
      any_member = TRUE;

      if (g_str_equal (name, MANIFEST_NAME) && manifest == NULL)
        {
          manifest = _dc_backup_read_manifest_member (reader, size, display, error);
          if (manifest == NULL)
            {
              _dc_backup_explain_read_error (error, display, TRUE);
              goto out;
            }
        }
    }

  if (manifest == NULL)
    {
      if (!any_member)
        g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                     _("%s is not a Dermachart backup. Nothing was changed."), display);
      else
        _dc_backup_damaged (error, display, _("its manifest is missing"));
      goto out;
    }

  info = _dc_backup_parse_manifest (manifest, display, NULL, error);

out:
  close (fd);
  return info;
}

static void
read_info_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  DcBackupInfo *info = dc_backup_read_info (task_data, &error);

  if (info != NULL)
    g_task_return_pointer (task, info, (GDestroyNotify) dc_backup_info_free);
  else
    g_task_return_error (task, error);
}

void
dc_backup_read_info_async (const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dc_backup_read_info_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, read_info_thread);
}

DcBackupInfo *
dc_backup_read_info_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * dc_backup_info_dup_contents:
 *
 * Returns: (transfer full): what the backup holds, in words: "3 patients,
 *   12 sessions and 30 photos".
 */
char *
dc_backup_info_dup_contents (const DcBackupInfo *info)
{
  g_autofree char *patients = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *photos = NULL;

  g_return_val_if_fail (info != NULL, NULL);

  patients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d patient", "%d patients",
                                           (gulong) info->n_patients),
                              (int) MIN (info->n_patients, G_MAXINT));
  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d session", "%d sessions",
                                           (gulong) info->n_sessions),
                              (int) MIN (info->n_sessions, G_MAXINT));
  photos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d photo", "%d photos",
                                         (gulong) info->n_photos),
                            (int) MIN (info->n_photos, G_MAXINT));
  /* Translators: "3 patients, 12 sessions and 30 photos" */
  return g_strdup_printf (_("%s, %s and %s"), patients, sessions, photos);
}

/**
 * dc_backup_dup_suggested_name:
 *
 * Returns: (transfer full): a name for a backup made at @now, such as
 *   "dermachart-2026-11-25.dcbackup".
 */
char *
dc_backup_dup_suggested_name (GDateTime *now)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  date = g_date_time_format (now, "%Y-%m-%d");
  return g_strconcat ("dermachart-", date, DC_BACKUP_SUFFIX, NULL);
}
