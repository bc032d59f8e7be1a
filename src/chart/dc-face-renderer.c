/* dc-face-renderer.c: draws the face diagram — line art, zone overlays,
 * depth colours, selection, side markers and legend — and hit-tests it.
 *
 * Everything is drawn in the view's own coordinates under one scale, with
 * unhinted text sized in those coordinates, so the picture is the same at
 * any size; only zone names are left out when they would be too small to
 * read. Layout and hit testing share compute_layout(), drawing and hit
 * testing share the catalogue's parsed paths. */

#include "config.h"

#include "dc-face-renderer.h"

#include "dc-util.h"
#include "dc-zone-catalogue-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define DEFAULT_VIEW  "frontal"
#define FONT_FAMILIES "Cantarell,Noto Sans,DejaVu Sans"

/* Legend size in view units, beside or below the diagram. */
#define LEGEND_BESIDE_WIDTH 300.0
#define LEGEND_BELOW_HEIGHT 190.0

/* Zone names are drawn only when they come out at least this large. */
#define MIN_LABEL_PX 9.0

/* The legend and the side markers must stay readable in a small widget:
 * below this size their text grows relative to the diagram (up to
 * MAX_TEXT_BOOST times), which is the one thing that does not scale. */
#define MIN_TEXT_PX    8.0
#define MAX_TEXT_BOOST 2.5
#define LEGEND_TEXT    27.0   /* tick label size, the legend's smallest text */
#define MARKER_TEXT    38.0

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef struct
{
  Rgba skin, hair, hair_line, shade;
  Rgba contour, feature, detail, solid;
  Rgba zone_tint, zone_line, treated_line;
  Rgba accent, halo, hover, text, text_dim;
} Palette;

static const Palette light_palette = {
  .skin         = { 0.973, 0.953, 0.937, 1 },
  .hair         = { 0.902, 0.882, 0.863, 1 },
  .hair_line    = { 0.600, 0.569, 0.545, 1 },
  .shade        = { 0.910, 0.855, 0.835, 1 },
  .contour      = { 0.361, 0.337, 0.322, 1 },
  .feature      = { 0.400, 0.373, 0.353, 1 },
  .detail       = { 0.580, 0.549, 0.525, 1 },
  .solid        = { 0.431, 0.400, 0.376, 1 },
  .zone_tint    = { 0.243, 0.592, 0.627, 0.06 },
  .zone_line    = { 0.200, 0.510, 0.560, 0.55 },
  .treated_line = { 0.100, 0.180, 0.300, 0.55 },
  .accent       = { 0.902, 0.380, 0.000, 1 },
  .halo         = { 1.000, 1.000, 1.000, 0.9 },
  .hover        = { 1.000, 1.000, 1.000, 0.35 },
  .text         = { 0.200, 0.192, 0.184, 1 },
  .text_dim     = { 0.420, 0.400, 0.384, 1 },
};

static const Palette dark_palette = {
  .skin         = { 0.200, 0.192, 0.188, 1 },
  .hair         = { 0.255, 0.243, 0.235, 1 },
  .hair_line    = { 0.560, 0.537, 0.518, 1 },
  .shade        = { 0.275, 0.247, 0.243, 1 },
  .contour      = { 0.820, 0.796, 0.776, 1 },
  .feature      = { 0.780, 0.757, 0.737, 1 },
  .detail       = { 0.560, 0.537, 0.518, 1 },
  .solid        = { 0.740, 0.718, 0.698, 1 },
  .zone_tint    = { 0.430, 0.780, 0.800, 0.10 },
  .zone_line    = { 0.430, 0.780, 0.800, 0.50 },
  .treated_line = { 0.900, 0.950, 1.000, 0.45 },
  .accent       = { 1.000, 0.639, 0.282, 1 },
  .halo         = { 0.000, 0.000, 0.000, 0.75 },
  .hover        = { 1.000, 1.000, 1.000, 0.18 },
  .text         = { 0.929, 0.918, 0.906, 1 },
  .text_dim     = { 0.700, 0.682, 0.667, 1 },
};

typedef struct
{
  double   view_width;
  double   view_height;
  double   scale;        /* user units per view unit */
  double   x, y;         /* the view's origin in user space */
  gboolean legend_beside;
  double   legend_boost; /* legend units per view unit, >= 1 */
} Layout;

