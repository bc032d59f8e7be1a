/* dc-demo-large.c: a large invented clinic.
 *
 * Ten years of a busy clinic: by default 10 000 patients with one to
 * nineteen sessions each (ten on average, so about 100 000), ten zones a
 * session (a million zone rows), three photos a session (300 000) and an
 * audit row for every one of them. Everything goes through dc_store_save(),
 * with the same validation, zone rules and audit triggers as records
 * entered by hand, so the database is one the program could have written.
 *
 * Photos are rows that share a pool of a few dozen synthetic pictures: the
 * library stores each picture once, by its hash, so the rows are real but
 * the disk holds megabytes, not the hundreds of gigabytes of a real clinic.
 * Everything else is generated from a fixed seed, the same on every run;
 * only the dates follow today, as in the small demo.
 *
 * Patients are committed in batches, so the write-ahead log stays small; an
 * interrupted run leaves the batches before it, consistent. */

#include "config.h"

#include "dc-demo-large.h"

#include <math.h>

#include "dc-demo-photos.h"
#include "dc-demo.h"
#include "dc-photo-import.h"
#include "dc-photo-library.h"
#include "dc-zone-catalogue.h"
#include "dc-zone-rules.h"

#define PATIENTS_PER_BATCH 250
#define ZONES_PER_SESSION  10
#define POOL_VARIANTS      4
#define SEED               20261125

/* The photos a session gets: the views before, then frontal after. */
static const DcPhotoView before_views[] = {
  DC_PHOTO_VIEW_FRONTAL,
  DC_PHOTO_VIEW_OBLIQUE_LEFT,
  DC_PHOTO_VIEW_OBLIQUE_RIGHT,
  DC_PHOTO_VIEW_CLOSE_UP,
};

typedef struct
{
  char *sha256;
  char *file_name;
  int   width;
  int   height;
} PoolPhoto;

typedef struct
{
  DcStore              *store;
  DcDemoCatalogue       catalogue;
  gboolean              has_catalogue;
  GRand                *rand;
  GDateTime            *today;
  /* [view][phase][variant]: before and after */
  PoolPhoto             pool[G_N_ELEMENTS (before_views)][2][POOL_VARIANTS];
  const char *const    *zone_ids;
  guint                 n_zones;
  guint                 n_patients;
  guint                 next_patient;
  guint                 n_photo_rows;
} Large;

/* Invented names, common in the countries of the clinic's patients, some
 * with the accents that the search must see through. */
static const char *const family_names[] = {
  "Albrecht", "Almeida", "Andersen", "Bauer", "Becker", "Benali", "Bergström", "Bianchi",
  "Blanc", "Böhm", "Brandt", "Brunner", "Castillo", "Chevalier", "Costa", "Dahl", "Dubois",
  "Duarte", "Eriksen", "Esposito", "Fernández", "Fischer", "Fontaine", "Friedrich",
  "García", "Gauthier", "Graf", "Günther", "Haas", "Hahn", "Hansen", "Hartmann", "Herrera",
  "Hoffmann", "Horvat", "Ibrahim", "Jansen", "Jovanović", "Kaiser", "Keller", "Khalil",
  "Klein", "Koch", "Kowalski", "Krüger", "Lambert", "Lange", "Laurent", "Lehmann", "Lindholm",
  "López", "Lorenz", "Maier", "Marchand", "Martín", "Meyer", "Moreau", "Moreno", "Müller",
  "Navarro", "Neumann", "Nielsen", "Novak", "Okafor", "Olsen", "Ortiz", "Otto", "Peters",
  "Petit", "Pohl", "Quintana", "Rahman", "Ramos", "Richter", "Rossi", "Roux", "Ruiz",
  "Saleh", "Sánchez", "Sauer", "Schäfer", "Schmid", "Schneider", "Schulz", "Schwarz",
  "Silva", "Simon", "Sommer", "Stein", "Suárez", "Vogel", "Vidal", "Wagner", "Walter",
  "Weiß", "Werner", "Winkler", "Wolf", "Yılmaz", "Zimmermann",
};

