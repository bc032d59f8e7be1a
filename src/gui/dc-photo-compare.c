/* dc-photo-compare.c: the same view of a patient from two sessions, side
 * by side at the same scale.
 *
 * A face photographed from the same distance with the same camera should
 * look the same size on both sides, or the comparison misleads. So the two
 * photos are not each fitted to their half: both are drawn at one scale, in
 * screen pixels per pixel of the original photo (the display copies are
 * resized to at most 1600 px, by different factors for different cameras).
 * That scale is the largest at which both fit, or the zoom chosen; panning
 * one side pans the other to the same place.
 *
 * Sessions are offered only when they have photos, oldest first; the first
 * and the latest are compared to begin with, in the frontal view. A
 * session may lack the view chosen: its side says so. The phase chosen is
 * preferred (before, by default), but a photo of another phase is better
 * than none, and its caption says which it is. */

#include "config.h"

#include "dc-photo-compare.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dc-gui-util.h"
#include "dc-model.h"
#include "dc-photo-library.h"
#include "dc-photo-texture.h"
#include "dc-store.h"
#include "dc-zone-catalogue.h"

/* At most 8 screen pixels per pixel of either display copy. */
#define MAX_TEXTURE_ZOOM 8.0
#define ZOOM_STEP 2.0
#define SCROLL_ZOOM_RATE 0.25
/* Portrait, 4:5, as faces are photographed: for choosing the layout before
 * any photo is loaded. */
#define DEFAULT_ASPECT 0.8

#define N_SIDES 2

typedef struct
{
  GtkWidget         *box;
  GtkDropDown       *session_dropdown;
  GtkLabel          *view_label;
  GtkLabel          *phase_label;
  GtkStack          *stack;
  GtkSpinner        *spinner;
  GtkScrolledWindow *scrolled;
  GtkWidget         *frame;
  GtkPicture        *picture;
  AdwStatusPage     *placeholder;
  AdwStatusPage     *error_page;

  DcPhoto           *photo;         /* of the view and session chosen, if any */
  GdkTexture        *texture;       /* its display copy, once loaded */
  GCancellable      *cancellable;   /* the load under way */
  graphene_rect_t    picture_rect;  /* where the picture was put in the frame */
  double             drag_start[2]; /* the scroll position when the drag began */
} Side;

struct _DcPhotoCompare
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkLabel       *zoom_label;
  GtkStack       *main_stack;
  GtkSpinner     *main_spinner;
  AdwStatusPage  *main_error_page;
  GtkDropDown    *view_dropdown;
  GtkDropDown    *phase_dropdown;
  GtkWidget      *zoom_box;
  GtkWidget      *sides_box;
  GtkWidget      *sides_separator;
  Side            sides[N_SIDES];

  DcStore        *store;
  DcPatient      *patient;
  GCancellable   *cancellable;      /* the store's loads */
  GPtrArray      *sessions;         /* DcSession with photos, oldest first */
  GHashTable     *photos;           /* session id → GListModel of its DcPhoto */
  guint           n_pending;        /* photo lists still being read */
  gboolean        loading;          /* as last notified */

  DcPhotoView     view;
  DcPhotoPhase    phase;
  gboolean        best_fit;
  double          zoom;             /* when not best_fit */
  double          fit_zoom;         /* what best fit came to when last laid out */
  guint           update_idle;

  double          pointer_x;        /* over the side under the pointer, or -1 */
  double          pointer_y;
  double          pinch_zoom;
  gboolean        syncing;          /* one side's scrolling is being copied */
};

