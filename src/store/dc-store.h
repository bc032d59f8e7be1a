/* dc-store.h: the clinic's record store.
 *
 * The only place that knows records live in SQLite. Every call is safe from
 * any thread: calls are serialized on one connection, the single writer.
 * The UI uses the _async variants, which run in order on the store's own
 * worker thread, so a load queued after a save sees what was saved. */
#pragma once

#include <gio/gio.h>

#include "dc-types.h"
#include "dc-model.h"
#include "dc-patient-results.h"

G_BEGIN_DECLS

#define DC_STORE_SCHEMA_VERSION 5

#define DC_TYPE_STORE (dc_store_get_type ())

G_DECLARE_FINAL_TYPE (DcStore, dc_store, DC, STORE, GObject)

typedef gboolean (*DcStoreFunc) (DcStore       *store,
                                 gpointer       data,
                                 GCancellable  *cancellable,
                                 GError       **error);

/* A rule a record must meet before it is saved, beyond its own validation,
 * given by a higher layer (the chart's depth rules need the zone catalogue,
 * which the store does not know). Runs with the store locked: it may read
 * the store synchronously. */
typedef gboolean (*DcStoreCheck) (DcStore   *store,
                                  DcRecord  *record,
                                  gpointer   user_data,
                                  GError   **error);

char        *dc_store_default_path          (void);

DcStore     *dc_store_open                  (const char           *path,
                                             GError              **error);
void         dc_store_open_async            (const char           *path,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
DcStore     *dc_store_open_finish           (GAsyncResult         *result,
                                             GError              **error);
void         dc_store_close                 (DcStore              *self);

void         dc_store_add_check             (DcStore              *self,
                                             GType                 type,
                                             DcStoreCheck          check,
                                             gpointer              user_data);

const char  *dc_store_get_path              (DcStore              *self);
const char  *dc_store_get_photo_dir         (DcStore              *self);
void         dc_store_set_actor             (DcStore              *self,
                                             const char           *actor);
char        *dc_store_dup_actor             (DcStore              *self);

/* Synchronous API, for the command line, tests and store workers. */
gboolean     dc_store_save                  (DcStore              *self,
                                             DcRecord             *record,
                                             GError              **error);
gboolean     dc_store_delete                (DcStore              *self,
                                             DcRecord             *record,
                                             GError              **error);
gpointer     dc_store_load                  (DcStore              *self,
                                             GType                 type,
                                             gint64                id,
                                             GError              **error);
gpointer     dc_store_load_by_uuid          (DcStore              *self,
                                             GType                 type,
                                             const char           *uuid,
                                             GError              **error);
GListModel  *dc_store_list                  (DcStore              *self,
                                             GType                 type,
                                             gint64                parent_id,
                                             GError              **error);
gint64       dc_store_count                 (DcStore              *self,
                                             GType                 type,
                                             gint64                parent_id,
                                             GError              **error);
GListModel  *dc_store_search_patients       (DcStore              *self,
                                             const char           *query,
                                             gboolean              include_archived,
                                             GError              **error);
DcPatientResults *dc_store_find_patients  (DcStore              *self,
                                           const char           *query,
                                           gboolean              include_archived,
                                           GError              **error);
gboolean     dc_store_has_patients          (DcStore              *self,
                                             gboolean             *has_patients,
                                             GError              **error);
DcClinic    *dc_store_load_clinic           (DcStore              *self,
                                             GError              **error);
GListModel  *dc_store_list_audit            (DcStore              *self,
                                             const char           *row_uuid,
                                             GError              **error);
GListModel  *dc_store_list_patient_audit    (DcStore              *self,
                                             DcPatient            *patient,
                                             GError              **error);
GHashTable  *dc_store_list_photo_files      (DcStore              *self,
                                             GError              **error);
gboolean     dc_store_verify                (DcStore              *self,
                                             GPtrArray            *problems,
                                             GError              **error);
gboolean     dc_store_transaction           (DcStore              *self,
                                             DcStoreFunc           func,
                                             gpointer              data,
                                             GCancellable         *cancellable,
                                             GError              **error);
gboolean     dc_store_transaction_as        (DcStore              *self,
                                             const char           *actor,
                                             DcStoreFunc           func,
                                             gpointer              data,
                                             GCancellable         *cancellable,
                                             GError              **error);
gboolean     dc_store_snapshot              (DcStore              *self,
                                             const char           *dest,
                                             GError              **error);
GHashTable  *dc_store_explain_hot_queries   (DcStore              *self,
                                             GError              **error);

/* Asynchronous API, for the UI. Records handed in are copied first, so the
 * caller may go on editing them; a save's new id and timestamps are written
 * back to the caller's record when it finishes. */
void         dc_store_save_async            (DcStore              *self,
                                             DcRecord             *record,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     dc_store_save_finish           (DcStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void         dc_store_delete_async          (DcStore              *self,
                                             DcRecord             *record,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     dc_store_delete_finish         (DcStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void         dc_store_load_async            (DcStore              *self,
                                             GType                 type,
                                             gint64                id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gpointer     dc_store_load_finish           (DcStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void         dc_store_list_async            (DcStore              *self,
                                             GType                 type,
                                             gint64                parent_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GListModel  *dc_store_list_finish           (DcStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void         dc_store_search_patients_async (DcStore              *self,
                                             const char           *query,
                                             gboolean              include_archived,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GListModel  *dc_store_search_patients_finish (DcStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void         dc_store_run_async             (DcStore              *self,
                                             DcStoreFunc           func,
                                             gpointer              data,
                                             GDestroyNotify        data_destroy,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     dc_store_run_finish            (DcStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
