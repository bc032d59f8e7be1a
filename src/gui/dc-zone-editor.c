/* dc-zone-editor.c: the treatment of the zones selected on the chart.
 *
 * The rows show what is recorded for the first selected zone that has a
 * treatment, or the values last shown. Nothing changes until Apply, which
 * sets the values shown on every selected zone as one edit of the chart's
 * history, so that one undo takes back what one click did.
 *
 * The device's limits are checked as values change: a depth it cannot be
 * set to is shown as an error and cannot be applied. A depth outside the
 * zone's usual range can, once the practitioner records why. A device
 * change keeps the depth shown, even where the new device cannot reach it:
 * silently moving a clinical value to fit would record something nobody
 * chose. */

#include "config.h"

#include "dc-zone-editor.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "dc-chart-history.h"
#include "dc-lot-choice.h"
#include "dc-model.h"
#include "dc-zone-catalogue.h"
#include "dc-zone-rules.h"

/* Closer than this to a limit is at the limit (0.1 × 3 ≠ 0.3). */
#define EPSILON 1e-6

struct _DcZoneEditor
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  AdwComboRow         *device_row;
  AdwActionRow        *depth_row;
  GtkSpinButton       *depth_spin;
  GtkSpinButton       *passes_spin;
  AdwActionRow        *speed_row;
  GtkSpinButton       *speed_spin;
  AdwActionRow        *cartridge_row;
  GtkSpinButton       *cartridge_spin;
  AdwComboRow         *cartridge_lot_row;
  AdwActionRow        *needles_row;
  GtkLabel            *needles_label;
  AdwActionRow        *energy_row;
  GtkSpinButton       *energy_spin;
  AdwActionRow        *pulse_row;
  GtkSpinButton       *pulse_spin;
  AdwComboRow         *mode_row;
  AdwActionRow        *pins_row;
  GtkSpinButton       *pins_spin;
  AdwActionRow        *insulated_row;
  GtkSwitch           *insulated_switch;
  GtkLabel            *message_label;

  char               **selection;
  GListStore          *treatments;
  GListModel          *devices;
  GListModel          *lots;         /* DcLotChoice, of any product */
  GListStore          *lot_items;    /* what the lot row offers */
  DcChartHistory      *history;
  GListModel          *guidance;
  gint64               session_id;

  AdwMessageDialog    *dialog;       /* weak: asking for a reason */
  GtkWidget           *error_row;    /* the row the form's error is about */
  gboolean             loading;      /* the form is being filled in, not edited */
  gboolean             applying;     /* our own edit is changing the list */
  gboolean             valid;
  gboolean             dirty;        /* Apply would change something */
};

G_DEFINE_FINAL_TYPE (DcZoneEditor, dc_zone_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SELECTION,
  PROP_TREATMENTS,
  PROP_DEVICES,
  PROP_LOTS,
  PROP_HISTORY,
  PROP_GUIDANCE,
  PROP_SESSION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The fields an edit is named after when it changes only that one. */
static const struct
{
  const char *field;
  const char *label;
} field_labels[] = {
  { "device-id", NC_("edit", "Device Change") },
  { "depth-mm", NC_("edit", "Depth Change") },
  { "passes", NC_("edit", "Passes Change") },
  { "speed", NC_("edit", "Speed Change") },
  { "needle-count", NC_("edit", "Needle Count Change") },
  { "cartridge-lot-id", NC_("edit", "Cartridge Lot Change") },
  { "energy", NC_("edit", "Energy Change") },
  { "pulse-ms", NC_("edit", "Pulse Time Change") },
  { "rf-mode", NC_("edit", "Mode Change") },
  { "tip-pins", NC_("edit", "Tip Change") },
  { "insulated", NC_("edit", "Insulation Change") },
};

static void refresh (DcZoneEditor *self);

static DcZoneCatalogue *
catalogue (void)
{
  return dc_zone_catalogue_get_default ();
}

static const char *
zone_name (const char *zone_id)
{
  const DcZone *zone = dc_zone_catalogue_lookup (catalogue (), zone_id);

  return zone != NULL ? dc_zone_get_name (zone) : zone_id;
}

static guint
n_selected (DcZoneEditor *self)
{
  return self->selection != NULL ? g_strv_length (self->selection) : 0;
}

static DcDevice *
get_device (DcZoneEditor *self)
{
  gpointer item = adw_combo_row_get_selected_item (self->device_row);

  return item != NULL ? DC_DEVICE (item) : NULL;
}

/* Returns: (transfer none) (nullable): the list keeps it alive */
static DcZoneTreatment *
find_treatment (DcZoneEditor *self,
                const char   *zone_id)
{
  GListModel *model;
  guint n_items;

  if (self->treatments == NULL)
    return NULL;

  model = G_LIST_MODEL (self->treatments);

  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcZoneTreatment) treatment = g_list_model_get_item (model, i);

      if (g_strcmp0 (dc_zone_treatment_get_zone (treatment), zone_id) == 0)
        return treatment;
    }

  return NULL;
}

static DcZoneTreatment *
first_selected_treatment (DcZoneEditor *self)
{
  for (guint i = 0; i < n_selected (self); i++)
    {
      DcZoneTreatment *treatment = find_treatment (self, self->selection[i]);

      if (treatment != NULL)
        return treatment;
    }

  return NULL;
}