G_DEFINE_FINAL_TYPE (DcPhotoCompare, dc_photo_compare, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Per view, for a session that has no photo in it. */
static const char *const missing_view_titles[] = {
  N_("No frontal photo in this session"),
  N_("No oblique left photo in this session"),
  N_("No oblique right photo in this session"),
  N_("No lateral left photo in this session"),
  N_("No lateral right photo in this session"),
  N_("No close-up photo in this session"),
};

/* Per phase, for a side showing a photo of another phase. */
static const char *const missing_phase_tooltips[] = {
  N_("This session has no photo before treatment in this view"),
  N_("This session has no photo immediately after treatment in this view"),
  N_("This session has no follow-up photo in this view"),
};

static double
get_scale (DcPhotoCompare *self)
{
  return self->best_fit ? self->fit_zoom : self->zoom;
}

/* The original photo's size in pixels, the right way up, which the scale
 * is counted in. The record has it; a record without it (or one that does
 * not match its display copy's shape) is taken at its display copy's. */
static void
get_photo_size (Side   *side,
                double *width,
                double *height)
{
  double texture_width = gdk_texture_get_width (side->texture);
  double texture_height = gdk_texture_get_height (side->texture);
  double photo_width = dc_photo_get_width (side->photo);
  double photo_height = dc_photo_get_height (side->photo);

  if (photo_width > 0 && photo_height > 0
      && fabs (photo_width / photo_height - texture_width / texture_height)
         < 0.02 * texture_width / texture_height)
    {
      *width = photo_width;
      *height = photo_height;
    }
  else
    {
      *width = texture_width;
      *height = texture_height;
    }
}

static gboolean
side_has_texture (Side *side)
{
  return side->texture != NULL && side->photo != NULL;
}

/* The largest zoom: no display copy enlarged more than 8 times. */
static double
get_max_zoom (DcPhotoCompare *self)
{
  double max_zoom = G_MAXDOUBLE;

  for (guint i = 0; i < N_SIDES; i++)
    {
      Side *side = &self->sides[i];
      double width, height;

      if (!side_has_texture (side))
        continue;
      get_photo_size (side, &width, &height);
      max_zoom = MIN (max_zoom, MAX_TEXTURE_ZOOM * gdk_texture_get_width (side->texture) / width);
    }

  return max_zoom < G_MAXDOUBLE ? max_zoom : 0;
}

/* The one scale at which both photos fit a side of @width × @height, and
 * neither display copy is enlarged. */
static double
compute_fit_zoom (DcPhotoCompare *self,
                  double          width,
                  double          height)
{
  double fit_zoom = G_MAXDOUBLE;

  if (width <= 0 || height <= 0)
    return 0;

  for (guint i = 0; i < N_SIDES; i++)
    {
      Side *side = &self->sides[i];
      double photo_width, photo_height;

      if (!side_has_texture (side))
        continue;
      get_photo_size (side, &photo_width, &photo_height);
      fit_zoom = MIN (fit_zoom, width / photo_width);
      fit_zoom = MIN (fit_zoom, height / photo_height);
      fit_zoom = MIN (fit_zoom, gdk_texture_get_width (side->texture) / photo_width);
    }

  return fit_zoom < G_MAXDOUBLE ? fit_zoom : 0;
}

static void
update_actions (DcPhotoCompare *self)
{
  gboolean shown = get_max_zoom (self) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.zoom-in",
                                 shown && get_scale (self) < get_max_zoom (self) * (1 - 1e-9));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.zoom-out", shown && !self->best_fit);
  /* Even when fitted: the button shows the zoom level, which must stay
   * legible. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.zoom-fit", shown);
}

static void
zoom_changed (DcPhotoCompare *self)
{
  g_autofree char *text = NULL;

  if (get_max_zoom (self) > 0 && get_scale (self) > 0)
    /* Translators: a zoom level, as in "100%"; %d is the number, %% the
     * percent sign. Put a (no-break) space between them if your language does. */
    text = g_strdup_printf (_("%d%%"), (int) round (get_scale (self) * 100));
  gtk_label_set_label (self->zoom_label, text != NULL ? text : "");
  /* Nothing to zoom: no photo loaded on either side. */
  gtk_widget_set_visible (self->zoom_box, text != NULL);

  for (guint i = 0; i < N_SIDES; i++)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->sides[i].scrolled),
                                     self->best_fit ? NULL : "grab");
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static gboolean
update_idle_cb (gpointer data)
{
  DcPhotoCompare *self = data;

  self->update_idle = 0;
  zoom_changed (self);
  return G_SOURCE_REMOVE;
}

static void
update_loading (DcPhotoCompare *self)
{
  gboolean loading = dc_photo_compare_get_loading (self);

  if (loading == self->loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Layout ------------------------------------------------------------------- */

static DcPhotoCompare *
get_compare (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return DC_IS_PHOTO_COMPARE (root) ? DC_PHOTO_COMPARE (root) : NULL;
}

static Side *
find_side (DcPhotoCompare *self,
           GtkWidget      *frame)
{
  for (guint i = 0; i < N_SIDES; i++)
    if (self->sides[i].frame == frame)
      return &self->sides[i];

  return NULL;
}

/* A side's frame: its photo at the common scale, centred while smaller
 * than the frame. Fitted, the frame asks for nothing and so gets the size
 * of its scrolled window, both photos are fitted into. */
static void
frame_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  DcPhotoCompare *self = get_compare (widget);
  Side *side = self != NULL ? find_side (self, widget) : NULL;
  double width, height;
  int size = 0;

  if (side != NULL && side_has_texture (side) && !self->best_fit)
    {
      get_photo_size (side, &width, &height);
      size = (int) ceil (self->zoom * (orientation == GTK_ORIENTATION_HORIZONTAL ? width : height));
    }
  *minimum = *natural = size;
}

static void
frame_allocate (GtkWidget *widget,
                int        width,
                int        height,
                int        baseline)
{
  DcPhotoCompare *self = get_compare (widget);
  Side *side = self != NULL ? find_side (self, widget) : NULL;
  GtkWidget *child = gtk_widget_get_first_child (widget);
  GtkAllocation allocation = { 0, 0, 0, 0 };
  int min, nat;

  if (side == NULL || child == NULL)
    return;

  /* GTK wants every child measured before it is allocated. */
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);

  if (side_has_texture (side))
    {
      /* Fitted into the viewport, which the frame outgrows when zoomed. */
      double fit_zoom = compute_fit_zoom (
        self,
        gtk_adjustment_get_page_size (gtk_scrolled_window_get_hadjustment (side->scrolled)),
        gtk_adjustment_get_page_size (gtk_scrolled_window_get_vadjustment (side->scrolled)));
      double photo_width, photo_height;

      if (fit_zoom != self->fit_zoom)
        {
          self->fit_zoom = fit_zoom;
          /* Not now: labels and actions must not change in the middle of
           * laying out the window. */
          if (self->best_fit && self->update_idle == 0)
            self->update_idle = g_idle_add (update_idle_cb, self);
        }

      get_photo_size (side, &photo_width, &photo_height);
      allocation.width = MAX (1, (int) round (photo_width * get_scale (self)));
      allocation.height = MAX (1, (int) round (photo_height * get_scale (self)));
      allocation.x = MAX (0, (width - allocation.width) / 2);
      allocation.y = MAX (0, (height - allocation.height) / 2);
    }

  gtk_widget_size_allocate (child, &allocation, -1);
  graphene_rect_init (&side->picture_rect, allocation.x, allocation.y,
                      allocation.width, allocation.height);
}

/* The widest of the photos shown, as width / height. */
static double
get_aspect (DcPhotoCompare *self)
{
  double aspect = 0;

  for (guint i = 0; i < N_SIDES; i++)
    {
      double width, height;

      if (!side_has_texture (&self->sides[i]))
        continue;
      get_photo_size (&self->sides[i], &width, &height);
      aspect = MAX (aspect, width / height);
    }

  return aspect > 0 ? aspect : DEFAULT_ASPECT;
}

