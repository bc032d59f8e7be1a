/* test-photo-views.c: the photo viewer and the compare window, on a fresh
 * temporary clinic whose photo library holds synthetic display copies
 * (flat colours of known sizes, no faces), driven through their actions
 * and checked by what they lay out and which pixels they were given.
 *
 * Nothing sleeps: a test waits for the window to finish reading files and
 * fails after a timeout. */

#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>

#include "dc-gui-util.h"
#include "dc-model.h"
#include "dc-photo-compare.h"
#include "dc-photo-library.h"
#include "dc-photo-texture.h"
#include "dc-photo-viewer.h"
#include "dc-store.h"
#include "dc-test-util.h"

static gboolean has_display;

typedef struct
{
  guint8 r, g, b;
} Colour;

static const Colour RED = { 200, 40, 40 };
static const Colour ORANGE = { 230, 140, 30 };
static const Colour GREEN = { 40, 170, 70 };
static const Colour BLUE = { 40, 80, 200 };
static const Colour PURPLE = { 130, 50, 160 };

/* The clinic ---------------------------------------------------------------- */

typedef struct
{
  StoreFixture  store;
  GtkWindow    *parent;
  DcPatient    *patient;
  DcSession    *sessions[4];   /* oldest first; the first and the last have no photos */
  guint         n_photos;
} ViewsFixture;

static void
save_sync (ViewsFixture *fixture,
           gpointer      record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dc_store_save (fixture->store.store, DC_RECORD (record), &error));
  g_assert_no_error (error);
}

/* A flat colour with a white band across the top third, so that a photo
 * upside down would show. */
static GdkPixbuf *
make_pixbuf (int    width,
             int    height,
             Colour colour)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GdkPixbuf) band = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height / 12);

  gdk_pixbuf_fill (pixbuf, ((guint32) colour.r << 24) | ((guint32) colour.g << 16)
                           | ((guint32) colour.b << 8) | 0xff);
  gdk_pixbuf_fill (band, 0xffffffff);
  gdk_pixbuf_copy_area (band, 0, 0, width, height / 12, pixbuf, 0, height / 3);
  return pixbuf;
}

static void
write_display_copy (ViewsFixture *fixture,
                    const char   *sha256,
                    int           width,
                    int           height,
                    Colour        colour)
{
  g_autofree char *path = dc_photo_library_get_derivative_path (
    dc_store_get_photo_dir (fixture->store.store), sha256, DC_PHOTO_DERIVATIVE_DISPLAY);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (width, height, colour);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);
}

/* Saves a photo record of @session whose original was @photo_width ×
 * @photo_height, and writes its display copy of @width × @height unless
 * @colour is NULL. */
static DcPhoto *
add_photo (ViewsFixture *fixture,
           DcSession    *session,
           DcPhotoView   view,
           DcPhotoPhase  phase,
           const char   *taken_at,
           int           width,
           int           height,
           int           photo_width,
           int           photo_height,
           const Colour *colour)
{
  DcPhoto *photo = dc_photo_new ();
  g_autofree char *seed = g_strdup_printf ("photo %u", fixture->n_photos);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  g_autofree char *file_name = g_strdup_printf ("IMG_%04u.jpg", ++fixture->n_photos);

  dc_photo_set_session_id (photo, dc_record_get_id (DC_RECORD (session)));
  dc_photo_set_sha256 (photo, sha256);
  dc_photo_set_file_name (photo, file_name);
  dc_photo_set_view (photo, view);
  dc_photo_set_phase (photo, phase);
  dc_photo_set_taken_at (photo, taken_at);
  dc_photo_set_width (photo, photo_width);
  dc_photo_set_height (photo, photo_height);
  dc_photo_set_consent (photo, DC_CONSENT_CLINICAL);
  save_sync (fixture, photo);

  if (colour != NULL)
    write_display_copy (fixture, sha256, width, height, *colour);
  return photo;
}

static void
views_fixture_setup (ViewsFixture  *fixture,
                     gconstpointer  data)
{
  const char *dates[] = {
    "2025-12-01T09:00:00Z", "2026-01-10T09:00:00Z", "2026-02-14T10:30:00Z",
    "2026-03-20T11:00:00Z",
  };

  memset (fixture, 0, sizeof *fixture);
  if (!has_display)
    return;

  store_fixture_setup (&fixture->store, NULL);
  fixture->patient = make_patient ("Lindqvist", "Maja", "1986-04-12");
  save_sync (fixture, fixture->patient);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->sessions); i++)
    {
      fixture->sessions[i] = dc_session_new ();
      dc_session_set_patient_id (fixture->sessions[i],
                                 dc_record_get_id (DC_RECORD (fixture->patient)));
      dc_session_set_started_at (fixture->sessions[i], dates[i]);
      save_sync (fixture, fixture->sessions[i]);
    }

  fixture->parent = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_present (fixture->parent);
}