static const char *const given_names[] = {
  "Adèle", "Aisha", "Alba", "Amira", "Anna", "Antonia", "Beatriz", "Camille", "Carla",
  "Chiara", "Clara", "Dalia", "Elena", "Elif", "Emma", "Eva", "Fatima", "Frida", "Greta",
  "Hanna", "Inès", "Irene", "Isabel", "Jana", "Johanna", "Julia", "Karin", "Laila", "Lara",
  "Lea", "Léa", "Lena", "Lucía", "Luisa", "Maja", "Marie", "Marta", "Mila", "Mira", "Nadia",
  "Nora", "Olivia", "Paula", "Rana", "Rosa", "Sara", "Sofia", "Theresa", "Valérie", "Zoé",
  "Adam", "Ahmed", "Andrés", "Ben", "Carlos", "David", "Elias", "Felix", "Hugo", "Jonas",
  "José", "Karim", "Leon", "Luca", "Lukas", "Mateo", "Noah", "Omar", "Paul", "Tobias",
};

static const char *const languages[] = { "en", "en", "de", "de", "de", "fr", "es", "ar" };

static const char *const session_notes[] = {
  NULL,
  NULL,
  "Tolerated well. Aftercare sheet given.",
  "Mild discomfort over the forehead; numbing time extended next visit.",
  "Patient reports smoother texture since the last visit.",
  "Photographs under the same lighting as the previous session.",
};

static void
pool_photo_clear (PoolPhoto *photo)
{
  g_clear_pointer (&photo->sha256, g_free);
  g_clear_pointer (&photo->file_name, g_free);
}

static void
large_clear (Large *large)
{
  if (large->has_catalogue)
    dc_demo_catalogue_clear (&large->catalogue);
  for (guint v = 0; v < G_N_ELEMENTS (large->pool); v++)
    for (guint p = 0; p < 2; p++)
      for (guint i = 0; i < POOL_VARIANTS; i++)
        pool_photo_clear (&large->pool[v][p][i]);
  g_clear_pointer (&large->rand, g_rand_free);
  g_clear_pointer (&large->today, g_date_time_unref);
}

/* Renders and imports the pictures the photo rows share. The caller holds
 * the photo library's lock until the rows are committed, so a garbage
 * collection cannot take the files in between. */
static gboolean
import_pool (Large         *large,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *photo_dir = dc_store_get_photo_dir (large->store);

  for (guint v = 0; v < G_N_ELEMENTS (before_views); v++)
    for (guint phase = 0; phase < 2; phase++)
      for (guint i = 0; i < POOL_VARIANTS; i++)
        {
          PoolPhoto *photo = &large->pool[v][phase][i];
          g_autofree char *caption = NULL;
          g_autofree char *file_name = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(DcPhotoSource) source = NULL;
          g_autoptr(DcImportedFile) imported = NULL;

          /* After the session, only the frontal view is taken. */
          if (phase == 1 && v > 0)
            continue;

          caption = g_strdup_printf ("Synthetic photo %u-%u-%u", v, phase, i);
          file_name = g_strdup_printf ("DC_%u%u%u.jpg", v, phase, i);
          bytes = dc_demo_photo_render (before_views[v],
                                        phase == 0 ? DC_PHOTO_PHASE_BEFORE
                                                   : DC_PHOTO_PHASE_AFTER,
                                        2 + i, phase == 0 ? 0.9 : 0.5, caption, error);
          if (bytes == NULL)
            return FALSE;
          source = dc_photo_source_new_for_bytes (bytes, file_name, error);
          if (source == NULL)
            return FALSE;
          imported = dc_photo_source_import (source, photo_dir, cancellable, error);
          if (imported == NULL)
            return FALSE;

          photo->sha256 = g_strdup (imported->sha256);
          photo->file_name = g_strdup (imported->file_name);
          photo->width = imported->width;
          photo->height = imported->height;
        }

  return TRUE;
}

