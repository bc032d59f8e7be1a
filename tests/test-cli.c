/* test-cli.c: the headless command line, run as a user would run it. */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "dc-photo-library.h"
#include "dc-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

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

/* Runs dermachart with the given arguments (NULL-terminated). */
static void
run (Result *result,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DERMACHART"));
  va_start (args, result);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* An error is one line on stderr, prefixed with the program's name. */
static void
assert_one_line_error (const Result *result,
                       int           status)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_true (g_str_has_prefix (result->err, "dermachart: "));
  g_assert_cmpuint (count_lines (result->err), ==, 1);
  g_assert_cmpstr (result->out, ==, "");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("dermachart-cli-XXXXXX", NULL);
  fixture->db = g_build_filename (fixture->dir, "clinic.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static char *
first_field_of_line (const char *text,
                     const char *containing)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], containing) != NULL)
      return g_strndup (lines[i], strcspn (lines[i], "\t"));
  g_assert_not_reached ();
}

static void
test_demo_lists (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Result) demo = { 0 };
  g_auto(Result) again = { 0 };
  g_auto(Result) patients = { 0 };
  g_auto(Result) search = { 0 };
  g_auto(Result) sessions = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *patient_id = NULL;

  run (&demo, "demo", "--db", fixture->db, NULL);
  g_assert_cmpint (demo.status, ==, 0);

  /* A database with patients is never filled with invented ones. */
  run (&again, "demo", "--db", fixture->db, NULL);
  assert_one_line_error (&again, 1);
  g_assert_nonnull (strstr (again.err, "empty"));

  run (&patients, "patients", "--db", fixture->db, NULL);
  g_assert_cmpint (patients.status, ==, 0);
  g_assert_cmpuint (count_lines (patients.out), >=, 3);
  lines = g_strsplit (patients.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_true (dc_date_is_valid (fields[3]));
    }

  run (&search, "patients", "--db", fixture->db, "--search", "lefevre", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_cmpuint (count_lines (search.out), ==, 1);
  g_assert_nonnull (strstr (search.out, "Lefèvre\tÉlodie"));

  patient_id = first_field_of_line (patients.out, "Weber");
  run (&sessions, "sessions", "--db", fixture->db, "--patient", patient_id, NULL);
  g_assert_cmpint (sessions.status, ==, 0);
  g_strfreev (lines);
  lines = g_strsplit (sessions.out, "\n", -1);
  g_assert_cmpuint (count_lines (sessions.out), ==, 4);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      /* The latest is still open; those before are signed. */
      g_assert_cmpstr (fields[2], ==, i == 0 ? "draft" : "signed");
      g_assert_cmpint (atoi (fields[3]), >, 0);
      /* Newest first. */
      if (i > 0)
        {
          g_auto(GStrv) previous = g_strsplit (lines[i - 1], "\t", -1);

          g_assert_cmpstr (previous[1], >, fields[1]);
        }
    }
}

/* The large clinic for benchmarks, at a size a test can afford: records the
 * program could have written, the busy patient's long record first. */
