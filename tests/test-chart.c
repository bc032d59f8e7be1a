/* test-chart.c: the zone catalogue, the SVG path parser, hit testing and the
 * face renderer, headless: what a practitioner relies on is that a click
 * lands on the zone under it, that left and right are the patient's, and
 * that a treated zone shows its depth's colour at any size. */

#include "config.h"

#include "dc-error.h"
#include "dc-face-render-cache.h"
#include "dc-face-renderer.h"
#include "dc-path.h"
#include "dc-zone-catalogue.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const domain_zones[] = {
  "forehead", "glabella", "temple-left", "temple-right", "periorbital-left",
  "periorbital-right", "nose", "cheek-left", "cheek-right", "nasolabial-left",
  "nasolabial-right", "upper-lip", "perioral", "chin", "jawline-left", "jawline-right",
  "neck", "decollete",
};

/* Catalogue */

static void
test_catalogue_default (void)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  const char *const *ids = dc_zone_catalogue_get_zone_ids (catalogue);
  double width, height;

  g_assert_true (catalogue == dc_zone_catalogue_get_default ());
  g_assert_cmpuint (dc_zone_catalogue_get_n_zones (catalogue), ==, G_N_ELEMENTS (domain_zones));
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, G_N_ELEMENTS (domain_zones));

  /* Anatomical order: top to bottom, the patient's right first. */
  g_assert_cmpstr (ids[0], ==, "forehead");
  g_assert_cmpstr (ids[2], ==, "temple-right");
  g_assert_cmpstr (ids[3], ==, "temple-left");
  g_assert_cmpstr (ids[G_N_ELEMENTS (domain_zones) - 1], ==, "decollete");

  g_assert_true (dc_zone_catalogue_has_view (catalogue, "frontal"));
  g_assert_false (dc_zone_catalogue_has_view (catalogue, "back"));
  g_assert_true (dc_zone_catalogue_get_view_size (catalogue, "frontal", &width, &height));
  g_assert_cmpfloat (width, ==, 1000);
  g_assert_cmpfloat (height, ==, 1400);
  g_assert_cmpstr (dc_zone_catalogue_get_view_name (catalogue, "frontal"), ==, "Front");

  for (guint i = 0; i < G_N_ELEMENTS (domain_zones); i++)
    {
      const DcZone *zone = dc_zone_catalogue_lookup (catalogue, domain_zones[i]);
      DcZoneGuidance guidance;

      g_assert_nonnull (zone);
      g_assert_cmpstr (dc_zone_get_id (zone), ==, domain_zones[i]);
      g_assert_nonnull (dc_zone_get_name (zone));
      g_assert_cmpuint (strlen (dc_zone_get_name (zone)), >, 2);
      g_assert_nonnull (dc_zone_get_region (zone, "frontal"));

      for (DcDeviceKind family = DC_DEVICE_PEN; family <= DC_DEVICE_RF; family++)
        {
          g_assert_true (dc_zone_get_guidance (zone, family, &guidance));
          g_assert_cmpfloat (guidance.min_mm, >, 0);
          g_assert_cmpfloat (guidance.min_mm, <=, guidance.max_mm);
          g_assert_cmpfloat (guidance.max_mm, <=, 3.0);
          g_assert_nonnull (guidance.source);
        }

      if (g_str_has_suffix (domain_zones[i], "-left"))
        {
          g_assert_cmpint (dc_zone_get_side (zone), ==, DC_ZONE_SIDE_LEFT);
          g_assert_true (g_str_has_suffix (dc_zone_get_mirror_id (zone), "-right"));
        }
      else if (g_str_has_suffix (domain_zones[i], "-right"))
        {
          g_assert_cmpint (dc_zone_get_side (zone), ==, DC_ZONE_SIDE_RIGHT);
          g_assert_true (g_str_has_suffix (dc_zone_get_mirror_id (zone), "-left"));
        }
      else
        {
          g_assert_cmpint (dc_zone_get_side (zone), ==, DC_ZONE_SIDE_NONE);
          g_assert_null (dc_zone_get_mirror_id (zone));
        }
    }

  g_assert_null (dc_zone_catalogue_lookup (catalogue, "elbow"));
  g_assert_null (dc_zone_catalogue_lookup (catalogue, NULL));
}

