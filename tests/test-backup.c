/* test-backup.c: backing up the demo clinic and restoring it, and every
 * way a restore must refuse a backup while leaving the clinic as it was. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "dc-auto-backup.h"
#include "dc-backup.h"
#include "dc-demo-photos.h"
#include "dc-model.h"
#include "dc-photo-library.h"
#include "dc-record-json.h"
#include "dc-store-file.h"
#include "dc-tar.h"
#include "dc-test-util.h"

/* The demo clinic with its photos, filled once (it takes seconds) and
 * copied for each test while no store has it open. */
static char *template_dir;

typedef struct
{
  char *dir;
  char *data_dir;
  char *db;
  char *backup;
} Fixture;

static void
copy_tree (const char *from,
           const char *to)
{
  GStatBuf st;

  g_assert_cmpint (g_lstat (from, &st), ==, 0);
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
      const char *name;

      g_assert_cmpint (g_mkdir (to, st.st_mode & 0777), ==, 0);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child_from = g_build_filename (from, name, NULL);
          g_autofree char *child_to = g_build_filename (to, name, NULL);

          copy_tree (child_from, child_to);
        }
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE,
                                               st.st_mode & 0777, NULL));
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("dermachart-backup-XXXXXX", NULL);
  fixture->data_dir = g_build_filename (fixture->dir, "clinic", NULL);
  fixture->db = g_build_filename (fixture->data_dir, "dermachart.db", NULL);
  fixture->backup = g_build_filename (fixture->dir, "clinic.dcbackup", NULL);
  copy_tree (template_dir, fixture->data_dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
  g_free (fixture->db);
  g_free (fixture->backup);
}

static DcStore *
open_store (const char *db)
{
  g_autoptr(GError) error = NULL;
  DcStore *store = dc_store_open (db, &error);

  g_assert_no_error (error);
  dc_store_set_actor (store, "Test Practitioner (test)");
  return store;
}

static void
close_store (DcStore *store)
{
  dc_store_close (store);
  g_assert_finalize_object (store);
}

static DcBackupInfo *
back_up (const char *db,
         const char *dest)
{
  g_autoptr(GError) error = NULL;
  DcStore *store = open_store (db);
  DcBackupInfo *info = dc_backup_create (store, dest, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  close_store (store);
  return info;
}

/* Every patient's record as the JSON export writes it, in id order. */
static char *
export_all (const char *db)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GError) error = NULL;
  DcStore *store = open_store (db);

  patients = dc_store_list (store, DC_TYPE_PATIENT, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (patients), >=, 3);
  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(DcRecord) patient = g_list_model_get_item (patients, i);
      g_autofree char *json = dc_record_json_export_patient (store, dc_record_get_id (patient),
                                                             &error);

      g_assert_no_error (error);
      g_string_append (all, json);
      g_string_append_c (all, '\n');
    }

  g_clear_object (&patients);
  close_store (store);
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every file and folder under @path: its mode and, for the database, its
 * checksum. A photo file is identified by its inode, size, and change and
 * modification times, which any write or rename would change: a restore
 * never writes to one, and hashing them all before and after each of the
 * refusals below would take most of the test's time. */
static void
fingerprint_into (GString    *out,
                  const char *path,
                  const char *relative)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GStatBuf st;
  const char *name;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  if (!S_ISDIR (st.st_mode))
    {
      g_autofree char *sha256 = NULL;

      if (strstr (relative, "photos/") == NULL)
        sha256 = file_sha256 (path);
      else
        sha256 = g_strdup_printf ("%ju %jd %ld.%09ld %ld.%09ld", (uintmax_t) st.st_ino,
                                  (intmax_t) st.st_size, (long) st.st_mtim.tv_sec,
                                  st.st_mtim.tv_nsec, (long) st.st_ctim.tv_sec,
                                  st.st_ctim.tv_nsec);
      g_string_append_printf (out, "%s %o %s\n", relative, st.st_mode & 0777, sha256);
      return;
    }

  g_string_append_printf (out, "%s/ %o\n", relative, st.st_mode & 0777);
  dir = g_dir_open (path, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);
      g_autofree char *child_path = g_build_filename (path, child, NULL);
      g_autofree char *child_relative = g_build_filename (relative, child, NULL);

      fingerprint_into (out, child_path, child_relative);
    }
}