/* Lets what a destroyed window left queued (a cancelled load's callback,
 * an idle) run, as the main loop would before anything else. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
views_fixture_teardown (ViewsFixture  *fixture,
                        gconstpointer  data)
{
  if (!has_display)
    return;

  gtk_window_destroy (fixture->parent);
  settle ();
  g_assert_finalize_object (fixture->parent);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->sessions); i++)
    g_clear_object (&fixture->sessions[i]);
  g_clear_object (&fixture->patient);

  wait_for_store (fixture->store.store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  store_fixture_teardown (&fixture->store, NULL);
}

#define SKIP_WITHOUT_DISPLAY()                                   \
  G_STMT_START {                                                 \
    if (!has_display)                                            \
      {                                                          \
        g_test_skip ("No display to show the windows on");       \
        return;                                                  \
      }                                                          \
  } G_STMT_END

/* Widgets -------------------------------------------------------------------- */

/* Finds a widget of a window's template by its id there. */
static gpointer
find_child (GtkWidget  *widget,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_child (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gpointer
get_child (gpointer    window,
           const char *id)
{
  gpointer child = find_child (GTK_WIDGET (window), id);

  g_assert_nonnull (child);
  return child;
}

static const char *
visible_page (gpointer    window,
              const char *stack_id)
{
  return gtk_stack_get_visible_child_name (get_child (window, stack_id));
}

/* Waits for @window to be laid out and drawn, and for what it does once
 * it is (the zoom level shown follows the layout). */
static void
wait_for_draw (gpointer window)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
activate (gpointer    window,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  wait_for_draw (window);
}

static gboolean
viewer_loaded (gpointer data)
{
  return !dc_photo_viewer_get_loading (data);
}

static gboolean
compare_loaded (gpointer data)
{
  return !dc_photo_compare_get_loading (data);
}

/* The picture's size as laid out, in window pixels. */
static void
get_picture_size (GtkWidget *picture,
                  int       *width,
                  int       *height)
{
  *width = gtk_widget_get_width (picture);
  *height = gtk_widget_get_height (picture);
}

/* Checks that the middle of @picture is drawn in the middle of @scrolled:
 * where it is laid out, not only what the scroll bars say. */
static void
assert_middle_in_middle (GtkWidget *picture,
                         GtkWidget *scrolled)
{
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (picture) / 2.0,
                                                 gtk_widget_get_height (picture) / 2.0);

  g_assert_true (gtk_widget_compute_point (picture, scrolled, &middle, &middle));
  g_assert_cmpfloat (fabs (middle.x - gtk_widget_get_width (scrolled) / 2.0), <=, 2);
  g_assert_cmpfloat (fabs (middle.y - gtk_widget_get_height (scrolled) / 2.0), <=, 2);
}

/* Checks that @picture shows a texture of @width × @height whose middle is
 * @colour (JPEG is lossy: near enough). */
static void
assert_picture_shows (GtkWidget *picture,
                      int        width,
                      int        height,
                      Colour     colour)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
  g_autofree guchar *pixels = NULL;
  gsize stride;
  guchar *pixel;

  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, width);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, height);

  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (GDK_TEXTURE (paintable), pixels, stride);

  /* Cairo's ARGB32, native endian: B, G, R, A in memory here. */
  pixel = pixels + (gsize) (height * 3 / 4) * stride + (gsize) (width / 2) * 4;
  g_assert_cmpint (abs (pixel[2] - colour.r), <, 16);
  g_assert_cmpint (abs (pixel[1] - colour.g), <, 16);
  g_assert_cmpint (abs (pixel[0] - colour.b), <, 16);
  /* The white band, a third of the way down. */
  pixel = pixels + (gsize) (height / 3 + height / 24) * stride + (gsize) (width / 2) * 4;
  g_assert_cmpint (pixel[0], >, 235);
}

/* The viewer ----------------------------------------------------------------- */

static DcPhotoViewer *
open_viewer (ViewsFixture *fixture,
             GListModel   *photos,
             guint         position,
             int           width,
             int           height)
{
  DcPhotoViewer *viewer;

  viewer = DC_PHOTO_VIEWER (dc_photo_viewer_new (fixture->parent,
                                                 dc_store_get_photo_dir (fixture->store.store),
                                                 photos, position));
  /* Keeps the window until g_assert_finalize_object(). */
  g_object_ref (viewer);
  gtk_window_set_default_size (GTK_WINDOW (viewer), width, height);
  gtk_window_present (GTK_WINDOW (viewer));
  wait_until (viewer_loaded, viewer);
  wait_for_draw (viewer);
  return viewer;
}

