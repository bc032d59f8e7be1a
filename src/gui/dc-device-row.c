/* dc-device-row.c: one of the clinic's devices in the preferences: its
 * family, make and model, and the limits that apply to its family (a
 * roller's fixed needles, a pen's depth and speed range, an RF device's
 * depth, energy and pulse ranges). A value the record refuses is marked on
 * the row. Archiving hides the row; the window does that. */

#include "config.h"

#include "dc-device-row.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-model.h"

/* The families a field applies to, as bits of DcDeviceKind. */
#define PEN (1 << DC_DEVICE_PEN)
#define ROLLER (1 << DC_DEVICE_ROLLER)
#define RF (1 << DC_DEVICE_RF)

typedef struct
{
  const char *property;
  const char *title;
  double      lower;
  double      upper;
  double      step;
  guint       digits;
  guint       families;
} Field;

static const Field fields[] = {
  { "depth-min", N_("Minimum Depth (mm)"), 0, 10, 0.05, 2, PEN | RF },
  { "depth-max", N_("Maximum Depth (mm)"), 0, 10, 0.05, 2, PEN | RF },
  { "depth-step", N_("Depth Step (mm)"), 0, 2, 0.05, 2, PEN | RF },
  { "speed-min", N_("Minimum Speed"), 0, 100, 1, 0, PEN },
  { "speed-max", N_("Maximum Speed"), 0, 100, 1, 0, PEN },
  { "needle-length", N_("Needle Length (mm)"), 0, 10, 0.05, 2, ROLLER },
  { "needle-count", N_("Needle Count"), 0, 2000, 1, 0, ROLLER },
  { "energy-min", N_("Minimum Energy"), 0, 1000, 0.5, 1, RF },
  { "energy-max", N_("Maximum Energy"), 0, 1000, 0.5, 1, RF },
  { "pulse-min", N_("Minimum Pulse (ms)"), 0, 10000, 1, 0, RF },
  { "pulse-max", N_("Maximum Pulse (ms)"), 0, 10000, 1, 0, RF },
};

struct _DcDeviceRow
{
  AdwExpanderRow  parent_instance;

  AdwComboRow    *kind_row;
  AdwEntryRow    *make_row;
  AdwEntryRow    *model_row;
  GtkWidget      *field_rows[G_N_ELEMENTS (fields)];
  GtkWidget      *energy_unit_row;
  GtkWidget      *tips_row;

  DcDevice       *device;
  GError         *error;
};

G_DEFINE_FINAL_TYPE (DcDeviceRow, dc_device_row, ADW_TYPE_EXPANDER_ROW)

static gboolean
transform_model_to_title (GBinding     *binding,
                          const GValue *from_value,
                          GValue       *to_value,
                          gpointer      user_data)
{
  const char *model = g_value_get_string (from_value);

  g_value_set_string (to_value, model != NULL ? model : _("New Device"));
  return TRUE;
}

/* The energy unit combo offers the units only, not "none". */
static gboolean
transform_unit_to_position (GBinding     *binding,
                            const GValue *from_value,
                            GValue       *to_value,
                            gpointer      user_data)
{
  int unit = g_value_get_enum (from_value);

  g_value_set_uint (to_value, unit == DC_ENERGY_NONE ? GTK_INVALID_LIST_POSITION
                                                     : (guint) unit - DC_ENERGY_LEVEL);
  return TRUE;
}

static gboolean
transform_position_to_unit (GBinding     *binding,
                            const GValue *from_value,
                            GValue       *to_value,
                            gpointer      user_data)
{
  guint position = g_value_get_uint (from_value);

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  g_value_set_enum (to_value, (int) position + DC_ENERGY_LEVEL);
  return TRUE;
}