/* The two sides: next to each other, or, in a narrow window, one above the
 * other, whichever shows the photos larger; a separator between them. */
static void
sides_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural += child_nat;
    }
}

static void
sides_allocate (GtkWidget *widget,
                int        width,
                int        height,
                int        baseline)
{
  DcPhotoCompare *self = get_compare (widget);
  GtkAllocation first, second, line;
  int header, min_width, nat, half;
  double aspect, across, stacked;

  if (self == NULL)
    return;

  /* GTK wants every child measured before it is allocated. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat, NULL, NULL);

  /* What a side needs besides its photo: its width, and the session
   * chooser above the photo. */
  gtk_widget_measure (self->sides[0].box, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat,
                      NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->sides[0].session_dropdown), GTK_ORIENTATION_VERTICAL,
                      -1, &header, &nat, NULL, NULL);
  header += 12;

  /* The height a photo can have in each arrangement. */
  aspect = get_aspect (self);
  across = MIN ((width / 2.0) / aspect, height - header);
  stacked = MIN (width / aspect, height / 2.0 - header);

  if (width / 2 >= min_width && across >= stacked)
    {
      half = width / 2;
      first = (GtkAllocation) { 0, 0, half, height };
      line = (GtkAllocation) { half, 0, 1, height };
      second = (GtkAllocation) { half + 1, 0, width - half - 1, height };

      /* The earlier session comes first in the reading direction. */
      if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
        {
          second.x = 0;
          line.x = width - half - 1;
          first.x = width - half;
        }
    }
  else
    {
      half = height / 2;
      first = (GtkAllocation) { 0, 0, width, half };
      line = (GtkAllocation) { 0, half, width, 1 };
      second = (GtkAllocation) { 0, half + 1, width, height - half - 1 };
    }

  gtk_widget_size_allocate (self->sides[0].box, &first, -1);
  gtk_widget_size_allocate (self->sides_separator, &line, -1);
  gtk_widget_size_allocate (self->sides[1].box, &second, -1);
}

/* Zoom and scrolling ------------------------------------------------------- */

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

/* Scrolling one side scrolls the other to the same place in its photo: the
 * point at the middle of one is at the middle of the other. */
static void
adjustment_value_changed_cb (DcPhotoCompare *self,
                             GtkAdjustment  *adjustment)
{
  Side *from = NULL, *to = NULL;
  GtkAdjustment *other;
  int axis = 0;
  double from_origin, from_size, to_origin, to_size, middle;

  if (self->syncing || self->best_fit)
    return;

  for (guint i = 0; i < N_SIDES; i++)
    {
      if (adjustment == gtk_scrolled_window_get_hadjustment (self->sides[i].scrolled))
        axis = 0;
      else if (adjustment == gtk_scrolled_window_get_vadjustment (self->sides[i].scrolled))
        axis = 1;
      else
        continue;
      from = &self->sides[i];
      to = &self->sides[1 - i];
    }

  if (from == NULL || !side_has_texture (from) || !side_has_texture (to))
    return;

  other = axis == 0 ? gtk_scrolled_window_get_hadjustment (to->scrolled)
                    : gtk_scrolled_window_get_vadjustment (to->scrolled);
  from_origin = axis == 0 ? from->picture_rect.origin.x : from->picture_rect.origin.y;
  from_size = axis == 0 ? from->picture_rect.size.width : from->picture_rect.size.height;
  to_origin = axis == 0 ? to->picture_rect.origin.x : to->picture_rect.origin.y;
  to_size = axis == 0 ? to->picture_rect.size.width : to->picture_rect.size.height;
  if (from_size <= 0 || to_size <= 0)
    return;

  middle = (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) / 2
            - from_origin) / from_size;
  self->syncing = TRUE;
  gtk_adjustment_set_value (other, middle * to_size + to_origin
                                   - gtk_adjustment_get_page_size (other) / 2);
  self->syncing = FALSE;
}

/* Zooms both sides to @zoom, or to best fit, keeping the point of each
 * photo at (@anchor_x, @anchor_y) in its scrolled window where it is. */
static void
set_zoom (DcPhotoCompare *self,
          double          zoom,
          gboolean        best_fit,
          double          anchor_x,
          double          anchor_y)
{
  double max_zoom = get_max_zoom (self);
  double anchors[2] = { anchor_x, anchor_y };

  if (max_zoom <= 0)
    return;

  zoom = MIN (zoom, max_zoom);
  if (best_fit || self->fit_zoom <= 0 || zoom <= self->fit_zoom * (1 + 1e-6))
    best_fit = TRUE;

  if (best_fit == self->best_fit && (best_fit || zoom == self->zoom))
    return;

  self->best_fit = best_fit;
  if (!best_fit)
    self->zoom = zoom;

  /* Each side keeps the point of its photo under the anchor; the sides
   * are scrolled alike, so they stay so. */
  self->syncing = TRUE;
  for (guint i = 0; i < N_SIDES; i++)
    {
      Side *side = &self->sides[i];
      GtkAdjustment *adjustments[2] = {
        gtk_scrolled_window_get_hadjustment (side->scrolled),
        gtk_scrolled_window_get_vadjustment (side->scrolled),
      };
      double origins[2] = { side->picture_rect.origin.x, side->picture_rect.origin.y };
      double sizes[2] = { side->picture_rect.size.width, side->picture_rect.size.height };
      double photo_size[2];

      gtk_widget_queue_resize (side->frame);
      if (!side_has_texture (side))
        continue;

      get_photo_size (side, &photo_size[0], &photo_size[1]);
      for (int axis = 0; axis < 2; axis++)
        {
          double fraction = sizes[axis] > 0
                            ? CLAMP ((gtk_adjustment_get_value (adjustments[axis])
                                      + anchors[axis] - origins[axis]) / sizes[axis], 0.0, 1.0)
                            : 0.5;

          scroll_to_anchor (adjustments[axis], best_fit ? 0 : zoom * photo_size[axis], fraction,
                            anchors[axis]);
        }
    }
  self->syncing = FALSE;

  zoom_changed (self);
}