static void
test_catalogue_guidance (void)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  const DcZone *zone;
  DcZoneGuidance guidance;

  /* DOMAIN.md's pen guidance, and RF deeper. */
  zone = dc_zone_catalogue_lookup (catalogue, "cheek-left");
  g_assert_cmpstr (dc_zone_get_name (zone), ==, "Left cheek");
  g_assert_true (dc_zone_get_guidance (zone, DC_DEVICE_PEN, &guidance));
  g_assert_cmpfloat (guidance.min_mm, ==, 0.5);
  g_assert_cmpfloat (guidance.max_mm, ==, 1.0);
  g_assert_nonnull (strstr (guidance.note, "1.5–2.0"));
  g_assert_cmpstr (guidance.source, ==, "Typical pen depths from clinical reviews");
  g_assert_true (dc_zone_get_guidance (zone, DC_DEVICE_RF, &guidance));
  g_assert_cmpfloat (guidance.min_mm, ==, 1.0);
  g_assert_cmpfloat (guidance.max_mm, ==, 3.0);

  zone = dc_zone_catalogue_lookup (catalogue, "periorbital-right");
  g_assert_true (dc_zone_get_guidance (zone, DC_DEVICE_PEN, &guidance));
  g_assert_cmpfloat (guidance.min_mm, ==, 0.2);
  g_assert_cmpfloat (guidance.max_mm, ==, 0.3);
  g_assert_null (guidance.note);

  zone = dc_zone_catalogue_lookup (catalogue, "forehead");
  g_assert_true (dc_zone_get_guidance (zone, DC_DEVICE_RF, &guidance));
  g_assert_cmpfloat (guidance.min_mm, >=, 1.5);

  zone = dc_zone_catalogue_lookup (catalogue, "upper-lip");
  g_assert_true (dc_zone_get_guidance (zone, DC_DEVICE_RF, &guidance));
  g_assert_cmpfloat (guidance.max_mm, ==, 0.5);
}

#define MINIMAL_VIEW "<view id='frontal' width='100' height='100'/>"
#define MINIMAL_ZONE(id, side) \
  "<zone id='" id "' side='" side "'><name>X</name>" \
  "<region view='frontal'>M0 0 H10 V10 Z</region></zone>"

static void
test_catalogue_malformed (void)
{
  static const char *const documents[] = {
    "",
    "not xml at all",
    "<zones>" MINIMAL_VIEW MINIMAL_ZONE ("nose", "none") "</zones>",             /* version */
    "<zones version='2'>" MINIMAL_VIEW MINIMAL_ZONE ("nose", "none") "</zones>",
    "<catalogue version='1'/>",
    "<zones version='1'>" MINIMAL_VIEW "</zones>",                               /* no zones */
    "<zones version='1'>" MINIMAL_VIEW MINIMAL_ZONE ("nose", "none")
    MINIMAL_ZONE ("nose", "none") "</zones>",                                    /* twice */
    "<zones version='1'>" MINIMAL_VIEW MINIMAL_ZONE ("nose", "middle") "</zones>",
    "<zones version='1'>" MINIMAL_VIEW MINIMAL_ZONE ("cheek-left", "left") "</zones>",
    "<zones version='1'>" MINIMAL_VIEW MINIMAL_ZONE ("cheek", "left")
    MINIMAL_ZONE ("cheek-right", "right") "</zones>",                            /* bad id */
    "<zones version='1'>" MINIMAL_VIEW
    "<zone id='nose'><name>X</name><region view='side'>M0 0 H1 V1 Z</region></zone></zones>",
    "<zones version='1'>" MINIMAL_VIEW
    "<zone id='nose'><name>X</name><region view='frontal'>M0 0 X1</region></zone></zones>",
    "<zones version='1'>" MINIMAL_VIEW
    "<zone id='nose'><name>X</name></zone></zones>",                             /* no region */
    "<zones version='1'>" MINIMAL_VIEW
    "<zone id='nose'><region view='frontal'>M0 0 H1 V1 Z</region></zone></zones>", /* no name */
    "<zones version='1'>" MINIMAL_VIEW
    "<zone id='nose'><name translatable='yes'>X</name>"
    "<region view='frontal'>M0 0 H1 V1 Z</region></zone></zones>",               /* no context */
    "<zones version='1'>" MINIMAL_VIEW
    "<zone id='nose'><name>X</name><region view='frontal'>M0 0 H1 V1 Z</region>"
    "<guidance family='pen' min='1.0' max='0.5'/></zone></zones>",
    "<zones version='1'>" MINIMAL_VIEW
    "<zone id='nose'><name>X</name><region view='frontal'>M0 0 H1 V1 Z</region>"
    "<guidance family='laser' min='0.5' max='1'/></zone></zones>",
    "<zones version='1'>" MINIMAL_VIEW
    "<zone id='nose'><name>X</name><region view='frontal'>M0 0 H1 V1 Z</region>"
    "<guidance family='pen' min='0.5' max='1'/><guidance family='pen' min='0.5' max='1'/>"
    "</zone></zones>",
    "<zones version='1'>" MINIMAL_VIEW
    "<zone id='nose'><name>X</name><region view='frontal'>M0 0 H1 V1 Z</region>"
    "<guidance family='pen' min='abc' max='1'/></zone></zones>",
    "<zones version='1'><view id='frontal' width='0' height='100'/>"
    MINIMAL_ZONE ("nose", "none") "</zones>",
    "<zones version='1'>" MINIMAL_VIEW "<elbow/>" MINIMAL_ZONE ("nose", "none") "</zones>",
    "<zones version='1'>" MINIMAL_VIEW MINIMAL_ZONE ("nose", "none"),            /* truncated */
  };
  g_autoptr(DcZoneCatalogue) valid = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(DcZoneCatalogue) catalogue = NULL;
      g_autoptr(GError) local_error = NULL;

      catalogue = dc_zone_catalogue_new_from_data (documents[i], -1, &local_error);
      if (catalogue != NULL)
        g_error ("Document %u was accepted: %s", i, documents[i]);
      g_assert_error (local_error, DC_ERROR, DC_ERROR_CORRUPT);
    }

  valid = dc_zone_catalogue_new_from_data ("<zones version='1'>" MINIMAL_VIEW
                                           MINIMAL_ZONE ("cheek-left", "left")
                                           MINIMAL_ZONE ("cheek-right", "right")
                                           "</zones>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dc_zone_catalogue_get_n_zones (valid), ==, 2);
  g_assert_cmpstr (dc_zone_get_mirror_id (dc_zone_catalogue_lookup (valid, "cheek-left")),
                   ==, "cheek-right");
}