static guint
find_device (DcZoneEditor *self,
             gint64        device_id)
{
  guint n_items = self->devices != NULL ? g_list_model_get_n_items (self->devices) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) device = g_list_model_get_item (self->devices, i);

      if (dc_record_get_id (device) == device_id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static char *
device_label (DcDevice *device)
{
  const char *family;

  if (device == NULL)
    return NULL;

  family = dc_enum_get_label (DC_TYPE_DEVICE_KIND, dc_device_get_kind (device));
  /* TRANSLATORS: a device and its family, "Dermapen 4 — Motorized pen" */
  return g_strdup_printf (C_("device", "%s — %s"), dc_device_get_model (device), family);
}

/* Only the fields: the row id, UUID and timestamps are @dest's own. */
static void
assign_fields (DcZoneTreatment *dest,
               DcZoneTreatment *src)
{
  GParamSpec **fields;
  guint n_fields;

  fields = dc_record_class_get_fields (DC_RECORD_GET_CLASS (dest), &n_fields);
  g_object_freeze_notify (G_OBJECT (dest));
  for (guint i = 0; i < n_fields; i++)
    dc_record_set_field (DC_RECORD (dest), fields[i],
                         dc_record_get_field (DC_RECORD (src), fields[i]));
  g_object_thaw_notify (G_OBJECT (dest));
}

static int
digits_for_step (double step)
{
  int digits = 1;

  while (digits < 3 && fabs (step * pow (10, digits) - round (step * pow (10, digits))) > EPSILON)
    digits++;
  return digits;
}

/* Sets @spin to @value within @lower–@upper, widened to keep @value: a
 * value the device cannot take stays visible (and refused) rather than
 * being moved. */
static void
configure_spin (GtkSpinButton *spin,
                double         value,
                double         lower,
                double         upper,
                double         step,
                int            digits)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  gtk_spin_button_set_digits (spin, digits);
  gtk_adjustment_configure (adjustment, value, MIN (lower, value), MAX (upper, value), step,
                            step * 5, 0);
}

/* Narrows the spin's range back to the device's once its value is in it. */
static void
narrow_spin (GtkSpinButton *spin,
             double         lower,
             double         upper)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  double value = gtk_adjustment_get_value (adjustment);

  gtk_adjustment_set_lower (adjustment, MIN (lower, value));
  gtk_adjustment_set_upper (adjustment, MAX (upper, value));
}

static double
spin_value (GtkSpinButton *spin)
{
  double scale = pow (10, gtk_spin_button_get_digits (spin));

  /* What the spin shows, not the binary fraction behind it. */
  return round (gtk_spin_button_get_value (spin) * scale) / scale;
}

static double
energy_step (DcDevice *device)
{
  return dc_device_get_energy_unit (device) == DC_ENERGY_WATT ? 0.5 : 1;
}

static double
pulse_step (DcDevice *device)
{
  return dc_device_get_pulse_max (device) - dc_device_get_pulse_min (device) >= 100 ? 10 : 1;
}

static gboolean
has_speed_choice (DcDevice *device)
{
  return dc_device_get_speed_max (device) > dc_device_get_speed_min (device);
}

/* Cartridge lots ---------------------------------------------------------- */

/* The lot row offers "Not recorded", then the clinic's cartridge lots. A
 * recorded lot the list does not hold (not loaded yet, or its product
 * since changed) is offered as it is, so that applying other values never
 * drops it. Items other than DcLotChoice carry their lot id as data. */
#define LOT_ID_KEY "dc-lot-id"

static GObject *
new_lot_placeholder (const char *label,
                     gint64      lot_id)
{
  GtkStringObject *item = gtk_string_object_new (label);
  gint64 *id = g_new (gint64, 1);

  *id = lot_id;
  g_object_set_data_full (G_OBJECT (item), LOT_ID_KEY, id, g_free);
  return G_OBJECT (item);
}

static gint64
lot_item_get_id (gpointer item)
{
  gint64 *id;

  if (DC_IS_LOT_CHOICE (item))
    return dc_record_get_id (DC_RECORD (dc_lot_choice_get_lot (item)));

  id = g_object_get_data (G_OBJECT (item), LOT_ID_KEY);
  return id != NULL ? *id : 0;
}

static char *
lot_item_label (GObject *item)
{
  if (DC_IS_LOT_CHOICE (item))
    return g_strdup (dc_lot_choice_get_label (DC_LOT_CHOICE (item)));

  return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

static gint64
get_lot_id (DcZoneEditor *self)
{
  gpointer item = adw_combo_row_get_selected_item (self->cartridge_lot_row);

  return item != NULL ? lot_item_get_id (item) : 0;
}

/* Shows @lot_id on the lot row, adding it if the list lacks it. */
static void
select_lot (DcZoneEditor *self,
            gint64        lot_id)
{
  GListModel *items = G_LIST_MODEL (self->lot_items);
  guint n_items = g_list_model_get_n_items (items);
  g_autoptr(GObject) placeholder = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (lot_item_get_id (item) == lot_id)
        {
          adw_combo_row_set_selected (self->cartridge_lot_row, i);
          return;
        }
    }

  /* TRANSLATORS: a cartridge lot recorded on a zone that is not in the
   * clinic's list of lots */
  placeholder = new_lot_placeholder (_("Recorded Lot"), lot_id);
  g_list_store_append (self->lot_items, placeholder);
  adw_combo_row_set_selected (self->cartridge_lot_row, n_items);
}

static void
rebuild_lot_items (DcZoneEditor *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_lots = self->lots != NULL ? g_list_model_get_n_items (self->lots) : 0;
  gboolean was_loading = self->loading;
  gint64 shown = get_lot_id (self);

  g_ptr_array_add (items, new_lot_placeholder (_("Not Recorded"), 0));
  for (guint i = 0; i < n_lots; i++)
    {
      g_autoptr(DcLotChoice) choice = g_list_model_get_item (self->lots, i);

      if (dc_product_get_kind (dc_lot_choice_get_product (choice)) == DC_PRODUCT_CARTRIDGE)
        g_ptr_array_add (items, g_object_ref (choice));
    }

  self->loading = TRUE;
  g_list_store_splice (self->lot_items, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->lot_items)),
                       items->pdata, items->len);
  select_lot (self, shown);
  self->loading = was_loading;
}

static void
lots_changed_cb (DcZoneEditor *self)
{
  rebuild_lot_items (self);
}

/* Sets the RF rows to @device's ranges, showing @energy and @pulse. A range
 * the clinic has not set takes any value, and says it is not checked. */