static void
close_viewer (DcPhotoViewer *viewer)
{
  gtk_window_destroy (GTK_WINDOW (viewer));
  settle ();
  g_assert_finalize_object (viewer);
}

static void
test_viewer_steps (ViewsFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GListStore) photos = g_list_store_new (DC_TYPE_PHOTO);
  g_autoptr(GtkFilterListModel) shown = NULL;
  g_autoptr(DcPhoto) red = NULL;
  g_autoptr(DcPhoto) green = NULL;
  g_autoptr(DcPhoto) blue = NULL;
  g_autofree char *taken = NULL;
  DcPhotoViewer *viewer;
  AdwWindowTitle *title;

  SKIP_WITHOUT_DISPLAY ();

  red = add_photo (fixture, fixture->sessions[1], DC_PHOTO_VIEW_FRONTAL, DC_PHOTO_PHASE_BEFORE,
                   "2026-01-10T09:02:00Z", 400, 500, 400, 500, &RED);
  /* Without a capture time, named by its file. */
  green = add_photo (fixture, fixture->sessions[1], DC_PHOTO_VIEW_LATERAL_LEFT,
                     DC_PHOTO_PHASE_BEFORE, NULL, 480, 320, 480, 320, &GREEN);
  blue = add_photo (fixture, fixture->sessions[1], DC_PHOTO_VIEW_FRONTAL, DC_PHOTO_PHASE_AFTER,
                    "2026-01-10T09:40:00Z", 300, 400, 300, 400, &BLUE);
  g_list_store_append (photos, red);
  g_list_store_append (photos, green);
  g_list_store_append (photos, blue);

  /* As the gallery gives them: through a filter model, whose items are
   * only said to be GObjects. */
  shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (photos)), NULL);
  viewer = open_viewer (fixture, G_LIST_MODEL (shown), 0, 800, 700);
  title = get_child (viewer, "window_title");

  g_assert_cmpstr (visible_page (viewer, "stack"), ==, "photo");
  g_assert_true (dc_photo_viewer_get_photo (viewer) == red);
  assert_picture_shows (get_child (viewer, "picture"), 400, 500, RED);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Frontal · Before");
  taken = dc_gui_format_timestamp ("2026-01-10T09:02:00Z");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, taken);
  /* Smaller than the window: at its own size, which is the original's. */
  g_assert_cmpstr (gtk_label_get_label (get_child (viewer, "zoom_label")), ==, "100%");

  activate (viewer, "viewer.next");
  wait_until (viewer_loaded, viewer);
  wait_for_draw (viewer);
  g_assert_cmpuint (dc_photo_viewer_get_position (viewer), ==, 1);
  assert_picture_shows (get_child (viewer, "picture"), 480, 320, GREEN);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Lateral left 90° · Before");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "IMG_0002.jpg");

  activate (viewer, "viewer.next");
  wait_until (viewer_loaded, viewer);
  g_assert_cmpuint (dc_photo_viewer_get_position (viewer), ==, 2);
  assert_picture_shows (get_child (viewer, "picture"), 300, 400, BLUE);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Frontal · Immediately after");

  /* The last photo has no next. */
  activate (viewer, "viewer.next");
  g_assert_cmpuint (dc_photo_viewer_get_position (viewer), ==, 2);

  activate (viewer, "viewer.previous");
  activate (viewer, "viewer.previous");
  wait_until (viewer_loaded, viewer);
  g_assert_cmpuint (dc_photo_viewer_get_position (viewer), ==, 0);
  assert_picture_shows (get_child (viewer, "picture"), 400, 500, RED);

  /* The gallery removes the photo shown: the next takes its place. */
  g_list_store_remove (photos, 0);
  wait_until (viewer_loaded, viewer);
  g_assert_true (dc_photo_viewer_get_photo (viewer) == green);
  g_assert_cmpuint (dc_photo_viewer_get_position (viewer), ==, 0);

  close_viewer (viewer);
}

