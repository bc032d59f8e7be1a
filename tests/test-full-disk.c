/* test-full-disk.c: a full disk, in the store and through the command
 * line. Each refused change has a clear message, a CLI exits non-zero, no
 * partial or temporary file is left, and everything stored before is
 * exactly as it was (its export, its photo library, its audit trail).
 *
 * The disk is made full three ways:
 * - in this process, an SQLite VFS that wraps the real one and answers
 *   SQLITE_FULL, as the real one does on ENOSPC, to any write that would
 *   grow a file past the room left; swept over the room, so the disk fills
 *   at every write a save makes;
 * - for the command line, RLIMIT_FSIZE in the child (SIGXFSZ ignored): a
 *   write across the limit is cut short, which SQLite reports as
 *   SQLITE_FULL, and the next one fails with EFBIG; this works anywhere;
 * - where a mount namespace can be had (root, or unprivileged user
 *   namespaces), a real tmpfs filled to a few kilobytes of room: the
 *   kernel's own ENOSPC. Skipped elsewhere. */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "dc-demo.h"
#include "dc-full-disk-vfs.h"
#include "dc-photo-importer.h"
#include "dc-photo-library.h"
#include "dc-record-json.h"
#include "dc-test-util.h"

#define FULL_MESSAGE "The disk is full; nothing was saved. Free some space and try again."

/* What is stored -------------------------------------------------------------- */

static DcStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  DcStore *store = dc_store_open (path, &error);

  g_assert_no_error (error);
  dc_store_set_actor (store, "test-full-disk");
  return store;
}

static void
close_store (DcStore *store)
{
  g_assert_finalize_object (store);
}

static void
check_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
list_library (const char *top,
              const char *dir,
              GString    *out)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_library (top, path, out);
      else
        {
          g_autofree char *contents = NULL;
          g_autofree char *sha256 = NULL;
          gsize length;

          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) contents, length);
          g_string_append_printf (out, "%s %s\n", path + strlen (top), sha256);
        }
    }
}

/* Everything the clinic has: every patient's record as exported, the
 * audit trail's length, the photo library's files and their checksums. */
static char *
snapshot (const char *path)
{
  DcStore *store = open_store (path);
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  patients = dc_store_search_patients (store, NULL, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(DcPatient) patient = g_list_model_get_item (patients, i);
      g_autofree char *json = dc_record_json_export_patient (store,
                                                             dc_record_get_id (DC_RECORD (patient)),
                                                             &error);

      g_assert_no_error (error);
      g_string_append (out, json);
    }
  audit = dc_store_list_audit (store, NULL, &error);
  g_assert_no_error (error);
  g_string_append_printf (out, "\naudit: %u\n", g_list_model_get_n_items (audit));
  list_library (dc_store_get_photo_dir (store), dc_store_get_photo_dir (store), out);

  close_store (store);
  check_integrity (path);
  return g_string_free (out, FALSE);
}

/* A patient of another demo clinic (so new here) with notes long enough
 * that saving them needs far more room than a few pages. */
static char *
make_big_record (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "other", "dermachart.db", NULL);
  DcStore *other = open_store (path);
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *notes = g_strnfill (300 * 1024, 'n');

  g_assert_true (dc_demo_fill (other, NULL, NULL, &error));
  patients = dc_store_search_patients (other, NULL, FALSE, &error);
  patient = g_list_model_get_item (patients, 0);
  json = dc_record_json_export_patient (other, dc_record_get_id (DC_RECORD (patient)), &error);
  g_assert_no_error (error);
  close_store (other);

  root = json_from_string (json, &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (root),
                                                                "patient"),
                                 "notes", notes);
  return json_to_string (root, FALSE);
}