static char *
dup_ranges (DcDevice *device)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *step = NULL;
  g_autofree char *depth = NULL;
  int count;

  if (dc_device_get_kind (device) == DC_DEVICE_ROLLER)
    {
      min = dc_format_decimal (dc_device_get_needle_length (device));
      count = dc_device_get_needle_count (device);
      if (count <= 0)
        /* TRANSLATORS: a roller's needle length */
        return g_strdup_printf (_("%s mm"), min);
      /* TRANSLATORS: a roller's needle length and number of needles */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s mm, %d needle", "%s mm, %d needles",
                                           (gulong) count),
                              min, count);
    }

  min = dc_format_decimal (dc_device_get_depth_min (device));
  max = dc_format_decimal (dc_device_get_depth_max (device));
  if (dc_device_get_depth_step (device) > 0)
    {
      step = dc_format_decimal (dc_device_get_depth_step (device));
      /* TRANSLATORS: a device's depth range, e.g. "0.2–3 mm in 0.1 mm steps" */
      depth = g_strdup_printf (_("%s–%s mm in %s mm steps"), min, max, step);
    }
  else
    {
      /* TRANSLATORS: a device's depth range, e.g. "0.5–4 mm" */
      depth = g_strdup_printf (_("%s–%s mm"), min, max);
    }

  /* A range left unset checks nothing: say so, so that it gets entered. */
  if (dc_device_get_kind (device) == DC_DEVICE_RF)
    {
      gboolean no_energy = dc_device_get_energy_max (device) <= 0;
      gboolean no_pulse = dc_device_get_pulse_max (device) <= 0;

      /* TRANSLATORS: a device's depth range, then a reminder */
      if (no_energy && no_pulse)
        return g_strdup_printf (_("%s, energy and pulse ranges not set"), depth);
      /* TRANSLATORS: a device's depth range, then a reminder */
      if (no_energy)
        return g_strdup_printf (_("%s, energy range not set"), depth);
      /* TRANSLATORS: a device's depth range, then a reminder */
      if (no_pulse)
        return g_strdup_printf (_("%s, pulse range not set"), depth);
    }

  return g_steal_pointer (&depth);
}

static void
update_subtitle (DcDeviceRow *self)
{
  g_autofree char *ranges = NULL;
  g_autofree char *subtitle = NULL;

  /* Title and subtitle are the user's text, not markup (set in the
   * template). */
  if (self->error != NULL)
    subtitle = g_strdup (self->error->message);
  else if (dc_device_get_archived (self->device))
    subtitle = g_strdup (C_("device", "Archived"));
  else
    {
      ranges = dup_ranges (self->device);
      /* TRANSLATORS: a device's family and its ranges */
      subtitle = g_strdup_printf (_("%s · %s"),
                                  dc_enum_get_label (DC_TYPE_DEVICE_KIND,
                                                     dc_device_get_kind (self->device)),
                                  ranges);
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  if (self->error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error-subtitle");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error-subtitle");
}

/* Only the fields of the device's family are shown; the others keep their
 * values, which the family ignores. */
static void
update_fields (DcDeviceRow *self)
{
  DcDeviceKind kind = dc_device_get_kind (self->device);
  guint family = 1u << kind;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_set_visible (self->field_rows[i], (fields[i].families & family) != 0);
  gtk_widget_set_visible (self->energy_unit_row, kind == DC_DEVICE_RF);
  gtk_widget_set_visible (self->tips_row, kind == DC_DEVICE_RF);
}

static void
device_notify_cb (DcDeviceRow *self,
                  GParamSpec  *pspec)
{
  if (g_strcmp0 (pspec->name, "kind") == 0)
    {
      /* An RF device cannot be without an energy unit; the usual one. */
      if (dc_device_get_kind (self->device) == DC_DEVICE_RF
          && dc_device_get_energy_unit (self->device) == DC_ENERGY_NONE)
        dc_device_set_energy_unit (self->device, DC_ENERGY_LEVEL);
      update_fields (self);
    }
  update_subtitle (self);
}

static void
archive_clicked_cb (DcDeviceRow *self)
{
  dc_device_set_archived (self->device, TRUE);
}

static GtkStringList *
new_enum_labels (GType enum_type,
                 int   first,
                 int   last)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (int value = first; value <= last; value++)
    gtk_string_list_append (labels, dc_enum_get_label (enum_type, value));
  return labels;
}

static GtkWidget *
new_spin_row (const Field *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (field->lower, field->upper, field->step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), field->digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, field->property);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(field->title), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

static void
dc_device_row_dispose (GObject *object)
{
  DcDeviceRow *self = DC_DEVICE_ROW (object);

  if (self->device != NULL)
    g_signal_handlers_disconnect_by_data (self->device, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_DEVICE_ROW);
  g_clear_object (&self->device);

  G_OBJECT_CLASS (dc_device_row_parent_class)->dispose (object);
}