/* Zoom: best fit, never enlarged; zoom in doubles; fit again. */
static void
test_viewer_zoom (ViewsFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GListStore) photos = g_list_store_new (DC_TYPE_PHOTO);
  g_autoptr(DcPhoto) large = NULL;
  g_autoptr(DcPhoto) small = NULL;
  g_autofree char *label = NULL;
  DcPhotoViewer *viewer;
  GtkWidget *picture, *scrolled;
  GtkAdjustment *vadjustment;
  int width, height, fit_width, fit_height;
  double fit;

  SKIP_WITHOUT_DISPLAY ();

  large = add_photo (fixture, fixture->sessions[1], DC_PHOTO_VIEW_FRONTAL,
                     DC_PHOTO_PHASE_BEFORE, "2026-01-10T09:02:00Z", 1200, 1500, 3000, 3750,
                     &PURPLE);
  small = add_photo (fixture, fixture->sessions[1], DC_PHOTO_VIEW_CLOSE_UP,
                     DC_PHOTO_PHASE_BEFORE, "2026-01-10T09:03:00Z", 200, 150, 200, 150,
                     &ORANGE);
  g_list_store_append (photos, large);
  g_list_store_append (photos, small);

  viewer = open_viewer (fixture, G_LIST_MODEL (photos), 0, 640, 560);
  picture = get_child (viewer, "picture");
  scrolled = get_child (viewer, "scrolled");
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* Fitted: the whole photo, as large as the window allows. */
  g_assert_true (dc_photo_viewer_get_best_fit (viewer));
  fit = dc_photo_viewer_get_zoom (viewer);
  g_assert_cmpfloat (fit, >, 0.1);
  g_assert_cmpfloat (fit, <, 1.0);
  g_assert_cmpfloat_with_epsilon (fit, MIN ((double) gtk_widget_get_width (scrolled) / 1200,
                                            (double) gtk_widget_get_height (scrolled) / 1500),
                                  1e-9);
  get_picture_size (picture, &fit_width, &fit_height);
  g_assert_cmpint (abs (fit_width - (int) round (1200 * fit)), <=, 1);
  g_assert_cmpint (abs (fit_height - (int) round (1500 * fit)), <=, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), <=,
                     gtk_adjustment_get_page_size (vadjustment));
  /* The level shown is of the original photo, which was 2.5 times larger. */
  label = g_strdup_printf ("%d%%", (int) round (fit * 100 / 2.5));
  g_assert_cmpstr (gtk_label_get_label (get_child (viewer, "zoom_label")), ==, label);

  activate (viewer, "viewer.zoom-in");
  g_assert_false (dc_photo_viewer_get_best_fit (viewer));
  g_assert_cmpfloat_with_epsilon (dc_photo_viewer_get_zoom (viewer), 2 * fit, 1e-9);
  get_picture_size (picture, &width, &height);
  g_assert_cmpint (abs (width - (int) round (1200 * 2 * fit)), <=, 1);
  g_assert_cmpint (abs (height - (int) round (1500 * 2 * fit)), <=, 1);
  /* Larger than the window now: it scrolls, its middle kept in the middle. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >,
                     gtk_adjustment_get_page_size (vadjustment));
  assert_middle_in_middle (picture, scrolled);

  activate (viewer, "viewer.zoom-in");
  g_assert_cmpfloat_with_epsilon (dc_photo_viewer_get_zoom (viewer), 4 * fit, 1e-9);
  assert_middle_in_middle (picture, scrolled);

  activate (viewer, "viewer.zoom-fit");
  g_assert_true (dc_photo_viewer_get_best_fit (viewer));
  g_assert_cmpfloat_with_epsilon (dc_photo_viewer_get_zoom (viewer), fit, 1e-9);
  get_picture_size (picture, &width, &height);
  g_assert_cmpint (width, ==, fit_width);
  g_assert_cmpint (height, ==, fit_height);

  /* Zooming out ends at best fit. */
  activate (viewer, "viewer.zoom-in");
  activate (viewer, "viewer.zoom-out");
  g_assert_true (dc_photo_viewer_get_best_fit (viewer));
  activate (viewer, "viewer.zoom-out");
  g_assert_cmpfloat_with_epsilon (dc_photo_viewer_get_zoom (viewer), fit, 1e-9);

  /* A photo smaller than the window is shown at its own size, and a new
   * photo opens fitted. */
  activate (viewer, "viewer.zoom-in");
  activate (viewer, "viewer.next");
  wait_until (viewer_loaded, viewer);
  wait_for_draw (viewer);
  g_assert_true (dc_photo_viewer_get_best_fit (viewer));
  g_assert_cmpfloat (dc_photo_viewer_get_zoom (viewer), ==, 1.0);
  get_picture_size (picture, &width, &height);
  g_assert_cmpint (width, ==, 200);
  g_assert_cmpint (height, ==, 150);
  g_assert_cmpstr (gtk_label_get_label (get_child (viewer, "zoom_label")), ==, "100%");
  activate (viewer, "viewer.zoom-in");
  g_assert_cmpfloat (dc_photo_viewer_get_zoom (viewer), ==, 2.0);
  g_assert_cmpstr (gtk_label_get_label (get_child (viewer, "zoom_label")), ==, "200%");

  close_viewer (viewer);
}

