/* crash-writer.c: the writer that test-crash kills.
 *
 * It does what "dermachart import FILE" and "dermachart import-photos
 * --session UUID FILE…" do, with the same library calls after the same
 * store opening (dc-cli.c), over and over with a new invented patient
 * each time, until it is killed. A test program rather than a verb: a
 * command that imports made-up patients forever is of no use to a clinic.
 *
 * One line per step on stdout, written and flushed before the step starts
 * or after it has returned, so that what the test reads after a kill says
 * what was attempted and what was reported committed:
 *
 *   ready N                                 store open, N temporary files removed
 *   begin patient UUID FILE                 importing the record in FILE
 *   committed patient UUID                  dc_record_json_import() returned it
 *   begin photo SHA256 SESSION-UUID FILE    importing FILE into the session
 *   committed photo SHA256 SESSION-UUID     the importer reported it imported
 *
 * Each patient comes with a signed session and a draft one, zone
 * treatments in both, and the clinic's one practitioner and device (the
 * same UUIDs each time, so later imports reuse them). Two small JPEGs of
 * random pixels go into the draft session; every third time the second is
 * the first one of the patient before, so a file is shared between
 * sessions. With --photos-first, two photos go into that (draft) session
 * before the first patient, so that kills soon after the start meet photo
 * imports too. Any refusal is a bug: it is reported on stderr, exit status
 * 1. */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "dc-photo-importer.h"
#include "dc-photo-library.h"
#include "dc-record-json.h"
#include "dc-store.h"
#include "dc-zone-rules.h"

#define PRACTITIONER_UUID "5d1f3c2e-8a47-4b6e-9f10-2c3d4e5f6a70"
#define DEVICE_UUID       "7e2a4b6c-1d3f-4a5b-8c9d-0e1f2a3b4c5d"
#define TIMESTAMP         "2026-03-02T08:00:00Z"

static const char *const family_names[] = {
  "Testmann", "Probst", "Beispiel", "Muster", "Fictif", "Inventado", "Ejemplo", "Sample",
};
static const char *const given_names[] = {
  "Ada", "Bruno", "Clara", "Dario", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas",
};

/* Zones with a depth inside their guidance, on the device's 0.1 mm steps. */
static const struct
{
  const char *zone;
  double      depth;
} zones[] = {
  { "forehead", 0.4 }, { "nose", 0.5 }, { "cheek-left", 0.8 }, { "cheek-right", 0.8 },
  { "chin", 0.7 }, { "neck", 0.3 }, { "glabella", 0.3 },
};

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

