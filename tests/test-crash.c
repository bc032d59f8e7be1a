/* test-crash.c: what was reported saved survives a crash at any moment.
 *
 * crash-writer imports invented patients and photos into one database in
 * a loop and prints a line for each write once it has committed. This test
 * starts it again and again, kills it with SIGKILL after a random delay,
 * and after each kill checks:
 *
 * - that the real "dermachart verify" finds the database, the audit trail
 *   and every photo file intact;
 * - that every write reported committed, in this run or any before, is
 *   there and whole: the patient, exported again, holds everything it was
 *   imported with; a photo has its record in its session, its original
 *   with the right checksum, and its derivatives;
 * - that a write begun but not reported is there whole or not at all, and
 *   that the database holds no patient the writer did not begin;
 * - that the temporary files a killed import left are gone once the next
 *   writer has started, and that no file a record refers to is missing.
 *   Files no record refers to (a kill between a file's rename and its
 *   record's commit) are allowed, counted, and left to garbage collection,
 *   which runs at the end.
 *
 * DC_CRASH_KILLS sets the number of kills (200 unless set; the benchmarks
 * ask for 500 and 2 000), DC_CRASH_SEED the seed (random unless set; printed). The
 * delays follow the writer's pace, measured first and every 50 kills (the
 * machine may be shared): a fifth of the kills land in its start-up, the
 * rest anywhere in the next one and a half times it takes to import its
 * first patient and photos (half the writers begin with photos for an
 * earlier patient). After some kills a second writer is killed during its
 * start-up before anything is checked, so that a start-up also meets a
 * database just crashed (SQLite recovering its log, temporary files to
 * remove): "dermachart verify" and the checks close the database cleanly,
 * so the next writer would not. Those kills are counted apart. Where each
 * kill landed is told from the writer's last line and the state it left. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dc-photo-library.h"
#include "dc-record-json.h"
#include "dc-test-util.h"

#define DEFAULT_KILLS      200
#define START_UP_SHARE     0.2   /* of the kills, during the writer's start-up */
#define DOUBLE_KILL_SHARE  0.15  /* followed by a second kill, at start-up */
#define DEEP_CHECK_EVERY   50    /* kills between checks of every patient and file */
#define PACE_EVERY         50    /* kills between measurements of the writer's pace */
#define MAX_FAILURES       20

typedef enum
{
  LANDED_START_UP,
  LANDED_BETWEEN,
  LANDED_PATIENT_OPEN,
  LANDED_PATIENT_UNREPORTED,
  LANDED_PHOTO_OPEN,
  LANDED_PHOTO_TEMP,
  LANDED_PHOTO_ORPHAN,
  LANDED_PHOTO_UNREPORTED,
  N_LANDED
} Landed;

/* A kill while SQLite syncs its log at a commit still finds the commit
 * there afterwards: the frames were written before the sync, and the page
 * cache outlives the process. Such kills count as "not yet reported". */
static const char *const landed_names[N_LANDED] = {
  [LANDED_START_UP] = "start-up: exec, opening the store, removing temp files",
  [LANDED_BETWEEN] = "between writes: making the next record or photo",
  [LANDED_PATIENT_OPEN] = "patient import, its commit not yet in the log",
  [LANDED_PATIENT_UNREPORTED] = "patient commit in the log, not yet reported",
  [LANDED_PHOTO_OPEN] = "photo import: reading, decoding, record not in the log",
  [LANDED_PHOTO_TEMP] = "photo import: writing or syncing a file (temp file left)",
  [LANDED_PHOTO_ORPHAN] = "photo import: files renamed into place, no record yet",
  [LANDED_PHOTO_UNREPORTED] = "photo record in the log, not yet reported",
};

typedef struct
{
  char     *uuid;
  char     *path;       /* the record as the writer imported it */
  JsonNode *record;     /* parsed from @path when first needed */
  gboolean  committed;  /* reported */
} Patient;

typedef struct
{
  char     *sha256;
  char     *session_uuid;
  gboolean  committed;
} Photo;

typedef struct
{
  gboolean    ready;
  guint       n_removed;   /* temporary files the writer's start removed */
  GPtrArray  *patients;    /* Patient, in the order begun */
  GPtrArray  *photos;      /* Photo, in the order begun */
  gboolean    killed;      /* by the test; otherwise it must finish */
  int         wait_status;
  char       *err;
  GHashTable *temp_after;  /* temporary files in the library when it ended */
} Run;

typedef struct
{
  char       *dir;
  char       *db;
  char       *photo_dir;
  char       *work;
  char       *writer;
  GRand      *rand;
  gint64      startup_us;
  gint64      iteration_us;

  GPtrArray  *patients;      /* Patient expected: reported, or found unreported */
  GPtrArray  *photos;        /* Photo reported committed, all runs */
  guint       n_reported_patients;
  guint       n_present_unreported_patients;
  guint       n_present_unreported_photos;
  GHashTable *leftovers;     /* temporary files the next start must remove */

  guint       kills;
  guint       extra_kills;
  guint       failures;
  guint       lost;
  guint       landed[N_LANDED];
  guint       kills_leaving_temp;
  guint       temp_files_left;
  guint       temp_files_removed;
  guint       n_verify;
  gint64      verify_us;
  gint64      verify_us_max;
  gint64      writer_us;      /* spawning, running and killing writers */
  gint64      check_us;       /* the test's own checks */
} Crash;

