/* dc-demo-photos.c: synthetic clinical photos for the demo clinic.
 *
 * Nobody is photographed: each picture is a drawn mannequin head in front
 * of a studio backdrop, in one of the standard views, with a caption band
 * that says it is synthetic. The skin tone follows the patient's
 * Fitzpatrick type, and photos taken right after a session show the usual
 * even redness on the treated areas, so that the gallery and the compare
 * view have something to compare. */

#include "config.h"

#include "dc-demo-photos.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "dc-demo.h"
#include "dc-error.h"
#include "dc-model.h"
#include "dc-photo-importer.h"
#include "dc-util.h"

/* Portrait, as clinical photos of the face are taken. */
#define WIDTH 800
#define HEIGHT 1000

typedef struct
{
  double r, g, b;
} Rgb;

/* Skin tones for Fitzpatrick types I–VI (index 0 is "not recorded"). */
static const Rgb skin_tones[] = {
  { 0.89, 0.74, 0.63 },
  { 0.96, 0.85, 0.77 },
  { 0.93, 0.78, 0.67 },
  { 0.84, 0.66, 0.51 },
  { 0.70, 0.51, 0.36 },
  { 0.49, 0.33, 0.22 },
  { 0.33, 0.22, 0.15 },
};

static void
set_rgb (cairo_t *cr,
         Rgb      colour,
         double   factor)
{
  cairo_set_source_rgb (cr, colour.r * factor, colour.g * factor, colour.b * factor);
}

static void
draw_backdrop (cairo_t *cr)
{
  cairo_pattern_t *pattern = cairo_pattern_create_radial (WIDTH * 0.5, HEIGHT * 0.38, 50,
                                                          WIDTH * 0.5, HEIGHT * 0.45,
                                                          HEIGHT * 0.8);

  cairo_pattern_add_color_stop_rgb (pattern, 0, 0.63, 0.69, 0.74);
  cairo_pattern_add_color_stop_rgb (pattern, 1, 0.33, 0.38, 0.44);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_pattern_destroy (pattern);
}

/* Shoulders in a gown, and the neck. @turn is 0 for frontal, ±1 for a
 * profile facing the viewer's right (+) or left (−). */
static void
draw_body (cairo_t *cr,
           Rgb      skin,
           double   turn)
{
  double cx = WIDTH * 0.5;
  double width = 330 - 90 * fabs (turn);

  /* Gown. */
  cairo_move_to (cr, cx - width - 60, HEIGHT);
  cairo_curve_to (cr, cx - width - 40, HEIGHT - 170, cx - width + 20, HEIGHT - 230,
                  cx - 70, HEIGHT - 250);
  cairo_line_to (cr, cx + 70, HEIGHT - 250);
  cairo_curve_to (cr, cx + width - 20, HEIGHT - 230, cx + width + 40, HEIGHT - 170,
                  cx + width + 60, HEIGHT);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.24, 0.45, 0.55);
  cairo_fill (cr);

  /* Neck. */
  cairo_move_to (cr, cx - 72 + 30 * turn, 560);
  cairo_curve_to (cr, cx - 75 + 30 * turn, 650, cx - 80, 700, cx - 95, 760);
  cairo_curve_to (cr, cx - 30, 790, cx + 30, 790, cx + 95, 760);
  cairo_curve_to (cr, cx + 80, 700, cx + 75 + 30 * turn, 650, cx + 72 + 30 * turn, 560);
  cairo_close_path (cr);
  set_rgb (cr, skin, 0.9);
  cairo_fill (cr);
}

/* The outline of a face from the front or turned. */
static void
face_path (cairo_t *cr,
           double   turn)
{
  double rx = 185 - 20 * fabs (turn);
  double ry = 245;

  cairo_save (cr);
  cairo_translate (cr, WIDTH * 0.5 + 20 * turn, 420);
  cairo_move_to (cr, 0, -ry);
  cairo_curve_to (cr, rx * 0.95, -ry, rx, -ry * 0.2, rx * 0.92, ry * 0.15);
  cairo_curve_to (cr, rx * 0.8, ry * 0.65, rx * 0.4, ry, 0, ry);
  cairo_curve_to (cr, -rx * 0.4, ry, -rx * 0.8, ry * 0.65, -rx * 0.92, ry * 0.15);
  cairo_curve_to (cr, -rx, -ry * 0.2, -rx * 0.95, -ry, 0, -ry);
  cairo_close_path (cr);
  cairo_restore (cr);
}