static void
configure_rf (DcZoneEditor *self,
              DcDevice     *device,
              double        energy,
              double        pulse)
{
  const char *tips = dc_device_get_tips (device);
  const char *unchecked = _("No range set for this device");
  double step = energy_step (device);

  if (dc_device_get_energy_max (device) > 0)
    {
      double min = dc_device_get_energy_min (device);

      configure_spin (self->energy_spin, energy > 0 ? energy : min, min,
                      dc_device_get_energy_max (device), step, step < 1 ? 1 : 0);
      adw_action_row_set_subtitle (self->energy_row, "");
    }
  else
    {
      configure_spin (self->energy_spin, energy, 0, 1000, step, step < 1 ? 1 : 0);
      adw_action_row_set_subtitle (self->energy_row, unchecked);
    }

  switch (dc_device_get_energy_unit (device))
    {
    case DC_ENERGY_WATT:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->energy_row), _("Energy (W)"));
      break;
    case DC_ENERGY_LEVEL:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->energy_row),
                                     _("Energy (level)"));
      break;
    case DC_ENERGY_NONE:
    default:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->energy_row), _("Energy"));
      break;
    }

  if (dc_device_get_pulse_max (device) > 0)
    {
      double min = dc_device_get_pulse_min (device);

      configure_spin (self->pulse_spin, pulse > 0 ? pulse : min, min,
                      dc_device_get_pulse_max (device), pulse_step (device), 0);
      adw_action_row_set_subtitle (self->pulse_row, "");
    }
  else
    {
      configure_spin (self->pulse_spin, pulse, 0, 10000, 1, 0);
      adw_action_row_set_subtitle (self->pulse_row, unchecked);
    }

  adw_action_row_set_subtitle (self->pins_row, tips != NULL ? tips : "");
}

/* Shows the rows of @device's family, with its ranges. */
static void
configure_device (DcZoneEditor *self)
{
  DcDevice *device = get_device (self);
  DcDeviceKind kind = device != NULL ? dc_device_get_kind (device) : DC_DEVICE_PEN;
  gboolean pen = device != NULL && kind == DC_DEVICE_PEN;
  gboolean roller = device != NULL && kind == DC_DEVICE_ROLLER;
  gboolean rf = device != NULL && kind == DC_DEVICE_RF;
  gboolean was_loading = self->loading;

  self->loading = TRUE;

  gtk_widget_set_visible (GTK_WIDGET (self->speed_row), pen && has_speed_choice (device));
  gtk_widget_set_visible (GTK_WIDGET (self->cartridge_row), pen);
  gtk_widget_set_visible (GTK_WIDGET (self->cartridge_lot_row), pen);
  gtk_widget_set_visible (GTK_WIDGET (self->needles_row), roller);
  gtk_widget_set_visible (GTK_WIDGET (self->energy_row), rf);
  gtk_widget_set_visible (GTK_WIDGET (self->pulse_row), rf);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_row), rf);
  gtk_widget_set_visible (GTK_WIDGET (self->pins_row), rf);
  gtk_widget_set_visible (GTK_WIDGET (self->insulated_row), rf);
  gtk_widget_set_sensitive (GTK_WIDGET (self->depth_spin), device != NULL && !roller);

  if (device == NULL)
    {
      self->loading = was_loading;
      return;
    }

  if (roller)
    {
      double length = dc_device_get_needle_length (device);
      int count = dc_device_get_needle_count (device);
      g_autofree char *count_text = NULL;

      configure_spin (self->depth_spin, length, length, length, 0.1,
                      digits_for_step (length));
      /* TRANSLATORS: the needles of a roller; "Not recorded" when unknown */
      count_text = count > 0 ? g_strdup_printf ("%d", count) : g_strdup (_("Not recorded"));
      gtk_label_set_text (self->needles_label, count_text);
    }
  else
    {
      double step = dc_device_get_depth_step (device) > 0
                    ? dc_device_get_depth_step (device) : 0.05;

      configure_spin (self->depth_spin, spin_value (self->depth_spin),
                      dc_device_get_depth_min (device), dc_device_get_depth_max (device), step,
                      digits_for_step (step));
    }

  if (pen && has_speed_choice (device))
    {
      double speed = gtk_spin_button_get_value (self->speed_spin);

      configure_spin (self->speed_spin, speed > 0 ? speed : dc_device_get_speed_min (device),
                      dc_device_get_speed_min (device), dc_device_get_speed_max (device), 1, 0);
    }

  if (rf)
    configure_rf (self, device, gtk_spin_button_get_value (self->energy_spin),
                  gtk_spin_button_get_value (self->pulse_spin));

  self->loading = was_loading;
}

/* Puts the values shown into @treatment. */
static void
read_form (DcZoneEditor    *self,
           DcZoneTreatment *treatment)
{
  DcDevice *device = get_device (self);
  DcDeviceKind kind;
  gboolean rf;

  dc_zone_treatment_set_device_id (treatment,
                                   device != NULL ? dc_record_get_id (DC_RECORD (device)) : 0);
  dc_zone_treatment_set_passes (treatment, gtk_spin_button_get_value_as_int (self->passes_spin));
  if (device == NULL)
    {
      dc_zone_treatment_set_depth_mm (treatment, spin_value (self->depth_spin));
      return;
    }

  kind = dc_device_get_kind (device);
  rf = kind == DC_DEVICE_RF;
  dc_zone_treatment_set_depth_mm (treatment, kind == DC_DEVICE_ROLLER
                                  ? dc_device_get_needle_length (device)
                                  : spin_value (self->depth_spin));

  switch (kind)
    {
    case DC_DEVICE_PEN:
      dc_zone_treatment_set_speed (treatment, has_speed_choice (device)
                                   ? gtk_spin_button_get_value_as_int (self->speed_spin)
                                   : dc_device_get_speed_max (device));
      dc_zone_treatment_set_needle_count (treatment,
                                          gtk_spin_button_get_value_as_int (self->cartridge_spin));
      break;
    case DC_DEVICE_ROLLER:
      dc_zone_treatment_set_speed (treatment, 0);
      dc_zone_treatment_set_needle_count (treatment, dc_device_get_needle_count (device));
      break;
    case DC_DEVICE_RF:
      dc_zone_treatment_set_speed (treatment, 0);
      dc_zone_treatment_set_needle_count (treatment, 0);
      break;
    default:
      g_assert_not_reached ();
    }

  dc_zone_treatment_set_cartridge_lot_id (treatment,
                                          kind == DC_DEVICE_PEN ? get_lot_id (self) : 0);

  dc_zone_treatment_set_energy (treatment, rf ? spin_value (self->energy_spin) : 0);
  dc_zone_treatment_set_pulse_ms (treatment, rf ? spin_value (self->pulse_spin) : 0);
  dc_zone_treatment_set_rf_mode (treatment,
                                 !rf ? DC_RF_MODE_NONE
                                 : adw_combo_row_get_selected (self->mode_row) == 1
                                 ? DC_RF_MODE_MONOPOLAR : DC_RF_MODE_BIPOLAR);
  dc_zone_treatment_set_tip_pins (treatment,
                                  rf ? gtk_spin_button_get_value_as_int (self->pins_spin) : 0);
  dc_zone_treatment_set_insulated (treatment,
                                   rf && gtk_switch_get_active (self->insulated_switch));
}