static void
zoom_around_middle (DcPhotoCompare *self,
                    double          zoom,
                    gboolean        best_fit)
{
  GtkWidget *scrolled = GTK_WIDGET (self->sides[0].scrolled);

  set_zoom (self, zoom, best_fit,
            gtk_widget_get_width (scrolled) / 2.0, gtk_widget_get_height (scrolled) / 2.0);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DcPhotoCompare *self = DC_PHOTO_COMPARE (widget);

  zoom_around_middle (self, get_scale (self) * ZOOM_STEP, FALSE);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DcPhotoCompare *self = DC_PHOTO_COMPARE (widget);

  zoom_around_middle (self, get_scale (self) / ZOOM_STEP, FALSE);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DcPhotoCompare *self = DC_PHOTO_COMPARE (widget);

  zoom_around_middle (self, 0, TRUE);
}

/* Pointer and gestures, on either side ------------------------------------- */

static void
pointer_motion_cb (DcPhotoCompare *self,
                   double          x,
                   double          y)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
pointer_leave_cb (DcPhotoCompare *self)
{
  self->pointer_x = self->pointer_y = -1;
}

static gboolean
scroll_cb (DcPhotoCompare           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scrolled = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  double x = gtk_widget_get_width (scrolled) / 2.0;
  double y = gtk_widget_get_height (scrolled) / 2.0;

  if ((state & GDK_CONTROL_MASK) == 0 || get_max_zoom (self) <= 0)
    return FALSE;

  if (self->pointer_x >= 0)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  set_zoom (self, get_scale (self) * pow (2.0, -dy * SCROLL_ZOOM_RATE), FALSE, x, y);
  return TRUE;
}

static void
pinch_begin_cb (DcPhotoCompare   *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->pinch_zoom = get_scale (self);
}

static void
pinch_scale_changed_cb (DcPhotoCompare *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  double x, y;

  if (self->pinch_zoom <= 0
      || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;

  set_zoom (self, self->pinch_zoom * scale, FALSE, x, y);
}

static void
double_click_cb (DcPhotoCompare  *self,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkGestureClick *gesture)
{
  if (n_press != 2)
    return;

  set_zoom (self, self->fit_zoom * ZOOM_STEP, !self->best_fit, x, y);
}

static Side *
get_controller_side (DcPhotoCompare *self,
                     gpointer        controller)
{
  GtkWidget *scrolled = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  for (guint i = 0; i < N_SIDES; i++)
    if (GTK_WIDGET (self->sides[i].scrolled) == scrolled)
      return &self->sides[i];

  g_return_val_if_reached (&self->sides[0]);
}

static void
drag_begin_cb (DcPhotoCompare *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkDevice *device = gtk_gesture_get_device (GTK_GESTURE (gesture));
  Side *side = get_controller_side (self, gesture);

  if (self->best_fit
      || (device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  side->drag_start[0] = gtk_adjustment_get_value (
    gtk_scrolled_window_get_hadjustment (side->scrolled));
  side->drag_start[1] = gtk_adjustment_get_value (
    gtk_scrolled_window_get_vadjustment (side->scrolled));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (side->scrolled), "grabbing");
}

static void
drag_update_cb (DcPhotoCompare *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  Side *side = get_controller_side (self, gesture);

  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (side->scrolled),
                            side->drag_start[0] - offset_x);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (side->scrolled),
                            side->drag_start[1] - offset_y);
}

static void
drag_end_cb (DcPhotoCompare *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  Side *side = get_controller_side (self, gesture);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (side->scrolled), self->best_fit ? NULL : "grab");
}