/* A head from the front or turned: an egg shape whose features slide
 * towards the side it faces. */
static void
draw_head (cairo_t *cr,
           Rgb      skin,
           double   turn)
{
  double cx = WIDTH * 0.5 + 20 * turn;
  double cy = 420;
  double rx = 185 - 20 * fabs (turn);
  double ry = 245;
  double shift = turn * rx * 0.45;     /* where the midline of the face is */
  cairo_pattern_t *shade;

  /* Hair cap, behind and above. */
  cairo_save (cr);
  cairo_translate (cr, cx - 30 * turn, cy - 40);
  cairo_scale (cr, rx + 18, ry * 0.92);
  cairo_arc (cr, 0, 0, 1, G_PI, 2 * G_PI);
  cairo_restore (cr);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.20, 0.16, 0.14);
  cairo_fill (cr);

  /* The near ear of a turned head, behind the cheek: only its rim shows
   * past the outline. */
  if (turn != 0)
    {
      double ear_x = cx - (turn > 0 ? 1 : -1) * rx * 0.93;

      cairo_save (cr);
      cairo_translate (cr, ear_x, cy + 5);
      cairo_scale (cr, 22, 48);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      set_rgb (cr, skin, 0.88);
      cairo_fill_preserve (cr);
      set_rgb (cr, skin, 0.6);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  /* Face. */
  face_path (cr, turn);
  shade = cairo_pattern_create_linear (cx - rx - shift, 0, cx + rx - shift, 0);
  cairo_pattern_add_color_stop_rgb (shade, 0, skin.r * 0.82, skin.g * 0.82, skin.b * 0.82);
  cairo_pattern_add_color_stop_rgb (shade, 0.45 + turn * 0.3, skin.r, skin.g, skin.b);
  cairo_pattern_add_color_stop_rgb (shade, 1, skin.r * 0.84, skin.g * 0.84, skin.b * 0.84);
  cairo_set_source (cr, shade);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (shade);
  set_rgb (cr, skin, 0.7);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  /* Hairline fringe. */
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_move_to (cr, -rx * 0.93, -ry * 0.35);
  cairo_curve_to (cr, -rx * 0.8, -ry * 1.05, rx * 0.8, -ry * 1.05, rx * 0.93, -ry * 0.35);
  cairo_curve_to (cr, rx * 0.6, -ry * 0.72, -rx * 0.6, -ry * 0.72, -rx * 0.93, -ry * 0.35);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.20, 0.16, 0.14);
  cairo_fill (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_rgb (cr, skin, 0.45);
  cairo_set_line_width (cr, 5);

  /* Closed eyes and brows, the far one foreshortened or hidden. */
  for (int side = -1; side <= 1; side += 2)
    {
      double ex = cx + shift + side * rx * 0.42 * (1 - 0.5 * fabs (turn));
      double width = 46 * (1 - 0.6 * fabs (turn) * (side * turn < 0 ? 1 : 0.2));

      if (fabs (turn) > 0.9 && side * turn < 0)
        continue;
      cairo_move_to (cr, ex - width, cy - 20);
      cairo_curve_to (cr, ex - width / 2, cy - 2, ex + width / 2, cy - 2, ex + width, cy - 20);
      cairo_stroke (cr);
      cairo_move_to (cr, ex - width - 6, cy - 62);
      cairo_curve_to (cr, ex - width / 2, cy - 80, ex + width / 2, cy - 80,
                      ex + width + 6, cy - 66);
      cairo_stroke (cr);
    }

  /* Nose: a bridge line, and the tip pointing the way the head faces. */
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, cx + shift - 4 * turn, cy - 10);
  cairo_curve_to (cr, cx + shift + 10 * turn, cy + 50, cx + shift + 40 * turn, cy + 80,
                  cx + shift + 30 * turn + 18, cy + 95);
  cairo_curve_to (cr, cx + shift + 8, cy + 105, cx + shift - 18, cy + 104,
                  cx + shift - 28 + 10 * turn, cy + 92);
  cairo_stroke (cr);

  /* Lips. */
  cairo_set_source_rgba (cr, 0.62, 0.30, 0.30, 0.85);
  cairo_move_to (cr, cx + shift - 52 * (1 - 0.4 * fabs (turn)), cy + 150);
  cairo_curve_to (cr, cx + shift - 20, cy + 138, cx + shift + 20, cy + 138,
                  cx + shift + 52 * (1 - 0.4 * fabs (turn)), cy + 150);
  cairo_curve_to (cr, cx + shift + 20, cy + 172, cx + shift - 20, cy + 172,
                  cx + shift - 52 * (1 - 0.4 * fabs (turn)), cy + 150);
  cairo_fill (cr);
}