static void
dc_device_row_finalize (GObject *object)
{
  DcDeviceRow *self = DC_DEVICE_ROW (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (dc_device_row_parent_class)->finalize (object);
}

static void
dc_device_row_class_init (DcDeviceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_device_row_dispose;
  object_class->finalize = dc_device_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-device-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcDeviceRow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DcDeviceRow, make_row);
  gtk_widget_class_bind_template_child (widget_class, DcDeviceRow, model_row);
}

static void
dc_device_row_init (DcDeviceRow *self)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (self);
  g_autoptr(GtkStringList) kinds = NULL;
  g_autoptr(GtkStringList) units = NULL;
  GtkWidget *archive_row;
  GtkWidget *button;

  gtk_widget_init_template (GTK_WIDGET (self));

  kinds = new_enum_labels (DC_TYPE_DEVICE_KIND, DC_DEVICE_PEN, DC_DEVICE_RF);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      self->field_rows[i] = new_spin_row (&fields[i]);
      /* The unit goes before the energy range it is the unit of. */
      if (g_str_equal (fields[i].property, "energy-min"))
        {
          units = new_enum_labels (DC_TYPE_ENERGY_UNIT, DC_ENERGY_LEVEL, DC_ENERGY_WATT);
          self->energy_unit_row = adw_combo_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->energy_unit_row),
                                         _("Energy Unit"));
          adw_combo_row_set_model (ADW_COMBO_ROW (self->energy_unit_row), G_LIST_MODEL (units));
          adw_expander_row_add_row (expander, self->energy_unit_row);
        }
      adw_expander_row_add_row (expander, self->field_rows[i]);
    }

  self->tips_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tips_row), _("Tips"));
  adw_expander_row_add_row (expander, self->tips_row);

  archive_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (archive_row), _("Archive"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (archive_row),
                               _("Kept on past sessions, no longer offered for new ones"));
  button = gtk_button_new_with_mnemonic (_("_Archive"));
  gtk_widget_set_name (button, "archive");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", G_CALLBACK (archive_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (archive_row), button);
  adw_expander_row_add_row (expander, archive_row);
}

GtkWidget *
dc_device_row_new (DcDevice *device)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  DcDeviceRow *self;

  g_return_val_if_fail (DC_IS_DEVICE (device), NULL);

  self = g_object_new (DC_TYPE_DEVICE_ROW, NULL);
  self->device = g_object_ref (device);

  g_object_bind_property_full (device, "model", self, "title", G_BINDING_SYNC_CREATE,
                               transform_model_to_title, NULL, NULL, NULL);
  g_object_bind_property_full (device, "kind", self->kind_row, "selected", flags,
                               dc_gui_transform_to_position, dc_gui_transform_from_position,
                               NULL, NULL);
  g_object_bind_property_full (device, "make", self->make_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (device, "model", self->model_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (device, "tips", self->tips_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (device, "energy-unit", self->energy_unit_row, "selected", flags,
                               transform_unit_to_position, transform_position_to_unit,
                               NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (self->field_rows[i]);
      GtkWidget *spin = adw_action_row_get_activatable_widget (row);

      g_object_bind_property (device, fields[i].property, spin, "value", flags);
    }

  g_signal_connect_object (device, "notify", G_CALLBACK (device_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_fields (self);
  update_subtitle (self);

  return GTK_WIDGET (self);
}

DcDevice *
dc_device_row_get_device (DcDeviceRow *self)
{
  g_return_val_if_fail (DC_IS_DEVICE_ROW (self), NULL);

  return self->device;
}

/* Marks the row: @error says why its device could not be saved, or is
 * %NULL once it was. */
void
dc_device_row_set_error (DcDeviceRow  *self,
                         const GError *error)
{
  g_return_if_fail (DC_IS_DEVICE_ROW (self));

  g_clear_error (&self->error);
  if (error != NULL)
    {
      self->error = g_error_copy (error);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  update_subtitle (self);
}

gboolean
dc_device_row_get_invalid (DcDeviceRow *self)
{
  g_return_val_if_fail (DC_IS_DEVICE_ROW (self), FALSE);

  return self->error != NULL;
}