/* A missing or damaged display copy: an error naming the photo's file, and
 * no zooming. */
static void
test_viewer_missing_file (ViewsFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GListStore) photos = g_list_store_new (DC_TYPE_PHOTO);
  g_autoptr(DcPhoto) missing = NULL;
  g_autoptr(DcPhoto) damaged = NULL;
  g_autofree char *damaged_path = NULL;
  g_autoptr(GError) error = NULL;
  DcPhotoViewer *viewer;
  AdwStatusPage *error_page;

  SKIP_WITHOUT_DISPLAY ();

  missing = add_photo (fixture, fixture->sessions[1], DC_PHOTO_VIEW_FRONTAL,
                       DC_PHOTO_PHASE_BEFORE, NULL, 0, 0, 400, 500, NULL);
  damaged = add_photo (fixture, fixture->sessions[1], DC_PHOTO_VIEW_FRONTAL,
                       DC_PHOTO_PHASE_AFTER, NULL, 400, 500, 400, 500, &RED);
  damaged_path = dc_photo_library_get_derivative_path (dc_store_get_photo_dir (
                                                         fixture->store.store),
                                                       dc_photo_get_sha256 (damaged),
                                                       DC_PHOTO_DERIVATIVE_DISPLAY);
  g_file_set_contents (damaged_path, "Not a JPEG at all", -1, &error);
  g_assert_no_error (error);
  g_list_store_append (photos, missing);
  g_list_store_append (photos, damaged);

  viewer = open_viewer (fixture, G_LIST_MODEL (photos), 0, 640, 480);
  error_page = get_child (viewer, "error_page");
  g_assert_cmpstr (visible_page (viewer, "stack"), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "IMG_0001.jpg"));
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "is missing"));
  g_assert_null (gtk_picture_get_paintable (get_child (viewer, "picture")));
  g_assert_cmpfloat (dc_photo_viewer_get_zoom (viewer), ==, 0);
  g_assert_false (gtk_widget_get_visible (get_child (viewer, "zoom_box")));

  activate (viewer, "viewer.next");
  wait_until (viewer_loaded, viewer);
  g_assert_cmpstr (visible_page (viewer, "stack"), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "IMG_0002.jpg"));
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page),
                            "damaged or is not an image"));

  close_viewer (viewer);
}

/* The texture loader on its own: cancelled, it reports so and nothing else. */
static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GdkTexture) texture = dc_photo_texture_load_finish (result, error);

  g_assert_null (texture);
  g_assert_nonnull (*error);
}

