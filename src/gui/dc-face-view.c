/* dc-face-view.c: the face chart of a session, drawn by the renderer the
 * reports use, with a list of zone toggles below it.
 *
 * The view draws the chart itself, in the part of its allocation above the
 * list, and hit-tests pointer and touch input with the same options and
 * size it draws with. The list is a flow box of real toggle buttons, one
 * per zone: GTK 4.8 cannot expose parts of a drawing to assistive
 * technologies, so this is how a screen reader reaches every zone, and it
 * gives touchscreens targets larger than a lip or a temple. Chart, list and
 * actions all change one selection, which the list mirrors.
 *
 * The diagram is anatomical: the patient's right is on the viewer's left
 * whatever the text direction, so nothing here is mirrored for RTL. */

#include "config.h"

#include "dc-face-view.h"
#include "dc-face-view-private.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dc-device.h"
#include "dc-face-render-cache.h"
#include "dc-face-renderer.h"
#include "dc-util.h"
#include "dc-zone-catalogue.h"
#include "dc-zone-treatment.h"

/* Below this the legend and the zone names stop being readable. */
#define MIN_CHART_WIDTH      240
#define MIN_CHART_HEIGHT     320
#define NAT_CHART_WIDTH      360
/* The diagram (5:7) with its legend below it, and the height beyond which
 * a chart only pushes the rest of the session page away. */
#define CHART_ASPECT         1.5
#define MAX_CHART_HEIGHT     600
#define LIST_SPACING         12

typedef struct
{
  const char *zone_id;       /* the catalogue's */
  GtkWidget  *toggle;
  GtkWidget  *depth_label;
  char       *tooltip;       /* markup last given to the toggle */
} ZoneItem;

struct _DcFaceView
{
  GtkWidget          parent_instance;

  DcZoneCatalogue   *catalogue;
  const char *const *zone_ids;
  guint              n_zones;

  GListModel        *treatments;
  GPtrArray         *watched;       /* the treatments, mirroring the model */
  GListModel        *devices;
  GHashTable        *depths;        /* zone id → double * deepest depth */

  gboolean          *selected;      /* per zone, in catalogue order */
  char             **selected_ids;  /* the same, as the property */

  int                focus_index;   /* the chart's keyboard cursor, or -1 */
  const char        *chart_hover;   /* zone under the pointer on the chart */
  const char        *list_hover;    /* zone of the toggle under the pointer */
  const char        *list_focus;    /* zone of the toggle with visible focus */
  const char        *highlight;     /* what the chart draws as hovered */

  DcFaceRenderCache *render_cache;  /* the chart's still layers, as pixels */
  GskRenderNode     *base_node;     /* those layers as nodes, from the cache's */
  GskRenderNode     *annotations_node;
  guint              nodes_serial;  /* ...layers of this serial */

  GtkWidget         *zone_list;
  ZoneItem          *items;
  int                chart_width;
  int                chart_height;
  gboolean           keyboard_cursor;
  gboolean           updating_toggles;
};

G_DEFINE_FINAL_TYPE (DcFaceView, dc_face_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TREATMENTS,
  PROP_DEVICES,
  PROP_SELECTED_ZONES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
zone_index (DcFaceView *self,
            const char *zone_id)
{
  if (zone_id == NULL)
    return -1;
  for (guint i = 0; i < self->n_zones; i++)
    if (strcmp (self->zone_ids[i], zone_id) == 0)
      return (int) i;
  return -1;
}

static void
fill_options (DcFaceView          *self,
              DcFaceRenderOptions *options)
{
  *options = (DcFaceRenderOptions) {
    .view = NULL,
    .depth_by_zone = self->depths,
    .selected = (const char *const *) self->selected_ids,
    .hovered = self->highlight,
    .focused = self->focus_index >= 0 && self->keyboard_cursor
               && gtk_widget_has_focus (GTK_WIDGET (self))
               ? self->zone_ids[self->focus_index] : NULL,
    .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
    .show_legend = TRUE,
    .show_labels = TRUE,
    .depth_max = 0,
    .rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL,
  };
}

static const char *
hit_test (DcFaceView *self,
          double      x,
          double      y)
{
  DcFaceRenderOptions options;

  if (x < 0 || y < 0 || x >= self->chart_width || y >= self->chart_height)
    return NULL;
  fill_options (self, &options);
  return dc_face_hit_test (self->catalogue, &options, self->chart_width, self->chart_height,
                           x, y);
}

/* Treatments and their text ---------------------------------------------- */

static DcDevice *
find_device (DcFaceView *self,
             gint64      id)
{
  guint n;

  if (self->devices == NULL || id == 0)
    return NULL;
  n = g_list_model_get_n_items (self->devices);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DcRecord) record = g_list_model_get_item (self->devices, i);

      if (DC_IS_DEVICE (record) && dc_record_get_id (record) == id)
        return DC_DEVICE (record);   /* the model keeps it alive */
    }
  return NULL;
}

/* One treatment as a line: "1.5 mm · Dermapen 4 · 2 passes". */
static char *
dup_treatment_line (DcFaceView      *self,
                    DcZoneTreatment *treatment)
{
  g_autofree char *number = dc_format_decimal (dc_zone_treatment_get_depth_mm (treatment));
  DcDevice *device = find_device (self, dc_zone_treatment_get_device_id (treatment));
  int passes = dc_zone_treatment_get_passes (treatment);
  GString *line = g_string_new (NULL);

  /* Translators: a needle depth on the face diagram, in millimetres. */
  g_string_append_printf (line, _("%s mm"), number);
  if (device != NULL)
    {
      /* Models are named with their make ("Dermapen 4"), so the model
       * alone reads best. */
      const char *name = dc_device_get_model (device);

      if (name == NULL || *name == '\0')
        name = dc_device_get_make (device);
      if (name != NULL && *name != '\0')
        g_string_append_printf (line, " · %s", name);
    }
  if (passes > 0)
    {
      g_string_append (line, " · ");
      g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%d pass", "%d passes", passes),
                              passes);
    }
  return g_string_free (line, FALSE);
}

