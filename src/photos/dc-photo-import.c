/* dc-photo-import.c: one photo file into the library.
 *
 * The order matters. The file is read once into memory and everything is
 * decided on those bytes: the format and completeness checks, the
 * checksum, the pixel-size guard and the decoding. So what was hashed is
 * exactly what was checked, decoded and kept, even if the source changes
 * meanwhile. Decoding writes nothing: the derivatives are made as JPEGs in
 * memory, which lets an importer decode photos side by side and hold the
 * library lock only while it writes. Then the original is copied to a
 * temporary name in the library folder and renamed into place only when
 * its derivatives are written; on any failure everything this import
 * wrote is removed again. */

#include "config.h"

#include "dc-photo-import.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dc-error.h"
#include "dc-exif.h"
#include "dc-photo-library-private.h"

struct _DcPhotoSource
{
  GBytes        *bytes;
  char          *file_name;
  DcPhotoFormat  format;
  char           sha256[65];
  DcExifInfo     exif;

  /* What dc_photo_source_decode() made: the size, the right way up, and
   * the derivatives as JPEG files. */
  gboolean       decoded;
  int            width;
  int            height;
  GBytes        *derivatives[DC_PHOTO_N_DERIVATIVES];
};

/* JPEG quality of each derivative: the print one is looked at closely. */
static const char *const derivative_quality[DC_PHOTO_N_DERIVATIVES] = { "90", "85", "80" };

static void
set_unsupported_error (GError     **error,
                       const char  *name)
{
  g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
               _("%s: this is not a photo Dermachart can read (JPEG, PNG, WebP or HEIC)"), name);
}

static void
set_damaged_error (GError     **error,
                   const char  *name)
{
  g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT, _("%s: the photo is truncated or damaged"),
               name);
}

static void
set_read_error (GError     **error,
                const char  *name,
                int          saved_errno)
{
  if (saved_errno == ENOENT || saved_errno == ENOTDIR)
    g_set_error (error, DC_ERROR, DC_ERROR_NOT_FOUND, _("%s: the file does not exist"), name);
  else if (saved_errno == EACCES || saved_errno == EPERM)
    g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("%s: cannot be read (permission denied)"),
                 name);
  else
    g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("%s: cannot be read (%s)"), name,
                 g_strerror (saved_errno));
}

/* Reads a whole regular file, refusing folders, devices, empty files and
 * files too large to be a photo before reading a byte of them. */
static GBytes *
read_file (const char    *path,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree guint8 *buffer = NULL;
  struct stat st;
  gsize length = 0;
  gsize size;
  int fd;

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      set_read_error (error, name, errno);
      return NULL;
    }

  if (fstat (fd, &st) < 0)
    {
      set_read_error (error, name, errno);
      close (fd);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID, _("%s: this is a folder, not a photo"),
                   name);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      set_unsupported_error (error, name);
      return NULL;
    }
  if (st.st_size > DC_PHOTO_MAX_FILE_SIZE)
    {
      g_autofree char *size_text = g_format_size (st.st_size);
      g_autofree char *max_text = g_format_size (DC_PHOTO_MAX_FILE_SIZE);

      close (fd);
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   /* TRANSLATORS: the sizes are like "612.3 MB" */
                   _("%s: the file is too large for a photo (%s; at most %s)"),
                   name, size_text, max_text);
      return NULL;
    }

  size = (gsize) st.st_size;
  buffer = g_malloc (MAX (size, 1));
  while (length < size)
    {
      gssize n = read (fd, buffer + length, size - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_read_error (error, name, errno);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return NULL;
        }
    }
  close (fd);

  if (length == 0)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID, _("%s: the file is empty"), name);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

void
dc_photo_source_free (DcPhotoSource *source)
{
  if (source == NULL)
    return;

  g_bytes_unref (source->bytes);
  g_free (source->file_name);
  for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
    g_clear_pointer (&source->derivatives[i], g_bytes_unref);
  g_free (source);
}

