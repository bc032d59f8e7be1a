/* test-zone-rules.c: the limits of a zone treatment, table-driven for the
 * three device families, and their enforcement by the store. */

#include "config.h"

#include "dc-demo.h"
#include "dc-device-presets.h"
#include "dc-test-util.h"
#include "dc-zone-rules.h"

static DcDevice *
make_device (DcDeviceKind kind)
{
  DcDevice *device = dc_device_new ();

  dc_device_set_kind (device, kind);
  switch (kind)
    {
    case DC_DEVICE_ROLLER:
      dc_device_set_model (device, "Roller 0.5");
      dc_device_set_needle_length (device, 0.5);
      dc_device_set_needle_count (device, 192);
      break;

    case DC_DEVICE_PEN:
      dc_device_set_model (device, "Pen 0.25");
      dc_device_set_depth_min (device, 0.0);
      dc_device_set_depth_max (device, 2.5);
      dc_device_set_depth_step (device, 0.25);
      dc_device_set_speed_min (device, 1);
      dc_device_set_speed_max (device, 5);
      break;

    case DC_DEVICE_RF:
      dc_device_set_model (device, "RF 4");
      dc_device_set_depth_min (device, 0.5);
      dc_device_set_depth_max (device, 4.0);
      dc_device_set_depth_step (device, 0.1);
      dc_device_set_energy_unit (device, DC_ENERGY_LEVEL);
      dc_device_set_energy_min (device, 1);
      dc_device_set_energy_max (device, 60);
      dc_device_set_pulse_min (device, 20);
      dc_device_set_pulse_max (device, 400);
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_true (dc_record_validate (DC_RECORD (device), NULL));
  return device;
}

typedef struct
{
  DcDeviceKind  kind;
  const char   *zone;
  double        depth;
  int           speed;
  double        energy;
  double        pulse;
  const char   *reason;
  int           expected;   /* -1: allowed; else the DcError code */
  const char   *message;    /* part of the message, or NULL */
} Case;

static const Case cases[] = {
  /* Roller: the depth is the needle length. */
  { DC_DEVICE_ROLLER, "forehead", 0.5, 0, 0, 0, NULL, -1, NULL },
  { DC_DEVICE_ROLLER, "forehead", 0.75, 0, 0, 0, NULL, DC_ERROR_INVALID, "fixed 0.5 mm" },
  { DC_DEVICE_ROLLER, "cheek-left", 0.5, 0, 0, 0, NULL, -1, NULL },
  { DC_DEVICE_ROLLER, "forehead", 0.5, 0, 10, 0, NULL, DC_ERROR_INVALID, "no radiofrequency" },
  /* Pen: range and step. */
  { DC_DEVICE_PEN, "cheek-left", 1.0, 3, 0, 0, NULL, -1, NULL },
  { DC_DEVICE_PEN, "cheek-left", 0.75, 0, 0, 0, NULL, -1, NULL },
  { DC_DEVICE_PEN, "cheek-left", 0.8, 0, 0, 0, NULL, DC_ERROR_INVALID, "steps of 0.25 mm" },
  { DC_DEVICE_PEN, "cheek-left", 3.0, 0, 0, 0, "scars", DC_ERROR_INVALID, "0–2.5 mm" },
  { DC_DEVICE_PEN, "cheek-left", 1.0, 9, 0, 0, NULL, DC_ERROR_INVALID, "speed setting" },
  { DC_DEVICE_PEN, "nowhere", 1.0, 0, 0, 0, NULL, DC_ERROR_INVALID, "not a known zone" },
  /* Pen: guidance (cheeks 0.5–1 mm) needs a reason outside it. */
  { DC_DEVICE_PEN, "cheek-right", 1.5, 0, 0, 0, NULL, DC_ERROR_UNACKNOWLEDGED, "0.5–1 mm" },
  { DC_DEVICE_PEN, "cheek-right", 1.5, 0, 0, 0, "Acne scars", -1, NULL },
  { DC_DEVICE_PEN, "periorbital-left", 0.5, 0, 0, 0, NULL, DC_ERROR_UNACKNOWLEDGED, NULL },
  /* RF: depth, energy, pulse. */
  { DC_DEVICE_RF, "cheek-left", 2.0, 0, 30, 150, NULL, -1, NULL },
  { DC_DEVICE_RF, "cheek-left", 4.5, 0, 30, 150, "x", DC_ERROR_INVALID, "0.5–4 mm" },
  { DC_DEVICE_RF, "cheek-left", 2.0, 0, 80, 150, NULL, DC_ERROR_INVALID, "an energy" },
  { DC_DEVICE_RF, "cheek-left", 2.0, 0, 30, 900, NULL, DC_ERROR_INVALID, "a pulse" },
  { DC_DEVICE_RF, "cheek-left", 2.05, 0, 30, 150, NULL, DC_ERROR_INVALID, "steps of 0.1 mm" },
  { DC_DEVICE_RF, "cheek-left", 0.3, 0, 30, 150, NULL, DC_ERROR_INVALID, NULL },
};

static DcZoneTreatment *
make_treatment (const Case *c)
{
  DcZoneTreatment *treatment = dc_zone_treatment_new ();

  dc_zone_treatment_set_session_id (treatment, 1);
  dc_zone_treatment_set_zone (treatment, c->zone);
  dc_zone_treatment_set_depth_mm (treatment, c->depth);
  dc_zone_treatment_set_speed (treatment, c->speed);
  dc_zone_treatment_set_energy (treatment, c->energy);
  dc_zone_treatment_set_pulse_ms (treatment, c->pulse);
  dc_zone_treatment_set_guidance_reason (treatment, c->reason);
  return treatment;
}

static void
test_table (void)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(DcDevice) device = make_device (c->kind);
      g_autoptr(DcZoneTreatment) treatment = make_treatment (c);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ok = dc_zone_rules_check (catalogue, NULL, treatment, device, &error);
      g_test_message ("case %u: %s", i, error != NULL ? error->message : "allowed");
      if (c->expected < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, DC_ERROR, c->expected);
          if (c->message != NULL)
            g_assert_nonnull (strstr (error->message, c->message));
        }
    }
}

