/* dc-tar.c: writing and strictly reading POSIX ustar archives.
 *
 * A member is a 512-byte header (name, mode, size, mtime, checksum, "ustar"
 * magic) followed by its data padded to 512 bytes; two zero blocks end the
 * archive. Nothing follows them: the archive is not padded to tar's 10 KiB
 * records, so that any cut, even in the end marker, is seen. */

#include "config.h"

#include "dc-tar.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dc-model.h"

#define NAME_SIZE    100
#define PREFIX_SIZE  155
#define BUFFER_SIZE  (256 * 1024)
/* Eleven octal digits. */
#define MAX_SIZE     G_GUINT64_CONSTANT (077777777777)

struct _DcTarWriter
{
  int                fd;
  gint64             mtime;
  DcTarProgressFunc  progress;
  gpointer           progress_data;
  guint64            n_written;
  guint8            *buffer;
};

struct _DcTarReader
{
  int                fd;
  DcTarProgressFunc  progress;
  gpointer           progress_data;
  guint64            n_read;
  guint64            remaining;   /* of the current member's data */
  guint64            padding;     /* after it */
  gboolean           at_end;
  gboolean           truncated;
};

gboolean
dc_set_io_error (GError **error,
                 int      saved_errno)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, DC_ERROR, DC_ERROR_NO_SPACE,
                 _("The disk is full; nothing was changed. Free some space and try again."));
  else if (saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM)
    g_set_error (error, DC_ERROR, DC_ERROR_READ_ONLY, _("Permission denied (%s)"),
                 g_strerror (saved_errno));
  else
    g_set_error_literal (error, DC_ERROR, DC_ERROR_FAILED, g_strerror (saved_errno));
  return FALSE;
}

gboolean
dc_write_all (int          fd,
              const void  *data,
              gsize        length,
              GError     **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize written = write (fd, p, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return dc_set_io_error (error, errno);
        }
      p += written;
      length -= (gsize) written;
    }
  return TRUE;
}

static gboolean
damaged (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, DC_ERROR, DC_ERROR_CORRUPT, message);
  return FALSE;
}

/* Writing ------------------------------------------------------------------ */

/**
 * dc_tar_writer_new:
 * @fd: where the archive goes; not closed by the writer
 * @mtime: the time every member is stamped with
 */
DcTarWriter *
dc_tar_writer_new (int    fd,
                   gint64 mtime)
{
  DcTarWriter *self = g_new0 (DcTarWriter, 1);

  self->fd = fd;
  self->mtime = MAX (mtime, 0);
  self->buffer = g_malloc (BUFFER_SIZE);
  return self;
}

void
dc_tar_writer_set_progress (DcTarWriter       *self,
                            DcTarProgressFunc  func,
                            gpointer           user_data)
{
  self->progress = func;
  self->progress_data = user_data;
}

void
dc_tar_writer_free (DcTarWriter *self)
{
  if (self == NULL)
    return;

  g_free (self->buffer);
  g_free (self);
}

static gboolean
writer_write (DcTarWriter  *self,
              const void   *data,
              gsize         length,
              GError      **error)
{
  if (!dc_write_all (self->fd, data, length, error))
    return FALSE;
  self->n_written += length;
  if (self->progress != NULL)
    self->progress (self->n_written, self->progress_data);
  return TRUE;
}

static void
set_octal (char    *field,
           gsize    size,
           guint64  value)
{
  /* size - 1 digits and a NUL. */
  g_snprintf (field, size, "%0*" G_GINT64_MODIFIER "o", (int) size - 1, value);
}

