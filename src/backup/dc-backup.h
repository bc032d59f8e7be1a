/* dc-backup.h: backing a clinic up into one file, and restoring it.
 *
 * A backup is a POSIX tar file (FILE.dcbackup) holding a snapshot of the
 * database, every photo file the snapshot refers to (originals and their
 * derivatives, as the library lays them out) and, last, manifest.json: the
 * format version, the app and schema versions, the time it was made, what
 * the clinic held, and each member's path, size and SHA-256.
 *
 * A restore checks everything before it replaces anything, and moves the
 * records it replaces aside, into a dated folder beside them: nothing is
 * ever deleted. */
#pragma once

#include <gio/gio.h>

#include "dc-store.h"

G_BEGIN_DECLS

#define DC_BACKUP_FORMAT_NAME    "dermachart-backup"
#define DC_BACKUP_FORMAT_VERSION 1
#define DC_BACKUP_SUFFIX         ".dcbackup"

typedef struct
{
  GDateTime *created;
  char      *app_version;
  int        format_version;
  int        schema_version;
  gint64     n_patients;
  gint64     n_sessions;
  gint64     n_photos;
  guint      n_files;                 /* the database and photo files */
  guint64    size;                    /* their bytes */
  guint      n_missing_derivatives;   /* when written: left out, the originals are in */
} DcBackupInfo;

typedef struct
{
  DcBackupInfo *info;
  /* Where the records that were replaced went, or %NULL if there were
   * none. */
  char         *moved_to;
} DcRestoreResult;

/* How far a backup or restore has got, shared with the thread doing it. */
typedef struct _DcProgress DcProgress;

DcProgress      *dc_progress_new                (void);
DcProgress      *dc_progress_ref                (DcProgress           *progress);
void             dc_progress_unref              (DcProgress           *progress);
double           dc_progress_get_fraction       (DcProgress           *progress);
void             dc_progress_set_fraction       (DcProgress           *progress,
                                                 double                fraction);

void             dc_backup_info_free            (DcBackupInfo         *info);
char            *dc_backup_info_dup_contents    (const DcBackupInfo   *info);
void             dc_restore_result_free         (DcRestoreResult      *result);

DcBackupInfo    *dc_backup_create               (DcStore              *store,
                                                 const char           *dest,
                                                 DcProgress           *progress,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void             dc_backup_create_async         (DcStore              *store,
                                                 const char           *dest,
                                                 DcProgress           *progress,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
DcBackupInfo    *dc_backup_create_finish        (GAsyncResult         *result,
                                                 GError              **error);

DcBackupInfo    *dc_backup_read_info            (const char           *path,
                                                 GError              **error);
void             dc_backup_read_info_async      (const char           *path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
DcBackupInfo    *dc_backup_read_info_finish     (GAsyncResult         *result,
                                                 GError              **error);

DcRestoreResult *dc_backup_restore              (const char           *db_path,
                                                 const char           *path,
                                                 DcProgress           *progress,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void             dc_backup_restore_async        (const char           *db_path,
                                                 const char           *path,
                                                 DcProgress           *progress,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
DcRestoreResult *dc_backup_restore_finish       (GAsyncResult         *result,
                                                 GError              **error);

char            *dc_backup_dup_suggested_name   (GDateTime            *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcProgress, dc_progress_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcBackupInfo, dc_backup_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcRestoreResult, dc_restore_result_free)

G_END_DECLS
