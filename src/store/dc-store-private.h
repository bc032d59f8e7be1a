/* dc-store-private.h: what the store's own files share. Nothing outside
 * src/store/ includes this. */
#pragma once

#include <sqlite3.h>

#include "dc-patient-results.h"
#include "dc-store.h"

G_BEGIN_DECLS

/* "DCHT" — marks the file as a Dermachart database. */
#define DC_STORE_APPLICATION_ID 0x44434854

gboolean _dc_store_migrate         (sqlite3      *db,
                                    int           from_version,
                                    GError      **error);
gboolean _dc_store_exec            (sqlite3      *db,
                                    const char   *sql,
                                    GError      **error);
gboolean _dc_store_set_error       (sqlite3      *db,
                                    int           rc,
                                    GError      **error);

gboolean _dc_store_save_restored   (DcStore      *self,
                                    DcRecord     *record,
                                    GError      **error);

/* How many patients a DcPatientResults reads at a time. */
#define DC_STORE_PATIENT_PAGE 64

gboolean _dc_store_load_patients   (DcStore       *self,
                                    const gint64  *ids,
                                    guint          n_ids,
                                    DcPatient    **patients,
                                    GError       **error);

DcPatientResults *_dc_patient_results_new  (DcStore           *store,
                                            GArray            *ids);
gboolean          _dc_patient_results_load (DcPatientResults  *self,
                                            guint              position,
                                            GError           **error);

/* at, actor, table_name, row_uuid, action, before, after, previous hash */
#define DC_STORE_AUDIT_HASHED_FIELDS 8

int      _dc_store_audit_register  (sqlite3      *db);
char    *_dc_store_audit_hash      (const char *const *fields);
gboolean _dc_store_audit_rehash    (sqlite3      *db,
                                    GError      **error);
gboolean _dc_store_audit_verify    (sqlite3      *db,
                                    GPtrArray    *problems,
                                    GError      **error);

G_END_DECLS