static gboolean
write_header (DcTarWriter  *self,
              const char   *name,
              guint64       size,
              GError      **error)
{
  guint8 header[DC_TAR_BLOCK_SIZE] = { 0 };
  gsize name_length = strlen (name);
  const char *split = NULL;
  guint checksum = 0;

  g_return_val_if_fail (size <= MAX_SIZE, FALSE);

  /* Longer names go partly into the prefix, split at a slash. */
  if (name_length > NAME_SIZE)
    {
      for (const char *slash = strchr (name, '/'); slash != NULL; slash = strchr (slash + 1, '/'))
        if ((gsize) (slash - name) <= PREFIX_SIZE && strlen (slash + 1) <= NAME_SIZE)
          {
            split = slash;
            break;
          }
      g_return_val_if_fail (split != NULL, FALSE);
      memcpy (header + 345, name, split - name);
      memcpy (header, split + 1, strlen (split + 1));
    }
  else
    memcpy (header, name, name_length);

  set_octal ((char *) header + 100, 8, 0600);
  set_octal ((char *) header + 108, 8, 0);
  set_octal ((char *) header + 116, 8, 0);
  set_octal ((char *) header + 124, 12, size);
  set_octal ((char *) header + 136, 12, (guint64) self->mtime);
  header[156] = '0';
  memcpy (header + 257, "ustar", 6);
  memcpy (header + 263, "00", 2);

  memset (header + 148, ' ', 8);
  for (guint i = 0; i < DC_TAR_BLOCK_SIZE; i++)
    checksum += header[i];
  g_snprintf ((char *) header + 148, 8, "%06o", checksum);
  header[155] = ' ';

  return writer_write (self, header, sizeof header, error);
}

static gboolean
write_padding (DcTarWriter  *self,
               guint64       size,
               GError      **error)
{
  static const guint8 zeros[DC_TAR_BLOCK_SIZE];
  gsize padding = (DC_TAR_BLOCK_SIZE - size % DC_TAR_BLOCK_SIZE) % DC_TAR_BLOCK_SIZE;

  return writer_write (self, zeros, padding, error);
}

/**
 * dc_tar_writer_add_file:
 * @name: the member's name in the archive
 * @path: the file to copy in
 * @sha256: (out) (optional): the SHA-256 of what was written, in hex
 * @size: (out) (optional): its size
 *
 * Copies @path into the archive, hashing it on the way. A file that changes
 * size meanwhile is an error, not a member with a wrong header.
 */
gboolean
dc_tar_writer_add_file (DcTarWriter   *self,
                        const char    *name,
                        const char    *path,
                        char         **sha256,
                        guint64       *size,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *display = g_filename_display_name (path);
  struct stat st;
  guint64 left;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) < 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, DC_ERROR, saved_errno == ENOENT ? DC_ERROR_NOT_FOUND : DC_ERROR_FAILED,
                   _("Cannot read %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) || (guint64) st.st_size > MAX_SIZE)
    {
      close (fd);
      g_set_error (error, DC_ERROR, DC_ERROR_FAILED,
                   _("Cannot back up %s: it is not a file of at most 8 GiB"), display);
      return FALSE;
    }

  if (!write_header (self, name, (guint64) st.st_size, error))
    {
      close (fd);
      return FALSE;
    }

  left = (guint64) st.st_size;
  while (left > 0)
    {
      gssize n = read (fd, self->buffer, MIN (left, BUFFER_SIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = n < 0 ? errno : 0;

          close (fd);
          if (saved_errno != 0)
            g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Cannot read %s: %s"), display,
                         g_strerror (saved_errno));
          else
            g_set_error (error, DC_ERROR, DC_ERROR_FAILED,
                         _("%s became shorter while it was backed up"), display);
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return FALSE;
        }

      g_checksum_update (checksum, self->buffer, n);
      if (!writer_write (self, self->buffer, n, error))
        {
          close (fd);
          return FALSE;
        }
      left -= (guint64) n;
    }
  close (fd);

  if (!write_padding (self, (guint64) st.st_size, error))
    return FALSE;

  if (sha256 != NULL)
    *sha256 = g_strdup (g_checksum_get_string (checksum));
  if (size != NULL)
    *size = (guint64) st.st_size;
  return TRUE;
}

gboolean
dc_tar_writer_add_data (DcTarWriter  *self,
                        const char   *name,
                        const void   *data,
                        gsize         length,
                        GError      **error)
{
  return write_header (self, name, length, error)
         && writer_write (self, data, length, error)
         && write_padding (self, length, error);
}