static void
patient_free (gpointer data)
{
  Patient *patient = data;

  g_free (patient->uuid);
  g_free (patient->path);
  g_clear_pointer (&patient->record, json_node_unref);
  g_free (patient);
}

static void
photo_free (gpointer data)
{
  Photo *photo = data;

  g_free (photo->sha256);
  g_free (photo->session_uuid);
  g_free (photo);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->patients, g_ptr_array_unref);
  g_clear_pointer (&run->photos, g_ptr_array_unref);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->temp_after, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void fail (Crash      *crash,
                  const char *format,
                  ...) G_GNUC_PRINTF (2, 3);

static void
fail (Crash      *crash,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  crash->failures++;
  g_test_message ("FAILURE after kill %u: %s", crash->kills, message);
}

/* The writer --------------------------------------------------------------- */

static JsonNode *
parse_json (const char  *data,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, data, -1, error))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
patient_record (Patient *patient)
{
  if (patient->record == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;

      g_file_get_contents (patient->path, &contents, NULL, &error);
      g_assert_no_error (error);
      patient->record = parse_json (contents, &error);
      g_assert_no_error (error);
    }
  return patient->record;
}

/* The UUID of the patient's draft session. */
static const char *
draft_session (Patient *patient)
{
  JsonArray *sessions = json_object_get_array_member (json_node_get_object (
                                                        patient_record (patient)), "sessions");

  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      JsonObject *session = json_array_get_object_element (sessions, i);

      if (g_str_equal (json_object_get_string_member (session, "status"), "draft"))
        return json_object_get_string_member (session, "uuid");
    }
  g_assert_not_reached ();
}

static void
parse_output (const char *output,
              Run        *run)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n_lines = g_strv_length (lines);

  run->patients = g_ptr_array_new_with_free_func (patient_free);
  run->photos = g_ptr_array_new_with_free_func (photo_free);

  /* The last piece has no newline: a line cut short, or nothing. */
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);
      guint n_words = g_strv_length (words);

      if (n_words == 2 && g_str_equal (words[0], "ready"))
        {
          run->ready = TRUE;
          run->n_removed = (guint) g_ascii_strtoull (words[1], NULL, 10);
        }
      else if (n_words == 4 && g_str_equal (words[0], "begin")
               && g_str_equal (words[1], "patient"))
        {
          Patient *patient = g_new0 (Patient, 1);

          patient->uuid = g_strdup (words[2]);
          patient->path = g_strdup (words[3]);
          g_ptr_array_add (run->patients, patient);
        }
      else if (n_words == 3 && g_str_equal (words[0], "committed")
               && g_str_equal (words[1], "patient"))
        {
          Patient *last = run->patients->len > 0
                          ? g_ptr_array_index (run->patients, run->patients->len - 1) : NULL;

          g_assert_nonnull (last);
          g_assert_cmpstr (last->uuid, ==, words[2]);
          last->committed = TRUE;
        }
      else if (n_words == 5 && g_str_equal (words[0], "begin")
               && g_str_equal (words[1], "photo"))
        {
          Photo *photo = g_new0 (Photo, 1);

          photo->sha256 = g_strdup (words[2]);
          photo->session_uuid = g_strdup (words[3]);
          g_ptr_array_add (run->photos, photo);
        }
      else if (n_words == 4 && g_str_equal (words[0], "committed")
               && g_str_equal (words[1], "photo"))
        {
          guint j;

          /* The importer takes a batch's files in order. */
          for (j = 0; j < run->photos->len; j++)
            {
              Photo *photo = g_ptr_array_index (run->photos, j);

              if (!photo->committed)
                {
                  g_assert_cmpstr (photo->sha256, ==, words[2]);
                  g_assert_cmpstr (photo->session_uuid, ==, words[3]);
                  photo->committed = TRUE;
                  break;
                }
            }
          g_assert_cmpuint (j, <, run->photos->len);
        }
      else
        g_error ("Unexpected line from the writer: %s", lines[i]);
    }
}

static int
open_output (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  return fd;
}

