/* test-integrity.c: what keeps the record honest. A signed session and its
 * rows are locked by the database itself, corrections are addenda, and
 * the audit trail is a hash chain that dermachart verify checks. */

#include "config.h"

#include <sqlite3.h>

#include "dc-test-util.h"

typedef struct
{
  StoreFixture       store;
  DcPractitioner    *practitioner;
  DcPatient         *patient;
  DcSession         *session;
  DcZoneTreatment   *zone;
  DcPhoto           *photo;
} Fixture;

static void
save_ok (DcStore  *store,
         gpointer  record)
{
  g_autoptr(GError) error = NULL;

  dc_store_save (store, record, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  DcStore *store;

  store_fixture_setup (&fixture->store, data);
  store = fixture->store.store;

  fixture->practitioner = dc_practitioner_new ();
  dc_practitioner_set_name (fixture->practitioner, "Dr. Imaginary Test");
  save_ok (store, fixture->practitioner);

  fixture->patient = make_patient ("Lockwood", "Sigrid", "1981-04-02");
  save_ok (store, fixture->patient);

  fixture->session = dc_session_new ();
  dc_session_set_patient_id (fixture->session, dc_record_get_id (DC_RECORD (fixture->patient)));
  dc_session_set_practitioner_id (fixture->session,
                                  dc_record_get_id (DC_RECORD (fixture->practitioner)));
  dc_session_set_started_at (fixture->session, "2026-10-01T09:00:00Z");
  save_ok (store, fixture->session);

  fixture->zone = dc_zone_treatment_new ();
  dc_zone_treatment_set_session_id (fixture->zone,
                                    dc_record_get_id (DC_RECORD (fixture->session)));
  dc_zone_treatment_set_zone (fixture->zone, "forehead");
  dc_zone_treatment_set_depth_mm (fixture->zone, 0.5);
  dc_zone_treatment_set_passes (fixture->zone, 2);
  save_ok (store, fixture->zone);

  fixture->photo = dc_photo_new ();
  dc_photo_set_session_id (fixture->photo, dc_record_get_id (DC_RECORD (fixture->session)));
  dc_photo_set_sha256 (fixture->photo,
                       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  dc_photo_set_file_name (fixture->photo, "synthetic.jpg");
  dc_photo_set_width (fixture->photo, 400);
  dc_photo_set_height (fixture->photo, 300);
  save_ok (store, fixture->photo);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->photo);
  g_clear_object (&fixture->zone);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->practitioner);
  store_fixture_teardown (&fixture->store, data);
}

static void
sign (Fixture *fixture)
{
  dc_session_set_status (fixture->session, DC_SESSION_SIGNED);
  dc_session_set_signed_by (fixture->session,
                            dc_record_get_id (DC_RECORD (fixture->practitioner)));
  dc_session_set_signed_at (fixture->session, "2026-10-01T10:00:00Z");
  save_ok (fixture->store.store, fixture->session);
}

static DcAddendum *
make_addendum (Fixture *fixture)
{
  DcAddendum *addendum = dc_addendum_new ();

  dc_addendum_set_session_id (addendum, dc_record_get_id (DC_RECORD (fixture->session)));
  dc_addendum_set_author_id (addendum, dc_record_get_id (DC_RECORD (fixture->practitioner)));
  dc_addendum_set_written_at (addendum, "2026-10-02T08:00:00Z");
  dc_addendum_set_reason (addendum, "Depth recorded for the wrong zone");
  dc_addendum_set_text (addendum, "The 0.5 mm were on the glabella, not the whole forehead.");
  return addendum;
}

/* Stands in for the functions the store defines on its own connection, so
 * that what refuses a change below is the lock and nothing else. */
static void
stub_sql_func (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  sqlite3_result_text (context, "another program", -1, SQLITE_STATIC);
}