static double
text_boost (double size,
            double scale)
{
  return CLAMP (MIN_TEXT_PX / (size * scale), 1.0, MAX_TEXT_BOOST);
}

/* The scale at which the view plus a legend of extent × boost fits, with
 * the boost that scale calls for; a few rounds settle both. */
static double
fit_with_legend (double   width,
                 double   height,
                 double   vw,
                 double   vh,
                 gboolean beside,
                 double  *boost)
{
  double scale = 0;

  *boost = 1.0;
  for (int round = 0; round < 4; round++)
    {
      if (beside)
        scale = MIN (width / (vw + LEGEND_BESIDE_WIDTH * *boost), height / vh);
      else
        scale = MIN (width / vw, height / (vh + LEGEND_BELOW_HEIGHT * *boost));
      *boost = text_boost (LEGEND_TEXT, scale);
    }
  return scale;
}

static const char *
options_view (const DcFaceRenderOptions *options)
{
  return options != NULL && options->view != NULL ? options->view : DEFAULT_VIEW;
}

/* Fits the view, and the legend if shown, centred into width × height. */
static gboolean
compute_layout (DcZoneCatalogue           *catalogue,
                const DcFaceRenderOptions *options,
                double                     width,
                double                     height,
                Layout                    *layout)
{
  double vw, vh, block_w, block_h;

  if (!dc_zone_catalogue_get_view_size (catalogue, options_view (options), &vw, &vh)
      || width <= 0 || height <= 0)
    return FALSE;

  layout->view_width = vw;
  layout->view_height = vh;
  layout->legend_beside = FALSE;
  layout->legend_boost = 1.0;

  if (options != NULL && options->show_legend)
    {
      double beside_boost, below_boost;
      double beside = fit_with_legend (width, height, vw, vh, TRUE, &beside_boost);
      double below = fit_with_legend (width, height, vw, vh, FALSE, &below_boost);

      layout->legend_beside = beside > below;
      layout->scale = MAX (beside, below);
      layout->legend_boost = layout->legend_beside ? beside_boost : below_boost;
      block_w = vw + (layout->legend_beside ? LEGEND_BESIDE_WIDTH * layout->legend_boost : 0);
      block_h = vh + (layout->legend_beside ? 0 : LEGEND_BELOW_HEIGHT * layout->legend_boost);
    }
  else
    {
      layout->scale = MIN (width / vw, height / vh);
      block_w = vw;
      block_h = vh;
    }

  layout->x = (width - block_w * layout->scale) / 2;
  layout->y = (height - block_h * layout->scale) / 2;
  /* Right to left, the legend goes first, on the left: the face itself is
   * anatomy and never mirrors. */
  if (options != NULL && options->rtl && layout->legend_beside)
    layout->x += LEGEND_BESIDE_WIDTH * layout->legend_boost * layout->scale;
  return TRUE;
}

/* Colours */

typedef struct
{
  double L, a, b;
} Oklab;

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
linear_to_srgb (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1 / 2.4) - 0.055;
}

