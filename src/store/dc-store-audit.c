/* dc-store-audit.c: the audit trail's hash chain.
 *
 * Every audit row carries a SHA-256 over its own content and the previous
 * row's hash, computed by the triggers that write the row (through the
 * dc_audit_hash() SQL function this connection defines). Changing, adding
 * or removing a row anywhere but at the end breaks the chain from there
 * on, which dc_store_verify() reports by row.
 *
 * The content is encoded without ambiguity: each field is a NUL byte when
 * it is NULL, or 0x01, its length as eight big-endian bytes, and its bytes. */

#include "config.h"

#include "dc-store-private.h"

#include <glib/gi18n-lib.h>

#include "dc-error.h"

static void
add_field (GChecksum  *checksum,
           const char *text,
           gsize       length)
{
  guint8 header[9];

  if (text == NULL)
    {
      header[0] = 0;
      g_checksum_update (checksum, header, 1);
      return;
    }

  header[0] = 1;
  for (int i = 0; i < 8; i++)
    header[1 + i] = (guint8) ((guint64) length >> (8 * (7 - i)));
  g_checksum_update (checksum, header, sizeof header);
  g_checksum_update (checksum, (const guchar *) text, length);
}

/**
 * _dc_store_audit_hash:
 * @fields: (array fixed-size=8): at, actor, table_name, row_uuid, action,
 *   before, after, and the previous row's hash; each may be %NULL
 *
 * Returns: (transfer full): the row's hash, as 64 lowercase hex digits
 */
char *
_dc_store_audit_hash (const char *const *fields)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < DC_STORE_AUDIT_HASHED_FIELDS; i++)
    add_field (checksum, fields[i], fields[i] != NULL ? strlen (fields[i]) : 0);

  return g_strdup (g_checksum_get_string (checksum));
}

static void
audit_hash_sql_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  const char *fields[DC_STORE_AUDIT_HASHED_FIELDS];
  g_autofree char *hash = NULL;

  g_assert (argc == DC_STORE_AUDIT_HASHED_FIELDS);

  for (int i = 0; i < argc; i++)
    fields[i] = (const char *) sqlite3_value_text (argv[i]);
  hash = _dc_store_audit_hash (fields);
  sqlite3_result_text (context, hash, -1, SQLITE_TRANSIENT);
}

int
_dc_store_audit_register (sqlite3 *db)
{
  return sqlite3_create_function_v2 (db, "dc_audit_hash", DC_STORE_AUDIT_HASHED_FIELDS,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                     audit_hash_sql_func, NULL, NULL, NULL);
}

/* The columns hashed, in order, then the hash itself. */
#define AUDIT_COLUMNS "id, at, actor, table_name, row_uuid, action, before, after, hash"

/**
 * _dc_store_audit_rehash:
 *
 * Computes the hash of every audit row that has none, in order, chaining
 * from the row before. Used once, by the migration that introduced the
 * chain, on rows written before it.
 */
gboolean
_dc_store_audit_rehash (sqlite3  *db,
                        GError  **error)
{
  g_autofree char *previous = NULL;
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY id", -1,
                           &select, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "UPDATE audit SET hash = ?1 WHERE id = ?2", -1, &update, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *fields[DC_STORE_AUDIT_HASHED_FIELDS];
      const char *stored = (const char *) sqlite3_column_text (select, 8);

      rc = SQLITE_OK;
      if (stored != NULL)
        {
          g_free (previous);
          previous = g_strdup (stored);
          continue;
        }

      for (int i = 0; i < DC_STORE_AUDIT_HASHED_FIELDS - 1; i++)
        fields[i] = (const char *) sqlite3_column_text (select, i + 1);
      fields[DC_STORE_AUDIT_HASHED_FIELDS - 1] = previous;

      g_free (previous);
      previous = _dc_store_audit_hash (fields);

      sqlite3_bind_text (update, 1, previous, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 2, sqlite3_column_int64 (select, 0));
      rc = sqlite3_step (update);
      sqlite3_reset (update);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;

  sqlite3_finalize (select);
  sqlite3_finalize (update);

  if (rc != SQLITE_OK)
    return _dc_store_set_error (db, rc, error);
  return TRUE;
}

/**
 * _dc_store_audit_verify:
 * @problems: (element-type utf8): where a line is added for each problem
 *
 * Walks the chain from the first row: each row's hash must be that of its
 * content and of the row before, and the rows must be numbered without a
 * gap up to the last number the table handed out.
 */
gboolean
_dc_store_audit_verify (sqlite3    *db,
                        GPtrArray  *problems,
                        GError    **error)
{
  g_autofree char *previous = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 expected_id = 1;
  gint64 last_id = 0;
  gint64 sequence = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY id", -1,
                           &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fields[DC_STORE_AUDIT_HASHED_FIELDS];
      const char *stored = (const char *) sqlite3_column_text (stmt, 8);
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *computed = NULL;

      rc = SQLITE_OK;
      if (id != expected_id)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Audit rows %lld to %lld are missing"),
                                          (long long) expected_id, (long long) id - 1));

      for (int i = 0; i < DC_STORE_AUDIT_HASHED_FIELDS - 1; i++)
        fields[i] = (const char *) sqlite3_column_text (stmt, i + 1);
      fields[DC_STORE_AUDIT_HASHED_FIELDS - 1] = previous;
      computed = _dc_store_audit_hash (fields);

      if (stored == NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Audit row %lld has no hash"),
                                          (long long) id));
      else if (g_strcmp0 (stored, computed) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Audit row %lld (%s of %s %s at %s) "
                                            "does not match its hash: it, or the row before "
                                            "it, was changed"),
                                          (long long) id, fields[4], fields[2], fields[3],
                                          fields[0]));

      /* Go on from what is stored, so one changed row is reported once. */
      g_free (previous);
      previous = g_strdup (stored != NULL ? stored : computed);
      expected_id = id + 1;
      last_id = id;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    return _dc_store_set_error (db, rc, error);

  /* AUTOINCREMENT remembers the highest number handed out: rows removed
   * from the end leave it behind. */
  rc = sqlite3_prepare_v2 (db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit'", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sequence = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _dc_store_set_error (db, rc, error);

  if (sequence > last_id)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("Audit rows %lld to %lld are missing from the "
                                        "end of the trail"),
                                      (long long) last_id + 1, (long long) sequence));

  return TRUE;
}
