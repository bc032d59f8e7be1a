/* dc-restore.c: restoring a clinic from a backup.
 *
 * With the clinic's folder locked (no store may have it open), the archive
 * is extracted into a temporary folder beside the database and checked —
 * every member against the manifest, nothing unlisted, no unsafe name, the
 * database intact and not newer, each photo it refers to present with its
 * checksum — and, if older, migrated there. Only then are the database and
 * photos in place moved into a dated folder beside them and the restored
 * ones moved in. */

#include "config.h"

#include "dc-backup-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dc-model.h"
#include "dc-photo-library.h"
#include "dc-store-file.h"

typedef enum
{
  MEMBER_UNKNOWN,
  MEMBER_MANIFEST,
  MEMBER_DATABASE,
  MEMBER_PHOTO,
} MemberKind;

/* An absolute name, a "..", an empty or "." part would place a file
 * somewhere else than the temporary folder. */
static gboolean
is_unsafe_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (*name == '\0' || name[0] == '/' || strchr (name, '\\') != NULL)
    return TRUE;

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return TRUE;
  return FALSE;
}

/* Only the names a backup is written with, in the library's own layout. */
static MemberKind
classify_member (const char *name)
{
  static const char originals[] = PHOTOS_DIR "/originals/";
  static const char derived[] = PHOTOS_DIR "/derived/";
  g_autofree char *sha256 = NULL;
  gsize prefix_length;
  const char *file;

  if (g_str_equal (name, MANIFEST_NAME))
    return MEMBER_MANIFEST;
  if (g_str_equal (name, DATABASE_NAME))
    return MEMBER_DATABASE;

  /* "photos/originals/" "ab/" then the checksum. */
  if (g_str_has_prefix (name, originals))
    prefix_length = strlen (originals) + 3;
  else if (g_str_has_prefix (name, derived))
    prefix_length = strlen (derived) + 3;
  else
    return MEMBER_UNKNOWN;

  if (strlen (name) < prefix_length + 64)
    return MEMBER_UNKNOWN;
  file = name + prefix_length;
  if (!_dc_backup_is_hex_sha256 (file, strlen (file)))
    return MEMBER_UNKNOWN;
  sha256 = g_strndup (file, 64);

  if (g_str_has_prefix (name, originals))
    {
      for (guint i = 0; i < G_N_ELEMENTS (_dc_backup_photo_formats); i++)
        {
          g_autofree char *expected =
            dc_photo_library_get_original_path (PHOTOS_DIR, sha256, _dc_backup_photo_formats[i]);

          if (g_str_equal (name, expected))
            return MEMBER_PHOTO;
        }
    }
  else
    {
      for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
        {
          g_autofree char *expected =
            dc_photo_library_get_derivative_path (PHOTOS_DIR, sha256, i);

          if (g_str_equal (name, expected))
            return MEMBER_PHOTO;
        }
    }
  return MEMBER_UNKNOWN;
}

typedef struct
{
  DcProgress *progress;
  guint64     total;
} ReadProgress;

static void
read_progress_cb (guint64  n_bytes,
                  gpointer user_data)
{
  ReadProgress *read_progress = user_data;

  /* Reading is most of the work; the checks after it are the rest. */
  if (read_progress->total > 0)
    dc_progress_set_fraction (read_progress->progress,
                              0.9 * (double) n_bytes / (double) read_progress->total);
}

static gboolean
extract_member (DcTarReader     *reader,
                DcBackupMember  *member,
                guint8          *buffer,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *dir = g_path_get_dirname (member->path);
  gssize n;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) < 0)
    return dc_set_io_error (error, errno);

  fd = open (member->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return dc_set_io_error (error, errno);

  while ((n = dc_tar_reader_read (reader, buffer, BUFFER_SIZE, error)) > 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !dc_write_all (fd, buffer, (gsize) n, error))
        {
          close (fd);
          return FALSE;
        }
      g_checksum_update (checksum, buffer, n);
      member->size += (guint64) n;
    }
  if (n < 0)
    {
      close (fd);
      return FALSE;
    }

  /* Made durable once all of it is checked (see sync_extracted()): a
   * backup that is refused costs no writes to the disk's platters. */
  if (close (fd) < 0)
    return dc_set_io_error (error, errno);

  member->sha256 = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

/* Extracts every member but the manifest into @temp_dir, into @extracted
 * (name → DcBackupMember), and returns the manifest. */
