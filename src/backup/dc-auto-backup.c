/* dc-auto-backup.c: when the daily backup is due, what it is called, and
 * removing the oldest of its files beyond the number to keep. */

#include "config.h"

#include "dc-auto-backup.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dc-backup.h"
#include "dc-model.h"

#define NAME_PREFIX "dermachart-auto-"
/* "2026-11-25-103000" */
#define STAMP_LENGTH 17

/**
 * dc_auto_backup_is_due:
 * @last: when the last automatic backup was made, in seconds since the
 *   epoch, or 0 for never
 *
 * Returns: whether a day has passed since @last. A @last in the future
 *   (the clock was set back) counts as due: better one backup too many.
 */
gboolean
dc_auto_backup_is_due (gint64     last,
                       GDateTime *now)
{
  gint64 seconds;

  g_return_val_if_fail (now != NULL, FALSE);

  seconds = g_date_time_to_unix (now);
  return last <= 0 || last > seconds || (seconds - last) * G_TIME_SPAN_SECOND
                                        >= DC_AUTO_BACKUP_INTERVAL;
}

/**
 * dc_auto_backup_dup_name:
 *
 * Returns: (transfer full): the file name of an automatic backup made at
 *   @now, which sorts after those made before it.
 */
char *
dc_auto_backup_dup_name (GDateTime *now)
{
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  return g_strconcat (NAME_PREFIX, stamp, DC_BACKUP_SUFFIX, NULL);
}

/**
 * dc_auto_backup_is_own_name:
 *
 * Returns: whether @name is what dc_auto_backup_dup_name() writes, and
 *   nothing else: the pruning never touches a file the user put there.
 */
gboolean
dc_auto_backup_is_own_name (const char *name)
{
  const char *stamp;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!g_str_has_prefix (name, NAME_PREFIX)
      || strlen (name) != strlen (NAME_PREFIX) + STAMP_LENGTH + strlen (DC_BACKUP_SUFFIX)
      || !g_str_has_suffix (name, DC_BACKUP_SUFFIX))
    return FALSE;

  stamp = name + strlen (NAME_PREFIX);
  for (guint i = 0; i < STAMP_LENGTH; i++)
    {
      gboolean dash = i == 4 || i == 7 || i == 10;

      if (dash ? stamp[i] != '-' : !g_ascii_isdigit (stamp[i]))
        return FALSE;
    }
  return TRUE;
}

/* A temporary file a backup into the folder left when it was cut short:
 * ".dermachart-auto-2026-11-25-103000.dcbackup.XXXXXX", a day old. */
static gboolean
is_stale_temp (const char *folder,
               const char *name)
{
  g_autofree char *path = NULL;
  const char *dot;
  GStatBuf st;

  if (name[0] != '.' || (dot = strrchr (name, '.')) == name)
    return FALSE;
  {
    g_autofree char *backup_name = g_strndup (name + 1, dot - name - 1);

    if (!dc_auto_backup_is_own_name (backup_name) || strlen (dot) != 7)
      return FALSE;
  }

  path = g_build_filename (folder, name, NULL);
  return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode)
         && (g_get_real_time () / G_USEC_PER_SEC - st.st_mtime) * G_TIME_SPAN_SECOND
            > DC_AUTO_BACKUP_INTERVAL;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -strcmp (*(const char *const *) a, *(const char *const *) b);
}

/**
 * dc_auto_backup_prune:
 * @keep: how many automatic backups to keep, at least 1
 * @n_removed: (out) (optional): how many were removed
 *
 * Removes the oldest automatic backups in @folder beyond the newest @keep.
 * Only regular files with the automatic backups' own names are counted and
 * removed, and the temporary files of their own that a crash left a day
 * ago or more. Call it after a backup was written, never instead.
 */
gboolean
dc_auto_backup_prune (const char  *folder,
                      guint        keep,
                      guint       *n_removed,
                      GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (keep >= 1, FALSE);

  if (n_removed != NULL)
    *n_removed = 0;

  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (is_stale_temp (folder, name))
        {
          path = g_build_filename (folder, name, NULL);
          g_unlink (path);
          continue;
        }
      if (!dc_auto_backup_is_own_name (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode))
        g_ptr_array_add (names, g_strdup (name));
    }

  g_ptr_array_sort (names, compare_newest_first);
  for (guint i = keep; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);

      if (g_unlink (path) < 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Cannot remove the old backup %s: %s"),
                       display, g_strerror (saved_errno));
          return FALSE;
        }
      if (n_removed != NULL)
        (*n_removed)++;
    }

  return TRUE;
}