/**
 * dc_photo_source_new_for_bytes:
 * @file_name: the name to show the user and to keep with the photo
 *
 * Checks @bytes as a photo file: its format by its first bytes, that its
 * container is complete, and reads the capture time and orientation from
 * its EXIF. Nothing is decoded and nothing is written.
 */
DcPhotoSource *
dc_photo_source_new_for_bytes (GBytes      *bytes,
                               const char  *file_name,
                               GError     **error)
{
  g_autoptr(DcPhotoSource) source = NULL;
  g_autofree char *sha256 = NULL;
  const guint8 *data;
  const guint8 *exif = NULL;
  gsize exif_length = 0;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID, _("%s: the file is empty"), file_name);
      return NULL;
    }

  source = g_new0 (DcPhotoSource, 1);
  source->bytes = g_bytes_ref (bytes);
  source->file_name = g_strdup (file_name);

  source->format = dc_photo_format_sniff (data, length);
  if (source->format == DC_PHOTO_FORMAT_UNKNOWN)
    {
      set_unsupported_error (error, file_name);
      return NULL;
    }
  if (!dc_photo_format_scan (source->format, data, length, &exif, &exif_length))
    {
      set_damaged_error (error, file_name);
      return NULL;
    }

  /* Malformed EXIF only means no capture time: never a reason to refuse. */
  if (exif != NULL)
    dc_exif_parse (exif, exif_length, &source->exif);

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
  g_strlcpy (source->sha256, sha256, sizeof source->sha256);

  return g_steal_pointer (&source);
}

/**
 * dc_photo_source_new_for_path:
 *
 * Reads the file at @path (in the GLib file name encoding) and checks it
 * as dc_photo_source_new_for_bytes() does. Errors name the file.
 */
DcPhotoSource *
dc_photo_source_new_for_path (const char    *path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  bytes = read_file (path, name, cancellable, error);
  if (bytes == NULL)
    return NULL;

  return dc_photo_source_new_for_bytes (bytes, name, error);
}

const char *
dc_photo_source_get_sha256 (DcPhotoSource *source)
{
  g_return_val_if_fail (source != NULL, NULL);

  return source->sha256;
}

const char *
dc_photo_source_get_file_name (DcPhotoSource *source)
{
  g_return_val_if_fail (source != NULL, NULL);

  return source->file_name;
}

DcPhotoFormat
dc_photo_source_get_format (DcPhotoSource *source)
{
  g_return_val_if_fail (source != NULL, DC_PHOTO_FORMAT_UNKNOWN);

  return source->format;
}

/* The EXIF orientation (1–8) as Dermachart's own parser read it, or 0. */
guint
dc_photo_source_get_orientation (DcPhotoSource *source)
{
  g_return_val_if_fail (source != NULL, 0);

  return source->exif.orientation;
}

/* The capture time from EXIF, "YYYY-MM-DDTHH:MM:SS" local time, or NULL. */
const char *
dc_photo_source_get_taken_at (DcPhotoSource *source)
{
  g_return_val_if_fail (source != NULL, NULL);

  return source->exif.taken_at[0] != '\0' ? source->exif.taken_at : NULL;
}

void
dc_imported_file_free (DcImportedFile *imported)
{
  if (imported == NULL)
    return;

  g_free (imported->sha256);
  g_free (imported->file_name);
  g_free (imported->taken_at);
  g_clear_pointer (&imported->created, g_ptr_array_unref);
  g_free (imported);
}

static void
remove_created (GPtrArray *created)
{
  /* Newest first: files before the folders that hold them. */
  for (guint i = created->len; i > 0; i--)
    g_remove (g_ptr_array_index (created, i - 1));
  g_ptr_array_set_size (created, 0);
}

/**
 * dc_imported_file_discard:
 *
 * Removes the library files and folders that this import created, for
 * when the photo's record could not be saved after all. Files that were
 * already in the library (shared with another photo) stay. Call it with
 * the library lock still held since the import.
 */