static char *
read_output (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Starts the writer and kills it @delay_us after the start, or lets it
 * run @iterations patients when @delay_us is negative. Its output goes to
 * files, which keep every line written before the kill. */
static void
run_writer (Crash  *crash,
            gint64  delay_us,
            int     iterations,
            Run    *run)
{
  g_autofree char *seed = g_strdup_printf ("%u", g_rand_int (crash->rand));
  g_autofree char *iterations_text = g_strdup_printf ("%d", iterations);
  const char *argv[] = {
    crash->writer, "--db", crash->db, "--work", crash->work, "--seed", seed,
    "--iterations", iterations_text, NULL, NULL, NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int out_fd = open_output (crash->dir, "writer.out");
  int err_fd = open_output (crash->dir, "writer.err");
  gint64 start;
  GPid pid;

  /* Half the time, photos for an earlier patient before the next one. */
  if (crash->patients->len > 0 && g_rand_boolean (crash->rand))
    {
      Patient *patient = g_ptr_array_index (crash->patients,
                                            g_rand_int_range (crash->rand, 0,
                                                              crash->patients->len));

      argv[G_N_ELEMENTS (argv) - 3] = "--photos-first";
      argv[G_N_ELEMENTS (argv) - 2] = draft_session (patient);
    }

  start = g_get_monotonic_time ();
  g_spawn_async_with_pipes_and_fds (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                    -1, out_fd, err_fd, NULL, NULL, 0,
                                    &pid, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  close (out_fd);
  close (err_fd);

  run->killed = delay_us >= 0;
  if (run->killed)
    {
      gint64 left = start + delay_us - g_get_monotonic_time ();

      if (left > 0)
        g_usleep (left);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
    }
  g_assert_cmpint (waitpid (pid, &run->wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);

  crash->writer_us += g_get_monotonic_time () - start;

  output = read_output (crash->dir, "writer.out");
  run->err = read_output (crash->dir, "writer.err");
  parse_output (output, run);
}

/* Runs the writer through four patients, timing its lines: how long it
 * takes to start, and to import its first patient with its photos. */
static void
measure_pace (Crash *crash,
              Run   *run)
{
  g_autofree char *seed = g_strdup_printf ("%u", g_rand_int (crash->rand));
  const char *argv[] = {
    crash->writer, "--db", crash->db, "--work", crash->work, "--seed", seed,
    "--iterations", "4", NULL
  };
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GArray) begins = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 ready = 0;
  char line[4096];
  int out_fd;
  FILE *out;
  GPid pid;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  out = fdopen (out_fd, "r");
  g_assert_nonnull (out);
  while (fgets (line, sizeof line, out) != NULL)
    {
      gint64 now = g_get_monotonic_time ();

      g_string_append (output, line);
      if (g_str_has_prefix (line, "ready "))
        ready = now;
      else if (g_str_has_prefix (line, "begin patient "))
        g_array_append_val (begins, now);
    }
  fclose (out);
  g_assert_cmpint (waitpid (pid, &run->wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (run->wait_status) && WEXITSTATUS (run->wait_status) == 0);

  g_assert_cmpuint (begins->len, ==, 4);
  crash->startup_us = ready - start;
  /* The first patient in a new process, as a killed writer meets it, with
   * the loaders and catalogues still to be read. */
  crash->iteration_us = g_array_index (begins, gint64, 1) - ready;
  run->err = g_strdup ("");
  parse_output (output->str, run);
}

/* The database, checked ----------------------------------------------------- */

static void
run_verify (Crash *crash)
{
  const char *argv[] = { g_getenv ("DERMACHART"), "verify", "--db", crash->db, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  elapsed = g_get_monotonic_time () - start;

  crash->n_verify++;
  crash->verify_us += elapsed;
  crash->verify_us_max = MAX (crash->verify_us_max, elapsed);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    fail (crash, "dermachart verify failed:\n%s%s", out, err);
}

static gboolean json_contains (JsonNode *expected, JsonNode *actual, GString *where);

/* In an array of records, the one with @uuid. */
static JsonNode *
find_by_uuid (JsonArray  *array,
              const char *uuid)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element)
          && g_strcmp0 (json_object_get_string_member_with_default (
                          json_node_get_object (element), "uuid", NULL), uuid) == 0)
        return element;
    }
  return NULL;
}

static gboolean
array_contains (JsonArray *expected,
                JsonArray *actual,
                GString   *where)
{
  if (json_array_get_length (expected) != json_array_get_length (actual))
    {
      g_string_append_printf (where, ": %u elements instead of %u",
                              json_array_get_length (actual), json_array_get_length (expected));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonNode *element = json_array_get_element (expected, i);
      const char *uuid = JSON_NODE_HOLDS_OBJECT (element)
                         ? json_object_get_string_member_with_default (
                             json_node_get_object (element), "uuid", NULL)
                         : NULL;
      JsonNode *match = uuid != NULL ? find_by_uuid (actual, uuid)
                                     : json_array_get_element (actual, i);
      gsize length = where->len;

      g_string_append_printf (where, "[%s]", uuid != NULL ? uuid : "");
      if (match == NULL)
        {
          g_string_append (where, ": missing");
          return FALSE;
        }
      if (!json_contains (element, match, where))
        return FALSE;
      g_string_truncate (where, length);
    }
  return TRUE;
}

/* Whether @actual has every member @expected has, with the same value;
 * records in arrays are matched by UUID. @where is the path to the first
 * difference. */
static gboolean
json_contains (JsonNode *expected,
               JsonNode *actual,
               GString  *where)
{
  if (JSON_NODE_TYPE (expected) != JSON_NODE_TYPE (actual))
    {
      g_string_append (where, ": not the same kind of value");
      return FALSE;
    }

  switch (JSON_NODE_TYPE (expected))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *expected_object = json_node_get_object (expected);
        JsonObject *actual_object = json_node_get_object (actual);
        g_autoptr(GList) members = json_object_get_members (expected_object);

        for (GList *l = members; l != NULL; l = l->next)
          {
            JsonNode *member = json_object_get_member (actual_object, l->data);
            gsize length = where->len;

            g_string_append_printf (where, ".%s", (const char *) l->data);
            if (member == NULL)
              {
                g_string_append (where, ": missing");
                return FALSE;
              }
            if (!json_contains (json_object_get_member (expected_object, l->data), member,
                                where))
              return FALSE;
            g_string_truncate (where, length);
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      return array_contains (json_node_get_array (expected), json_node_get_array (actual),
                             where);

    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (expected) == G_TYPE_STRING
          || json_node_get_value_type (expected) == G_TYPE_BOOLEAN)
        {
          if (json_node_get_value_type (expected) == json_node_get_value_type (actual)
              && json_node_equal (expected, actual))
            return TRUE;
        }
      else if (json_node_get_value_type (actual) != G_TYPE_STRING
               && json_node_get_value_type (actual) != G_TYPE_BOOLEAN
               && json_node_get_double (expected) == json_node_get_double (actual))
        return TRUE;
      g_string_append (where, ": a different value");
      return FALSE;
    }
}