/* The store ------------------------------------------------------------------- */

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DcStore *store;

  fixture->dir = g_dir_make_tmp ("dermachart-full-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "clinic", "dermachart.db", NULL);
  store = open_store (fixture->db);
  g_assert_true (dc_demo_fill (store, NULL, NULL, &error));
  g_assert_no_error (error);
  close_store (store);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  dc_full_disk_vfs_set_room (-1);
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* An import that fills the disk at every point it can: whatever the room,
 * it is all or nothing, and says why. */
static void
test_store_import (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture->db);
  g_autofree char *record = make_big_record (fixture->dir);
  g_autofree char *after = NULL;
  guint n_refused = 0;
  gint64 room;

  dc_full_disk_vfs_install ();

  /* Opened afresh each time, so the write-ahead log starts empty and the
   * import's pages need new room. */
  for (room = 0;; room = room < 8192 ? room + 1021 : room * 3 / 2)
    {
      DcStore *store = open_store (fixture->db);
      g_autoptr(DcPatient) patient = NULL;
      g_autoptr(GError) error = NULL;

      dc_full_disk_vfs_set_room (room);
      patient = dc_record_json_import (store, record, -1, &error);
      dc_full_disk_vfs_set_room (-1);
      close_store (store);

      if (patient != NULL)
        break;
      g_assert_error (error, DC_ERROR, DC_ERROR_NO_SPACE);
      g_assert_cmpstr (error->message, ==, FULL_MESSAGE);
      n_refused++;

      g_clear_pointer (&after, g_free);
      after = snapshot (fixture->db);
      g_assert_cmpstr (after, ==, before);
    }

  g_test_message ("refused with %u sizes of room; imported with %" G_GINT64_FORMAT " bytes",
                  n_refused, room);
  g_assert_cmpuint (n_refused, >, 5);
  g_assert_cmpint (room, >, 300 * 1024);
  check_integrity (fixture->db);
}

/* A simple save, and creating a database, on a disk with no room. */
static void
test_store_save (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture->db);
  g_autofree char *after = NULL;
  g_autofree char *new_path = g_build_filename (fixture->dir, "new", "dermachart.db", NULL);
  g_autoptr(DcPatient) patient = make_patient ("Voll", "Disk", "1970-01-01");
  g_autoptr(GError) error = NULL;
  DcStore *store;

  dc_full_disk_vfs_install ();

  store = open_store (fixture->db);
  dc_full_disk_vfs_set_room (0);
  g_assert_false (dc_store_save (store, DC_RECORD (patient), &error));
  dc_full_disk_vfs_set_room (-1);
  g_assert_error (error, DC_ERROR, DC_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, FULL_MESSAGE);
  g_clear_error (&error);

  /* Once there is room again, the same store saves. */
  g_assert_true (dc_store_save (store, DC_RECORD (patient), &error));
  g_assert_no_error (error);
  close_store (store);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, !=, before);

  dc_full_disk_vfs_set_room (0);
  g_assert_null (dc_store_open (new_path, &error));
  dc_full_disk_vfs_set_room (-1);
  g_assert_error (error, DC_ERROR, DC_ERROR_NO_SPACE);
  g_assert_true (g_str_has_suffix (error->message, FULL_MESSAGE));
  g_assert_nonnull (strstr (error->message, new_path));
  g_clear_error (&error);

  /* The empty file left is a database without a schema yet: it opens. */
  store = open_store (new_path);
  close_store (store);
  check_integrity (new_path);
}