/* The zone's treatments, one line each, or NULL when it has none. */
static GPtrArray *
dup_treatment_lines (DcFaceView *self,
                     const char *zone_id)
{
  GPtrArray *lines = NULL;

  for (guint i = 0; i < self->watched->len; i++)
    {
      DcZoneTreatment *treatment = g_ptr_array_index (self->watched, i);

      if (g_strcmp0 (dc_zone_treatment_get_zone (treatment), zone_id) != 0)
        continue;
      if (lines == NULL)
        lines = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (lines, dup_treatment_line (self, treatment));
    }
  return lines;
}

static char *
dup_tooltip (DcFaceView *self,
             const char *zone_id)
{
  const DcZone *zone = dc_zone_catalogue_lookup (self->catalogue, zone_id);
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *name = NULL;
  GString *markup;

  if (zone == NULL)
    return NULL;

  name = g_markup_escape_text (dc_zone_get_name (zone), -1);
  markup = g_string_new (NULL);
  g_string_append_printf (markup, "<b>%s</b>", name);

  lines = dup_treatment_lines (self, zone_id);
  if (lines == NULL)
    {
      g_autofree char *untreated = g_markup_escape_text (_("Not treated"), -1);

      g_string_append_printf (markup, "\n%s", untreated);
    }
  else
    for (guint i = 0; i < lines->len; i++)
      {
        g_autofree char *line = g_markup_escape_text (g_ptr_array_index (lines, i), -1);

        g_string_append_printf (markup, "\n%s", line);
      }
  return g_string_free (markup, FALSE);
}

/* What the toggles say besides the zone's name: the depth they show, the
 * description a screen reader adds and the tooltip. Unchanged text is not
 * set again, so that assistive technologies hear only real changes. */