static char *
fingerprint (const char *path)
{
  GString *out = g_string_new (NULL);

  fingerprint_into (out, path, ".");
  return g_string_free (out, FALSE);
}

/* Names the first line that differs, rather than printing whole trees. */
static void
assert_same_files (const char *before,
                   const char *after)
{
  g_auto(GStrv) old_lines = g_strsplit (before, "\n", -1);
  g_auto(GStrv) new_lines = g_strsplit (after, "\n", -1);

  for (guint i = 0; old_lines[i] != NULL || new_lines[i] != NULL; i++)
    if (g_strcmp0 (old_lines[i], new_lines[i]) != 0)
      g_error ("The clinic's files changed: was “%s”, is “%s”", old_lines[i], new_lines[i]);
}

/* What `dermachart verify` will check, as far as it exists yet: the
 * database passes its checks, and every photo it refers to is in the
 * library with the checksum it is named after. */
static void
assert_clinic_verifies (const char *db)
{
  g_autoptr(DcStoreFileSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_path_get_dirname (db);
  g_autofree char *photo_dir = g_build_filename (data_dir, "photos", NULL);

  summary = dc_store_file_check (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (summary->photo_checksums), >, 0);
  for (guint i = 0; summary->photo_checksums[i] != NULL; i++)
    {
      g_autofree char *original =
        dc_photo_library_find_original (photo_dir, summary->photo_checksums[i]);
      g_autofree char *sha256 = NULL;

      g_assert_nonnull (original);
      sha256 = file_sha256 (original);
      g_assert_cmpstr (sha256, ==, summary->photo_checksums[i]);
    }
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

/* The acceptance: backup, a fresh empty place, restore, and the clinic is
 * the same patient for patient. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(DcBackupInfo) info = NULL;
  g_autoptr(DcBackupInfo) read = NULL;
  g_autoptr(DcRestoreResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export_all (fixture->db);
  g_autofree char *after = NULL;
  g_autofree char *fresh_dir = g_build_filename (fixture->dir, "fresh", "place", NULL);
  g_autofree char *fresh_db = g_build_filename (fresh_dir, "restored.db", NULL);
  g_autofree char *fresh_photos = g_build_filename (fresh_dir, "photos", NULL);
  g_autofree char *listing = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  info = back_up (fixture->db, fixture->backup);
  g_assert_cmpint (info->n_patients, >=, 3);
  g_assert_cmpint (info->n_photos, >, 0);
  g_assert_cmpuint (info->n_missing_derivatives, ==, 0);
  assert_mode (fixture->backup, 0600);

  /* Any tar lists it. */
  g_spawn_sync (NULL, (char *[]) { (char *) "tar", (char *) "tf", fixture->backup, NULL },
                NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &listing, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_str_has_prefix (listing, "dermachart.db\n"));
  g_assert_true (g_str_has_suffix (listing, "\nmanifest.json\n"));
  lines = g_strsplit (listing, "\n", -1);
  /* Every file but the manifest, and the empty string after the last. */
  g_assert_cmpuint (info->n_files, ==, g_strv_length (lines) - 2);

  read = dc_backup_read_info (fixture->backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->n_patients, ==, info->n_patients);
  g_assert_cmpint (read->n_photos, ==, info->n_photos);
  g_assert_cmpint (read->schema_version, ==, DC_STORE_SCHEMA_VERSION);
  g_assert_true (g_date_time_equal (read->created, info->created));

  /* Not even the folder exists. */
  result = dc_backup_restore (fresh_db, fixture->backup, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (result->moved_to);
  g_assert_cmpint (result->info->n_sessions, ==, info->n_sessions);

  assert_clinic_verifies (fresh_db);
  after = export_all (fresh_db);
  g_assert_cmpstr (after, ==, before);

  assert_mode (fresh_db, 0600);
  assert_mode (fresh_photos, 0700);
}

/* Offsets of each member's header, data and size, walking the headers. */
typedef struct
{
  char    name[101];
  goffset header;
  goffset data;
  gsize   size;
} TarEntry;

static GArray *
list_entries (const char *contents,
              gsize       length)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (TarEntry));
  goffset offset = 0;

  while (offset + 512 <= (goffset) length && contents[offset] != '\0')
    {
      TarEntry entry = { { 0 } };

      memcpy (entry.name, contents + offset, 100);
      entry.header = offset;
      entry.data = offset + 512;
      entry.size = g_ascii_strtoull (contents + offset + 124, NULL, 8);
      g_array_append_val (entries, entry);
      offset = entry.data + ((entry.size + 511) / 512) * 512;
    }
  return entries;
}