/* A line on stdout, out of the process before the next step begins. */
static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static void G_GNUC_NORETURN
die (const char   *what,
     const GError *error)
{
  fflush (stdout);
  fprintf (stderr, "crash-writer: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
begin_record (JsonBuilder *builder,
              const char  *uuid)
{
  json_builder_begin_object (builder);
  add_string (builder, "uuid", uuid);
  add_string (builder, "created-at", TIMESTAMP);
  add_string (builder, "updated-at", TIMESTAMP);
}

static void
add_zones (JsonBuilder *builder,
           GRand       *rand)
{
  guint n = g_rand_int_range (rand, 1, 4);
  guint first = g_rand_int_range (rand, 0, G_N_ELEMENTS (zones));

  json_builder_set_member_name (builder, "zone-treatments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      guint z = (first + i) % G_N_ELEMENTS (zones);

      begin_record (builder, uuid);
      add_string (builder, "zone", zones[z].zone);
      add_string (builder, "device-id", DEVICE_UUID);
      add_double (builder, "depth-mm", zones[z].depth);
      add_int (builder, "passes", g_rand_int_range (rand, 1, 4));
      add_int (builder, "needle-count", 16);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* A patient's record in the export format, with new UUIDs; the draft
 * session's UUID is returned in @draft_uuid. */
static char *
make_record (GRand  *rand,
             guint   iteration,
             char  **patient_uuid,
             char  **draft_uuid)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *signed_uuid = g_uuid_string_random ();
  g_autofree char *birth_date = NULL;
  g_autofree char *given = NULL;

  *patient_uuid = g_uuid_string_random ();
  *draft_uuid = g_uuid_string_random ();
  birth_date = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1950, 2006),
                                g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  given = g_strdup_printf ("%s %u", given_names[g_rand_int_range (rand, 0,
                                                                 G_N_ELEMENTS (given_names))],
                           iteration);

  json_builder_begin_object (builder);
  add_string (builder, "format", DC_RECORD_FORMAT_NAME);
  add_int (builder, "version", DC_RECORD_FORMAT_VERSION);

  json_builder_set_member_name (builder, "patient");
  begin_record (builder, *patient_uuid);
  add_string (builder, "family-name",
              family_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (family_names))]);
  add_string (builder, "given-name", given);
  add_string (builder, "birth-date", birth_date);
  add_string (builder, "sex", g_rand_boolean (rand) ? "female" : "male");
  add_int (builder, "fitzpatrick", g_rand_int_range (rand, 1, 7));
  add_string (builder, "language", "en");
  json_builder_set_member_name (builder, "consent");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "clinical");
  json_builder_end_array (builder);
  add_string (builder, "notes", "Invented for the crash test.");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_array (builder);

  begin_record (builder, signed_uuid);
  add_string (builder, "practitioner-id", PRACTITIONER_UUID);
  add_string (builder, "started-at", "2026-02-02T09:30:00Z");
  add_string (builder, "status", "signed");
  add_string (builder, "signed-by", PRACTITIONER_UUID);
  add_string (builder, "signed-at", "2026-02-02T10:15:00Z");
  add_zones (builder, rand);
  json_builder_set_member_name (builder, "side-effects");
  json_builder_begin_array (builder);
  {
    g_autofree char *uuid = g_uuid_string_random ();

    begin_record (builder, uuid);
    add_string (builder, "kind", "redness");
    add_int (builder, "severity", g_rand_int_range (rand, 0, 4));
    add_string (builder, "onset", "2026-02-02");
    json_builder_end_object (builder);
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  begin_record (builder, *draft_uuid);
  add_string (builder, "practitioner-id", PRACTITIONER_UUID);
  add_string (builder, "started-at", "2026-03-02T09:30:00Z");
  add_string (builder, "status", "draft");
  add_zones (builder, rand);
  json_builder_end_object (builder);

  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "practitioners");
  json_builder_begin_array (builder);
  begin_record (builder, PRACTITIONER_UUID);
  add_string (builder, "name", "Dr. Invented Tester");
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "devices");
  json_builder_begin_array (builder);
  begin_record (builder, DEVICE_UUID);
  add_string (builder, "kind", "pen");
  add_string (builder, "make", "Testwerk");
  add_string (builder, "model", "CT-1");
  add_double (builder, "depth-min", 0.2);
  add_double (builder, "depth-max", 3.0);
  add_double (builder, "depth-step", 0.1);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* A small JPEG of random pixels: every one has its own checksum. */
static GBytes *
make_photo (GRand *rand)
{
  int width = g_rand_int_range (rand, 24, 65);
  int height = g_rand_int_range (rand, 24, 65);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *buffer = NULL;
  gsize length = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = (guint8) g_rand_int (rand);

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", &error, "quality", "90",
                                  NULL))
    die ("cannot encode a photo", error);
  return g_bytes_new_take (buffer, length);
}

typedef struct
{
  const char *session_uuid;
  gboolean    refused;
} ImportState;

/* As the command line's progress callback, but the line is the test's. */
static void
photo_progress_cb (DcPhotoImporter     *importer,
                   guint                n_done,
                   guint                n_total,
                   DcPhotoImportResult *result,
                   gpointer             user_data)
{
  ImportState *state = user_data;
  DcPhoto *photo = dc_photo_import_result_get_photo (result);

  switch (dc_photo_import_result_get_status (result))
    {
    case DC_PHOTO_IMPORT_IMPORTED:
      say ("committed photo %s %s", dc_photo_get_sha256 (photo), state->session_uuid);
      break;

    case DC_PHOTO_IMPORT_DUPLICATE:
      fprintf (stderr, "crash-writer: %s: unexpectedly a duplicate\n",
               dc_photo_import_result_get_path (result));
      state->refused = TRUE;
      break;

    case DC_PHOTO_IMPORT_REFUSED:
    default:
      fprintf (stderr, "crash-writer: refused: %s\n",
               dc_photo_import_result_get_error (result)->message);
      state->refused = TRUE;
      break;
    }
}