static GBytes *
extract_archive (int            fd,
                 guint64        archive_size,
                 const char    *display,
                 const char    *temp_dir,
                 GHashTable    *extracted,
                 DcProgress    *progress,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(DcTarReader) reader = dc_tar_reader_new (fd);
  g_autoptr(GBytes) manifest = NULL;
  g_autofree guint8 *buffer = g_malloc (BUFFER_SIZE);
  ReadProgress read_progress = { progress, archive_size };
  gboolean any_member = FALSE;

  dc_tar_reader_set_progress (reader, read_progress_cb, &read_progress);

  for (;;)
    {
      g_autofree char *name = NULL;
      g_autofree char *display_name = NULL;
      guint64 size;
      DcBackupMember *member;

      if (!dc_tar_reader_next (reader, &name, &size, error))
        {
          _dc_backup_explain_read_error (error, display,
                                         any_member || dc_tar_reader_is_truncated (reader));
          return NULL;
        }
      if (name == NULL)
        break;
      any_member = TRUE;
      display_name = g_utf8_make_valid (name, -1);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (is_unsafe_name (name))
        {
          g_autofree char *detail =
            g_strdup_printf (_("it holds a file named “%s”, which would be written outside "
                               "the clinic’s folder"), display_name);

          _dc_backup_damaged (error, display, detail);
          return NULL;
        }

      if (g_hash_table_contains (extracted, name)
          || (manifest != NULL && g_str_equal (name, MANIFEST_NAME)))
        {
          g_autofree char *detail = g_strdup_printf (_("it holds “%s” twice"), display_name);

          _dc_backup_damaged (error, display, detail);
          return NULL;
        }

      switch (classify_member (name))
        {
        case MEMBER_MANIFEST:
          manifest = _dc_backup_read_manifest_member (reader, size, display, error);
          if (manifest == NULL)
            {
              _dc_backup_explain_read_error (error, display, TRUE);
              return NULL;
            }
          continue;

        case MEMBER_DATABASE:
        case MEMBER_PHOTO:
          break;

        case MEMBER_UNKNOWN:
        default:
          {
            g_autofree char *detail =
              g_strdup_printf (_("it holds “%s”, which is not part of a Dermachart backup"),
                               display_name);

            _dc_backup_damaged (error, display, detail);
            return NULL;
          }
        }

      member = _dc_backup_member_new (name, NULL);
      member->path = g_build_filename (temp_dir, name, NULL);
      g_hash_table_insert (extracted, member->name, member);
      if (!extract_member (reader, member, buffer, cancellable, error))
        {
          _dc_backup_explain_read_error (error, display, TRUE);
          return NULL;
        }
    }

  if (manifest == NULL)
    {
      if (!any_member)
        g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                     _("%s is not a Dermachart backup. Nothing was changed."), display);
      else
        _dc_backup_damaged (error, display, _("its manifest is missing"));
      return NULL;
    }

  return g_steal_pointer (&manifest);
}

/* Every file the manifest lists is there with its size and checksum, and
 * nothing else is. */
static gboolean
check_members (GHashTable  *listed,
               GHashTable  *extracted,
               const char  *display,
               GError     **error)
{
  GHashTableIter iter;
  DcBackupMember *member;

  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &member))
    {
      DcBackupMember *found = g_hash_table_lookup (extracted, member->name);
      g_autofree char *display_name = g_utf8_make_valid (member->name, -1);
      g_autofree char *detail = NULL;

      if (found == NULL)
        detail = g_strdup_printf (_("“%s” is missing from it"), display_name);
      else if (found->size != member->size || g_strcmp0 (found->sha256, member->sha256) != 0)
        detail = g_strdup_printf (_("“%s” does not match its checksum"), display_name);
      if (detail != NULL)
        return _dc_backup_damaged (error, display, detail);
    }

  g_hash_table_iter_init (&iter, extracted);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &member))
    if (!g_hash_table_contains (listed, member->name))
      {
        g_autofree char *display_name = g_utf8_make_valid (member->name, -1);
        g_autofree char *detail =
          g_strdup_printf (_("it holds “%s”, which its manifest does not list"), display_name);

        return _dc_backup_damaged (error, display, detail);
      }

  if (!g_hash_table_contains (extracted, DATABASE_NAME))
    return _dc_backup_damaged (error, display, _("the database is missing from it"));
  return TRUE;
}

