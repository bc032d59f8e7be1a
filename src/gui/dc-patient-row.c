/* dc-patient-row.c: one patient in the sidebar list: "Family, Given", the
 * date of birth, and the Fitzpatrick type as a tag (warning-coloured from
 * type IV, where post-inflammatory hyperpigmentation is more likely). */

#include "config.h"

#include "dc-patient-row.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-model.h"

struct _DcPatientRow
{
  AdwBin        parent_instance;

  GtkLabel     *name_label;
  GtkLabel     *birth_label;
  GtkLabel     *fitzpatrick_label;
  GtkWidget    *archived_label;

  DcPatient    *patient;
  GSignalGroup *patient_signals;
};

G_DEFINE_FINAL_TYPE (DcPatientRow, dc_patient_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PATIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_fitzpatrick_description (int type)
{
  /* Translators: %s is a Fitzpatrick skin type in Roman numerals */
  return g_strdup_printf (_("Fitzpatrick skin type %s"), dc_fitzpatrick_to_roman (type));
}

static void
update (DcPatientRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *birth = NULL;
  int type;

  if (self->patient == NULL)
    return;

  name = dc_gui_dup_sort_name (self->patient);
  gtk_label_set_label (self->name_label, name);

  birth = dc_gui_format_date (dc_patient_get_birth_date (self->patient));
  gtk_label_set_label (self->birth_label, birth != NULL ? birth : "");

  type = dc_patient_get_fitzpatrick (self->patient);
  gtk_widget_set_visible (GTK_WIDGET (self->fitzpatrick_label), type > 0);
  if (type > 0)
    {
      g_autofree char *description = dup_fitzpatrick_description (type);

      gtk_label_set_label (self->fitzpatrick_label, dc_fitzpatrick_to_roman (type));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->fitzpatrick_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
  if (type >= 4)
    gtk_widget_add_css_class (GTK_WIDGET (self->fitzpatrick_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->fitzpatrick_label), "warning");

  gtk_widget_set_visible (self->archived_label, dc_patient_get_archived (self->patient));
}

/* The tooltip is made when it is shown: gtk_widget_set_tooltip_text()
 * asks the display server where the pointer is, which made rebinding the
 * list's rows after a search take a third of a millisecond a row. */
static gboolean
fitzpatrick_query_tooltip_cb (DcPatientRow *self,
                              int           x,
                              int           y,
                              gboolean      keyboard_mode,
                              GtkTooltip   *tooltip)
{
  g_autofree char *description = NULL;
  int type;

  if (self->patient == NULL)
    return FALSE;

  type = dc_patient_get_fitzpatrick (self->patient);
  if (type <= 0)
    return FALSE;

  description = dup_fitzpatrick_description (type);
  gtk_tooltip_set_text (tooltip, description);
  return TRUE;
}

static void
patient_notify_cb (DcPatientRow *self)
{
  update (self);
}

static void
dc_patient_row_dispose (GObject *object)
{
  DcPatientRow *self = DC_PATIENT_ROW (object);

  if (self->patient_signals != NULL)
    g_signal_group_set_target (self->patient_signals, NULL);
  g_clear_object (&self->patient_signals);
  g_clear_object (&self->patient);
  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PATIENT_ROW);

  G_OBJECT_CLASS (dc_patient_row_parent_class)->dispose (object);
}

static void
dc_patient_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DcPatientRow *self = DC_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_patient_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DcPatientRow *self = DC_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      dc_patient_row_set_patient (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_patient_row_class_init (DcPatientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_patient_row_dispose;
  object_class->get_property = dc_patient_row_get_property;
  object_class->set_property = dc_patient_row_set_property;

  /**
   * DcPatientRow:patient:
   *
   * The patient shown, or %NULL while the row is not bound to one.
   */
  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL,
                         DC_TYPE_PATIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-patient-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcPatientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DcPatientRow, birth_label);
  gtk_widget_class_bind_template_child (widget_class, DcPatientRow, fitzpatrick_label);
  gtk_widget_class_bind_template_child (widget_class, DcPatientRow, archived_label);
}

static void
dc_patient_row_init (DcPatientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->fitzpatrick_label), TRUE);
  g_signal_connect_object (self->fitzpatrick_label, "query-tooltip",
                           G_CALLBACK (fitzpatrick_query_tooltip_cb), self, G_CONNECT_SWAPPED);

  self->patient_signals = g_signal_group_new (DC_TYPE_PATIENT);
  g_signal_group_connect_swapped (self->patient_signals, "notify",
                                  G_CALLBACK (patient_notify_cb), self);
}

DcPatientRow *
dc_patient_row_new (void)
{
  return g_object_new (DC_TYPE_PATIENT_ROW, NULL);
}

DcPatient *
dc_patient_row_get_patient (DcPatientRow *self)
{
  g_return_val_if_fail (DC_IS_PATIENT_ROW (self), NULL);

  return self->patient;
}

void
dc_patient_row_set_patient (DcPatientRow *self,
                            DcPatient    *patient)
{
  g_return_if_fail (DC_IS_PATIENT_ROW (self));
  g_return_if_fail (patient == NULL || DC_IS_PATIENT (patient));

  if (!g_set_object (&self->patient, patient))
    return;

  g_signal_group_set_target (self->patient_signals, patient);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}
