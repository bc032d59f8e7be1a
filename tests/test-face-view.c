/* test-face-view.c: the face chart widget, driven the ways its users drive
 * it — its actions, a click on a zone, a toggle in its zone list — and
 * checked by what they see: the selection, the toggles, the pixels.
 *
 * Each test gets a fresh window holding only the view; the teardown checks
 * that both are finalized, so a leaked reference fails the test. */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "dc-device.h"
#include "dc-face-renderer.h"
#include "dc-face-view-private.h"
#include "dc-zone-catalogue.h"
#include "dc-zone-treatment.h"

#define WINDOW_WIDTH  400
#define WINDOW_HEIGHT 760

typedef struct
{
  GtkWindow  *window;      /* the test's own reference */
  DcFaceView *view;        /* weak */
  GListStore *treatments;
  GListStore *devices;
} Fixture;

static DcZoneTreatment *
make_treatment (const char *zone,
                double      depth,
                gint64      device_id)
{
  DcZoneTreatment *treatment = dc_zone_treatment_new ();

  dc_zone_treatment_set_zone (treatment, zone);
  dc_zone_treatment_set_depth_mm (treatment, depth);
  dc_zone_treatment_set_device_id (treatment, device_id);
  dc_zone_treatment_set_passes (treatment, 2);
  return treatment;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DcDevice) device = dc_device_new ();
  GtkWidget *scrolled;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);

  dc_record_set_id (DC_RECORD (device), 7);
  dc_device_set_make (device, "Dermapen");
  dc_device_set_model (device, "Dermapen 4");
  fixture->devices = g_list_store_new (DC_TYPE_DEVICE);
  g_list_store_append (fixture->devices, device);
  fixture->treatments = g_list_store_new (DC_TYPE_ZONE_TREATMENT);

  fixture->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (fixture->window, WINDOW_WIDTH, WINDOW_HEIGHT);
  fixture->view = DC_FACE_VIEW (dc_face_view_new ());
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *) &fixture->view);
  dc_face_view_set_treatments (fixture->view, G_LIST_MODEL (fixture->treatments));
  dc_face_view_set_devices (fixture->view, G_LIST_MODEL (fixture->devices));
  /* In a scrolled page, as in the session page. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));
  gtk_window_set_child (fixture->window, scrolled);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->view));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->window);
  g_assert_null (fixture->view);
  /* The view followed both models: it must have let go of them. */
  g_assert_finalize_object (fixture->treatments);
  g_assert_finalize_object (fixture->devices);
}

static void
assert_selection (DcFaceView *view,
                  const char *first,
                  ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  g_auto(GStrv) property = NULL;
  const char *const *selected = dc_face_view_get_selected_zones (view);
  va_list args;

  va_start (args, first);
  for (const char *zone = first; zone != NULL; zone = va_arg (args, const char *))
    g_strv_builder_add (builder, zone);
  va_end (args);
  expected = g_strv_builder_end (builder);

  /* The property is the list in anatomical order. */
  g_object_get (view, "selected-zones", &property, NULL);
  g_assert_cmpstrv (selected, expected);
  g_assert_cmpstrv (property, expected);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(int *) user_data)++;
}

