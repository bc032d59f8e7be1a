/* test-store.c: the record store: round trips, constraints, migrations,
 * refusal of bad files, the audit trail, file modes, search and the
 * asynchronous API. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "dc-demo.h"
#include "dc-test-util.h"

/* Counts rows with SQL of the test's own, on a second connection. */
static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static DcRecord *
save_new (DcStore  *store,
          gpointer  record)
{
  g_autoptr(GError) error = NULL;

  dc_store_save (store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dc_record_get_id (record), >, 0);
  return record;
}

/* Saves @record, loads it back by id and by UUID, and checks every field. */
static void
assert_round_trip (DcStore  *store,
                   DcRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcRecord) by_id = NULL;
  g_autoptr(DcRecord) by_uuid = NULL;

  save_new (store, record);
  by_id = dc_store_load (store, G_OBJECT_TYPE (record), dc_record_get_id (record), &error);
  g_assert_no_error (error);
  g_assert_true (dc_record_fields_equal (record, by_id));
  g_assert_cmpstr (dc_record_get_created_at (by_id), ==, dc_record_get_created_at (record));

  by_uuid = dc_store_load_by_uuid (store, G_OBJECT_TYPE (record), dc_record_get_uuid (record),
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (dc_record_get_id (by_uuid), ==, dc_record_get_id (record));
}