static sqlite3 *
open_directly (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_create_function (db, "dc_actor", 0, SQLITE_UTF8, NULL,
                                            stub_sql_func, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_create_function (db, "dc_audit_hash", 8, SQLITE_UTF8, NULL,
                                            stub_sql_func, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  return db;
}

static void
assert_refused_directly (sqlite3    *db,
                         const char *sql)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  g_test_message ("%s → %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_true (g_str_has_prefix (sqlite3_errmsg (db), "dc-locked:"));
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Before signing, a session is a draft like any other. */
static void
test_draft_editable (Fixture       *fixture,
                     gconstpointer  data)
{
  DcStore *store = fixture->store.store;
  g_autoptr(DcAddendum) addendum = make_addendum (fixture);
  g_autoptr(GError) error = NULL;

  dc_zone_treatment_set_depth_mm (fixture->zone, 0.75);
  save_ok (store, fixture->zone);
  dc_session_set_notes (fixture->session, "Tolerated well");
  save_ok (store, fixture->session);

  /* An addendum is for what can no longer be edited. */
  g_assert_false (dc_store_save (store, DC_RECORD (addendum), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);

  g_assert_true (dc_store_delete (store, DC_RECORD (fixture->zone), NULL));
}

/* Through the store, every change to a signed session is refused with
 * DC_ERROR_LOCKED, and nothing is written. */
static void
test_signed_locked_in_store (Fixture       *fixture,
                             gconstpointer  data)
{
  DcStore *store = fixture->store.store;
  g_autoptr(DcZoneTreatment) extra = dc_zone_treatment_new ();
  g_autoptr(DcSideEffect) effect = dc_side_effect_new ();
  g_autoptr(DcZoneTreatment) stored = NULL;
  g_autoptr(DcSession) unsigned_copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session_id = dc_record_get_id (DC_RECORD (fixture->session));

  sign (fixture);

  dc_zone_treatment_set_depth_mm (fixture->zone, 1.0);
  g_assert_false (dc_store_save (store, DC_RECORD (fixture->zone), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (dc_store_delete (store, DC_RECORD (fixture->zone), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
  g_clear_error (&error);

  dc_zone_treatment_set_session_id (extra, session_id);
  dc_zone_treatment_set_zone (extra, "chin");
  dc_zone_treatment_set_depth_mm (extra, 1.0);
  g_assert_false (dc_store_save (store, DC_RECORD (extra), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
  g_clear_error (&error);

  dc_session_set_notes (fixture->session, "Changed afterwards");
  g_assert_false (dc_store_save (store, DC_RECORD (fixture->session), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
  g_clear_error (&error);

  /* Not even back to a draft. */
  unsigned_copy = DC_SESSION (dc_record_copy (DC_RECORD (fixture->session)));
  dc_session_set_notes (unsigned_copy, NULL);
  dc_session_set_status (unsigned_copy, DC_SESSION_DRAFT);
  g_assert_false (dc_store_save (store, DC_RECORD (unsigned_copy), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (dc_store_delete (store, DC_RECORD (fixture->session), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
  g_clear_error (&error);

  stored = dc_store_load (store, DC_TYPE_ZONE_TREATMENT,
                          dc_record_get_id (DC_RECORD (fixture->zone)), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (dc_zone_treatment_get_depth_mm (stored), ==, 0.5);
  g_assert_cmpint (dc_store_count (store, DC_TYPE_ZONE_TREATMENT, session_id, NULL), ==, 1);

  /* Side effects are seen at follow-up, after signing: still recorded. */
  dc_side_effect_set_session_id (effect, session_id);
  dc_side_effect_set_kind (effect, DC_SIDE_EFFECT_REDNESS);
  dc_side_effect_set_severity (effect, 1);
  dc_side_effect_set_onset (effect, "2026-10-01");
  save_ok (store, effect);
}

/* The acceptance test: UPDATE and DELETE through the sqlite3 C API, by a
 * program that even defines the store's SQL functions, are refused by the
 * database. */
static void
test_signed_locked_in_database (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *sql = NULL;
  gint64 audit_rows;
  sqlite3 *db;

  sign (fixture);
  g_clear_object (&fixture->store.store);

  db = open_directly (fixture->store.path);
  audit_rows = query_int (db, "SELECT count(*) FROM audit");

  assert_refused_directly (db, "UPDATE session SET notes = 'rewritten'");
  assert_refused_directly (db, "UPDATE session SET status = 'draft', signed_by = NULL, "
                               "signed_at = NULL");
  assert_refused_directly (db, "DELETE FROM session");
  assert_refused_directly (db, "UPDATE zone_treatment SET depth_mm = 2.5");
  assert_refused_directly (db, "DELETE FROM zone_treatment");
  sql = g_strdup_printf ("INSERT INTO zone_treatment (uuid, created_at, updated_at, session_id, "
                         "zone, depth_mm, passes, needle_count, speed, energy, pulse_ms, rf_mode, "
                         "tip_pins) VALUES ('7d1f6a52-0000-4000-8000-000000000001', 'x', 'x', "
                         "%" G_GINT64_FORMAT ", 'chin', 1, 1, 0, 0, 0, 0, 'none', 0)",
                         dc_record_get_id (DC_RECORD (fixture->session)));
  assert_refused_directly (db, sql);
  assert_refused_directly (db, "UPDATE photo SET note = 'x'");
  assert_refused_directly (db, "DELETE FROM photo");

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM zone_treatment WHERE depth_mm = 0.5"), ==,
                   1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM session WHERE status = 'signed'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit"), ==, audit_rows);
  sqlite3_close (db);
}

/* A correction is an addendum: accepted, audited, and itself never
 * changed afterwards. */
static void
test_addendum (Fixture       *fixture,
               gconstpointer  data)
{
  DcStore *store = fixture->store.store;
  g_autoptr(DcAddendum) addendum = make_addendum (fixture);
  g_autoptr(GListModel) trail = NULL;
  g_autoptr(GListModel) addenda = NULL;
  g_autoptr(DcAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  sign (fixture);
  dc_store_set_actor (store, "Dr. Imaginary Test");
  save_ok (store, addendum);

  addenda = dc_store_list (store, DC_TYPE_ADDENDUM,
                           dc_record_get_id (DC_RECORD (fixture->session)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (addenda), ==, 1);

  trail = dc_store_list_audit (store, dc_record_get_uuid (DC_RECORD (addendum)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trail), ==, 1);
  entry = g_list_model_get_item (trail, 0);
  g_assert_cmpstr (dc_audit_entry_get_action (entry), ==, "insert");
  g_assert_cmpstr (dc_audit_entry_get_actor (entry), ==, "Dr. Imaginary Test");
  g_assert_nonnull (strstr (dc_audit_entry_get_after (entry), "glabella"));

  dc_addendum_set_text (addendum, "Something else");
  g_assert_false (dc_store_save (store, DC_RECORD (addendum), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (dc_store_delete (store, DC_RECORD (addendum), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
  g_clear_object (&fixture->store.store);

  db = open_directly (fixture->store.path);
  assert_refused_directly (db, "UPDATE addendum SET text = 'rewritten'");
  assert_refused_directly (db, "DELETE FROM addendum");
  sqlite3_close (db);
}

static GPtrArray *
verify (const char *path)
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  store = dc_store_open (path, &error);
  g_assert_no_error (error);
  dc_store_verify (store, problems, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  return problems;
}

static gboolean
problems_mention (GPtrArray  *problems,
                  const char *text)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* Edits @sql into the database as a tamperer would: straight into the
 * file, past the triggers that refuse it. */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = open_directly (path);
  g_autofree char *script = g_strconcat ("DROP TRIGGER IF EXISTS audit_no_update;"
                                         "DROP TRIGGER IF EXISTS audit_no_delete;", sql, NULL);

  g_assert_cmpint (sqlite3_exec (db, script, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_audit_chain (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) clean = NULL;
  g_autoptr(GPtrArray) edited = NULL;
  g_autoptr(GPtrArray) rehashed = NULL;
  g_autoptr(GPtrArray) truncated = NULL;
  const char *path = fixture->store.path;
  sqlite3 *db;

  sign (fixture);
  g_clear_object (&fixture->store.store);

  /* Every row is chained. */
  db = open_directly (path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit"), >=, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE length(hash) = 64"), ==,
                   query_int (db, "SELECT count(*) FROM audit"));
  sqlite3_close (db);

  clean = verify (path);
  g_assert_cmpuint (clean->len, ==, 0);

  /* One row's content changed: that row is named. */
  tamper (path, "UPDATE audit SET after = replace (after, '0.5', '1.5') "
                "WHERE table_name = 'zone_treatment'");
  edited = verify (path);
  g_assert_cmpuint (edited->len, ==, 1);
  g_assert_true (problems_mention (edited, "Audit row 4 (insert of zone_treatment"));

  /* Its stored hash replaced as well: the next row no longer follows from
   * it, and is named too. */
  tamper (path, "UPDATE audit SET hash = 'ab' || substr (hash, 3) WHERE id = 4");
  rehashed = verify (path);
  g_assert_true (problems_mention (rehashed, "Audit row 5 ("));

  /* Rows cut off the end. */
  tamper (path, "DELETE FROM audit WHERE id >= (SELECT max(id) FROM audit) - 1");
  truncated = verify (path);
  g_assert_true (problems_mention (truncated, "missing from the end"));
}

/* A reference to a row that is not there is reported. */
static void
test_verify_foreign_keys (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db;

  g_clear_object (&fixture->store.store);
  db = open_directly (fixture->store.path);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = OFF;"
                                     "DROP TRIGGER audit_zone_treatment_update;"
                                     "UPDATE zone_treatment SET session_id = 999",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  problems = verify (fixture->store.path);
  g_assert_true (problems_mention (problems, "refers to a missing row of session"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/integrity/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("draft-editable", test_draft_editable);
  ADD ("signed/store", test_signed_locked_in_store);
  ADD ("signed/database", test_signed_locked_in_database);
  ADD ("addendum", test_addendum);
  ADD ("audit-chain", test_audit_chain);
  ADD ("foreign-keys", test_verify_foreign_keys);

  return g_test_run ();
}