/* What Apply would make of @zone_id's treatment: a copy of it, or a new
 * one, with the values shown. */
static DcZoneTreatment *
build_candidate (DcZoneEditor *self,
                 const char   *zone_id)
{
  DcZoneTreatment *existing = find_treatment (self, zone_id);
  DcZoneTreatment *candidate;

  if (existing != NULL)
    {
      candidate = DC_ZONE_TREATMENT (dc_record_copy (DC_RECORD (existing)));
    }
  else
    {
      candidate = dc_zone_treatment_new ();
      dc_zone_treatment_set_session_id (candidate, self->session_id);
      dc_zone_treatment_set_zone (candidate, zone_id);
    }

  read_form (self, candidate);
  return candidate;
}

static gboolean
outside (double value,
         double min,
         double max)
{
  return value < min - EPSILON || value > max + EPSILON;
}

/* The row a device limit error is about. */
static GtkWidget *
offending_row (DcZoneEditor    *self,
               DcZoneTreatment *candidate,
               DcDevice        *device)
{
  if (device == NULL)
    return GTK_WIDGET (self->device_row);

  if (dc_device_get_kind (device) == DC_DEVICE_RF)
    {
      if (dc_device_get_energy_max (device) > 0
          && outside (dc_zone_treatment_get_energy (candidate),
                      dc_device_get_energy_min (device), dc_device_get_energy_max (device)))
        return GTK_WIDGET (self->energy_row);
      if (dc_device_get_pulse_max (device) > 0
          && outside (dc_zone_treatment_get_pulse_ms (candidate),
                      dc_device_get_pulse_min (device), dc_device_get_pulse_max (device)))
        return GTK_WIDGET (self->pulse_row);
    }

  if (dc_device_get_kind (device) == DC_DEVICE_PEN && has_speed_choice (device)
      && outside (dc_zone_treatment_get_speed (candidate), dc_device_get_speed_min (device),
                  dc_device_get_speed_max (device)))
    return GTK_WIDGET (self->speed_row);

  return GTK_WIDGET (self->depth_row);
}

/* Whether @candidate needs a reason it does not have yet: outside the
 * zone's usual range, and not as already recorded with a reason. */
static gboolean
needs_reason (DcZoneEditor    *self,
              DcZoneTreatment *candidate,
              DcDevice        *device,
              DcZoneGuidance  *guidance)
{
  DcZoneTreatment *existing;

  if (dc_zone_rules_within_guidance (catalogue (), self->guidance, candidate,
                                     dc_device_get_kind (device), guidance))
    return FALSE;

  existing = find_treatment (self, dc_zone_treatment_get_zone (candidate));
  return existing == NULL
         || dc_zone_treatment_get_guidance_reason (existing) == NULL
         || (dc_zone_treatment_get_device_id (existing)
             != dc_zone_treatment_get_device_id (candidate))
         || fabs (dc_zone_treatment_get_depth_mm (existing)
                  - dc_zone_treatment_get_depth_mm (candidate)) > EPSILON;
}

/* Checks the values shown against each selected zone. */
static gboolean
check_form (DcZoneEditor  *self,
            GtkWidget    **row,
            gboolean      *dirty,
            gboolean      *unusual,
            GError       **error)
{
  DcDevice *device = get_device (self);

  *dirty = FALSE;
  *unusual = FALSE;
  *row = NULL;

  for (guint i = 0; i < n_selected (self); i++)
    {
      g_autoptr(DcZoneTreatment) candidate = build_candidate (self, self->selection[i]);
      DcZoneTreatment *existing = find_treatment (self, self->selection[i]);

      if (existing == NULL
          || !dc_record_fields_equal (DC_RECORD (existing), DC_RECORD (candidate)))
        *dirty = TRUE;

      if (!dc_zone_rules_check_device (catalogue (), candidate, device, error))
        {
          *row = offending_row (self, candidate, device);
          return FALSE;
        }
      if (!dc_record_validate (DC_RECORD (candidate), error))
        {
          *row = GTK_WIDGET (self->depth_row);
          return FALSE;
        }
      if (!dc_zone_rules_within_guidance (catalogue (), self->guidance, candidate,
                                          dc_device_get_kind (device), NULL))
        *unusual = TRUE;
    }

  return TRUE;
}

static void
update_actions (DcZoneEditor *self)
{
  gboolean can_edit = self->history != NULL && self->treatments != NULL;
  gboolean any_treated = FALSE;
  gboolean any_mirror = FALSE;

  for (guint i = 0; can_edit && i < n_selected (self); i++)
    {
      const DcZone *zone = dc_zone_catalogue_lookup (catalogue (), self->selection[i]);
      const char *mirror = zone != NULL ? dc_zone_get_mirror_id (zone) : NULL;

      if (find_treatment (self, self->selection[i]) == NULL)
        continue;
      any_treated = TRUE;
      if (mirror != NULL && !g_strv_contains ((const char *const *) self->selection, mirror))
        any_mirror = TRUE;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "zone-editor.apply",
                                 can_edit && n_selected (self) > 0 && self->valid
                                 && self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "zone-editor.remove", any_treated);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "zone-editor.copy-to-opposite",
                                 any_mirror);
}

static void
update_titles (DcZoneEditor *self)
{
  guint n = n_selected (self);

  if (n == 1)
    {
      adw_preferences_group_set_title (self->group, zone_name (self->selection[0]));
      adw_preferences_group_set_description (self->group,
                                             find_treatment (self, self->selection[0]) != NULL
                                             ? NULL : _("Not treated yet"));
    }
  else if (n > 1)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u zone",
                                                             "%u zones", n),
                                                n);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            /* TRANSLATORS: between the names of a list, "Forehead, Nose" */
            g_string_append (names, C_("list", ", "));
          g_string_append (names, zone_name (self->selection[i]));
        }
      adw_preferences_group_set_title (self->group, title);
      adw_preferences_group_set_description (self->group, names->str);
    }
}