/* Path parser */

typedef struct
{
  cairo_path_data_type_t type;
  double                 points[6];
} Segment;

static void
assert_path (const char    *data,
             const Segment *expected,
             guint          n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcPath) path = dc_path_parse (data, &error);
  const cairo_path_t *cairo_path;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (path);
  cairo_path = dc_path_get_cairo_path (path);

  for (int i = 0; i < cairo_path->num_data; i += cairo_path->data[i].header.length, n++)
    {
      const cairo_path_data_t *header = &cairo_path->data[i];

      if (n >= n_expected)
        g_error ("%s: more segments than expected", data);
      g_assert_cmpint (header->header.type, ==, expected[n].type);
      for (int p = 1; p < header->header.length; p++)
        {
          g_assert_cmpfloat_with_epsilon (header[p].point.x, expected[n].points[2 * (p - 1)],
                                          1e-9);
          g_assert_cmpfloat_with_epsilon (header[p].point.y,
                                          expected[n].points[2 * (p - 1) + 1], 1e-9);
        }
    }
  g_assert_cmpuint (n, ==, n_expected);
}

#define MOVE CAIRO_PATH_MOVE_TO
#define LINE CAIRO_PATH_LINE_TO
#define CURVE CAIRO_PATH_CURVE_TO
#define CLOSE CAIRO_PATH_CLOSE_PATH

static void
test_path_parse (void)
{
  /* Numbers without separators: a sign or a second point starts a new one. */
  assert_path ("M10-5L3.5.5", (Segment[]) {
    { MOVE, { 10, -5 } }, { LINE, { 3.5, 0.5 } },
  }, 2);

  /* Relative commands and implicit repeats: after m they are relative lines. */
  assert_path ("m10 10 20 0 0 20z", (Segment[]) {
    { MOVE, { 10, 10 } }, { LINE, { 30, 10 } }, { LINE, { 30, 30 } }, { CLOSE },
  }, 4);
  assert_path ("M 1,1 L 2,2 3,3", (Segment[]) {
    { MOVE, { 1, 1 } }, { LINE, { 2, 2 } }, { LINE, { 3, 3 } },
  }, 3);

  /* Exponents, signs and white space of every kind. */
  assert_path ("M1e1\t2E-1\nl+1e+1 -.5e1", (Segment[]) {
    { MOVE, { 10, 0.2 } }, { LINE, { 20, -4.8 } },
  }, 2);

  /* H, V and their relative forms. */
  assert_path ("M0 0H10V10h-5v-5", (Segment[]) {
    { MOVE, { 0, 0 } }, { LINE, { 10, 0 } }, { LINE, { 10, 10 } }, { LINE, { 5, 10 } },
    { LINE, { 5, 5 } },
  }, 5);

  /* S reflects the previous cubic's second control point. */
  assert_path ("M0 0C1 2 3 4 5 6s1 1 2 2", (Segment[]) {
    { MOVE, { 0, 0 } }, { CURVE, { 1, 2, 3, 4, 5, 6 } }, { CURVE, { 7, 8, 6, 7, 7, 8 } },
  }, 3);
  /* ...and is its own first control point after anything else. */
  assert_path ("M0 0L4 0S6 2 8 0", (Segment[]) {
    { MOVE, { 0, 0 } }, { LINE, { 4, 0 } }, { CURVE, { 4, 0, 6, 2, 8, 0 } },
  }, 3);

  /* Quadratics become the equivalent cubic; T reflects the control point. */
  assert_path ("M0 0Q3 3 6 0T12 0", (Segment[]) {
    { MOVE, { 0, 0 } }, { CURVE, { 2, 2, 4, 2, 6, 0 } }, { CURVE, { 8, -2, 10, -2, 12, 0 } },
  }, 3);
  assert_path ("M0 0q3 3 6 0", (Segment[]) {
    { MOVE, { 0, 0 } }, { CURVE, { 2, 2, 4, 2, 6, 0 } },
  }, 2);

  /* After a closepath, drawing continues from the subpath's start. */
  assert_path ("M1 1L2 2Zl1 0", (Segment[]) {
    { MOVE, { 1, 1 } }, { LINE, { 2, 2 } }, { CLOSE }, { MOVE, { 1, 1 } }, { LINE, { 2, 1 } },
  }, 5);
  assert_path ("M1 1 L2 2 z m 1 1 l 1 0", (Segment[]) {
    { MOVE, { 1, 1 } }, { LINE, { 2, 2 } }, { CLOSE }, { MOVE, { 2, 2 } }, { LINE, { 3, 2 } },
  }, 5);
}