static void
update_zone_items (DcFaceView *self)
{
  for (guint i = 0; i < self->n_zones; i++)
    {
      ZoneItem *item = &self->items[i];
      g_autofree char *tooltip = dup_tooltip (self, item->zone_id);
      g_autoptr(GPtrArray) lines = NULL;
      double *depth;

      if (g_strcmp0 (tooltip, item->tooltip) == 0)
        continue;
      g_free (item->tooltip);
      item->tooltip = g_steal_pointer (&tooltip);
      gtk_widget_set_tooltip_markup (item->toggle, item->tooltip);

      depth = g_hash_table_lookup (self->depths, item->zone_id);
      if (depth != NULL)
        {
          g_autofree char *number = dc_format_decimal (*depth);
          g_autofree char *text = g_strdup_printf (_("%s mm"), number);

          gtk_label_set_text (GTK_LABEL (item->depth_label), text);
        }
      gtk_widget_set_visible (item->depth_label, depth != NULL);

      lines = dup_treatment_lines (self, item->zone_id);
      if (lines != NULL)
        {
          g_autofree char *description = NULL;

          g_ptr_array_add (lines, NULL);
          /* Translators: separates the treatments of a zone, read out by
           * screen readers after the zone's name. */
          description = g_strjoinv (_("; "), (char **) lines->pdata);
          gtk_accessible_update_property (GTK_ACCESSIBLE (item->toggle),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                          -1);
        }
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (item->toggle),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static gboolean
depths_equal (GHashTable *a,
              GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *other = g_hash_table_lookup (b, key);

      if (other == NULL || *other != *(double *) value)
        return FALSE;
    }
  return TRUE;
}

/* Recomputes the deepest depth per zone: a session has a few dozen
 * treatments at most, so starting over is cheaper than being clever. */
static void
update_depths (DcFaceView *self)
{
  g_autoptr(GHashTable) depths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < self->watched->len; i++)
    {
      DcZoneTreatment *treatment = g_ptr_array_index (self->watched, i);
      const char *zone = dc_zone_treatment_get_zone (treatment);
      double depth = dc_zone_treatment_get_depth_mm (treatment);
      double *known;

      if (zone == NULL || !isfinite (depth))
        continue;
      known = g_hash_table_lookup (depths, zone);
      if (known == NULL)
        g_hash_table_insert (depths, g_strdup (zone), g_memdup2 (&depth, sizeof depth));
      else
        *known = MAX (*known, depth);
    }

  if (!depths_equal (depths, self->depths))
    {
      g_hash_table_unref (self->depths);
      self->depths = g_steal_pointer (&depths);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  update_zone_items (self);
}

static void
treatment_notify_cb (DcFaceView *self,
                     GParamSpec *pspec)
{
  /* Only what the chart or the tooltips show; saving touches timestamps. */
  if (g_str_equal (pspec->name, "zone") || g_str_equal (pspec->name, "depth-mm")
      || g_str_equal (pspec->name, "device-id") || g_str_equal (pspec->name, "passes"))
    update_depths (self);
}

static void
unwatch_treatment (DcFaceView *self,
                   gpointer    treatment)
{
  g_signal_handlers_disconnect_by_func (treatment, treatment_notify_cb, self);
}

static void
treatments_changed_cb (DcFaceView *self,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GListModel *model)
{
  for (guint i = 0; i < removed; i++)
    unwatch_treatment (self, g_ptr_array_index (self->watched, position + i));
  g_ptr_array_remove_range (self->watched, position, removed);

  for (guint i = 0; i < added; i++)
    {
      gpointer item = g_list_model_get_item (model, position + i);

      /* A foreign item keeps its place, so positions stay in step. */
      if (DC_IS_ZONE_TREATMENT (item))
        g_signal_connect_object (item, "notify", G_CALLBACK (treatment_notify_cb), self,
                                 G_CONNECT_SWAPPED);
      else
        g_warning ("DcFaceView: a %s among the zone treatments", G_OBJECT_TYPE_NAME (item));
      g_ptr_array_insert (self->watched, position + i, item);
    }

  update_depths (self);
}

static void
clear_treatments (DcFaceView *self)
{
  if (self->treatments == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->treatments, treatments_changed_cb, self);
  for (guint i = 0; i < self->watched->len; i++)
    unwatch_treatment (self, g_ptr_array_index (self->watched, i));
  g_ptr_array_set_size (self->watched, 0);
  g_clear_object (&self->treatments);
}

static void
devices_changed_cb (DcFaceView *self)
{
  update_zone_items (self);
}

static void
clear_devices (DcFaceView *self)
{
  if (self->devices == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->devices, devices_changed_cb, self);
  g_clear_object (&self->devices);
}

/* Selection --------------------------------------------------------------- */

static void
update_actions (DcFaceView *self)
{
  gboolean any = FALSE, mirror_missing = FALSE;

  for (guint i = 0; i < self->n_zones; i++)
    {
      const char *mirror;

      if (!self->selected[i])
        continue;
      any = TRUE;
      mirror = dc_zone_get_mirror_id (dc_zone_catalogue_lookup (self->catalogue,
                                                                self->zone_ids[i]));
      if (mirror != NULL && zone_index (self, mirror) >= 0
          && !self->selected[zone_index (self, mirror)])
        mirror_missing = TRUE;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "face.clear-selection", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "face.select-mirror", mirror_missing);
}

static void
update_focus_description (DcFaceView *self)
{
  const DcZone *zone;
  g_autofree char *text = NULL;
  g_autofree char *treated = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  if (self->focus_index < 0)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  /* The chart's cursor is no accessible object of its own: say where it
   * is in the chart's description, which follows it. */
  zone = dc_zone_catalogue_lookup (self->catalogue, self->zone_ids[self->focus_index]);
  lines = dup_treatment_lines (self, self->zone_ids[self->focus_index]);
  if (lines != NULL)
    {
      g_ptr_array_add (lines, NULL);
      treated = g_strjoinv (_("; "), (char **) lines->pdata);
    }
  else
    treated = g_strdup (_("not treated"));

  if (self->selected[self->focus_index])
    /* Translators: the zone under the keyboard cursor of the face chart and
     * its treatments ("Left cheek, selected, 1.5 mm · Dermapen 4"). */
    text = g_strdup_printf (_("%s, selected, %s"), dc_zone_get_name (zone), treated);
  else
    /* Translators: the zone under the keyboard cursor of the face chart and
     * its treatments ("Left cheek, 1.5 mm · Dermapen 4"). */
    text = g_strdup_printf (_("%s, %s"), dc_zone_get_name (zone), treated);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

/* Makes mask the selection; everything showing it follows. */
static void
apply_selection (DcFaceView     *self,
                 const gboolean *mask)
{
  GStrvBuilder *builder;

  if (memcmp (mask, self->selected, self->n_zones * sizeof (gboolean)) == 0)
    return;

  memcpy (self->selected, mask, self->n_zones * sizeof (gboolean));
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->n_zones; i++)
    if (mask[i])
      g_strv_builder_add (builder, self->zone_ids[i]);
  g_strfreev (self->selected_ids);
  self->selected_ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  self->updating_toggles = TRUE;
  for (guint i = 0; i < self->n_zones; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->items[i].toggle), mask[i]);
  self->updating_toggles = FALSE;

  update_actions (self);
  update_focus_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ZONES]);
}

static gboolean *
dup_selection (DcFaceView *self)
{
  return g_memdup2 (self->selected, self->n_zones * sizeof (gboolean));
}

static void
select_only (DcFaceView *self,
             int         index)
{
  g_autofree gboolean *mask = g_new0 (gboolean, self->n_zones);

  if (index >= 0)
    mask[index] = TRUE;
  apply_selection (self, mask);
}

static void
set_zone_selected (DcFaceView *self,
                   int         index,
                   gboolean    selected)
{
  g_autofree gboolean *mask = dup_selection (self);

  mask[index] = selected;
  apply_selection (self, mask);
}

/* Highlight and keyboard cursor ------------------------------------------- */

