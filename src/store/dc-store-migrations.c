/* dc-store-migrations.c: the numbered schema migrations.
 *
 * Migration N brings a database from user_version N-1 to N inside one
 * BEGIN IMMEDIATE transaction. A migration, once released, never changes:
 * later schema changes are new migrations. After each one the audit
 * triggers are regenerated from the tables' current columns, so a new column
 * is audited without anyone having to remember it. */

#include "config.h"

#include "dc-store-private.h"

#include <glib/gi18n-lib.h>

#include "dc-error.h"

static const char migration_1[] =
  "CREATE TABLE practitioner ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  qualification TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"

  "CREATE TABLE clinic ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  name TEXT,"
  "  address TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  website TEXT,"
  "  logo BLOB"
  ");"

  "CREATE TABLE patient ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  family_name TEXT NOT NULL CHECK (length(family_name) > 0),"
  "  given_name TEXT NOT NULL CHECK (length(given_name) > 0),"
  "  birth_date TEXT NOT NULL CHECK (date(birth_date) IS birth_date),"
  "  sex TEXT NOT NULL CHECK (sex IN ('unknown', 'female', 'male', 'other')),"
  "  email TEXT,"
  "  phone TEXT,"
  "  fitzpatrick INTEGER NOT NULL CHECK (fitzpatrick BETWEEN 0 AND 6),"
  "  language TEXT NOT NULL,"
  "  medical_flags TEXT,"
  "  isotretinoin_last_dose TEXT CHECK (isotretinoin_last_dose IS NULL"
  "                                     OR date(isotretinoin_last_dose) IS isotretinoin_last_dose),"
  "  allergies TEXT,"
  "  consent TEXT,"
  "  notes TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"
  "CREATE INDEX patient_name ON patient (family_name COLLATE NOCASE, given_name COLLATE NOCASE);"
  "CREATE INDEX patient_birth_date ON patient (birth_date);"

  "CREATE VIRTUAL TABLE patient_fts USING fts5 ("
  "  family_name, given_name,"
  "  content = 'patient', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER patient_fts_insert AFTER INSERT ON patient BEGIN"
  "  INSERT INTO patient_fts (rowid, family_name, given_name)"
  "    VALUES (new.id, new.family_name, new.given_name);"
  "END;"
  "CREATE TRIGGER patient_fts_delete AFTER DELETE ON patient BEGIN"
  "  INSERT INTO patient_fts (patient_fts, rowid, family_name, given_name)"
  "    VALUES ('delete', old.id, old.family_name, old.given_name);"
  "END;"
  "CREATE TRIGGER patient_fts_update AFTER UPDATE OF family_name, given_name ON patient BEGIN"
  "  INSERT INTO patient_fts (patient_fts, rowid, family_name, given_name)"
  "    VALUES ('delete', old.id, old.family_name, old.given_name);"
  "  INSERT INTO patient_fts (rowid, family_name, given_name)"
  "    VALUES (new.id, new.family_name, new.given_name);"
  "END;"

  "CREATE TABLE device ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('pen', 'roller', 'rf')),"
  "  make TEXT,"
  "  model TEXT NOT NULL,"
  "  depth_min REAL NOT NULL CHECK (depth_min >= 0),"
  "  depth_max REAL NOT NULL CHECK (depth_max >= depth_min),"
  "  depth_step REAL NOT NULL CHECK (depth_step >= 0),"
  "  needle_length REAL NOT NULL CHECK (needle_length >= 0),"
  "  needle_count INTEGER NOT NULL CHECK (needle_count >= 0),"
  "  speed_min INTEGER NOT NULL,"
  "  speed_max INTEGER NOT NULL CHECK (speed_max >= speed_min),"
  "  energy_unit TEXT NOT NULL CHECK (energy_unit IN ('none', 'level', 'watt')),"
  "  energy_min REAL NOT NULL,"
  "  energy_max REAL NOT NULL CHECK (energy_max >= energy_min),"
  "  pulse_min REAL NOT NULL,"
  "  pulse_max REAL NOT NULL CHECK (pulse_max >= pulse_min),"
  "  tips TEXT,"
  "  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"

  "CREATE TABLE product ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('serum', 'hyaluronic-acid', 'prp', 'growth-factors',"
  "                                     'anaesthetic', 'cartridge', 'rf-tip', 'other')),"
  "  name TEXT NOT NULL,"
  "  manufacturer TEXT,"
  "  intradermal INTEGER NOT NULL DEFAULT 0 CHECK (intradermal IN (0, 1)),"
  "  notes TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"

  "CREATE TABLE lot ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE RESTRICT,"
  "  lot_number TEXT NOT NULL,"
  "  expiry TEXT CHECK (expiry IS NULL OR date(expiry) IS expiry),"
  "  UNIQUE (product_id, lot_number)"
  ");"

  "CREATE TABLE session ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  patient_id INTEGER NOT NULL REFERENCES patient (id) ON DELETE RESTRICT,"
  "  practitioner_id INTEGER REFERENCES practitioner (id) ON DELETE RESTRICT,"
  "  started_at TEXT NOT NULL,"
  "  indication TEXT,"
  "  anaesthetic_lot_id INTEGER REFERENCES lot (id) ON DELETE RESTRICT,"
  "  anaesthetic_strength TEXT,"
  "  anaesthetic_area TEXT,"
  "  anaesthetic_on TEXT,"
  "  anaesthetic_off TEXT,"
  "  endpoint TEXT,"
  "  notes TEXT,"
  "  next_visit TEXT CHECK (next_visit IS NULL OR date(next_visit) IS next_visit),"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),"
  "  signed_by INTEGER REFERENCES practitioner (id) ON DELETE RESTRICT,"
  "  signed_at TEXT,"
  "  CHECK (status = 'draft' OR (signed_by IS NOT NULL AND signed_at IS NOT NULL))"
  ");"
  "CREATE INDEX session_patient ON session (patient_id, started_at);"

  "CREATE TABLE product_use ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  lot_id INTEGER NOT NULL REFERENCES lot (id) ON DELETE RESTRICT,"
  "  amount TEXT,"
  "  note TEXT"
  ");"
  "CREATE INDEX product_use_session ON product_use (session_id);"

  "CREATE TABLE zone_treatment ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  zone TEXT NOT NULL,"
  "  device_id INTEGER REFERENCES device (id) ON DELETE RESTRICT,"
  "  depth_mm REAL NOT NULL CHECK (depth_mm > 0 AND depth_mm <= 10),"
  "  passes INTEGER NOT NULL CHECK (passes >= 0),"
  "  needle_count INTEGER NOT NULL CHECK (needle_count >= 0),"
  "  speed INTEGER NOT NULL CHECK (speed >= 0),"
  "  cartridge_lot_id INTEGER REFERENCES lot (id) ON DELETE RESTRICT,"
  "  energy REAL NOT NULL CHECK (energy >= 0),"
  "  pulse_ms REAL NOT NULL CHECK (pulse_ms >= 0),"
  "  rf_mode TEXT NOT NULL CHECK (rf_mode IN ('none', 'bipolar', 'monopolar')),"
  "  tip_pins INTEGER NOT NULL CHECK (tip_pins >= 0),"
  "  insulated INTEGER NOT NULL DEFAULT 0 CHECK (insulated IN (0, 1)),"
  "  guidance_reason TEXT,"
  "  note TEXT"
  ");"
  "CREATE INDEX zone_treatment_session ON zone_treatment (session_id, zone);"

  "CREATE TABLE photo ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
  "  file_name TEXT NOT NULL,"
  "  view TEXT NOT NULL CHECK (view IN ('frontal', 'oblique-left', 'oblique-right',"
  "                                     'lateral-left', 'lateral-right', 'close-up')),"
  "  zone TEXT,"
  "  phase TEXT NOT NULL CHECK (phase IN ('before', 'after', 'follow-up')),"
  "  taken_at TEXT,"
  "  width INTEGER NOT NULL CHECK (width >= 0),"
  "  height INTEGER NOT NULL CHECK (height >= 0),"
  "  consent TEXT,"
  "  note TEXT,"
  "  UNIQUE (session_id, sha256)"
  ");"
  "CREATE INDEX photo_sha256 ON photo (sha256);"

  "CREATE TABLE side_effect ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('redness', 'swelling', 'flaking', 'bruising',"
  "                                     'infection', 'hyperpigmentation', 'acne-flare',"
  "                                     'other')),"
  "  severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 3),"
  "  onset TEXT NOT NULL CHECK (date(onset) IS onset),"
  "  resolved TEXT CHECK (resolved IS NULL OR (date(resolved) IS resolved AND resolved >= onset)),"
  "  note TEXT"
  ");"
  "CREATE INDEX side_effect_session ON side_effect (session_id);"

  /* The audit trail is append-only: rows are only ever inserted, by the
   * triggers below, and the database itself refuses changes to them. */
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  row_uuid TEXT NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),"
  "  before TEXT,"
  "  after TEXT"
  ");"
  "CREATE INDEX audit_row ON audit (row_uuid);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be changed');"
  "END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be changed');"
  "END;";