static gboolean
save_new (DcStore    *store,
          DcRecord   *record,
          const char *created_at,
          GError    **error)
{
  /* A new record keeps the timestamps it is given: the day it was made. */
  dc_record_set_timestamps (record, created_at, created_at);
  return dc_store_save (store, record, error);
}

static DcPatient *
add_patient (Large    *large,
             guint     index,
             GError  **error)
{
  GRand *rand = large->rand;
  g_autoptr(DcPatient) patient = dc_patient_new ();
  const char *family_name;
  const char *given_name;
  g_autofree char *birth_date = NULL;
  g_autofree char *email = NULL;
  g_autofree char *email_name = NULL;
  g_autofree char *ascii_name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *created_at = NULL;
  guint consent = DC_CONSENT_CLINICAL;
  int fitzpatrick;
  int sex_draw;

  if (index == 0)
    {
      family_name = DC_DEMO_LARGE_BUSY_FAMILY_NAME;
      given_name = DC_DEMO_LARGE_BUSY_GIVEN_NAME;
    }
  else
    {
      family_name = family_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (family_names))];
      given_name = given_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_names))];
    }

  birth_date = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1948, 2006),
                                g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  ascii_name = g_str_to_ascii (given_name, "C");
  email_name = g_ascii_strdown (ascii_name, -1);
  email = g_strdup_printf ("%s.%u@example.org", email_name, index + 1);
  phone = g_strdup_printf ("+49 30 5551 %04u", index % 10000);
  /* Types I–III are the most common, then IV, and V and VI least. */
  fitzpatrick = (int) MIN (6, 1 + g_rand_int_range (rand, 0, 4) + g_rand_int_range (rand, 0, 3));
  sex_draw = g_rand_int_range (rand, 0, 100);
  if (g_rand_int_range (rand, 0, 4) == 0)
    consent |= DC_CONSENT_TEACHING;

  dc_patient_set_family_name (patient, family_name);
  dc_patient_set_given_name (patient, given_name);
  dc_patient_set_birth_date (patient, birth_date);
  dc_patient_set_sex (patient, sex_draw < 78 ? DC_SEX_FEMALE
                               : sex_draw < 97 ? DC_SEX_MALE
                               : DC_SEX_UNKNOWN);
  dc_patient_set_fitzpatrick (patient, fitzpatrick);
  dc_patient_set_language (patient, languages[g_rand_int_range (rand, 0,
                                                                G_N_ELEMENTS (languages))]);
  dc_patient_set_email (patient, email);
  dc_patient_set_phone (patient, phone);
  dc_patient_set_consent (patient, consent);

  created_at = dc_timestamp_now ();
  if (!save_new (large->store, DC_RECORD (patient), created_at, error))
    return NULL;

  return g_steal_pointer (&patient);
}

/* A depth on the device's own steps, in the zone's guidance where the
 * device allows it; a reason where it does not (a roller's fixed length). */
static void
set_depth (Large           *large,
           DcZoneTreatment *zone,
           DcDevice        *device)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  DcDeviceKind kind = dc_device_get_kind (device);
  double step = dc_device_get_depth_step (device);
  double depth = kind == DC_DEVICE_ROLLER ? dc_device_get_needle_length (device)
                                          : dc_device_get_depth_min (device);
  DcZoneGuidance guidance;

  if (kind != DC_DEVICE_ROLLER && step > 0
      && dc_zone_rules_get_guidance (catalogue, NULL, dc_zone_treatment_get_zone (zone), kind,
                                     &guidance))
    {
      double wanted = guidance.min_mm + (guidance.max_mm - guidance.min_mm)
                                        * g_rand_double_range (large->rand, 0.2, 0.8);
      double steps = ceil ((wanted - dc_device_get_depth_min (device)) / step - 1e-9);

      depth = dc_device_get_depth_min (device) + MAX (0, steps) * step;
      depth = MIN (depth, dc_device_get_depth_max (device));
    }
  dc_zone_treatment_set_depth_mm (zone, depth);

  if (!dc_zone_rules_within_guidance (catalogue, NULL, zone, kind, &guidance))
    dc_zone_treatment_set_guidance_reason (zone, "Fixed needle length; light pressure, "
                                                 "fewer passes");
}

