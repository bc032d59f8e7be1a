/* dc-backup-private.h: what writing a backup and restoring one share: the
 * archive's layout, its members and manifest. Nothing outside src/backup/
 * includes this. */
#pragma once

#include "dc-backup.h"
#include "dc-photo-format.h"
#include "dc-tar.h"

G_BEGIN_DECLS

#define MANIFEST_NAME      "manifest.json"
#define DATABASE_NAME      "dermachart.db"
#define PHOTOS_DIR         "photos"
#define SNAPSHOT_PREFIX    ".dermachart-snapshot-"
#define RESTORE_PREFIX     ".dermachart-restore-"
#define MAX_MANIFEST_SIZE  (64 * 1024 * 1024)
#define BUFFER_SIZE        (256 * 1024)

#define DC_BACKUP_N_PHOTO_FORMATS 4

/* One file in the archive. */
typedef struct
{
  char    *name;
  char    *path;     /* on disk, when writing or once extracted */
  char    *sha256;
  guint64  size;
} DcBackupMember;

extern const DcPhotoFormat _dc_backup_photo_formats[DC_BACKUP_N_PHOTO_FORMATS];

DcBackupMember *_dc_backup_member_new            (const char   *name,
                                                  const char   *path);
void            _dc_backup_member_free           (gpointer      data);
gboolean        _dc_backup_sync_dir              (const char   *path,
                                                  GError      **error);
void            _dc_backup_remove_tree           (const char   *path);
gboolean        _dc_backup_is_hex_sha256         (const char   *text,
                                                  gsize         length);
gboolean        _dc_backup_damaged               (GError      **error,
                                                  const char   *display,
                                                  const char   *detail);
DcBackupInfo   *_dc_backup_parse_manifest        (GBytes       *bytes,
                                                  const char   *display,
                                                  GHashTable   *listed,
                                                  GError      **error);
void            _dc_backup_explain_read_error    (GError      **error,
                                                  const char   *display,
                                                  gboolean      any_member);
int             _dc_backup_open_archive          (const char   *path,
                                                  const char   *display,
                                                  guint64      *size,
                                                  GError      **error);
GBytes         *_dc_backup_read_manifest_member  (DcTarReader  *reader,
                                                  guint64       size,
                                                  const char   *display,
                                                  GError      **error);

G_END_DECLS