/* (a) The actions the session page and its shortcuts use. */
static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  int notified = 0;

  g_signal_connect (view, "notify::selected-zones", G_CALLBACK (notify_count_cb), &notified);

  assert_selection (fixture->view, NULL);
  /* Nothing to clear or mirror yet (both actions are disabled). */
  gtk_widget_activate_action (view, "face.clear-selection", NULL);
  gtk_widget_activate_action (view, "face.select-mirror", NULL);
  assert_selection (fixture->view, NULL);
  g_assert_cmpint (notified, ==, 0);

  g_assert_true (gtk_widget_activate_action (view, "face.select-zone", "s", "cheek-left"));
  assert_selection (fixture->view, "cheek-left", NULL);
  g_assert_cmpint (notified, ==, 1);

  /* Selecting it again changes nothing, and says nothing. */
  g_assert_true (gtk_widget_activate_action (view, "face.select-zone", "s", "cheek-left"));
  g_assert_cmpint (notified, ==, 1);

  g_assert_true (gtk_widget_activate_action (view, "face.toggle-zone", "s", "forehead"));
  assert_selection (fixture->view, "forehead", "cheek-left", NULL);
  g_assert_true (gtk_widget_activate_action (view, "face.toggle-zone", "s", "forehead"));
  assert_selection (fixture->view, "cheek-left", NULL);
  g_assert_cmpint (notified, ==, 3);

  /* Copy to the opposite side: the other cheek joins. */
  g_assert_true (gtk_widget_activate_action (view, "face.select-mirror", NULL));
  assert_selection (fixture->view, "cheek-right", "cheek-left", NULL);
  /* Both sides are in: nothing left to mirror. */
  gtk_widget_activate_action (view, "face.select-mirror", NULL);
  assert_selection (fixture->view, "cheek-right", "cheek-left", NULL);
  g_assert_cmpint (notified, ==, 4);

  /* select-zone replaces a multiple selection. */
  g_assert_true (gtk_widget_activate_action (view, "face.select-zone", "s", "nose"));
  assert_selection (fixture->view, "nose", NULL);
  g_assert_true (gtk_widget_activate_action (view, "face.toggle-zone", "s", "chin"));

  g_assert_true (gtk_widget_activate_action (view, "face.clear-selection", NULL));
  assert_selection (fixture->view, NULL);
  g_assert_cmpint (notified, ==, 7);

  g_signal_handlers_disconnect_by_func (view, notify_count_cb, &notified);
}

/* The toggle in the zone list whose label reads name, found the way a
 * screen reader or a person finds it: by what it says. */
static void
collect_toggles (GtkWidget  *widget,
                 GPtrArray  *toggles)
{
  if (GTK_IS_TOGGLE_BUTTON (widget))
    {
      g_ptr_array_add (toggles, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toggles (child, toggles);
}

static const char *
toggle_name (GtkWidget *toggle)
{
  /* The first label is the zone's name, a second one its depth. */
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (toggle));
  GtkWidget *label = gtk_widget_get_first_child (box);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static GtkToggleButton *
find_toggle (DcFaceView *view,
             const char *name)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  collect_toggles (GTK_WIDGET (view), toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (toggle_name (toggles->pdata[i]), name) == 0)
      return toggles->pdata[i];
  g_error ("No toggle “%s” in the zone list", name);
  return NULL;
}

static const char *
zone_name (const char *zone_id)
{
  return dc_zone_get_name (dc_zone_catalogue_lookup (dc_zone_catalogue_get_default (),
                                                     zone_id));
}

/* (b) The zone list: every zone, by its translated name, in both directions. */
static void
test_zone_list (Fixture       *fixture,
                gconstpointer  data)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  const char *const *ids = dc_zone_catalogue_get_zone_ids (catalogue);
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  GtkToggleButton *left_cheek;

  collect_toggles (GTK_WIDGET (fixture->view), toggles);
  g_assert_cmpuint (toggles->len, ==, dc_zone_catalogue_get_n_zones (catalogue));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *toggle = toggles->pdata[i];

      /* In anatomical order, each a button with a pressed state (4.8 has no toggle role). */
      g_assert_cmpstr (toggle_name (toggle), ==, zone_name (ids[i]));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (toggle)), ==,
                       GTK_ACCESSIBLE_ROLE_BUTTON);
      g_assert_true (gtk_widget_get_focusable (toggle));
      g_assert_true (gtk_widget_get_mapped (toggle));
    }

  left_cheek = find_toggle (fixture->view, zone_name ("cheek-left"));
  g_assert_cmpstr (zone_name ("cheek-left"), ==, "Left cheek");   /* C locale */
  g_assert_false (gtk_toggle_button_get_active (left_cheek));

  /* List → selection: toggling adds to it, as on a touchscreen. */
  gtk_toggle_button_set_active (left_cheek, TRUE);
  assert_selection (fixture->view, "cheek-left", NULL);
  gtk_toggle_button_set_active (find_toggle (fixture->view, zone_name ("nose")), TRUE);
  assert_selection (fixture->view, "nose", "cheek-left", NULL);
  gtk_toggle_button_set_active (left_cheek, FALSE);
  assert_selection (fixture->view, "nose", NULL);

  /* Selection → list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "face.select-zone",
                                             "s", "cheek-left"));
  g_assert_true (gtk_toggle_button_get_active (left_cheek));
  g_assert_false (gtk_toggle_button_get_active (find_toggle (fixture->view,
                                                             zone_name ("nose"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "face.select-mirror",
                                             NULL));
  g_assert_true (gtk_toggle_button_get_active (find_toggle (fixture->view,
                                                            zone_name ("cheek-right"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "face.clear-selection", NULL));
  for (guint i = 0; i < toggles->len; i++)
    g_assert_false (gtk_toggle_button_get_active (toggles->pdata[i]));

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->view)), ==,
                   GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
zone_point (Fixture    *fixture,
            const char *zone_id,
            double     *x,
            double     *y)
{
  DcFaceRenderOptions options;
  double width, height;

  _dc_face_view_get_render_options (fixture->view, &options, &width, &height);
  /* The chart is the top of the view, at least its minimum size. */
  g_assert_cmpfloat (width, ==, gtk_widget_get_width (GTK_WIDGET (fixture->view)));
  g_assert_cmpfloat (height, >=, 320);
  g_assert_cmpfloat (height, <, gtk_widget_get_height (GTK_WIDGET (fixture->view)));
  g_assert_true (dc_face_get_zone_center (dc_zone_catalogue_get_default (), &options,
                                          width, height, zone_id, x, y));
}