void
dc_imported_file_discard (DcImportedFile *imported)
{
  g_return_if_fail (imported != NULL);

  remove_created (imported->created);
}

/* The gdk-pixbuf loader for @format, or NULL if this computer has none.
 * The loader is chosen by what we sniffed, never by what gdk-pixbuf guesses,
 * so that a file we took for a JPEG is never handed to, say, the SVG
 * loader. */
static char *
dup_loader_name (DcPhotoFormat format)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (dc_photo_format_is_loader (format, name))
        return g_steal_pointer (&name);
    }
  return NULL;
}

/* gdk-pixbuf's own size for reading files: the loaders are incremental. */
#define CHUNK_SIZE 65536

typedef struct
{
  int      width;
  int      height;
  gboolean seen;
} Header;

static void
header_prepared_cb (GdkPixbufLoader *loader,
                    int              width,
                    int              height,
                    gpointer         data)
{
  Header *header = data;

  header->width = width;
  header->height = height;
  header->seen = TRUE;
  /* What gdk_pixbuf_get_file_info() does: a size of 0 stops the loader
   * before it decodes a pixel. */
  gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* The size the image's header claims, no pixel decoded. */
static gboolean
read_header (const char   *loader_name,
             const guint8 *data,
             gsize         length,
             int          *width,
             int          *height)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type (loader_name, NULL);
  Header header = { 0 };

  if (loader == NULL)
    return FALSE;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (header_prepared_cb), &header);
  for (gsize offset = 0; offset < length && !header.seen; offset += CHUNK_SIZE)
    if (!gdk_pixbuf_loader_write (loader, data + offset, MIN (CHUNK_SIZE, length - offset),
                                  NULL))
      break;
  gdk_pixbuf_loader_close (loader, NULL);

  *width = header.width;
  *height = header.height;
  return header.seen;
}

/* Into a square box with the aspect ratio kept, rounded as
 * gdk_pixbuf_new_from_file_at_scale() rounds. */
static void
at_scale_prepared_cb (GdkPixbufLoader *loader,
                      int              width,
                      int              height,
                      gpointer         data)
{
  int box = GPOINTER_TO_INT (data);

  if (width <= 0 || height <= 0)
    return;

  if (height > width)
    {
      width = (int) (0.5 + (double) width * box / height);
      height = box;
    }
  else
    {
      height = (int) (0.5 + (double) height * box / width);
      width = box;
    }
  gdk_pixbuf_loader_set_size (loader, MAX (width, 1), MAX (height, 1));
}

/* gdk_pixbuf_new_from_file_at_scale() on bytes in memory: libjpeg decodes
 * at a fraction of the size where it can (DCT scaling), the loader scales
 * the rest of the way. Of an animation, the first frame. */
static GdkPixbuf *
decode_at_scale (const char    *loader_name,
                 const guint8  *data,
                 gsize          length,
                 int            box,
                 GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type (loader_name, error);
  gboolean has_frame = FALSE;
  GdkPixbuf *pixbuf;

  if (loader == NULL)
    return NULL;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (at_scale_prepared_cb),
                    GINT_TO_POINTER (box));
  for (gsize offset = 0; offset < length && !has_frame; offset += CHUNK_SIZE)
    {
      GdkPixbufAnimation *animation;

      if (!gdk_pixbuf_loader_write (loader, data + offset, MIN (CHUNK_SIZE, length - offset),
                                    error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }

      animation = gdk_pixbuf_loader_get_animation (loader);
      if (animation != NULL)
        {
          g_autoptr(GdkPixbufAnimationIter) iter = gdk_pixbuf_animation_get_iter (animation,
                                                                                 NULL);

          has_frame = !gdk_pixbuf_animation_iter_on_currently_loading_frame (iter);
        }
    }

  if (!gdk_pixbuf_loader_close (loader, has_frame ? NULL : error) && !has_frame)
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           "The loader made no image");
      return NULL;
    }
  return g_object_ref (pixbuf);
}