static Oklab
hex_to_oklab (guint32 hex)
{
  double r = srgb_to_linear (((hex >> 16) & 0xff) / 255.0);
  double g = srgb_to_linear (((hex >> 8) & 0xff) / 255.0);
  double b = srgb_to_linear ((hex & 0xff) / 255.0);
  double l = cbrt (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  double m = cbrt (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  double s = cbrt (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);

  return (Oklab) {
    0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s,
  };
}

static void
oklab_to_rgb (Oklab   c,
              double *rgb)
{
  double l = pow (c.L + 0.3963377774 * c.a + 0.2158037573 * c.b, 3);
  double m = pow (c.L - 0.1055613458 * c.a - 0.0638541728 * c.b, 3);
  double s = pow (c.L - 0.0894841775 * c.a - 1.2914855480 * c.b, 3);

  rgb[0] = linear_to_srgb (4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s);
  rgb[1] = linear_to_srgb (-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s);
  rgb[2] = linear_to_srgb (-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s);
}

/* Light teal to deep indigo: lightness falls steadily, so the order reads
 * in grey scale and for every kind of colour blindness; on a dark
 * background the same hues run the other way, dark to light. */
static const guint32 light_stops[] = {
  0xc4ead9, 0x86d0c2, 0x4bb0c4, 0x3482b8, 0x3a54a0, 0x3b2a78,
};
static const guint32 dark_stops[] = {
  0x1f5a5e, 0x237b83, 0x2d98ad, 0x4aa6dc, 0x8fb2f2, 0xcdb8ff,
};

void
dc_depth_color (double   depth,
                double   depth_max,
                gboolean dark,
                double   rgba[4])
{
  const guint32 *stops = dark ? dark_stops : light_stops;
  guint n = G_N_ELEMENTS (light_stops);
  double t, position, f;
  guint i;
  Oklab a, b;

  g_return_if_fail (rgba != NULL);

  t = depth_max > 0 && isfinite (depth) ? CLAMP (depth / depth_max, 0.0, 1.0) : 0.0;
  position = t * (n - 1);
  i = MIN ((guint) floor (position), n - 2);
  f = position - i;
  a = hex_to_oklab (stops[i]);
  b = hex_to_oklab (stops[i + 1]);
  oklab_to_rgb ((Oklab) { a.L + f * (b.L - a.L), a.a + f * (b.a - a.a), a.b + f * (b.b - a.b) },
                rgba);
  rgba[3] = 1.0;
}

double
dc_face_get_depth_max (const DcFaceRenderOptions *options)
{
  GHashTableIter iter;
  gpointer value;
  double max = 0;

  g_return_val_if_fail (options != NULL, 1.0);

  if (options->depth_max > 0)
    return options->depth_max;
  if (options->depth_by_zone == NULL)
    return 1.0;

  /* Round the deepest zone up to half a millimetre, so the legend's
   * ticks stay simple, with at least 1 mm of scale. */
  g_hash_table_iter_init (&iter, options->depth_by_zone);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value != NULL && isfinite (*(double *) value))
      max = MAX (max, *(double *) value);
  return MAX (1.0, ceil (max * 2 - 1e-9) / 2);
}

static void
set_rgba (cairo_t    *cr,
          const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

/* Text */

static PangoLayout *
create_layout (cairo_t                   *cr,
               const DcFaceRenderOptions *options,
               const char                *text,
               double                     size,
               PangoWeight                weight)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *font_options = cairo_font_options_create ();
  PangoFontDescription *font = pango_font_description_new ();

  /* Unhinted metrics and unrounded positions: text scales exactly with the
   * drawing instead of snapping to the device's pixel grid. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (font_options);

  pango_font_description_set_family (font, options->font_family != NULL ? options->font_family
                                                                       : FONT_FAMILIES);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_context_changed (layout);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* Draws layout with its centre at (x, y), over a halo if one is given. */
static void
show_layout_centered (cairo_t     *cr,
                      PangoLayout *layout,
                      double       x,
                      double       y,
                      const Rgba  *color,
                      const Rgba  *halo,
                      double       halo_width)
{
  double w, h;

  layout_size (layout, &w, &h);
  cairo_move_to (cr, x - w / 2, y - h / 2);
  if (halo != NULL)
    {
      pango_cairo_layout_path (cr, layout);
      set_rgba (cr, halo);
      cairo_set_line_width (cr, halo_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_move_to (cr, x - w / 2, y - h / 2);
    }
  set_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
}

/* Drawing */

static double
zone_depth (const DcFaceRenderOptions *options,
            const char                *zone_id,
            gboolean                  *treated)
{
  double *depth = NULL;

  if (options->depth_by_zone != NULL)
    depth = g_hash_table_lookup (options->depth_by_zone, zone_id);
  *treated = depth != NULL && isfinite (*depth);
  return *treated ? *depth : 0;
}

static void
draw_outlines (cairo_t         *cr,
               GPtrArray       *outlines,
               const Palette   *palette,
               gboolean         fills)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < outlines->len; i++)
    {
      DcOutline *outline = g_ptr_array_index (outlines, i);

      cairo_new_path (cr);
      dc_path_append (outline->path, cr);

      if (fills)
        {
          /* Tonal fills go under the zones. */
          switch (outline->klass)
            {
            case DC_OUTLINE_SKIN:
              set_rgba (cr, &palette->skin);
              cairo_fill (cr);
              break;
            case DC_OUTLINE_HAIR:
              set_rgba (cr, &palette->hair);
              cairo_fill (cr);
              break;
            case DC_OUTLINE_SHADE:
              set_rgba (cr, &palette->shade);
              cairo_fill (cr);
              break;
            default:
              cairo_new_path (cr);
              break;
            }
          continue;
        }

      /* Lines go over the zones, so features stay visible on colour. */
      switch (outline->klass)
        {
        case DC_OUTLINE_HAIR:
          set_rgba (cr, &palette->hair_line);
          cairo_set_line_width (cr, 1.6);
          cairo_stroke (cr);
          break;
        case DC_OUTLINE_CONTOUR:
          set_rgba (cr, &palette->contour);
          cairo_set_line_width (cr, 2.4);
          cairo_stroke (cr);
          break;
        case DC_OUTLINE_FEATURE:
          set_rgba (cr, &palette->feature);
          cairo_set_line_width (cr, 2.0);
          cairo_stroke (cr);
          break;
        case DC_OUTLINE_DETAIL:
          set_rgba (cr, &palette->detail);
          cairo_set_line_width (cr, 1.4);
          cairo_stroke (cr);
          break;
        case DC_OUTLINE_SOLID:
          set_rgba (cr, &palette->solid);
          cairo_fill (cr);
          break;
        case DC_OUTLINE_SKIN:
        case DC_OUTLINE_SHADE:
        default:
          /* Tones only: their edges are drawn by the contour lines. */
          cairo_new_path (cr);
          break;
        }
    }
}

static void
draw_zones (cairo_t                   *cr,
            DcZoneCatalogue           *catalogue,
            const DcFaceRenderOptions *options,
            const Palette             *palette,
            double                     depth_max)
{
  const char *view = options_view (options);
  const char *const *ids = dc_zone_catalogue_get_zone_ids (catalogue);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const DcZone *zone = dc_zone_catalogue_lookup (catalogue, ids[i]);
      const DcPath *region = dc_zone_get_region (zone, view);
      gboolean treated;
      double depth = zone_depth (options, ids[i], &treated);

      if (region == NULL)
        continue;

      cairo_new_path (cr);
      dc_path_append (region, cr);
      if (treated)
        {
          double rgba[4];

          dc_depth_color (depth, depth_max, options->dark, rgba);
          cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
          cairo_fill_preserve (cr);
          set_rgba (cr, &palette->treated_line);
          cairo_set_line_width (cr, 1.4);
        }
      else
        {
          set_rgba (cr, &palette->zone_tint);
          cairo_fill_preserve (cr);
          set_rgba (cr, &palette->zone_line);
          cairo_set_line_width (cr, 1.3);
        }
      cairo_stroke (cr);
    }
}