static const TarEntry *
find_entry (GArray     *entries,
            const char *prefix)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_str_has_prefix (g_array_index (entries, TarEntry, i).name, prefix))
      return &g_array_index (entries, TarEntry, i);
  g_assert_not_reached ();
}

/* Restoring @path over the fixture's clinic fails with @code and a message
 * containing @words, and leaves every file of the clinic as it was. */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                int         code,
                const char *words)
{
  g_autoptr(DcRestoreResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = fingerprint (fixture->data_dir);
  g_autofree char *after = NULL;

  result = dc_backup_restore (fixture->db, path, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, DC_ERROR, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  /* The one refusal that does not look at the backup at all says why. */
  if (code != DC_ERROR_BUSY)
    g_assert_nonnull (strstr (error->message, "othing was changed"));

  after = fingerprint (fixture->data_dir);
  assert_same_files (before, after);
}

static void
write_variant (const char *path,
               const char *contents,
               gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DcBackupInfo) info = back_up (fixture->db, fixture->backup);
  g_autofree char *variant = g_build_filename (fixture->dir, "cut.dcbackup", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GArray) entries = NULL;
  const TarEntry *db;
  const TarEntry *photo;
  const TarEntry *manifest;
  gsize length;

  g_assert_true (g_file_get_contents (fixture->backup, &contents, &length, NULL));
  entries = list_entries (contents, length);
  db = find_entry (entries, "dermachart.db");
  photo = find_entry (entries, "photos/originals/");
  manifest = find_entry (entries, "manifest.json");

  {
    /* Within the first header, the database, a photo, the manifest's
     * header and data, and each end block. */
    gsize cuts[] = {
      0, 100, 512, db->data + db->size / 2, db->data + db->size,
      photo->data + photo->size / 2, manifest->header + 300,
      manifest->data + manifest->size / 2, manifest->data + manifest->size,
      length - 1024, length - 513, length - 1,
    };

    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        g_test_message ("cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, cuts[i], length);
        write_variant (variant, contents, cuts[i]);
        assert_refused (fixture, variant, DC_ERROR_CORRUPT, cuts[i] > 0 ? "ends early" : NULL);
      }
  }

  /* Not even its manifest can be read for the question before. */
  {
    g_autoptr(DcBackupInfo) read = NULL;
    g_autoptr(GError) error = NULL;

    write_variant (variant, contents, length - 700);
    read = dc_backup_read_info (variant, &error);
    g_assert_error (error, DC_ERROR, DC_ERROR_CORRUPT);
    g_assert_null (read);
  }
}

static void
test_flipped_byte (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DcBackupInfo) info = back_up (fixture->db, fixture->backup);
  g_autofree char *variant = g_build_filename (fixture->dir, "flipped.dcbackup", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GArray) entries = NULL;
  const TarEntry *targets[3];
  gsize length;

  g_assert_true (g_file_get_contents (fixture->backup, &contents, &length, NULL));
  entries = list_entries (contents, length);
  targets[0] = find_entry (entries, "dermachart.db");
  targets[1] = find_entry (entries, "photos/originals/");
  targets[2] = find_entry (entries, "photos/derived/");

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *flipped = g_memdup2 (contents, length);

      flipped[targets[i]->data + targets[i]->size / 2] ^= 0x01;
      write_variant (variant, flipped, length);
      assert_refused (fixture, variant, DC_ERROR_CORRUPT, targets[i]->name);
    }

  /* A header's own checksum. */
  {
    g_autofree char *flipped = g_memdup2 (contents, length);

    flipped[targets[1]->header + 130] ^= 0x01;
    write_variant (variant, flipped, length);
    assert_refused (fixture, variant, DC_ERROR_CORRUPT, "header is damaged");
  }
}

/* A manifest as the backup writes it, over the given files. */
static char *
make_manifest_for (int          format_version,
                   int          schema_version,
                   int          n_patients,
                   const char  *const *names,
                   const char  *const *paths)
{
  g_autoptr(GString) members = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *sha256 = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (paths[i], &contents, &length, NULL));
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
      g_string_append_printf (members, "%s{\"path\": \"%s\", \"size\": %" G_GSIZE_FORMAT ", "
                              "\"sha256\": \"%s\"}", i > 0 ? ", " : "", names[i], length, sha256);
    }

  return g_strdup_printf ("{\"format\": \"dermachart-backup\", \"format-version\": %d, "
                          "\"app-version\": \"9.0\", \"schema-version\": %d, "
                          "\"created\": \"2026-11-25T10:30:00Z\", \"patients\": %d, "
                          "\"sessions\": 0, \"photos\": 0, \"members\": [%s]}",
                          format_version, schema_version, n_patients, members->str);
}