/* An original is named after the checksum of its contents. */
static gboolean
has_original (GHashTable *extracted,
              const char *sha256)
{
  for (guint i = 0; i < G_N_ELEMENTS (_dc_backup_photo_formats); i++)
    {
      g_autofree char *name =
        dc_photo_library_get_original_path (PHOTOS_DIR, sha256, _dc_backup_photo_formats[i]);
      DcBackupMember *member = g_hash_table_lookup (extracted, name);

      if (member != NULL && g_strcmp0 (member->sha256, sha256) == 0)
        return TRUE;
    }
  return FALSE;
}

/*
 * verify_restored_clinic:
 * @db_path: the database taken out of the backup
 * @extracted: the files taken out with it, name → DcBackupMember with its checksum
 *
 * The checks a restored clinic must pass before it replaces anything:
 * the database is Dermachart's, not from a newer version, intact
 * (integrity_check) with every reference whole (foreign_key_check), and
 * every photo a record refers to came out of the backup with the checksum
 * it is named by. Without opening it as a store: that would migrate it.
 * open_and_verify() then checks the audit trail.
 */
static DcStoreFileSummary *
verify_restored_clinic (const char    *db_path,
                        GHashTable    *extracted,
                        const char    *display,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(DcStoreFileSummary) summary = NULL;
  g_autoptr(GError) local_error = NULL;

  summary = dc_store_file_check (db_path, cancellable, &local_error);
  if (summary == NULL)
    {
      if (g_error_matches (local_error, DC_ERROR, DC_ERROR_NEWER_SCHEMA))
        g_set_error (error, DC_ERROR, DC_ERROR_NEWER_SCHEMA,
                     /* Translators: the second %s says which version wrote it */
                     _("The backup %s cannot be restored: %s. Update Dermachart to restore it; "
                       "nothing was changed."), display, local_error->message);
      else if (g_error_matches (local_error, DC_ERROR, DC_ERROR_CORRUPT))
        _dc_backup_damaged (error, display, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; summary->photo_checksums[i] != NULL; i++)
    if (!has_original (extracted, summary->photo_checksums[i]))
      {
        g_autofree char *detail =
          g_strdup_printf (_("the photo %.12s… that the records refer to is missing from it"),
                           summary->photo_checksums[i]);

        _dc_backup_damaged (error, display, detail);
        return NULL;
      }

  return g_steal_pointer (&summary);
}

/* What replaces the records must be on the disk before they are moved
 * aside. One syncfs() of the temporary folder's filesystem instead of an
 * fsync() per file: a clinic has thousands of photos. */
static gboolean
sync_extracted (const char  *temp_dir,
                GError     **error)
{
  int fd = open (temp_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return dc_set_io_error (error, errno);
  if (syncfs (fd) < 0)
    {
      int saved_errno = errno;

      close (fd);
      return dc_set_io_error (error, saved_errno);
    }
  close (fd);
  return TRUE;
}

/* What was moved where, to be moved back if the swap fails halfway. */
typedef struct
{
  char *from;
  char *to;
} Move;

static void
move_free (gpointer data)
{
  Move *move = data;

  g_free (move->from);
  g_free (move->to);
  g_free (move);
}

static gboolean
move_file (GPtrArray   *moves,
           const char  *from,
           const char  *to,
           GError     **error)
{
  Move *move;

  if (g_rename (from, to) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Cannot move %s to %s: %s"), from, to,
                   g_strerror (saved_errno));
      return FALSE;
    }

  move = g_new0 (Move, 1);
  move->from = g_strdup (from);
  move->to = g_strdup (to);
  g_ptr_array_add (moves, move);
  return TRUE;
}

static void
undo_moves (GPtrArray *moves)
{
  for (guint i = moves->len; i > 0; i--)
    {
      Move *move = g_ptr_array_index (moves, i - 1);

      if (g_rename (move->to, move->from) < 0)
        g_warning ("Could not move %s back to %s: %s", move->to, move->from,
                   g_strerror (errno));
    }
}

static const char *const db_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* A new folder beside the database, named after it and the time:
 * "dermachart-before-restore-2026-11-25-103000". */
static char *
make_aside_dir (const char  *db_path,
                GError     **error)
{
  g_autofree char *data_dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *name = i == 1
        ? g_strdup_printf ("%s-before-restore-%s", base, stamp)
        : g_strdup_printf ("%s-before-restore-%s-%u", base, stamp, i);
      g_autofree char *path = g_build_filename (data_dir, name, NULL);

      if (g_mkdir (path, 0700) == 0)
        return g_steal_pointer (&path);
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Cannot create the folder %s: %s"),
                       path, g_strerror (saved_errno));
          return NULL;
        }
    }

  g_set_error (error, DC_ERROR, DC_ERROR_EXISTS,
               _("Cannot create a folder for the records being replaced"));
  return NULL;
}