/* Decoding memory. A decode takes up to 4 bytes a pixel of the original
 * (less for a JPEG, which libjpeg shrinks as it decodes), and the pixel
 * guard keeps one decode within 400 MB. Photos decoded side by side
 * share that: a decode waits while the others' pixels and its own would
 * come to more than DC_PHOTO_MAX_PIXELS, so twenty phone photos decode
 * two at a time and a 100-megapixel scan alone. */
static GMutex budget_lock;
static GCond budget_cond;
static gint64 budget_in_use;

static gboolean
reserve_pixels (gint64         pixels,
                GCancellable  *cancellable,
                GError       **error)
{
  g_mutex_lock (&budget_lock);
  while (budget_in_use > 0 && budget_in_use + pixels > DC_PHOTO_MAX_PIXELS)
    {
      gint64 until = g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND;

      /* Woken when a decode ends; looks at the cancellable now and then. */
      g_cond_wait_until (&budget_cond, &budget_lock, until);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_mutex_unlock (&budget_lock);
          return FALSE;
        }
    }
  budget_in_use += pixels;
  g_mutex_unlock (&budget_lock);
  return TRUE;
}

static void
release_pixels (gint64 pixels)
{
  g_mutex_lock (&budget_lock);
  budget_in_use -= pixels;
  g_cond_broadcast (&budget_cond);
  g_mutex_unlock (&budget_lock);
}

static GdkPixbuf *
scale_to_fit (GdkPixbuf *pixbuf,
              int        size)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);

  if (MAX (width, height) <= size)
    return g_object_ref (pixbuf);

  if (width >= height)
    return gdk_pixbuf_scale_simple (pixbuf, size, MAX (1, (int) ((gint64) height * size / width)),
                                    GDK_INTERP_BILINEAR);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) ((gint64) width * size / height)), size,
                                  GDK_INTERP_BILINEAR);
}

/* JPEG has no transparency: put transparent pixels on white paper. */
static GdkPixbuf *
flatten (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  GdkPixbuf *flat;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);

  flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  if (flat == NULL)
    return NULL;
  gdk_pixbuf_fill (flat, 0xffffffff);
  gdk_pixbuf_composite (pixbuf, flat, 0, 0, width, height, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
  return flat;
}

/* Encodes the derivatives, each scaled from the previous one: cheaper, and
 * as good when shrinking. gdk-pixbuf's JPEG writer writes no EXIF, so no
 * GPS or camera details leave the original. */
static gboolean
encode_derivatives (DcPhotoSource  *source,
                    GdkPixbuf      *print,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(GdkPixbuf) current = g_object_ref (print);

  for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
    {
      g_autoptr(GdkPixbuf) scaled = NULL;
      g_autoptr(GError) local_error = NULL;
      char *buffer = NULL;
      gsize length;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      scaled = scale_to_fit (current, dc_photo_derivative_get_size (i));
      if (scaled == NULL
          || !gdk_pixbuf_save_to_buffer (scaled, &buffer, &length, "jpeg", &local_error,
                                         "quality", derivative_quality[i], NULL))
        {
          if (local_error != NULL)
            g_debug ("Could not encode a derivative of %s: %s", source->file_name,
                     local_error->message);
          g_set_error (error, DC_ERROR, DC_ERROR_FAILED,
                       _("%s: there is not enough memory to open the photo"), source->file_name);
          return FALSE;
        }
      source->derivatives[i] = g_bytes_new_take (buffer, length);
      g_set_object (&current, scaled);
    }

  return TRUE;
}

/**
 * dc_photo_source_decode:
 *
 * Refuses @source if its header claims more pixels than
 * %DC_PHOTO_MAX_PIXELS or a side longer than %DC_PHOTO_MAX_SIDE, decodes
 * it at print size the right way up, and encodes the derivatives in
 * memory. Nothing is written, so no lock is needed: an importer decodes
 * photos side by side and takes the library lock only for
 * dc_photo_source_import(). Does nothing the second time.
 *
 * Returns: %FALSE with @error naming the file if the photo cannot be
 *   decoded.
 */