/* (c) A click on the chart, where the renderer says the zone is. */
static void
test_click (Fixture       *fixture,
            gconstpointer  data)
{
  double x, y, cx, cy;

  zone_point (fixture, "forehead", &x, &y);
  _dc_face_view_activate_point (fixture->view, x, y, 0);
  assert_selection (fixture->view, "forehead", NULL);
  g_assert_true (gtk_toggle_button_get_active (find_toggle (fixture->view,
                                                            zone_name ("forehead"))));

  /* A plain click elsewhere replaces the selection; Ctrl+click adds. */
  zone_point (fixture, "chin", &cx, &cy);
  _dc_face_view_activate_point (fixture->view, cx, cy, 0);
  assert_selection (fixture->view, "chin", NULL);
  _dc_face_view_activate_point (fixture->view, x, y, GDK_CONTROL_MASK);
  assert_selection (fixture->view, "forehead", "chin", NULL);
  zone_point (fixture, "cheek-left", &cx, &cy);
  _dc_face_view_activate_point (fixture->view, cx, cy, GDK_SHIFT_MASK);
  assert_selection (fixture->view, "forehead", "cheek-left", "chin", NULL);

  /* Ctrl+click on a selected zone takes it out. */
  _dc_face_view_activate_point (fixture->view, x, y, GDK_CONTROL_MASK);
  assert_selection (fixture->view, "cheek-left", "chin", NULL);

  /* Ctrl+click beside the face keeps the selection; a plain one clears it. */
  _dc_face_view_activate_point (fixture->view, 2, 2, GDK_CONTROL_MASK);
  assert_selection (fixture->view, "cheek-left", "chin", NULL);
  _dc_face_view_activate_point (fixture->view, 2, 2, 0);
  assert_selection (fixture->view, NULL);

  /* The last click on a zone put the keyboard cursor there. */
  g_assert_cmpstr (_dc_face_view_get_focus_zone (fixture->view), ==, "forehead");
}