static void
test_texture_cancelled (ViewsFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(DcPhoto) photo = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  SKIP_WITHOUT_DISPLAY ();

  photo = add_photo (fixture, fixture->sessions[1], DC_PHOTO_VIEW_FRONTAL,
                     DC_PHOTO_PHASE_BEFORE, NULL, 400, 500, 400, 500, &RED);
  path = dc_photo_library_get_derivative_path (dc_store_get_photo_dir (fixture->store.store),
                                               dc_photo_get_sha256 (photo),
                                               DC_PHOTO_DERIVATIVE_DISPLAY);
  dc_photo_texture_load_async (path, cancellable, loaded_cb, &error);
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The compare window ------------------------------------------------------------ */

typedef struct
{
  DcPhoto *red;      /* first session with photos: frontal before */
  DcPhoto *orange;   /* frontal immediately after, taken before the red one */
  DcPhoto *green;    /* lateral left, before */
  DcPhoto *blue;     /* latest session with photos: frontal follow-up, twice as large */
  DcPhoto *purple;   /* oblique left, before */
} ComparePhotos;

static void
add_compare_photos (ViewsFixture  *fixture,
                    ComparePhotos *photos)
{
  DcSession *first = fixture->sessions[1];
  DcSession *latest = fixture->sessions[2];

  photos->orange = add_photo (fixture, first, DC_PHOTO_VIEW_FRONTAL, DC_PHOTO_PHASE_AFTER,
                              "2026-01-10T08:00:00Z", 400, 500, 400, 500, &ORANGE);
  photos->red = add_photo (fixture, first, DC_PHOTO_VIEW_FRONTAL, DC_PHOTO_PHASE_BEFORE,
                           "2026-01-10T09:00:00Z", 400, 500, 400, 500, &RED);
  photos->green = add_photo (fixture, first, DC_PHOTO_VIEW_LATERAL_LEFT, DC_PHOTO_PHASE_BEFORE,
                             "2026-01-10T09:05:00Z", 400, 500, 400, 500, &GREEN);
  /* From a camera with twice the resolution: the same face is twice as many
   * pixels, and its display copy was scaled down by half. */
  photos->blue = add_photo (fixture, latest, DC_PHOTO_VIEW_FRONTAL, DC_PHOTO_PHASE_FOLLOW_UP,
                            "2026-02-14T10:31:00Z", 400, 500, 800, 1000, &BLUE);
  photos->purple = add_photo (fixture, latest, DC_PHOTO_VIEW_OBLIQUE_LEFT, DC_PHOTO_PHASE_BEFORE,
                              "2026-02-14T10:32:00Z", 600, 750, 600, 750, &PURPLE);
}

static void
compare_photos_clear (ComparePhotos *photos)
{
  g_clear_object (&photos->red);
  g_clear_object (&photos->orange);
  g_clear_object (&photos->green);
  g_clear_object (&photos->blue);
  g_clear_object (&photos->purple);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ComparePhotos, compare_photos_clear)

static DcPhotoCompare *
open_compare (ViewsFixture *fixture,
              int           width,
              int           height)
{
  DcPhotoCompare *compare;

  compare = DC_PHOTO_COMPARE (dc_photo_compare_new (fixture->parent, fixture->store.store,
                                                    fixture->patient));
  g_object_ref (compare);
  gtk_window_set_default_size (GTK_WINDOW (compare), width, height);
  gtk_window_present (GTK_WINDOW (compare));
  wait_until (compare_loaded, compare);
  wait_for_draw (compare);
  return compare;
}

static void
close_compare (DcPhotoCompare *compare)
{
  gtk_window_destroy (GTK_WINDOW (compare));
  settle ();
  g_assert_finalize_object (compare);
}

/* Where the point @fraction of the way down the widget @id is drawn in
 * @window. */
static double
window_y (gpointer    window,
          const char *id,
          double      fraction)
{
  GtkWidget *widget = get_child (window, id);
  graphene_point_t point = GRAPHENE_POINT_INIT (0, fraction * gtk_widget_get_height (widget));

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (window), &point, &point));
  return point.y;
}

static gint64
session_id (ViewsFixture *fixture,
            guint         i)
{
  return dc_record_get_id (DC_RECORD (fixture->sessions[i]));
}