static void
test_round_trip (StoreFixture  *fixture,
                 gconstpointer  data)
{
  DcStore *store = fixture->store;
  g_autoptr(DcClinic) clinic = dc_clinic_new ();
  g_autoptr(DcPractitioner) practitioner = dc_practitioner_new ();
  g_autoptr(DcPatient) patient = make_patient ("Sørensen", "Ída", "1977-02-28");
  g_autoptr(DcDevice) device = dc_device_new ();
  g_autoptr(DcProduct) product = dc_product_new ();
  g_autoptr(DcLot) lot = dc_lot_new ();
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(DcProductUse) use = dc_product_use_new ();
  g_autoptr(DcZoneTreatment) zone = dc_zone_treatment_new ();
  g_autoptr(DcPhoto) photo = dc_photo_new ();
  g_autoptr(DcSideEffect) effect = dc_side_effect_new ();
  g_autoptr(DcDepthGuidance) guidance = dc_depth_guidance_new ();
  g_autoptr(GBytes) logo = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\1\2", 11);
  gint64 session_id;

  dc_clinic_set_name (clinic, "Test Clinic");
  dc_clinic_set_address (clinic, "1 Example Road\nTestville");
  dc_clinic_set_logo (clinic, logo);
  assert_round_trip (store, DC_RECORD (clinic));

  dc_practitioner_set_name (practitioner, "Dr. Test");
  dc_practitioner_set_qualification (practitioner, "Dermatologist");
  assert_round_trip (store, DC_RECORD (practitioner));

  dc_patient_set_sex (patient, DC_SEX_FEMALE);
  dc_patient_set_email (patient, "ida@example.org");
  dc_patient_set_fitzpatrick (patient, 6);
  dc_patient_set_language (patient, "de");
  dc_patient_set_medical_flags (patient, DC_MEDICAL_HSV | DC_MEDICAL_COPPER_IUD);
  dc_patient_set_isotretinoin_last_dose (patient, "2026-01-15");
  dc_patient_set_consent (patient, DC_CONSENT_CLINICAL | DC_CONSENT_MARKETING);
  dc_patient_set_notes (patient, "Ünïcode ✓ and \"quotes\"");
  assert_round_trip (store, DC_RECORD (patient));

  dc_device_set_kind (device, DC_DEVICE_RF);
  dc_device_set_model (device, "Test RF");
  dc_device_set_depth_min (device, 0.5);
  dc_device_set_depth_max (device, 3.5);
  dc_device_set_depth_step (device, 0.5);
  dc_device_set_energy_unit (device, DC_ENERGY_LEVEL);
  dc_device_set_energy_min (device, 1);
  dc_device_set_energy_max (device, 50);
  dc_device_set_pulse_min (device, 10);
  dc_device_set_pulse_max (device, 400);
  assert_round_trip (store, DC_RECORD (device));

  dc_product_set_kind (product, DC_PRODUCT_ANAESTHETIC);
  dc_product_set_name (product, "Numbing cream");
  assert_round_trip (store, DC_RECORD (product));

  dc_lot_set_product_id (lot, dc_record_get_id (DC_RECORD (product)));
  dc_lot_set_lot_number (lot, "L-1");
  dc_lot_set_expiry (lot, "2027-12-31");
  assert_round_trip (store, DC_RECORD (lot));

  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_practitioner_id (session, dc_record_get_id (DC_RECORD (practitioner)));
  dc_session_set_started_at (session, "2026-11-20T09:30:00Z");
  dc_session_set_indication (session, DC_INDICATION_ACNE_SCARS);
  dc_session_set_anaesthetic_lot_id (session, dc_record_get_id (DC_RECORD (lot)));
  dc_session_set_anaesthetic_on (session, "2026-11-20T08:30:00Z");
  dc_session_set_anaesthetic_off (session, "2026-11-20T09:25:00Z");
  dc_session_set_endpoint (session, DC_ENDPOINT_EVEN_ERYTHEMA | DC_ENDPOINT_MILD_SWELLING);
  dc_session_set_next_visit (session, "2027-01-01");
  assert_round_trip (store, DC_RECORD (session));
  session_id = dc_record_get_id (DC_RECORD (session));

  dc_product_use_set_session_id (use, session_id);
  dc_product_use_set_lot_id (use, dc_record_get_id (DC_RECORD (lot)));
  dc_product_use_set_amount (use, "1 tube");
  assert_round_trip (store, DC_RECORD (use));

  dc_zone_treatment_set_session_id (zone, session_id);
  dc_zone_treatment_set_zone (zone, "cheek-left");
  dc_zone_treatment_set_device_id (zone, dc_record_get_id (DC_RECORD (device)));
  dc_zone_treatment_set_depth_mm (zone, 1.5);
  dc_zone_treatment_set_passes (zone, 2);
  dc_zone_treatment_set_energy (zone, 22.5);
  dc_zone_treatment_set_pulse_ms (zone, 140);
  dc_zone_treatment_set_rf_mode (zone, DC_RF_MODE_BIPOLAR);
  dc_zone_treatment_set_tip_pins (zone, 24);
  dc_zone_treatment_set_insulated (zone, TRUE);
  dc_zone_treatment_set_guidance_reason (zone, "Acne scars");
  assert_round_trip (store, DC_RECORD (zone));

  dc_photo_set_session_id (photo, session_id);
  dc_photo_set_sha256 (photo, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  dc_photo_set_file_name (photo, "01/0123.jpg");
  dc_photo_set_view (photo, DC_PHOTO_VIEW_OBLIQUE_LEFT);
  dc_photo_set_phase (photo, DC_PHOTO_PHASE_AFTER);
  dc_photo_set_width (photo, 4000);
  dc_photo_set_height (photo, 3000);
  assert_round_trip (store, DC_RECORD (photo));

  dc_side_effect_set_session_id (effect, session_id);
  dc_side_effect_set_kind (effect, DC_SIDE_EFFECT_SWELLING);
  dc_side_effect_set_severity (effect, 2);
  dc_side_effect_set_onset (effect, "2026-11-20");
  dc_side_effect_set_resolved (effect, "2026-11-23");
  assert_round_trip (store, DC_RECORD (effect));

  dc_depth_guidance_set_zone (guidance, "neck");
  dc_depth_guidance_set_family (guidance, DC_DEVICE_RF);
  dc_depth_guidance_set_depth_min (guidance, 0.5);
  dc_depth_guidance_set_depth_max (guidance, 1.5);
  dc_depth_guidance_set_source (guidance, "Review in an aesthetic surgery journal, 2023");
  assert_round_trip (store, DC_RECORD (guidance));

  /* And an update of one field comes back too. */
  dc_patient_set_family_name (patient, "Sørensen-Berg");
  save_new (store, patient);
  {
    g_autoptr(DcPatient) loaded = dc_store_load (store, DC_TYPE_PATIENT,
                                                 dc_record_get_id (DC_RECORD (patient)), NULL);

    g_assert_cmpstr (dc_patient_get_family_name (loaded), ==, "Sørensen-Berg");
  }
}

static void
test_children_order (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(DcPatient) patient = make_patient ("Order", "Test", "1990-01-01");
  g_autoptr(GListModel) sessions = NULL;
  const char *dates[] = { "2026-03-01T10:00:00Z", "2026-05-01T10:00:00Z", "2026-04-01T10:00:00Z" };

  save_new (fixture->store, patient);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(DcSession) session = dc_session_new ();

      dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
      dc_session_set_started_at (session, dates[i]);
      save_new (fixture->store, session);
    }

  sessions = dc_store_list (fixture->store, DC_TYPE_SESSION,
                            dc_record_get_id (DC_RECORD (patient)), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DcSession) session = g_list_model_get_item (sessions, i);
      const char *expected[] = { dates[1], dates[2], dates[0] };

      g_assert_cmpstr (dc_session_get_started_at (session), ==, expected[i]);
    }
  g_assert_cmpint (dc_store_count (fixture->store, DC_TYPE_SESSION,
                                   dc_record_get_id (DC_RECORD (patient)), NULL), ==, 3);
}