/* Whether the patient is in the database (@id set); FALSE if not, with a
 * failure counted if the store could not be read. */
static gboolean
find_patient (Crash      *crash,
              DcStore    *store,
              const char *uuid,
              gint64     *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcPatient) patient = dc_store_load_by_uuid (store, DC_TYPE_PATIENT, uuid, &error);

  if (patient == NULL && !g_error_matches (error, DC_ERROR, DC_ERROR_NOT_FOUND))
    fail (crash, "cannot look for patient %s: %s", uuid, error->message);
  if (patient != NULL && id != NULL)
    *id = dc_record_get_id (DC_RECORD (patient));
  return patient != NULL;
}

/* The patient's export holds all the record the writer imported. */
static gboolean
patient_is_whole (Crash   *crash,
                  DcStore *store,
                  Patient *patient,
                  gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = dc_record_json_export_patient (store, id, &error);
  g_autoptr(JsonNode) actual = NULL;
  g_autoptr(GString) where = g_string_new ("record");

  if (exported == NULL)
    {
      fail (crash, "cannot export patient %s: %s", patient->uuid, error->message);
      return FALSE;
    }
  actual = parse_json (exported, &error);
  g_assert_no_error (error);

  if (!json_contains (patient_record (patient), actual, where))
    {
      fail (crash, "patient %s is not whole: %s", patient->uuid, where->str);
      return FALSE;
    }
  return TRUE;
}

/* Nothing of a patient not in the database may be there: no session, no
 * zone treatment, no side effect. */
static void
check_patient_absent (Crash   *crash,
                      DcStore *store,
                      Patient *patient)
{
  JsonObject *root = json_node_get_object (patient_record (patient));
  JsonArray *sessions = json_object_get_array_member (root, "sessions");
  static const char *const children[] = { "zone-treatments", "side-effects" };

  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      JsonObject *session = json_array_get_object_element (sessions, i);
      g_autoptr(DcRecord) found = dc_store_load_by_uuid (
        store, DC_TYPE_SESSION, json_object_get_string_member (session, "uuid"), NULL);

      if (found != NULL)
        fail (crash, "patient %s is partly there: session %s", patient->uuid,
              json_object_get_string_member (session, "uuid"));

      for (guint c = 0; c < G_N_ELEMENTS (children); c++)
        {
          JsonArray *array = json_object_has_member (session, children[c])
                             ? json_object_get_array_member (session, children[c]) : NULL;
          GType type = c == 0 ? DC_TYPE_ZONE_TREATMENT : DC_TYPE_SIDE_EFFECT;

          for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
            {
              const char *uuid = json_object_get_string_member (
                json_array_get_object_element (array, j), "uuid");
              g_autoptr(DcRecord) child = dc_store_load_by_uuid (store, type, uuid, NULL);

              if (child != NULL)
                fail (crash, "patient %s is partly there: %s %s", patient->uuid, children[c],
                      uuid);
            }
        }
    }
}

/* The checksums of the photos of the session with @session_uuid. */
static GHashTable *
session_photos (Crash      *crash,
                DcStore    *store,
                const char *session_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcSession) session = dc_store_load_by_uuid (store, DC_TYPE_SESSION, session_uuid,
                                                        &error);
  g_autoptr(GListModel) photos = NULL;
  GHashTable *checksums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (session == NULL)
    {
      fail (crash, "session %s is missing: %s", session_uuid, error->message);
      return checksums;
    }
  photos = dc_store_list (store, DC_TYPE_PHOTO, dc_record_get_id (DC_RECORD (session)), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (photos); i++)
    {
      g_autoptr(DcPhoto) photo = g_list_model_get_item (photos, i);

      g_hash_table_add (checksums, g_strdup (dc_photo_get_sha256 (photo)));
    }
  return checksums;
}

/* The files of a photo with a record: the original, unchanged, and the
 * derivatives. */
