/* dc-store-file.h: a database file that is not open as a store — a
 * snapshot about to go into a backup, or one taken out of a backup before
 * it replaces anything — and the lock that keeps a clinic's folder from
 * being replaced while a store has it open. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int     schema_version;
  gint64  n_patients;
  gint64  n_sessions;
  gint64  n_photos;
  /* The distinct SHA-256 of every photo record, sorted. */
  GStrv   photo_checksums;
} DcStoreFileSummary;

typedef struct _DcStoreFolderLock DcStoreFolderLock;

DcStoreFileSummary *dc_store_file_check          (const char          *path,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void                dc_store_file_summary_free   (DcStoreFileSummary  *summary);

DcStoreFolderLock  *dc_store_folder_lock         (const char          *db_path,
                                                  gboolean             exclusive,
                                                  GError             **error);
void                dc_store_folder_unlock       (DcStoreFolderLock   *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcStoreFileSummary, dc_store_file_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcStoreFolderLock, dc_store_folder_unlock)

G_END_DECLS