static void
setup_side (DcPhotoCompare *self,
            Side           *side)
{
  GtkWidget *scrolled = GTK_WIDGET (side->scrolled);
  GtkEventController *controller;
  GtkGesture *gesture;

  gtk_widget_set_layout_manager (side->frame,
                                 gtk_custom_layout_new (NULL, frame_measure, frame_allocate));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (pointer_motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (pointer_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (pointer_leave_cb), self);
  gtk_widget_add_controller (scrolled, controller);

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

  for (int axis = 0; axis < 2; axis++)
    {
      GtkAdjustment *adjustment = axis == 0 ? gtk_scrolled_window_get_hadjustment (side->scrolled)
                                            : gtk_scrolled_window_get_vadjustment (side->scrolled);

      g_signal_connect_object (adjustment, "value-changed",
                               G_CALLBACK (adjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

/* Sides -------------------------------------------------------------------- */

static DcSession *
get_session (DcPhotoCompare *self,
             guint           i)
{
  guint selected = gtk_drop_down_get_selected (self->sides[i].session_dropdown);

  if (self->sessions == NULL || selected >= self->sessions->len)
    return NULL;

  return g_ptr_array_index (self->sessions, selected);
}

/* Returns: (transfer none) (nullable): the photo of the view chosen in
 * @session, of the phase chosen if it has one, else of the first other
 * phase it has (before, immediately after, follow-up); the first taken */
static DcPhoto *
find_photo (DcPhotoCompare *self,
            DcSession      *session)
{
  GListModel *photos = g_hash_table_lookup (self->photos, &(gint64) {
    dc_record_get_id (DC_RECORD (session)) });
  DcPhoto *found = NULL;
  guint n_items = photos != NULL ? g_list_model_get_n_items (photos) : 0;
  int best_rank = G_MAXINT;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcPhoto) photo = g_list_model_get_item (photos, i);
      int rank;

      if (dc_photo_get_view (photo) != self->view)
        continue;

      rank = dc_photo_get_phase (photo) == self->phase ? -1 : (int) dc_photo_get_phase (photo);
      if (rank < best_rank)
        {
          best_rank = rank;
          found = photo;
        }
    }

  return found;
}

static char *
dup_view_label (DcPhoto *photo)
{
  const char *view = dc_enum_get_label (DC_TYPE_PHOTO_VIEW, dc_photo_get_view (photo));
  const char *zone_id = dc_photo_get_zone (photo);
  const DcZone *zone = NULL;

  if (dc_photo_get_view (photo) == DC_PHOTO_VIEW_CLOSE_UP && zone_id != NULL)
    zone = dc_zone_catalogue_lookup (dc_zone_catalogue_get_default (), zone_id);
  if (zone == NULL)
    return g_strdup (view);

  /* Translators: a close-up photo's view and the zone of the face, as in
   * "Close-up, Left cheek" */
  return g_strdup_printf (C_("photo view", "%s, %s"), view, dc_zone_get_name (zone));
}

static void
set_side_spinning (Side     *side,
                   gboolean  spinning)
{
  gtk_spinner_set_spinning (side->spinner, spinning);
  if (spinning)
    gtk_stack_set_visible_child_name (side->stack, "loading");
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Side *side = user_data;
  DcPhotoCompare *self;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = dc_photo_texture_load_finish (result, &error);
  /* Cancelled: another photo is on its way, or the window is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = get_compare (side->box);
  g_clear_object (&side->cancellable);
  set_side_spinning (side, FALSE);

  if (texture == NULL)
    {
      const char *file_name = dc_photo_get_file_name (side->photo);
      g_autofree char *text = NULL;
      g_autofree char *markup = NULL;

      g_debug ("Cannot show photo %s: %s", dc_photo_get_sha256 (side->photo), error->message);
      if (file_name != NULL)
        /* Translators: the first %s is the photo's file name as imported, the
         * second says what is wrong with the library's copy */
        text = g_strdup_printf (_("“%s” cannot be shown. %s."), file_name, error->message);
      else
        text = g_strdup_printf ("%s.", error->message);
      /* A status page's description is markup; a file name is not. */
      markup = g_markup_escape_text (text, -1);
      adw_status_page_set_description (side->error_page, markup);
      gtk_stack_set_visible_child_name (side->stack, "error");
    }
  else
    {
      side->texture = g_steal_pointer (&texture);
      gtk_picture_set_paintable (side->picture, GDK_PAINTABLE (side->texture));
      gtk_stack_set_visible_child_name (side->stack, "photo");
    }

  if (self != NULL)
    {
      /* The common scale depends on both photos. */
      for (guint i = 0; i < N_SIDES; i++)
        gtk_widget_queue_resize (self->sides[i].frame);
      gtk_widget_queue_resize (self->sides_box);
      if (get_max_zoom (self) > 0 && !self->best_fit && self->zoom > get_max_zoom (self))
        self->zoom = get_max_zoom (self);
      zoom_changed (self);
      update_loading (self);
    }
}

static gboolean
is_sha256 (const char *text)
{
  return text != NULL && strlen (text) == 64 && strspn (text, "0123456789abcdef") == 64;
}

/* Captions side @i's @photo of @session: its view, and its phase, marked
 * when it is not the one asked for. */
static void
update_caption (DcPhotoCompare *self,
                guint           i,
                DcSession      *session,
                DcPhoto        *photo)
{
  Side *side = &self->sides[i];
  const char *phase;
  g_autofree char *view = NULL;
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (side->view_label), photo != NULL);
  gtk_widget_set_visible (GTK_WIDGET (side->phase_label), photo != NULL);
  if (photo == NULL)
    return;

  view = dup_view_label (photo);
  phase = dc_enum_get_label (DC_TYPE_PHOTO_PHASE, dc_photo_get_phase (photo));
  gtk_label_set_label (side->view_label, view);
  gtk_label_set_label (side->phase_label, phase);
  if (dc_photo_get_phase (photo) == self->phase)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (side->phase_label), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (side->phase_label), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (side->phase_label), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (side->phase_label),
                                   _(missing_phase_tooltips[self->phase]));
    }

  date = dc_gui_format_timestamp (dc_session_get_started_at (session));
  /* Translators: a photo's description for screen readers: its view,
   * phase, and the date of its session */
  description = g_strdup_printf (C_("photo description", "%s, %s, %s"), view, phase,
                                 date != NULL ? date : "");
  gtk_picture_set_alternative_text (side->picture, description);
}

/* Shows on side @i the photo for its session and the view and phase
 * chosen, or why there is none. */