static void
test_compare_defaults (ViewsFixture  *fixture,
                       gconstpointer  data)
{
  g_auto(ComparePhotos) photos = { 0 };
  DcPhotoCompare *compare;
  GtkDropDown *dropdown;
  GtkAdjustment *vadjustment_a, *vadjustment_b;
  int width_a, height_a, width_b, height_b;
  double scale;

  SKIP_WITHOUT_DISPLAY ();

  add_compare_photos (fixture, &photos);
  compare = open_compare (fixture, 800, 600);

  /* Only the sessions with photos, the first and the latest chosen. */
  g_assert_cmpstr (visible_page (compare, "main_stack"), ==, "compare");
  dropdown = get_child (compare, "session_dropdown_a");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);
  g_assert_cmpint (dc_photo_compare_get_session_id (compare, 0), ==, session_id (fixture, 1));
  g_assert_cmpint (dc_photo_compare_get_session_id (compare, 1), ==, session_id (fixture, 2));
  g_assert_cmpint (dc_photo_compare_get_view (compare), ==, DC_PHOTO_VIEW_FRONTAL);
  g_assert_cmpint (dc_photo_compare_get_phase (compare), ==, DC_PHOTO_PHASE_BEFORE);

  /* Before photos first, even when taken later; another phase rather than
   * none, and said so. */
  g_assert_true (dc_photo_compare_get_photo (compare, 0) == photos.red
                 || dc_record_get_id (DC_RECORD (dc_photo_compare_get_photo (compare, 0)))
                    == dc_record_get_id (DC_RECORD (photos.red)));
  g_assert_cmpint (dc_record_get_id (DC_RECORD (dc_photo_compare_get_photo (compare, 1))), ==,
                   dc_record_get_id (DC_RECORD (photos.blue)));
  assert_picture_shows (get_child (compare, "picture_a"), 400, 500, RED);
  assert_picture_shows (get_child (compare, "picture_b"), 400, 500, BLUE);
  g_assert_cmpstr (gtk_label_get_label (get_child (compare, "view_label_a")), ==, "Frontal");
  g_assert_cmpstr (gtk_label_get_label (get_child (compare, "phase_label_a")), ==, "Before");
  g_assert_cmpstr (gtk_label_get_label (get_child (compare, "phase_label_b")), ==, "Follow-up");
  g_assert_false (gtk_widget_has_css_class (get_child (compare, "phase_label_a"), "warning"));
  g_assert_true (gtk_widget_has_css_class (get_child (compare, "phase_label_b"), "warning"));

  /* One scale for both, in pixels of the originals: the same-sized display
   * copies are drawn at different sizes. */
  g_assert_true (dc_photo_compare_get_best_fit (compare));
  scale = dc_photo_compare_get_scale (compare, 0);
  g_assert_cmpfloat (scale, >, 0);
  g_assert_cmpfloat_with_epsilon (dc_photo_compare_get_scale (compare, 1), scale, 0.005);
  g_assert_cmpfloat_with_epsilon (dc_photo_compare_get_zoom (compare), scale, 0.005);
  get_picture_size (get_child (compare, "picture_a"), &width_a, &height_a);
  get_picture_size (get_child (compare, "picture_b"), &width_b, &height_b);
  g_assert_cmpint (abs (width_b - 2 * width_a), <=, 1);
  g_assert_cmpint (abs (height_b - 2 * height_a), <=, 1);
  /* The larger one fits its side. */
  g_assert_cmpint (height_b, <=, gtk_widget_get_height (get_child (compare, "scrolled_b")));
  g_assert_cmpint (width_b, <=, gtk_widget_get_width (get_child (compare, "scrolled_b")));
  g_assert_true (gtk_widget_get_height (get_child (compare, "scrolled_b")) - height_b <= 1
                 || gtk_widget_get_width (get_child (compare, "scrolled_b")) - width_b <= 1);

  /* Linked zoom: both sides twice as large, still one scale, around the
   * middle. */
  activate (compare, "compare.zoom-in");
  g_assert_false (dc_photo_compare_get_best_fit (compare));
  vadjustment_b = gtk_scrolled_window_get_vadjustment (get_child (compare, "scrolled_b"));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment_b), >,
                     gtk_adjustment_get_page_size (vadjustment_b));
  assert_middle_in_middle (get_child (compare, "picture_a"), get_child (compare, "scrolled_a"));
  assert_middle_in_middle (get_child (compare, "picture_b"), get_child (compare, "scrolled_b"));
  g_assert_cmpfloat_with_epsilon (dc_photo_compare_get_scale (compare, 0), 2 * scale, 0.005);
  g_assert_cmpfloat_with_epsilon (dc_photo_compare_get_scale (compare, 1), 2 * scale, 0.005);

  /* Linked panning: the middle of one side is the middle of the other. */
  activate (compare, "compare.zoom-in");
  vadjustment_a = gtk_scrolled_window_get_vadjustment (get_child (compare, "scrolled_a"));
  vadjustment_b = gtk_scrolled_window_get_vadjustment (get_child (compare, "scrolled_b"));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment_a), >,
                     gtk_adjustment_get_page_size (vadjustment_a));
  gtk_adjustment_set_value (vadjustment_b, gtk_adjustment_get_upper (vadjustment_b) * 0.6
                                           - gtk_adjustment_get_page_size (vadjustment_b) / 2);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadjustment_a),
                                  gtk_adjustment_get_upper (vadjustment_a) * 0.6
                                  - gtk_adjustment_get_page_size (vadjustment_a) / 2, 1.0);
  wait_for_draw (compare);
  /* Drawn so: the point 60 % down each photo is level on both sides. */
  g_assert_cmpfloat (fabs (window_y (compare, "picture_a", 0.6)
                           - window_y (compare, "picture_b", 0.6)), <=, 2);

  activate (compare, "compare.zoom-fit");
  g_assert_cmpfloat_with_epsilon (dc_photo_compare_get_scale (compare, 0), scale, 0.005);
  g_assert_cmpfloat_with_epsilon (dc_photo_compare_get_scale (compare, 1), scale, 0.005);

  /* Another phase preferred. */
  dc_photo_compare_set_phase (compare, DC_PHOTO_PHASE_AFTER);
  wait_until (compare_loaded, compare);
  g_assert_cmpint (dc_record_get_id (DC_RECORD (dc_photo_compare_get_photo (compare, 0))), ==,
                   dc_record_get_id (DC_RECORD (photos.orange)));
  g_assert_cmpstr (gtk_label_get_label (get_child (compare, "phase_label_a")), ==,
                   "Immediately after");
  g_assert_false (gtk_widget_has_css_class (get_child (compare, "phase_label_a"), "warning"));

  /* A phase neither session has: the same photos stay, both marked. */
  dc_photo_compare_set_phase (compare, DC_PHOTO_PHASE_FOLLOW_UP);
  wait_until (compare_loaded, compare);
  g_assert_cmpint (dc_record_get_id (DC_RECORD (dc_photo_compare_get_photo (compare, 0))), ==,
                   dc_record_get_id (DC_RECORD (photos.red)));
  g_assert_cmpint (dc_record_get_id (DC_RECORD (dc_photo_compare_get_photo (compare, 1))), ==,
                   dc_record_get_id (DC_RECORD (photos.blue)));
  g_assert_true (gtk_widget_has_css_class (get_child (compare, "phase_label_a"), "warning"));
  g_assert_false (gtk_widget_has_css_class (get_child (compare, "phase_label_b"), "warning"));

  close_compare (compare);
}

