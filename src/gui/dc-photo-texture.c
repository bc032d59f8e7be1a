/* dc-photo-texture.c: a photo library file as a texture, decoded off the
 * main thread.
 *
 * For the library's derivatives (display copy, thumbnail), which are
 * already small JPEGs the right way up: the pixels are read on a worker
 * thread and handed to GTK without a copy. The main thread never opens the
 * file. Camera originals are not for this: they need the size-boxed decode
 * of the import pipeline.
 *
 * A texture for a tile of a known size is made at that size, cropped as
 * GTK_CONTENT_FIT_COVER shows it. GTK's cairo renderer converts and scales
 * a texture each time it draws it: for a 320-pixel thumbnail in a tile,
 * 0.8 ms a tile and frame, longer than a frame has for a gallery full of
 * them. At the tile's size, in the RGB layout gdk-pixbuf decodes into,
 * which GTK 4.8 converts for cairo without going through floats, it is
 * 0.02 ms. */

#include "config.h"

#include "dc-photo-texture.h"

#include <glib/gi18n-lib.h>

#include "dc-error.h"

/* The library's largest derivative is 2400 px: a larger file in its place
 * is not one of ours, and is refused before its pixels are decoded. */
#define MAX_SIDE 4096

static GdkTexture *
texture_new_for_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(GBytes) bytes = NULL;

  /* The texture keeps the pixbuf's own pixels alive instead of a copy. */
  bytes = g_bytes_new_with_free_func (gdk_pixbuf_get_pixels (pixbuf),
                                      gdk_pixbuf_get_byte_length (pixbuf),
                                      g_object_unref, g_object_ref (pixbuf));

  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf),
                                 gdk_pixbuf_get_height (pixbuf),
                                 gdk_pixbuf_get_has_alpha (pixbuf)
                                 ? GDK_MEMORY_R8G8B8A8
                                 : GDK_MEMORY_R8G8B8,
                                 bytes,
                                 gdk_pixbuf_get_rowstride (pixbuf));
}

/* Scaled to cover width × height, the middle kept. */
static GdkPixbuf *
scale_to_cover (GdkPixbuf *pixbuf,
                int        width,
                int        height)
{
  int source_width = gdk_pixbuf_get_width (pixbuf);
  int source_height = gdk_pixbuf_get_height (pixbuf);
  double scale = MAX ((double) width / source_width, (double) height / source_height);
  GdkPixbuf *cover = gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (pixbuf), 8,
                                     width, height);

  if (cover == NULL)
    return NULL;
  gdk_pixbuf_scale (pixbuf, cover, 0, 0, width, height,
                    (width - source_width * scale) / 2, (height - source_height * scale) / 2,
                    scale, scale, GDK_INTERP_BILINEAR);
  return cover;
}

typedef struct
{
  char *path;
  int   width;   /* of a tile to cover, or 0 */
  int   height;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_free (load->path);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  const char *path = load->path;
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) error = NULL;
  int width = 0, height = 0;

  stream = g_file_read (file, cancellable, &error);
  if (stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_new_error (task, DC_ERROR, DC_ERROR_NOT_FOUND,
                                 _("The file “%s” is missing"), name);
      else
        g_task_return_new_error (task, DC_ERROR, DC_ERROR_FAILED,
                                 /* Translators: the second %s says why */
                                 _("The file “%s” cannot be read: %s"), name, error->message);
      return;
    }

  /* The header only: a huge image is refused before it is decoded. */
  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL || width <= 0 || height <= 0)
    {
      g_task_return_new_error (task, DC_ERROR, DC_ERROR_CORRUPT,
                               _("The file “%s” is damaged or is not an image"), name);
      return;
    }
  if (width > MAX_SIDE || height > MAX_SIDE)
    {
      g_task_return_new_error (task, DC_ERROR, DC_ERROR_INVALID,
                               /* Translators: “photo.jpg” is 5000 × 4000 pixels, more
                                * than 4096 */
                               _("The file “%s” is %d × %d pixels, more than %d"),
                               name, width, height, MAX_SIDE);
      return;
    }

  pixbuf = gdk_pixbuf_new_from_stream (G_INPUT_STREAM (stream), cancellable, &error);
  if (pixbuf == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        {
          g_debug ("Cannot decode %s: %s", path, error->message);
          g_task_return_new_error (task, DC_ERROR, DC_ERROR_CORRUPT,
                                   _("The file “%s” is damaged or is not an image"), name);
        }
      return;
    }

  /* Derivatives are stored upright, without EXIF; anything else is turned
   * the way its camera meant. */
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);

  if (load->width > 0 && load->height > 0)
    {
      g_autoptr(GdkPixbuf) cover = scale_to_cover (upright, load->width, load->height);

      if (cover == NULL)
        {
          g_task_return_new_error (task, DC_ERROR, DC_ERROR_FAILED,
                                   _("There is not enough memory to show “%s”"), name);
          return;
        }
      g_task_return_pointer (task, texture_new_for_pixbuf (cover), g_object_unref);
      return;
    }

  g_task_return_pointer (task, texture_new_for_pixbuf (upright), g_object_unref);
}

static void
load_async (const char          *path,
            int                  width,
            int                  height,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load = g_new0 (Load, 1);

  load->path = g_strdup (path);
  load->width = width;
  load->height = height;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dc_photo_texture_load_async);
  g_task_set_task_data (task, load, load_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * dc_photo_texture_load_async:
 * @path: a JPEG or PNG of at most 4096 pixels a side
 *
 * Reads and decodes @path on a worker thread. Cancelling @cancellable
 * makes the result %G_IO_ERROR_CANCELLED, whatever the worker got to.
 */
void
dc_photo_texture_load_async (const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load_async (path, 0, 0, cancellable, callback, user_data);
}

/**
 * dc_photo_texture_load_cover_async:
 * @path: a JPEG or PNG of at most 4096 pixels a side
 * @width: the width of the tile the texture fills, in device pixels
 * @height: its height
 *
 * As dc_photo_texture_load_async(), but the texture is @width × @height:
 * the image scaled to cover that and cropped to its middle, as
 * GTK_CONTENT_FIT_COVER would show it, ready for cairo to copy. Finish
 * with dc_photo_texture_load_finish().
 */
void
dc_photo_texture_load_cover_async (const char          *path,
                                   int                  width,
                                   int                  height,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load_async (path, width, height, cancellable, callback, user_data);
}

/**
 * dc_photo_texture_load_finish:
 *
 * Returns: (transfer full): the image, or %NULL with a %DC_ERROR naming
 * the file: %DC_ERROR_NOT_FOUND when it is missing, %DC_ERROR_CORRUPT
 * when it cannot be decoded, %DC_ERROR_INVALID when it is too large
 */
GdkTexture *
dc_photo_texture_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dc_photo_texture_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
