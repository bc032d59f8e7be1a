/* dc-practitioner-row.c: one practitioner in the preferences: name and
 * qualification, and whether they are archived (kept on the sessions they
 * ran, no longer offered for new ones). A name the record refuses (none at
 * all) is marked on the row. */

#include "config.h"

#include "dc-practitioner-row.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-model.h"

struct _DcPractitionerRow
{
  AdwExpanderRow  parent_instance;

  AdwEntryRow    *name_row;
  AdwEntryRow    *qualification_row;
  GtkSwitch      *archived_switch;

  DcPractitioner *practitioner;
  GError         *error;
};

G_DEFINE_FINAL_TYPE (DcPractitionerRow, dc_practitioner_row, ADW_TYPE_EXPANDER_ROW)

static void
update_subtitle (DcPractitionerRow *self)
{
  const char *qualification = dc_practitioner_get_qualification (self->practitioner);
  const char *subtitle;

  /* Title and subtitle are the user's text, not markup (set in the
   * template). */
  if (self->error != NULL)
    subtitle = self->error->message;
  else if (dc_practitioner_get_archived (self->practitioner))
    subtitle = C_("practitioner", "Archived");
  else
    subtitle = qualification != NULL ? qualification : "";

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  if (self->error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error-subtitle");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error-subtitle");
}

static void
practitioner_notify_cb (DcPractitionerRow *self)
{
  update_subtitle (self);
}

static void
dc_practitioner_row_dispose (GObject *object)
{
  DcPractitionerRow *self = DC_PRACTITIONER_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PRACTITIONER_ROW);
  g_clear_object (&self->practitioner);

  G_OBJECT_CLASS (dc_practitioner_row_parent_class)->dispose (object);
}

static void
dc_practitioner_row_finalize (GObject *object)
{
  DcPractitionerRow *self = DC_PRACTITIONER_ROW (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (dc_practitioner_row_parent_class)->finalize (object);
}

static void
dc_practitioner_row_class_init (DcPractitionerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_practitioner_row_dispose;
  object_class->finalize = dc_practitioner_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-practitioner-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcPractitionerRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, DcPractitionerRow, qualification_row);
  gtk_widget_class_bind_template_child (widget_class, DcPractitionerRow, archived_switch);
}

static void
dc_practitioner_row_init (DcPractitionerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dc_practitioner_row_new (DcPractitioner *practitioner)
{
  DcPractitionerRow *self;
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  g_return_val_if_fail (DC_IS_PRACTITIONER (practitioner), NULL);

  self = g_object_new (DC_TYPE_PRACTITIONER_ROW, NULL);
  self->practitioner = g_object_ref (practitioner);

  g_object_bind_property_full (practitioner, "name", self, "title", G_BINDING_SYNC_CREATE,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (practitioner, "name", self->name_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (practitioner, "qualification", self->qualification_row, "text",
                               flags, dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property (practitioner, "archived", self->archived_switch, "active", flags);

  g_signal_connect_object (practitioner, "notify::qualification",
                           G_CALLBACK (practitioner_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (practitioner, "notify::archived",
                           G_CALLBACK (practitioner_notify_cb), self, G_CONNECT_SWAPPED);
  update_subtitle (self);

  return GTK_WIDGET (self);
}

/* Marks the row: @error says why its practitioner could not be saved, or
 * is %NULL once it was. */
void
dc_practitioner_row_set_error (DcPractitionerRow *self,
                               const GError      *error)
{
  g_return_if_fail (DC_IS_PRACTITIONER_ROW (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);

  /* The name is the only thing a practitioner can get wrong. */
  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);

  update_subtitle (self);
}

gboolean
dc_practitioner_row_get_invalid (DcPractitionerRow *self)
{
  g_return_val_if_fail (DC_IS_PRACTITIONER_ROW (self), FALSE);

  return self->error != NULL;
}
