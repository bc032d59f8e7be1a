/* test-cli.c: the headless command line, run as a user would run it. */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

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
      g_assert_cmpstr (fields[2], ==, "signed");
      g_assert_cmpint (atoi (fields[3]), >, 0);
      /* Newest first. */
      if (i > 0)
        {
          g_auto(GStrv) previous = g_strsplit (lines[i - 1], "\t", -1);

          g_assert_cmpstr (previous[1], >, fields[1]);
        }
    }
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
  ADD ("export-import", test_export_import);
  ADD ("import-refused", test_import_refused);
  ADD ("import-zone-rules", test_import_zone_rules);
  ADD ("errors", test_errors);
#undef ADD

  return g_test_run ();
}