/**
 * dc_tar_writer_finish:
 *
 * Writes the end marker. The caller syncs and closes the file.
 */
gboolean
dc_tar_writer_finish (DcTarWriter  *self,
                      GError      **error)
{
  static const guint8 zeros[2 * DC_TAR_BLOCK_SIZE];

  return writer_write (self, zeros, sizeof zeros, error);
}

/* Reading ------------------------------------------------------------------ */

/**
 * dc_tar_reader_new:
 * @fd: the archive, at its start; not closed by the reader
 */
DcTarReader *
dc_tar_reader_new (int fd)
{
  DcTarReader *self = g_new0 (DcTarReader, 1);

  self->fd = fd;
  return self;
}

void
dc_tar_reader_set_progress (DcTarReader       *self,
                            DcTarProgressFunc  func,
                            gpointer           user_data)
{
  self->progress = func;
  self->progress_data = user_data;
}

void
dc_tar_reader_free (DcTarReader *self)
{
  g_free (self);
}

static gboolean
ends_early (DcTarReader  *self,
            GError      **error)
{
  self->truncated = TRUE;
  return damaged (error, _("it ends early"));
}

/**
 * dc_tar_reader_is_truncated:
 *
 * Returns: whether the last error was the archive ending early (or being
 *   empty), rather than something in it that is not right.
 */
gboolean
dc_tar_reader_is_truncated (DcTarReader *self)
{
  return self->truncated;
}

/* Reads up to @count bytes, fewer only at the end of the file. */
static gssize
read_full (DcTarReader  *self,
           void         *buffer,
           gsize         count,
           GError      **error)
{
  gsize done = 0;

  while (done < count)
    {
      gssize n = read (self->fd, (guint8 *) buffer + done, count - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          dc_set_io_error (error, errno);
          return -1;
        }
      if (n == 0)
        break;
      done += (gsize) n;
    }

  self->n_read += done;
  if (self->progress != NULL && done > 0)
    self->progress (self->n_read, self->progress_data);
  return (gssize) done;
}

static gboolean
is_zero (const guint8 *data,
         gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] != 0)
      return FALSE;
  return TRUE;
}

/* An octal field: digits, then NULs or spaces to its end. */
static gboolean
parse_octal (const guint8 *field,
             gsize         size,
             guint64      *value)
{
  gsize i = 0;
  guint n_digits = 0;

  *value = 0;
  while (i < size && field[i] == ' ')
    i++;
  for (; i < size && field[i] >= '0' && field[i] <= '7'; i++, n_digits++)
    {
      if (*value > (G_MAXUINT64 >> 3))
        return FALSE;
      *value = (*value << 3) | (guint64) (field[i] - '0');
    }
  for (; i < size; i++)
    if (field[i] != '\0' && field[i] != ' ')
      return FALSE;
  return n_digits > 0;
}

/* A NUL-terminated field, or one that fills its whole size. */
static char *
get_string (const guint8 *field,
            gsize         size)
{
  return g_strndup ((const char *) field, size);
}

