/* dc-photo-viewer.c: one photo at a time, zoomable, from a list of photos.
 *
 * Shows the library's display copy of each photo (at most 1600 px, upright,
 * without EXIF), decoded on a worker thread. It opens fitted to the window,
 * never enlarged past its own pixels; zooming (buttons, Ctrl+plus/minus/0,
 * Ctrl+scroll, pinch, double click) keeps the point under the pointer or
 * fingers in place, and a zoomed photo is panned by scrolling or dragging.
 *
 * The photo is a GtkPicture in a scrolled frame whose layout sizes it by the
 * zoom: nothing decides the size but the zoom level and, when fitted, the
 * size of the viewport, so the photo's size cannot feed back into itself.
 * Zooming sets the scroll bounds it will lead to at once, so that the first
 * frame drawn at the new size is already scrolled to the right place. */

#include "config.h"

#include "dc-photo-viewer.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dc-gui-util.h"
#include "dc-model.h"
#include "dc-photo-library.h"
#include "dc-photo-texture.h"
#include "dc-zone-catalogue.h"

/* Screen pixels per image pixel: a 1600 px display copy at 8× is far past
 * what it can show, and one step doubles or halves the zoom. */
#define MAX_ZOOM 8.0
#define ZOOM_STEP 2.0
/* A mouse wheel notch (1.0) zooms by 2^(1/4), about 19 %. */
#define SCROLL_ZOOM_RATE 0.25

struct _DcPhotoViewer
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkWidget         *zoom_box;
  GtkLabel          *zoom_label;
  GtkStack          *stack;
  GtkSpinner        *spinner;
  GtkScrolledWindow *scrolled;
  GtkWidget         *frame;
  GtkPicture        *picture;
  AdwStatusPage     *error_page;

  char              *photo_dir;
  GListModel        *photos;
  guint              position;
  DcPhoto           *photo;          /* the one at position */
  GdkTexture        *texture;        /* its display copy, once loaded */
  GCancellable      *cancellable;    /* the load under way */

  gboolean           best_fit;
  double             zoom;           /* when not best_fit */
  double             fit_zoom;       /* what best fit came to when last laid out */
  graphene_rect_t    picture_rect;   /* where the picture was put in the frame */
  guint              update_idle;    /* reports a new fit zoom after layout */

  double             pointer_x;      /* over the scrolled window, or -1 */
  double             pointer_y;
  double             pinch_zoom;     /* when the pinch began */
  double             drag_start[2];  /* the scroll position when the drag began */
};