/* Hover and selection go over the line art: they must never be hidden. */
static void
draw_highlights (cairo_t                   *cr,
                 DcZoneCatalogue           *catalogue,
                 const DcFaceRenderOptions *options,
                 const Palette             *palette)
{
  const char *view = options_view (options);
  const DcZone *hovered = dc_zone_catalogue_lookup (catalogue, options->hovered);
  const DcZone *zone;
  const DcPath *region;

  if (hovered != NULL && (region = dc_zone_get_region (hovered, view)) != NULL)
    {
      cairo_new_path (cr);
      dc_path_append (region, cr);
      set_rgba (cr, &palette->hover);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, palette->accent.r, palette->accent.g, palette->accent.b, 0.6);
      cairo_set_line_width (cr, 2.4);
      cairo_stroke (cr);
    }

  for (guint i = 0; options->selected != NULL && options->selected[i] != NULL; i++)
    {
      zone = dc_zone_catalogue_lookup (catalogue, options->selected[i]);
      if (zone == NULL || (region = dc_zone_get_region (zone, view)) == NULL)
        continue;

      cairo_new_path (cr);
      dc_path_append (region, cr);
      set_rgba (cr, &palette->halo);
      cairo_set_line_width (cr, 8.0);
      cairo_stroke_preserve (cr);
      set_rgba (cr, &palette->accent);
      cairo_set_line_width (cr, 4.2);
      cairo_stroke (cr);
    }

  /* The keyboard cursor: a dashed ring over everything, like a focus ring,
   * so that it reads apart from both hover and selection. */
  zone = dc_zone_catalogue_lookup (catalogue, options->focused);
  if (zone != NULL && (region = dc_zone_get_region (zone, view)) != NULL)
    {
      static const double dashes[] = { 9.0, 6.0 };

      cairo_save (cr);
      cairo_new_path (cr);
      dc_path_append (region, cr);
      set_rgba (cr, &palette->halo);
      cairo_set_line_width (cr, 7.0);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, palette->accent.r, palette->accent.g, palette->accent.b, 1.0);
      cairo_set_line_width (cr, 3.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static gboolean
layout_fits_region (cairo_t      *cr,
                    const DcPath *region,
                    double        cx,
                    double        cy,
                    double        w,
                    double        h)
{
  gboolean fits;

  cairo_save (cr);
  cairo_new_path (cr);
  dc_path_append (region, cr);
  fits = cairo_in_fill (cr, cx - w / 2, cy - h / 2) && cairo_in_fill (cr, cx + w / 2, cy - h / 2)
         && cairo_in_fill (cr, cx - w / 2, cy + h / 2)
         && cairo_in_fill (cr, cx + w / 2, cy + h / 2);
  cairo_new_path (cr);
  cairo_restore (cr);
  return fits;
}

static void
draw_zone_labels (cairo_t                   *cr,
                  DcZoneCatalogue           *catalogue,
                  const DcFaceRenderOptions *options,
                  const Palette             *palette,
                  double                     depth_max,
                  double                     scale)
{
  const double size = 19.0;
  const char *view = options_view (options);
  const char *const *ids = dc_zone_catalogue_get_zone_ids (catalogue);

  if (size * scale < MIN_LABEL_PX)
    return;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const DcZone *zone = dc_zone_catalogue_lookup (catalogue, ids[i]);
      const DcPath *region = dc_zone_get_region (zone, view);
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *text = NULL;
      gboolean treated;
      double depth = zone_depth (options, ids[i], &treated);
      double x, y, w, h;
      const Rgba *color = &palette->text;
      const Rgba *halo = NULL;
      Rgba on_fill;

      if (region == NULL || !_dc_zone_get_anchor (catalogue, zone, view, &x, &y))
        continue;

      if (treated)
        {
          double rgba[4];
          double luminance;

          g_autofree char *number = dc_format_decimal (depth);

          /* Translators: a needle depth on the face diagram, in millimetres. */
          text = g_strdup_printf (_("%s mm"), number);
          dc_depth_color (depth, depth_max, options->dark, rgba);
          luminance = 0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2];
          on_fill = luminance > 0.45 ? (Rgba) { 0.08, 0.12, 0.16, 1 }
                                     : (Rgba) { 1, 1, 1, 1 };
          color = &on_fill;
        }
      else
        {
          text = g_strdup (dc_zone_get_name (zone));
          color = &palette->text_dim;
          halo = &palette->skin;
        }

      layout = create_layout (cr, options, text, size,
                              treated ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      layout_size (layout, &w, &h);
      if (!layout_fits_region (cr, region, x, y, w * 0.92, h * 0.6))
        continue;
      show_layout_centered (cr, layout, x, y, color, halo, 4.0);
    }
}