static void
test_demo_large (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Result) demo = { 0 };
  g_auto(Result) again = { 0 };
  g_auto(Result) patients = { 0 };
  g_auto(Result) sessions = { 0 };
  g_auto(Result) verify = { 0 };
  g_auto(Result) bad = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *patient_id = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  run (&bad, "demo", "--large", "--patients", "0", "--db", fixture->db, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));

  run (&demo, "demo", "--large", "--patients", "3", "--db", fixture->db, NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_nonnull (strstr (demo.out, "3 patients"));

  run (&again, "demo", "--large", "--patients", "3", "--db", fixture->db, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "empty"));

  run (&patients, "patients", "--db", fixture->db, NULL);
  g_assert_cmpint (patients.status, ==, 0);
  g_assert_cmpuint (count_lines (patients.out), ==, 3);

  patient_id = first_field_of_line (patients.out, "Amberg\tLiselotte");
  run (&sessions, "sessions", "--db", fixture->db, "--patient", patient_id, NULL);
  g_assert_cmpint (sessions.status, ==, 0);
  g_assert_cmpuint (count_lines (sessions.out), ==, 50);
  lines = g_strsplit (sessions.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      /* Newest first: only the latest is still a draft. Ten zones each. */
      g_assert_cmpstr (fields[2], ==, i == 0 ? "draft" : "signed");
      g_assert_cmpstr (fields[3], ==, "10");
      if (i > 0)
        {
          g_auto(GStrv) previous = g_strsplit (lines[i - 1], "\t", -1);
          g_autoptr(GDateTime) newer = NULL;
          g_autoptr(GDateTime) older = NULL;
          g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
          g_autofree char *newer_iso = g_strdup_printf ("%.10sT00:00:00", previous[1]);
          g_autofree char *older_iso = g_strdup_printf ("%.10sT00:00:00", fields[1]);
          GTimeSpan gap;

          newer = g_date_time_new_from_iso8601 (newer_iso, tz);
          older = g_date_time_new_from_iso8601 (older_iso, tz);
          gap = g_date_time_difference (newer, older) / G_TIME_SPAN_DAY;
          /* Four to eight weeks apart: no interval warning to acknowledge. */
          g_assert_cmpint (gap, >=, 27);
          g_assert_cmpint (gap, <=, 57);
        }
    }

  g_assert_cmpint (sqlite3_open_v2 (fixture->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count(*) FROM photo JOIN session"
                                       " ON session.id = photo.session_id"
                                       " WHERE session.patient_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (patient_id, NULL, 10));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 200);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  run (&verify, "verify", "--db", fixture->db, NULL);
  g_assert_cmpint (verify.status, ==, 0);
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *other_db = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *first = g_build_filename (fixture->dir, "first.json", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second.json", NULL);
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *imported_id = NULL;
  g_auto(Result) demo = { 0 };
  g_auto(Result) patients = { 0 };
  g_auto(Result) export1 = { 0 };
  g_auto(Result) import = { 0 };
  g_auto(Result) export2 = { 0 };
  GStatBuf st;

  run (&demo, "demo", "--db", fixture->db, NULL);
  g_assert_cmpint (demo.status, ==, 0);
  run (&patients, "patients", "--db", fixture->db, "--search", "navarro", NULL);
  patient_id = first_field_of_line (patients.out, "Navarro");

  run (&export1, "export", "--db", fixture->db, "--patient", patient_id, "-o", first, NULL);
  g_assert_cmpint (export1.status, ==, 0);
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  run (&import, "import", "--db", other_db, first, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "Navarro Gil\tLucía"));
  imported_id = g_strndup (import.out, strcspn (import.out, "\t"));

  run (&export2, "export", "--db", other_db, "--patient", imported_id, "-o", second, NULL);
  g_assert_cmpint (export2.status, ==, 0);

  g_assert_true (g_file_get_contents (first, &first_text, NULL, NULL));
  g_assert_true (g_file_get_contents (second, &second_text, NULL, NULL));
  g_assert_cmpstr (first_text, ==, second_text);
}

static void
test_import_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *bad_json = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autofree char *bad_field = g_build_filename (fixture->dir, "fitzpatrick.json", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "good.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *patient_id = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *bad_text = NULL;
  g_auto(Result) demo = { 0 };
  g_auto(Result) patients = { 0 };
  g_auto(Result) export = { 0 };
  g_auto(Result) malformed = { 0 };
  g_auto(Result) invalid = { 0 };
  g_auto(Result) after = { 0 };

  run (&demo, "demo", "--db", fixture->db, NULL);
  run (&patients, "patients", "--db", fixture->db, NULL);
  patient_id = first_field_of_line (patients.out, "Haddad");
  run (&export, "export", "--db", fixture->db, "--patient", patient_id, "-o", good, NULL);
  g_assert_cmpint (export.status, ==, 0);

  /* Into the same database: the file is refused before the duplicate
   * check because it is broken, so the database stays as it was. */
  g_assert_true (g_file_set_contents (bad_json, "{ \"format\": \"dermachart-record\", ", -1, NULL));
  run (&malformed, "import", "--db", fixture->db, bad_json, NULL);
  assert_one_line_error (&malformed, 1);
  g_assert_nonnull (strstr (malformed.err, "not valid JSON"));

  g_assert_true (g_file_get_contents (good, &text, NULL, NULL));
  parts = g_strsplit (text, "\"fitzpatrick\" : 5", 2);
  bad_text = g_strjoin ("\"fitzpatrick\" : 9", parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (bad_field, bad_text, -1, NULL));
  {
    g_autofree char *fresh_db = g_build_filename (fixture->dir, "fresh.db", NULL);
    g_auto(Result) fresh = { 0 };

    run (&invalid, "import", "--db", fresh_db, bad_field, NULL);
    assert_one_line_error (&invalid, 1);
    g_assert_nonnull (strstr (invalid.err, "fitzpatrick"));
    run (&fresh, "patients", "--db", fresh_db, NULL);
    g_assert_cmpint (fresh.status, ==, 0);
    g_assert_cmpstr (fresh.out, ==, "");
  }

  run (&after, "patients", "--db", fixture->db, NULL);
  g_assert_cmpstr (after.out, ==, patients.out);
}

/* The zone rules hold for imports too: a depth the device cannot reach is
 * refused, naming the zone and the limit. */
static void
test_import_zone_rules (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *good = g_build_filename (fixture->dir, "good.json", NULL);
  g_autofree char *deep = g_build_filename (fixture->dir, "deep.json", NULL);
  g_autofree char *fresh_db = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autofree char *text = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *bad_text = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(Result) demo = { 0 };
  g_auto(Result) patients = { 0 };
  g_auto(Result) export = { 0 };
  g_auto(Result) refused = { 0 };
  g_auto(Result) after = { 0 };

  run (&demo, "demo", "--db", fixture->db, NULL);
  run (&patients, "patients", "--db", fixture->db, NULL);
  patient_id = first_field_of_line (patients.out, "Haddad");
  run (&export, "export", "--db", fixture->db, "--patient", patient_id, "-o", good, NULL);
  g_assert_cmpint (export.status, ==, 0);

  /* The SkinPen Precision stops at 2.5 mm. */
  g_assert_true (g_file_get_contents (good, &text, NULL, NULL));
  parts = g_strsplit (text, "\"depth-mm\" : 1.25", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  bad_text = g_strjoin ("\"depth-mm\" : 3.0", parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (deep, bad_text, -1, NULL));

  run (&refused, "import", "--db", fresh_db, deep, NULL);
  assert_one_line_error (&refused, 1);
  g_assert_nonnull (strstr (refused.err, "cheek"));
  g_assert_nonnull (strstr (refused.err, "SkinPen Precision"));
  g_assert_nonnull (strstr (refused.err, "2.5 mm"));

  run (&after, "patients", "--db", fresh_db, NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_cmpstr (after.out, ==, "");
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *corrupt = g_build_filename (fixture->dir, "corrupt.db", NULL);
  g_auto(Result) unknown = { 0 };
  g_auto(Result) no_patient = { 0 };
  g_auto(Result) missing = { 0 };
  g_auto(Result) damaged = { 0 };
  g_auto(Result) help = { 0 };

  run (&unknown, "frobnicate", "--db", fixture->db, NULL);
  assert_one_line_error (&unknown, 2);

  run (&no_patient, "sessions", "--db", fixture->db, NULL);
  g_assert_cmpint (no_patient.status, ==, 2);

  run (&missing, "sessions", "--db", fixture->db, "--patient", "4242", NULL);
  assert_one_line_error (&missing, 1);

  g_assert_true (g_file_set_contents (corrupt, "this is not a database, it is a note", -1, NULL));
  run (&damaged, "patients", "--db", corrupt, NULL);
  assert_one_line_error (&damaged, 1);
  g_assert_nonnull (strstr (damaged.err, "damaged"));

  run (&help, "help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "export"));
}

/* A patient with a draft and a signed session, made through the store. */
static void
make_sessions (Fixture *fixture,
               gint64  *draft_id,
               char   **draft_uuid,
               gint64  *signed_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcStore) store = dc_store_open (fixture->db, &error);
  g_autoptr(DcPatient) patient = make_patient ("Fotografie", "Paula", "1990-02-03");
  g_autoptr(DcPractitioner) practitioner = dc_practitioner_new ();
  g_autoptr(DcSession) draft = dc_session_new ();
  g_autoptr(DcSession) signed_session = dc_session_new ();

  g_assert_no_error (error);
  dc_patient_set_consent (patient, DC_CONSENT_CLINICAL);
  dc_practitioner_set_name (practitioner, "Dr. Test");
  g_assert_true (dc_store_save (store, DC_RECORD (patient), NULL));
  g_assert_true (dc_store_save (store, DC_RECORD (practitioner), NULL));

  dc_session_set_patient_id (draft, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (draft, "2026-11-20T09:30:00Z");
  g_assert_true (dc_store_save (store, DC_RECORD (draft), NULL));

  dc_session_set_patient_id (signed_session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (signed_session, "2026-10-20T09:30:00Z");
  dc_session_set_status (signed_session, DC_SESSION_SIGNED);
  dc_session_set_signed_by (signed_session, dc_record_get_id (DC_RECORD (practitioner)));
  dc_session_set_signed_at (signed_session, "2026-10-20T11:00:00Z");
  g_assert_true (dc_store_save (store, DC_RECORD (signed_session), NULL));

  *draft_id = dc_record_get_id (DC_RECORD (draft));
  *draft_uuid = g_strdup (dc_record_get_uuid (DC_RECORD (draft)));
  *signed_id = dc_record_get_id (DC_RECORD (signed_session));
}

static char *
write_photo (Fixture    *fixture,
             const char *name,
             guint32     colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, colour);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static GListModel *
list_photos (Fixture *fixture,
             gint64   session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcStore) store = dc_store_open (fixture->db, &error);
  GListModel *photos;

  g_assert_no_error (error);
  photos = dc_store_list (store, DC_TYPE_PHOTO, session_id, &error);
  g_assert_no_error (error);
  return photos;
}

/* Good and bad files: the good ones are imported, one line per file, and
 * the exit status says that something was refused. */
static void
test_import_photos (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *good = write_photo (fixture, "IMG_0001.jpg", 0xc04040ff);
  g_autofree char *other = write_photo (fixture, "IMG_0002.jpg", 0x4040c0ff);
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.jpg", NULL);
  g_autofree char *draft_uuid = NULL;
  g_autofree char *draft_text = NULL;
  g_autofree char *signed_text = NULL;
  g_autoptr(GListModel) photos = NULL;
  g_auto(Result) mixed = { 0 };
  g_auto(Result) again = { 0 };
  g_auto(Result) with_options = { 0 };
  g_auto(Result) locked = { 0 };
  g_auto(Result) help = { 0 };
  gint64 draft_id, signed_id;

  make_sessions (fixture, &draft_id, &draft_uuid, &signed_id);
  draft_text = g_strdup_printf ("%" G_GINT64_FORMAT, draft_id);
  signed_text = g_strdup_printf ("%" G_GINT64_FORMAT, signed_id);
  g_assert_true (g_file_set_contents (notes, "Not a photo at all.\n", -1, NULL));

  run (&mixed, "import-photos", "--db", fixture->db, "--session", draft_text, good, notes, NULL);
  g_assert_cmpint (mixed.status, ==, 1);
  g_assert_cmpuint (count_lines (mixed.out) + count_lines (mixed.err), ==, 2);
  g_assert_true (g_str_has_prefix (mixed.out, good));
  g_assert_nonnull (strstr (mixed.out, ": imported as photo "));
  g_assert_nonnull (strstr (mixed.out, "(frontal, before)"));
  g_assert_cmpstr (mixed.err, ==, "dermachart: refused: notes.jpg: this is not a photo "
                   "Dermachart can read (JPEG, PNG, WebP or HEIC)\n");

  /* By UUID; the good file again is no error, the new one is imported. */
  run (&again, "import-photos", "--db", fixture->db, "--session", draft_uuid, good, other,
       NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.err, ==, "");
  g_assert_cmpuint (count_lines (again.out), ==, 2);
  g_assert_nonnull (strstr (again.out, ": already in this session (photo "));
  g_assert_nonnull (strstr (again.out, "IMG_0002.jpg: imported as photo "));

  photos = list_photos (fixture, draft_id);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DcPhoto) photo = g_list_model_get_item (photos, i);

      g_assert_cmpint (dc_photo_get_width (photo), ==, 64);
      g_assert_cmpint (dc_photo_get_height (photo), ==, 48);
      /* The patient's consent comes with the photo. */
      g_assert_cmpint (dc_photo_get_consent (photo), ==, DC_CONSENT_CLINICAL);
    }

  {
    g_autofree char *third = write_photo (fixture, "IMG_0003.jpg", 0x40c040ff);
    g_autoptr(GListModel) all = NULL;
    gboolean found = FALSE;

    run (&with_options, "import-photos", "--db", fixture->db, "--session", draft_text,
         "--view", "lateral-left", "--phase", "follow-up", third, NULL);
    g_assert_cmpint (with_options.status, ==, 0);
    g_assert_nonnull (strstr (with_options.out, "(lateral-left, follow-up)"));

    all = list_photos (fixture, draft_id);
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(DcPhoto) photo = g_list_model_get_item (all, i);

        if (g_str_equal (dc_photo_get_file_name (photo), "IMG_0003.jpg"))
          {
            found = TRUE;
            g_assert_cmpint (dc_photo_get_view (photo), ==, DC_PHOTO_VIEW_LATERAL_LEFT);
            g_assert_cmpint (dc_photo_get_phase (photo), ==, DC_PHOTO_PHASE_FOLLOW_UP);
          }
      }
    g_assert_true (found);
  }

  /* A signed session takes no photos. */
  run (&locked, "import-photos", "--db", fixture->db, "--session", signed_text, good, NULL);
  assert_one_line_error (&locked, 1);
  g_assert_nonnull (strstr (locked.err, "signed"));

  run (&help, "help", NULL);
  g_assert_nonnull (strstr (help.out, "import-photos"));
}

static void
test_import_photos_usage (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *good = write_photo (fixture, "IMG_0001.jpg", 0xc04040ff);
  g_auto(Result) no_session = { 0 };
  g_auto(Result) bad_session = { 0 };
  g_auto(Result) no_files = { 0 };
  g_auto(Result) bad_view = { 0 };
  g_auto(Result) bad_phase = { 0 };
  g_auto(Result) both = { 0 };
  g_auto(Result) missing = { 0 };

  run (&no_session, "import-photos", "--db", fixture->db, good, NULL);
  g_assert_cmpint (no_session.status, ==, 2);
  run (&bad_session, "import-photos", "--db", fixture->db, "--session", "yesterday", good, NULL);
  g_assert_cmpint (bad_session.status, ==, 2);
  run (&no_files, "import-photos", "--db", fixture->db, "--session", "1", NULL);
  g_assert_cmpint (no_files.status, ==, 2);
  run (&bad_view, "import-photos", "--db", fixture->db, "--session", "1", "--view", "top",
       good, NULL);
  g_assert_cmpint (bad_view.status, ==, 2);
  g_assert_nonnull (strstr (bad_view.err, "oblique-left"));
  run (&bad_phase, "import-photos", "--db", fixture->db, "--session", "1", "--phase", "during",
       good, NULL);
  g_assert_cmpint (bad_phase.status, ==, 2);
  run (&both, "import-photos", "--db", fixture->db, "--session", "1", "--view", "frontal",
       "--guess-views", good, NULL);
  g_assert_cmpint (both.status, ==, 2);

  run (&missing, "import-photos", "--db", fixture->db, "--session", "4242", good, NULL);
  assert_one_line_error (&missing, 1);
  g_assert_nonnull (strstr (missing.err, "4242"));
}

/* dermachart verify: clean on the demo clinic, exit 1 naming the photo
 * once a photo file is changed, and refused on a file that is not ours. */
static void
test_verify (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Result) demo = { 0 };
  g_auto(Result) clean = { 0 };
  g_auto(Result) changed = { 0 };
  g_auto(Result) audited = { 0 };
  g_auto(Result) foreign = { 0 };
  sqlite3 *db = NULL;
  g_autofree char *originals = g_build_filename (fixture->dir, "photos", "originals", NULL);
  g_autofree char *not_ours = g_build_filename (fixture->dir, "notes.db", NULL);
  g_autoptr(GDir) fans = NULL;
  g_autofree char *victim = NULL;
  const char *fan;
  FILE *file;

  run (&demo, "demo", "--db", fixture->db, NULL);
  g_assert_cmpint (demo.status, ==, 0);

  run (&clean, "verify", "--db", fixture->db, NULL);
  g_assert_cmpint (clean.status, ==, 0);
  g_assert_nonnull (strstr (clean.out, "is intact"));

  /* Any original of the demo's photos. */
  fans = g_dir_open (originals, 0, NULL);
  while (fans != NULL && victim == NULL && (fan = g_dir_read_name (fans)) != NULL)
    {
      g_autofree char *fan_path = g_build_filename (originals, fan, NULL);
      g_autoptr(GDir) files = g_dir_open (fan_path, 0, NULL);
      const char *name = files != NULL ? g_dir_read_name (files) : NULL;

      if (name != NULL)
        victim = g_build_filename (fan_path, name, NULL);
    }
  g_assert_nonnull (victim);
  file = fopen (victim, "ab");
  g_assert_nonnull (file);
  fputc ('x', file);
  fclose (file);

  run (&changed, "verify", "--db", fixture->db, NULL);
  g_assert_cmpint (changed.status, ==, 1);
  g_assert_nonnull (strstr (changed.out, "was changed"));
  g_assert_nonnull (strstr (changed.err, "1 problem found"));

  /* One audit row edited straight in the file, past the trigger that
   * refuses it: named, as well as the photo. */
  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_update;"
                                     "UPDATE audit SET actor = 'Someone Else' WHERE id = 7",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  run (&audited, "verify", "--db", fixture->db, NULL);
  g_assert_cmpint (audited.status, ==, 1);
  g_assert_nonnull (strstr (audited.out, "Audit row 7 ("));
  g_assert_nonnull (strstr (audited.err, "2 problems found"));

  g_assert_true (g_file_set_contents (not_ours, "not a database at all", -1, NULL));
  run (&foreign, "verify", "--db", not_ours, NULL);
  g_assert_cmpint (foreign.status, ==, 1);
  g_assert_cmpstr (foreign.out, ==, "");
  g_assert_nonnull (strstr (foreign.err, "not a Dermachart database"));
}