static void
test_foreign_keys (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(DcSession) orphan = dc_session_new ();
  g_autoptr(DcPatient) patient = make_patient ("Keys", "Foreign", "1980-05-05");
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(GError) error = NULL;

  dc_session_set_patient_id (orphan, 4242);
  dc_session_set_started_at (orphan, "2026-01-01T10:00:00Z");
  g_assert_false (dc_store_save (fixture->store, DC_RECORD (orphan), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_CONSTRAINT);
  g_assert_cmpint (dc_record_get_id (DC_RECORD (orphan)), ==, 0);
  g_clear_error (&error);

  /* A patient with sessions cannot be deleted out from under them. */
  save_new (fixture->store, patient);
  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (session, "2026-01-01T10:00:00Z");
  save_new (fixture->store, session);
  g_assert_false (dc_store_delete (fixture->store, DC_RECORD (patient), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_CONSTRAINT);
}

static void
test_validation (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(DcPatient) patient = make_patient ("Valid", "Not", "2999-01-01");
  g_autoptr(GError) error = NULL;

  g_assert_false (dc_store_save (fixture->store, DC_RECORD (patient), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_clear_error (&error);

  dc_patient_set_birth_date (patient, "1985-02-30");
  g_assert_false (dc_store_save (fixture->store, DC_RECORD (patient), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_clear_error (&error);

  dc_patient_set_birth_date (patient, "1985-02-28");
  dc_patient_set_email (patient, "not an address");
  g_assert_false (dc_store_save (fixture->store, DC_RECORD (patient), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (dc_store_count (fixture->store, DC_TYPE_PATIENT, 0, NULL), ==, 0);
}

static void
test_migration_from_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dermachart-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(DcStore) store = NULL;

  /* An empty file is a database with no schema yet. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = dc_store_open (path, &error);
  g_assert_no_error (error);
  dc_store_close (store);

  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, DC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                     "('patient', 'session', 'zone_treatment', 'photo', "
                                     "'side_effect', 'audit', 'practitioner', 'device', "
                                     "'product', 'lot', 'product_use', 'clinic')"), ==, 12);

  /* Opening again is a no-op migration. */
  g_clear_object (&store);
  store = dc_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  rm_rf (dir);
}

/* A database left at version 1 by an older Dermachart is brought up to
 * date, its records kept and the new table audited. */
static void
test_migration_from_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dermachart-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(DcPatient) patient = make_patient ("Older", "Version", "1966-06-06");
  g_autoptr(DcPatient) kept = NULL;
  DcStore *store;
  sqlite3 *db;

  store = dc_store_open (path, &error);
  g_assert_no_error (error);
  save_new (store, patient);
  g_assert_finalize_object (store);

  /* Undo migrations 5 to 2 by hand: what version 1 left on disk. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  dc_test_undo_to_version_3 (db);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE disclosure;"
                                 "DROP TABLE depth_guidance;"
                                 "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dc_store_open (path, &error);
  g_assert_no_error (error);
  kept = dc_store_load_by_uuid (store, DC_TYPE_PATIENT, dc_record_get_uuid (DC_RECORD (patient)),
                                &error);
  g_assert_no_error (error);
  g_assert_true (dc_record_fields_equal (DC_RECORD (kept), DC_RECORD (patient)));

  /* The rows written before the audit trail became a chain are chained
   * by the migration. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    dc_store_verify (store, problems, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  g_assert_finalize_object (store);

  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, DC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM audit WHERE hash IS NULL"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM audit"), >=, 1);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                                     "AND name LIKE 'audit_depth_guidance_%'"), ==, 3);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                                     "AND name LIKE 'audit_disclosure_%'"), ==, 3);
  rm_rf (dir);
}

static void
test_pragmas (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  /* WAL mode is persistent: the file says so. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_rows (fixture->path, "PRAGMA application_id"), ==, 0x44434854);
}

static void
test_newer_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dermachart-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  DcStore *store;
  sqlite3 *db;

  store = dc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = dc_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DC_ERROR, DC_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));

  /* Nothing was written: not even the switch to WAL. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  rm_rf (dir);
}

static void
test_corrupt_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dermachart-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "corrupt.db", NULL);
  g_autofree char *after = NULL;
  gsize after_len;
  char garbage[8192];
  DcStore *store;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7919 % 251);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  store = dc_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DC_ERROR, DC_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (garbage, sizeof garbage, after, after_len);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  rm_rf (dir);
}

static void
test_foreign_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dermachart-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE invoices (id INTEGER)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_null (dc_store_open (path, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_CORRUPT);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sqlite_schema"), ==, 1);
  rm_rf (dir);
}

static void
test_read_only_location (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dermachart-test-XXXXXX", NULL);
  g_autofree char *locked_dir = g_build_filename (dir, "locked", NULL);
  g_autofree char *path = g_build_filename (locked_dir, "dermachart.db", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.db", NULL);
  DcStore *store;

  g_assert_cmpint (g_mkdir (locked_dir, 0700), ==, 0);
  if (!make_read_only (locked_dir, TRUE))
    {
      g_test_skip ("cannot make a folder read-only here");
      rm_rf (dir);
      return;
    }

  /* A new database in a folder that cannot be written. */
  store = dc_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DC_ERROR, DC_ERROR_READ_ONLY);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  make_read_only (locked_dir, FALSE);

  /* An existing database file that cannot be written. */
  store = dc_store_open (existing, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_true (make_read_only (existing, TRUE));
  store = dc_store_open (existing, &error);
  make_read_only (existing, FALSE);
  g_assert_null (store);
  g_assert_error (error, DC_ERROR, DC_ERROR_READ_ONLY);

  rm_rf (dir);
}

static void
test_file_modes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dermachart-test-XXXXXX", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "new", "dermachart", NULL);
  g_autofree char *path = g_build_filename (data_dir, "dermachart.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(DcPatient) patient = make_patient ("Mode", "File", "1970-07-07");
  DcStore *store;
  GStatBuf st;

  store = dc_store_open (path, &error);
  g_assert_no_error (error);
  save_new (store, patient);

  g_assert_cmpint (g_stat (data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_finalize_object (store);
  rm_rf (dir);
}

static void
test_audit (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(DcPatient) patient = make_patient ("Audit", "Trail", "1960-12-24");
  g_autoptr(GListModel) trail = NULL;
  g_autoptr(DcAuditEntry) insert = NULL;
  g_autoptr(DcAuditEntry) update = NULL;
  g_autoptr(DcAuditEntry) delete = NULL;
  const char *uuid = dc_record_get_uuid (DC_RECORD (patient));
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  save_new (fixture->store, patient);
  /* Saving an unchanged record writes nothing. */
  save_new (fixture->store, patient);
  dc_store_set_actor (fixture->store, "Second Practitioner (p2)");
  dc_patient_set_fitzpatrick (patient, 4);
  save_new (fixture->store, patient);
  g_assert_true (dc_store_delete (fixture->store, DC_RECORD (patient), &error));
  g_assert_no_error (error);

  trail = dc_store_list_audit (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trail), ==, 3);

  insert = g_list_model_get_item (trail, 0);
  g_assert_cmpstr (dc_audit_entry_get_action (insert), ==, "insert");
  g_assert_cmpstr (dc_audit_entry_get_table_name (insert), ==, "patient");
  g_assert_cmpstr (dc_audit_entry_get_actor (insert), ==, "Test Practitioner (test)");
  g_assert_null (dc_audit_entry_get_before (insert));
  g_assert_nonnull (strstr (dc_audit_entry_get_after (insert), "\"fitzpatrick\":3"));
  g_assert_nonnull (strstr (dc_audit_entry_get_after (insert), "\"family_name\":\"Audit\""));

  update = g_list_model_get_item (trail, 1);
  g_assert_cmpstr (dc_audit_entry_get_action (update), ==, "update");
  g_assert_cmpstr (dc_audit_entry_get_actor (update), ==, "Second Practitioner (p2)");
  g_assert_nonnull (strstr (dc_audit_entry_get_before (update), "\"fitzpatrick\":3"));
  g_assert_nonnull (strstr (dc_audit_entry_get_after (update), "\"fitzpatrick\":4"));
  g_assert_true (dc_timestamp_is_valid (dc_audit_entry_get_at (update)));

  delete = g_list_model_get_item (trail, 2);
  g_assert_cmpstr (dc_audit_entry_get_action (delete), ==, "delete");
  g_assert_nonnull (strstr (dc_audit_entry_get_before (delete), "\"fitzpatrick\":4"));
  g_assert_null (dc_audit_entry_get_after (delete));

  /* The trail itself is append-only, whoever connects. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'someone else'", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  /* And no other program can change the clinical tables past the trail:
   * the triggers need the store's actor function, so even a statement that
   * would touch no row is refused. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE practitioner SET name = 'x'", NULL, NULL, NULL),
                   ==, SQLITE_ERROR);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO practitioner (uuid, created_at, updated_at, "
                                     "name) VALUES ('u', 'now', 'now', 'x')", NULL, NULL, NULL),
                   ==, SQLITE_ERROR);
  sqlite3_close (db);
}

/* A report that left the clinic is recorded, audited, and kept as it was. */
static void
test_disclosure (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(DcPatient) patient = make_patient ("Disclosed", "Report", "1971-03-03");
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(DcDisclosure) disclosure = dc_disclosure_new ();
  g_autoptr(GListModel) trail = NULL;
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(DcAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  save_new (fixture->store, patient);
  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (session, "2026-11-20T09:00:00Z");
  save_new (fixture->store, session);

  /* A session report names its session. */
  dc_disclosure_set_patient_id (disclosure, dc_record_get_id (DC_RECORD (patient)));
  dc_disclosure_set_document (disclosure, DC_DISCLOSURE_SESSION_REPORT);
  g_assert_false (dc_store_save (fixture->store, DC_RECORD (disclosure), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_clear_error (&error);

  dc_disclosure_set_session_id (disclosure, dc_record_get_id (DC_RECORD (session)));
  dc_disclosure_set_channel (disclosure, DC_DISCLOSURE_EMAIL);
  dc_disclosure_set_target (disclosure, "disclosed.report@example.org");
  dc_disclosure_set_protected (disclosure, TRUE);
  dc_disclosure_set_language (disclosure, "de");
  save_new (fixture->store, disclosure);

  listed = dc_store_list (fixture->store, DC_TYPE_DISCLOSURE,
                          dc_record_get_id (DC_RECORD (patient)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 1);

  trail = dc_store_list_audit (fixture->store, dc_record_get_uuid (DC_RECORD (disclosure)),
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trail), ==, 1);
  entry = g_list_model_get_item (trail, 0);
  g_assert_cmpstr (dc_audit_entry_get_table_name (entry), ==, "disclosure");
  g_assert_nonnull (strstr (dc_audit_entry_get_after (entry), "\"channel\":\"email\""));
  g_assert_nonnull (strstr (dc_audit_entry_get_after (entry), "disclosed.report@example.org"));

  /* Once recorded, it stays as it was. */
  dc_disclosure_set_target (disclosure, "someone.else@example.org");
  g_assert_false (dc_store_save (fixture->store, DC_RECORD (disclosure), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (dc_store_delete (fixture->store, DC_RECORD (disclosure), &error));
  g_assert_nonnull (error);
}

static void
test_audit_every_table (StoreFixture  *fixture,
                        gconstpointer  data)
{
  const char *tables[] = { "clinic", "depth_guidance", "device", "lot", "patient", "photo",
                           "practitioner", "product", "product_use", "session", "side_effect",
                           "zone_treatment" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    for (guint j = 0; j < 3; j++)
      {
        const char *actions[] = { "insert", "update", "delete" };
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE "
                                                "type = 'trigger' AND name = 'audit_%s_%s'",
                                                tables[i], actions[j]);

        g_assert_cmpint (count_rows (fixture->path, sql), ==, 1);
      }
}

static void
test_search (StoreFixture  *fixture,
             gconstpointer  data)
{
  const struct { const char *family, *given, *birth; } people[] = {
    { "Müller", "Jürgen", "1984-03-07" },
    { "Muller", "Anne", "1990-11-30" },
    { "García-López", "Lucía", "1984-07-03" },
    { "Okafor", "Chidi", "2001-01-15" },
  };
  const struct { const char *query; guint n; const char *first; } cases[] = {
    { "muller", 2, "Anne" },
    { "MÜL", 2, "Anne" },
    { "jurgen", 1, "Jürgen" },
    { "muller jur", 1, "Jürgen" },
    { "lopez", 1, "Lucía" },
    { "garcia lucia", 1, "Lucía" },
    { "1984-03-07", 1, "Jürgen" },
    { "07.03.1984", 2, "Lucía" },    /* day first, and also month first */
    { "30/11/1990", 1, "Anne" },
    { "1984", 2, "Lucía" },
    { "muller 1990", 1, "Anne" },
    { "\"oka", 1, "Chidi" },       /* FTS syntax is never passed through */
    { "oka OR x", 0, NULL },
    { "oka*", 1, "Chidi" },
    { "", 4, "Lucía" },
    { "nobody", 0, NULL },
  };
  g_autoptr(DcPatient) archived = make_patient ("Müller", "Archived", "1950-01-01");

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(DcPatient) patient = make_patient (people[i].family, people[i].given,
                                                   people[i].birth);

      save_new (fixture->store, patient);
    }
  dc_patient_set_archived (archived, TRUE);
  save_new (fixture->store, archived);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) found = dc_store_search_patients (fixture->store, cases[i].query,
                                                              FALSE, &error);

      g_autoptr(DcPatientResults) results = NULL;

      g_test_message ("query “%s”", cases[i].query);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (found), ==, cases[i].n);

      /* The list that reads patients as they are shown finds the same. */
      results = dc_store_find_patients (fixture->store, cases[i].query, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, cases[i].n);
      for (guint j = 0; j < cases[i].n; j++)
        {
          g_autoptr(DcPatient) eager = g_list_model_get_item (found, j);
          g_autoptr(DcPatient) lazy = g_list_model_get_item (G_LIST_MODEL (results), j);

          g_assert_true (dc_patient_results_is_read (results, j));
          g_assert_cmpint (dc_record_get_id (DC_RECORD (eager)), ==,
                           dc_record_get_id (DC_RECORD (lazy)));
          g_assert_true (dc_record_fields_equal (DC_RECORD (eager), DC_RECORD (lazy)));
        }
      if (cases[i].first != NULL)
        {
          g_autoptr(DcPatient) first = g_list_model_get_item (found, 0);

          g_assert_cmpstr (dc_patient_get_given_name (first), ==, cases[i].first);
        }
    }

  {
    g_autoptr(GListModel) all = dc_store_search_patients (fixture->store, "müller", TRUE, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  }
}

static gint64
audit_member (DcAuditEntry *entry,
              const char   *member)
{
  const char *text = dc_audit_entry_get_after (entry);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (text == NULL)
    text = dc_audit_entry_get_before (entry);
  node = json_from_string (text, NULL);
  g_assert_nonnull (node);
  object = json_node_get_object (node);
  return json_object_has_member (object, member) ? json_object_get_int_member (object, member)
                                                 : -1;
}

/* A patient's history, read through migration 5's indexes, is exactly
 * what reading the whole trail row by row finds. */
static void
test_audit_patient (StoreFixture  *fixture,
                    gconstpointer  data)
{
  static const char *const session_tables[] = {
    "zone_treatment", "product_use", "photo", "side_effect", "safety_ack", "addendum",
  };
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GListModel) trail = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked = 0;

  g_assert_true (dc_demo_fill (fixture->store, NULL, NULL, &error));
  g_assert_no_error (error);
  patients = dc_store_search_patients (fixture->store, NULL, TRUE, &error);
  g_assert_no_error (error);
  trail = dc_store_list_audit (fixture->store, NULL, &error);
  g_assert_no_error (error);

  for (guint p = 0; p < g_list_model_get_n_items (patients); p++)
    {
      g_autoptr(DcPatient) patient = g_list_model_get_item (patients, p);
      gint64 patient_id = dc_record_get_id (DC_RECORD (patient));
      g_autoptr(GHashTable) sessions = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free, NULL);
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GListModel) history = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gboolean has_session_rows = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (trail); i++)
        {
          g_autoptr(DcAuditEntry) entry = g_list_model_get_item (trail, i);
          const char *table = dc_audit_entry_get_table_name (entry);

          if (g_str_equal (table, "session") && audit_member (entry, "patient_id") == patient_id)
            {
              gint64 *id = g_new (gint64, 1);

              *id = audit_member (entry, "id");
              g_hash_table_add (sessions, id);
            }
        }

      for (guint i = 0; i < g_list_model_get_n_items (trail); i++)
        {
          g_autoptr(DcAuditEntry) entry = g_list_model_get_item (trail, i);
          const char *table = dc_audit_entry_get_table_name (entry);
          gboolean mine = FALSE;

          if (g_str_equal (table, "patient"))
            mine = g_str_equal (dc_audit_entry_get_row_uuid (entry),
                                dc_record_get_uuid (DC_RECORD (patient)));
          else if (g_str_equal (table, "session") || g_str_equal (table, "disclosure"))
            mine = audit_member (entry, "patient_id") == patient_id;
          else if (g_strv_contains (session_tables, table))
            {
              gint64 session_id = audit_member (entry, "session_id");

              mine = g_hash_table_contains (sessions, &session_id);
              has_session_rows |= mine;
            }

          if (mine)
            {
              gint64 id = dc_audit_entry_get_id (entry);

              g_array_append_val (expected, id);
            }
        }

      history = dc_store_list_patient_audit (fixture->store, patient, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (history); i++)
        {
          g_autoptr(DcAuditEntry) entry = g_list_model_get_item (history, i);
          gint64 id = dc_audit_entry_get_id (entry);

          g_array_append_val (ids, id);
        }

      g_assert_cmpmem (ids->data, ids->len * sizeof (gint64),
                       expected->data, expected->len * sizeof (gint64));
      if (has_session_rows)
        n_checked++;
    }

  /* The demo's patients have sessions with zones and photos. */
  g_assert_cmpuint (n_checked, >, 1);
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *n_changed)
{
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 1);
  (*n_changed)++;
}

static void
load_failed_cb (DcPatientResults *results,
                GError           *error,
                guint            *n_failed)
{
  g_assert_error (error, DC_ERROR, DC_ERROR_NOT_FOUND);
  (*n_failed)++;
}

/* Found patients are read a page at a time, as the list asks for them. */
static void
test_find_patients (StoreFixture  *fixture,
                    gconstpointer  data)
{
  const guint n_patients = 150;
  g_autoptr(DcPatientResults) results = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcPatient) edited = NULL;
  g_autoptr(DcPatient) first = NULL;
  g_autoptr(DcPatient) again = NULL;
  g_autoptr(DcPatient) gone = NULL;
  g_autoptr(DcPatient) placeholder = NULL;
  guint n_changed = 0;
  guint n_failed = 0;
  guint position;

  for (guint i = 0; i < n_patients; i++)
    {
      g_autofree char *family = g_strdup_printf ("Family%03u", n_patients - i);
      g_autoptr(DcPatient) patient = make_patient (family, "Page", "1980-05-05");

      save_new (fixture->store, patient);
    }

  results = dc_store_find_patients (fixture->store, "page", FALSE, &error);
  g_assert_no_error (error);
  all = dc_store_search_patients (fixture->store, "page", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, n_patients);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (results)) == DC_TYPE_PATIENT);

  /* The first page is read with the search; the others when asked for. */
  g_assert_true (dc_patient_results_is_read (results, 0));
  g_assert_true (dc_patient_results_is_read (results, 63));
  g_assert_false (dc_patient_results_is_read (results, 64));
  g_assert_false (dc_patient_results_is_read (results, 149));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (results), n_patients));
  for (guint i = n_patients; i-- > 0;)
    {
      g_autoptr(DcPatient) eager = g_list_model_get_item (all, i);
      g_autoptr(DcPatient) lazy = g_list_model_get_item (G_LIST_MODEL (results), i);

      g_assert_true (dc_patient_results_is_read (results, i));
      g_assert_cmpint (dc_record_get_id (DC_RECORD (eager)), ==,
                       dc_record_get_id (DC_RECORD (lazy)));
      g_assert_true (dc_record_fields_equal (DC_RECORD (eager), DC_RECORD (lazy)));
    }

  /* Read once, then the same object. */
  first = g_list_model_get_item (G_LIST_MODEL (results), 0);
  again = g_list_model_get_item (G_LIST_MODEL (results), 0);
  g_assert_true (first == again);
  g_assert_cmpstr (dc_patient_get_family_name (first), ==, "Family001");
  g_assert_cmpuint (dc_patient_results_find (results, dc_record_get_id (DC_RECORD (first))),
                    ==, 0);
  g_assert_cmpuint (dc_patient_results_find (results, G_MAXINT64), ==, G_MAXUINT);

  /* The patient being edited takes its record's place, and the list hears. */
  g_signal_connect (results, "items-changed", G_CALLBACK (count_items_changed_cb), &n_changed);
  edited = dc_store_load (fixture->store, DC_TYPE_PATIENT,
                          dc_record_get_id (DC_RECORD (first)), &error);
  g_assert_no_error (error);
  g_assert_true (edited != first);
  g_assert_true (dc_patient_results_replace (results, edited));
  g_assert_true (dc_patient_results_replace (results, edited));
  g_assert_cmpuint (n_changed, ==, 1);
  g_clear_object (&again);
  again = g_list_model_get_item (G_LIST_MODEL (results), 0);
  g_assert_true (again == edited);
  {
    g_autoptr(DcPatient) stranger = make_patient ("Not", "Found", "1970-01-01");

    g_assert_false (dc_patient_results_replace (results, stranger));
  }

  /* A patient gone since the search: its place holds an empty stand-in,
   * never a record, and the failure is told once. */
  g_clear_object (&results);
  results = dc_store_find_patients (fixture->store, "page", FALSE, &error);
  g_assert_no_error (error);
  g_signal_connect (results, "load-failed", G_CALLBACK (load_failed_cb), &n_failed);
  gone = g_list_model_get_item (all, 100);
  dc_store_delete (fixture->store, DC_RECORD (gone), &error);
  g_assert_no_error (error);
  placeholder = g_list_model_get_item (G_LIST_MODEL (results), 100);
  g_assert_nonnull (placeholder);
  g_assert_false (dc_patient_results_is_read (results, 100));
  g_assert_cmpint (dc_record_get_id (DC_RECORD (placeholder)), ==,
                   dc_record_get_id (DC_RECORD (gone)));
  g_assert_null (dc_patient_get_family_name (placeholder));
  g_clear_object (&placeholder);
  placeholder = g_list_model_get_item (G_LIST_MODEL (results), 101);
  g_assert_false (dc_patient_results_is_read (results, 101));
  g_assert_cmpuint (n_failed, ==, 1);
  /* The other pages are unharmed. */
  g_clear_object (&again);
  again = g_list_model_get_item (G_LIST_MODEL (results), 10);
  g_assert_true (dc_patient_results_is_read (results, 10));

  position = dc_patient_results_find (results, dc_record_get_id (DC_RECORD (gone)));
  g_assert_cmpuint (position, ==, 100);
}

