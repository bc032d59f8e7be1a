/* dc-time-entry.c: hours and minutes of a time of day, as two spin buttons.
 * The value is the number of minutes since midnight, local time. */

#include "config.h"

#include "dc-time-entry.h"

struct _DcTimeEntry
{
  AdwBin      parent_instance;

  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
  int            minutes;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (DcTimeEntry, dc_time_entry, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MINUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
spin_output_cb (GtkSpinButton *spin)
{
  char text[8];

  g_snprintf (text, sizeof text, "%02d", gtk_spin_button_get_value_as_int (spin));
  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
spin_value_changed_cb (DcTimeEntry *self)
{
  if (self->updating)
    return;

  dc_time_entry_set_minutes (self,
                             gtk_spin_button_get_value_as_int (self->hour_spin) * 60
                             + gtk_spin_button_get_value_as_int (self->minute_spin));
}

static void
dc_time_entry_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DC_TYPE_TIME_ENTRY);

  G_OBJECT_CLASS (dc_time_entry_parent_class)->dispose (object);
}

static void
dc_time_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DcTimeEntry *self = DC_TIME_ENTRY (object);

  switch (prop_id)
    {
    case PROP_MINUTES:
      g_value_set_int (value, self->minutes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_time_entry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DcTimeEntry *self = DC_TIME_ENTRY (object);

  switch (prop_id)
    {
    case PROP_MINUTES:
      dc_time_entry_set_minutes (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_time_entry_class_init (DcTimeEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_time_entry_dispose;
  object_class->get_property = dc_time_entry_get_property;
  object_class->set_property = dc_time_entry_set_property;

  /**
   * DcTimeEntry:minutes:
   *
   * The time of day, in minutes since midnight.
   */
  properties[PROP_MINUTES] =
    g_param_spec_int ("minutes", NULL, NULL,
                      0, 24 * 60 - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dc-time-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, DcTimeEntry, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, DcTimeEntry, minute_spin);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_value_changed_cb);

  gtk_widget_class_set_css_name (widget_class, "dc-time-entry");
}

static void
dc_time_entry_init (DcTimeEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

int
dc_time_entry_get_minutes (DcTimeEntry *self)
{
  g_return_val_if_fail (DC_IS_TIME_ENTRY (self), 0);

  return self->minutes;
}

void
dc_time_entry_set_minutes (DcTimeEntry *self,
                           int          minutes)
{
  g_return_if_fail (DC_IS_TIME_ENTRY (self));

  minutes = CLAMP (minutes, 0, 24 * 60 - 1);

  self->updating = TRUE;
  gtk_spin_button_set_value (self->hour_spin, minutes / 60);
  gtk_spin_button_set_value (self->minute_spin, minutes % 60);
  self->updating = FALSE;

  if (self->minutes == minutes)
    return;

  self->minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTES]);
}
