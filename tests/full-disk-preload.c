/* full-disk-preload.c: puts the full-disk VFS (dc-full-disk-vfs.c) into a
 * program that does not know about it, through LD_PRELOAD: the command
 * line then meets a full disk in SQLite exactly as the store does in the
 * tests. DC_TEST_DISK_ROOM says how many bytes its files may grow by. */

#include "config.h"

#include <stdlib.h>

#include "dc-full-disk-vfs.h"

__attribute__ ((constructor)) static void
preload_init (void)
{
  const char *room = getenv ("DC_TEST_DISK_ROOM");

  if (room == NULL)
    return;
  dc_full_disk_vfs_install ();
  dc_full_disk_vfs_set_room (g_ascii_strtoll (room, NULL, 10));
}
