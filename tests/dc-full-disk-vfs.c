/* dc-full-disk-vfs.c: an SQLite VFS for tests that makes the disk full.
 *
 * It wraps the default VFS and answers SQLITE_FULL, as the unix VFS does
 * on ENOSPC, to any write that would grow a file by more than the room
 * left; overwriting what a file holds takes no room, as on a real disk.
 * Memory-mapped I/O is refused so that every write comes through here.
 * Used in the test process itself, and preloaded into the command line
 * (full-disk-preload.c). */

#include "config.h"

#include "dc-full-disk-vfs.h"

#include <sqlite3.h>

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;  /* follows this struct in the same allocation */
} ShimFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static gint64 shim_room = -1;  /* bytes files may still grow by; -1: no limit */
static guint shim_refused;

#define REAL(file) (((ShimFile *) (file))->real)

static int
shim_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
shim_read (sqlite3_file  *file,
           void          *buffer,
           int            amount,
           sqlite3_int64  offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

/* Overwriting what a file holds takes no room; growing it does. */
static int
shim_write (sqlite3_file  *file,
            const void    *buffer,
            int            amount,
            sqlite3_int64  offset)
{
  if (shim_room >= 0)
    {
      sqlite3_int64 size;
      sqlite3_int64 growth;
      int rc = REAL (file)->pMethods->xFileSize (REAL (file), &size);

      if (rc != SQLITE_OK)
        return rc;
      growth = offset + amount - size;
      if (growth > shim_room)
        {
          shim_refused++;
          return SQLITE_FULL;
        }
      if (growth > 0)
        shim_room -= growth;
    }
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
shim_truncate (sqlite3_file  *file,
               sqlite3_int64  size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
shim_sync (sqlite3_file *file,
           int           flags)
{
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
shim_file_size (sqlite3_file  *file,
                sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
shim_lock (sqlite3_file *file,
           int           level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
shim_unlock (sqlite3_file *file,
             int           level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
shim_check_reserved_lock (sqlite3_file *file,
                          int          *result)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), result);
}

static int
shim_file_control (sqlite3_file *file,
                   int           op,
                   void         *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
shim_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
shim_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
shim_shm_map (sqlite3_file  *file,
              int            page,
              int            page_size,
              int            extend,
              void volatile **p)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, page_size, extend, p);
}

static int
shim_shm_lock (sqlite3_file *file,
               int           offset,
               int           n,
               int           flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
shim_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
shim_shm_unmap (sqlite3_file *file,
                int           delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
shim_fetch (sqlite3_file   *file,
            sqlite3_int64   offset,
            int             amount,
            void          **p)
{
  /* No memory-mapped I/O: every write goes through shim_write(). */
  *p = NULL;
  return SQLITE_OK;
}

static int
shim_unfetch (sqlite3_file  *file,
              sqlite3_int64  offset,
              void          *p)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods shim_io_methods = {
  3,
  shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_file_size, shim_lock,
  shim_unlock, shim_check_reserved_lock, shim_file_control, shim_sector_size,
  shim_device_characteristics, shim_shm_map, shim_shm_lock, shim_shm_barrier, shim_shm_unmap,
  shim_fetch, shim_unfetch,
};

static int
shim_open (sqlite3_vfs  *vfs,
           const char   *name,
           sqlite3_file *file,
           int           flags,
           int          *out_flags)
{
  ShimFile *shim = (ShimFile *) file;
  int rc;

  shim->real = (sqlite3_file *) (shim + 1);
  rc = real_vfs->xOpen (real_vfs, name, shim->real, flags, out_flags);
  shim->base.pMethods = shim->real->pMethods != NULL ? &shim_io_methods : NULL;
  return rc;
}

/**
 * dc_full_disk_vfs_install:
 *
 * Makes the shim the default VFS, so that databases opened from now on
 * (the store's) have their files written through it. Until a room is set
 * it only passes calls on.
 */
void
dc_full_disk_vfs_install (void)
{
  if (real_vfs != NULL)
    return;
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  shim_vfs = *real_vfs;
  shim_vfs.zName = "dermachart-full-disk";
  shim_vfs.szOsFile = sizeof (ShimFile) + real_vfs->szOsFile;
  shim_vfs.xOpen = shim_open;
  g_assert_cmpint (sqlite3_vfs_register (&shim_vfs, 1), ==, SQLITE_OK);
}

/**
 * dc_full_disk_vfs_set_room:
 * @room: how many bytes files may still grow by, all together; -1 for
 *   no limit
 */
void
dc_full_disk_vfs_set_room (gint64 room)
{
  shim_room = room;
}

/* How many writes were refused for want of room. */
guint
dc_full_disk_vfs_get_refused (void)
{
  return shim_refused;
}