static void
update_highlight (DcFaceView *self)
{
  const char *highlight = self->chart_hover;

  if (highlight == NULL)
    highlight = self->list_hover;
  if (highlight == NULL)
    highlight = self->list_focus;

  /* The keyboard cursor is drawn apart (options.focused): always redraw. */
  self->highlight = highlight;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_focus_index (DcFaceView *self,
                 int         index)
{
  if (index == self->focus_index)
    return;
  self->focus_index = index;
  update_focus_description (self);
  update_highlight (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* The cursor shows while the keyboard drives the chart. Not from the
 * window's focus-visible: GTK 4.8 keeps that only when a key moves the
 * focus to another widget, and the chart's cursor moves within one. */
static void
set_keyboard_cursor (DcFaceView *self,
                     gboolean    visible)
{
  if (self->keyboard_cursor == visible)
    return;
  self->keyboard_cursor = visible;
  update_highlight (self);
}

static gboolean
zone_point (DcFaceView *self,
            int         index,
            double     *x,
            double     *y)
{
  DcFaceRenderOptions options;
  /* Before the first allocation, any size gives the same arrangement. */
  double width = self->chart_width > 0 ? self->chart_width : NAT_CHART_WIDTH;
  double height = self->chart_height > 0 ? self->chart_height : NAT_CHART_WIDTH * CHART_ASPECT;

  fill_options (self, &options);
  return dc_face_get_zone_center (self->catalogue, &options, width, height,
                                  self->zone_ids[index], x, y);
}

/* The nearest zone on the given side of the screen: left is the viewer's
 * left in every locale, since the chart is never mirrored. */
static int
find_zone_beside (DcFaceView *self,
                  int         from,
                  int         sign)
{
  double from_x, from_y, best_score = G_MAXDOUBLE;
  int best = -1;

  if (!zone_point (self, from, &from_x, &from_y))
    return -1;

  for (guint i = 0; i < self->n_zones; i++)
    {
      double x, y, dx, score;

      if ((int) i == from || !zone_point (self, i, &x, &y))
        continue;
      dx = (x - from_x) * sign;
      if (dx < 1.0)
        continue;
      /* Favour zones level with this one: from a cheek, Right goes to the
       * nose, not to the chin that is nearer as the crow flies. */
      score = dx + 2.5 * fabs (y - from_y);
      if (score < best_score)
        {
          best_score = score;
          best = (int) i;
        }
    }
  return best;
}

/* Where the cursor starts: on the selection, if there is one. */
static int
first_focus_index (DcFaceView *self)
{
  for (guint i = 0; i < self->n_zones; i++)
    if (self->selected[i])
      return (int) i;
  return 0;
}

gboolean
_dc_face_view_move_focus (DcFaceView       *self,
                          GtkDirectionType  direction)
{
  int index = self->focus_index, target = -1;

  g_return_val_if_fail (DC_IS_FACE_VIEW (self), FALSE);

  if (index < 0)
    {
      set_focus_index (self, first_focus_index (self));
      return TRUE;
    }

  switch (direction)
    {
    case GTK_DIR_LEFT:
      target = find_zone_beside (self, index, -1);
      break;
    case GTK_DIR_RIGHT:
      target = find_zone_beside (self, index, 1);
      break;
    case GTK_DIR_UP:
    case GTK_DIR_TAB_BACKWARD:
      target = index - 1;
      break;
    case GTK_DIR_DOWN:
    case GTK_DIR_TAB_FORWARD:
      target = index + 1 < (int) self->n_zones ? index + 1 : -1;
      break;
    default:
      g_assert_not_reached ();
    }

  if (target < 0)
    return FALSE;
  set_focus_index (self, target);
  return TRUE;
}

const char *
_dc_face_view_get_focus_zone (DcFaceView *self)
{
  g_return_val_if_fail (DC_IS_FACE_VIEW (self), NULL);

  return self->focus_index >= 0 ? self->zone_ids[self->focus_index] : NULL;
}

/* Key bindings: the class's shortcuts see keys bubbling up from the
 * toggles too, which keep theirs. */

static gboolean
move_focus_binding_cb (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  if (!gtk_widget_is_focus (widget))
    return FALSE;
  /* At the ends the cursor stays put rather than the focus wandering off
   * in the arrow's direction. */
  _dc_face_view_move_focus (DC_FACE_VIEW (widget), g_variant_get_int32 (args));
  set_keyboard_cursor (DC_FACE_VIEW (widget), TRUE);
  return TRUE;
}

static gboolean
focus_end_binding_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  DcFaceView *self = DC_FACE_VIEW (widget);

  if (!gtk_widget_is_focus (widget))
    return FALSE;
  set_focus_index (self, g_variant_get_boolean (args) ? (int) self->n_zones - 1 : 0);
  set_keyboard_cursor (self, TRUE);
  return TRUE;
}

static gboolean
toggle_focused_binding_cb (GtkWidget *widget,
                           GVariant  *args,
                           gpointer   user_data)
{
  DcFaceView *self = DC_FACE_VIEW (widget);

  if (!gtk_widget_is_focus (widget) || self->focus_index < 0)
    return FALSE;
  set_zone_selected (self, self->focus_index, !self->selected[self->focus_index]);
  set_keyboard_cursor (self, TRUE);
  return TRUE;
}

static gboolean
select_focused_binding_cb (GtkWidget *widget,
                           GVariant  *args,
                           gpointer   user_data)
{
  DcFaceView *self = DC_FACE_VIEW (widget);

  if (!gtk_widget_is_focus (widget) || self->focus_index < 0)
    return FALSE;
  select_only (self, self->focus_index);
  set_keyboard_cursor (self, TRUE);
  return TRUE;
}

static gboolean
clear_binding_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  DcFaceView *self = DC_FACE_VIEW (widget);

  /* With nothing to clear, Escape goes on to close a dialog or a search. */
  if (self->selected_ids[0] == NULL)
    return FALSE;
  select_only (self, -1);
  return TRUE;
}

/* Pointer and touch ------------------------------------------------------- */

void
_dc_face_view_activate_point (DcFaceView      *self,
                              double           x,
                              double           y,
                              GdkModifierType  state)
{
  const char *zone;
  int index;

  g_return_if_fail (DC_IS_FACE_VIEW (self));

  zone = hit_test (self, x, y);
  index = zone_index (self, zone);

  if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    {
      /* Adding to a selection: a slip outside the face must not lose it. */
      if (index >= 0)
        set_zone_selected (self, index, !self->selected[index]);
    }
  else
    select_only (self, index);

  if (index >= 0)
    set_focus_index (self, index);
}

static void
click_pressed_cb (DcFaceView      *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  /* Presses in the list belong to its toggles. */
  if (y >= self->chart_height)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  set_keyboard_cursor (self, FALSE);

  if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  /* A double click is a single click that came twice: it must not undo
   * its own Ctrl+click. */
  if (n_press != 1)
    return;
  _dc_face_view_activate_point (self, x, y,
                                gtk_event_controller_get_current_event_state (
                                    GTK_EVENT_CONTROLLER (gesture)));
}

static void
motion_cb (DcFaceView *self,
           double      x,
           double      y)
{
  self->chart_hover = hit_test (self, x, y);
  update_highlight (self);
}

static void
leave_cb (DcFaceView *self)
{
  self->chart_hover = NULL;
  update_highlight (self);
}

static gboolean
dc_face_view_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  DcFaceView *self = DC_FACE_VIEW (widget);
  g_autofree char *markup = NULL;
  const char *zone;

  if (keyboard_mode)
    zone = gtk_widget_is_focus (widget) ? _dc_face_view_get_focus_zone (self) : NULL;
  else
    zone = hit_test (self, x, y);
  if (zone == NULL)
    return FALSE;

  markup = dup_tooltip (self, zone);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

char *
_dc_face_view_dup_zone_tooltip (DcFaceView *self,
                                const char *zone_id)
{
  g_return_val_if_fail (DC_IS_FACE_VIEW (self), NULL);

  return dup_tooltip (self, zone_id);
}

/* The zone list ------------------------------------------------------------ */

static ZoneItem *
find_item (DcFaceView *self,
           GtkWidget  *toggle)
{
  for (guint i = 0; i < self->n_zones; i++)
    if (self->items[i].toggle == toggle)
      return &self->items[i];
  return NULL;
}

static void
zone_toggled_cb (DcFaceView      *self,
                 GtkToggleButton *toggle)
{
  ZoneItem *item = find_item (self, GTK_WIDGET (toggle));

  if (self->updating_toggles || item == NULL)
    return;
  set_zone_selected (self, item - self->items, gtk_toggle_button_get_active (toggle));
}

static void
toggle_enter_cb (DcFaceView               *self,
                 double                    x,
                 double                    y,
                 GtkEventControllerMotion *controller)
{
  ZoneItem *item = find_item (self, gtk_event_controller_get_widget (
                                        GTK_EVENT_CONTROLLER (controller)));

  if (item == NULL)
    return;
  self->list_hover = item->zone_id;
  update_highlight (self);
}

static void
toggle_leave_cb (DcFaceView               *self,
                 GtkEventControllerMotion *controller)
{
  ZoneItem *item = find_item (self, gtk_event_controller_get_widget (
                                        GTK_EVENT_CONTROLLER (controller)));

  if (item == NULL || self->list_hover != item->zone_id)
    return;
  self->list_hover = NULL;
  update_highlight (self);
}

static void
toggle_focus_enter_cb (DcFaceView              *self,
                       GtkEventControllerFocus *controller)
{
  GtkWidget *toggle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  ZoneItem *item = find_item (self, toggle);

  /* Show on the chart which zone the keyboard is on, not which toggle was
   * last clicked. */
  if (item == NULL || !gtk_widget_has_visible_focus (toggle))
    return;
  self->list_focus = item->zone_id;
  update_highlight (self);
}

static void
toggle_focus_leave_cb (DcFaceView              *self,
                       GtkEventControllerFocus *controller)
{
  if (self->list_focus == NULL)
    return;
  self->list_focus = NULL;
  update_highlight (self);
}

static void
build_zone_list (DcFaceView *self)
{
  self->zone_list = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->zone_list), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->zone_list), FALSE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->zone_list), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->zone_list), self->n_zones);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->zone_list), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->zone_list), 6);
  gtk_widget_add_css_class (self->zone_list, "zone-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zone_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Zones"), -1);
  gtk_widget_set_parent (self->zone_list, GTK_WIDGET (self));

  self->items = g_new0 (ZoneItem, self->n_zones);
  for (guint i = 0; i < self->n_zones; i++)
    {
      const DcZone *zone = dc_zone_catalogue_lookup (self->catalogue, self->zone_ids[i]);
      ZoneItem *item = &self->items[i];
      GtkEventController *controller;
      GtkWidget *box, *name;

      item->zone_id = self->zone_ids[i];
      item->toggle = gtk_toggle_button_new ();
      gtk_widget_add_css_class (item->toggle, "zone-toggle");

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      name = gtk_label_new (dc_zone_get_name (zone));
      /* Long names wrap, so that a phone still gets two columns. */
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_box_append (GTK_BOX (box), name);
      item->depth_label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (item->depth_label), 1);
      gtk_widget_add_css_class (item->depth_label, "caption");
      gtk_widget_add_css_class (item->depth_label, "numeric");
      gtk_widget_add_css_class (item->depth_label, "dim-label");
      gtk_widget_set_visible (item->depth_label, FALSE);
      gtk_box_append (GTK_BOX (box), item->depth_label);
      gtk_button_set_child (GTK_BUTTON (item->toggle), box);

      /* Named by the zone alone; the depth is its description. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (item->toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, dc_zone_get_name (zone),
                                      -1);

      g_signal_connect_object (item->toggle, "toggled", G_CALLBACK (zone_toggled_cb), self,
                               G_CONNECT_SWAPPED);

      controller = gtk_event_controller_motion_new ();
      g_signal_connect_object (controller, "enter", G_CALLBACK (toggle_enter_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "leave", G_CALLBACK (toggle_leave_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_controller (item->toggle, controller);

      controller = gtk_event_controller_focus_new ();
      g_signal_connect_object (controller, "enter", G_CALLBACK (toggle_focus_enter_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "leave", G_CALLBACK (toggle_focus_leave_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_controller (item->toggle, controller);

      gtk_flow_box_append (GTK_FLOW_BOX (self->zone_list), item->toggle);
      /* The toggle takes the focus, not a cell around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (item->toggle), FALSE);
    }
}

/* Actions ------------------------------------------------------------------ */