/* The session's treatments, followed as the page edits them. */
static void
test_treatments (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(DcZoneTreatment) first = make_treatment ("cheek-left", 1.0, 7);
  g_autoptr(DcZoneTreatment) second = make_treatment ("cheek-left", 0.5, 0);
  g_autofree char *tooltip = NULL;
  GtkToggleButton *toggle = find_toggle (fixture->view, zone_name ("cheek-left"));
  GtkWidget *depth_label;
  double depth;

  g_assert_false (dc_face_view_get_zone_depth (fixture->view, "cheek-left", &depth));
  depth_label = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (toggle)));
  g_assert_false (gtk_widget_get_visible (depth_label));

  g_list_store_append (fixture->treatments, first);
  g_assert_true (dc_face_view_get_zone_depth (fixture->view, "cheek-left", &depth));
  g_assert_cmpfloat (depth, ==, 1.0);
  g_assert_true (gtk_widget_get_visible (depth_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (depth_label)), ==, "1 mm");

  /* A second, shallower pass: the zone shows its deepest. */
  g_list_store_append (fixture->treatments, second);
  g_assert_true (dc_face_view_get_zone_depth (fixture->view, "cheek-left", &depth));
  g_assert_cmpfloat (depth, ==, 1.0);
  dc_zone_treatment_set_depth_mm (second, 1.75);
  g_assert_true (dc_face_view_get_zone_depth (fixture->view, "cheek-left", &depth));
  g_assert_cmpfloat (depth, ==, 1.75);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (depth_label)), ==, "1.75 mm");

  /* The tooltip names the zone, each treatment and its device. */
  tooltip = _dc_face_view_dup_zone_tooltip (fixture->view, "cheek-left");
  g_assert_cmpstr (tooltip, ==,
                   "<b>Left cheek</b>\n1 mm · Dermapen 4 · 2 passes\n1.75 mm · 2 passes");
  g_clear_pointer (&tooltip, g_free);
  tooltip = _dc_face_view_dup_zone_tooltip (fixture->view, "nose");
  g_assert_cmpstr (tooltip, ==, "<b>Nose</b>\nNot treated");

  /* Moved to another zone: the cheek keeps the first treatment only. */
  dc_zone_treatment_set_zone (second, "chin");
  g_assert_true (dc_face_view_get_zone_depth (fixture->view, "cheek-left", &depth));
  g_assert_cmpfloat (depth, ==, 1.0);
  g_assert_true (dc_face_view_get_zone_depth (fixture->view, "chin", &depth));
  g_assert_cmpfloat (depth, ==, 1.75);

  /* Removed from the session. */
  g_list_store_remove (fixture->treatments, 0);
  g_assert_false (dc_face_view_get_zone_depth (fixture->view, "cheek-left", NULL));
  g_assert_false (gtk_widget_get_visible (depth_label));
  /* No longer followed: editing it changes nothing. */
  dc_zone_treatment_set_depth_mm (first, 2.0);
  g_assert_false (dc_face_view_get_zone_depth (fixture->view, "cheek-left", NULL));

  /* A whole new model, as when the page shows another session. */
  {
    g_autoptr(GListStore) other = g_list_store_new (DC_TYPE_ZONE_TREATMENT);

    dc_face_view_set_treatments (fixture->view, G_LIST_MODEL (other));
    g_assert_false (dc_face_view_get_zone_depth (fixture->view, "chin", NULL));
    dc_zone_treatment_set_depth_mm (second, 2.5);
    g_assert_false (dc_face_view_get_zone_depth (fixture->view, "chin", NULL));
    dc_face_view_set_treatments (fixture->view, NULL);
  }
}