static gboolean
add_zones (Large      *large,
           DcSession  *session,
           DcDevice   *device,
           const char *created_at,
           GError    **error)
{
  guint first = g_rand_int_range (large->rand, 0, large->n_zones);
  gint64 session_id = dc_record_get_id (DC_RECORD (session));

  for (guint z = 0; z < MIN (ZONES_PER_SESSION, large->n_zones); z++)
    {
      g_autoptr(DcZoneTreatment) zone = dc_zone_treatment_new ();

      dc_zone_treatment_set_session_id (zone, session_id);
      dc_zone_treatment_set_zone (zone, large->zone_ids[(first + z) % large->n_zones]);
      dc_zone_treatment_set_device_id (zone, dc_record_get_id (DC_RECORD (device)));
      dc_zone_treatment_set_passes (zone, g_rand_int_range (large->rand, 1, 4));
      set_depth (large, zone, device);
      dc_demo_set_device_settings (zone, device, &large->catalogue);

      if (!save_new (large->store, DC_RECORD (zone), created_at, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_photo (Large          *large,
           DcPatient      *patient,
           DcSession      *session,
           guint           view,
           DcPhotoPhase    phase,
           const char     *taken_at,
           GError        **error)
{
  guint variant = g_rand_int_range (large->rand, 0, POOL_VARIANTS);
  const PoolPhoto *pooled = &large->pool[view][phase == DC_PHOTO_PHASE_BEFORE ? 0 : 1][variant];
  g_autoptr(DcPhoto) photo = dc_photo_new ();

  dc_photo_set_session_id (photo, dc_record_get_id (DC_RECORD (session)));
  dc_photo_set_sha256 (photo, pooled->sha256);
  dc_photo_set_file_name (photo, pooled->file_name);
  dc_photo_set_view (photo, before_views[view]);
  dc_photo_set_phase (photo, phase);
  dc_photo_set_taken_at (photo, taken_at);
  dc_photo_set_width (photo, pooled->width);
  dc_photo_set_height (photo, pooled->height);
  dc_photo_set_consent (photo, dc_patient_get_consent (patient));
  if (!save_new (large->store, DC_RECORD (photo), taken_at, error))
    return FALSE;

  large->n_photo_rows++;
  return TRUE;
}

/* One session, everything recorded in it, and its signature unless it is
 * the patient's latest. */
static gboolean
add_session (Large      *large,
             DcPatient  *patient,
             guint       patient_index,
             GDateTime  *day,
             GDateTime  *previous_day,
             DcDevice   *device,
             gboolean    latest,
             GError    **error)
{
  GRand *rand = large->rand;
  DcDemoCatalogue *catalogue = &large->catalogue;
  DcPractitioner *practitioner = catalogue->practitioners[g_rand_int_range (rand, 0, 2)];
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(DcProductUse) use = dc_product_use_new ();
  g_autoptr(GDateTime) next = g_date_time_add_weeks (day, 6);
  int hour = g_rand_int_range (rand, 9, 17);
  g_autofree char *started_at = dc_demo_local_timestamp (day, hour, 30);
  g_autofree char *before_at = dc_demo_local_timestamp (day, hour, 35);
  g_autofree char *after_at = dc_demo_local_timestamp (day, hour, 55);
  g_autofree char *anaesthetic_on = dc_demo_local_timestamp (day, hour - 1, 25);
  g_autofree char *anaesthetic_off = dc_demo_local_timestamp (day, hour, 25);
  g_autofree char *next_visit = g_date_time_format (next, "%Y-%m-%d");
  guint n_before = patient_index == 0 ? 3 : 2;
  static const DcIndication indications[] = {
    DC_INDICATION_ACNE_SCARS,
    DC_INDICATION_FINE_LINES,
    DC_INDICATION_TEXTURE,
    DC_INDICATION_FINE_LINES | DC_INDICATION_TEXTURE,
    DC_INDICATION_HYPERPIGMENTATION,
    DC_INDICATION_LAXITY,
  };

  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_practitioner_id (session, dc_record_get_id (DC_RECORD (practitioner)));
  dc_session_set_started_at (session, started_at);
  dc_session_set_indication (session, indications[patient_index % G_N_ELEMENTS (indications)]);
  dc_session_set_anaesthetic_lot_id (session,
                                     dc_record_get_id (DC_RECORD (catalogue->anaesthetic_lot)));
  dc_session_set_anaesthetic_strength (session, "23% / 7%");
  dc_session_set_anaesthetic_area (session, "Full face, under occlusion");
  dc_session_set_anaesthetic_on (session, anaesthetic_on);
  dc_session_set_anaesthetic_off (session, anaesthetic_off);
  dc_session_set_endpoint (session, g_rand_boolean (rand) ? DC_ENDPOINT_EVEN_ERYTHEMA
                                                          : DC_ENDPOINT_PINPOINT_BLEEDING);
  dc_session_set_notes (session,
                        session_notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (session_notes))]);
  dc_session_set_next_visit (session, next_visit);
  if (!save_new (large->store, DC_RECORD (session), started_at, error)
      || !dc_demo_acknowledge_warnings (large->store, patient, session, practitioner, device,
                                        day, previous_day, error))
    return FALSE;

  dc_product_use_set_session_id (use, dc_record_get_id (DC_RECORD (session)));
  dc_product_use_set_lot_id (use, dc_record_get_id (DC_RECORD (catalogue->serum_lot)));
  dc_product_use_set_amount (use, "2 ml");
  if (!save_new (large->store, DC_RECORD (use), started_at, error)
      || !add_zones (large, session, device, started_at, error))
    return FALSE;

  /* The busy patient's sessions have four photos each, the others three. */
  for (guint v = 0; v < n_before; v++)
    if (!add_photo (large, patient, session, v, DC_PHOTO_PHASE_BEFORE, before_at, error))
      return FALSE;
  if (!add_photo (large, patient, session, 0, DC_PHOTO_PHASE_AFTER, after_at, error))
    return FALSE;

  /* A little redness reported at follow-up, now and then. */
  if (g_rand_int_range (rand, 0, 20) == 0)
    {
      g_autoptr(DcSideEffect) effect = dc_side_effect_new ();
      g_autoptr(GDateTime) resolved = g_date_time_add_days (day, 2);
      g_autofree char *onset_text = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *resolved_text = g_date_time_format (resolved, "%Y-%m-%d");

      dc_side_effect_set_session_id (effect, dc_record_get_id (DC_RECORD (session)));
      dc_side_effect_set_kind (effect, DC_SIDE_EFFECT_REDNESS);
      dc_side_effect_set_severity (effect, 1);
      dc_side_effect_set_onset (effect, onset_text);
      dc_side_effect_set_resolved (effect, resolved_text);
      if (!save_new (large->store, DC_RECORD (effect), started_at, error))
        return FALSE;
    }

  if (!latest)
    {
      g_autofree char *signed_at = dc_demo_local_timestamp (day, hour + 1, 15);

      dc_session_set_status (session, DC_SESSION_SIGNED);
      dc_session_set_signed_by (session, dc_record_get_id (DC_RECORD (practitioner)));
      dc_session_set_signed_at (session, signed_at);
      if (!dc_store_save (large->store, DC_RECORD (session), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_course (Large      *large,
            DcPatient  *patient,
            guint       patient_index,
            GError    **error)
{
  GRand *rand = large->rand;
  guint n_sessions = patient_index == 0 ? DC_DEMO_LARGE_BUSY_SESSIONS
                                        : (guint) g_rand_int_range (rand, 1, 20);
  /* Sessions four to eight weeks apart, the latest somewhere in the last
   * ten years (today for the busy patient, whose course runs on). */
  int gaps[DC_DEMO_LARGE_BUSY_SESSIONS];
  int days_back = patient_index == 0 ? 0 : g_rand_int_range (rand, 0, 3650);
  DcDevice *device = large->catalogue.devices[g_rand_int_range (rand, 0, DC_DEMO_N_DEVICES)];
  g_autoptr(GDateTime) previous = NULL;

  g_assert (n_sessions <= G_N_ELEMENTS (gaps));

  for (guint s = 0; s < n_sessions; s++)
    {
      gaps[s] = s == 0 ? 0 : g_rand_int_range (rand, 28, 57);
      days_back += gaps[s];
    }

  for (guint s = 0; s < n_sessions; s++)
    {
      g_autoptr(GDateTime) day = NULL;

      if (s > 0)
        days_back -= gaps[s];
      day = g_date_time_add_days (large->today, -days_back);
      if (!add_session (large, patient, patient_index, day, previous, device,
                        s == n_sessions - 1, error))
        return FALSE;
      g_clear_pointer (&previous, g_date_time_unref);
      previous = g_date_time_ref (day);
    }

  return TRUE;
}

static gboolean
fill_batch (DcStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Large *large = data;
  guint end = MIN (large->n_patients, large->next_patient + PATIENTS_PER_BATCH);

  if (!large->has_catalogue)
    {
      if (!dc_demo_check_empty (store, error))
        return FALSE;
      if (!dc_demo_add_catalogue (store, &large->catalogue, error))
        {
          dc_demo_catalogue_clear (&large->catalogue);
          return FALSE;
        }
      large->has_catalogue = TRUE;
    }

  for (guint i = large->next_patient; i < end; i++)
    {
      g_autoptr(DcPatient) patient = add_patient (large, i, error);

      if (patient == NULL || !add_course (large, patient, i, error))
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * dc_demo_large_fill:
 * @n_patients: how many patients, at least 1 (DC_DEMO_LARGE_PATIENTS for
 *   the clinic of ten years)
 * @progress: (nullable): called after each batch of patients
 *
 * Fills an empty store with a large invented clinic, for benchmarks and
 * for trying Dermachart at scale. Blocking; refuses (DC_ERROR_NOT_EMPTY) a
 * store that holds patients. The first patient, Liselotte Amberg, has
 * DC_DEMO_LARGE_BUSY_SESSIONS sessions and DC_DEMO_LARGE_BUSY_PHOTOS photos.
 */
gboolean
dc_demo_large_fill (DcStore              *store,
                    guint                 n_patients,
                    DcDemoLargeProgress   progress,
                    gpointer              user_data,
                    GCancellable         *cancellable,
                    GError              **error)
{
  g_autoptr(DcPhotoLibraryLock) lock = NULL;
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  Large large = { 0 };
  gboolean ok;

  g_return_val_if_fail (DC_IS_STORE (store), FALSE);
  g_return_val_if_fail (n_patients > 0, FALSE);

  /* Refused before any photo is made; checked again with the first batch. */
  if (!dc_demo_check_empty (store, error))
    return FALSE;

  large.store = store;
  large.n_patients = n_patients;
  large.rand = g_rand_new_with_seed (SEED);
  large.today = g_date_time_new_now_local ();
  large.zone_ids = dc_zone_catalogue_get_zone_ids (catalogue);
  large.n_zones = dc_zone_catalogue_get_n_zones (catalogue);

  lock = dc_photo_library_lock (dc_store_get_photo_dir (store), error);
  ok = lock != NULL && import_pool (&large, cancellable, error);

  while (ok && large.next_patient < n_patients)
    {
      ok = dc_store_transaction_as (store, "Dermachart demo", fill_batch, &large, cancellable,
                                    error);
      if (ok)
        {
          large.next_patient = MIN (n_patients, large.next_patient + PATIENTS_PER_BATCH);
          if (progress != NULL)
            progress (large.next_patient, n_patients, user_data);
        }
    }

  large_clear (&large);
  return ok;
}