static void
test_path_malformed (void)
{
  static const char *const malformed[] = {
    "", "   ", "L1 1", "1 1", "M1", "M1 1 L", "M1 1 L2", "M1 1 Z 3", "M1e 1", "M1 1 X 2",
    "M 1,,2", "M1 1 A 1 1 0 0 1 2 2", "M--1 2", "M . 1", "M1 1 C 1 2 3 4 5", "M1 1 ;",
    "M 1 2 L 1e999 0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DcPath) path = dc_path_parse (malformed[i], &error);

      if (path != NULL)
        g_error ("\"%s\" was accepted", malformed[i]);
      g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
    }
}

/* Hit testing */

static void
assert_hit_testing (const DcFaceRenderOptions *options,
                    double                     width,
                    double                     height)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (domain_zones); i++)
    {
      const DcZone *zone = dc_zone_catalogue_lookup (catalogue, domain_zones[i]);
      double x, y, mx, my;

      g_assert_true (dc_face_get_zone_center (catalogue, options, width, height,
                                              domain_zones[i], &x, &y));
      g_assert_cmpstr (dc_face_hit_test (catalogue, options, width, height, x, y),
                       ==, domain_zones[i]);

      /* The patient's left is on the viewer's right, mirrored exactly. */
      if (dc_zone_get_side (zone) == DC_ZONE_SIDE_NONE)
        continue;
      g_assert_true (dc_face_get_zone_center (catalogue, options, width, height,
                                              dc_zone_get_mirror_id (zone), &mx, &my));
      if (dc_zone_get_side (zone) == DC_ZONE_SIDE_LEFT)
        g_assert_cmpfloat (x, >, mx);
      else
        g_assert_cmpfloat (x, <, mx);
      g_assert_cmpfloat_with_epsilon (y, my, height / 100.0);
      g_assert_cmpstr (dc_face_hit_test (catalogue, options, width, height, mx, my),
                       ==, dc_zone_get_mirror_id (zone));
    }

  /* Corners, the margins and the space between the zones belong to none. */
  g_assert_null (dc_face_hit_test (catalogue, options, width, height, 1, 1));
  g_assert_null (dc_face_hit_test (catalogue, options, width, height, width - 1, 1));
  g_assert_null (dc_face_hit_test (catalogue, options, width, height, 1, height - 1));
  g_assert_null (dc_face_hit_test (catalogue, options, width, height, width - 1, height - 1));
  g_assert_null (dc_face_hit_test (catalogue, options, width, height, -5, height / 2));
  g_assert_null (dc_face_hit_test (catalogue, options, width, height, width + 5, height / 2));
}