static void
update_side (DcPhotoCompare *self,
             guint           i)
{
  Side *side = &self->sides[i];
  DcSession *session = get_session (self, i);
  DcPhoto *photo = session != NULL ? find_photo (self, session) : NULL;
  g_autofree char *path = NULL;

  update_caption (self, i, session, photo);

  /* The same photo stays, as it is. */
  if (photo != NULL && side->photo != NULL
      && dc_record_get_id (DC_RECORD (photo)) == dc_record_get_id (DC_RECORD (side->photo))
      && g_str_equal (dc_photo_get_sha256 (photo), dc_photo_get_sha256 (side->photo)))
    return;

  g_cancellable_cancel (side->cancellable);
  g_clear_object (&side->cancellable);
  g_clear_object (&side->texture);
  gtk_picture_set_paintable (side->picture, NULL);
  g_set_object (&side->photo, photo);
  graphene_rect_init (&side->picture_rect, 0, 0, 0, 0);
  gtk_widget_queue_resize (side->frame);

  if (photo == NULL)
    {
      adw_status_page_set_title (side->placeholder, _(missing_view_titles[self->view]));
      set_side_spinning (side, FALSE);
      gtk_stack_set_visible_child_name (side->stack, "placeholder");
    }
  else if (!is_sha256 (dc_photo_get_sha256 (photo)))
    {
      adw_status_page_set_description (side->error_page,
                                       _("The photo has no file in the library."));
      set_side_spinning (side, FALSE);
      gtk_stack_set_visible_child_name (side->stack, "error");
    }
  else
    {
      path = dc_photo_library_get_derivative_path (dc_store_get_photo_dir (self->store),
                                                   dc_photo_get_sha256 (photo),
                                                   DC_PHOTO_DERIVATIVE_DISPLAY);
      side->cancellable = g_cancellable_new ();
      set_side_spinning (side, TRUE);
      dc_photo_texture_load_async (path, side->cancellable, load_cb, side);
    }

  zoom_changed (self);
  update_loading (self);
}

static void
update_sides (DcPhotoCompare *self)
{
  for (guint i = 0; i < N_SIDES; i++)
    update_side (self, i);
}

static void
session_changed_cb (DcPhotoCompare *self,
                    GParamSpec     *pspec,
                    GtkDropDown    *dropdown)
{
  for (guint i = 0; i < N_SIDES; i++)
    if (self->sides[i].session_dropdown == dropdown)
      update_side (self, i);
}

static void
view_changed_cb (DcPhotoCompare *self)
{
  guint selected = gtk_drop_down_get_selected (self->view_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || (DcPhotoView) selected == self->view)
    return;

  self->view = (DcPhotoView) selected;
  update_sides (self);
}

static void
phase_changed_cb (DcPhotoCompare *self)
{
  guint selected = gtk_drop_down_get_selected (self->phase_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || (DcPhotoPhase) selected == self->phase)
    return;

  self->phase = (DcPhotoPhase) selected;
  update_sides (self);
}

/* Loading the patient's photos --------------------------------------------- */

static void
show_load_error (DcPhotoCompare *self,
                 const GError   *error)
{
  g_autofree char *markup = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->main_error_page, markup);
  gtk_spinner_set_spinning (self->main_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  DcSession *first = *(DcSession **) a;
  DcSession *second = *(DcSession **) b;
  int order = g_strcmp0 (dc_session_get_started_at (first), dc_session_get_started_at (second));
  gint64 first_id = dc_record_get_id (DC_RECORD (first));
  gint64 second_id = dc_record_get_id (DC_RECORD (second));

  if (order != 0)
    return order;
  return first_id < second_id ? -1 : first_id > second_id;
}

/* The session's date, or its date and time when another session with
 * photos was on the same day. */
static GListModel *
new_session_labels (DcPhotoCompare *self)
{
  g_autofree char *format = dc_gui_dup_date_format ();
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->sessions->len; i++)
    {
      DcSession *session = g_ptr_array_index (self->sessions, i);
      g_autoptr(GDateTime) local =
        dc_gui_timestamp_to_local (dc_session_get_started_at (session));

      g_ptr_array_add (dates, local != NULL ? g_date_time_format (local, format)
                                            : g_strdup (_("No date")));
    }

  for (guint i = 0; i < self->sessions->len; i++)
    {
      DcSession *session = g_ptr_array_index (self->sessions, i);
      const char *date = g_ptr_array_index (dates, i);
      gboolean same_day = (i > 0 && g_str_equal (date, g_ptr_array_index (dates, i - 1)))
                          || (i + 1 < dates->len
                              && g_str_equal (date, g_ptr_array_index (dates, i + 1)));
      g_autofree char *when = same_day
                              ? dc_gui_format_timestamp (dc_session_get_started_at (session))
                              : NULL;

      gtk_string_list_append (labels, when != NULL ? when : date);
    }

  return G_LIST_MODEL (labels);
}

/* Every photo list is in: the sessions with photos go into the choosers,
 * the first and the latest chosen. */
static void
photos_loaded (DcPhotoCompare *self)
{
  g_autoptr(GListModel) labels = NULL;

  g_ptr_array_sort (self->sessions, compare_sessions);
  gtk_spinner_set_spinning (self->main_spinner, FALSE);

  if (self->sessions->len == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      update_loading (self);
      return;
    }

  labels = new_session_labels (self);
  for (guint i = 0; i < N_SIDES; i++)
    {
      GtkDropDown *dropdown = self->sides[i].session_dropdown;

      g_signal_handlers_block_by_func (dropdown, session_changed_cb, self);
      gtk_drop_down_set_model (dropdown, labels);
      gtk_drop_down_set_selected (dropdown, i == 0 ? 0 : self->sessions->len - 1);
      g_signal_handlers_unblock_by_func (dropdown, session_changed_cb, self);
    }

  gtk_stack_set_visible_child_name (self->main_stack, "compare");
  update_sides (self);
}

static void
list_photos_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DcPhotoCompare *self;
  g_autoptr(GListModel) photos = NULL;
  g_autoptr(GError) error = NULL;

  photos = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = DC_PHOTO_COMPARE (user_data);
  self->n_pending--;

  if (photos == NULL)
    {
      /* The first error is shown; the other lists no longer matter. */
      g_cancellable_cancel (self->cancellable);
      self->n_pending = 0;
      show_load_error (self, error);
      update_loading (self);
      return;
    }

  if (g_list_model_get_n_items (photos) > 0)
    {
      g_autoptr(DcPhoto) photo = g_list_model_get_item (photos, 0);
      gint64 session_id = dc_photo_get_session_id (photo);

      g_hash_table_insert (self->photos, g_memdup2 (&session_id, sizeof session_id),
                           g_steal_pointer (&photos));
    }

  if (self->n_pending == 0)
    {
      /* Only the sessions that have photos can be compared. */
      for (guint i = self->sessions->len; i > 0; i--)
        {
          DcSession *session = g_ptr_array_index (self->sessions, i - 1);
          gint64 session_id = dc_record_get_id (DC_RECORD (session));

          if (!g_hash_table_contains (self->photos, &session_id))
            g_ptr_array_remove_index (self->sessions, i - 1);
        }
      photos_loaded (self);
      update_loading (self);
    }
}