/* Moves the database (with its -wal, -shm) and photos in place aside, and
 * the restored ones in. All or nothing, as far as renames allow. */
static gboolean
swap_in (const char  *db_path,
         const char  *temp_dir,
         char       **moved_to,
         GError     **error)
{
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func (move_free);
  g_autofree char *data_dir = g_path_get_dirname (db_path);
  g_autofree char *db_base = g_path_get_basename (db_path);
  g_autofree char *photo_dir = g_build_filename (data_dir, PHOTOS_DIR, NULL);
  g_autofree char *temp_photos = g_build_filename (temp_dir, PHOTOS_DIR, NULL);
  g_autofree char *aside = NULL;
  gboolean any_current = g_file_test (photo_dir, G_FILE_TEST_EXISTS);

  for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, db_suffixes[i], NULL);

      any_current |= g_file_test (path, G_FILE_TEST_EXISTS);
    }

  if (any_current)
    {
      aside = make_aside_dir (db_path, error);
      if (aside == NULL)
        return FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
        {
          g_autofree char *from = g_strconcat (db_path, db_suffixes[i], NULL);
          g_autofree char *to_name = g_strconcat (db_base, db_suffixes[i], NULL);
          g_autofree char *to = g_build_filename (aside, to_name, NULL);

          if (g_file_test (from, G_FILE_TEST_EXISTS) && !move_file (moves, from, to, error))
            goto failed;
        }
      if (g_file_test (photo_dir, G_FILE_TEST_EXISTS))
        {
          g_autofree char *to = g_build_filename (aside, PHOTOS_DIR, NULL);

          if (!move_file (moves, photo_dir, to, error))
            goto failed;
        }
    }

  /* The restored database, and what opening it to migrate left (nothing,
   * once closed cleanly). */
  for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *name = g_strconcat (DATABASE_NAME, db_suffixes[i], NULL);
      g_autofree char *from = g_build_filename (temp_dir, name, NULL);
      g_autofree char *to = g_strconcat (db_path, db_suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && !move_file (moves, from, to, error))
        goto failed;
    }
  if (g_file_test (temp_photos, G_FILE_TEST_IS_DIR)
      && !move_file (moves, temp_photos, photo_dir, error))
    goto failed;

  if (!_dc_backup_sync_dir (data_dir, error)
      || (aside != NULL && !_dc_backup_sync_dir (aside, error)))
    goto failed;

  *moved_to = g_steal_pointer (&aside);
  return TRUE;

failed:
  undo_moves (moves);
  if (aside != NULL)
    g_rmdir (aside);
  return FALSE;
}

/* Left over by a backup or restore that was interrupted: under the
 * exclusive lock, none is running. */
static void
sweep_leftovers (const char *data_dir)
{
  g_autoptr(GDir) dir = g_dir_open (data_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, RESTORE_PREFIX) || g_str_has_prefix (name, SNAPSHOT_PREFIX))
        {
          g_autofree char *path = g_build_filename (data_dir, name, NULL);

          _dc_backup_remove_tree (path);
        }
    }
}

static gboolean
check_summary (const DcBackupInfo        *info,
               const DcStoreFileSummary  *summary,
               const char                *display,
               GError                   **error)
{
  if (info->schema_version != summary->schema_version
      || info->n_patients != summary->n_patients
      || info->n_sessions != summary->n_sessions
      || info->n_photos != summary->n_photos)
    return _dc_backup_damaged (error, display, _("the database does not match its manifest"));
  return TRUE;
}

/* Brings an older database up to this version's schema, in the temporary
 * folder: a database that cannot be migrated replaces nothing. */
/* Opens the restored database, which brings an older one up to date, and
 * runs dc_store_verify() on it: beyond the checks above, the audit
 * trail's hash chain. A trail that was tampered with is not restored. The
 * photo files were checked against the manifest and the records already. */
static gboolean
open_and_verify (const char  *db_path,
                 const char  *display,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DcStore) store = dc_store_open (db_path, &local_error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (store == NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_FAILED,
                   _("The backup %s cannot be brought up to this version of Dermachart: %s. "
                     "Nothing was changed."), display, local_error->message);
      return FALSE;
    }

  if (!dc_store_verify (store, problems, error))
    return FALSE;
  dc_store_close (store);

  if (problems->len > 0)
    {
      _dc_backup_damaged (error, display, g_ptr_array_index (problems, 0));
      return FALSE;
    }
  return TRUE;
}