/* A head in profile, facing the viewer's right; mirrored for the left. */
static void
profile_path (cairo_t *cr)
{
  cairo_move_to (cr, -30, -250);
  cairo_curve_to (cr, 120, -245, 165, -140, 158, -60);
  cairo_curve_to (cr, 150, -38, 145, -25, 150, -10);
  cairo_curve_to (cr, 175, 30, 200, 62, 198, 80);
  cairo_curve_to (cr, 192, 95, 168, 96, 155, 100);
  cairo_curve_to (cr, 165, 114, 168, 128, 160, 138);
  cairo_line_to (cr, 150, 150);
  cairo_curve_to (cr, 165, 160, 163, 175, 152, 182);
  cairo_curve_to (cr, 135, 195, 138, 205, 150, 230);
  cairo_curve_to (cr, 152, 262, 110, 272, 60, 262);
  cairo_curve_to (cr, 20, 255, -30, 240, -70, 200);
  cairo_curve_to (cr, -150, 150, -200, 20, -195, -80);
  cairo_curve_to (cr, -190, -200, -120, -255, -30, -250);
  cairo_close_path (cr);
}

static void
draw_profile (cairo_t  *cr,
              Rgb       skin,
              double    turn,
              gboolean  redness)
{
  cairo_save (cr);
  cairo_translate (cr, WIDTH * 0.5, 420);
  cairo_scale (cr, turn, 1);

  profile_path (cr);
  set_rgb (cr, skin, 0.97);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip (cr);

  /* Hair drawn back, under a headband. */
  cairo_arc (cr, -125, -95, 150, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.20, 0.16, 0.14);
  cairo_fill (cr);
  cairo_move_to (cr, -170, -150);
  cairo_curve_to (cr, -60, -230, 60, -250, 140, -200);
  cairo_set_line_width (cr, 34);
  cairo_set_source_rgb (cr, 0.18, 0.14, 0.13);
  cairo_stroke (cr);

  if (redness)
    {
      static const struct { double x, y, r; } areas[] = {
        { 110, -150, 90 }, { 60, 60, 100 }, { 120, 215, 55 },
      };

      for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
        {
          cairo_pattern_t *glow = cairo_pattern_create_radial (areas[i].x, areas[i].y, 0,
                                                               areas[i].x, areas[i].y,
                                                               areas[i].r);

          cairo_pattern_add_color_stop_rgba (glow, 0, 0.86, 0.20, 0.22, 0.38);
          cairo_pattern_add_color_stop_rgba (glow, 1, 0.86, 0.20, 0.22, 0);
          cairo_set_source (cr, glow);
          cairo_paint (cr);
          cairo_pattern_destroy (glow);
        }
    }
  cairo_restore (cr);

  profile_path (cr);
  set_rgb (cr, skin, 0.7);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  /* Ear, closed eye, brow, lips. */
  cairo_save (cr);
  cairo_translate (cr, -40, 10);
  cairo_scale (cr, 28, 52);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  set_rgb (cr, skin, 0.88);
  cairo_fill_preserve (cr);
  set_rgb (cr, skin, 0.6);
  cairo_stroke (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_rgb (cr, skin, 0.45);
  cairo_set_line_width (cr, 5);
  cairo_move_to (cr, 92, -22);
  cairo_curve_to (cr, 105, -10, 120, -10, 132, -20);
  cairo_stroke (cr);
  cairo_move_to (cr, 88, -66);
  cairo_curve_to (cr, 105, -80, 130, -80, 146, -70);
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, 0.62, 0.30, 0.30, 0.85);
  cairo_move_to (cr, 160, 138);
  cairo_line_to (cr, 128, 150);
  cairo_line_to (cr, 152, 182);
  cairo_curve_to (cr, 163, 175, 165, 160, 150, 150);
  cairo_close_path (cr);
  cairo_fill (cr);

  cairo_restore (cr);
}

/* Shallow acne scars on the cheeks, as small shaded pits: as many as
 * @severity (0–1) asks, always at the same places, so that a course of
 * sessions shows them fading. */