/* A clinic's own depth guidance, replacing the catalogue's defaults. */
static const char migration_2[] =
  "CREATE TABLE depth_guidance ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  zone TEXT NOT NULL,"
  "  family TEXT NOT NULL CHECK (family IN ('pen', 'roller', 'rf')),"
  "  depth_min REAL NOT NULL CHECK (depth_min >= 0),"
  "  depth_max REAL NOT NULL CHECK (depth_max > 0 AND depth_max >= depth_min),"
  "  source TEXT NOT NULL CHECK (length(source) > 0),"
  "  UNIQUE (zone, family)"
  ");";

/* Reports that left the clinic: saved, printed, emailed. The table is
 * audited like the others; its rows are never changed or deleted. */
static const char migration_3[] =
  "CREATE TABLE disclosure ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  patient_id INTEGER NOT NULL REFERENCES patient (id) ON DELETE RESTRICT,"
  "  session_id INTEGER REFERENCES session (id) ON DELETE RESTRICT,"
  "  document TEXT NOT NULL CHECK (document IN ('session-report', 'timeline')),"
  "  channel TEXT NOT NULL CHECK (channel IN ('file', 'print', 'email')),"
  "  target TEXT,"
  "  protected INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1)),"
  "  language TEXT"
  ");"
  "CREATE INDEX disclosure_patient ON disclosure (patient_id);"
  "CREATE TRIGGER disclosure_no_update BEFORE UPDATE ON disclosure BEGIN"
  "  SELECT RAISE (ABORT, 'a disclosure, once recorded, cannot be changed');"
  "END;"
  "CREATE TRIGGER disclosure_no_delete BEFORE DELETE ON disclosure BEGIN"
  "  SELECT RAISE (ABORT, 'a disclosure, once recorded, cannot be deleted');"
  "END;";