static gboolean
save_two_then_fail (DcStore       *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(DcPatient) a = make_patient ("First", "Saved", "1971-01-01");
  g_autoptr(DcPatient) b = make_patient ("Second", "Saved", "1972-01-01");

  if (!dc_store_save (store, DC_RECORD (a), error) || !dc_store_save (store, DC_RECORD (b), error))
    return FALSE;
  g_set_error (error, DC_ERROR, DC_ERROR_FAILED, "something went wrong later");
  return FALSE;
}

static void
test_transaction_all_or_nothing (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (dc_store_transaction (fixture->store, save_two_then_fail, NULL, NULL, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_FAILED);
  g_assert_cmpint (dc_store_count (fixture->store, DC_TYPE_PATIENT, 0, NULL), ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM audit"), ==, 0);
}

static gboolean
no_deep_cheeks (DcStore   *store,
                DcRecord  *record,
                gpointer   user_data,
                GError   **error)
{
  DcZoneTreatment *zone = DC_ZONE_TREATMENT (record);

  (*(guint *) user_data)++;
  if (dc_zone_treatment_get_depth_mm (zone) > 2.0)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID, "too deep for %s",
                   dc_zone_treatment_get_zone (zone));
      return FALSE;
    }
  return TRUE;
}

static void
test_checks (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(DcPatient) patient = make_patient ("Check", "Rule", "1980-01-01");
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(DcZoneTreatment) zone = dc_zone_treatment_new ();
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  dc_store_add_check (fixture->store, DC_TYPE_ZONE_TREATMENT, no_deep_cheeks, &calls);

  /* Other types are not checked. */
  save_new (fixture->store, patient);
  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (session, "2026-06-01T10:00:00Z");
  save_new (fixture->store, session);
  g_assert_cmpuint (calls, ==, 0);

  dc_zone_treatment_set_session_id (zone, dc_record_get_id (DC_RECORD (session)));
  dc_zone_treatment_set_zone (zone, "cheek-left");
  dc_zone_treatment_set_depth_mm (zone, 2.5);
  g_assert_false (dc_store_save (fixture->store, DC_RECORD (zone), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_assert_cmpint (dc_store_count (fixture->store, DC_TYPE_ZONE_TREATMENT,
                                   dc_record_get_id (DC_RECORD (session)), NULL), ==, 0);

  dc_zone_treatment_set_depth_mm (zone, 1.5);
  save_new (fixture->store, zone);
  g_assert_cmpuint (calls, ==, 2);
}

typedef struct
{
  gboolean  saved;
  gboolean  listed;
  GListModel *list;
} AsyncState;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dc_store_save_finish (DC_STORE (source), result, &error));
  g_assert_no_error (error);
  state->saved = TRUE;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  /* Queued after the save, so it sees it. */
  g_assert_true (state->saved);
  state->list = dc_store_search_patients_finish (DC_STORE (source), result, &error);
  g_assert_no_error (error);
  state->listed = TRUE;
}

