/* dc-face-render-cache.c: the face diagram drawn again and again on screen,
 * with what does not change from frame to frame kept as pixels.
 *
 * On screen the chart is drawn at every change of the hover or the
 * keyboard cursor, often at every frame while the pointer moves over it,
 * and cairo takes some 3 ms to draw all of it at 600 × 700: most of that is
 * stroking the line art and the zones' outlines, which the pointer does not
 * change. So the layer under the highlights (tones, zones and line art) and
 * the one over them (labels, side markers and legend) are drawn once into
 * images of the size of the device pixels they land on, and each frame
 * copies them around the highlights, drawn as ever. The images are drawn
 * again when anything they show changes: the size, the depths, the colour
 * scheme, the text direction, the options.
 *
 * An image that covers the device pixels one to one puts the same pixels
 * there as drawing its layer would: the very same through a recording
 * surface, as GTK draws, and a level or two in 255 apart at some edges
 * straight onto an image, where the layer's own blending rounds before the
 * copy's. The layers are drawn through a recording surface too, replayed at
 * the scale, so that their text comes out as it does drawn afresh. So the
 * cache is used only where that holds: on an image surface or a recording
 * surface (GTK's snapshots), with no scaling or rotation in between and an
 * integer offset. PDF and print output are drawn as vectors, always. */

#include "config.h"

#include "dc-face-render-cache.h"

#include <math.h>
#include <string.h>

typedef struct
{
  DcZoneCatalogue *catalogue;
  char            *view;
  GHashTable      *depths;       /* zone id → double */
  double           depth_max;
  gboolean         dark;
  gboolean         show_legend;
  gboolean         show_labels;
  char            *font_family;
  gboolean         rtl;
  double           width;
  double           height;
  int              scale;
} Key;

struct _DcFaceRenderCache
{
  gboolean         valid;
  guint            serial;       /* of the layers: one more each time they are drawn */
  Key              key;
  cairo_surface_t *base;         /* DC_FACE_LAYER_BASE */
  cairo_surface_t *annotations;  /* DC_FACE_LAYER_ANNOTATIONS */
};

DcFaceRenderCache *
dc_face_render_cache_new (void)
{
  return g_new0 (DcFaceRenderCache, 1);
}

/* Forgets the layers: the next frame draws them again. */
void
dc_face_render_cache_clear (DcFaceRenderCache *cache)
{
  g_return_if_fail (cache != NULL);

  cache->valid = FALSE;
  g_clear_object (&cache->key.catalogue);
  g_clear_pointer (&cache->key.view, g_free);
  g_clear_pointer (&cache->key.depths, g_hash_table_unref);
  g_clear_pointer (&cache->key.font_family, g_free);
  g_clear_pointer (&cache->base, cairo_surface_destroy);
  g_clear_pointer (&cache->annotations, cairo_surface_destroy);
}

void
dc_face_render_cache_free (DcFaceRenderCache *cache)
{
  if (cache == NULL)
    return;

  dc_face_render_cache_clear (cache);
  g_free (cache);
}

/* Depths are equal when their bits are: a NaN is as good as another. */
static gboolean
same_depth (const double *a,
            const double *b)
{
  return a != NULL && b != NULL && memcmp (a, b, sizeof *a) == 0;
}

static gboolean
same_depths (GHashTable *cached,
             GHashTable *depths)
{
  GHashTableIter iter;
  gpointer zone, depth;

  if (g_hash_table_size (cached) != (depths != NULL ? g_hash_table_size (depths) : 0))
    return FALSE;
  if (depths == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, depths);
  while (g_hash_table_iter_next (&iter, &zone, &depth))
    if (!same_depth (g_hash_table_lookup (cached, zone), depth))
      return FALSE;
  return TRUE;
}

static gboolean
key_matches (const Key                 *key,
             DcZoneCatalogue           *catalogue,
             const DcFaceRenderOptions *options,
             double                     width,
             double                     height,
             int                        scale)
{
  return key->catalogue == catalogue
         && g_strcmp0 (key->view, options->view) == 0
         && key->depth_max == options->depth_max
         && key->dark == !!options->dark
         && key->show_legend == !!options->show_legend
         && key->show_labels == !!options->show_labels
         && g_strcmp0 (key->font_family, options->font_family) == 0
         && key->rtl == !!options->rtl
         && key->width == width
         && key->height == height
         && key->scale == scale
         && same_depths (key->depths, options->depth_by_zone);
}

static void
set_key (Key                       *key,
         DcZoneCatalogue           *catalogue,
         const DcFaceRenderOptions *options,
         double                     width,
         double                     height,
         int                        scale)
{
  key->catalogue = g_object_ref (catalogue);
  key->view = g_strdup (options->view);
  key->depths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (options->depth_by_zone != NULL)
    {
      GHashTableIter iter;
      gpointer zone, depth;

      g_hash_table_iter_init (&iter, options->depth_by_zone);
      while (g_hash_table_iter_next (&iter, &zone, &depth))
        if (depth != NULL)
          g_hash_table_insert (key->depths, g_strdup (zone), g_memdup2 (depth, sizeof (double)));
    }
  key->depth_max = options->depth_max;
  key->dark = !!options->dark;
  key->show_legend = !!options->show_legend;
  key->show_labels = !!options->show_labels;
  key->font_family = g_strdup (options->font_family);
  key->rtl = !!options->rtl;
  key->width = width;
  key->height = height;
  key->scale = scale;
}