/* "R" and "L" from the patient's perspective: the patient's right is on the
 * viewer's left in the frontal view. */
static void
draw_side_markers (cairo_t                   *cr,
                   const DcFaceRenderOptions *options,
                   const Palette             *palette,
                   const Layout              *layout,
                   double                     scale)
{
  const double radius = 34.0;
  const double y = 470.0;
  struct
  {
    double      x;
    const char *letter;
    const char *caption;
  } markers[] = {
    /* Translators: marks the patient's right side on the face diagram. */
    { 108.0, C_("face diagram", "R"), C_("face diagram", "Patient’s right") },
    /* Translators: marks the patient's left side on the face diagram. */
    { layout->view_width - 108.0,
      C_("face diagram", "L"), C_("face diagram", "Patient’s left") },
  };

  if (g_strcmp0 (options_view (options), DEFAULT_VIEW) != 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      g_autoptr(PangoLayout) letter = NULL;
      double boost = text_boost (MARKER_TEXT, scale);
      double half;
      int text_width;

      cairo_save (cr);
      cairo_translate (cr, markers[i].x, y);
      cairo_scale (cr, boost, boost);

      /* A circle round a letter; a pill round a word, as some languages
       * write the sides out. */
      letter = create_layout (cr, options, markers[i].letter, MARKER_TEXT, PANGO_WEIGHT_BOLD);
      pango_layout_get_size (letter, &text_width, NULL);
      half = MAX (0, (double) text_width / PANGO_SCALE / 2 + 14 - radius);
      cairo_new_path (cr);
      cairo_arc (cr, half, 0, radius, -G_PI / 2, G_PI / 2);
      cairo_arc (cr, -half, 0, radius, G_PI / 2, 3 * G_PI / 2);
      cairo_close_path (cr);
      set_rgba (cr, &palette->skin);
      cairo_fill_preserve (cr);
      set_rgba (cr, &palette->text_dim);
      cairo_set_line_width (cr, 2.2);
      cairo_stroke (cr);

      show_layout_centered (cr, letter, 0, 0, &palette->text, NULL, 0);
      cairo_restore (cr);

      if (18.0 * scale >= MIN_LABEL_PX)
        {
          g_autoptr(PangoLayout) caption = create_layout (cr, options, markers[i].caption, 18.0,
                                                          PANGO_WEIGHT_NORMAL);

          pango_layout_set_width (caption, 150 * PANGO_SCALE);
          pango_layout_set_alignment (caption, PANGO_ALIGN_CENTER);
          pango_layout_set_wrap (caption, PANGO_WRAP_WORD);
          show_layout_centered (cr, caption, markers[i].x, y + radius + 30.0,
                                &palette->text_dim, NULL, 0);
        }
    }
}