static void
list_sessions_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DcPhotoCompare *self;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  sessions = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = DC_PHOTO_COMPARE (user_data);
  self->n_pending--;

  if (sessions == NULL)
    {
      show_load_error (self, error);
      update_loading (self);
      return;
    }

  n_items = g_list_model_get_n_items (sessions);
  for (guint i = 0; i < n_items; i++)
    {
      DcSession *session = g_list_model_get_item (sessions, i);

      g_ptr_array_add (self->sessions, session);
      self->n_pending++;
      /* In order, on the store's own thread: the answers come back in turn. */
      dc_store_list_async (self->store, DC_TYPE_PHOTO, dc_record_get_id (DC_RECORD (session)),
                           self->cancellable, list_photos_cb, self);
    }

  if (n_items == 0)
    photos_loaded (self);
  update_loading (self);
}

/* GObject ------------------------------------------------------------------ */

static void
dc_photo_compare_dispose (GObject *object)
{
  DcPhotoCompare *self = DC_PHOTO_COMPARE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < N_SIDES; i++)
    {
      Side *side = &self->sides[i];

      g_cancellable_cancel (side->cancellable);
      g_clear_object (&side->cancellable);
      g_clear_object (&side->texture);
      g_clear_object (&side->photo);
    }
  g_clear_handle_id (&self->update_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PHOTO_COMPARE);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->photos, g_hash_table_unref);
  g_clear_object (&self->patient);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_photo_compare_parent_class)->dispose (object);
}