/* The command line ------------------------------------------------------------- */

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
limit_file_size_cb (gpointer data)
{
  rlim_t limit = GPOINTER_TO_SIZE (data);
  struct rlimit rlimit = { limit, limit };

  /* Ignored, the signal stays ignored across exec: writes fail instead. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &rlimit);
}

/* Runs dermachart with no file growing past @file_limit bytes (0: no
 * limit) and, unless @disk_room is -1, with the full-disk VFS preloaded
 * and that much room on it. */
static void
run_cli (Result      *result,
         gsize        file_limit,
         gint64       disk_room,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DERMACHART"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (disk_room >= 0)
    {
      g_autofree char *room = g_strdup_printf ("%" G_GINT64_FORMAT, disk_room);
      g_autofree char *asan = g_strconcat (g_environ_getenv (envp, "ASAN_OPTIONS") ?: "",
                                           ":verify_asan_link_order=0", NULL);

      g_assert_nonnull (g_getenv ("DC_FULL_DISK_PRELOAD"));
      envp = g_environ_setenv (envp, "LD_PRELOAD", g_getenv ("DC_FULL_DISK_PRELOAD"), TRUE);
      envp = g_environ_setenv (envp, "DC_TEST_DISK_ROOM", room, TRUE);
      /* A preloaded library comes before AddressSanitizer's runtime. */
      envp = g_environ_setenv (envp, "ASAN_OPTIONS", asan, TRUE);
    }

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                file_limit > 0 ? limit_file_size_cb : NULL, GSIZE_TO_POINTER (file_limit),
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
assert_one_line_error (const Result *result,
                       const char   *part)
{
  g_test_message ("stderr: %s", result->err);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_true (g_str_has_prefix (result->err, "dermachart: "));
  g_assert_cmpuint (strlen (result->err), >, 0);
  g_assert_true (strchr (result->err, '\n') == result->err + strlen (result->err) - 1);
  g_assert_nonnull (strstr (result->err, part));
}

/* A noisy photo compresses badly: about 400 kB as a JPEG. */
static char *
write_photo (const char *dir,
             const char *name,
             int         size)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, size, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  char *path = g_build_filename (dir, name, NULL);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size * 3; x++)
      pixels[y * gdk_pixbuf_get_rowstride (pixbuf) + x] = g_rand_int_range (rand, 0, 256);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL));
  g_assert_no_error (error);
  return path;
}

/* A patient with a draft session and one photo already in the library,
 * for the failed import to leave alone. Returns the session's id. */
static char *
add_photo_session (Fixture *fixture)
{
  DcStore *store = open_store (fixture->db);
  g_autoptr(DcPatient) patient = make_patient ("Fotografie", "Paula", "1990-02-03");
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(DcPhotoImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = write_photo (fixture->dir, "IMG_0001.jpg", 64);
  const char *paths[] = { first, NULL };
  char *id;

  dc_patient_set_consent (patient, DC_CONSENT_CLINICAL);
  g_assert_true (dc_store_save (store, DC_RECORD (patient), &error));
  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (session, "2026-11-20T09:30:00Z");
  g_assert_true (dc_store_save (store, DC_RECORD (session), &error));
  importer = dc_photo_importer_new (store, dc_record_get_id (DC_RECORD (session)));
  results = dc_photo_importer_import (importer, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dc_photo_import_result_get_status (g_ptr_array_index (results, 0)), ==,
                   DC_PHOTO_IMPORT_IMPORTED);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (session)));
  g_clear_object (&importer);
  close_store (store);
  return id;
}

/* No temporary file of the library's or of SQLite's journal is left. */
static void
assert_no_leftovers (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_false (g_str_has_prefix (name, ".import-"));
      g_assert_false (g_str_has_suffix (name, "-journal"));
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        assert_no_leftovers (path);
    }
}

/* Well under the 32 kB of the WAL index (-shm), which SQLite must create
 * to open the database at all, plus room for a few pages; not aligned to
 * a page, so the write that crosses it is cut short. */
#define FILE_SIZE_LIMIT (40 * 1024 + 123)

static void
test_cli_import (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture->db);
  g_autofree char *record = make_big_record (fixture->dir);
  g_autofree char *record_path = g_build_filename (fixture->dir, "big-record.json", NULL);
  g_autofree char *after = NULL;
  g_auto(Result) full = { 0 };
  g_auto(Result) room = { 0 };

  g_assert_true (g_file_set_contents (record_path, record, -1, NULL));

  run_cli (&full, 0, 0, "import", "--db", fixture->db, record_path, NULL);
  assert_one_line_error (&full, FULL_MESSAGE);
  g_assert_nonnull (strstr (full.err, "was not imported"));
  assert_no_leftovers (fixture->dir);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);

  /* With room, the same file imports. */
  run_cli (&room, 0, -1, "import", "--db", fixture->db, record_path, NULL);
  g_assert_cmpint (room.status, ==, 0);
}

