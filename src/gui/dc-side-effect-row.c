/* dc-side-effect-row.c: a side effect seen after a session: what, how
 * bad, from when to when, and a note. Collapsed, it reads as a line of
 * the record ("Swelling — from 21/10/2026, 5 days, usual up to 3"), and
 * says so when the effect lasts longer than usual (DOMAIN.md). Side
 * effects are recorded at follow-up visits, so the row stays editable
 * after the session is signed. */

#include "config.h"

#include "dc-side-effect-row.h"

#include <glib/gi18n-lib.h>

#include "dc-date-row.h"
#include "dc-gui-util.h"
#include "dc-model.h"

#define N_SEVERITIES 4

struct _DcSideEffectRow
{
  AdwExpanderRow  parent_instance;

  AdwComboRow    *kind_row;
  AdwComboRow    *severity_row;
  DcDateRow      *onset_row;
  DcDateRow      *resolved_row;
  AdwEntryRow    *note_row;
  GtkButton      *remove_button;
  GtkImage       *overrun_icon;

  DcSideEffect   *side_effect;
};

G_DEFINE_FINAL_TYPE (DcSideEffectRow, dc_side_effect_row, ADW_TYPE_EXPANDER_ROW)

static char *
describe_duration (DcSideEffect *effect,
                   const char   *today)
{
  const char *resolved = dc_side_effect_get_resolved (effect);
  int days = dc_side_effect_get_days (effect, today);
  int usual = dc_side_effect_get_usual_days (effect);
  g_autofree char *lasted = NULL;

  if (days < 0)
    return NULL;
  if (days == 0 && resolved == NULL)
    return g_strdup (_("began today"));

  lasted = resolved != NULL
           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "lasted %d day",
                                           "lasted %d days", days), days)
           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "not resolved after %d day",
                                           "not resolved after %d days", days), days);
  if (usual > 0)
    /* Translators: "lasted 5 days, usual up to 3" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, usual up to %d day",
                                         "%s, usual up to %d days", usual), lasted, usual);
  return g_steal_pointer (&lasted);
}

static void
update_title (DcSideEffectRow *self)
{
  g_autofree char *today = dc_date_today ();
  g_autofree char *onset = dc_gui_format_date (dc_side_effect_get_onset (self->side_effect));
  g_autofree char *duration = describe_duration (self->side_effect, today);
  g_autofree char *subtitle = NULL;
  gboolean overrun = dc_side_effect_is_longer_than_usual (self->side_effect, today);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 dc_enum_get_label (DC_TYPE_SIDE_EFFECT_KIND,
                                                    dc_side_effect_get_kind (self->side_effect)));
  if (onset != NULL && duration != NULL)
    /* Translators: "from 21/10/2026, lasted 2 days" */
    subtitle = g_strdup_printf (_("from %s, %s"), onset, duration);
  else if (onset != NULL)
    subtitle = g_strdup_printf (_("from %s"), onset);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle != NULL ? subtitle : "");

  gtk_widget_set_visible (GTK_WIDGET (self->overrun_icon), overrun);
}

static gboolean
enum_to_position (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  g_value_set_uint (to_value, (guint) g_value_get_enum (from_value));
  return TRUE;
}

static gboolean
position_to_enum (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  guint position = g_value_get_uint (from_value);

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_enum (to_value, (int) position);
  return TRUE;
}

static gboolean
int_to_position (GBinding     *binding,
                 const GValue *from_value,
                 GValue       *to_value,
                 gpointer      user_data)
{
  g_value_set_uint (to_value, (guint) CLAMP (g_value_get_int (from_value), 0,
                                             N_SEVERITIES - 1));
  return TRUE;
}

static gboolean
position_to_int (GBinding     *binding,
                 const GValue *from_value,
                 GValue       *to_value,
                 gpointer      user_data)
{
  guint position = g_value_get_uint (from_value);

  if (position >= N_SEVERITIES)
    return FALSE;
  g_value_set_int (to_value, (int) position);
  return TRUE;
}

static void
dc_side_effect_row_dispose (GObject *object)
{
  DcSideEffectRow *self = DC_SIDE_EFFECT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_SIDE_EFFECT_ROW);
  g_clear_object (&self->side_effect);

  G_OBJECT_CLASS (dc_side_effect_row_parent_class)->dispose (object);
}

static void
dc_side_effect_row_class_init (DcSideEffectRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_side_effect_row_dispose;

  g_type_ensure (DC_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-side-effect-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcSideEffectRow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DcSideEffectRow, severity_row);
  gtk_widget_class_bind_template_child (widget_class, DcSideEffectRow, onset_row);
  gtk_widget_class_bind_template_child (widget_class, DcSideEffectRow, resolved_row);
  gtk_widget_class_bind_template_child (widget_class, DcSideEffectRow, note_row);
  gtk_widget_class_bind_template_child (widget_class, DcSideEffectRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, DcSideEffectRow, overrun_icon);
}

static void
dc_side_effect_row_init (DcSideEffectRow *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) severities = NULL;
  g_autoptr(GEnumClass) klass = g_type_class_ref (DC_TYPE_SIDE_EFFECT_KIND);
  const char *severity_labels[N_SEVERITIES + 1] = {
    C_("severity", "Minimal"),
    C_("severity", "Mild"),
    C_("severity", "Moderate"),
    C_("severity", "Severe"),
    NULL
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (kinds, dc_enum_get_label (DC_TYPE_SIDE_EFFECT_KIND,
                                                      klass->values[i].value));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  severities = gtk_string_list_new (severity_labels);
  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (severities));
}

GtkWidget *
dc_side_effect_row_new (DcSideEffect *side_effect)
{
  DcSideEffectRow *self;
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  g_return_val_if_fail (DC_IS_SIDE_EFFECT (side_effect), NULL);

  self = g_object_new (DC_TYPE_SIDE_EFFECT_ROW, NULL);
  self->side_effect = g_object_ref (side_effect);

  g_object_bind_property_full (side_effect, "kind", self->kind_row, "selected", flags,
                               enum_to_position, position_to_enum, NULL, NULL);
  g_object_bind_property_full (side_effect, "severity", self->severity_row, "selected", flags,
                               int_to_position, position_to_int, NULL, NULL);
  g_object_bind_property (side_effect, "onset", self->onset_row, "date", flags);
  g_object_bind_property (side_effect, "resolved", self->resolved_row, "date", flags);
  g_object_bind_property_full (side_effect, "note", self->note_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  dc_date_row_set_reference_date (self->resolved_row, dc_side_effect_get_onset (side_effect));

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s",
                                    dc_record_get_uuid (DC_RECORD (side_effect)));

  g_signal_connect_object (side_effect, "notify", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  update_title (self);

  return GTK_WIDGET (self);
}

DcSideEffect *
dc_side_effect_row_get_side_effect (DcSideEffectRow *self)
{
  g_return_val_if_fail (DC_IS_SIDE_EFFECT_ROW (self), NULL);

  return self->side_effect;
}