/* "Usual for this zone: 0.5–1 mm", the note and source for the tooltip,
 * and the reason recorded for going outside it. */
static void
update_depth_row (DcZoneEditor *self)
{
  DcDevice *device = get_device (self);
  DcZoneTreatment *existing = first_selected_treatment (self);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GString) tooltip = g_string_new (NULL);
  DcZoneGuidance first = { 0 };
  gboolean have_first = FALSE;
  gboolean differ = FALSE;

  if (device != NULL && dc_device_get_kind (device) == DC_DEVICE_ROLLER)
    g_string_append (subtitle, _("Fixed needle length"));

  for (guint i = 0; device != NULL && i < n_selected (self); i++)
    {
      DcZoneGuidance guidance;

      if (!dc_zone_rules_get_guidance (catalogue (), self->guidance, self->selection[i],
                                       dc_device_get_kind (device), &guidance))
        continue;

      if (!have_first)
        {
          first = guidance;
          have_first = TRUE;
        }
      else if (fabs (guidance.min_mm - first.min_mm) > EPSILON
               || fabs (guidance.max_mm - first.max_mm) > EPSILON)
        {
          differ = TRUE;
        }

      if (n_selected (self) > 1)
        {
          g_autofree char *min = dc_format_decimal (guidance.min_mm);
          g_autofree char *max = dc_format_decimal (guidance.max_mm);

          if (tooltip->len > 0)
            g_string_append_c (tooltip, '\n');
          /* TRANSLATORS: a zone's usual depth range, "Left cheek: 0.5–1 mm" */
          g_string_append_printf (tooltip, _("%s: %s–%s mm"), zone_name (self->selection[i]),
                                  min, max);
        }
    }

  if (have_first)
    {
      g_autofree char *min = dc_format_decimal (first.min_mm);
      g_autofree char *max = dc_format_decimal (first.max_mm);

      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      if (differ)
        g_string_append (subtitle, _("The usual depth differs between these zones"));
      else if (n_selected (self) > 1)
        g_string_append_printf (subtitle, _("Usual for these zones: %s–%s mm"), min, max);
      else
        g_string_append_printf (subtitle, _("Usual for this zone: %s–%s mm"), min, max);

      if (n_selected (self) == 1)
        {
          if (first.note != NULL)
            g_string_append (tooltip, first.note);
          if (first.source != NULL)
            {
              if (tooltip->len > 0)
                g_string_append_c (tooltip, '\n');
              g_string_append_printf (tooltip, _("Source: %s"), first.source);
            }
        }
      else if (first.source != NULL && !differ)
        {
          g_string_append_c (tooltip, '\n');
          g_string_append_printf (tooltip, _("Source: %s"), first.source);
        }
    }

  if (existing != NULL && dc_zone_treatment_get_guidance_reason (existing) != NULL)
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle, _("Outside the usual range: %s"),
                              dc_zone_treatment_get_guidance_reason (existing));
    }

  adw_action_row_set_subtitle (self->depth_row, subtitle->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->depth_row),
                               tooltip->len > 0 ? tooltip->str : NULL);
}

static void
set_error_row (DcZoneEditor *self,
               GtkWidget    *row)
{
  if (self->error_row == row)
    return;
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");
  self->error_row = row;
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
}

static void
refresh (DcZoneEditor *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = NULL;
  gboolean unusual = FALSE;
  DcDevice *device = get_device (self);

  /* The bin's own child: not bound, as AdwBin lets go of it itself. */
  gtk_stack_set_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (self))),
                                    n_selected (self) > 0 ? "editor" : "empty");
  update_titles (self);

  if (device != NULL && dc_device_get_kind (device) != DC_DEVICE_ROLLER)
    narrow_spin (self->depth_spin, dc_device_get_depth_min (device),
                 dc_device_get_depth_max (device));

  self->valid = n_selected (self) > 0
                && check_form (self, &row, &self->dirty, &unusual, &error);
  set_error_row (self, self->valid ? NULL : row);
  update_depth_row (self);

  if (self->valid && unusual)
    gtk_widget_add_css_class (GTK_WIDGET (self->depth_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->depth_row), "warning");

  gtk_label_set_text (self->message_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), error != NULL);

  update_actions (self);
}

/* Shows what is recorded for the selection, or keeps the values shown
 * where nothing is, ready to be applied to it. */
static void
load_form (DcZoneEditor *self)
{
  DcZoneTreatment *existing = first_selected_treatment (self);
  DcDevice *device;

  self->loading = TRUE;

  if (existing != NULL)
    {
      adw_combo_row_set_selected (self->device_row,
                                  find_device (self,
                                               dc_zone_treatment_get_device_id (existing)));
      gtk_spin_button_set_value (self->depth_spin, dc_zone_treatment_get_depth_mm (existing));
      gtk_spin_button_set_value (self->passes_spin, dc_zone_treatment_get_passes (existing));
      gtk_spin_button_set_value (self->speed_spin, dc_zone_treatment_get_speed (existing));
      gtk_spin_button_set_value (self->cartridge_spin,
                                 dc_zone_treatment_get_needle_count (existing));
      gtk_spin_button_set_value (self->energy_spin, dc_zone_treatment_get_energy (existing));
      gtk_spin_button_set_value (self->pulse_spin, dc_zone_treatment_get_pulse_ms (existing));
      adw_combo_row_set_selected (self->mode_row,
                                  dc_zone_treatment_get_rf_mode (existing)
                                  == DC_RF_MODE_MONOPOLAR ? 1 : 0);
      gtk_spin_button_set_value (self->pins_spin, dc_zone_treatment_get_tip_pins (existing));
      gtk_switch_set_active (self->insulated_switch,
                             dc_zone_treatment_get_insulated (existing));
      select_lot (self, dc_zone_treatment_get_cartridge_lot_id (existing));
      /* Widened to the stored values, which a device may no longer reach
       * (setting a spin's value clamps it to the range it had). */
      configure_device (self);
      device = get_device (self);
      if (device != NULL && dc_device_get_kind (device) != DC_DEVICE_ROLLER)
        configure_spin (self->depth_spin, dc_zone_treatment_get_depth_mm (existing),
                        dc_device_get_depth_min (device), dc_device_get_depth_max (device),
                        gtk_adjustment_get_step_increment (
                          gtk_spin_button_get_adjustment (self->depth_spin)),
                        gtk_spin_button_get_digits (self->depth_spin));
      if (device != NULL && dc_device_get_kind (device) == DC_DEVICE_RF)
        configure_rf (self, device, dc_zone_treatment_get_energy (existing),
                      dc_zone_treatment_get_pulse_ms (existing));
    }
  else
    {
      configure_device (self);
    }

  self->loading = FALSE;
  refresh (self);
}