static void
test_hit_test (void)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  DcFaceRenderOptions options = { .view = "frontal" };
  double x, y;

  /* Without a legend, 500 × 700 maps the 1000 × 1400 view at half size. */
  assert_hit_testing (&options, 500, 700);
  g_assert_null (dc_face_hit_test (catalogue, &options, 500, 700, 250, 60));   /* hair */
  g_assert_null (dc_face_hit_test (catalogue, &options, 500, 700, 250, 40));   /* above */
  g_assert_null (dc_face_hit_test (catalogue, &options, 500, 700, 45, 235));   /* "R" */
  g_assert_null (dc_face_hit_test (catalogue, &options, 500, 700, 250, 500));  /* clavicles */
  g_assert_cmpstr (dc_face_hit_test (catalogue, &options, 500, 700, 250, 145), ==, "forehead");
  /* The patient's left cheek on the viewer's right. */
  g_assert_cmpstr (dc_face_hit_test (catalogue, &options, 500, 700, 330, 280), ==,
                   "cheek-left");
  g_assert_cmpstr (dc_face_hit_test (catalogue, &options, 500, 700, 170, 280), ==,
                   "cheek-right");

  g_assert_true (dc_face_get_zone_center (catalogue, &options, 500, 700, "cheek-left", &x, &y));
  g_assert_cmpfloat (x, >, 250);
  g_assert_false (dc_face_get_zone_center (catalogue, &options, 500, 700, "elbow", &x, &y));

  /* The legend below or beside moves the diagram; hit testing follows. */
  options.show_legend = TRUE;
  assert_hit_testing (&options, 200, 300);
  assert_hit_testing (&options, 1654, 2339);
  assert_hit_testing (&options, 1600, 900);
  options.show_legend = FALSE;
  assert_hit_testing (&options, 333, 1000);
}

/* Rendering */

typedef struct
{
  const char *zone;
  double      depth;
} Treated;

static const Treated treated[] = {
  { "forehead", 0.5 },
  { "glabella", 0.25 },
  { "cheek-left", 1.5 },
  { "cheek-right", 1.25 },
  { "nose", 0.75 },
  { "chin", 1.0 },
  { "jawline-left", 2.0 },
  { "neck", 0.3 },
};

static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          double           rgb[3])
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(guint32 *) (void *) (data + (int) y * stride + 4 * (int) x);

  /* Opaque pixels: premultiplication does not matter. */
  g_assert_cmpuint (pixel >> 24, ==, 0xff);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
}

static double
color_distance (const double *a,
                const double *b)
{
  return MAX (fabs (a[0] - b[0]), MAX (fabs (a[1] - b[1]), fabs (a[2] - b[2])));
}

/* The treated zone whose depth colour the pixel at each zone's centre shows,
 * or "" for none: what a reader of the chart would conclude. */
static GStrv
classify (DcFaceRenderOptions *options,
          int                  width,
          int                  height)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  GStrvBuilder *builder = g_strv_builder_new ();
  double depth_max = dc_face_get_depth_max (options);
  GStrv result;

  if (options->dark)
    cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  dc_face_render (cr, catalogue, options, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  for (guint i = 0; i < G_N_ELEMENTS (domain_zones); i++)
    {
      double x, y, rgb[3], expected[4];
      double *depth = g_hash_table_lookup (options->depth_by_zone, domain_zones[i]);
      const char *seen = "";

      g_assert_true (dc_face_get_zone_center (catalogue, options, width, height,
                                              domain_zones[i], &x, &y));
      pixel_at (surface, x, y, rgb);

      if (depth != NULL)
        {
          /* A treated zone shows its own depth's colour... */
          dc_depth_color (*depth, depth_max, options->dark, expected);
          if (color_distance (rgb, expected) > 3.0 / 255)
            g_error ("%s at %d px: (%g, %g, %g) instead of (%g, %g, %g)", domain_zones[i],
                     width, rgb[0], rgb[1], rgb[2], expected[0], expected[1], expected[2]);
          seen = domain_zones[i];
        }
      else
        {
          /* ...and an untreated one no colour of the scale at all. */
          for (int s = 0; s <= 100; s++)
            {
              dc_depth_color (depth_max * s / 100.0, depth_max, options->dark, expected);
              g_assert_cmpfloat (color_distance (rgb, expected), >, 12.0 / 255);
            }
        }
      g_strv_builder_add (builder, seen);
    }

  cairo_surface_destroy (surface);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

static void
test_render (void)
{
  g_autoptr(GHashTable) depths = g_hash_table_new (g_str_hash, g_str_equal);
  const char *selected[] = { "cheek-left", "periorbital-left", NULL };
  DcFaceRenderOptions options = {
    .view = "frontal",
    .depth_by_zone = depths,
    .selected = selected,           /* an outline only: the fill stays */
    .hovered = "temple-right",
    .focused = "chin",              /* a ring: the fill stays */
    .show_legend = TRUE,
    .show_labels = FALSE,           /* zone labels sit at the centres */
    .depth_max = 2.5,
  };

  for (guint i = 0; i < G_N_ELEMENTS (treated); i++)
    g_hash_table_insert (depths, (gpointer) treated[i].zone, (gpointer) &treated[i].depth);

  for (int dark = 0; dark <= 1; dark++)
    {
      g_auto(GStrv) small = NULL;
      g_auto(GStrv) large = NULL;
      g_auto(GStrv) wide = NULL;

      options.dark = dark;
      small = classify (&options, 200, 300);
      large = classify (&options, 1654, 2339);     /* A4 at 200 dpi */
      wide = classify (&options, 1400, 700);       /* legend beside */
      g_assert_true (g_strv_equal ((const char *const *) small, (const char *const *) large));
      g_assert_true (g_strv_equal ((const char *const *) small, (const char *const *) wide));
      g_assert_cmpstr (small[0], ==, "forehead");
      g_assert_cmpstr (small[G_N_ELEMENTS (domain_zones) - 1], ==, "");
    }

  /* An automatic scale runs to the deepest zone, rounded up. */
  options.depth_max = 0;
  g_assert_cmpfloat (dc_face_get_depth_max (&options), ==, 2.0);
  {
    g_auto(GStrv) automatic = classify (&options, 400, 600);

    g_assert_cmpstr (automatic[0], ==, "forehead");
  }
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A frame as the face view draws it: on the window's background, at the
 * scale factor, through a recording surface as GTK's snapshots take it, or
 * straight onto the image. */
static cairo_surface_t *
render_frame (DcFaceRenderCache   *cache,
              DcFaceRenderOptions *options,
              int                  width,
              int                  height,
              int                  scale,
              gboolean             recorded)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale,
                                                         height * scale);
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  if (options->dark)
    cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  else
    cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);

  if (recorded)
    {
      cairo_surface_t *recording = cairo_recording_surface_create (
        CAIRO_CONTENT_COLOR_ALPHA, &(cairo_rectangle_t) { 0, 0, width, height });
      cairo_t *record = cairo_create (recording);

      if (cache != NULL)
        dc_face_render_cached (record, cache, dc_zone_catalogue_get_default (), options,
                               width, height, scale);
      else
        dc_face_render (record, dc_zone_catalogue_get_default (), options, width, height);
      cairo_destroy (record);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (recording);
    }
  else if (cache != NULL)
    dc_face_render_cached (cr, cache, dc_zone_catalogue_get_default (), options, width, height,
                           scale);
  else
    dc_face_render (cr, dc_zone_catalogue_get_default (), options, width, height);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* The largest difference of a colour channel between the two, in 255ths. */