static int
action_zone_index (DcFaceView *self,
                   GVariant   *parameter)
{
  const char *zone_id = g_variant_get_string (parameter, NULL);
  int index = zone_index (self, zone_id);

  if (index < 0)
    g_warning ("DcFaceView: no zone “%s” in the catalogue", zone_id);
  return index;
}

static void
select_zone_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DcFaceView *self = DC_FACE_VIEW (widget);
  int index = action_zone_index (self, parameter);

  if (index >= 0)
    select_only (self, index);
}

static void
toggle_zone_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DcFaceView *self = DC_FACE_VIEW (widget);
  int index = action_zone_index (self, parameter);

  if (index >= 0)
    set_zone_selected (self, index, !self->selected[index]);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  select_only (DC_FACE_VIEW (widget), -1);
}

static void
select_mirror_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DcFaceView *self = DC_FACE_VIEW (widget);
  g_autofree gboolean *mask = dup_selection (self);

  for (guint i = 0; i < self->n_zones; i++)
    {
      const DcZone *zone = dc_zone_catalogue_lookup (self->catalogue, self->zone_ids[i]);
      int mirror;

      if (self->selected[i] && (mirror = zone_index (self, dc_zone_get_mirror_id (zone))) >= 0)
        mask[mirror] = TRUE;
    }
  apply_selection (self, mask);
}

