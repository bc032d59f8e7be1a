/* dc-new-patient-dialog.c: the dialog that registers a new patient.
 *
 * It edits a new DcPatient directly through property bindings; "Create" is
 * enabled only while the record validates, and the reason it does not is
 * shown under the form. The patient is saved before the dialog closes, so
 * whoever receives ::created gets a record with its row id; while that
 * save runs, the dialog cannot be cancelled. */

#include "config.h"

#include "dc-new-patient-dialog-private.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-store.h"

G_DEFINE_FINAL_TYPE (DcNewPatientDialog, dc_new_patient_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (DcNewPatientDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = dc_record_validate (DC_RECORD (self->patient), &error);
  gboolean touched = dc_patient_get_family_name (self->patient) != NULL
                     || dc_patient_get_given_name (self->patient) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-patient.create",
                                 valid && !self->saving);
  /* Once the store has the patient, it is created whatever happens here. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.close", !self->saving);

  /* Nobody needs to be told that an empty form is incomplete. A failed
   * save's message, in red, lasts until the next change. */
  gtk_label_set_label (self->hint_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), error != NULL && touched);
  gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "error");
}

static void
patient_notify_cb (DcNewPatientDialog *self)
{
  update_actions (self);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(DcNewPatientDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;

  if (!dc_store_save_finish (DC_STORE (object), result, &error))
    {
      update_actions (self);
      gtk_label_set_label (self->hint_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error");
      return;
    }

  g_signal_emit (self, signals[CREATED], 0, self->patient);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DcNewPatientDialog *self = DC_NEW_PATIENT_DIALOG (widget);

  self->saving = TRUE;
  update_actions (self);
  /* Not cancellable: the patient may be written already. The reference
   * keeps the dialog (hidden at most, never disposed) until the answer. */
  dc_store_save_async (self->store, DC_RECORD (self->patient), NULL, save_cb,
                       g_object_ref (self));
}

static gboolean
dc_new_patient_dialog_close_request (GtkWindow *window)
{
  DcNewPatientDialog *self = DC_NEW_PATIENT_DIALOG (window);

  /* The window manager's close, while the patient is being saved: the
   * dialog closes by itself once that is done. */
  if (self->saving)
    return GDK_EVENT_STOP;

  return GTK_WINDOW_CLASS (dc_new_patient_dialog_parent_class)->close_request (window);
}

static void
bind_rows (DcNewPatientDialog *self)
{
  GObject *patient = G_OBJECT (self->patient);
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  g_object_bind_property_full (patient, "family-name", self->family_name_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (patient, "given-name", self->given_name_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property (patient, "birth-date", self->birth_date_row, "date", flags);
  g_object_bind_property_full (patient, "sex", self->sex_row, "selected", flags,
                               dc_gui_transform_to_position, dc_gui_transform_from_position,
                               NULL, NULL);
  g_object_bind_property_full (patient, "fitzpatrick", self->fitzpatrick_row, "selected", flags,
                               dc_gui_transform_to_position, dc_gui_transform_from_position,
                               NULL, NULL);
  g_object_bind_property_full (patient, "language", self->language_row, "selected", flags,
                               dc_gui_transform_language_to_position,
                               dc_gui_transform_position_to_language,
                               NULL, NULL);
  g_object_bind_property_full (patient, "email", self->email_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (patient, "phone", self->phone_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
}

static void
dc_new_patient_dialog_dispose (GObject *object)
{
  DcNewPatientDialog *self = DC_NEW_PATIENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_NEW_PATIENT_DIALOG);
  g_clear_object (&self->patient);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_new_patient_dialog_parent_class)->dispose (object);
}

static void
dc_new_patient_dialog_class_init (DcNewPatientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dc_new_patient_dialog_dispose;
  window_class->close_request = dc_new_patient_dialog_close_request;

  /**
   * DcNewPatientDialog::created:
   * @patient: the new patient, saved
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DC_TYPE_PATIENT);

  g_type_ensure (DC_TYPE_BIRTH_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-new-patient-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DcNewPatientDialog, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, DcNewPatientDialog, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, DcNewPatientDialog, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, DcNewPatientDialog, sex_row);
  gtk_widget_class_bind_template_child (widget_class, DcNewPatientDialog, fitzpatrick_row);
  gtk_widget_class_bind_template_child (widget_class, DcNewPatientDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, DcNewPatientDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, DcNewPatientDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DcNewPatientDialog, hint_label);

  gtk_widget_class_install_action (widget_class, "new-patient.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dc_new_patient_dialog_init (DcNewPatientDialog *self)
{
  g_autoptr(GListModel) sex_model = dc_gui_new_sex_model ();
  g_autoptr(GListModel) fitzpatrick_model = dc_gui_new_fitzpatrick_model ();
  g_autoptr(GListModel) language_model = dc_gui_new_language_model ();

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->sex_row, sex_model);
  adw_combo_row_set_model (self->fitzpatrick_row, fitzpatrick_model);
  adw_combo_row_set_model (self->language_row, language_model);

  self->patient = dc_patient_new ();
  dc_patient_set_language (self->patient, dc_gui_get_default_language ());
  bind_rows (self);

  g_signal_connect_object (self->patient, "notify", G_CALLBACK (patient_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

DcNewPatientDialog *
dc_new_patient_dialog_new (GtkWindow *parent,
                           DcStore   *store)
{
  DcNewPatientDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DC_IS_STORE (store), NULL);

  self = g_object_new (DC_TYPE_NEW_PATIENT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);

  return self;
}