static void
test_async (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(DcPatient) patient = make_patient ("Async", "Queued", "1999-09-09");
  AsyncState state = { 0 };

  dc_store_set_actor (fixture->store, "Queued By (a)");
  dc_store_save_async (fixture->store, DC_RECORD (patient), NULL, saved_cb, &state);
  /* The author is the one who queued the change, even if another takes
   * over before it runs. */
  dc_store_set_actor (fixture->store, "Took Over (b)");
  /* The caller's object is not touched by the worker: edit it freely. */
  dc_patient_set_notes (patient, "edited while saving");
  dc_store_search_patients_async (fixture->store, "async", FALSE, NULL, listed_cb, &state);
  wait_for (&state.listed);

  g_assert_cmpint (dc_record_get_id (DC_RECORD (patient)), >, 0);
  g_assert_nonnull (dc_record_get_created_at (DC_RECORD (patient)));
  g_assert_cmpuint (g_list_model_get_n_items (state.list), ==, 1);
  {
    g_autoptr(DcPatient) stored = g_list_model_get_item (state.list, 0);
    g_autoptr(GListModel) trail = dc_store_list_audit (fixture->store,
                                                       dc_record_get_uuid (DC_RECORD (stored)),
                                                       NULL);
    g_autoptr(DcAuditEntry) insert = g_list_model_get_item (trail, 0);

    g_assert_null (dc_patient_get_notes (stored));
    g_assert_cmpstr (dc_audit_entry_get_actor (insert), ==, "Queued By (a)");
  }
  g_clear_object (&state.list);
}