/* Keyboard: what the arrow keys and Tab do on the chart. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  double x, y, nx, ny;

  /* Tab into the chart lands on the first zone; the chart is one Tab stop.
   * (Presenting the window gave the chart the focus: take it away.) */
  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);
  g_assert_false (gtk_widget_has_focus (view));
  g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_focus (view));
  g_assert_cmpstr (_dc_face_view_get_focus_zone (fixture->view), ==, "forehead");

  /* Down and Up follow the anatomical order. */
  g_assert_true (_dc_face_view_move_focus (fixture->view, GTK_DIR_DOWN));
  g_assert_cmpstr (_dc_face_view_get_focus_zone (fixture->view), ==, "glabella");
  g_assert_true (_dc_face_view_move_focus (fixture->view, GTK_DIR_UP));
  g_assert_false (_dc_face_view_move_focus (fixture->view, GTK_DIR_UP));
  g_assert_cmpstr (_dc_face_view_get_focus_zone (fixture->view), ==, "forehead");

  /* Left and Right go where the screen says: the patient's right cheek is
   * on the viewer's left. */
  zone_point (fixture, "nose", &x, &y);
  _dc_face_view_activate_point (fixture->view, x, y, 0);
  g_assert_cmpstr (_dc_face_view_get_focus_zone (fixture->view), ==, "nose");
  g_assert_true (_dc_face_view_move_focus (fixture->view, GTK_DIR_LEFT));
  zone_point (fixture, _dc_face_view_get_focus_zone (fixture->view), &nx, &ny);
  g_assert_cmpfloat (nx, <, x);
  g_assert_true (_dc_face_view_move_focus (fixture->view, GTK_DIR_RIGHT));
  g_assert_cmpstr (_dc_face_view_get_focus_zone (fixture->view), ==, "nose");
  g_assert_true (_dc_face_view_move_focus (fixture->view, GTK_DIR_RIGHT));
  zone_point (fixture, _dc_face_view_get_focus_zone (fixture->view), &nx, &ny);
  g_assert_cmpfloat (nx, >, x);

  /* The next Tab goes on into the zone list, wherever the cursor is. */
  g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         view));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (gtk_root_get_focus (GTK_ROOT (fixture->window))));
  g_assert_cmpstr (toggle_name (gtk_root_get_focus (GTK_ROOT (fixture->window))), ==,
                   zone_name ("forehead"));
  /* And Shift+Tab from the list's first toggle back onto the chart, its
   * cursor where it was. */
  {
    g_autofree char *cursor = g_strdup (_dc_face_view_get_focus_zone (fixture->view));

    g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_BACKWARD));
    g_assert_true (gtk_widget_is_focus (view));
    g_assert_cmpstr (_dc_face_view_get_focus_zone (fixture->view), ==, cursor);
  }
}

static void
pixel_at (const guchar *data,
          gsize         stride,
          int           x,
          int           y,
          double        rgb[3])
{
  /* GDK_MEMORY_DEFAULT is premultiplied B, G, R, A in memory; the zones
   * are opaque, so premultiplication changes nothing. */
  const guchar *pixel = data + y * stride + 4 * x;

  rgb[0] = pixel[2] / 255.0;
  rgb[1] = pixel[1] / 255.0;
  rgb[2] = pixel[0] / 255.0;
}

/* The share of the pixels around (x, y) that have the colour: the depth
 * label sits on the zone's centre, so the centre pixel alone may be text. */
static double
share_of_color (const guchar *data,
                gsize         stride,
                double        x,
                double        y,
                const double  expected[3])
{
  int matches = 0, total = 0;

  for (int dy = -6; dy <= 6; dy++)
    for (int dx = -6; dx <= 6; dx++)
      {
        double rgb[3];

        pixel_at (data, stride, (int) x + dx, (int) y + dy, rgb);
        if (fabs (rgb[0] - expected[0]) <= 3.0 / 255 && fabs (rgb[1] - expected[1]) <= 3.0 / 255
            && fabs (rgb[2] - expected[2]) <= 3.0 / 255)
          matches++;
        total++;
      }
  return (double) matches / total;
}