/* Whether an image of scale × the size lands on @cr's device pixels one to
 * one, and @cr's output is pixels anyway. */
static gboolean
can_cache (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  cairo_matrix_t matrix;

  if (type != CAIRO_SURFACE_TYPE_IMAGE && type != CAIRO_SURFACE_TYPE_RECORDING)
    return FALSE;

  cairo_get_matrix (cr, &matrix);
  return matrix.xx == 1 && matrix.yy == 1 && matrix.xy == 0 && matrix.yx == 0
         && matrix.x0 == floor (matrix.x0) && matrix.y0 == floor (matrix.y0);
}

static cairo_surface_t *
draw_layer (DcZoneCatalogue           *catalogue,
            const DcFaceRenderOptions *options,
            double                     width,
            double                     height,
            int                        scale,
            DcFaceLayers               layer)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (width * scale),
                                                         (int) ceil (height * scale));
  cairo_surface_t *recording;
  cairo_t *cr;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  /* Recorded at the size of the user space and replayed at the scale, as
   * GTK draws a snapshot: text comes out the same as drawn afresh. */
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                              &(cairo_rectangle_t) { 0, 0, width, height });
  cr = cairo_create (recording);
  dc_face_render_layers (cr, catalogue, options, width, height, layer);
  cairo_destroy (cr);

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  return surface;
}

/**
 * dc_face_render_cache_update:
 * @scale: device pixels per unit of user space where the layers land: the
 *   widget's scale factor
 *
 * Draws the layers under and over the highlights again if @options, the
 * size or the scale changed what they show.
 *
 * Returns: %FALSE if they cannot be kept (too large for an image)
 */
gboolean
dc_face_render_cache_update (DcFaceRenderCache         *cache,
                             DcZoneCatalogue           *catalogue,
                             const DcFaceRenderOptions *options,
                             double                     width,
                             double                     height,
                             int                        scale)
{
  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (catalogue), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (scale < 1 || width <= 0 || height <= 0)
    return FALSE;
  if (cache->valid && key_matches (&cache->key, catalogue, options, width, height, scale))
    return TRUE;

  dc_face_render_cache_clear (cache);
  cache->base = draw_layer (catalogue, options, width, height, scale, DC_FACE_LAYER_BASE);
  cache->annotations = draw_layer (catalogue, options, width, height, scale,
                                   DC_FACE_LAYER_ANNOTATIONS);
  if (cache->base == NULL || cache->annotations == NULL)
    {
      dc_face_render_cache_clear (cache);
      return FALSE;
    }
  set_key (&cache->key, catalogue, options, width, height, scale);
  cache->valid = TRUE;
  cache->serial++;
  return TRUE;
}

/* Changes each time the layers are drawn again: a caller that keeps what
 * it made of them knows when to make it again. */
guint
dc_face_render_cache_get_serial (DcFaceRenderCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);

  return cache->serial;
}

/**
 * dc_face_render_cache_paint:
 * @layer: %DC_FACE_LAYER_BASE or %DC_FACE_LAYER_ANNOTATIONS
 *
 * Paints a kept layer at (0, 0) of @cr's user space, as
 * dc_face_render_layers() would draw it there. Call
 * dc_face_render_cache_update() first.
 */
void
dc_face_render_cache_paint (DcFaceRenderCache *cache,
                            cairo_t           *cr,
                            DcFaceLayers       layer)
{
  cairo_surface_t *surface;

  g_return_if_fail (cache != NULL && cache->valid);
  g_return_if_fail (layer == DC_FACE_LAYER_BASE || layer == DC_FACE_LAYER_ANNOTATIONS);

  surface = layer == DC_FACE_LAYER_BASE ? cache->base : cache->annotations;
  cairo_save (cr);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * dc_face_render_cached:
 * @cache: what was kept from the last frames
 * @scale: as for dc_face_render_cache_update()
 *
 * Draws what dc_face_render() draws, taking the layers under and over the
 * highlights from @cache where it can and keeping them there.
 */
void
dc_face_render_cached (cairo_t                   *cr,
                       DcFaceRenderCache         *cache,
                       DcZoneCatalogue           *catalogue,
                       const DcFaceRenderOptions *options,
                       double                     width,
                       double                     height,
                       int                        scale)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (cache != NULL);
  g_return_if_fail (DC_IS_ZONE_CATALOGUE (catalogue));
  g_return_if_fail (options != NULL);

  if (!can_cache (cr)
      || !dc_face_render_cache_update (cache, catalogue, options, width, height, scale))
    {
      dc_face_render (cr, catalogue, options, width, height);
      return;
    }

  dc_face_render_cache_paint (cache, cr, DC_FACE_LAYER_BASE);
  dc_face_render_layers (cr, catalogue, options, width, height, DC_FACE_LAYER_HIGHLIGHTS);
  dc_face_render_cache_paint (cache, cr, DC_FACE_LAYER_ANNOTATIONS);
}