/* Signing locks a session: the database itself refuses any change to a
 * signed session, its zones, products, photos and acknowledgements. What
 * needs correcting afterwards is an addendum, itself never changed. Side
 * effects stay open: they are recorded at follow-up visits, after signing.
 * Safety warnings the practitioner acknowledged are kept with the session.
 * The audit trail becomes a hash chain (see dc-store-audit.c); rows written
 * before are chained by _dc_store_audit_rehash() in this migration. */
static const char migration_4[] =
  "CREATE TABLE addendum ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE RESTRICT,"
  "  author_id INTEGER NOT NULL REFERENCES practitioner (id) ON DELETE RESTRICT,"
  "  written_at TEXT NOT NULL,"
  "  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),"
  "  text TEXT NOT NULL CHECK (length(trim(text)) > 0)"
  ");"
  "CREATE INDEX addendum_session ON addendum (session_id);"
  "CREATE TRIGGER addendum_signed_only BEFORE INSERT ON addendum"
  "  WHEN (SELECT status FROM session WHERE id = new.session_id) IS NOT 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-draft: an addendum is written to a signed session');"
  "END;"
  "CREATE TRIGGER addendum_no_update BEFORE UPDATE ON addendum BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: an addendum cannot be changed');"
  "END;"
  "CREATE TRIGGER addendum_no_delete BEFORE DELETE ON addendum BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: an addendum cannot be deleted');"
  "END;"

  "CREATE TABLE safety_ack ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('contraindication', 'isotretinoin', 'pih',"
  "                                     'short-interval')),"
  "  detail TEXT,"
  "  stage TEXT NOT NULL CHECK (stage IN ('creation', 'signing')),"
  "  acknowledged_by INTEGER NOT NULL REFERENCES practitioner (id) ON DELETE RESTRICT,"
  "  acknowledged_at TEXT NOT NULL,"
  "  note TEXT"
  ");"
  "CREATE INDEX safety_ack_session ON safety_ack (session_id);"

  "CREATE TRIGGER session_locked_update BEFORE UPDATE ON session"
  "  WHEN old.status = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER session_locked_delete BEFORE DELETE ON session"
  "  WHEN old.status = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER zone_treatment_locked_insert BEFORE INSERT ON zone_treatment"
  "  WHEN (SELECT status FROM session WHERE id = new.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER zone_treatment_locked_update BEFORE UPDATE ON zone_treatment"
  "  WHEN (SELECT status FROM session WHERE id = old.session_id) = 'signed'"
  "    OR (SELECT status FROM session WHERE id = new.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER zone_treatment_locked_delete BEFORE DELETE ON zone_treatment"
  "  WHEN (SELECT status FROM session WHERE id = old.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER product_use_locked_insert BEFORE INSERT ON product_use"
  "  WHEN (SELECT status FROM session WHERE id = new.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER product_use_locked_update BEFORE UPDATE ON product_use"
  "  WHEN (SELECT status FROM session WHERE id = old.session_id) = 'signed'"
  "    OR (SELECT status FROM session WHERE id = new.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER product_use_locked_delete BEFORE DELETE ON product_use"
  "  WHEN (SELECT status FROM session WHERE id = old.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER photo_locked_insert BEFORE INSERT ON photo"
  "  WHEN (SELECT status FROM session WHERE id = new.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER photo_locked_update BEFORE UPDATE ON photo"
  "  WHEN (SELECT status FROM session WHERE id = old.session_id) = 'signed'"
  "    OR (SELECT status FROM session WHERE id = new.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER photo_locked_delete BEFORE DELETE ON photo"
  "  WHEN (SELECT status FROM session WHERE id = old.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER safety_ack_locked_insert BEFORE INSERT ON safety_ack"
  "  WHEN (SELECT status FROM session WHERE id = new.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER safety_ack_locked_update BEFORE UPDATE ON safety_ack"
  "  WHEN (SELECT status FROM session WHERE id = old.session_id) = 'signed'"
  "    OR (SELECT status FROM session WHERE id = new.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"
  "CREATE TRIGGER safety_ack_locked_delete BEFORE DELETE ON safety_ack"
  "  WHEN (SELECT status FROM session WHERE id = old.session_id) = 'signed' BEGIN"
  "  SELECT RAISE (ABORT, 'dc-locked: the session is signed');"
  "END;"

  "ALTER TABLE audit ADD COLUMN hash TEXT;"
  "DROP TRIGGER audit_no_update;";