/**
 * dc_backup_restore:
 * @db_path: (nullable): the database to replace, or %NULL for the default
 *   location; it need not exist
 * @path: the backup
 * @progress: (nullable): told how far the restore has got
 *
 * Restores the clinic from the backup at @path, after checking all of it.
 * The database and photos in place are moved, not deleted, into a dated
 * folder beside them. Refused, with nothing changed, if the backup is
 * damaged or from a newer version, or if a store has the clinic open
 * (%DC_ERROR_BUSY). Blocks on disk: run it in a worker.
 *
 * Returns: (transfer full): what was restored and where the replaced
 *   records went, or %NULL.
 */
DcRestoreResult *
dc_backup_restore (const char    *db_path,
                   const char    *path,
                   DcProgress    *progress,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(DcStoreFolderLock) lock = NULL;
  g_autoptr(DcBackupInfo) info = NULL;
  g_autoptr(DcStoreFileSummary) summary = NULL;
  g_autoptr(GHashTable) extracted = NULL;
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *display = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *temp_db = NULL;
  g_autofree char *moved_to = NULL;
  DcRestoreResult *result = NULL;
  guint64 archive_size = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dc_progress_set_fraction (progress, 0);
  display = g_filename_display_name (path);
  canonical = db_path != NULL ? g_canonicalize_filename (db_path, NULL)
                              : dc_store_default_path ();
  data_dir = g_path_get_dirname (canonical);

  fd = _dc_backup_open_archive (path, display, &archive_size, error);
  if (fd < 0)
    return NULL;

  if (g_mkdir_with_parents (data_dir, 0700) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Cannot create the folder %s: %s"),
                   data_dir, g_strerror (saved_errno));
      close (fd);
      return NULL;
    }

  lock = dc_store_folder_lock (canonical, TRUE, error);
  if (lock == NULL)
    {
      close (fd);
      return NULL;
    }
  sweep_leftovers (data_dir);

  /* Beside the database, so that what is checked there is moved into
   * place, not copied. */
  temp_dir = g_build_filename (data_dir, RESTORE_PREFIX "XXXXXX", NULL);
  if (g_mkdtemp_full (temp_dir, 0700) == NULL)
    {
      dc_set_io_error (error, errno);
      close (fd);
      return NULL;
    }

  extracted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _dc_backup_member_free);
  listed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _dc_backup_member_free);
  manifest = extract_archive (fd, archive_size, display, temp_dir, extracted, progress,
                              cancellable, error);
  close (fd);
  if (manifest == NULL)
    goto out;

  info = _dc_backup_parse_manifest (manifest, display, listed, error);
  if (info == NULL || !check_members (listed, extracted, display, error))
    goto out;

  temp_db = g_build_filename (temp_dir, DATABASE_NAME, NULL);
  summary = verify_restored_clinic (temp_db, extracted, display, cancellable, error);
  if (summary == NULL || !check_summary (info, summary, display, error))
    goto out;
  dc_progress_set_fraction (progress, 0.95);

  if (!open_and_verify (temp_db, display, error))
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !sync_extracted (temp_dir, error)
      || !swap_in (canonical, temp_dir, &moved_to, error))
    goto out;

  dc_progress_set_fraction (progress, 1);
  result = g_new0 (DcRestoreResult, 1);
  result->info = g_steal_pointer (&info);
  result->moved_to = g_steal_pointer (&moved_to);

out:
  _dc_backup_remove_tree (temp_dir);
  return result;
}

typedef struct
{
  char       *db_path;
  char       *path;
  DcProgress *progress;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_clear_pointer (&data->progress, dc_progress_unref);
  g_free (data);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *data = task_data;
  GError *error = NULL;
  DcRestoreResult *result;

  result = dc_backup_restore (data->db_path, data->path, data->progress, cancellable, &error);
  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) dc_restore_result_free);
  else
    g_task_return_error (task, error);
}

void
dc_backup_restore_async (const char          *db_path,
                         const char          *path,
                         DcProgress          *progress,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RestoreData *data;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dc_backup_restore_async);
  data = g_new0 (RestoreData, 1);
  data->db_path = g_strdup (db_path);
  data->path = g_strdup (path);
  data->progress = progress != NULL ? dc_progress_ref (progress) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);
  g_task_run_in_thread (task, restore_thread);
}

DcRestoreResult *
dc_backup_restore_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