static gboolean
photo_files_are_whole (Crash      *crash,
                       const char *sha256)
{
  g_autofree char *original = dc_photo_library_find_original (crash->photo_dir, sha256);
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  gsize length;

  if (original == NULL || !g_file_get_contents (original, &contents, &length, NULL))
    {
      fail (crash, "the original of photo %.12s… is missing", sha256);
      return FALSE;
    }
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
  if (!g_str_equal (checksum, sha256))
    {
      fail (crash, "the original of photo %.12s… has another checksum", sha256);
      return FALSE;
    }

  for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
    {
      g_autofree char *path = dc_photo_library_get_derivative_path (crash->photo_dir, sha256, i);
      GStatBuf st;

      if (g_stat (path, &st) != 0 || st.st_size == 0)
        {
          fail (crash, "derivative %u of photo %.12s… is missing", i, sha256);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
photo_is_whole (Crash   *crash,
                DcStore *store,
                Photo   *photo)
{
  g_autoptr(GHashTable) checksums = session_photos (crash, store, photo->session_uuid);

  if (!g_hash_table_contains (checksums, photo->sha256))
    {
      fail (crash, "photo %.12s… is not in session %s", photo->sha256, photo->session_uuid);
      return FALSE;
    }
  return photo_files_are_whole (crash, photo->sha256);
}

/* Every patient reported committed is there; with @deep, whole too, and
 * every reported photo is in its session with its files. */
static void
check_all_committed (Crash   *crash,
                     DcStore *store,
                     gboolean deep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = dc_store_list_photo_files (store, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < crash->patients->len; i++)
    {
      Patient *patient = g_ptr_array_index (crash->patients, i);
      gint64 id;

      if (!find_patient (crash, store, patient->uuid, &id))
        {
          fail (crash, "committed patient %s is lost", patient->uuid);
          crash->lost++;
        }
      else if (deep && !patient_is_whole (crash, store, patient, id))
        crash->lost++;
    }

  for (guint i = 0; i < crash->photos->len; i++)
    {
      Photo *photo = g_ptr_array_index (crash->photos, i);

      if (!g_hash_table_contains (files, photo->sha256))
        {
          fail (crash, "committed photo %.12s… is lost", photo->sha256);
          crash->lost++;
        }
      else if (deep && !photo_is_whole (crash, store, photo))
        crash->lost++;
    }
}

/* The library: temporary files, and files without a record ------------------ */

/* Every file in the library's fan-out folders: @func is called with the
 * folder's path and the file's name. */
static void
walk_library (Crash  *crash,
              void  (*func) (const char *dir, const char *name, gboolean original,
                             gpointer user_data),
              gpointer user_data)
{
  static const char *const tops[] = { "originals", "derived" };

  for (guint t = 0; t < G_N_ELEMENTS (tops); t++)
    {
      g_autofree char *top = g_build_filename (crash->photo_dir, tops[t], NULL);
      g_autoptr(GDir) dir = g_dir_open (top, 0, NULL);
      const char *fan;

      while (dir != NULL && (fan = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *fan_path = g_build_filename (top, fan, NULL);
          g_autoptr(GDir) files = g_dir_open (fan_path, 0, NULL);
          const char *name;

          while (files != NULL && (name = g_dir_read_name (files)) != NULL)
            func (fan_path, name, t == 0, user_data);
        }
    }
}

static void
add_temp_file (const char *dir,
               const char *name,
               gboolean    original,
               gpointer    user_data)
{
  if (g_str_has_prefix (name, ".import-"))
    g_hash_table_add (user_data, g_build_filename (dir, name, NULL));
}

static GHashTable *
scan_temp_files (Crash *crash)
{
  GHashTable *temp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  walk_library (crash, add_temp_file, temp);
  return temp;
}

typedef struct
{
  GHashTable *referenced;  /* checksums with a record */
  GHashTable *orphans;     /* checksums of originals without one */
  guint       n_orphans;   /* files without a record, derivatives included */
} Orphans;

static void
add_orphan (const char *dir,
            const char *name,
            gboolean    original,
            gpointer    user_data)
{
  Orphans *orphans = user_data;
  g_autofree char *sha256 = g_strndup (name, 64);

  if (g_str_has_prefix (name, ".import-") || g_hash_table_contains (orphans->referenced, sha256))
    return;
  orphans->n_orphans++;
  if (original)
    g_hash_table_add (orphans->orphans, g_steal_pointer (&sha256));
}

/* The files no record refers to (@orphans: their checksums, or %NULL);
 * checks on the way that every file a record refers to is there. */
static guint
scan_orphans (Crash      *crash,
              DcStore    *store,
              GHashTable *orphans)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = dc_store_list_photo_files (store, &error);
  g_autoptr(GHashTable) own = NULL;
  Orphans scan = { files, orphans, 0 };
  GHashTableIter iter;
  const char *sha256;

  g_assert_no_error (error);
  if (orphans == NULL)
    scan.orphans = own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk_library (crash, add_orphan, &scan);

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, (gpointer *) &sha256, NULL))
    {
      g_autofree char *original = dc_photo_library_find_original (crash->photo_dir, sha256);

      if (original == NULL)
        fail (crash, "photo %.12s… has a record but no file", sha256);
      for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
        {
          g_autofree char *path = dc_photo_library_get_derivative_path (crash->photo_dir,
                                                                        sha256, i);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            fail (crash, "photo %.12s… has a record but no derivative %u", sha256, i);
        }
    }

  return scan.n_orphans;
}

/* After a kill ----------------------------------------------------------------- */

/* Right after a run, before anything else opens the database: a start
 * removes the temporary files earlier kills left, and says how many; the
 * ones this run's kill left are for the next start. */
static void
check_temp_files (Crash *crash,
                  Run   *run)
{
  GHashTableIter iter;
  const char *path;
  guint left_before;

  if (run->ready)
    {
      g_hash_table_iter_init (&iter, crash->leftovers);
      while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
        if (g_file_test (path, G_FILE_TEST_EXISTS))
          fail (crash, "the temporary file %s survived the next start", path);
      if (run->n_removed != g_hash_table_size (crash->leftovers))
        fail (crash, "the start removed %u temporary files, not %u", run->n_removed,
              g_hash_table_size (crash->leftovers));
      crash->temp_files_removed += run->n_removed;
      g_hash_table_remove_all (crash->leftovers);
    }

  else
    {
      /* A start killed while it was removing them. */
      g_hash_table_iter_init (&iter, crash->leftovers);
      while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
        if (!g_file_test (path, G_FILE_TEST_EXISTS))
          {
            crash->temp_files_removed++;
            g_hash_table_iter_remove (&iter);
          }
    }

  run->temp_after = scan_temp_files (crash);
  left_before = crash->temp_files_left;
  g_hash_table_iter_init (&iter, run->temp_after);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    if (!g_hash_table_contains (crash->leftovers, path))
      {
        g_hash_table_add (crash->leftovers, g_strdup (path));
        crash->temp_files_left++;
      }
  if (crash->temp_files_left > left_before)
    crash->kills_leaving_temp++;
}

/* Where the kill landed, from the last write begun and what it left. */
static Landed
classify (Crash   *crash,
          Run     *run,
          DcStore *store)
{
  Patient *last_patient = run->patients->len > 0
                          ? g_ptr_array_index (run->patients, run->patients->len - 1) : NULL;
  Photo *open_photo = NULL;
  g_autoptr(GHashTable) checksums = NULL;
  g_autoptr(GHashTable) orphans = NULL;

  if (!run->ready)
    return LANDED_START_UP;
  if (last_patient != NULL && !last_patient->committed)
    return find_patient (crash, store, last_patient->uuid, NULL)
           ? LANDED_PATIENT_UNREPORTED : LANDED_PATIENT_OPEN;

  for (guint i = 0; i < run->photos->len && open_photo == NULL; i++)
    {
      Photo *photo = g_ptr_array_index (run->photos, i);

      if (!photo->committed)
        open_photo = photo;
    }
  if (open_photo == NULL)
    return LANDED_BETWEEN;

  checksums = session_photos (crash, store, open_photo->session_uuid);
  if (g_hash_table_contains (checksums, open_photo->sha256))
    return LANDED_PHOTO_UNREPORTED;
  if (g_hash_table_size (run->temp_after) > 0)
    return LANDED_PHOTO_TEMP;
  orphans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan_orphans (crash, store, orphans);
  if (g_hash_table_contains (orphans, open_photo->sha256))
    return LANDED_PHOTO_ORPHAN;
  return LANDED_PHOTO_OPEN;
}

/* What one run wrote: reported writes whole, the others whole or absent. */
static void
check_run (Crash   *crash,
           Run     *run,
           DcStore *store)
{
  for (guint i = 0; i < run->patients->len; i++)
    {
      Patient *patient = g_ptr_array_index (run->patients, i);
      gint64 id;

      if (find_patient (crash, store, patient->uuid, &id))
        {
          if (!patient_is_whole (crash, store, patient, id) && patient->committed)
            crash->lost++;
          if (!patient->committed)
            crash->n_present_unreported_patients++;
        }
      else if (patient->committed)
        {
          fail (crash, "committed patient %s is lost", patient->uuid);
          crash->lost++;
        }
      else
        check_patient_absent (crash, store, patient);
    }

  for (guint i = 0; i < run->photos->len; i++)
    {
      Photo *photo = g_ptr_array_index (run->photos, i);
      g_autoptr(GHashTable) checksums = session_photos (crash, store, photo->session_uuid);

      if (g_hash_table_contains (checksums, photo->sha256))
        {
          if (!photo_files_are_whole (crash, photo->sha256) && photo->committed)
            crash->lost++;
          if (!photo->committed)
            crash->n_present_unreported_photos++;
        }
      else if (photo->committed)
        {
          fail (crash, "committed photo %.12s… is not in session %s", photo->sha256,
                photo->session_uuid);
          crash->lost++;
        }
    }
}

/* Moves the run's reported writes to the ones every later check expects;
 * a patient that is there without a report is expected from now on too. */
static void
remember_run (Crash   *crash,
              Run     *run,
              DcStore *store)
{
  for (guint i = 0; i < run->patients->len; i++)
    {
      Patient *patient = g_ptr_array_index (run->patients, i);

      if (patient->committed)
        crash->n_reported_patients++;
      if (patient->committed || find_patient (crash, store, patient->uuid, NULL))
        g_ptr_array_add (crash->patients, g_ptr_array_steal_index (run->patients, i--));
    }
  for (guint i = 0; i < run->photos->len; i++)
    {
      Photo *photo = g_ptr_array_index (run->photos, i);

      if (photo->committed)
        g_ptr_array_add (crash->photos, g_ptr_array_steal_index (run->photos, i--));
    }
}

static DcStore *
open_store (Crash *crash)
{
  g_autoptr(GError) error = NULL;
  DcStore *store = dc_store_open (crash->db, &error);

  g_assert_no_error (error);
  return store;
}

static void
close_store (DcStore *store)
{
  dc_store_close (store);
  g_assert_finalize_object (store);
}

/* Everything checked after runs, killed or not: the first run's kill is
 * the one classified (a second is always at start-up). */
static void
check_after (Crash    *crash,
             Run      *runs,
             guint     n_runs,
             gboolean  deep)
{
  DcStore *store;
  gint64 n_patients;
  gint64 start;

  for (guint i = 0; i < n_runs; i++)
    {
      gboolean was_killed = WIFSIGNALED (runs[i].wait_status)
                            && WTERMSIG (runs[i].wait_status) == SIGKILL;

      if (runs[i].killed ? !was_killed : !(WIFEXITED (runs[i].wait_status)
                                           && WEXITSTATUS (runs[i].wait_status) == 0))
        fail (crash, "the writer ended by itself (wait status %d): %s", runs[i].wait_status,
              runs[i].err);
    }

  run_verify (crash);

  start = g_get_monotonic_time ();
  store = open_store (crash);
  if (n_runs > 0 && runs[0].killed)
    crash->landed[classify (crash, &runs[0], store)]++;
  for (guint i = 0; i < n_runs; i++)
    {
      check_run (crash, &runs[i], store);
      remember_run (crash, &runs[i], store);
    }
  check_all_committed (crash, store, deep);
  /* The files of this run's photos were checked above; the whole library
   * is walked with the deep checks only, as it grows with every run. */
  if (deep)
    scan_orphans (crash, store, NULL);

  /* No patient but the ones begun. */
  n_patients = dc_store_count (store, DC_TYPE_PATIENT, 0, NULL);
  if (n_patients != crash->patients->len)
    fail (crash, "%" G_GINT64_FORMAT " patients, not %u", n_patients, crash->patients->len);
  close_store (store);
  crash->check_us += g_get_monotonic_time () - start;
}

/* Measures the writer's pace again, and checks what it wrote. */
static void
update_pace (Crash *crash)
{
  g_auto(Run) pace = { 0 };

  measure_pace (crash, &pace);
  check_temp_files (crash, &pace);
  check_after (crash, &pace, 1, TRUE);
}

static gint64
pick_delay (Crash    *crash,
            gboolean  start_up)
{
  if (start_up || g_rand_double (crash->rand) < START_UP_SHARE)
    return (gint64) g_rand_double_range (crash->rand, 0, crash->startup_us);
  return crash->startup_us
         + (gint64) g_rand_double_range (crash->rand, 0, 1.5 * crash->iteration_us);
}

static guint
get_env_uint (const char *name,
              guint       default_value)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    return default_value;
  return (guint) value;
}