static char *
make_manifest (int          format_version,
               int          schema_version,
               const char  *const *names,
               const char  *const *paths)
{
  return make_manifest_for (format_version, schema_version, 0, names, paths);
}

/* An archive of @names taken from @paths, then @manifest if given. */
static void
craft_archive (const char         *dest,
               const char  *const *names,
               const char  *const *paths,
               const char         *manifest)
{
  g_autoptr(DcTarWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_open (dest, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  writer = dc_tar_writer_new (fd, 0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      dc_tar_writer_add_file (writer, names[i], paths[i], NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  if (manifest != NULL)
    dc_tar_writer_add_data (writer, "manifest.json", manifest, strlen (manifest), &error);
  g_assert_no_error (error);
  dc_tar_writer_finish (writer, &error);
  g_assert_no_error (error);
  close (fd);
}

static void
test_unsafe_names (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *const unsafe[] = {
    "../escaped.txt", "photos/../../escaped.txt", "/tmp/escaped.txt", "photos/./x",
  };
  g_autofree char *variant = g_build_filename (fixture->dir, "crafted.dcbackup", NULL);
  g_autofree char *payload = g_build_filename (fixture->dir, "payload.txt", NULL);

  g_assert_true (g_file_set_contents (payload, "not a record", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      const char *names[] = { "dermachart.db", unsafe[i], NULL };
      const char *paths[] = { fixture->db, payload, NULL };
      g_autofree char *manifest = make_manifest (1, DC_STORE_SCHEMA_VERSION, names, paths);
      g_autofree char *escaped = g_build_filename (fixture->dir, "escaped.txt", NULL);

      craft_archive (variant, names, paths, manifest);
      assert_refused (fixture, variant, DC_ERROR_CORRUPT, "outside");
      g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test ("/tmp/escaped.txt", G_FILE_TEST_EXISTS));
    }

  /* Listed in the manifest, and well-named, yet no part of a backup. */
  {
    const char *names[] = { "dermachart.db", "notes.txt", NULL };
    const char *paths[] = { fixture->db, payload, NULL };
    g_autofree char *manifest = make_manifest (1, DC_STORE_SCHEMA_VERSION, names, paths);

    craft_archive (variant, names, paths, manifest);
    assert_refused (fixture, variant, DC_ERROR_CORRUPT, "not part of a Dermachart backup");
  }
}

static void
test_manifest_mismatch (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *variant = g_build_filename (fixture->dir, "crafted.dcbackup", NULL);
  g_autofree char *photo_dir = g_build_filename (fixture->data_dir, "photos", NULL);
  g_autoptr(DcStoreFileSummary) summary = dc_store_file_check (fixture->db, NULL, NULL);
  g_autofree char *original = dc_photo_library_find_original (photo_dir,
                                                              summary->photo_checksums[0]);
  g_autofree char *original_name = g_strconcat ("photos", original + strlen (photo_dir), NULL);

  /* A file the manifest does not list. */
  {
    const char *listed_names[] = { "dermachart.db", NULL };
    const char *listed_paths[] = { fixture->db, NULL };
    const char *names[] = { "dermachart.db", original_name, NULL };
    const char *paths[] = { fixture->db, original, NULL };
    g_autofree char *manifest = make_manifest (1, DC_STORE_SCHEMA_VERSION, listed_names,
                                               listed_paths);

    craft_archive (variant, names, paths, manifest);
    assert_refused (fixture, variant, DC_ERROR_CORRUPT, "does not list");
  }

  /* A file the manifest lists, missing. */
  {
    const char *names[] = { "dermachart.db", original_name, NULL };
    const char *paths[] = { fixture->db, original, NULL };
    const char *archived_names[] = { "dermachart.db", NULL };
    g_autofree char *manifest = make_manifest (1, DC_STORE_SCHEMA_VERSION, names, paths);

    craft_archive (variant, archived_names, paths, manifest);
    assert_refused (fixture, variant, DC_ERROR_CORRUPT, "is missing");
  }

  /* Everything listed and there, but the records' photos are not. */
  {
    const char *names[] = { "dermachart.db", NULL };
    const char *paths[] = { fixture->db, NULL };
    g_autofree char *manifest = make_manifest (1, DC_STORE_SCHEMA_VERSION, names, paths);

    craft_archive (variant, names, paths, manifest);
    assert_refused (fixture, variant, DC_ERROR_CORRUPT, "photo");
  }

  /* No manifest at all. */
  {
    const char *names[] = { "dermachart.db", NULL };
    const char *paths[] = { fixture->db, NULL };

    craft_archive (variant, names, paths, NULL);
    assert_refused (fixture, variant, DC_ERROR_CORRUPT, "manifest is missing");
  }

  /* Not a backup at all. */
  assert_refused (fixture, fixture->db, DC_ERROR_INVALID, "not a Dermachart backup");
}

static void
test_newer (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *variant = g_build_filename (fixture->dir, "newer.dcbackup", NULL);
  const char *names[] = { "dermachart.db", NULL };
  const char *paths[] = { fixture->db, NULL };
  g_autoptr(GError) error = NULL;

  /* A newer backup format: refused, and said so before asking. */
  {
    g_autofree char *manifest = make_manifest (2, DC_STORE_SCHEMA_VERSION, names, paths);
    g_autoptr(DcBackupInfo) read = NULL;

    craft_archive (variant, names, paths, manifest);
    assert_refused (fixture, variant, DC_ERROR_NEWER_SCHEMA, "newer version");
    read = dc_backup_read_info (variant, &error);
    g_assert_error (error, DC_ERROR, DC_ERROR_NEWER_SCHEMA);
    g_clear_error (&error);
  }

  /* A database of a newer schema, in a backup of the current format. */
  {
    g_autofree char *newer_db = g_build_filename (fixture->dir, "newer.db", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *manifest = NULL;
    const char *newer_paths[] = { newer_db, NULL };
    gsize length;

    /* user_version is the header's big-endian word at offset 60. */
    g_assert_true (g_file_get_contents (fixture->db, &contents, &length, NULL));
    contents[60] = 0;
    contents[61] = 0;
    contents[62] = 0;
    contents[63] = DC_STORE_SCHEMA_VERSION + 1;
    write_variant (newer_db, contents, length);

    manifest = make_manifest (1, DC_STORE_SCHEMA_VERSION + 1, names, newer_paths);
    craft_archive (variant, names, newer_paths, manifest);
    assert_refused (fixture, variant, DC_ERROR_NEWER_SCHEMA, "newer version");
  }
}

/* A backup from an older Dermachart is brought up to date as it is
 * restored, its records kept. */
static void
test_older_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *old_db = g_build_filename (fixture->dir, "old", "dermachart.db", NULL);
  g_autofree char *variant = g_build_filename (fixture->dir, "old.dcbackup", NULL);
  g_autofree char *fresh_db = g_build_filename (fixture->dir, "fresh", "clinic.db", NULL);
  g_autoptr(DcPatient) patient = make_patient ("Older", "Version", "1966-06-06");
  g_autoptr(DcPatient) kept = NULL;
  g_autoptr(DcRestoreResult) result = NULL;
  g_autoptr(DcStoreFileSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *manifest = NULL;
  const char *names[] = { "dermachart.db", NULL };
  const char *paths[] = { old_db, NULL };
  DcStore *store;
  sqlite3 *db;

  store = open_store (old_db);
  dc_store_save (store, DC_RECORD (patient), &error);
  g_assert_no_error (error);
  close_store (store);

  /* What version 1 left on disk, as in test-store. */
  g_assert_cmpint (sqlite3_open (old_db, &db), ==, SQLITE_OK);
  dc_test_undo_to_version_3 (db);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE disclosure;"
                                 "DROP TABLE depth_guidance;"
                                 "PRAGMA journal_mode = DELETE;"
                                 "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  manifest = make_manifest_for (1, 1, 1, names, paths);
  craft_archive (variant, names, paths, manifest);

  result = dc_backup_restore (fresh_db, variant, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->info->schema_version, ==, 1);

  summary = dc_store_file_check (fresh_db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->schema_version, ==, DC_STORE_SCHEMA_VERSION);
  store = open_store (fresh_db);
  kept = dc_store_load_by_uuid (store, DC_TYPE_PATIENT, dc_record_get_uuid (DC_RECORD (patient)),
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dc_patient_get_family_name (kept), ==, "Older");
  close_store (store);
}

static void
test_over_existing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DcBackupInfo) info = back_up (fixture->db, fixture->backup);
  g_autoptr(DcRestoreResult) result = NULL;
  g_autoptr(DcPatient) later = make_patient ("Later", "Zoë", "1990-02-03");
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export_all (fixture->db);
  g_autofree char *aside_db = NULL;
  g_autofree char *aside_photos = NULL;
  g_autofree char *after = NULL;
  DcStore *store;

  /* Entered after the backup: it must survive the restore, aside. */
  store = open_store (fixture->db);
  dc_store_save (store, DC_RECORD (later), &error);
  g_assert_no_error (error);
  close_store (store);

  result = dc_backup_restore (fixture->db, fixture->backup, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result->moved_to);
  g_assert_true (g_str_has_prefix (result->moved_to, fixture->data_dir));
  assert_mode (result->moved_to, 0700);

  after = export_all (fixture->db);
  g_assert_cmpstr (after, ==, before);
  assert_clinic_verifies (fixture->db);

  aside_db = g_build_filename (result->moved_to, "dermachart.db", NULL);
  aside_photos = g_build_filename (result->moved_to, "photos", NULL);
  g_assert_true (g_file_test (aside_photos, G_FILE_TEST_IS_DIR));
  store = open_store (aside_db);
  found = dc_store_search_patients (store, "later", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  close_store (store);

  /* Nothing else is left beside them. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->data_dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 3);
  }
}

static void
test_clinic_open (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DcBackupInfo) info = back_up (fixture->db, fixture->backup);
  g_autoptr(DcRestoreResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DcStore *store = open_store (fixture->db);

  assert_refused (fixture, fixture->backup, DC_ERROR_BUSY, "open");
  close_store (store);

  /* And while a restore has the folder, the clinic cannot be opened. */
  {
    g_autoptr(DcStoreFolderLock) lock = dc_store_folder_lock (fixture->db, TRUE, &error);

    g_assert_no_error (error);
    store = dc_store_open (fixture->db, &error);
    g_assert_error (error, DC_ERROR, DC_ERROR_BUSY);
    g_assert_null (store);
    g_clear_error (&error);
  }

  result = dc_backup_restore (fixture->db, fixture->backup, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_backup_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *photo_dir = g_build_filename (fixture->data_dir, "photos", NULL);
  g_autoptr(DcStoreFileSummary) summary = dc_store_file_check (fixture->db, NULL, NULL);
  g_autofree char *original = dc_photo_library_find_original (photo_dir,
                                                              summary->photo_checksums[1]);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  /* A photo the records refer to, damaged in the library: no backup. */
  {
    g_autoptr(DcBackupInfo) info = NULL;
    g_autofree char *prefix = NULL;
    DcStore *store = open_store (fixture->db);

    g_assert_true (g_file_get_contents (original, &contents, &length, NULL));
    contents[length / 2] ^= 0x10;
    write_variant (original, contents, length);
    info = dc_backup_create (store, fixture->backup, NULL, NULL, &error);
    g_assert_error (error, DC_ERROR, DC_ERROR_CORRUPT);
    g_assert_null (info);
    g_clear_error (&error);

    /* Missing altogether. */
    g_assert_cmpint (g_unlink (original), ==, 0);
    info = dc_backup_create (store, fixture->backup, NULL, NULL, &error);
    g_assert_error (error, DC_ERROR, DC_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "missing"));
    prefix = g_strndup (summary->photo_checksums[1], 12);
    g_assert_nonnull (strstr (error->message, prefix));
    g_assert_null (info);
    g_clear_error (&error);
    close_store (store);
  }

  /* No half file, no temporary file, no snapshot left anywhere. */
  g_assert_false (g_file_test (fixture->backup, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    g_autoptr(GDir) data_dir = g_dir_open (fixture->data_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_cmpstr (name, ==, "clinic");
    while ((name = g_dir_read_name (data_dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "."));
  }
}

/* Automatic backups --------------------------------------------------------- */

static void
test_auto_due (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 10, 30, 0);
  gint64 seconds = g_date_time_to_unix (now);
  g_autofree char *name = dc_auto_backup_dup_name (now);

  g_assert_true (dc_auto_backup_is_due (0, now));
  g_assert_false (dc_auto_backup_is_due (seconds - 23 * 3600, now));
  g_assert_true (dc_auto_backup_is_due (seconds - 24 * 3600, now));
  /* The clock was set back. */
  g_assert_true (dc_auto_backup_is_due (seconds + 3600, now));

  g_assert_cmpstr (name, ==, "dermachart-auto-2026-11-25-103000.dcbackup");
  g_assert_true (dc_auto_backup_is_own_name (name));
  g_assert_false (dc_auto_backup_is_own_name ("dermachart-auto-2026-11-25.dcbackup"));
  g_assert_false (dc_auto_backup_is_own_name ("dermachart-2026-11-25.dcbackup"));
  g_assert_false (dc_auto_backup_is_own_name ("dermachart-auto-2026-11-25-10300x.dcbackup"));
}

/* Only the automatic backups' own files go, the oldest first. */
static void
test_auto_prune (void)
{
  static const char *const own[] = {
    "dermachart-auto-2026-11-21-090000.dcbackup",
    "dermachart-auto-2026-11-22-090000.dcbackup",
    "dermachart-auto-2026-11-23-090000.dcbackup",
    "dermachart-auto-2026-11-24-090000.dcbackup",
    "dermachart-auto-2026-11-25-090000.dcbackup",
  };
  static const char *const others[] = {
    "dermachart-2026-11-01.dcbackup",
    "dermachart-auto-2026-11-01-090000.dcbackup.keep",
    "dermachart-auto-notes.txt",
    "report.pdf",
  };
  g_autofree char *folder = g_dir_make_tmp ("dermachart-auto-XXXXXX", NULL);
  g_autofree char *dir_named = g_build_filename (folder,
                                                 "dermachart-auto-2026-11-01-090000.dcbackup",
                                                 NULL);
  g_autofree char *fresh_temp = g_build_filename (folder, ".dermachart-auto-2026-11-25-100000"
                                                  ".dcbackup.AbC123", NULL);
  g_autofree char *stale_temp = g_build_filename (folder, ".dermachart-auto-2026-11-20-100000"
                                                  ".dcbackup.XyZ789", NULL);
  g_autoptr(GError) error = NULL;
  guint n_removed;

  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    {
      g_autofree char *path = g_build_filename (folder, own[i], NULL);

      g_assert_true (g_file_set_contents (path, "backup", -1, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);

      g_assert_true (g_file_set_contents (path, "someone else's", -1, NULL));
    }
  g_assert_cmpint (g_mkdir (dir_named, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fresh_temp, "being written", -1, NULL));
  g_assert_true (g_file_set_contents (stale_temp, "left by a crash", -1, NULL));
  {
    struct utimbuf old = { 0, 0 };

    g_assert_cmpint (g_utime (stale_temp, &old), ==, 0);
  }

  dc_auto_backup_prune (folder, 2, &n_removed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    {
      g_autofree char *path = g_build_filename (folder, own[i], NULL);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, i >= 3);
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (dir_named, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (fresh_temp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_temp, G_FILE_TEST_EXISTS));

  rm_rf (folder);
}

/* The command line ---------------------------------------------------------- */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_free (result->out);
  g_free (result->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
run (Result             *result,
     const char  *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DERMACHART"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
assert_one_line_error (const Result *result,
                       int           status)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_true (g_str_has_prefix (result->err, "dermachart: "));
  g_assert_nonnull (strchr (result->err, '\n'));
  g_assert_cmpstr (strchr (result->err, '\n') + 1, ==, "");
  g_assert_cmpstr (result->out, ==, "");
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *fresh_db = g_build_filename (fixture->dir, "fresh", "clinic.db", NULL);
  g_autofree char *cut = g_build_filename (fixture->dir, "cut.dcbackup", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  gsize length;

  if (g_getenv ("DERMACHART") == NULL)
    {
      g_test_skip ("DERMACHART is not set");
      return;
    }

  {
    g_auto(Result) backup = { 0 };

    run (&backup, (const char *[]) { "backup", "--db", fixture->db, "-o", fixture->backup,
                                     NULL });
    g_assert_cmpint (backup.status, ==, 0);
    g_assert_nonnull (strstr (backup.out, "Backed up"));
    assert_mode (fixture->backup, 0600);
  }

  {
    g_auto(Result) restore = { 0 };

    run (&restore, (const char *[]) { "restore", "--db", fresh_db, fixture->backup, NULL });
    g_assert_cmpint (restore.status, ==, 0);
    g_assert_nonnull (strstr (restore.out, "Restored"));
    g_assert_null (strstr (restore.out, "moved"));
  }

  /* Over existing records: the line says where they went. */
  {
    g_auto(Result) restore = { 0 };
    g_autofree char *aside = NULL;

    run (&restore, (const char *[]) { "restore", "--db", fresh_db, fixture->backup, NULL });
    g_assert_cmpint (restore.status, ==, 0);
    aside = g_strdup (strstr (restore.out, "moved to ") + strlen ("moved to "));
    *strchr (aside, '\n') = '\0';
    g_assert_true (g_file_test (aside, G_FILE_TEST_IS_DIR));
  }

  /* Refused: the data stays as it was. */
  g_assert_true (g_file_get_contents (fixture->backup, &contents, &length, NULL));
  write_variant (cut, contents, length / 2);
  before = fingerprint (fixture->data_dir);
  {
    g_auto(Result) restore = { 0 };
    g_autofree char *after = NULL;

    run (&restore, (const char *[]) { "restore", "--db", fixture->db, cut, NULL });
    assert_one_line_error (&restore, 1);
    g_assert_nonnull (strstr (restore.err, "damaged"));
    after = fingerprint (fixture->data_dir);
    assert_same_files (before, after);
  }

  /* The clinic open in another program. */
  {
    g_auto(Result) restore = { 0 };
    DcStore *store = open_store (fixture->db);

    run (&restore, (const char *[]) { "restore", "--db", fixture->db, fixture->backup, NULL });
    assert_one_line_error (&restore, 1);
    close_store (store);
  }

  /* Usage. */
  {
    g_auto(Result) no_output = { 0 };
    g_auto(Result) no_file = { 0 };
    g_auto(Result) missing = { 0 };

    run (&no_output, (const char *[]) { "backup", "--db", fixture->db, NULL });
    g_assert_cmpint (no_output.status, ==, 2);
    run (&no_file, (const char *[]) { "restore", "--db", fixture->db, NULL });
    g_assert_cmpint (no_file.status, ==, 2);
    run (&missing, (const char *[]) { "restore", "--db", fixture->db, "/nonexistent.dcbackup",
                                      NULL });
    assert_one_line_error (&missing, 1);
  }
}

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  DcStore *store;

  template_dir = g_dir_make_tmp ("dermachart-backup-template-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (template_dir, "dermachart.db", NULL);
  store = open_store (db);
  dc_demo_fill_full (store, NULL, NULL, &error);
  g_assert_no_error (error);
  close_store (store);
}

/* A backup whose audit trail was edited is refused like any damage: the
 * restore checks the chain (dc_store_verify()) before it replaces
 * anything. */
static void
test_tampered_audit (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *fresh_db = g_build_filename (fixture->dir, "fresh", "dermachart.db", NULL);
  g_autoptr(DcBackupInfo) info = NULL;
  g_autoptr(DcRestoreResult) result = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_update;"
                                     "UPDATE audit SET actor = 'Someone Else' WHERE id = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  info = back_up (fixture->db, fixture->backup);
  result = dc_backup_restore (fresh_db, fixture->backup, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, DC_ERROR, DC_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "Audit row 3"));
  g_assert_false (g_file_test (fresh_db, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  make_template ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/backup/round-trip", test_round_trip);
  ADD ("/backup/truncated", test_truncated);
  ADD ("/backup/flipped-byte", test_flipped_byte);
  ADD ("/backup/unsafe-names", test_unsafe_names);
  ADD ("/backup/manifest-mismatch", test_manifest_mismatch);
  ADD ("/backup/newer", test_newer);
  ADD ("/backup/older-schema", test_older_schema);
  ADD ("/backup/over-existing", test_over_existing);
  ADD ("/backup/clinic-open", test_clinic_open);
  ADD ("/backup/backup-refused", test_backup_refused);
  ADD ("/backup/cli", test_cli);
  ADD ("/backup/tampered-audit", test_tampered_audit);
#undef ADD
  g_test_add_func ("/backup/auto/due", test_auto_due);
  g_test_add_func ("/backup/auto/prune", test_auto_prune);

  status = g_test_run ();
  rm_rf (template_dir);
  g_free (template_dir);
  return status;
}