G_DEFINE_FINAL_TYPE (DcPhotoViewer, dc_photo_viewer, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PHOTO_DIR,
  PROP_PHOTOS,
  PROP_POSITION,
  PROP_PHOTO,
  PROP_LOADING,
  PROP_ZOOM,
  PROP_BEST_FIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_photo (DcPhotoViewer *self);

static double
get_scale (DcPhotoViewer *self)
{
  return self->best_fit ? self->fit_zoom : self->zoom;
}

/* The zoom at which the photo fits @width × @height, never enlarged: a
 * photo blown up past its pixels shows blur, not skin. */
static double
compute_fit_zoom (DcPhotoViewer *self,
                  double         width,
                  double         height)
{
  int texture_width, texture_height;

  if (self->texture == NULL || width <= 0 || height <= 0)
    return 0;

  texture_width = gdk_texture_get_width (self->texture);
  texture_height = gdk_texture_get_height (self->texture);
  return MIN (1.0, MIN (width / texture_width, height / texture_height));
}

static void
update_actions (DcPhotoViewer *self)
{
  guint n_items = g_list_model_get_n_items (self->photos);
  gboolean shown = self->texture != NULL;
  double scale = get_scale (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->position + 1 < n_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in",
                                 shown && scale < MAX_ZOOM - 1e-9);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out", shown && !self->best_fit);
  /* Even when fitted: the button shows the zoom level, which must stay
   * legible. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", shown);
}

/* The display copy's size as a part of the original photo's, so that the
 * zoom level shown is of the photo as taken, as in the compare window. A
 * record without the original's size (or with one of another shape) is
 * taken at its display copy's. */
static double
get_copy_ratio (DcPhotoViewer *self)
{
  double texture_width = gdk_texture_get_width (self->texture);
  double texture_height = gdk_texture_get_height (self->texture);
  double photo_width = dc_photo_get_width (self->photo);
  double photo_height = dc_photo_get_height (self->photo);

  if (photo_width > 0 && photo_height > 0
      && fabs (photo_width / photo_height - texture_width / texture_height)
         < 0.02 * texture_width / texture_height)
    return texture_width / photo_width;

  return 1.0;
}

/* The zoom level has changed, or what best fit comes to. */
static void
zoom_changed (DcPhotoViewer *self)
{
  g_autofree char *text = NULL;

  if (self->texture != NULL && get_scale (self) > 0)
    /* Translators: a zoom level, as in "100%"; %d is the number, %% the
     * percent sign. Put a (no-break) space between them if your language does. */
    text = g_strdup_printf (_("%d%%"), (int) round (get_scale (self) * get_copy_ratio (self)
                                                     * 100));
  gtk_label_set_label (self->zoom_label, text != NULL ? text : "");
  /* Nothing to zoom: the photo is being read, or cannot be. */
  gtk_widget_set_visible (self->zoom_box, text != NULL);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->scrolled), self->best_fit ? NULL : "grab");
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static gboolean
update_idle_cb (gpointer data)
{
  DcPhotoViewer *self = data;

  self->update_idle = 0;
  zoom_changed (self);
  return G_SOURCE_REMOVE;
}

/* The frame's layout: the picture at the zoom's size, centred while it is
 * smaller than the frame. Fitted, the frame asks for nothing and so gets
 * the scrolled window's size, which the photo is fitted into. */
static void
frame_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  DcPhotoViewer *self = DC_IS_PHOTO_VIEWER (root) ? DC_PHOTO_VIEWER (root) : NULL;
  int size = 0;

  if (self != NULL && self->texture != NULL && !self->best_fit)
    size = (int) ceil (self->zoom * (orientation == GTK_ORIENTATION_HORIZONTAL
                                     ? gdk_texture_get_width (self->texture)
                                     : gdk_texture_get_height (self->texture)));
  *minimum = *natural = size;
}

static void
frame_allocate (GtkWidget *widget,
                int        width,
                int        height,
                int        baseline)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  DcPhotoViewer *self = DC_IS_PHOTO_VIEWER (root) ? DC_PHOTO_VIEWER (root) : NULL;
  GtkWidget *child = gtk_widget_get_first_child (widget);
  GtkAllocation allocation = { 0, 0, 0, 0 };
  int min, nat;

  if (self == NULL || child == NULL)
    return;

  /* GTK wants every child measured before it is allocated. */
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);

  if (self->texture != NULL)
    {
      /* Fitted into the viewport, which the frame outgrows when zoomed. */
      double fit_zoom = compute_fit_zoom (
        self,
        gtk_adjustment_get_page_size (gtk_scrolled_window_get_hadjustment (self->scrolled)),
        gtk_adjustment_get_page_size (gtk_scrolled_window_get_vadjustment (self->scrolled)));
      double scale;

      if (fit_zoom != self->fit_zoom)
        {
          self->fit_zoom = fit_zoom;
          /* Not now: labels and actions must not change in the middle of
           * laying out the window. */
          if (self->best_fit && self->update_idle == 0)
            self->update_idle = g_idle_add (update_idle_cb, self);
        }

      scale = get_scale (self);
      allocation.width = MAX (1, (int) round (gdk_texture_get_width (self->texture) * scale));
      allocation.height = MAX (1, (int) round (gdk_texture_get_height (self->texture) * scale));
      allocation.x = MAX (0, (width - allocation.width) / 2);
      allocation.y = MAX (0, (height - allocation.height) / 2);
    }

  gtk_widget_size_allocate (child, &allocation, -1);
  graphene_rect_init (&self->picture_rect, allocation.x, allocation.y,
                      allocation.width, allocation.height);
}