static guchar *
render_view (Fixture *fixture,
             gsize   *stride)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *data;

  /* The paintable shows the widget as it was last drawn. */
  gtk_widget_queue_draw (view);
  gtk_test_widget_wait_for_draw (view);
  paintable = gtk_widget_paintable_new (view);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  /* The window's own renderer: what the user sees (cairo under the tests). */
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (view)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);

  *stride = 4 * width;
  data = g_malloc (*stride * height);
  gdk_texture_download (texture, data, *stride);
  return data;
}

static double
zone_color_share (Fixture    *fixture,
                  const char *zone_id,
                  double      depth)
{
  DcFaceRenderOptions options;
  g_autofree guchar *data = NULL;
  double x, y, expected[4];
  gsize stride;

  data = render_view (fixture, &stride);
  _dc_face_view_get_render_options (fixture->view, &options, NULL, NULL);
  zone_point (fixture, zone_id, &x, &y);
  dc_depth_color (depth, dc_face_get_depth_max (&options), options.dark, expected);
  return share_of_color (data, stride, x, y, expected);
}

static void
assert_zone_color (Fixture    *fixture,
                   const char *zone_id,
                   double      depth)
{
  DcFaceRenderOptions options;
  g_autofree guchar *data = NULL;
  double x, y, expected[4];
  gsize stride;

  data = render_view (fixture, &stride);
  _dc_face_view_get_render_options (fixture->view, &options, NULL, NULL);
  zone_point (fixture, zone_id, &x, &y);
  dc_depth_color (depth, dc_face_get_depth_max (&options), options.dark, expected);
  if (share_of_color (data, stride, x, y, expected) < 0.5)
    {
      double rgb[3];

      pixel_at (data, stride, x, y, rgb);
      g_error ("%s at (%g, %g) is (%g, %g, %g), not its depth colour (%g, %g, %g)", zone_id,
               x, y, rgb[0], rgb[1], rgb[2], expected[0], expected[1], expected[2]);
    }
}

/* (d) What the practitioner sees: a treated zone in its depth colour, in
 * the light and the dark style, after an edit as well. */
static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DcZoneTreatment) cheek = make_treatment ("cheek-left", 1.5, 7);
  g_autoptr(DcZoneTreatment) chin = make_treatment ("chin", 0.5, 7);
  DcFaceRenderOptions options;

  g_list_store_append (fixture->treatments, cheek);
  g_list_store_append (fixture->treatments, chin);

  _dc_face_view_get_render_options (fixture->view, &options, NULL, NULL);
  g_assert_false (options.dark);
  assert_zone_color (fixture, "cheek-left", 1.5);
  assert_zone_color (fixture, "chin", 0.5);
  /* An untreated zone shows no depth colour. */
  g_assert_cmpfloat (zone_color_share (fixture, "cheek-right", 1.5), <, 0.05);
  g_assert_cmpfloat (zone_color_share (fixture, "cheek-right", 0.0), <, 0.05);

  dc_zone_treatment_set_depth_mm (chin, 1.0);
  assert_zone_color (fixture, "chin", 1.0);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  _dc_face_view_get_render_options (fixture->view, &options, NULL, NULL);
  g_assert_true (options.dark);
  assert_zone_color (fixture, "cheek-left", 1.5);
  assert_zone_color (fixture, "chin", 1.0);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* A selected zone keeps its colour inside the selection outline. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "face.select-zone",
                                             "s", "cheek-left"));
  assert_zone_color (fixture, "cheek-left", 1.5);
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run under build-aux/run-headless");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/face-view/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD_TEST ("/face-view/actions", test_actions);
  ADD_TEST ("/face-view/zone-list", test_zone_list);
  ADD_TEST ("/face-view/click", test_click);
  ADD_TEST ("/face-view/treatments", test_treatments);
  ADD_TEST ("/face-view/keyboard", test_keyboard);
  ADD_TEST ("/face-view/render", test_render);

  return g_test_run ();
}