static void
test_no_device (void)
{
  g_autoptr(DcZoneTreatment) treatment = make_treatment (&cases[0]);
  g_autoptr(GError) error = NULL;

  g_assert_false (dc_zone_rules_check (dc_zone_catalogue_get_default (), NULL, treatment,
                                       NULL, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
}

static void
test_guidance (void)
{
  const Case c = { DC_DEVICE_RF, "cheek-left", 2.5 };
  g_autoptr(DcZoneTreatment) treatment = make_treatment (&c);
  DcZoneGuidance guidance;

  /* Deeper is usual for RF than for a pen. */
  g_assert_true (dc_zone_rules_within_guidance (dc_zone_catalogue_get_default (), NULL,
                                                treatment, DC_DEVICE_RF, &guidance));
  g_assert_false (dc_zone_rules_within_guidance (dc_zone_catalogue_get_default (), NULL,
                                                 treatment, DC_DEVICE_PEN, &guidance));
  g_assert_cmpfloat_with_epsilon (guidance.max_mm, 1.0, 1e-9);
  g_assert_nonnull (guidance.source);
}

/* The presets carry DOMAIN.md's ranges, cover every family, and leave what
 * the reference does not give unset rather than guessed. */
static void
test_presets (void)
{
  GListModel *presets = dc_device_presets_get_default ();
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean families[3] = { FALSE };
  DcDevice *preset;
  g_autoptr(DcDevice) copy = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (presets), >=, 5);
  for (guint i = 0; i < g_list_model_get_n_items (presets); i++)
    {
      g_autoptr(DcDevice) device = g_list_model_get_item (presets, i);
      const char *uuid = dc_record_get_uuid (DC_RECORD (device));

      g_assert_true (dc_record_validate (DC_RECORD (device), NULL));
      g_assert_true (dc_device_get_builtin (device));
      g_assert_cmpint (dc_record_get_id (DC_RECORD (device)), ==, 0);
      g_assert_true (g_hash_table_add (uuids, (gpointer) uuid));
      g_assert_true (dc_device_presets_lookup (uuid) == device);
      families[dc_device_get_kind (device)] = TRUE;
    }
  g_assert_true (families[DC_DEVICE_PEN]);
  g_assert_true (families[DC_DEVICE_ROLLER]);
  g_assert_true (families[DC_DEVICE_RF]);

  preset = dc_device_presets_lookup ("d2b47e2d-4f7f-451f-b525-ec6860abf869");
  g_assert_nonnull (preset);
  g_assert_cmpstr (dc_device_get_model (preset), ==, "Dermapen 4");
  g_assert_cmpint (dc_device_get_kind (preset), ==, DC_DEVICE_PEN);
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_min (preset), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_max (preset), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_step (preset), 0.1, 1e-9);

  preset = dc_device_presets_lookup ("39116290-ad19-48ee-9017-e7efbdd4e4c0");
  g_assert_cmpstr (dc_device_get_model (preset), ==, "SkinPen Precision");
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_max (preset), 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_step (preset), 0.25, 1e-9);
  g_assert_cmpint (dc_device_get_speed_min (preset), ==, dc_device_get_speed_max (preset));

  preset = dc_device_presets_lookup ("050fcddc-1905-4d06-8fc2-1f1dfc09d8c7");
  g_assert_cmpstr (dc_device_get_model (preset), ==, "Morpheus8");
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_max (preset), 4.0, 1e-9);
  g_assert_cmpfloat (dc_device_get_energy_max (preset), ==, 0);
  g_assert_cmpfloat (dc_device_get_pulse_max (preset), ==, 0);

  g_assert_null (dc_device_presets_lookup ("00000000-0000-4000-8000-000000000000"));

  /* The clinic's copy keeps the UUID and is independent of the preset. */
  copy = dc_device_presets_instantiate (preset);
  g_assert_cmpstr (dc_record_get_uuid (DC_RECORD (copy)), ==,
                   dc_record_get_uuid (DC_RECORD (preset)));
  dc_device_set_energy_unit (copy, DC_ENERGY_LEVEL);
  dc_device_set_energy_max (copy, 60);
  g_assert_cmpfloat (dc_device_get_energy_max (preset), ==, 0);
}