gboolean
dc_photo_source_decode (DcPhotoSource  *source,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autofree char *loader_name = NULL;
  const char *name;
  const char *option;
  const guint8 *data;
  gsize length;
  guint orientation = 1;
  int width = 0, height = 0;
  int box;

  g_return_val_if_fail (source != NULL, FALSE);

  if (source->decoded)
    return TRUE;

  name = source->file_name;
  data = g_bytes_get_data (source->bytes, &length);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  loader_name = dup_loader_name (source->format);
  if (loader_name == NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   /* TRANSLATORS: the second %s is a format, like "HEIC" */
                   _("%s: this computer cannot open %s photos (a gdk-pixbuf loader for them "
                     "is missing)"), name, dc_photo_format_get_name (source->format));
      return FALSE;
    }

  /* The size guard: the header only, no pixel decoded. */
  if (!read_header (loader_name, data, length, &width, &height) || width <= 0 || height <= 0)
    {
      set_damaged_error (error, name);
      return FALSE;
    }
  if ((gint64) width * height > DC_PHOTO_MAX_PIXELS)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   /* TRANSLATORS: "IMG_0001.png: 100000 × 100000 pixels is larger than the
                      100-megapixel limit" */
                   _("%s: %d × %d pixels is larger than the %d-megapixel limit"),
                   name, width, height, DC_PHOTO_MAX_PIXELS / 1000000);
      return FALSE;
    }
  if (MAX (width, height) > DC_PHOTO_MAX_SIDE)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("%s: %d × %d pixels is larger than the limit of %d pixels on a side"),
                   name, width, height, DC_PHOTO_MAX_SIDE);
      return FALSE;
    }

  /* A square box: the size applies before the orientation does, so a
   * portrait photo stored sideways fits the same box either way. Never
   * enlarge a small photo. */
  box = MIN (dc_photo_derivative_get_size (DC_PHOTO_DERIVATIVE_PRINT), MAX (width, height));
  if (!reserve_pixels ((gint64) width * height, cancellable, error))
    return FALSE;
  decoded = decode_at_scale (loader_name, data, length, box, &local_error);
  release_pixels ((gint64) width * height);
  if (decoded == NULL)
    {
      g_debug ("Could not decode %s: %s", name, local_error->message);
      if (g_error_matches (local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY))
        g_set_error (error, DC_ERROR, DC_ERROR_FAILED,
                     _("%s: there is not enough memory to open the photo"), name);
      else
        set_damaged_error (error, name);
      return FALSE;
    }

  /* The loader reports the EXIF orientation as an option; applying it
   * turns the pixels the right way up. */
  option = gdk_pixbuf_get_option (decoded, "orientation");
  if (option != NULL)
    orientation = (guint) strtoul (option, NULL, 10);
  oriented = gdk_pixbuf_apply_embedded_orientation (decoded);
  g_clear_object (&decoded);
  flat = oriented != NULL ? flatten (oriented) : NULL;
  if (flat == NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_FAILED,
                   _("%s: there is not enough memory to open the photo"), name);
      return FALSE;
    }
  g_clear_object (&oriented);

  if (!encode_derivatives (source, flat, cancellable, error))
    {
      for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
        g_clear_pointer (&source->derivatives[i], g_bytes_unref);
      return FALSE;
    }

  if (orientation >= 5 && orientation <= 8)
    {
      source->width = height;
      source->height = width;
    }
  else
    {
      source->width = width;
      source->height = height;
    }
  source->decoded = TRUE;
  return TRUE;
}

