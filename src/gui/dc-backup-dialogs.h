/* dc-backup-dialogs.h: the dialogs around backing up and restoring — the
 * file choosers, the question before a restore, errors — and progress
 * shown as it goes. The work itself is in src/backup. */
#pragma once

#include <adwaita.h>

#include "dc-backup.h"

G_BEGIN_DECLS

/* A backup file was chosen (and, for a restore, confirmed). */
typedef void (*DcBackupFileFunc) (GtkWindow  *parent,
                                  const char *path,
                                  gpointer    user_data);

void        dc_backup_dialogs_choose_destination (GtkWindow        *parent,
                                                  DcBackupFileFunc  func,
                                                  gpointer          user_data,
                                                  GDestroyNotify    destroy);
void        dc_backup_dialogs_choose_restore     (GtkWindow        *parent,
                                                  DcBackupFileFunc  func,
                                                  gpointer          user_data,
                                                  GDestroyNotify    destroy);
void        dc_backup_dialogs_ask_restore        (GtkWindow        *parent,
                                                  const char       *path,
                                                  DcBackupFileFunc  func,
                                                  gpointer          user_data,
                                                  GDestroyNotify    destroy);
GtkWidget  *dc_backup_dialogs_new_confirmation   (GtkWindow        *parent,
                                                  const DcBackupInfo *info);
void        dc_backup_dialogs_show_error         (GtkWindow        *parent,
                                                  const char       *heading,
                                                  const GError     *error);
void        dc_backup_dialogs_follow_progress    (GtkProgressBar   *bar,
                                                  DcProgress       *progress);
AdwToast   *dc_backup_dialogs_new_progress_toast (const char       *title,
                                                  DcProgress       *progress);
char       *dc_backup_dialogs_format_time        (GDateTime        *time);

G_END_DECLS