/* Scrolls @adjustment for a photo side of @size pixels (0 when fitted) so
 * that the point @fraction of the way along it is at @anchor. Done before
 * the viewport lays out the new size, with the bounds that layout will
 * give it, so that the first frame drawn at the new zoom is already in the
 * right place. */
static void
scroll_to_anchor (GtkAdjustment *adjustment,
                  double         size,
                  double         fraction,
                  double         anchor)
{
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = MAX (page, ceil (size));
  double offset = MAX (0, (upper - size) / 2);

  gtk_adjustment_configure (adjustment, fraction * size + offset - anchor, 0, upper,
                            page * 0.1, page * 0.9, page);
}

/* Zooms to @zoom, or to best fit, keeping the point of the photo at
 * (@anchor_x, @anchor_y) in the scrolled window where it is. */
static void
set_zoom (DcPhotoViewer *self,
          double         zoom,
          gboolean       best_fit,
          double         anchor_x,
          double         anchor_y)
{
  GtkAdjustment *adjustments[2] = {
    gtk_scrolled_window_get_hadjustment (self->scrolled),
    gtk_scrolled_window_get_vadjustment (self->scrolled),
  };
  double anchors[2] = { anchor_x, anchor_y };
  double origins[2] = { self->picture_rect.origin.x, self->picture_rect.origin.y };
  double sizes[2] = { self->picture_rect.size.width, self->picture_rect.size.height };
  double fractions[2];
  double fit_zoom;

  if (self->texture == NULL)
    return;

  fit_zoom = self->fit_zoom;
  if (fit_zoom <= 0)
    fit_zoom = compute_fit_zoom (self,
                                 gtk_widget_get_width (GTK_WIDGET (self->scrolled)),
                                 gtk_widget_get_height (GTK_WIDGET (self->scrolled)));

  /* Zooming out ends at best fit, which then follows the window's size. */
  zoom = MIN (zoom, MAX_ZOOM);
  if (best_fit || fit_zoom <= 0 || zoom <= fit_zoom * (1 + 1e-6))
    best_fit = TRUE;

  if (best_fit == self->best_fit && (best_fit || zoom == self->zoom))
    return;

  /* The point of the photo under the anchor, as a fraction of its size. */
  for (int axis = 0; axis < 2; axis++)
    fractions[axis] = sizes[axis] > 0
                      ? CLAMP ((gtk_adjustment_get_value (adjustments[axis]) + anchors[axis]
                                - origins[axis]) / sizes[axis], 0.0, 1.0)
                      : 0.5;

  self->best_fit = best_fit;
  if (!best_fit)
    self->zoom = zoom;
  gtk_widget_queue_resize (self->frame);

  scroll_to_anchor (adjustments[0], best_fit ? 0 : zoom * gdk_texture_get_width (self->texture),
                    fractions[0], anchors[0]);
  scroll_to_anchor (adjustments[1], best_fit ? 0 : zoom * gdk_texture_get_height (self->texture),
                    fractions[1], anchors[1]);

  zoom_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BEST_FIT]);
}

/* Zooms by @factor around the pointer, or the middle of the photo when the
 * pointer is elsewhere (keyboard, header buttons). */