/* Writes the derivatives that the library lacks. */
static gboolean
write_derivatives (DcPhotoSource  *source,
                   const char     *photo_dir,
                   GPtrArray      *created,
                   GCancellable   *cancellable,
                   GError        **error)
{
  for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
    {
      g_autofree char *path = dc_photo_library_get_derivative_path (photo_dir, source->sha256, i);
      g_autofree char *dir = g_path_get_dirname (path);
      const void *data;
      gsize length;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      data = g_bytes_get_data (source->derivatives[i], &length);
      if (!_dc_photo_library_ensure_dir (dir, created, error)
          || !_dc_photo_library_write_file (path, data, length, error))
        return FALSE;
      g_ptr_array_add (created, g_steal_pointer (&path));
    }

  return TRUE;
}

/**
 * dc_photo_source_import:
 * @photo_dir: the library folder (dc_store_get_photo_dir())
 *
 * Decodes @source as dc_photo_source_decode() does unless that was done,
 * copies the original into the library unchanged (unless it is there
 * already), and writes the missing derivatives.
 *
 * The caller holds the library lock (dc_photo_library_lock()) from before
 * this call until a record refers to the files, or until it calls
 * dc_imported_file_discard().
 *
 * Returns: (transfer full): the imported file, or %NULL with @error naming
 *   the file; then nothing of it is left in the library.
 */
DcImportedFile *
dc_photo_source_import (DcPhotoSource  *source,
                        const char     *photo_dir,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(DcImportedFile) imported = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *original_dir = NULL;
  g_autofree char *temp_path = NULL;
  const guint8 *data;
  gsize length;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (photo_dir != NULL, NULL);

  /* A refused photo leaves no trace: it is refused before anything is
   * written. */
  if (!dc_photo_source_decode (source, cancellable, error))
    return NULL;

  data = g_bytes_get_data (source->bytes, &length);

  imported = g_new0 (DcImportedFile, 1);
  imported->sha256 = g_strdup (source->sha256);
  imported->file_name = g_strdup (source->file_name);
  imported->format = source->format;
  imported->width = source->width;
  imported->height = source->height;
  imported->taken_at = g_strdup (dc_photo_source_get_taken_at (source));
  imported->created = g_ptr_array_new_with_free_func (g_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  original = dc_photo_library_get_original_path (photo_dir, source->sha256, source->format);
  original_dir = g_path_get_dirname (original);

  /* The photo folder itself is never removed again: it carries the lock. */
  if (!_dc_photo_library_ensure_dir (photo_dir, NULL, &local_error)
      || !_dc_photo_library_ensure_dir (original_dir, imported->created, &local_error))
    goto library_error;

  if (!_dc_photo_library_file_has_checksum (original, source->sha256))
    {
      temp_path = _dc_photo_library_write_temp (original_dir, data, length, &local_error);
      if (temp_path == NULL)
        goto library_error;
    }

  if (!write_derivatives (source, photo_dir, imported->created, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      goto library_error;
    }

  if (temp_path != NULL)
    {
      gboolean existed = g_file_test (original, G_FILE_TEST_EXISTS);

      if (!_dc_photo_library_commit (temp_path, original, &local_error))
        goto library_error;
      g_clear_pointer (&temp_path, g_free);
      if (!existed)
        g_ptr_array_add (imported->created, g_strdup (original));
    }

  return g_steal_pointer (&imported);

library_error:
  g_set_error (error, DC_ERROR,
               local_error->domain == DC_ERROR ? local_error->code : DC_ERROR_FAILED,
               /* TRANSLATORS: the second %s says why, e.g. "the disk is full" */
               _("%s: cannot be copied into the photo library: %s"), source->file_name,
               local_error->message);
failed:
  if (temp_path != NULL)
    g_unlink (temp_path);
  remove_created (imported->created);
  return NULL;
}

/**
 * dc_photo_import_file:
 *
 * dc_photo_source_new_for_path() and dc_photo_source_import() in one.
 */
DcImportedFile *
dc_photo_import_file (const char    *photo_dir,
                      const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(DcPhotoSource) source = NULL;

  g_return_val_if_fail (photo_dir != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  source = dc_photo_source_new_for_path (path, cancellable, error);
  if (source == NULL)
    return NULL;

  return dc_photo_source_import (source, photo_dir, cancellable, error);
}