static void
test_cli_import_photos (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *session_id = add_photo_session (fixture);
  g_autofree char *before = snapshot (fixture->db);
  g_autofree char *photo = write_photo (fixture->dir, "IMG_0002.jpg", 600);
  g_autofree char *after = NULL;
  g_auto(Result) full = { 0 };

  run_cli (&full, FILE_SIZE_LIMIT, -1, "import-photos", "--db", fixture->db,
           "--session", session_id, photo, NULL);
  assert_one_line_error (&full, "IMG_0002.jpg: cannot be copied into the photo library: "
                         "the system does not allow a file this large there");
  assert_no_leftovers (fixture->dir);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

/* The library has room, the database has none: the photo's files, written
 * already, go again when its record cannot be saved. */
static void
test_cli_import_photos_db_full (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *session_id = add_photo_session (fixture);
  g_autofree char *before = snapshot (fixture->db);
  g_autofree char *photo = write_photo (fixture->dir, "IMG_0002.jpg", 600);
  g_autofree char *after = NULL;
  g_auto(Result) full = { 0 };

  run_cli (&full, 0, 0, "import-photos", "--db", fixture->db, "--session", session_id, photo,
           NULL);
  assert_one_line_error (&full, "IMG_0002.jpg: " FULL_MESSAGE);
  assert_no_leftovers (fixture->dir);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

/* A real full disk ------------------------------------------------------------ */

/* Mounts a small tmpfs at $1 in a mount namespace of its own, copies $2
 * there, fills it to $4 bytes of room, runs the rest of the arguments and
 * copies what is left to $3. */
static const char tmpfs_script[] =
  "set -e\n"
  "mnt=$1 src=$2 out=$3 room=$4; shift 4\n"
  "mount -t tmpfs -o size=16m,mode=0700 dermachart-full-disk \"$mnt\"\n"
  "cp -a \"$src/.\" \"$mnt/\"\n"
  "avail=$(( $(stat -f -c '%a * %S' \"$mnt\") ))\n"
  "head -c $((avail - room)) /dev/zero > \"$mnt/filler\"\n"
  "set +e\n"
  "\"$@\" > \"$out/stdout\" 2> \"$out/stderr\"\n"
  "echo $? > \"$out/status\"\n"
  "set -e\n"
  "rm \"$mnt/filler\"\n"
  "mkdir \"$out/after\"\n"
  "cp -a \"$mnt/.\" \"$out/after/\"\n";

/* Runs dermachart on a copy of @dir on a nearly full tmpfs. Returns FALSE
 * if no mount namespace could be had here. */
static gboolean
run_on_full_tmpfs (Fixture     *fixture,
                   Result      *result,
                   char       **after_dir,
                   const char  *verb,
                   ...)
{
  static const char *const unshare[][4] = {
    { "unshare", "--mount", NULL },
    { "unshare", "--user", "--map-root-user", "--mount" },
  };
  g_autofree char *mnt = g_build_filename (fixture->dir, "mnt", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *src = g_build_filename (fixture->dir, "clinic", NULL);
  g_autofree char *status = NULL;

  g_assert_cmpint (g_mkdir_with_parents (mnt, 0700), ==, 0);

  for (guint u = 0; u < G_N_ELEMENTS (unshare); u++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      int wait_status;
      va_list args;

      rm_rf (out);
      g_assert_cmpint (g_mkdir (out, 0700), ==, 0);

      for (guint i = 0; i < 4 && unshare[u][i] != NULL; i++)
        g_ptr_array_add (argv, g_strdup (unshare[u][i]));
      g_ptr_array_add (argv, g_strdup ("sh"));
      g_ptr_array_add (argv, g_strdup ("-c"));
      g_ptr_array_add (argv, g_strdup (tmpfs_script));
      g_ptr_array_add (argv, g_strdup ("sh"));
      g_ptr_array_add (argv, g_strdup (mnt));
      g_ptr_array_add (argv, g_strdup (src));
      g_ptr_array_add (argv, g_strdup (out));
      /* The WAL index (32 kB) and a few pages, not a 400 kB photo. */
      g_ptr_array_add (argv, g_strdup ("49152"));
      g_ptr_array_add (argv, g_strdup (g_getenv ("DERMACHART")));
      g_ptr_array_add (argv, g_strdup (verb));
      g_ptr_array_add (argv, g_strdup ("--db"));
      g_ptr_array_add (argv, g_strjoin ("/", mnt, "dermachart.db", NULL));
      va_start (args, verb);
      for (const char *arg = va_arg (args, const char *); arg != NULL;
           arg = va_arg (args, const char *))
        g_ptr_array_add (argv, g_strdup (arg));
      va_end (args);
      g_ptr_array_add (argv, NULL);

      g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                    &err, &wait_status, &error);
      if (error == NULL && WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0)
        break;
      g_test_message ("%s: %s", unshare[u][1], error != NULL ? error->message : err);
      if (u == G_N_ELEMENTS (unshare) - 1)
        return FALSE;
    }

  {
    g_autofree char *status_path = g_build_filename (out, "status", NULL);
    g_autofree char *out_path = g_build_filename (out, "stdout", NULL);
    g_autofree char *err_path = g_build_filename (out, "stderr", NULL);

    g_assert_true (g_file_get_contents (status_path, &status, NULL, NULL));
    result->status = atoi (status);
    g_assert_true (g_file_get_contents (out_path, &result->out, NULL, NULL));
    g_assert_true (g_file_get_contents (err_path, &result->err, NULL, NULL));
  }
  *after_dir = g_build_filename (out, "after", NULL);
  return TRUE;
}

static void
test_tmpfs (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *record = make_big_record (fixture->dir);
  g_autofree char *record_path = g_build_filename (fixture->dir, "big-record.json", NULL);
  g_autofree char *session_id = add_photo_session (fixture);
  g_autofree char *photo = write_photo (fixture->dir, "IMG_0002.jpg", 600);
  g_autofree char *before = snapshot (fixture->db);
  g_autofree char *after_dir = NULL;
  g_autofree char *after_db = NULL;
  g_autofree char *after = NULL;
  g_auto(Result) import = { 0 };
  g_auto(Result) photos = { 0 };

  g_assert_true (g_file_set_contents (record_path, record, -1, NULL));

  if (!run_on_full_tmpfs (fixture, &import, &after_dir, "import", record_path, NULL))
    {
      g_test_skip ("No mount namespace for a tmpfs here");
      return;
    }
  assert_one_line_error (&import, FULL_MESSAGE);
  assert_no_leftovers (after_dir);
  after_db = g_build_filename (after_dir, "dermachart.db", NULL);
  after = snapshot (after_db);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after_dir, g_free);
  g_clear_pointer (&after_db, g_free);
  g_clear_pointer (&after, g_free);

  g_assert_true (run_on_full_tmpfs (fixture, &photos, &after_dir, "import-photos",
                                    "--session", session_id, photo, NULL));
  assert_one_line_error (&photos,
                         "IMG_0002.jpg: cannot be copied into the photo library: "
                         "the disk is full");
  assert_no_leftovers (after_dir);
  after_db = g_build_filename (after_dir, "dermachart.db", NULL);
  after = snapshot (after_db);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/full-disk/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("store/save", test_store_save);
  ADD ("store/import", test_store_import);
  ADD ("cli/import", test_cli_import);
  ADD ("cli/import-photos", test_cli_import_photos);
  ADD ("cli/import-photos-db-full", test_cli_import_photos_db_full);
  ADD ("tmpfs", test_tmpfs);
#undef ADD

  return g_test_run ();
}