static void
dc_photo_compare_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DcPhotoCompare *self = DC_PHOTO_COMPARE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, dc_photo_compare_get_loading (self));
      break;

    case PROP_ZOOM:
      g_value_set_double (value, dc_photo_compare_get_zoom (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND_SIDE_CHILD(name, i, member) \
  gtk_widget_class_bind_template_child_full (widget_class, name, FALSE, \
                                             G_STRUCT_OFFSET (DcPhotoCompare, sides) \
                                             + (i) * sizeof (Side) \
                                             + G_STRUCT_OFFSET (Side, member))

/* The template's ids of side @i's widgets end in @s, "_a" or "_b". */
#define BIND_SIDE_CHILDREN(i, s) \
  G_STMT_START { \
    BIND_SIDE_CHILD ("side_" s, i, box); \
    BIND_SIDE_CHILD ("session_dropdown_" s, i, session_dropdown); \
    BIND_SIDE_CHILD ("view_label_" s, i, view_label); \
    BIND_SIDE_CHILD ("phase_label_" s, i, phase_label); \
    BIND_SIDE_CHILD ("stack_" s, i, stack); \
    BIND_SIDE_CHILD ("spinner_" s, i, spinner); \
    BIND_SIDE_CHILD ("scrolled_" s, i, scrolled); \
    BIND_SIDE_CHILD ("frame_" s, i, frame); \
    BIND_SIDE_CHILD ("picture_" s, i, picture); \
    BIND_SIDE_CHILD ("placeholder_" s, i, placeholder); \
    BIND_SIDE_CHILD ("error_page_" s, i, error_page); \
  } G_STMT_END

static void
dc_photo_compare_class_init (DcPhotoCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_photo_compare_dispose;
  object_class->get_property = dc_photo_compare_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-photo-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, window_title);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, main_spinner);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, main_error_page);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, phase_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, sides_box);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoCompare, sides_separator);

  BIND_SIDE_CHILDREN (0, "a");
  BIND_SIDE_CHILDREN (1, "b");

  gtk_widget_class_install_action (widget_class, "compare.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "compare.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "compare.zoom-fit", NULL, zoom_fit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "compare.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "compare.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "compare.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "compare.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "compare.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "compare.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "compare.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dc_photo_compare_init (DcPhotoCompare *self)
{
  g_autoptr(GtkStringList) views = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);
  g_autoptr(GEnumClass) view_class = g_type_class_ref (DC_TYPE_PHOTO_VIEW);
  g_autoptr(GEnumClass) phase_class = g_type_class_ref (DC_TYPE_PHOTO_PHASE);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  self->photos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->view = DC_PHOTO_VIEW_FRONTAL;
  self->phase = DC_PHOTO_PHASE_BEFORE;
  self->best_fit = TRUE;
  self->loading = TRUE;
  self->pointer_x = self->pointer_y = -1;

  /* The enums' values are the positions in their choosers. */
  for (guint i = 0; i < view_class->n_values; i++)
    gtk_string_list_append (views, dc_enum_get_label (DC_TYPE_PHOTO_VIEW, (int) i));
  for (guint i = 0; i < phase_class->n_values; i++)
    gtk_string_list_append (phases, dc_enum_get_label (DC_TYPE_PHOTO_PHASE, (int) i));
  gtk_drop_down_set_model (self->view_dropdown, G_LIST_MODEL (views));
  gtk_drop_down_set_selected (self->view_dropdown, self->view);
  gtk_drop_down_set_model (self->phase_dropdown, G_LIST_MODEL (phases));
  gtk_drop_down_set_selected (self->phase_dropdown, self->phase);
  g_signal_connect_swapped (self->view_dropdown, "notify::selected",
                            G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (self->phase_dropdown, "notify::selected",
                            G_CALLBACK (phase_changed_cb), self);

  /* A box whose layout chooses between side by side and one above the
   * other; none of GtkBox's own setters may be used on it. */
  gtk_widget_set_layout_manager (self->sides_box,
                                 gtk_custom_layout_new (NULL, sides_measure, sides_allocate));
  for (guint i = 0; i < N_SIDES; i++)
    {
      setup_side (self, &self->sides[i]);
      g_signal_connect_swapped (self->sides[i].session_dropdown, "notify::selected",
                                G_CALLBACK (session_changed_cb), self);
    }

  gtk_spinner_set_spinning (self->main_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  zoom_changed (self);
}

/**
 * dc_photo_compare_new:
 * @parent: the window the comparison belongs to
 * @store: where the patient's sessions and photos are read from
 * @patient: a saved patient
 */
GtkWidget *
dc_photo_compare_new (GtkWindow *parent,
                      DcStore   *store,
                      DcPatient *patient)
{
  DcPhotoCompare *self;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (DC_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (dc_record_get_id (DC_RECORD (patient)) != 0, NULL);

  self = g_object_new (DC_TYPE_PHOTO_COMPARE, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->patient = g_object_ref (patient);

  name = dc_gui_dup_full_name (patient);
  adw_window_title_set_subtitle (self->window_title, name);
  /* Translators: the compare window's title; %s is the patient's name */
  title = g_strdup_printf (_("Compare Photos of %s"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->n_pending = 1;
  dc_store_list_async (store, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (patient)),
                       self->cancellable, list_sessions_cb, self);

  return GTK_WIDGET (self);
}

/* Returns: the row id of the session shown on @side (0 for the first, 1
 * for the second), or 0 before the sessions are loaded */
gint64
dc_photo_compare_get_session_id (DcPhotoCompare *self,
                                 guint           side)
{
  DcSession *session;

  g_return_val_if_fail (DC_IS_PHOTO_COMPARE (self), 0);
  g_return_val_if_fail (side < N_SIDES, 0);

  session = get_session (self, side);
  return session != NULL ? dc_record_get_id (DC_RECORD (session)) : 0;
}

/* Shows the session with row id @session_id on @side, if it has photos. */
void
dc_photo_compare_set_session_id (DcPhotoCompare *self,
                                 guint           side,
                                 gint64          session_id)
{
  g_return_if_fail (DC_IS_PHOTO_COMPARE (self));
  g_return_if_fail (side < N_SIDES);

  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    if (dc_record_get_id (g_ptr_array_index (self->sessions, i)) == session_id)
      gtk_drop_down_set_selected (self->sides[side].session_dropdown, i);
}

DcPhotoView
dc_photo_compare_get_view (DcPhotoCompare *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_COMPARE (self), DC_PHOTO_VIEW_FRONTAL);

  return self->view;
}

void
dc_photo_compare_set_view (DcPhotoCompare *self,
                           DcPhotoView     view)
{
  g_return_if_fail (DC_IS_PHOTO_COMPARE (self));
  g_return_if_fail (view <= DC_PHOTO_VIEW_CLOSE_UP);

  gtk_drop_down_set_selected (self->view_dropdown, view);
}

DcPhotoPhase
dc_photo_compare_get_phase (DcPhotoCompare *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_COMPARE (self), DC_PHOTO_PHASE_BEFORE);

  return self->phase;
}

void
dc_photo_compare_set_phase (DcPhotoCompare *self,
                            DcPhotoPhase    phase)
{
  g_return_if_fail (DC_IS_PHOTO_COMPARE (self));
  g_return_if_fail (phase <= DC_PHOTO_PHASE_FOLLOW_UP);

  gtk_drop_down_set_selected (self->phase_dropdown, phase);
}

/* Returns: (transfer none) (nullable): the photo shown on @side, or NULL
 * when its session has none in the view */
DcPhoto *
dc_photo_compare_get_photo (DcPhotoCompare *self,
                            guint           side)
{
  g_return_val_if_fail (DC_IS_PHOTO_COMPARE (self), NULL);
  g_return_val_if_fail (side < N_SIDES, NULL);

  return self->sides[side].photo;
}

/* Returns: the scale @side's photo is drawn at, as laid out: screen pixels
 * per pixel of the original photo; 0 when no photo is shown there */
double
dc_photo_compare_get_scale (DcPhotoCompare *self,
                            guint           side)
{
  double width, height;

  g_return_val_if_fail (DC_IS_PHOTO_COMPARE (self), 0);
  g_return_val_if_fail (side < N_SIDES, 0);

  if (!side_has_texture (&self->sides[side]) || self->sides[side].picture_rect.size.width <= 0)
    return 0;

  get_photo_size (&self->sides[side], &width, &height);
  return self->sides[side].picture_rect.size.width / width;
}

/* Returns: the scale both photos are drawn at, screen pixels per pixel of
 * the original photos; 0 before a photo is shown */
double
dc_photo_compare_get_zoom (DcPhotoCompare *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_COMPARE (self), 0);

  return get_max_zoom (self) > 0 ? get_scale (self) : 0;
}

gboolean
dc_photo_compare_get_best_fit (DcPhotoCompare *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_COMPARE (self), TRUE);

  return self->best_fit;
}

/* Whether sessions, photo lists or photo files are being read. */
gboolean
dc_photo_compare_get_loading (DcPhotoCompare *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_COMPARE (self), FALSE);

  if (self->n_pending > 0)
    return TRUE;
  for (guint i = 0; i < N_SIDES; i++)
    if (self->sides[i].cancellable != NULL)
      return TRUE;

  return FALSE;
}