static gboolean
migration_4_finish (sqlite3  *db,
                    GError  **error)
{
  return _dc_store_audit_rehash (db, error)
         && _dc_store_exec (db,
                            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
                            "  SELECT RAISE (ABORT, 'the audit trail cannot be changed');"
                            "END;", error);
}

/* At the size of a clinic of ten years (10 000 patients, 1.7 million audit
 * rows): the patient list in name order without archived patients reads
 * an index alone, and a patient's history finds its rows through the
 * sessions and session rows named in the audit's JSON instead of reading
 * the whole trail (2.9 s → 2 ms). */
static const char migration_5[] =
  "CREATE INDEX patient_listed"
  "  ON patient (archived, family_name COLLATE NOCASE, given_name COLLATE NOCASE);"
  "CREATE INDEX audit_patient ON audit (json_extract (coalesce (after, before), '$.patient_id'))"
  "  WHERE table_name IN ('session', 'disclosure');"
  "CREATE INDEX audit_session ON audit (json_extract (coalesce (after, before), '$.session_id'))"
  "  WHERE table_name IN ('zone_treatment', 'product_use', 'photo', 'side_effect', 'safety_ack',"
  "                       'addendum');";

typedef struct
{
  const char *sql;
  /* Run after the SQL, in the same transaction, for what SQL cannot do. */
  gboolean  (*finish) (sqlite3  *db,
                       GError  **error);
} Migration;

static const Migration migrations[] = {
  { migration_1, NULL },
  { migration_2, NULL },
  { migration_3, NULL },
  { migration_4, migration_4_finish },
  { migration_5, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DC_STORE_SCHEMA_VERSION);

/* Every table whose rows are part of the clinical record. */
static const char *const audited_tables[] = {
  "addendum", "clinic", "depth_guidance", "device", "disclosure", "lot", "patient", "photo",
  "practitioner", "product", "product_use", "safety_ack", "session", "side_effect",
  "zone_treatment",
};

static gboolean
table_exists (sqlite3    *db,
              const char *table)
{
  sqlite3_stmt *stmt = NULL;
  gboolean exists = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  return exists;
}

static void
append_json_object (GString    *sql,
                    GPtrArray  *columns,
                    GPtrArray  *types,
                    const char *row)
{
  g_string_append (sql, "json_object(");
  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);

      if (i > 0)
        g_string_append (sql, ", ");
      /* JSON has no binary type; a logo is recorded by its size. */
      if (g_ascii_strcasecmp (g_ptr_array_index (types, i), "BLOB") == 0)
        g_string_append_printf (sql, "'%s', length(%s.%s)", column, row, column);
      else
        g_string_append_printf (sql, "'%s', %s.%s", column, row, column);
    }
  g_string_append (sql, ")");
}