/* The queries the window runs most find their rows through indexes: no
 * full scan of the tables that grow with the clinic (EXPLAIN QUERY PLAN). */
static void
test_query_plans (StoreFixture  *fixture,
                  gconstpointer  data)
{
  static const char *const big_tables[] = {
    "patient", "session", "zone_treatment", "photo", "audit",
  };
  static const struct { const char *name; const char *table; } expected[] = {
    { "all patients", "patient" },
    { "patients by name", "patient" },
    { "patients by date of birth", "patient" },
    { "patients by name and year of birth", "patient" },
    { "sessions of a patient", "session" },
    { "zones of a session", "zone_treatment" },
    { "photos of a session", "photo" },
    { "a page of patients", "patient" },
    { "history of a patient", "audit" },
  };
  g_autoptr(GHashTable) plans = NULL;
  g_autoptr(GError) error = NULL;

  /* Some rows, so the planner does not see empty tables. */
  g_assert_true (dc_demo_fill (fixture->store, NULL, NULL, &error));
  g_assert_no_error (error);

  plans = dc_store_explain_hot_queries (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (plans), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *plan = g_hash_table_lookup (plans, expected[i].name);
      g_autofree char *search = g_strdup_printf ("SEARCH %s USING ", expected[i].table);
      g_auto(GStrv) lines = NULL;

      g_assert_nonnull (plan);
      g_test_message ("%s:\n%s", expected[i].name, plan);
      /* Rows are looked up, by an index or the row id… */
      g_assert_nonnull (strstr (plan, search));
      /* …and no big table is read whole. */
      lines = g_strsplit (plan, "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        for (guint t = 0; t < G_N_ELEMENTS (big_tables); t++)
          {
            g_autofree char *scan = g_strdup_printf ("SCAN %s", big_tables[t]);

            if (g_str_has_prefix (lines[j], scan)
                && (lines[j][strlen (scan)] == '\0' || lines[j][strlen (scan)] == ' '))
              g_error ("%s: a full scan: %s", expected[i].name, lines[j]);
          }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/" path, StoreFixture, NULL, store_fixture_setup, func, \
              store_fixture_teardown)

  ADD ("round-trip", test_round_trip);
  ADD ("children-order", test_children_order);
  ADD ("foreign-keys", test_foreign_keys);
  ADD ("validation", test_validation);
  ADD ("pragmas", test_pragmas);
  ADD ("audit/trail", test_audit);
  ADD ("audit/every-table", test_audit_every_table);
  ADD ("audit/patient", test_audit_patient);
  ADD ("disclosure", test_disclosure);
  ADD ("search", test_search);
  ADD ("find-patients", test_find_patients);
  ADD ("transaction", test_transaction_all_or_nothing);
  ADD ("async", test_async);
  ADD ("checks", test_checks);
  ADD ("query-plans", test_query_plans);
  g_test_add_func ("/store/migration/from-empty", test_migration_from_empty);
  g_test_add_func ("/store/migration/from-1", test_migration_from_1);
  g_test_add_func ("/store/open/newer-schema", test_newer_schema);
  g_test_add_func ("/store/open/corrupt", test_corrupt_file);
  g_test_add_func ("/store/open/foreign", test_foreign_database);
  g_test_add_func ("/store/open/read-only", test_read_only_location);
  g_test_add_func ("/store/file-modes", test_file_modes);

#undef ADD

  return g_test_run ();
}