static void
zoom_by (DcPhotoViewer *self,
         double         factor)
{
  GtkWidget *scrolled = GTK_WIDGET (self->scrolled);
  double x = gtk_widget_get_width (scrolled) / 2.0;
  double y = gtk_widget_get_height (scrolled) / 2.0;

  if (self->pointer_x >= 0)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  set_zoom (self, get_scale (self) * factor, FALSE, x, y);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (widget);
  GtkWidget *scrolled = GTK_WIDGET (self->scrolled);

  set_zoom (self, get_scale (self) * ZOOM_STEP, FALSE,
            gtk_widget_get_width (scrolled) / 2.0, gtk_widget_get_height (scrolled) / 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (widget);
  GtkWidget *scrolled = GTK_WIDGET (self->scrolled);

  set_zoom (self, get_scale (self) / ZOOM_STEP, FALSE,
            gtk_widget_get_width (scrolled) / 2.0, gtk_widget_get_height (scrolled) / 2.0);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (widget);

  set_zoom (self, 0, TRUE, 0, 0);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (widget);

  if (self->position > 0)
    dc_photo_viewer_set_position (self, self->position - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (widget);

  if (self->position + 1 < g_list_model_get_n_items (self->photos))
    dc_photo_viewer_set_position (self, self->position + 1);
}

/* Left and Right follow the reading direction: Right is the next photo,
 * unless the text runs right to left. */
static gboolean
step_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  int step = GPOINTER_TO_INT (user_data);

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    step = -step;
  gtk_widget_activate_action (widget, step < 0 ? "viewer.previous" : "viewer.next", NULL);
  return TRUE;
}

/* Pointer and gestures ------------------------------------------------------ */

static void
pointer_motion_cb (DcPhotoViewer *self,
                   double         x,
                   double         y)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
pointer_leave_cb (DcPhotoViewer *self)
{
  self->pointer_x = self->pointer_y = -1;
}

/* Ctrl+scroll zooms; plain scrolling goes on to the scrolled window. */
static gboolean
scroll_cb (DcPhotoViewer            *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || self->texture == NULL)
    return FALSE;

  zoom_by (self, pow (2.0, -dy * SCROLL_ZOOM_RATE));
  return TRUE;
}

static void
pinch_begin_cb (DcPhotoViewer    *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->pinch_zoom = get_scale (self);
}

static void
pinch_scale_changed_cb (DcPhotoViewer  *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  double x, y;

  if (self->pinch_zoom <= 0
      || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;

  set_zoom (self, self->pinch_zoom * scale, FALSE, x, y);
}

/* Double click: from best fit to the photo's own pixels (or twice the fit,
 * for a photo that fits unscaled) around the pointer, and back. */
static void
double_click_cb (DcPhotoViewer   *self,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkGestureClick *gesture)
{
  if (n_press != 2 || self->texture == NULL)
    return;

  if (self->best_fit)
    set_zoom (self, MAX (1.0, self->fit_zoom * ZOOM_STEP), FALSE, x, y);
  else
    set_zoom (self, 0, TRUE, x, y);
}

/* Dragging a zoomed photo with the mouse pans it; touch panning is the
 * scrolled window's own. */
static void
drag_begin_cb (DcPhotoViewer  *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkDevice *device = gtk_gesture_get_device (GTK_GESTURE (gesture));

  if (self->best_fit
      || (device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_start[0] = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (
                                                    self->scrolled));
  self->drag_start[1] = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (
                                                    self->scrolled));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->scrolled), "grabbing");
}

static void
drag_update_cb (DcPhotoViewer  *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scrolled),
                            self->drag_start[0] - offset_x);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled),
                            self->drag_start[1] - offset_y);
}

static void
drag_end_cb (DcPhotoViewer  *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->scrolled), self->best_fit ? NULL : "grab");
}