static gboolean
skip_bytes (DcTarReader  *self,
            guint64       count,
            GError      **error)
{
  guint8 buffer[8192];

  /* Seeking past the end succeeds; the truncation shows at the next
   * header, which is then short. */
  if (count > 0 && lseek (self->fd, (off_t) count, SEEK_CUR) >= 0)
    {
      self->n_read += count;
      if (self->progress != NULL)
        self->progress (self->n_read, self->progress_data);
      return TRUE;
    }

  while (count > 0)
    {
      gssize n = read_full (self, buffer, MIN (count, sizeof buffer), error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        return ends_early (self, error);
      count -= (guint64) n;
    }
  return TRUE;
}

/**
 * dc_tar_reader_skip:
 *
 * Skips what is left of the current member.
 */
gboolean
dc_tar_reader_skip (DcTarReader  *self,
                    GError      **error)
{
  guint64 count = self->remaining + self->padding;

  self->remaining = 0;
  self->padding = 0;
  return skip_bytes (self, count, error);
}

/* After the end marker, only zeros may follow (as when tar pads its last
 * record): anything else was not written by us. */
static gboolean
check_rest (DcTarReader  *self,
            GError      **error)
{
  guint8 buffer[8192];
  gssize n;

  while ((n = read_full (self, buffer, sizeof buffer, error)) > 0)
    if (!is_zero (buffer, (gsize) n))
      return damaged (error, _("there is data after its end"));
  return n == 0;
}

/**
 * dc_tar_reader_next:
 * @name: (out): the next member's name, or %NULL at the end of the archive
 * @size: (out): its size
 *
 * Goes to the next member, skipping what is left of the current one.
 *
 * Returns: %FALSE if the archive is damaged, ends early or cannot be read.
 */
gboolean
dc_tar_reader_next (DcTarReader  *self,
                    char        **name,
                    guint64      *size,
                    GError      **error)
{
  guint8 header[DC_TAR_BLOCK_SIZE];
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  guint64 stored_checksum;
  guint64 checksum = 0;
  gssize n;

  *name = NULL;
  *size = 0;

  if (self->at_end)
    return TRUE;
  if (!dc_tar_reader_skip (self, error))
    return FALSE;

  n = read_full (self, header, sizeof header, error);
  if (n < 0)
    return FALSE;
  if (n == 0 && self->n_read == 0)
    {
      self->truncated = TRUE;
      return damaged (error, _("it is empty"));
    }
  if (n < (gssize) sizeof header)
    return ends_early (self, error);

  if (is_zero (header, sizeof header))
    {
      n = read_full (self, header, sizeof header, error);
      if (n < 0)
        return FALSE;
      if (n < (gssize) sizeof header)
        return ends_early (self, error);
      if (!is_zero (header, sizeof header))
        return damaged (error, _("a header is missing"));
      self->at_end = TRUE;
      return check_rest (self, error);
    }

  if (memcmp (header + 257, "ustar", 6) != 0 || memcmp (header + 263, "00", 2) != 0)
    return damaged (error, _("a header is damaged"));

  for (guint i = 0; i < DC_TAR_BLOCK_SIZE; i++)
    checksum += (i >= 148 && i < 156) ? ' ' : header[i];
  if (!parse_octal (header + 148, 8, &stored_checksum) || stored_checksum != checksum)
    return damaged (error, _("a header is damaged"));

  if (!parse_octal (header + 124, 12, size) || *size > MAX_SIZE)
    return damaged (error, _("a header is damaged"));

  base = get_string (header, NAME_SIZE);
  prefix = get_string (header + 345, PREFIX_SIZE);
  *name = *prefix != '\0' ? g_strconcat (prefix, "/", base, NULL) : g_steal_pointer (&base);

  if (header[156] != '0' && header[156] != '\0')
    {
      g_autofree char *display = g_utf8_make_valid (*name, -1);

      g_clear_pointer (name, g_free);
      g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                   _("it holds “%s”, which is not a plain file"), display);
      return FALSE;
    }

  self->remaining = *size;
  self->padding = (DC_TAR_BLOCK_SIZE - *size % DC_TAR_BLOCK_SIZE) % DC_TAR_BLOCK_SIZE;
  return TRUE;
}

/**
 * dc_tar_reader_read:
 *
 * Reads the current member's data.
 *
 * Returns: the number of bytes read, 0 at the member's end, -1 on error
 *   (an archive that ends within the member is one).
 */
gssize
dc_tar_reader_read (DcTarReader  *self,
                    void         *buffer,
                    gsize         count,
                    GError      **error)
{
  gssize n;

  if (self->remaining == 0)
    return 0;

  n = read_full (self, buffer, MIN (count, self->remaining), error);
  if (n < 0)
    return -1;
  if (n == 0)
    {
      ends_early (self, error);
      return -1;
    }
  self->remaining -= (guint64) n;
  return n;
}