static void
draw_scars (cairo_t *cr,
            Rgb      skin,
            double   turn,
            double   severity)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1977);
  double cx = WIDTH * 0.5 + 20 * turn;
  double cy = 420;
  int n = (int) round (CLAMP (severity, 0, 1) * 36);

  for (int i = 0; i < 36; i++)
    {
      int side = i % 2 == 0 ? -1 : 1;
      double x = cx + side * g_rand_double_range (rand, 55, 125) * (1 - 0.45 * side * turn)
                 + turn * 70;
      double y = cy + g_rand_double_range (rand, 10, 120);
      double r = g_rand_double_range (rand, 2.5, 5.5);

      if (i >= n)
        continue;
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      set_rgb (cr, skin, 0.8);
      cairo_fill (cr);
      cairo_arc (cr, x + r * 0.25, y + r * 0.25, r * 0.55, 0, 2 * G_PI);
      set_rgb (cr, skin, 0.88);
      cairo_fill (cr);
    }
}

/* The even redness expected right after microneedling, over forehead,
 * cheeks and chin. */
static void
draw_erythema (cairo_t *cr,
               double   turn)
{
  static const struct { double x, y, r; } areas[] = {
    { 0, -150, 120 }, { -0.5, 60, 95 }, { 0.5, 60, 95 }, { 0, 205, 60 },
  };
  double cx = WIDTH * 0.5 + 20 * turn;
  double cy = 420;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      double x = cx + areas[i].x * 185 + turn * 70 * (1 - fabs (areas[i].x));
      double y = cy + areas[i].y;
      cairo_pattern_t *glow;

      glow = cairo_pattern_create_radial (x, y, 0, x, y, areas[i].r);
      cairo_pattern_add_color_stop_rgba (glow, 0, 0.86, 0.20, 0.22, 0.38);
      cairo_pattern_add_color_stop_rgba (glow, 1, 0.86, 0.20, 0.22, 0);
      cairo_set_source (cr, glow);
      cairo_arc (cr, x, y, areas[i].r, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_pattern_destroy (glow);
    }
}

static void
draw_caption (cairo_t    *cr,
              const char *caption)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 26");
  int text_width, text_height;

  cairo_set_source_rgba (cr, 0, 0, 0, 0.62);
  cairo_rectangle (cr, 0, HEIGHT - 96, WIDTH, 96);
  cairo_fill (cr);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (WIDTH - 40) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, caption, -1);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  cairo_move_to (cr, 20, HEIGHT - 48 - text_height / 2.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);

  pango_font_description_free (font);
  g_object_unref (layout);
}

/* Cairo's RGB24 pixels are native-endian 32-bit xRGB words; a pixbuf wants
 * R, G, B bytes. (gdk_pixbuf_get_from_surface() is GTK's, not ours.) */
static GdkPixbuf *
pixbuf_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int row_stride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  const guchar *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *in = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);
      guchar *out = pixels + (gsize) y * row_stride;

      for (int x = 0; x < width; x++)
        {
          out[3 * x] = (in[x] >> 16) & 0xff;
          out[3 * x + 1] = (in[x] >> 8) & 0xff;
          out[3 * x + 2] = in[x] & 0xff;
        }
    }

  return pixbuf;
}

/**
 * dc_demo_photo_render:
 * @fitzpatrick: the patient's skin type, 1–6, or 0
 * @severity: how marked the acne scars are, from 0 (none) to 1
 * @caption: the text of the band across the bottom
 *
 * Draws a synthetic photo in @view.
 *
 * Returns: (transfer full): the photo as a JPEG file's bytes
 */