/* A session without the view: its side says so, the other still shows. */
static void
test_compare_missing_view (ViewsFixture  *fixture,
                           gconstpointer  data)
{
  g_auto(ComparePhotos) photos = { 0 };
  DcPhotoCompare *compare;

  SKIP_WITHOUT_DISPLAY ();

  add_compare_photos (fixture, &photos);
  compare = open_compare (fixture, 1000, 700);

  gtk_drop_down_set_selected (get_child (compare, "view_dropdown"), DC_PHOTO_VIEW_LATERAL_LEFT);
  wait_until (compare_loaded, compare);
  wait_for_draw (compare);
  g_assert_cmpint (dc_photo_compare_get_view (compare), ==, DC_PHOTO_VIEW_LATERAL_LEFT);
  g_assert_cmpstr (visible_page (compare, "stack_a"), ==, "photo");
  assert_picture_shows (get_child (compare, "picture_a"), 400, 500, GREEN);
  g_assert_cmpstr (visible_page (compare, "stack_b"), ==, "placeholder");
  g_assert_cmpstr (adw_status_page_get_title (get_child (compare, "placeholder_b")), ==,
                   "No lateral left photo in this session");
  g_assert_null (dc_photo_compare_get_photo (compare, 1));
  g_assert_cmpfloat (dc_photo_compare_get_scale (compare, 1), ==, 0);
  g_assert_cmpfloat (dc_photo_compare_get_scale (compare, 0), >, 0);

  dc_photo_compare_set_view (compare, DC_PHOTO_VIEW_OBLIQUE_LEFT);
  wait_until (compare_loaded, compare);
  g_assert_cmpstr (visible_page (compare, "stack_a"), ==, "placeholder");
  g_assert_cmpstr (adw_status_page_get_title (get_child (compare, "placeholder_a")), ==,
                   "No oblique left photo in this session");
  g_assert_cmpstr (visible_page (compare, "stack_b"), ==, "photo");
  assert_picture_shows (get_child (compare, "picture_b"), 600, 750, PURPLE);

  /* The same session on both sides is allowed. */
  dc_photo_compare_set_session_id (compare, 0, session_id (fixture, 2));
  wait_until (compare_loaded, compare);
  g_assert_cmpint (dc_photo_compare_get_session_id (compare, 0), ==, session_id (fixture, 2));
  g_assert_cmpstr (visible_page (compare, "stack_a"), ==, "photo");

  close_compare (compare);
}

static void
test_compare_no_photos (ViewsFixture  *fixture,
                        gconstpointer  data)
{
  DcPhotoCompare *compare;

  SKIP_WITHOUT_DISPLAY ();

  compare = open_compare (fixture, 800, 600);
  g_assert_cmpstr (visible_page (compare, "main_stack"), ==, "empty");
  g_assert_false (gtk_widget_get_visible (get_child (compare, "zoom_box")));
  g_assert_cmpint (dc_photo_compare_get_session_id (compare, 0), ==, 0);
  g_assert_null (dc_photo_compare_get_photo (compare, 0));
  close_compare (compare);
}

int
main (int   argc,
      char *argv[])
{
  has_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
  if (has_display)
    {
      gtk_test_init (&argc, &argv, NULL);
      adw_init ();
    }
  else
    g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, ViewsFixture, NULL, views_fixture_setup, func, views_fixture_teardown)

  ADD_TEST ("/photo-views/viewer/steps", test_viewer_steps);
  ADD_TEST ("/photo-views/viewer/zoom", test_viewer_zoom);
  ADD_TEST ("/photo-views/viewer/missing-file", test_viewer_missing_file);
  ADD_TEST ("/photo-views/texture/cancelled", test_texture_cancelled);
  ADD_TEST ("/photo-views/compare/defaults", test_compare_defaults);
  ADD_TEST ("/photo-views/compare/missing-view", test_compare_missing_view);
  ADD_TEST ("/photo-views/compare/no-photos", test_compare_no_photos);

  return g_test_run ();
}