static double
tick_step (double depth_max)
{
  if (depth_max <= 1.0)
    return 0.25;
  if (depth_max <= 3.0)
    return 0.5;
  return 1.0;
}

/* The colour bar with its ticks, and a swatch for untreated zones, in
 * legend units: (0, 0) is the legend area's top left corner, next to the
 * view, and its size is box_w × box_h. */
static void
draw_legend (cairo_t                   *cr,
             const DcFaceRenderOptions *options,
             const Palette             *palette,
             gboolean                   beside,
             double                     box_w,
             double                     box_h,
             double                     depth_max)
{
  const double title_size = 30.0, tick_size = LEGEND_TEXT, swatch = 44.0, gap = 12.0;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) untreated = NULL;
  cairo_pattern_t *gradient;
  double step = tick_step (depth_max);
  double bar_x, bar_y, bar_w, bar_h, sx, sy;
  double tw, th, uw, uh;
  int n_ticks = (int) floor (depth_max / step + 1e-6);
  gboolean show_swatch = TRUE;

  title = create_layout (cr, options, _("Needle depth (mm)"), title_size, PANGO_WEIGHT_BOLD);
  untreated = create_layout (cr, options, _("Not treated"), tick_size, PANGO_WEIGHT_NORMAL);
  layout_size (untreated, &uw, &uh);

  if (beside)
    {
      double x = 24;

      pango_layout_set_width (title, (box_w - 2 * x) * PANGO_SCALE);
      pango_layout_set_wrap (title, PANGO_WRAP_WORD);
      layout_size (title, &tw, &th);
      bar_w = 46;
      bar_h = MIN (560, box_h * 0.45);
      bar_x = x;
      bar_y = (box_h - (th + gap + bar_h + 40 + swatch)) / 2 + th + gap;
      cairo_move_to (cr, x, bar_y - gap - th);
      gradient = cairo_pattern_create_linear (0, bar_y + bar_h, 0, bar_y);
      sx = bar_x;
      sy = bar_y + bar_h + 40;
    }
  else
    {
      /* One centred row: the bar, then the untreated swatch; without the
       * swatch when the row would not fit. */
      double row;

      layout_size (title, &tw, &th);
      bar_w = 500;
      row = bar_w + 60 + swatch + gap + uw;
      if (row > box_w - 40)
        {
          show_swatch = FALSE;
          bar_w = MIN (bar_w, box_w - 80);
          row = bar_w;
        }
      bar_h = 40;
      bar_x = (box_w - row) / 2;
      bar_y = 14 + th + gap;
      cairo_move_to (cr, bar_x, 14);
      gradient = cairo_pattern_create_linear (bar_x, 0, bar_x + bar_w, 0);
      sx = bar_x + bar_w + 60;
      sy = bar_y;
    }
  set_rgba (cr, &palette->text);
  pango_cairo_show_layout (cr, title);

  for (int i = 0; i <= 24; i++)
    {
      double rgba[4];

      dc_depth_color (depth_max * i / 24.0, depth_max, options->dark, rgba);
      cairo_pattern_add_color_stop_rgb (gradient, i / 24.0, rgba[0], rgba[1], rgba[2]);
    }
  cairo_new_path (cr);
  cairo_rectangle (cr, bar_x, bar_y, bar_w, bar_h);
  cairo_set_source (cr, gradient);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (gradient);
  set_rgba (cr, &palette->text_dim);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);

  /* Tick labels: the first and the last always, those between when they
   * keep clear of their neighbours. */
  {
    double last_end = -G_MAXDOUBLE, top_start;
    double top_value = n_ticks * step;
    g_autofree char *top_text = dc_format_decimal (top_value);
    g_autoptr(PangoLayout) top = create_layout (cr, options, top_text, tick_size,
                                                PANGO_WEIGHT_NORMAL);
    double w, h;

    layout_size (top, &w, &h);
    top_start = beside ? -(bar_y + bar_h - top_value / depth_max * bar_h) - h / 2
                       : bar_x + top_value / depth_max * bar_w - w / 2;

    for (int i = 0; i <= n_ticks; i++)
      {
        double value = i * step, t = value / depth_max, start, end, pos;
        g_autofree char *text = dc_format_decimal (value);
        g_autoptr(PangoLayout) tick = create_layout (cr, options, text, tick_size,
                                                     PANGO_WEIGHT_NORMAL);

        layout_size (tick, &w, &h);
        set_rgba (cr, &palette->text_dim);
        cairo_set_line_width (cr, 1.6);
        if (beside)
          {
            pos = bar_y + bar_h - t * bar_h;
            cairo_move_to (cr, bar_x + bar_w, pos);
            cairo_line_to (cr, bar_x + bar_w + 10, pos);
            /* Measured upwards, so that "later" means "further along". */
            start = -pos - h / 2;
            end = -pos + h / 2;
          }
        else
          {
            pos = bar_x + t * bar_w;
            cairo_move_to (cr, pos, bar_y + bar_h);
            cairo_line_to (cr, pos, bar_y + bar_h + 10);
            start = pos - w / 2;
            end = pos + w / 2;
          }
        cairo_stroke (cr);

        if (i != 0 && i != n_ticks
            && (start < last_end + 12 || end + 12 > top_start))
          continue;

        set_rgba (cr, &palette->text);
        if (beside)
          cairo_move_to (cr, bar_x + bar_w + 16, pos - h / 2);
        else
          cairo_move_to (cr, start, bar_y + bar_h + 12);
        pango_cairo_show_layout (cr, tick);
        last_end = end;
      }
  }

  if (!show_swatch)
    return;

  /* The swatch shows what an untreated zone looks like. */
  cairo_new_path (cr);
  cairo_rectangle (cr, sx, sy, swatch, 40);
  set_rgba (cr, &palette->skin);
  cairo_fill_preserve (cr);
  set_rgba (cr, &palette->zone_tint);
  cairo_fill_preserve (cr);
  set_rgba (cr, &palette->zone_line);
  cairo_set_line_width (cr, 1.6);
  cairo_stroke (cr);
  cairo_move_to (cr, sx + swatch + gap, sy + 20 - uh / 2);
  set_rgba (cr, &palette->text);
  pango_cairo_show_layout (cr, untreated);
}