/* An RF preset whose energy, pulse and step are not set records the values
 * unchecked, and still holds the practitioner to its depth range. */
static void
test_unset_ranges (void)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  DcDevice *morpheus = dc_device_presets_lookup ("050fcddc-1905-4d06-8fc2-1f1dfc09d8c7");
  const Case allowed = { DC_DEVICE_RF, "cheek-left", 2.05, 0, 45, 250 };
  const Case too_deep = { DC_DEVICE_RF, "cheek-left", 4.5, 0, 45, 250, "scars" };
  g_autoptr(DcZoneTreatment) treatment = make_treatment (&allowed);
  g_autoptr(GError) error = NULL;

  g_assert_true (dc_zone_rules_check (catalogue, NULL, treatment, morpheus, &error));
  g_assert_no_error (error);

  g_clear_object (&treatment);
  treatment = make_treatment (&too_deep);
  g_assert_false (dc_zone_rules_check (catalogue, NULL, treatment, morpheus, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0.5–4 mm"));
}

/* The same rules hold in the store, whatever saves the record. */
static void
test_store (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(DcPatient) patient = make_patient ("Rules", "Store", "1985-05-05");
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(DcDevice) device = make_device (DC_DEVICE_PEN);
  g_autoptr(DcZoneTreatment) treatment = NULL;
  const Case c = { DC_DEVICE_PEN, "cheek-left", 1.5 };
  g_autoptr(GError) error = NULL;

  dc_zone_rules_install (fixture->store);

  g_assert_true (dc_store_save (fixture->store, DC_RECORD (patient), NULL));
  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (session, "2026-10-01T09:00:00Z");
  g_assert_true (dc_store_save (fixture->store, DC_RECORD (session), NULL));
  g_assert_true (dc_store_save (fixture->store, DC_RECORD (device), NULL));

  treatment = make_treatment (&c);
  dc_zone_treatment_set_session_id (treatment, dc_record_get_id (DC_RECORD (session)));
  dc_zone_treatment_set_device_id (treatment, dc_record_get_id (DC_RECORD (device)));

  g_assert_false (dc_store_save (fixture->store, DC_RECORD (treatment), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_UNACKNOWLEDGED);
  g_clear_error (&error);

  dc_zone_treatment_set_guidance_reason (treatment, "Deep rolling scars");
  g_assert_true (dc_store_save (fixture->store, DC_RECORD (treatment), &error));
  g_assert_no_error (error);

  dc_zone_treatment_set_depth_mm (treatment, 1.6);
  g_assert_false (dc_store_save (fixture->store, DC_RECORD (treatment), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_clear_error (&error);

  /* The clinic's own guidance replaces the default: 1.75 mm on the cheek
   * needs no reason once the clinic allows up to 2 mm. */
  {
    g_autoptr(DcDepthGuidance) own = dc_depth_guidance_new ();
    g_autoptr(DcZoneTreatment) other = make_treatment (&c);

    dc_depth_guidance_set_zone (own, "cheek-left");
    dc_depth_guidance_set_family (own, DC_DEVICE_PEN);
    dc_depth_guidance_set_depth_min (own, 0.5);
    dc_depth_guidance_set_depth_max (own, 2.0);
    dc_depth_guidance_set_source (own, "Clinic scar protocol, 2026 revision");
    g_assert_true (dc_store_save (fixture->store, DC_RECORD (own), &error));
    g_assert_no_error (error);

    dc_zone_treatment_set_session_id (other, dc_record_get_id (DC_RECORD (session)));
    dc_zone_treatment_set_device_id (other, dc_record_get_id (DC_RECORD (device)));
    dc_zone_treatment_set_depth_mm (other, 1.75);
    g_assert_true (dc_store_save (fixture->store, DC_RECORD (other), &error));
    g_assert_no_error (error);
  }
}

/* The demo clinic keeps the rules it is meant to show, with every device
 * family in use. */
static void
test_demo (StoreFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GListModel) devices = NULL;
  gboolean families[3] = { FALSE };

  dc_zone_rules_install (fixture->store);
  g_assert_true (dc_demo_fill (fixture->store, NULL, NULL, &error));
  g_assert_no_error (error);

  patients = dc_store_search_patients (fixture->store, NULL, TRUE, NULL);
  for (guint p = 0; p < g_list_model_get_n_items (patients); p++)
    {
      g_autoptr(DcRecord) patient = g_list_model_get_item (patients, p);
      g_autoptr(GListModel) sessions = dc_store_list (fixture->store, DC_TYPE_SESSION,
                                                      dc_record_get_id (patient), NULL);

      for (guint s = 0; s < g_list_model_get_n_items (sessions); s++)
        {
          g_autoptr(DcRecord) session = g_list_model_get_item (sessions, s);
          g_autoptr(GListModel) zones = dc_store_list (fixture->store, DC_TYPE_ZONE_TREATMENT,
                                                       dc_record_get_id (session), NULL);

          for (guint z = 0; z < g_list_model_get_n_items (zones); z++)
            {
              g_autoptr(DcZoneTreatment) zone = g_list_model_get_item (zones, z);
              gint64 device_id = dc_zone_treatment_get_device_id (zone);

              g_hash_table_add (used, g_memdup2 (&device_id, sizeof device_id));
            }
        }
    }

  devices = dc_store_list (fixture->store, DC_TYPE_DEVICE, 0, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(DcDevice) device = g_list_model_get_item (devices, i);
      gint64 id = dc_record_get_id (DC_RECORD (device));

      if (g_hash_table_contains (used, &id))
        families[dc_device_get_kind (device)] = TRUE;
    }

  g_assert_true (families[DC_DEVICE_PEN]);
  g_assert_true (families[DC_DEVICE_ROLLER]);
  g_assert_true (families[DC_DEVICE_RF]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/zone-rules/table", test_table);
  g_test_add_func ("/zone-rules/no-device", test_no_device);
  g_test_add_func ("/zone-rules/guidance", test_guidance);
  g_test_add_func ("/zone-rules/presets", test_presets);
  g_test_add_func ("/zone-rules/unset-ranges", test_unset_ranges);
  g_test_add ("/zone-rules/store", StoreFixture, NULL, store_fixture_setup, test_store,
              store_fixture_teardown);
  g_test_add ("/zone-rules/demo", StoreFixture, NULL, store_fixture_setup, test_demo,
              store_fixture_teardown);

  return g_test_run ();
}
