/* dc-auto-backup.h: the daily backup into a folder the clinic chose, and
 * keeping only the last few there. Its files are named
 * "dermachart-auto-2026-11-25-103000.dcbackup"; nothing else in the folder
 * is ever touched. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DC_AUTO_BACKUP_INTERVAL (24 * G_TIME_SPAN_HOUR)

gboolean  dc_auto_backup_is_due      (gint64        last,
                                      GDateTime    *now);
char     *dc_auto_backup_dup_name    (GDateTime    *now);
gboolean  dc_auto_backup_is_own_name (const char   *name);
gboolean  dc_auto_backup_prune       (const char   *folder,
                                      guint         keep,
                                      guint        *n_removed,
                                      GError      **error);

G_END_DECLS