static void
form_changed_cb (DcZoneEditor *self)
{
  if (!self->loading)
    refresh (self);
}

static void
device_changed_cb (DcZoneEditor *self)
{
  if (self->loading)
    return;
  configure_device (self);
  refresh (self);
}

static void
treatments_changed_cb (DcZoneEditor *self)
{
  if (!self->applying)
    load_form (self);
}

static void
devices_changed_cb (DcZoneEditor *self)
{
  load_form (self);
}

/* "Depth Change" where one kind of field changed, "Treatment Change"
 * where several did. */
static const char *
edit_label (GPtrArray *existing,
            GPtrArray *candidates)
{
  const char *label = NULL;
  guint n_new = 0;

  for (guint i = 0; i < candidates->len; i++)
    {
      DcRecord *before = g_ptr_array_index (existing, i);
      DcRecord *after = g_ptr_array_index (candidates, i);

      if (before == NULL)
        {
          n_new++;
          continue;
        }

      for (guint j = 0; j < G_N_ELEMENTS (field_labels); j++)
        {
          GParamSpec *field = dc_record_class_find_field (DC_RECORD_GET_CLASS (after),
                                                          field_labels[j].field);

          if (g_param_values_cmp (field, dc_record_get_field (before, field),
                                  dc_record_get_field (after, field)) == 0)
            continue;
          if (j == 0)
            return g_dpgettext2 (GETTEXT_PACKAGE, "edit", field_labels[0].label);
          if (label != NULL && label != field_labels[j].label)
            return C_("edit", "Treatment Change");
          label = field_labels[j].label;
        }
    }

  if (n_new == candidates->len)
    return C_("edit", "New Treatment");
  if (n_new > 0 || label == NULL)
    return C_("edit", "Treatment Change");
  return g_dpgettext2 (GETTEXT_PACKAGE, "edit", label);
}

/* Sets the values shown on every selected zone, as one edit. @reason is
 * recorded on the treatments outside the usual range that need one. */
static void
apply_form (DcZoneEditor *self,
            const char   *reason)
{
  DcDevice *device = get_device (self);
  g_autoptr(GPtrArray) existing = g_ptr_array_new ();
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (device != NULL);

  for (guint i = 0; i < n_selected (self); i++)
    {
      DcZoneTreatment *candidate = build_candidate (self, self->selection[i]);
      DcZoneGuidance guidance;

      if (needs_reason (self, candidate, device, &guidance))
        dc_zone_treatment_set_guidance_reason (candidate, reason);
      else if (dc_zone_rules_within_guidance (catalogue (), self->guidance, candidate,
                                              dc_device_get_kind (device), NULL))
        dc_zone_treatment_set_guidance_reason (candidate, NULL);

      g_ptr_array_add (existing, find_treatment (self, self->selection[i]));
      g_ptr_array_add (candidates, candidate);
    }

  self->applying = TRUE;
  dc_chart_history_begin (self->history, edit_label (existing, candidates));
  for (guint i = 0; i < candidates->len; i++)
    {
      DcZoneTreatment *before = g_ptr_array_index (existing, i);
      DcZoneTreatment *candidate = g_ptr_array_index (candidates, i);

      if (before != NULL)
        {
          dc_chart_history_track (self->history, before);
          assign_fields (before, candidate);
        }
      else
        {
          dc_chart_history_add (self->history, candidate);
        }
    }
  dc_chart_history_commit (self->history);
  self->applying = FALSE;

  load_form (self);
}

static void
reason_changed_cb (AdwMessageDialog *dialog,
                   GtkEditable      *editable)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "apply", *reason != '\0');
}