static int
max_difference (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);
  int most = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < 4 * width; x++)
      most = MAX (most, abs (pa[y * stride + x] - pb[y * stride + x]));
  return most;
}

/* Frames drawn with the cache look as frames drawn afresh: with the hover,
 * the cursor and the selection moving between frames, after the depths
 * change, at a scale factor of 2, in the dark, and as GTK records them. */
static void
test_render_cached (void)
{
  g_autoptr(GHashTable) depths = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(DcFaceRenderCache) cache = dc_face_render_cache_new ();
  const char *selected[] = { "cheek-left", "periorbital-left", NULL };
  const char *hovers[] = { "temple-right", "chin", "nose", NULL };
  DcFaceRenderOptions options = {
    .view = "frontal",
    .depth_by_zone = depths,
    .selected = selected,
    .focused = "glabella",
    .show_legend = TRUE,
    .show_labels = TRUE,
  };
  static const struct
  {
    int      width;
    int      height;
    int      scale;
    gboolean dark;
    gboolean recorded;
  } frames[] = {
    { 600, 700, 1, FALSE, TRUE },
    { 600, 700, 1, FALSE, FALSE },
    { 900, 1300, 1, FALSE, TRUE },   /* zone names shown */
    { 600, 700, 2, FALSE, TRUE },
    { 600, 700, 1, TRUE, TRUE },
    { 1400, 700, 1, FALSE, TRUE },   /* legend beside */
  };

  for (guint i = 0; i < G_N_ELEMENTS (treated); i++)
    g_hash_table_insert (depths, (gpointer) treated[i].zone, g_memdup2 (&treated[i].depth,
                                                                         sizeof (double)));

  for (guint f = 0; f < G_N_ELEMENTS (frames); f++)
    for (guint h = 0; h < G_N_ELEMENTS (hovers); h++)
      {
        cairo_surface_t *fresh, *cached;
        int difference;

        options.dark = frames[f].dark;
        options.hovered = hovers[h];
        options.selected = h == 1 ? NULL : selected;
        /* A zone treated again, deeper, between two frames. */
        if (h == 2)
          *(double *) g_hash_table_lookup (depths, "chin") += 0.5;

        fresh = render_frame (NULL, &options, frames[f].width, frames[f].height,
                              frames[f].scale, frames[f].recorded);
        cached = render_frame (cache, &options, frames[f].width, frames[f].height,
                               frames[f].scale, frames[f].recorded);
        difference = max_difference (fresh, cached);
        g_test_message ("%d × %d at scale %d%s%s, hovering %s: at most %d/255 apart",
                        frames[f].width, frames[f].height, frames[f].scale,
                        frames[f].dark ? ", dark" : "", frames[f].recorded ? ", recorded" : "",
                        hovers[h], difference);
        /* Through GTK's recording, the same pixels or a level apart; onto an
         * image, the layers' own blending rounds a level or two apart at
         * some edges. */
        g_assert_cmpint (difference, <=, frames[f].recorded ? 1 : 2);
        cairo_surface_destroy (fresh);
        cairo_surface_destroy (cached);
      }

  /* A PDF gets vectors, not the layers as images. */
  {
    g_autoptr(GByteArray) pdf = g_byte_array_new ();
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, 600, 700);
    cairo_t *cr = cairo_create (surface);

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                    "2026-01-01T00:00:00Z");
    dc_face_render_cached (cr, cache, dc_zone_catalogue_get_default (), &options, 600, 700, 1);
    cairo_destroy (cr);
    cairo_surface_finish (surface);
    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (surface);
    g_assert_cmpuint (pdf->len, >, 0);
    g_assert_null (g_strstr_len ((const char *) pdf->data, pdf->len, "/Subtype /Image"));
  }
}