static void
import_photos (DcStore    *store,
               const char *work,
               const char *prefix,
               const char *session_uuid,
               GBytes     *photos[2])
{
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(DcPhotoImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  char *paths[3] = { NULL };
  ImportState state = { session_uuid, FALSE };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.jpg", prefix, i);
      g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photos[i]);

      paths[i] = g_build_filename (work, name, NULL);
      if (!g_file_set_contents (paths[i], g_bytes_get_data (photos[i], NULL),
                                g_bytes_get_size (photos[i]), &error))
        die ("cannot write a photo to import", error);
      say ("begin photo %s %s %s", sha256, session_uuid, paths[i]);
    }

  /* As verb_import_photos() does it. */
  session = dc_store_load_by_uuid (store, DC_TYPE_SESSION, session_uuid, &error);
  if (session == NULL)
    die ("cannot load the session", error);
  patient = dc_store_load (store, DC_TYPE_PATIENT, dc_session_get_patient_id (session), &error);
  if (patient == NULL)
    die ("cannot load the patient", error);

  importer = dc_photo_importer_new (store, dc_record_get_id (DC_RECORD (session)));
  dc_photo_importer_set_consent (importer, dc_patient_get_consent (patient));
  g_signal_connect (importer, "progress", G_CALLBACK (photo_progress_cb), &state);
  results = dc_photo_importer_import (importer, (const char * const *) paths, NULL, &error);
  if (results == NULL)
    die ("cannot import photos", error);
  if (state.refused)
    exit (1);

  for (guint i = 0; i < 2; i++)
    {
      g_unlink (paths[i]);
      g_free (paths[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— import until killed");
  g_autoptr(DcStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GBytes) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *work = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *photos_first = NULL;
  gint64 seed = 0;
  int iterations = -1;
  guint n_removed = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The database", "PATH" },
    { "work", 0, 0, G_OPTION_ARG_FILENAME, &work, "Where to write the files to import", "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed for the invented data", "N" },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &iterations, "Stop after N patients", "N" },
    { "photos-first", 0, 0, G_OPTION_ARG_STRING, &photos_first,
      "Begin with two photos for this session", "UUID" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("bad arguments", error);
  if (db == NULL || work == NULL)
    die ("--db and --work are needed", NULL);

  /* As open_store() in dc-cli.c. */
  store = dc_store_open (db, &error);
  if (store == NULL)
    die ("cannot open the database", error);
  dc_zone_rules_install (store);
  actor = g_strdup_printf ("%s (crash-writer)", g_get_user_name ());
  dc_store_set_actor (store, actor);
  if (!dc_photo_library_remove_temp_files (dc_store_get_photo_dir (store), &n_removed, &error))
    die ("cannot remove temporary photo files", error);
  say ("ready %u", n_removed);

  rand = g_rand_new_with_seed ((guint32) seed);
  if (photos_first != NULL)
    {
      GBytes *photos[2] = { make_photo (rand), make_photo (rand) };

      import_photos (store, work, "photo-first", photos_first, photos);
      g_bytes_unref (photos[0]);
      g_bytes_unref (photos[1]);
    }

  for (guint i = 0; iterations < 0 || i < (guint) iterations; i++)
    {
      g_autofree char *patient_uuid = NULL;
      g_autofree char *draft_uuid = NULL;
      g_autofree char *json = make_record (rand, i, &patient_uuid, &draft_uuid);
      g_autofree char *name = g_strdup_printf ("patient-%s.json", patient_uuid);
      g_autofree char *path = g_build_filename (work, name, NULL);
      g_autoptr(DcPatient) patient = NULL;
      g_autofree char *prefix = NULL;
      GBytes *photos[2];

      /* The file stays: the test compares the database with it. */
      if (!g_file_set_contents (path, json, -1, &error))
        die ("cannot write the record to import", error);

      say ("begin patient %s %s", patient_uuid, path);
      patient = dc_record_json_import (store, json, -1, &error);
      if (patient == NULL)
        die ("the record was not imported", error);
      say ("committed patient %s", patient_uuid);

      photos[0] = make_photo (rand);
      photos[1] = previous != NULL && i % 3 == 2 ? g_bytes_ref (previous) : make_photo (rand);
      prefix = g_strdup_printf ("photo-%u", i);
      import_photos (store, work, prefix, draft_uuid, photos);
      g_clear_pointer (&previous, g_bytes_unref);
      previous = photos[0];
      g_bytes_unref (photos[1]);
    }

  return EXIT_SUCCESS;
}