static void
reason_activated_cb (AdwMessageDialog *dialog,
                     GtkEditable      *editable)
{
  if (adw_message_dialog_get_response_enabled (dialog, "apply"))
    {
      adw_message_dialog_response (dialog, "apply");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

static void
dialog_response_cb (DcZoneEditor     *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkEditable *editable = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (g_strcmp0 (response, "apply") != 0 || *reason == '\0')
    return;

  /* The form may have changed under a dialog left open by a test or a
   * slow hand; apply only what still checks out. */
  refresh (self);
  if (self->valid && self->dirty)
    apply_form (self, reason);
}

static void
ask_reason (DcZoneEditor *self,
            GPtrArray    *lines)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *row;
  g_autofree char *body = NULL;

  g_ptr_array_add (lines, NULL);
  body = g_strjoinv ("\n", (char **) lines->pdata);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Depth Outside the Usual Range"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", body,
                                  _("Record why, and the reason is kept with the treatment."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Record and Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "reason", row);

  g_signal_connect_object (row, "changed", G_CALLBACK (reason_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (reason_activated_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self,
                           G_CONNECT_SWAPPED);

  g_set_weak_pointer (&self->dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (row);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DcZoneEditor *self = DC_ZONE_EDITOR (widget);
  DcDevice *device = get_device (self);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  refresh (self);
  if (!self->valid || !self->dirty || device == NULL)
    return;

  for (guint i = 0; i < n_selected (self); i++)
    {
      g_autoptr(DcZoneTreatment) candidate = build_candidate (self, self->selection[i]);
      DcZoneGuidance guidance;

      if (needs_reason (self, candidate, device, &guidance))
        {
          g_autofree char *depth = dc_format_decimal (dc_zone_treatment_get_depth_mm (candidate));
          g_autofree char *min = dc_format_decimal (guidance.min_mm);
          g_autofree char *max = dc_format_decimal (guidance.max_mm);

          /* TRANSLATORS: "Left cheek: 2.5 mm is outside the usual 0.5–1 mm" */
          g_ptr_array_add (lines, g_strdup_printf (_("%s: %s mm is outside the usual %s–%s mm"),
                                                   zone_name (self->selection[i]), depth,
                                                   min, max));
        }
    }

  if (lines->len > 0)
    ask_reason (self, lines);
  else
    apply_form (self, NULL);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DcZoneEditor *self = DC_ZONE_EDITOR (widget);

  self->applying = TRUE;
  dc_chart_history_begin (self->history, C_("edit", "Treatment Removal"));
  for (guint i = 0; i < n_selected (self); i++)
    {
      DcZoneTreatment *treatment = find_treatment (self, self->selection[i]);

      if (treatment != NULL)
        dc_chart_history_remove (self->history, treatment);
    }
  dc_chart_history_commit (self->history);
  self->applying = FALSE;

  load_form (self);
}

static void
copy_to_opposite_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DcZoneEditor *self = DC_ZONE_EDITOR (widget);

  self->applying = TRUE;
  dc_chart_history_begin (self->history, C_("edit", "Copy to Opposite Side"));
  for (guint i = 0; i < n_selected (self); i++)
    {
      DcZoneTreatment *source = find_treatment (self, self->selection[i]);
      const DcZone *zone = dc_zone_catalogue_lookup (catalogue (), self->selection[i]);
      const char *mirror = zone != NULL ? dc_zone_get_mirror_id (zone) : NULL;
      DcZoneTreatment *target;

      /* Both sides selected: neither is the original. */
      if (source == NULL || mirror == NULL
          || g_strv_contains ((const char *const *) self->selection, mirror))
        continue;

      target = find_treatment (self, mirror);
      if (target != NULL)
        {
          dc_chart_history_track (self->history, target);
          assign_fields (target, source);
          dc_zone_treatment_set_zone (target, mirror);
        }
      else
        {
          g_autoptr(DcZoneTreatment) copy = dc_zone_treatment_new ();

          assign_fields (copy, source);
          dc_zone_treatment_set_zone (copy, mirror);
          dc_chart_history_add (self->history, copy);
        }
    }
  dc_chart_history_commit (self->history);
  self->applying = FALSE;

  load_form (self);
}

static void
dc_zone_editor_dispose (GObject *object)
{
  DcZoneEditor *self = DC_ZONE_EDITOR (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_ZONE_EDITOR);
  self->error_row = NULL;

  if (self->treatments != NULL)
    g_signal_handlers_disconnect_by_data (self->treatments, self);
  if (self->devices != NULL)
    g_signal_handlers_disconnect_by_data (self->devices, self);
  if (self->lots != NULL)
    g_signal_handlers_disconnect_by_data (self->lots, self);
  g_clear_object (&self->treatments);
  g_clear_object (&self->devices);
  g_clear_object (&self->lots);
  g_clear_object (&self->lot_items);
  g_clear_object (&self->history);
  g_clear_object (&self->guidance);
  g_clear_pointer (&self->selection, g_strfreev);

  G_OBJECT_CLASS (dc_zone_editor_parent_class)->dispose (object);
}

static void
dc_zone_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DcZoneEditor *self = DC_ZONE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_boxed (value, self->selection);
      break;
    case PROP_TREATMENTS:
      g_value_set_object (value, self->treatments);
      break;
    case PROP_DEVICES:
      g_value_set_object (value, self->devices);
      break;
    case PROP_LOTS:
      g_value_set_object (value, self->lots);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_GUIDANCE:
      g_value_set_object (value, self->guidance);
      break;
    case PROP_SESSION_ID:
      g_value_set_int64 (value, self->session_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_zone_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DcZoneEditor *self = DC_ZONE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      dc_zone_editor_set_selection (self, g_value_get_boxed (value));
      break;
    case PROP_TREATMENTS:
      dc_zone_editor_set_treatments (self, g_value_get_object (value));
      break;
    case PROP_DEVICES:
      dc_zone_editor_set_devices (self, g_value_get_object (value));
      break;
    case PROP_LOTS:
      dc_zone_editor_set_lots (self, g_value_get_object (value));
      break;
    case PROP_HISTORY:
      dc_zone_editor_set_history (self, g_value_get_object (value));
      break;
    case PROP_GUIDANCE:
      dc_zone_editor_set_guidance (self, g_value_get_object (value));
      break;
    case PROP_SESSION_ID:
      dc_zone_editor_set_session_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_zone_editor_class_init (DcZoneEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_zone_editor_dispose;
  object_class->get_property = dc_zone_editor_get_property;
  object_class->set_property = dc_zone_editor_set_property;

  /* Zone ids from the catalogue. */
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The session's DcZoneTreatment records, the list @history edits. */
  properties[PROP_TREATMENTS] =
    g_param_spec_object ("treatments", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* DcDevice records to choose from. */
  properties[PROP_DEVICES] =
    g_param_spec_object ("devices", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* DcLotChoice items to pick a pen's cartridge lot from; only those of
   * cartridge products are offered. */
  properties[PROP_LOTS] =
    g_param_spec_object ("lots", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, DC_TYPE_CHART_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The clinic's own DcDepthGuidance records, or NULL. */
  properties[PROP_GUIDANCE] =
    g_param_spec_object ("guidance", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The session new treatments belong to. */
  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-zone-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, group);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, device_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, depth_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, passes_spin);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, speed_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, cartridge_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, cartridge_spin);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, cartridge_lot_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, needles_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, needles_label);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, energy_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, energy_spin);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, pulse_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, pulse_spin);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, mode_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, pins_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, pins_spin);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, insulated_row);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, insulated_switch);
  gtk_widget_class_bind_template_child (widget_class, DcZoneEditor, message_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, device_changed_cb);

  gtk_widget_class_install_action (widget_class, "zone-editor.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "zone-editor.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "zone-editor.copy-to-opposite", NULL,
                                   copy_to_opposite_action);
}

