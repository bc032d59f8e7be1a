/* dc-preferences-window.c: the clinic's details (printed on reports) and its
 * practitioners. Like every page, it saves each change shortly after it is
 * made. The practitioners are the main window's own list, so names edited
 * here show at once in the practitioner chooser. */

#include "config.h"

#include "dc-preferences-window.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-practitioner-row.h"
#include "dc-record-saver.h"
#include "dc-store.h"

/* A logo is printed a few centimetres wide; anything larger is a photo. */
#define MAX_LOGO_SIZE (2 * 1024 * 1024)

struct _DcPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesPage   *clinic_page;
  AdwPreferencesPage   *practitioners_page;
  AdwEntryRow          *name_row;
  GtkTextView          *address_view;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *website_row;
  GtkPicture           *logo_picture;
  GtkListBox           *practitioners_list;
  AdwEntryRow          *new_practitioner_row;

  DcStore              *store;
  DcRecordSaver        *saver;
  DcClinic             *clinic;
  GListStore           *practitioners;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (DcPreferencesWindow, dc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_actions (DcPreferencesWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.choose-logo",
                                 self->clinic != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.remove-logo",
                                 self->clinic != NULL && dc_clinic_get_logo (self->clinic) != NULL);
}

static void
update_logo (DcPreferencesWindow *self)
{
  GBytes *logo = dc_clinic_get_logo (self->clinic);
  g_autoptr(GdkTexture) texture = NULL;

  if (logo != NULL)
    texture = gdk_texture_new_from_bytes (logo, NULL);

  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
  update_actions (self);
}

static void
address_changed_cb (DcPreferencesWindow *self)
{
  g_autofree char *text = NULL;

  if (self->clinic == NULL)
    return;

  g_object_get (gtk_text_view_get_buffer (self->address_view), "text", &text, NULL);
  dc_clinic_set_address (self->clinic, text);
}

static void
show_clinic (DcPreferencesWindow *self,
             DcClinic            *clinic)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  const char *address = dc_clinic_get_address (clinic);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->address_view),
                            address != NULL ? address : "", -1);
  self->clinic = g_object_ref (clinic);

  g_object_bind_property_full (clinic, "name", self->name_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (clinic, "phone", self->phone_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (clinic, "email", self->email_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (clinic, "website", self->website_row, "text", flags,
                               dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_signal_connect_object (clinic, "notify::logo", G_CALLBACK (update_logo), self,
                           G_CONNECT_SWAPPED);
  update_logo (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->clinic_page), TRUE);
  dc_record_saver_add (self->saver, DC_RECORD (clinic));
}

static void
list_clinic_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DcPreferencesWindow) self = user_data;
  g_autoptr(GListModel) clinics = NULL;
  g_autoptr(DcClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;

  clinics = dc_store_list_finish (DC_STORE (object), result, &error);
  if (clinics == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* A new clinic record is written with the first detail entered. */
  clinic = g_list_model_get_item (clinics, 0);
  if (clinic == NULL)
    clinic = dc_clinic_new ();

  show_clinic (self, clinic);
}

static void
load_logo_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DcPreferencesWindow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (g_bytes_get_size (bytes) > MAX_LOGO_SIZE)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The logo must be smaller than 2 MB")));
      return;
    }

  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The file is not an image Dermachart can read")));
      return;
    }

  dc_clinic_set_logo (self->clinic, bytes);
}

static void
chooser_response_cb (DcPreferencesWindow *self,
                     int                  response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    g_file_load_bytes_async (file, self->cancellable, load_logo_cb, g_object_ref (self));
}

static void
choose_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DcPreferencesWindow *self = DC_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");

  self->chooser = gtk_file_chooser_native_new (_("Choose Logo"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DcPreferencesWindow *self = DC_PREFERENCES_WINDOW (widget);

  dc_clinic_set_logo (self->clinic, NULL);
}

static GtkWidget *
create_practitioner_row (gpointer item,
                         gpointer user_data)
{
  return dc_practitioner_row_new (item);
}

static void
practitioners_changed_cb (DcPreferencesWindow *self,
                          guint                position,
                          guint                removed,
                          guint                added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(DcRecord) practitioner = g_list_model_get_item (G_LIST_MODEL (self->practitioners), i);

      dc_record_saver_add (self->saver, practitioner);
    }
}

static void
new_practitioner_apply_cb (DcPreferencesWindow *self)
{
  g_autoptr(DcPractitioner) practitioner = NULL;
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_practitioner_row)));

  g_strstrip (name);
  if (*name == '\0')
    return;

  practitioner = dc_practitioner_new ();
  dc_practitioner_set_name (practitioner, name);
  g_list_store_append (self->practitioners, practitioner);
  gtk_editable_set_text (GTK_EDITABLE (self->new_practitioner_row), "");
}

static void
saver_failed_cb (DcPreferencesWindow *self,
                 DcRecord            *record,
                 const GError        *error)
{
  g_autofree char *title = g_markup_escape_text (error->message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static void
dc_preferences_window_dispose (GObject *object)
{
  DcPreferencesWindow *self = DC_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->saver != NULL)
    dc_record_saver_flush (self->saver);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->saver);
  g_clear_object (&self->clinic);
  g_clear_object (&self->practitioners);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_preferences_window_parent_class)->dispose (object);
}

static void
dc_preferences_window_class_init (DcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, clinic_page);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, practitioners_page);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, address_view);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, website_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, practitioners_list);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, new_practitioner_row);
  gtk_widget_class_bind_template_callback (widget_class, new_practitioner_apply_cb);

  gtk_widget_class_install_action (widget_class, "preferences.choose-logo", NULL,
                                   choose_logo_action);
  gtk_widget_class_install_action (widget_class, "preferences.remove-logo", NULL,
                                   remove_logo_action);
}

static void
dc_preferences_window_init (DcPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (gtk_text_view_get_buffer (self->address_view), "changed",
                           G_CALLBACK (address_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

DcPreferencesWindow *
dc_preferences_window_new (GtkWindow  *parent,
                           DcStore    *store,
                           GListStore *practitioners)
{
  DcPreferencesWindow *self;
  guint n_items;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_STORE (practitioners), NULL);

  self = g_object_new (DC_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->saver = dc_record_saver_new (store);
  g_signal_connect_object (self->saver, "failed", G_CALLBACK (saver_failed_cb), self,
                           G_CONNECT_SWAPPED);

  self->practitioners = g_object_ref (practitioners);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (practitioners));
  practitioners_changed_cb (self, 0, 0, n_items);
  g_signal_connect_object (practitioners, "items-changed",
                           G_CALLBACK (practitioners_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->practitioners_list, G_LIST_MODEL (practitioners),
                           create_practitioner_row, NULL, NULL);

  dc_store_list_async (store, DC_TYPE_CLINIC, 0, self->cancellable, list_clinic_cb,
                       g_object_ref (self));

  return self;
}

void
dc_preferences_window_show_practitioners (DcPreferencesWindow *self)
{
  g_return_if_fail (DC_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           self->practitioners_page);
}