static cairo_surface_t *
render_plain (DcFaceRenderOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 420);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  dc_face_render (cr, dc_zone_catalogue_get_default (), options, 300, 420);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The keyboard cursor is drawn, and not as the hover is. */
static void
test_render_focus (void)
{
  DcFaceRenderOptions plain = { .view = "frontal" };
  DcFaceRenderOptions focused = { .view = "frontal", .focused = "nose" };
  DcFaceRenderOptions hovered = { .view = "frontal", .hovered = "nose" };
  cairo_surface_t *a = render_plain (&plain);
  cairo_surface_t *b = render_plain (&focused);
  cairo_surface_t *c = render_plain (&hovered);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *da = cairo_image_surface_get_data (a);
  const guchar *db = cairo_image_surface_get_data (b);
  const guchar *dc = cairo_image_surface_get_data (c);
  guint n_focus = 0, n_unlike_hover = 0;

  for (int y = 0; y < 420; y++)
    {
      const guint32 *ra = (const guint32 *) (gconstpointer) (da + y * stride);
      const guint32 *rb = (const guint32 *) (gconstpointer) (db + y * stride);
      const guint32 *rc = (const guint32 *) (gconstpointer) (dc + y * stride);

      for (int x = 0; x < 300; x++)
        {
          n_focus += (ra[x] & 0xffffff) != (rb[x] & 0xffffff);
          n_unlike_hover += (rb[x] & 0xffffff) != (rc[x] & 0xffffff);
        }
    }

  g_assert_cmpuint (n_focus, >, 100);
  g_assert_cmpuint (n_unlike_hover, >, 100);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
}

/* Right to left, the legend moves to the left of the face, which does not
 * mirror: the patient's right stays on the viewer's left, and hit testing
 * follows. */
static void
test_render_rtl (void)
{
  g_autoptr(GHashTable) depths = g_hash_table_new (g_str_hash, g_str_equal);
  double depth = 1.2;   /* below the top of the scale (1.5): not the legend's colour */
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();

  g_hash_table_insert (depths, (gpointer) "forehead", &depth);
  for (int rtl = 0; rtl <= 1; rtl++)
    {
      DcFaceRenderOptions options = {
        .view = "frontal", .depth_by_zone = depths, .show_legend = TRUE, .rtl = rtl,
      };
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 400);
      cairo_t *cr = cairo_create (surface);
      double legend_rgba[4], rgb[3], left_x = -1, right_x = -1, x, y;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      dc_face_render (cr, catalogue, &options, 800, 400);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      /* A colour near the top of the scale, found only in the legend's bar:
       * where is it? */
      dc_depth_color (0.95 * dc_face_get_depth_max (&options), dc_face_get_depth_max (&options),
                      FALSE, legend_rgba);
      for (int px = 0; px < 800; px++)
        for (int py = 0; py < 400; py++)
          {
            pixel_at (surface, px + 0.5, py + 0.5, rgb);
            if (color_distance (rgb, legend_rgba) < 4.0 / 255)
              {
                if (left_x < 0)
                  left_x = px;
                right_x = px;
              }
          }
      g_assert_cmpfloat (left_x, >=, 0);
      if (rtl)
        g_assert_cmpfloat (right_x, <, 400);
      else
        g_assert_cmpfloat (left_x, >, 400);

      /* The face does not mirror, and hit testing agrees with drawing. */
      g_assert_true (dc_face_get_zone_center (catalogue, &options, 800, 400, "cheek-right",
                                              &x, &y));
      g_assert_cmpstr (dc_face_hit_test (catalogue, &options, 800, 400, x, y), ==, "cheek-right");
      {
        double left_cheek_x, unused;

        g_assert_true (dc_face_get_zone_center (catalogue, &options, 800, 400, "cheek-left",
                                                &left_cheek_x, &unused));
        g_assert_cmpfloat (x, <, left_cheek_x);
      }
      cairo_surface_destroy (surface);
    }
}