/* GtkWidget ---------------------------------------------------------------- */

static void
dc_face_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  DcFaceView *self = DC_FACE_VIEW (widget);
  int list_min, list_nat, chart;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The list wraps to any width down to its widest toggle. */
      gtk_widget_measure (self->zone_list, GTK_ORIENTATION_HORIZONTAL, -1,
                          &list_min, NULL, NULL, NULL);
      *minimum = MAX (MIN_CHART_WIDTH, list_min);
      *natural = MAX (NAT_CHART_WIDTH, list_min);
      return;
    }

  /* Without a width, answer for the natural one, as wrapping labels do:
   * at its narrowest the list is a column of wrapped names, taller than
   * anything the view will be given. */
  if (for_size < 0)
    dc_face_view_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &list_min, &for_size,
                          NULL, NULL);

  /* The chart's minimum follows the width too: in a scrolled page, which
   * is where the view lives, children get their minimum height, and a
   * wide chart squeezed to 320 pixels would be a band of empty space. */
  gtk_widget_measure (self->zone_list, GTK_ORIENTATION_VERTICAL, for_size,
                      &list_min, &list_nat, NULL, NULL);
  chart = CLAMP ((int) (for_size * CHART_ASPECT), MIN_CHART_HEIGHT, MAX_CHART_HEIGHT);
  *minimum = chart + LIST_SPACING + list_min;
  *natural = chart + LIST_SPACING + list_nat;
}

static GtkSizeRequestMode
dc_face_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dc_face_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  DcFaceView *self = DC_FACE_VIEW (widget);
  int list_min, list_nat, list_height;

  gtk_widget_measure (self->zone_list, GTK_ORIENTATION_VERTICAL, width,
                      &list_min, &list_nat, NULL, NULL);
  /* The chart takes what is left, and gives way first when space is short. */
  list_height = height - list_nat - LIST_SPACING >= MIN_CHART_HEIGHT ? list_nat : list_min;
  gtk_widget_size_allocate (self->zone_list,
                            &(GtkAllocation) { 0, height - list_height, width, list_height },
                            -1);

  self->chart_width = width;
  self->chart_height = MAX (0, height - list_height - LIST_SPACING);
  /* The pointer may now be over another zone, or none. */
  self->chart_hover = NULL;
  update_highlight (self);
}

static void
clear_layers (DcFaceView *self)
{
  dc_face_render_cache_clear (self->render_cache);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  g_clear_pointer (&self->annotations_node, gsk_render_node_unref);
}

static GskRenderNode *
layer_node_new (DcFaceView   *self,
                DcFaceLayers  layer)
{
  GskRenderNode *node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, self->chart_width,
                                                                 self->chart_height));
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);

  dc_face_render_cache_paint (self->render_cache, cr, layer);
  cairo_destroy (cr);
  return node;
}

/* The highlights, in a node no larger than what they draw. */
static void
append_highlights (DcFaceView                *self,
                   GtkSnapshot               *snapshot,
                   const DcFaceRenderOptions *options)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);
  double x, y, width, height;
  graphene_rect_t bounds;

  dc_face_render_layers (cr, self->catalogue, options, self->chart_width, self->chart_height,
                         DC_FACE_LAYER_HIGHLIGHTS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &x, &y, &width, &height);
  cairo_surface_destroy (recording);

  bounds = GRAPHENE_RECT_INIT (floor (x), floor (y), ceil (x + width) - floor (x),
                               ceil (y + height) - floor (y));
  if (width <= 0 || height <= 0
      || !graphene_rect_intersection (&bounds, &GRAPHENE_RECT_INIT (0, 0, self->chart_width,
                                                                    self->chart_height),
                                      &bounds))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  dc_face_render_layers (cr, self->catalogue, options, self->chart_width, self->chart_height,
                         DC_FACE_LAYER_HIGHLIGHTS);
  cairo_destroy (cr);
}

/* The chart is drawn again at every move of the pointer or the keyboard
 * cursor. Only the highlights change then: the layers under and over them
 * come from the cache, as the same render nodes frame after frame, so that
 * GTK finds them unchanged and redraws only where the highlights were and
 * are. */