static gboolean
create_audit_triggers (sqlite3     *db,
                       const char  *table,
                       GError     **error)
{
  static const struct {
    const char *event;
    const char *action;
    const char *uuid_row;
    const char *before;
    const char *after;
  } events[] = {
    { "INSERT", "insert", "new", NULL, "new" },
    { "UPDATE", "update", "new", "old", "new" },
    { "DELETE", "delete", "old", "old", NULL },
  };
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean chained = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info ('audit') WHERE name = 'hash'",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _dc_store_set_error (db, rc, error);
  chained = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  rc = sqlite3_prepare_v2 (db, "SELECT name, type FROM pragma_table_info (?)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _dc_store_set_error (db, rc, error);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (types, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _dc_store_set_error (db, rc, error);

  /* Table and column names come from our own schema, never from data.
   * Once the audit table has its hash column (migration 4), each row is
   * chained to the one before: the values are computed once, in a
   * subquery, so the hash covers exactly what is stored. */
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_string_append_printf (sql, "DROP TRIGGER IF EXISTS audit_%s_%s;",
                              table, events[i].action);
      g_string_append_printf (sql, "CREATE TRIGGER audit_%s_%s AFTER %s ON %s BEGIN ",
                              table, events[i].action, events[i].event, table);
      if (chained)
        g_string_append (sql, "INSERT INTO audit (at, actor, table_name, row_uuid, action, "
                         "before, after, hash) SELECT e.at, e.actor, e.t, e.u, e.a, e.b, e.f, "
                         "dc_audit_hash (e.at, e.actor, e.t, e.u, e.a, e.b, e.f, "
                         "(SELECT hash FROM audit ORDER BY id DESC LIMIT 1)) FROM (SELECT ");
      else
        g_string_append (sql, "INSERT INTO audit (at, actor, table_name, row_uuid, action, "
                         "before, after) SELECT e.at, e.actor, e.t, e.u, e.a, e.b, e.f "
                         "FROM (SELECT ");
      g_string_append_printf (sql, "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now') AS at, "
                              "dc_actor() AS actor, '%s' AS t, %s.uuid AS u, '%s' AS a, ",
                              table, events[i].uuid_row, events[i].action);
      if (events[i].before != NULL)
        append_json_object (sql, columns, types, events[i].before);
      else
        g_string_append (sql, "NULL");
      g_string_append (sql, " AS b, ");
      if (events[i].after != NULL)
        append_json_object (sql, columns, types, events[i].after);
      else
        g_string_append (sql, "NULL");
      g_string_append (sql, " AS f) AS e; END;");
    }

  return _dc_store_exec (db, sql->str, error);
}

/**
 * _dc_store_migrate:
 * @from_version: the database's user_version
 *
 * Applies every migration after @from_version, each in its own
 * transaction, so a failure leaves the database at the last complete
 * version.
 */
gboolean
_dc_store_migrate (sqlite3  *db,
                   int       from_version,
                   GError  **error)
{
  for (int version = from_version + 1; version <= DC_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = NULL;

      if (!_dc_store_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!_dc_store_exec (db, migrations[version - 1].sql, error))
        goto rollback;
      if (migrations[version - 1].finish != NULL && !migrations[version - 1].finish (db, error))
        goto rollback;

      /* Tables a later migration creates are audited from then on. */
      for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
        if (table_exists (db, audited_tables[i])
            && !create_audit_triggers (db, audited_tables[i], error))
          goto rollback;

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
      if (!_dc_store_exec (db, set_version, error))
        goto rollback;
      if (version == 1 && !_dc_store_exec (db, "PRAGMA application_id = "
                                           G_STRINGIFY (DC_STORE_APPLICATION_ID), error))
        goto rollback;

      if (!_dc_store_exec (db, "COMMIT", error))
        goto rollback;

      g_debug ("Migrated the database to version %d", version);
      continue;

    rollback:
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}
