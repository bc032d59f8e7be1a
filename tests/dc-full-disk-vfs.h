/* dc-full-disk-vfs.h: an SQLite VFS for tests that makes the disk full. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   dc_full_disk_vfs_install     (void);
void   dc_full_disk_vfs_set_room    (gint64 room);
guint  dc_full_disk_vfs_get_refused (void);

G_END_DECLS