static void
dc_face_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  DcFaceView *self = DC_FACE_VIEW (widget);

  if (self->chart_width > 0 && self->chart_height > 0)
    {
      DcFaceRenderOptions options;

      fill_options (self, &options);
      if (dc_face_render_cache_update (self->render_cache, self->catalogue, &options,
                                       self->chart_width, self->chart_height,
                                       gtk_widget_get_scale_factor (widget)))
        {
          guint serial = dc_face_render_cache_get_serial (self->render_cache);

          if (self->base_node == NULL || self->nodes_serial != serial)
            {
              g_clear_pointer (&self->base_node, gsk_render_node_unref);
              g_clear_pointer (&self->annotations_node, gsk_render_node_unref);
              self->base_node = layer_node_new (self, DC_FACE_LAYER_BASE);
              self->annotations_node = layer_node_new (self, DC_FACE_LAYER_ANNOTATIONS);
              self->nodes_serial = serial;
            }
          gtk_snapshot_append_node (snapshot, self->base_node);
          append_highlights (self, snapshot, &options);
          gtk_snapshot_append_node (snapshot, self->annotations_node);
        }
      else
        {
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                                   &GRAPHENE_RECT_INIT (0, 0, self->chart_width,
                                                                        self->chart_height));

          dc_face_render (cr, self->catalogue, &options, self->chart_width, self->chart_height);
          cairo_destroy (cr);
        }
    }

  gtk_widget_snapshot_child (widget, self->zone_list, snapshot);
}

static void
dc_face_view_unmap (GtkWidget *widget)
{
  DcFaceView *self = DC_FACE_VIEW (widget);

  /* Out of sight, the layers are only memory. */
  clear_layers (self);

  GTK_WIDGET_CLASS (dc_face_view_parent_class)->unmap (widget);
}

static void
dc_face_view_state_flags_changed (GtkWidget     *widget,
                                  GtkStateFlags  previous_state)
{
  GtkStateFlags changed = previous_state ^ gtk_widget_get_state_flags (widget);

  /* The keyboard cursor shows only while the chart has the focus. */
  if (changed & GTK_STATE_FLAG_FOCUSED)
    update_highlight (DC_FACE_VIEW (widget));

  if (GTK_WIDGET_CLASS (dc_face_view_parent_class)->state_flags_changed != NULL)
    GTK_WIDGET_CLASS (dc_face_view_parent_class)->state_flags_changed (widget, previous_state);
}

/* Whether the focus is moving because of a key, rather than because the
 * window is showing its first focus. */
static gboolean
keyboard_in_use (DcFaceView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root));
}

/* Tab walks the chart's zones in anatomical order and then on into the
 * list, Shift+Tab the other way round. */
static gboolean
dc_face_view_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  DcFaceView *self = DC_FACE_VIEW (widget);
  gboolean backwards = direction == GTK_DIR_TAB_BACKWARD;

  /* The chart is one Tab stop, as a list is: the arrow keys move between
   * its zones, so the rest of the page stays a few Tabs away. */
  if (gtk_widget_is_focus (widget))
    {
      if (direction == GTK_DIR_TAB_FORWARD)
        return gtk_widget_child_focus (self->zone_list, direction);
      return FALSE;
    }

  if (gtk_widget_get_focus_child (widget) != NULL)
    {
      if (gtk_widget_child_focus (self->zone_list, direction))
        return TRUE;
      if (!backwards)
        return FALSE;
      if (self->focus_index < 0)
        set_focus_index (self, first_focus_index (self));
      set_keyboard_cursor (self, keyboard_in_use (self));
      return gtk_widget_grab_focus (widget);
    }

  /* Coming in from outside. */
  if (backwards && gtk_widget_child_focus (self->zone_list, direction))
    return TRUE;
  if (self->focus_index < 0)
    set_focus_index (self, first_focus_index (self));
  set_keyboard_cursor (self, keyboard_in_use (self));
  return gtk_widget_grab_focus (widget);
}

static void
dc_face_view_dispose (GObject *object)
{
  DcFaceView *self = DC_FACE_VIEW (object);

  clear_treatments (self);
  clear_devices (self);
  g_clear_pointer (&self->zone_list, gtk_widget_unparent);

  G_OBJECT_CLASS (dc_face_view_parent_class)->dispose (object);
}

static void
dc_face_view_finalize (GObject *object)
{
  DcFaceView *self = DC_FACE_VIEW (object);

  for (guint i = 0; i < self->n_zones; i++)
    g_free (self->items[i].tooltip);
  g_free (self->items);
  g_ptr_array_unref (self->watched);
  g_hash_table_unref (self->depths);
  g_free (self->selected);
  g_strfreev (self->selected_ids);
  clear_layers (self);
  dc_face_render_cache_free (self->render_cache);

  G_OBJECT_CLASS (dc_face_view_parent_class)->finalize (object);
}

static void
dc_face_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DcFaceView *self = DC_FACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TREATMENTS:
      g_value_set_object (value, self->treatments);
      break;
    case PROP_DEVICES:
      g_value_set_object (value, self->devices);
      break;
    case PROP_SELECTED_ZONES:
      g_value_set_boxed (value, self->selected_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_face_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DcFaceView *self = DC_FACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TREATMENTS:
      dc_face_view_set_treatments (self, g_value_get_object (value));
      break;
    case PROP_DEVICES:
      dc_face_view_set_devices (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ZONES:
      dc_face_view_set_selected_zones (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass   *widget_class,
                  guint             keyval,
                  guint             kp_keyval,
                  GtkDirectionType  direction)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, move_focus_binding_cb, "i", direction);
  gtk_widget_class_add_binding (widget_class, kp_keyval, 0, move_focus_binding_cb, "i",
                                direction);
}