void
dc_face_render (cairo_t                   *cr,
                DcZoneCatalogue           *catalogue,
                const DcFaceRenderOptions *options,
                double                     width,
                double                     height)
{
  dc_face_render_layers (cr, catalogue, options, width, height, DC_FACE_LAYERS_ALL);
}

/**
 * dc_face_render_layers:
 * @layers: which of the chart's layers to draw
 *
 * Draws some layers of what dc_face_render() draws, in the same place. The
 * three drawn one after the other, bottom to top, are dc_face_render().
 */
void
dc_face_render_layers (cairo_t                   *cr,
                       DcZoneCatalogue           *catalogue,
                       const DcFaceRenderOptions *options,
                       double                     width,
                       double                     height,
                       DcFaceLayers               layers)
{
  const Palette *palette;
  GPtrArray *outlines;
  Layout layout;
  double depth_max;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (DC_IS_ZONE_CATALOGUE (catalogue));
  g_return_if_fail (options != NULL);

  if (!compute_layout (catalogue, options, width, height, &layout))
    return;

  palette = options->dark ? &dark_palette : &light_palette;
  outlines = _dc_zone_catalogue_get_outlines (catalogue, options_view (options));
  depth_max = dc_face_get_depth_max (options);

  cairo_save (cr);
  cairo_translate (cr, layout.x, layout.y);
  cairo_scale (cr, layout.scale, layout.scale);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  /* Round ends and corners for every line, whichever layers are drawn. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (layers & DC_FACE_LAYER_BASE)
    {
      draw_outlines (cr, outlines, palette, TRUE);
      draw_zones (cr, catalogue, options, palette, depth_max);
      draw_outlines (cr, outlines, palette, FALSE);
    }
  if (layers & DC_FACE_LAYER_HIGHLIGHTS)
    draw_highlights (cr, catalogue, options, palette);
  if (!(layers & DC_FACE_LAYER_ANNOTATIONS))
    {
      cairo_restore (cr);
      return;
    }

  if (options->show_labels)
    {
      draw_zone_labels (cr, catalogue, options, palette, depth_max, layout.scale);
      draw_side_markers (cr, options, palette, &layout, layout.scale);
    }
  if (options->show_legend)
    {
      double boost = layout.legend_boost;

      cairo_save (cr);
      if (layout.legend_beside)
        {
          cairo_translate (cr, options->rtl ? -LEGEND_BESIDE_WIDTH * boost : layout.view_width,
                           0);
          cairo_scale (cr, boost, boost);
          draw_legend (cr, options, palette, TRUE, LEGEND_BESIDE_WIDTH,
                       layout.view_height / boost, depth_max);
        }
      else
        {
          cairo_translate (cr, 0, layout.view_height);
          cairo_scale (cr, boost, boost);
          draw_legend (cr, options, palette, FALSE, layout.view_width / boost,
                       LEGEND_BELOW_HEIGHT, depth_max);
        }
      cairo_restore (cr);
    }

  cairo_restore (cr);
}

const char *
dc_face_hit_test (DcZoneCatalogue           *catalogue,
                  const DcFaceRenderOptions *options,
                  double                     width,
                  double                     height,
                  double                     x,
                  double                     y)
{
  const char *view = options_view (options);
  const char *const *ids;
  const char *hit = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  Layout layout;
  double vx, vy;

  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (catalogue), NULL);

  if (!compute_layout (catalogue, options, width, height, &layout))
    return NULL;

  vx = (x - layout.x) / layout.scale;
  vy = (y - layout.y) / layout.scale;
  if (vx < 0 || vy < 0 || vx > layout.view_width || vy > layout.view_height)
    return NULL;

  /* in_fill needs a context but draws nothing: the smallest will do. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);

  /* Last drawn is on top, so test from the end. */
  ids = dc_zone_catalogue_get_zone_ids (catalogue);
  for (int i = (int) dc_zone_catalogue_get_n_zones (catalogue) - 1; i >= 0 && hit == NULL; i--)
    {
      const DcZone *zone = dc_zone_catalogue_lookup (catalogue, ids[i]);
      const DcPath *region = dc_zone_get_region (zone, view);

      if (region == NULL)
        continue;
      cairo_new_path (cr);
      dc_path_append (region, cr);
      if (cairo_in_fill (cr, vx, vy))
        hit = ids[i];
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return hit;
}

gboolean
dc_face_get_zone_center (DcZoneCatalogue           *catalogue,
                         const DcFaceRenderOptions *options,
                         double                     width,
                         double                     height,
                         const char                *zone_id,
                         double                    *x,
                         double                    *y)
{
  const char *view = options_view (options);
  const DcZone *zone;
  Layout layout;
  double vx, vy;

  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (catalogue), FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  zone = dc_zone_catalogue_lookup (catalogue, zone_id);
  if (zone == NULL || !compute_layout (catalogue, options, width, height, &layout)
      || !_dc_zone_get_anchor (catalogue, zone, view, &vx, &vy))
    return FALSE;

  *x = layout.x + vx * layout.scale;
  *y = layout.y + vy * layout.scale;
  return TRUE;
}