/* A database from a newer Dermachart is refused in one line that says so,
 * and left byte for byte as it was. The schema version is the header's
 * user_version, a big-endian word at offset 60. */
static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Result) demo = { 0 };
  g_auto(Result) newer = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  run (&demo, "demo", "--db", fixture->db, NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_true (g_file_get_contents (fixture->db, &before, &before_length, NULL));
  g_assert_cmpuint (before_length, >, 64);
  memcpy (before + 60, "\0\0\0\x63", 4);
  g_assert_true (g_file_set_contents (fixture->db, before, before_length, NULL));

  run (&newer, "patients", "--db", fixture->db, NULL);
  assert_one_line_error (&newer, 1);
  g_assert_nonnull (strstr (newer.err, "newer version of Dermachart (schema 99"));

  g_assert_true (g_file_get_contents (fixture->db, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, before, before_length);
}

/* Any verb but verify removes what an interrupted import left in the
 * photo library, unless an import is running. */
static void
test_start_removes_temp_files (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *photos = g_build_filename (fixture->dir, "photos", NULL);
  g_autofree char *fan = g_build_filename (photos, "originals", "ab", NULL);
  g_autofree char *temp = g_build_filename (fan, ".import-Xy12Zw", NULL);
  g_auto(Result) create = { 0 };
  g_auto(Result) busy = { 0 };
  g_auto(Result) verify = { 0 };
  g_auto(Result) patients = { 0 };
  g_autoptr(DcPhotoLibraryLock) lock = NULL;
  g_autoptr(GError) error = NULL;

  run (&create, "patients", "--db", fixture->db, NULL);
  g_assert_cmpint (create.status, ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (fan, 0700), ==, 0);
  g_assert_true (g_file_set_contents_full (temp, "half a photo", -1, 0, 0600, NULL));

  /* The window importing holds the lock: its files are left alone. */
  lock = dc_photo_library_lock (photos, &error);
  g_assert_no_error (error);
  run (&busy, "patients", "--db", fixture->db, NULL);
  g_assert_cmpint (busy.status, ==, 0);
  g_assert_cmpstr (busy.err, ==, "");
  g_assert_true (g_file_test (temp, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&lock, dc_photo_library_unlock);

  /* A check changes nothing. */
  run (&verify, "verify", "--db", fixture->db, NULL);
  g_assert_cmpint (verify.status, ==, 0);
  g_assert_true (g_file_test (temp, G_FILE_TEST_IS_REGULAR));

  run (&patients, "patients", "--db", fixture->db, NULL);
  g_assert_cmpint (patients.status, ==, 0);
  g_assert_cmpstr (patients.err, ==, "");
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DERMACHART") == NULL)
    {
      g_printerr ("DERMACHART must name the program to test\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("demo-and-lists", test_demo_lists);
  ADD ("demo-large", test_demo_large);
  ADD ("export-import", test_export_import);
  ADD ("import-refused", test_import_refused);
  ADD ("import-zone-rules", test_import_zone_rules);
  ADD ("errors", test_errors);
  ADD ("newer-schema", test_newer_schema);
  ADD ("import-photos", test_import_photos);
  ADD ("import-photos-usage", test_import_photos_usage);
  ADD ("verify", test_verify);
  ADD ("start-removes-temp-files", test_start_removes_temp_files);
#undef ADD

  return g_test_run ();
}