GBytes *
dc_demo_photo_render (DcPhotoView    view,
                      DcPhotoPhase   phase,
                      int            fitzpatrick,
                      double         severity,
                      const char    *caption,
                      GError       **error)
{
  static const double turns[] = {
    [DC_PHOTO_VIEW_FRONTAL] = 0,
    /* The patient's left side faces the camera: the face turns to the
     * viewer's left. */
    [DC_PHOTO_VIEW_OBLIQUE_LEFT] = -0.5,
    [DC_PHOTO_VIEW_OBLIQUE_RIGHT] = 0.5,
    [DC_PHOTO_VIEW_LATERAL_LEFT] = -1,
    [DC_PHOTO_VIEW_LATERAL_RIGHT] = 1,
    [DC_PHOTO_VIEW_CLOSE_UP] = 0,
  };
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  gchar *buffer = NULL;
  gsize size = 0;
  Rgb skin;
  double turn;

  g_return_val_if_fail ((guint) view < G_N_ELEMENTS (turns), NULL);
  g_return_val_if_fail (caption != NULL, NULL);

  skin = skin_tones[CLAMP (fitzpatrick, 0, 6)];
  turn = turns[view];

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  draw_backdrop (cr);

  cairo_save (cr);
  if (view == DC_PHOTO_VIEW_CLOSE_UP)
    {
      /* The left cheek, close. */
      cairo_translate (cr, WIDTH * 0.5, HEIGHT * 0.45);
      cairo_scale (cr, 2.2, 2.2);
      cairo_translate (cr, -WIDTH * 0.5 - 95, -480);
    }
  draw_body (cr, skin, turn);
  if (fabs (turn) == 1)
    {
      draw_profile (cr, skin, turn, phase == DC_PHOTO_PHASE_AFTER);
    }
  else
    {
      draw_head (cr, skin, turn);
      cairo_save (cr);
      face_path (cr, turn);
      cairo_clip (cr);
      draw_scars (cr, skin, turn, severity);
      if (phase == DC_PHOTO_PHASE_AFTER)
        draw_erythema (cr, turn);
      cairo_restore (cr);
    }
  cairo_restore (cr);

  draw_caption (cr, caption);
  cairo_destroy (cr);

  pixbuf = pixbuf_from_surface (surface);
  cairo_surface_destroy (surface);

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", "90", NULL))
    return NULL;

  return g_bytes_new_take (buffer, size);
}

/* The standard five-view series, in the importer's guessing order. */
static const DcPhotoView series[] = {
  DC_PHOTO_VIEW_FRONTAL,
  DC_PHOTO_VIEW_OBLIQUE_RIGHT,
  DC_PHOTO_VIEW_OBLIQUE_LEFT,
  DC_PHOTO_VIEW_LATERAL_RIGHT,
  DC_PHOTO_VIEW_LATERAL_LEFT,
};

static void
remove_files (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    g_remove (g_ptr_array_index (paths, i));
}

/* Writes the photos of one phase to @dir and imports them. */
static gboolean
import_phase (DcStore       *store,
              DcPatient     *patient,
              DcSession     *session,
              double         severity,
              DcPhotoPhase   phase,
              guint          n_views,
              const char    *dir,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(DcPhotoImporter) importer = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GDateTime) started = dc_timestamp_parse (dc_session_get_started_at (session));
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *taken_at = NULL;
  gboolean ok = TRUE;

  /* Before photos a quarter of an hour before the session, after photos
   * at its end; the capture time is local, as a camera writes it. */
  local = g_date_time_add_minutes (started, phase == DC_PHOTO_PHASE_BEFORE ? -15 : 45);
  g_clear_pointer (&started, g_date_time_unref);
  started = g_date_time_to_local (local);
  taken_at = g_date_time_format (started, "%Y-%m-%dT%H:%M:%S");

  for (guint i = 0; i < n_views; i++)
    {
      g_autofree char *caption = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;

      /* TRANSLATORS: the band across a demo photo: "Frontal · Before" */
      caption = g_strdup_printf (_("SYNTHETIC DEMO IMAGE\n%s · %s"),
                                 dc_enum_get_label (DC_TYPE_PHOTO_VIEW, series[i]),
                                 dc_enum_get_label (DC_TYPE_PHOTO_PHASE, phase));
      bytes = dc_demo_photo_render (series[i], phase, dc_patient_get_fitzpatrick (patient),
                                    severity,
                                    caption, error);
      if (bytes == NULL)
        {
          ok = FALSE;
          break;
        }
      name = g_strdup_printf ("demo-%" G_GINT64_FORMAT "-%d-%u.jpg",
                              dc_record_get_id (DC_RECORD (session)), phase, i + 1);
      path = g_build_filename (dir, name, NULL);
      if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     G_FILE_SET_CONTENTS_NONE, 0600, error))
        {
          ok = FALSE;
          break;
        }
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }

  if (ok)
    {
      g_ptr_array_add (paths, NULL);
      importer = dc_photo_importer_new (store, dc_record_get_id (DC_RECORD (session)));
      dc_photo_importer_set_phase (importer, phase);
      dc_photo_importer_set_guess_views (importer, TRUE);
      dc_photo_importer_set_consent (importer, dc_patient_get_consent (patient));
      results = dc_photo_importer_import (importer, (const char *const *) paths->pdata,
                                          cancellable, error);
      g_ptr_array_remove_index (paths, paths->len - 1);
      ok = results != NULL;
    }

  for (guint i = 0; ok && i < results->len; i++)
    {
      DcPhotoImportResult *result = g_ptr_array_index (results, i);
      DcPhoto *photo = dc_photo_import_result_get_photo (result);

      if (dc_photo_import_result_get_status (result) == DC_PHOTO_IMPORT_REFUSED)
        {
          g_propagate_error (error, g_error_copy (dc_photo_import_result_get_error (result)));
          ok = FALSE;
        }
      else if (photo != NULL && dc_photo_get_taken_at (photo) == NULL)
        {
          dc_photo_set_taken_at (photo, taken_at);
          ok = dc_store_save (store, DC_RECORD (photo), error);
        }
    }

  remove_files (paths);
  return ok;
}