/* A fresh clinic folder, nothing written yet. */
static void
crash_init (Crash   *crash,
            guint32  seed)
{
  g_autoptr(GError) error = NULL;

  crash->rand = g_rand_new_with_seed (seed);
  crash->writer = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  crash->dir = g_dir_make_tmp ("dermachart-crash-XXXXXX", &error);
  g_assert_no_error (error);
  crash->db = g_build_filename (crash->dir, "clinic", "dermachart.db", NULL);
  crash->photo_dir = g_build_filename (crash->dir, "clinic", "photos", NULL);
  crash->work = g_build_filename (crash->dir, "work", NULL);
  g_assert_cmpint (g_mkdir (crash->work, 0700), ==, 0);
  crash->patients = g_ptr_array_new_with_free_func (patient_free);
  crash->photos = g_ptr_array_new_with_free_func (photo_free);
  crash->leftovers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
crash_clear (Crash *crash)
{
  rm_rf (crash->dir);
  g_free (crash->dir);
  g_free (crash->db);
  g_free (crash->photo_dir);
  g_free (crash->work);
  g_free (crash->writer);
  g_rand_free (crash->rand);
  g_ptr_array_unref (crash->patients);
  g_ptr_array_unref (crash->photos);
  g_hash_table_unref (crash->leftovers);
}

static void
test_kill_writer (void)
{
  Crash crash = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_kills = get_env_uint ("DC_CRASH_KILLS", DEFAULT_KILLS);
  guint deep_every = MAX (DEEP_CHECK_EVERY, n_kills / 4);
  gint64 start = g_get_monotonic_time ();
  gint64 gc_us;
  guint n_gc_removed;
  guint n_orphans;
  guint32 seed = get_env_uint ("DC_CRASH_SEED", g_random_int ());

  g_test_message ("seed %u (DC_CRASH_SEED=%u reproduces the delays and data)", seed, seed);
  crash_init (&crash, seed);

  /* The first run also creates the database: it does not count. */
  update_pace (&crash);
  update_pace (&crash);
  g_test_message ("writer pace: start-up %.1f ms, one patient with two photos %.1f ms",
                  crash.startup_us / 1000.0, crash.iteration_us / 1000.0);

  while (crash.kills < n_kills && crash.failures < MAX_FAILURES)
    {
      Run runs[2] = { { 0 } };
      guint n_runs = 1;

      /* Other programs on the machine slow it down or let it go. */
      if (crash.kills > 0 && crash.kills % PACE_EVERY == 0)
        update_pace (&crash);

      run_writer (&crash, pick_delay (&crash, FALSE), -1, &runs[0]);
      check_temp_files (&crash, &runs[0]);
      crash.kills++;
      if (g_rand_double (crash.rand) < DOUBLE_KILL_SHARE)
        {
          run_writer (&crash, pick_delay (&crash, TRUE), -1, &runs[1]);
          check_temp_files (&crash, &runs[1]);
          crash.extra_kills++;
          n_runs = 2;
        }

      check_after (&crash, runs, n_runs, crash.kills % deep_every == 0 || crash.kills == n_kills);
      for (guint i = 0; i < n_runs; i++)
        run_clear (&runs[i]);
    }

  /* Still a working database: a writer that is left alone finishes. */
  {
    g_auto(Run) last = { 0 };

    run_writer (&crash, -1, 2, &last);
    check_temp_files (&crash, &last);
    check_after (&crash, &last, 1, TRUE);
    g_assert_cmpuint (g_hash_table_size (crash.leftovers), ==, 0);
  }

  /* Files without a record are garbage collection's; it takes them all
   * and nothing else. */
  {
    DcStore *store = open_store (&crash);
    gint64 gc_start;

    n_orphans = scan_orphans (&crash, store, NULL);
    gc_start = g_get_monotonic_time ();
    g_assert_true (dc_photo_library_collect_garbage (store, &n_gc_removed, NULL, &error));
    g_assert_no_error (error);
    gc_us = g_get_monotonic_time () - gc_start;
    close_store (store);
    if (n_gc_removed != n_orphans)
      fail (&crash, "garbage collection removed %u files, not the %u orphans", n_gc_removed,
            n_orphans);
    check_after (&crash, NULL, 0, TRUE);
    store = open_store (&crash);
    if (scan_orphans (&crash, store, NULL) != 0)
      fail (&crash, "files without a record are left after garbage collection");
    close_store (store);
  }

  g_test_message ("kills: %u, each followed by dermachart verify and the checks; "
                  "plus %u second kills during a start-up right after a kill",
                  crash.kills, crash.extra_kills);
  g_test_message ("wall time %.1f s; verify ran %u times, %.1f ms on average, %.1f ms at most",
                  (g_get_monotonic_time () - start) / 1e6, crash.n_verify,
                  crash.verify_us / 1000.0 / MAX (crash.n_verify, 1),
                  crash.verify_us_max / 1000.0);
  g_test_message ("time in writers (delays included) %.1f s, in verify %.1f s, in the test's "
                  "checks %.1f s", crash.writer_us / 1e6, crash.verify_us / 1e6,
                  crash.check_us / 1e6);
  g_test_message ("committed and reported: %u patients, %u photos; there though not "
                  "reported: %u patients, %u photos",
                  crash.n_reported_patients, crash.photos->len,
                  crash.n_present_unreported_patients, crash.n_present_unreported_photos);
  for (guint i = 0; i < N_LANDED; i++)
    g_test_message ("kills landing %-55s %4u", landed_names[i], crash.landed[i]);
  g_test_message ("temporary files: %u left by %u kills, %u removed by the next start",
                  crash.temp_files_left, crash.kills_leaving_temp, crash.temp_files_removed);
  g_test_message ("files without a record (left by kills between a rename and a commit): "
                  "%u at the end, all removed by garbage collection in %.1f ms",
                  n_orphans, gc_us / 1000.0);
  g_test_message ("integrity failures: %u, lost committed writes: %u", crash.failures,
                  crash.lost);

  g_assert_cmpuint (crash.kills, ==, n_kills);
  g_assert_cmpuint (crash.failures, ==, 0);
  g_assert_cmpuint (crash.lost, ==, 0);

  crash_clear (&crash);
}

/* A first start killed while it creates the database, its folders and its
 * first records: a twentieth as many kills, each on a new clinic folder,
 * then verify, and a writer that must get its patient and photos in. */
static void
test_kill_creating (void)
{
  guint n_kills = get_env_uint ("DC_CRASH_KILLS", DEFAULT_KILLS) / 20;
  guint32 seed = get_env_uint ("DC_CRASH_SEED", g_random_int ());
  gint64 creation_us = 0;
  guint n_ready = 0;

  g_test_message ("seed %u (DC_CRASH_SEED=%u reproduces the delays and data)", seed, seed);
  for (guint i = 0; i < n_kills; i++)
    {
      Crash crash = { 0 };
      Run runs[2] = { { 0 } };

      crash_init (&crash, seed + i);
      if (i == 0)
        {
          g_auto(Run) pace = { 0 };

          measure_pace (&crash, &pace);
          creation_us = crash.startup_us + crash.iteration_us;
          g_test_message ("a first start and patient: %.1f ms", creation_us / 1000.0);
          crash_clear (&crash);
          crash_init (&crash, seed + i);
        }

      run_writer (&crash, (gint64) g_rand_double_range (crash.rand, 0, creation_us), -1,
                  &runs[0]);
      check_temp_files (&crash, &runs[0]);
      n_ready += runs[0].ready;
      run_verify (&crash);

      run_writer (&crash, -1, 1, &runs[1]);
      check_temp_files (&crash, &runs[1]);
      g_assert_cmpuint (runs[1].patients->len, ==, 1);
      g_assert_cmpuint (runs[1].photos->len, ==, 2);
      g_assert_true (((Patient *) g_ptr_array_index (runs[1].patients, 0))->committed);
      check_after (&crash, runs, 2, TRUE);
      g_assert_cmpuint (crash.failures, ==, 0);
      g_assert_cmpuint (crash.lost, ==, 0);
      crash_clear (&crash);
      run_clear (&runs[0]);
      run_clear (&runs[1]);
    }

  g_test_message ("kills while creating a clinic: %u, %u of them after the store was open",
                  n_kills, n_ready);
}

/* The window's start removes what an interrupted import left, too. */
static void
test_window_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dermachart-crash-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *fan = g_build_filename (dir, "photos", "derived", "cd", NULL);
  g_autofree char *temp = g_build_filename (fan, ".import-Qr56St", NULL);
  const char *argv[] = { g_getenv ("DERMACHART"), "--db", db, NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  DcStore *store;
  int wait_status;
  GPid pid;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("no display");
      rm_rf (dir);
      return;
    }

  g_assert_no_error (error);
  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  close_store (store);
  g_assert_cmpint (g_mkdir_with_parents (fan, 0700), ==, 0);
  g_assert_true (g_file_set_contents_full (temp, "half a thumbnail", -1, 0, 0600, NULL));

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);
  while (g_file_test (temp, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_cmpint (kill (pid, SIGTERM), ==, 0);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);

  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DERMACHART") == NULL)
    {
      g_printerr ("DERMACHART must name the program to test\n");
      return 1;
    }

  g_test_add_func ("/crash/kill-writer", test_kill_writer);
  g_test_add_func ("/crash/kill-creating", test_kill_creating);
  g_test_add_func ("/crash/window-start", test_window_start);

  return g_test_run ();
}