/* Zone labels appear where they are large enough to read, at the centre. */
static void
test_render_labels (void)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  g_autoptr(GHashTable) depths = g_hash_table_new (g_str_hash, g_str_equal);
  DcFaceRenderOptions options = { .depth_by_zone = depths, .show_labels = TRUE,
                                  .depth_max = 2.0 };
  double depth = 2.0, expected[4];
  const int sizes[] = { 200, 1600 };

  g_hash_table_insert (depths, (gpointer) "decollete", &depth);
  dc_depth_color (depth, 2.0, FALSE, expected);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int width = sizes[i], height = sizes[i] * 1.4;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *cr = cairo_create (surface);
      double x, y, rgb[3];
      gboolean text_seen = FALSE;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      dc_face_render (cr, catalogue, &options, width, height);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      /* "2 mm" in white on the deepest colour, across the centre. */
      g_assert_true (dc_face_get_zone_center (catalogue, &options, width, height, "decollete",
                                              &x, &y));
      for (double dx = -0.03 * width; dx <= 0.03 * width; dx += 1)
        {
          pixel_at (surface, x + dx, y, rgb);
          if (rgb[0] > 0.9 && rgb[1] > 0.9 && rgb[2] > 0.9)
            text_seen = TRUE;
        }
      g_assert_true (text_seen == (width >= 1000));
      cairo_surface_destroy (surface);
    }
}

static void
test_depth_color (void)
{
  double previous = G_MAXDOUBLE, rgba[4], top[4];

  /* Lightness falls steadily with depth on a light background, so the
   * order reads without colour vision too. */
  for (int i = 0; i <= 50; i++)
    {
      double luminance;

      dc_depth_color (2.5 * i / 50, 2.5, FALSE, rgba);
      g_assert_cmpfloat (rgba[3], ==, 1.0);
      luminance = 0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2];
      g_assert_cmpfloat (luminance, <, previous);
      previous = luminance;
    }

  /* Out of range depths clamp to the ends of the scale. */
  dc_depth_color (2.5, 2.5, FALSE, top);
  dc_depth_color (9.0, 2.5, FALSE, rgba);
  g_assert_cmpfloat (color_distance (rgba, top), <, 1e-9);
  dc_depth_color (0, 2.5, TRUE, top);
  dc_depth_color (-1, 2.5, TRUE, rgba);
  g_assert_cmpfloat (color_distance (rgba, top), <, 1e-9);
}

static void
test_render_pdf (void)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "test-chart-XXXXXX.pdf", NULL);
  g_autoptr(GHashTable) depths = g_hash_table_new (g_str_hash, g_str_equal);
  DcFaceRenderOptions options = { .depth_by_zone = depths, .show_legend = TRUE,
                                  .show_labels = TRUE };
  double depth = 1.0;
  cairo_surface_t *surface;
  cairo_t *cr;
  int fd;

  /* The PDF writer draws the same diagram on a vector surface. */
  fd = g_mkstemp (path);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_hash_table_insert (depths, (gpointer) "chin", &depth);
  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  dc_face_render (cr, catalogue, &options, 595, 842);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/catalogue/default", test_catalogue_default);
  g_test_add_func ("/chart/catalogue/guidance", test_catalogue_guidance);
  g_test_add_func ("/chart/catalogue/malformed", test_catalogue_malformed);
  g_test_add_func ("/chart/path/parse", test_path_parse);
  g_test_add_func ("/chart/path/malformed", test_path_malformed);
  g_test_add_func ("/chart/hit-test", test_hit_test);
  g_test_add_func ("/chart/depth-color", test_depth_color);
  g_test_add_func ("/chart/render", test_render);
  g_test_add_func ("/chart/render-focus", test_render_focus);
  g_test_add_func ("/chart/render-rtl", test_render_rtl);
  g_test_add_func ("/chart/render/labels", test_render_labels);
  g_test_add_func ("/chart/render/cached", test_render_cached);
  g_test_add_func ("/chart/render/pdf", test_render_pdf);

  return g_test_run ();
}