/* Whether @session is over: signed, or to be signed. */
static gboolean
is_over (DcSession *session,
         GPtrArray *to_sign)
{
  gint64 id = dc_record_get_id (DC_RECORD (session));

  if (dc_session_get_status (session) == DC_SESSION_SIGNED)
    return TRUE;
  for (guint i = 0; to_sign != NULL && i < to_sign->len; i++)
    if (dc_record_get_id (g_ptr_array_index (to_sign, i)) == id)
      return TRUE;

  return FALSE;
}

/**
 * dc_demo_add_photos:
 * @to_sign: (nullable) (element-type DcSession): sessions to be signed
 *
 * Gives the demo clinic's sessions synthetic photos: the five standard
 * views before the first and the latest session of each patient, a
 * frontal one before the others, and a frontal one right after every
 * session that is over. Blocking, and not to be called from within a
 * store transaction (the importer takes the photo library's lock first).
 */
gboolean
dc_demo_add_photos (DcStore       *store,
                    GPtrArray     *to_sign,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GListModel) patients = NULL;
  g_autofree char *dir = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (DC_IS_STORE (store), FALSE);

  patients = dc_store_search_patients (store, NULL, TRUE, error);
  if (patients == NULL)
    return FALSE;

  dir = g_dir_make_tmp ("dermachart-demo-XXXXXX", error);
  if (dir == NULL)
    return FALSE;

  for (guint p = 0; ok && p < g_list_model_get_n_items (patients); p++)
    {
      g_autoptr(DcPatient) patient = g_list_model_get_item (patients, p);
      g_autoptr(GListModel) sessions = NULL;
      guint n_sessions;

      sessions = dc_store_list (store, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (patient)),
                                error);
      if (sessions == NULL)
        {
          ok = FALSE;
          break;
        }

      n_sessions = g_list_model_get_n_items (sessions);
      for (guint s = 0; ok && s < n_sessions; s++)
        {
          g_autoptr(DcSession) session = g_list_model_get_item (sessions, s);
          gboolean first_or_latest = s == 0 || s == n_sessions - 1;
          /* The scars fade over the course: the list is newest first. */
          double severity = 1.0 - 0.7 * (n_sessions - 1 - s) / MAX (1, n_sessions - 1);

          ok = import_phase (store, patient, session, severity, DC_PHOTO_PHASE_BEFORE,
                             first_or_latest ? G_N_ELEMENTS (series) : 1, dir, cancellable,
                             error);
          if (ok && is_over (session, to_sign))
            ok = import_phase (store, patient, session, severity, DC_PHOTO_PHASE_AFTER, 1, dir,
                               cancellable, error);
        }
    }

  g_rmdir (dir);
  return ok;
}

/**
 * dc_demo_fill_full:
 *
 * Fills an empty store with the demo clinic and its photos: the records
 * first (all or nothing), then the photos, then the signatures. Blocking.
 * Should the photos fail, the clinic stays, without them, unsigned.
 */
gboolean
dc_demo_fill_full (DcStore       *store,
                   GPtrArray     *to_sign,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GPtrArray) own = NULL;

  g_return_val_if_fail (DC_IS_STORE (store), FALSE);

  if (to_sign == NULL)
    to_sign = own = g_ptr_array_new_with_free_func (g_object_unref);

  return dc_demo_fill_unsigned (store, to_sign, cancellable, error)
         && dc_demo_add_photos (store, to_sign, cancellable, error)
         && dc_demo_sign (store, to_sign, error);
}

static void
fill_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DcStore *store = source_object;
  GError *error = NULL;

  if (dc_demo_fill_full (store, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * dc_demo_fill_async:
 *
 * dc_demo_fill_full() in a worker thread.
 */
void
dc_demo_fill_async (DcStore             *store,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DC_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dc_demo_fill_async);
  g_task_run_in_thread (task, fill_thread);
}

gboolean
dc_demo_fill_finish (DcStore       *store,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