static void
dc_face_view_class_init (DcFaceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_face_view_dispose;
  object_class->finalize = dc_face_view_finalize;
  object_class->get_property = dc_face_view_get_property;
  object_class->set_property = dc_face_view_set_property;

  widget_class->measure = dc_face_view_measure;
  widget_class->get_request_mode = dc_face_view_get_request_mode;
  widget_class->size_allocate = dc_face_view_size_allocate;
  widget_class->snapshot = dc_face_view_snapshot;
  widget_class->unmap = dc_face_view_unmap;
  widget_class->state_flags_changed = dc_face_view_state_flags_changed;
  widget_class->focus = dc_face_view_focus;
  widget_class->query_tooltip = dc_face_view_query_tooltip;

  properties[PROP_TREATMENTS] =
    g_param_spec_object ("treatments", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVICES] =
    g_param_spec_object ("devices", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ZONES] =
    g_param_spec_boxed ("selected-zones", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "face.select-zone", "s", select_zone_action);
  gtk_widget_class_install_action (widget_class, "face.toggle-zone", "s", toggle_zone_action);
  gtk_widget_class_install_action (widget_class, "face.clear-selection", NULL,
                                   clear_selection_action);
  gtk_widget_class_install_action (widget_class, "face.select-mirror", NULL,
                                   select_mirror_action);

  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, GTK_DIR_LEFT);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, GTK_DIR_RIGHT);
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, GTK_DIR_UP);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, GTK_DIR_DOWN);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, focus_end_binding_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Home, 0, focus_end_binding_cb, "b",
                                FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, focus_end_binding_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_End, 0, focus_end_binding_cb, "b",
                                TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, toggle_focused_binding_cb,
                                NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Space, 0, toggle_focused_binding_cb,
                                NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, GDK_CONTROL_MASK,
                                toggle_focused_binding_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, select_focused_binding_cb,
                                NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, select_focused_binding_cb,
                                NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, select_focused_binding_cb,
                                NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, clear_binding_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "facechart");
  /* A group: the chart's accessible content is the list of zones in it. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dc_face_view_init (DcFaceView *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->catalogue = dc_zone_catalogue_get_default ();
  self->zone_ids = dc_zone_catalogue_get_zone_ids (self->catalogue);
  self->n_zones = dc_zone_catalogue_get_n_zones (self->catalogue);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->depths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->render_cache = dc_face_render_cache_new ();
  self->selected = g_new0 (gboolean, self->n_zones);
  self->selected_ids = g_new0 (char *, 1);
  self->focus_index = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Face chart"), -1);

  build_zone_list (self);
  update_zone_items (self);
  update_actions (self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

/* Public API --------------------------------------------------------------- */

GtkWidget *
dc_face_view_new (void)
{
  return g_object_new (DC_TYPE_FACE_VIEW, NULL);
}

GListModel *
dc_face_view_get_treatments (DcFaceView *self)
{
  g_return_val_if_fail (DC_IS_FACE_VIEW (self), NULL);

  return self->treatments;
}

void
dc_face_view_set_treatments (DcFaceView *self,
                             GListModel *treatments)
{
  g_return_if_fail (DC_IS_FACE_VIEW (self));
  g_return_if_fail (treatments == NULL || G_IS_LIST_MODEL (treatments));

  if (treatments == self->treatments)
    return;

  clear_treatments (self);
  if (treatments != NULL)
    {
      self->treatments = g_object_ref (treatments);
      g_signal_connect_object (treatments, "items-changed", G_CALLBACK (treatments_changed_cb),
                               self, G_CONNECT_SWAPPED);
      treatments_changed_cb (self, 0, 0, g_list_model_get_n_items (treatments), treatments);
    }
  else
    update_depths (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TREATMENTS]);
}

GListModel *
dc_face_view_get_devices (DcFaceView *self)
{
  g_return_val_if_fail (DC_IS_FACE_VIEW (self), NULL);

  return self->devices;
}

void
dc_face_view_set_devices (DcFaceView *self,
                          GListModel *devices)
{
  g_return_if_fail (DC_IS_FACE_VIEW (self));
  g_return_if_fail (devices == NULL || G_IS_LIST_MODEL (devices));

  if (devices == self->devices)
    return;

  clear_devices (self);
  if (devices != NULL)
    {
      self->devices = g_object_ref (devices);
      g_signal_connect_object (devices, "items-changed", G_CALLBACK (devices_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_zone_items (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICES]);
}

const char *const *
dc_face_view_get_selected_zones (DcFaceView *self)
{
  g_return_val_if_fail (DC_IS_FACE_VIEW (self), NULL);

  return (const char *const *) self->selected_ids;
}

void
dc_face_view_set_selected_zones (DcFaceView        *self,
                                 const char *const *zone_ids)
{
  g_autofree gboolean *mask = NULL;

  g_return_if_fail (DC_IS_FACE_VIEW (self));

  mask = g_new0 (gboolean, self->n_zones);
  for (guint i = 0; zone_ids != NULL && zone_ids[i] != NULL; i++)
    {
      int index = zone_index (self, zone_ids[i]);

      /* A zone a later catalogue dropped is simply not shown. */
      if (index >= 0)
        mask[index] = TRUE;
    }
  apply_selection (self, mask);
}

gboolean
dc_face_view_get_zone_depth (DcFaceView *self,
                             const char *zone_id,
                             double     *depth_mm)
{
  double *depth;

  g_return_val_if_fail (DC_IS_FACE_VIEW (self), FALSE);
  g_return_val_if_fail (zone_id != NULL, FALSE);

  depth = g_hash_table_lookup (self->depths, zone_id);
  if (depth != NULL && depth_mm != NULL)
    *depth_mm = *depth;
  return depth != NULL;
}

void
_dc_face_view_get_render_options (DcFaceView          *self,
                                  DcFaceRenderOptions *options,
                                  double              *width,
                                  double              *height)
{
  g_return_if_fail (DC_IS_FACE_VIEW (self));
  g_return_if_fail (options != NULL);

  fill_options (self, options);
  if (width != NULL)
    *width = self->chart_width;
  if (height != NULL)
    *height = self->chart_height;
}