static void
setup_gestures (DcPhotoViewer *self)
{
  GtkWidget *scrolled = GTK_WIDGET (self->scrolled);
  GtkEventController *controller;
  GtkGesture *gesture;

  /* Left and Right step through the photos wherever the focus is. Not as
   * class bindings: GtkWindow's own, which move the focus between the
   * header buttons, would come first. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Left, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Left, 0)),
                      gtk_callback_action_new (step_shortcut_cb, GINT_TO_POINTER (-1), NULL)));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Right, 0)),
                      gtk_callback_action_new (step_shortcut_cb, GINT_TO_POINTER (1), NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (pointer_motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (pointer_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (pointer_leave_cb), self);
  gtk_widget_add_controller (scrolled, controller);

  /* Before the scrolled window's own scrolling, to take Ctrl+scroll. */
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (scrolled, controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (scrolled, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (double_click_cb), self);
  gtk_widget_add_controller (scrolled, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (scrolled, GTK_EVENT_CONTROLLER (gesture));
}

/* Loading ------------------------------------------------------------------ */

/* "Frontal · Before", "Close-up, Left cheek · Immediately after". */
static char *
dup_photo_title (DcPhoto *photo)
{
  const char *view = dc_enum_get_label (DC_TYPE_PHOTO_VIEW, dc_photo_get_view (photo));
  const char *phase = dc_enum_get_label (DC_TYPE_PHOTO_PHASE, dc_photo_get_phase (photo));
  const char *zone_id = dc_photo_get_zone (photo);
  const DcZone *zone = NULL;

  if (dc_photo_get_view (photo) == DC_PHOTO_VIEW_CLOSE_UP && zone_id != NULL)
    zone = dc_zone_catalogue_lookup (dc_zone_catalogue_get_default (), zone_id);

  if (zone != NULL)
    /* Translators: a close-up photo's title: its view, the zone of the face
     * and the phase, as in "Close-up, Left cheek · Before" */
    return g_strdup_printf (C_("photo title", "%s, %s · %s"), view, dc_zone_get_name (zone),
                            phase);

  /* Translators: a photo's title: its view and phase, as in "Frontal · Before" */
  return g_strdup_printf (C_("photo title", "%s · %s"), view, phase);
}

static void
set_loading (DcPhotoViewer *self,
             gboolean       loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  if (loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_error (DcPhotoViewer *self,
            const char    *message)
{
  const char *file_name = self->photo != NULL ? dc_photo_get_file_name (self->photo) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (file_name != NULL)
    /* Translators: the first %s is the photo's file name as imported, the
     * second says what is wrong with the library's copy */
    text = g_strdup_printf (_("“%s” cannot be shown. %s."), file_name, message);
  else
    text = g_strdup_printf ("%s.", message);

  /* A status page's description is markup; a file name is not. */
  markup = g_markup_escape_text (text, -1);
  adw_status_page_set_description (self->error_page, markup);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  DcPhotoViewer *self;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = dc_photo_texture_load_finish (result, &error);
  /* Cancelled: another photo is on its way, or the window is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = DC_PHOTO_VIEWER (user_data);
  g_clear_object (&self->cancellable);

  if (texture == NULL)
    {
      g_debug ("Cannot show photo %s: %s", dc_photo_get_sha256 (self->photo), error->message);
      show_error (self, error->message);
    }
  else
    {
      self->texture = g_steal_pointer (&texture);
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->texture));
      gtk_stack_set_visible_child_name (self->stack, "photo");
      gtk_widget_queue_resize (self->frame);
    }

  set_loading (self, FALSE);
  zoom_changed (self);
}

static gboolean
is_sha256 (const char *text)
{
  return text != NULL && strlen (text) == 64 && strspn (text, "0123456789abcdef") == 64;
}

/* Shows the photo at the current position: its title at once, the photo
 * when its file is read, at best fit. */
static void
load_photo (DcPhotoViewer *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (self->photos, self->position);
  DcPhoto *photo = DC_IS_PHOTO (item) ? DC_PHOTO (item) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *path = NULL;
  const char *sha256;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  gtk_picture_set_paintable (self->picture, NULL);
  g_set_object (&self->photo, photo);
  self->best_fit = TRUE;
  self->fit_zoom = 0;
  graphene_rect_init (&self->picture_rect, 0, 0, 0, 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scrolled), 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BEST_FIT]);

  if (photo == NULL)
    {
      adw_window_title_set_title (self->window_title, "");
      adw_window_title_set_subtitle (self->window_title, "");
      set_loading (self, FALSE);
      zoom_changed (self);
      return;
    }

  title = dup_photo_title (photo);
  subtitle = dc_gui_format_timestamp (dc_photo_get_taken_at (photo));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title,
                                 subtitle != NULL ? subtitle
                                 : dc_photo_get_file_name (photo) != NULL
                                 ? dc_photo_get_file_name (photo) : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_picture_set_alternative_text (self->picture, title);

  sha256 = dc_photo_get_sha256 (photo);
  if (!is_sha256 (sha256))
    {
      show_error (self, _("The photo has no file in the library"));
      set_loading (self, FALSE);
      zoom_changed (self);
      return;
    }

  path = dc_photo_library_get_derivative_path (self->photo_dir, sha256,
                                               DC_PHOTO_DERIVATIVE_DISPLAY);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  zoom_changed (self);
  dc_photo_texture_load_async (path, self->cancellable, load_cb, self);
}

/* The list changed under the viewer (a photo removed in the gallery): stay
 * on the photo shown, or show the one that took its place. */
static void
photos_changed_cb (DcPhotoViewer *self,
                   guint          position,
                   guint          removed,
                   guint          added,
                   GListModel    *photos)
{
  guint n_items = g_list_model_get_n_items (photos);

  if (n_items == 0)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  for (guint i = 0; self->photo != NULL && i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (photos, i);
      gint64 id = DC_IS_RECORD (item) ? dc_record_get_id (DC_RECORD (item)) : 0;

      if (item == (GObject *) self->photo
          || (id != 0 && id == dc_record_get_id (DC_RECORD (self->photo))))
        {
          if (self->position != i)
            {
              self->position = i;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
            }
          update_actions (self);
          return;
        }
    }

  self->position = MIN (self->position, n_items - 1);
  load_photo (self);
}

/* GObject ------------------------------------------------------------------ */

static void
dc_photo_viewer_constructed (GObject *object)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (object);

  G_OBJECT_CLASS (dc_photo_viewer_parent_class)->constructed (object);

  g_return_if_fail (self->photo_dir != NULL);
  g_return_if_fail (self->photos != NULL);

  g_signal_connect_object (self->photos, "items-changed", G_CALLBACK (photos_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->position = MIN (self->position, MAX (g_list_model_get_n_items (self->photos), 1) - 1);
  load_photo (self);
}

static void
dc_photo_viewer_dispose (GObject *object)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->update_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PHOTO_VIEWER);
  g_clear_object (&self->texture);
  g_clear_object (&self->photo);
  g_clear_object (&self->photos);

  G_OBJECT_CLASS (dc_photo_viewer_parent_class)->dispose (object);
}

static void
dc_photo_viewer_finalize (GObject *object)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (object);

  g_free (self->photo_dir);

  G_OBJECT_CLASS (dc_photo_viewer_parent_class)->finalize (object);
}

static void
dc_photo_viewer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (object);

  switch (prop_id)
    {
    case PROP_PHOTO_DIR:
      g_value_set_string (value, self->photo_dir);
      break;

    case PROP_PHOTOS:
      g_value_set_object (value, self->photos);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_PHOTO:
      g_value_set_object (value, self->photo);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, dc_photo_viewer_get_loading (self));
      break;

    case PROP_ZOOM:
      g_value_set_double (value, get_scale (self));
      break;

    case PROP_BEST_FIT:
      g_value_set_boolean (value, self->best_fit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_photo_viewer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DcPhotoViewer *self = DC_PHOTO_VIEWER (object);

  switch (prop_id)
    {
    case PROP_PHOTO_DIR:
      self->photo_dir = g_value_dup_string (value);
      break;

    case PROP_PHOTOS:
      self->photos = g_value_dup_object (value);
      break;

    case PROP_POSITION:
      /* Before construction, only remembered. */
      if (self->photo == NULL)
        self->position = g_value_get_uint (value);
      else
        dc_photo_viewer_set_position (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_photo_viewer_class_init (DcPhotoViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dc_photo_viewer_constructed;
  object_class->dispose = dc_photo_viewer_dispose;
  object_class->finalize = dc_photo_viewer_finalize;
  object_class->get_property = dc_photo_viewer_get_property;
  object_class->set_property = dc_photo_viewer_set_property;

  properties[PROP_PHOTO_DIR] =
    g_param_spec_string ("photo-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHOTOS] =
    g_param_spec_object ("photos", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                       | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHOTO] =
    g_param_spec_object ("photo", NULL, NULL, DC_TYPE_PHOTO,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, MAX_ZOOM, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BEST_FIT] =
    g_param_spec_boolean ("best-fit", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-photo-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, DcPhotoViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoViewer, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoViewer, spinner);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoViewer, scrolled);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoViewer, frame);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoViewer, error_page);

  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dc_photo_viewer_init (DcPhotoViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->best_fit = TRUE;
  self->pointer_x = self->pointer_y = -1;
  gtk_widget_set_layout_manager (self->frame,
                                 gtk_custom_layout_new (NULL, frame_measure, frame_allocate));
  setup_gestures (self);

  /* The photo has the focus to begin with, not the first header button
   * (where Space would step on to the next photo). */
  gtk_widget_set_focusable (self->frame, TRUE);
  gtk_window_set_focus (GTK_WINDOW (self), self->frame);
}

/**
 * dc_photo_viewer_new:
 * @parent: the window the viewer belongs to
 * @photo_dir: the store's photo folder
 * @photos: (element-type DcPhoto): the photos to step through
 * @position: the one to show first
 */
GtkWidget *
dc_photo_viewer_new (GtkWindow  *parent,
                     const char *photo_dir,
                     GListModel *photos,
                     guint       position)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (photo_dir != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (photos), NULL);
  /* GTK's filter and sort models say their items are just GObjects. */
  g_return_val_if_fail (g_type_is_a (DC_TYPE_PHOTO, g_list_model_get_item_type (photos)), NULL);

  return g_object_new (DC_TYPE_PHOTO_VIEWER,
                       "transient-for", parent,
                       "photo-dir", photo_dir,
                       "photos", photos,
                       "position", position,
                       NULL);
}

guint
dc_photo_viewer_get_position (DcPhotoViewer *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_VIEWER (self), 0);

  return self->position;
}

void
dc_photo_viewer_set_position (DcPhotoViewer *self,
                              guint          position)
{
  g_return_if_fail (DC_IS_PHOTO_VIEWER (self));
  g_return_if_fail (position < g_list_model_get_n_items (self->photos));

  if (position == self->position && self->photo != NULL)
    return;

  self->position = position;
  load_photo (self);
}

/* Returns: (transfer none) (nullable): the photo shown */
DcPhoto *
dc_photo_viewer_get_photo (DcPhotoViewer *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_VIEWER (self), NULL);

  return self->photo;
}

/* Whether the photo's file is being read. */
gboolean
dc_photo_viewer_get_loading (DcPhotoViewer *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_VIEWER (self), FALSE);

  return self->cancellable != NULL;
}

/* Returns: screen pixels per pixel of the display copy, as last laid out
 * at best fit; 0 when there is no photo to show */
double
dc_photo_viewer_get_zoom (DcPhotoViewer *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_VIEWER (self), 0);

  return self->texture != NULL ? get_scale (self) : 0;
}

gboolean
dc_photo_viewer_get_best_fit (DcPhotoViewer *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_VIEWER (self), TRUE);

  return self->best_fit;
}