static void
dc_zone_editor_init (DcZoneEditor *self)
{
  g_autoptr(GtkExpression) expression = NULL;
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (device_label), NULL, NULL);
  adw_combo_row_set_expression (self->device_row, expression);

  gtk_string_list_append (modes, dc_enum_get_label (DC_TYPE_RF_MODE, DC_RF_MODE_BIPOLAR));
  gtk_string_list_append (modes, dc_enum_get_label (DC_TYPE_RF_MODE, DC_RF_MODE_MONOPOLAR));
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (modes));

  g_clear_pointer (&expression, gtk_expression_unref);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (lot_item_label), NULL, NULL);
  adw_combo_row_set_expression (self->cartridge_lot_row, expression);
  self->lot_items = g_list_store_new (G_TYPE_OBJECT);
  adw_combo_row_set_model (self->cartridge_lot_row, G_LIST_MODEL (self->lot_items));
  rebuild_lot_items (self);

  refresh (self);
}

GtkWidget *
dc_zone_editor_new (void)
{
  return g_object_new (DC_TYPE_ZONE_EDITOR, NULL);
}

/* Returns: (transfer none) (nullable): the selected zone ids */
const char *const *
dc_zone_editor_get_selection (DcZoneEditor *self)
{
  g_return_val_if_fail (DC_IS_ZONE_EDITOR (self), NULL);

  return (const char *const *) self->selection;
}

void
dc_zone_editor_set_selection (DcZoneEditor      *self,
                              const char *const *zone_ids)
{
  g_return_if_fail (DC_IS_ZONE_EDITOR (self));

  if (self->selection == NULL && zone_ids == NULL)
    return;
  if (self->selection != NULL && zone_ids != NULL
      && g_strv_equal ((const char *const *) self->selection, zone_ids))
    return;

  g_strfreev (self->selection);
  self->selection = g_strdupv ((char **) zone_ids);
  load_form (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

GListStore *
dc_zone_editor_get_treatments (DcZoneEditor *self)
{
  g_return_val_if_fail (DC_IS_ZONE_EDITOR (self), NULL);

  return self->treatments;
}

void
dc_zone_editor_set_treatments (DcZoneEditor *self,
                               GListStore   *treatments)
{
  g_return_if_fail (DC_IS_ZONE_EDITOR (self));
  g_return_if_fail (treatments == NULL || G_IS_LIST_STORE (treatments));

  if (self->treatments == treatments)
    return;

  if (self->treatments != NULL)
    g_signal_handlers_disconnect_by_data (self->treatments, self);
  g_set_object (&self->treatments, treatments);
  if (treatments != NULL)
    g_signal_connect_swapped (treatments, "items-changed", G_CALLBACK (treatments_changed_cb),
                              self);
  load_form (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TREATMENTS]);
}

GListModel *
dc_zone_editor_get_devices (DcZoneEditor *self)
{
  g_return_val_if_fail (DC_IS_ZONE_EDITOR (self), NULL);

  return self->devices;
}

void
dc_zone_editor_set_devices (DcZoneEditor *self,
                            GListModel   *devices)
{
  g_return_if_fail (DC_IS_ZONE_EDITOR (self));
  g_return_if_fail (devices == NULL || G_IS_LIST_MODEL (devices));

  if (self->devices == devices)
    return;

  if (self->devices != NULL)
    g_signal_handlers_disconnect_by_data (self->devices, self);
  g_set_object (&self->devices, devices);
  self->loading = TRUE;
  adw_combo_row_set_model (self->device_row, devices);
  self->loading = FALSE;
  if (devices != NULL)
    g_signal_connect_swapped (devices, "items-changed", G_CALLBACK (devices_changed_cb), self);
  load_form (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICES]);
}

GListModel *
dc_zone_editor_get_lots (DcZoneEditor *self)
{
  g_return_val_if_fail (DC_IS_ZONE_EDITOR (self), NULL);

  return self->lots;
}

/**
 * dc_zone_editor_set_lots:
 * @lots: (nullable): DcLotChoice items; those of cartridges are offered
 */
void
dc_zone_editor_set_lots (DcZoneEditor *self,
                         GListModel   *lots)
{
  g_return_if_fail (DC_IS_ZONE_EDITOR (self));
  g_return_if_fail (lots == NULL || G_IS_LIST_MODEL (lots));

  if (self->lots == lots)
    return;

  if (self->lots != NULL)
    g_signal_handlers_disconnect_by_data (self->lots, self);
  g_set_object (&self->lots, lots);
  if (lots != NULL)
    g_signal_connect_swapped (lots, "items-changed", G_CALLBACK (lots_changed_cb), self);
  rebuild_lot_items (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOTS]);
}

DcChartHistory *
dc_zone_editor_get_history (DcZoneEditor *self)
{
  g_return_val_if_fail (DC_IS_ZONE_EDITOR (self), NULL);

  return self->history;
}

void
dc_zone_editor_set_history (DcZoneEditor   *self,
                            DcChartHistory *history)
{
  g_return_if_fail (DC_IS_ZONE_EDITOR (self));
  g_return_if_fail (history == NULL || DC_IS_CHART_HISTORY (history));

  if (g_set_object (&self->history, history))
    {
      update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
    }
}

GListModel *
dc_zone_editor_get_guidance (DcZoneEditor *self)
{
  g_return_val_if_fail (DC_IS_ZONE_EDITOR (self), NULL);

  return self->guidance;
}

/**
 * dc_zone_editor_set_guidance:
 * @guidance: (nullable): the clinic's DcDepthGuidance records
 */
void
dc_zone_editor_set_guidance (DcZoneEditor *self,
                             GListModel   *guidance)
{
  g_return_if_fail (DC_IS_ZONE_EDITOR (self));
  g_return_if_fail (guidance == NULL || G_IS_LIST_MODEL (guidance));

  if (g_set_object (&self->guidance, guidance))
    {
      refresh (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUIDANCE]);
    }
}

gint64
dc_zone_editor_get_session_id (DcZoneEditor *self)
{
  g_return_val_if_fail (DC_IS_ZONE_EDITOR (self), 0);

  return self->session_id;
}

void
dc_zone_editor_set_session_id (DcZoneEditor *self,
                               gint64        session_id)
{
  g_return_if_fail (DC_IS_ZONE_EDITOR (self));

  if (self->session_id == session_id)
    return;

  self->session_id = session_id;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}
