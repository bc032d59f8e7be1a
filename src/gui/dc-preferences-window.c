/* dc-preferences-window.c: the clinic's details (printed on reports), its
 * practitioners, its devices and its own depth guidance, and where its
 * automatic backups go. Like every page,
 * it saves each change shortly after it is made, through the main window's
 * saver, so that closing the main window waits for these saves too. The
 * practitioners are the main window's own list, so names edited here show
 * at once in the practitioner chooser.
 *
 * A value the record refuses (an email address without "@", a practitioner
 * without a name) is marked on its row; only a store that cannot write is
 * worth a toast. */

#include "config.h"

#include "dc-preferences-window-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dc-backup-dialogs.h"
#include "dc-device-presets.h"
#include "dc-device-row.h"
#include "dc-guidance-row.h"
#include "dc-gui-util.h"
#include "dc-model.h"
#include "dc-practitioner-row.h"
#include "dc-report-paper.h"
#include "dc-store.h"
#include "dc-zone-catalogue.h"

/* A logo is printed a few centimetres wide; anything larger is a photo. */
#define MAX_LOGO_SIZE (2 * 1024 * 1024)

/* The preview's size in the template, in application pixels. */
#define PREVIEW_WIDTH 96
#define PREVIEW_HEIGHT 48

G_DEFINE_FINAL_TYPE (DcPreferencesWindow, dc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_actions (DcPreferencesWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.choose-logo",
                                 self->clinic != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.remove-logo",
                                 self->clinic != NULL && dc_clinic_get_logo (self->clinic) != NULL);
}

/* Like dc_gui_show_error(), in the window's own toast overlay. */
static void
show_error (DcPreferencesWindow *self,
            const GError        *error)
{
  g_autofree char *title = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* The logo ---------------------------------------------------------------- */

/* The logo last decoded: a chosen logo is decoded once to check it, and
 * shown from here when the clinic's logo becomes it. */
static void
cache_logo (DcPreferencesWindow *self,
            GBytes              *bytes,
            GdkTexture          *texture)
{
  g_clear_pointer (&self->logo_bytes, g_bytes_unref);
  g_clear_object (&self->logo_texture);
  self->logo_bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  self->logo_texture = texture != NULL ? g_object_ref (texture) : NULL;
}

static gboolean
is_cached (DcPreferencesWindow *self,
           GBytes              *bytes)
{
  return self->logo_bytes != NULL
         && (self->logo_bytes == bytes || g_bytes_equal (self->logo_bytes, bytes));
}

typedef struct
{
  DcPreferencesWindow *window;   /* not owned: the decoding is cancelled with it */
  GBytes              *bytes;
  gboolean             chosen;   /* a new logo, rather than the one stored */
} LogoDecode;

static void
logo_decode_free (LogoDecode *decode)
{
  g_bytes_unref (decode->bytes);
  g_free (decode);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LogoDecode, logo_decode_free)

static void
decode_logo_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LogoDecode) decode = user_data;
  DcPreferencesWindow *self = decode->window;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *logo;

  /* The window is gone: nothing of it may be touched. */
  texture = dc_gui_decode_image_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (decode->chosen)
    {
      if (texture == NULL)
        {
          g_autofree char *title = g_markup_escape_text (error->message, -1);

          /* Toast titles are markup. */
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                            adw_toast_new (title));
          return;
        }

      cache_logo (self, decode->bytes, texture);
      dc_clinic_set_logo (self->clinic, decode->bytes);
      return;
    }

  /* A stored logo no longer readable shows as none; it can be replaced. */
  if (texture == NULL)
    g_debug ("Could not show the clinic’s logo: %s", error->message);

  /* Unless another logo was chosen meanwhile. */
  logo = dc_clinic_get_logo (self->clinic);
  if (logo != NULL && g_bytes_equal (logo, decode->bytes))
    {
      cache_logo (self, decode->bytes, texture);
      gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
    }
}

/* Decodes the image on a worker thread, at the size of the preview. */
static void
decode_logo (DcPreferencesWindow *self,
             GBytes              *bytes,
             gboolean             chosen)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->logo_picture));
  LogoDecode *decode = g_new0 (LogoDecode, 1);

  decode->window = self;
  decode->bytes = g_bytes_ref (bytes);
  decode->chosen = chosen;
  dc_gui_decode_image_async (bytes, PREVIEW_WIDTH * scale, PREVIEW_HEIGHT * scale,
                             self->cancellable, decode_logo_cb, decode);
}

static void
update_logo (DcPreferencesWindow *self)
{
  GBytes *logo = dc_clinic_get_logo (self->clinic);

  update_actions (self);

  /* No empty frame beside the title while there is no logo. */
  gtk_widget_set_visible (GTK_WIDGET (self->logo_picture), logo != NULL);
  if (logo == NULL)
    gtk_picture_set_paintable (self->logo_picture, NULL);
  else if (is_cached (self, logo))
    gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (self->logo_texture));
  else
    decode_logo (self, logo, FALSE);
}

static void
clinic_logo_notify_cb (DcPreferencesWindow *self)
{
  update_logo (self);
}

static void
load_logo_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DcPreferencesWindow *self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (bytes == NULL)
    {
      show_error (self, error);
      return;
    }

  if (g_bytes_get_size (bytes) > MAX_LOGO_SIZE)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The logo must be smaller than 2 MB")));
      return;
    }

  /* Set only once it is known to be an image of sensible size. */
  decode_logo (self, bytes, TRUE);
}

/* Reads the chosen file; it becomes the logo if it is an image of
 * sensible size, or a toast says why not. */
void
_dc_preferences_window_load_logo (DcPreferencesWindow *self,
                                  GFile               *file)
{
  g_return_if_fail (DC_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_bytes_async (file, self->cancellable, load_logo_cb, self);
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
    _dc_preferences_window_load_logo (self, file);
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

/* Invalid values, marked where they are ---------------------------------- */

/* The row of the clinic's field that makes the clinic invalid: the one
 * without which it validates. */
static GtkWidget *
find_invalid_clinic_row (DcPreferencesWindow *self)
{
  const struct
  {
    const char *field;
    GtkWidget  *row;
  } rows[] = {
    { "name", GTK_WIDGET (self->name_row) },
    { "phone", GTK_WIDGET (self->phone_row) },
    { "email", GTK_WIDGET (self->email_row) },
    { "website", GTK_WIDGET (self->website_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(DcRecord) copy = dc_record_copy (DC_RECORD (self->clinic));

      g_object_set (copy, rows[i].field, NULL, NULL);
      if (dc_record_validate (copy, NULL))
        return rows[i].row;
    }

  return NULL;
}

static void
show_clinic_error (DcPreferencesWindow *self,
                   const GError        *error)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->name_row),
    GTK_WIDGET (self->phone_row),
    GTK_WIDGET (self->email_row),
    GTK_WIDGET (self->website_row),
  };
  GtkWidget *invalid = NULL;

  if (error != NULL && g_error_matches (error, DC_ERROR, DC_ERROR_INVALID))
    invalid = find_invalid_clinic_row (self);
  else
    error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i] == invalid)
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (rows[i]),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   rows[i] == invalid ? GTK_ACCESSIBLE_INVALID_TRUE
                                   : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }

  gtk_label_set_label (self->clinic_error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (self->clinic_error_group, error != NULL);
}

static DcPractitionerRow *
find_practitioner_row (DcPreferencesWindow *self,
                       DcRecord            *practitioner)
{
  GtkListBoxRow *row;
  guint position;

  if (!g_list_store_find (self->practitioners, practitioner, &position))
    return NULL;

  row = gtk_list_box_get_row_at_index (self->practitioners_list, (int) position);
  return row != NULL ? DC_PRACTITIONER_ROW (row) : NULL;
}

static DcDeviceRow *
find_device_row (DcPreferencesWindow *self,
                 DcRecord            *device)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->devices_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (DC_IS_DEVICE_ROW (child)
          && (DcRecord *) dc_device_row_get_device (DC_DEVICE_ROW (child)) == device)
        return DC_DEVICE_ROW (child);
    }

  return NULL;
}

static DcGuidanceRow *
find_guidance_row (DcPreferencesWindow *self,
                   DcRecord            *own)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->guidance_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (DC_IS_GUIDANCE_ROW (child)
          && (DcRecord *) dc_guidance_row_get_own (DC_GUIDANCE_ROW (child)) == own)
        return DC_GUIDANCE_ROW (child);
    }

  return NULL;
}

static void
show_record_error (DcPreferencesWindow *self,
                   DcRecord            *record,
                   const GError        *error)
{
  DcPractitionerRow *row;
  DcDeviceRow *device_row;
  DcGuidanceRow *guidance_row;

  if (error != NULL && !g_error_matches (error, DC_ERROR, DC_ERROR_INVALID))
    error = NULL;

  if ((DcRecord *) self->clinic == record)
    show_clinic_error (self, error);
  else if (DC_IS_PRACTITIONER (record) && (row = find_practitioner_row (self, record)) != NULL)
    dc_practitioner_row_set_error (row, error);
  else if (DC_IS_DEVICE (record) && (device_row = find_device_row (self, record)) != NULL)
    dc_device_row_set_error (device_row, error);
  else if (DC_IS_DEPTH_GUIDANCE (record)
           && (guidance_row = find_guidance_row (self, record)) != NULL)
    dc_guidance_row_set_error (guidance_row, error);
}

static void
saver_failed_cb (DcPreferencesWindow *self,
                 DcRecord            *record,
                 const GError        *error)
{
  if (g_error_matches (error, DC_ERROR, DC_ERROR_INVALID))
    show_record_error (self, record, error);
  else
    show_error (self, error);
}

static void
saver_saved_cb (DcPreferencesWindow *self,
                DcRecord            *record)
{
  show_record_error (self, record, NULL);
}

/* The clinic -------------------------------------------------------------- */

static void
address_changed_cb (DcPreferencesWindow *self)
{
  g_autofree char *text = NULL;

  if (self->clinic == NULL)
    return;

  g_object_get (gtk_text_view_get_buffer (self->address_view), "text", &text, NULL);
  dc_clinic_set_address (self->clinic, text);
}

/* A clinic (or a device) never saved becomes a row with the first detail
 * entered, not merely because Preferences was opened (or Add clicked). */
static void
new_record_notify_cb (DcPreferencesWindow *self,
                      GParamSpec          *pspec,
                      DcRecord            *record)
{
  if (pspec->owner_type == DC_TYPE_RECORD)
    return;

  g_signal_handlers_disconnect_by_func (record, new_record_notify_cb, self);
  dc_record_saver_add (self->saver, record);
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
  g_signal_connect_object (clinic, "notify::logo", G_CALLBACK (clinic_logo_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_logo (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->clinic_page), TRUE);
  if (dc_record_get_id (DC_RECORD (clinic)) != 0)
    dc_record_saver_add (self->saver, DC_RECORD (clinic));
  else
    g_signal_connect_object (clinic, "notify", G_CALLBACK (new_record_notify_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
list_clinic_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DcPreferencesWindow *self = user_data;
  g_autoptr(GListModel) clinics = NULL;
  g_autoptr(DcClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;

  clinics = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (clinics == NULL)
    {
      show_error (self, error);
      return;
    }

  clinic = g_list_model_get_item (clinics, 0);
  if (clinic == NULL)
    clinic = dc_clinic_new ();

  show_clinic (self, clinic);
}

/* Practitioners ----------------------------------------------------------- */

static GtkWidget *
create_practitioner_row (gpointer item,
                         gpointer user_data)
{
  DcPreferencesWindow *self = user_data;
  GtkWidget *row = dc_practitioner_row_new (item);
  const GError *error = dc_record_saver_get_record_error (self->saver, item);

  if (g_error_matches (error, DC_ERROR, DC_ERROR_INVALID))
    dc_practitioner_row_set_error (DC_PRACTITIONER_ROW (row), error);

  return row;
}

static void
new_practitioner_apply_cb (DcPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->new_practitioner_row));
  g_autoptr(DcPractitioner) practitioner = NULL;
  g_autofree char *name = g_strstrip (g_strdup (text));

  if (*name == '\0')
    return;

  /* The main window saves it, as it saves every practitioner. */
  practitioner = dc_practitioner_new ();
  dc_practitioner_set_name (practitioner, name);
  g_list_store_append (self->practitioners, practitioner);
  gtk_editable_set_text (GTK_EDITABLE (self->new_practitioner_row), "");
}

/* Reports ----------------------------------------------------------------- */

static const char *const paper_ids[] = { "auto", "a4", "letter" };

static gboolean
paper_to_position (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paper_ids); i++)
    if (g_str_equal (id, paper_ids[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
position_to_paper (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (paper_ids))
    return NULL;
  return g_variant_new_string (paper_ids[position]);
}

/* "Automatic" says what the locale gives, so that nobody has to guess. */
static void
setup_paper (DcPreferencesWindow *self)
{
  g_autoptr(GtkStringList) papers = gtk_string_list_new (NULL);
  g_autofree char *automatic = NULL;

  automatic = g_strdup_printf (_("Automatic (%s)"),
                               dc_report_paper_get_default () == DC_REPORT_PAPER_LETTER
                               ? _("US Letter") : _("A4"));
  gtk_string_list_append (papers, automatic);
  gtk_string_list_append (papers, _("A4"));
  gtk_string_list_append (papers, _("US Letter"));
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (papers));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "paper-size", self->paper_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, paper_to_position, position_to_paper,
                                NULL, NULL);
}

/* Backups ----------------------------------------------------------------- */

/* The folder, and whether a failing disk would take the records with it. */
static void
update_backup_folder (DcPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "auto-backup-folder");
  g_autofree char *subtitle = NULL;

  if (*folder == '\0')
    subtitle = g_strdup (_("None chosen yet"));
  else
    {
      g_autofree char *display = g_filename_display_name (folder);
      g_autofree char *data_dir = NULL;
      GStatBuf folder_st, data_st;

      if (self->store != NULL)
        data_dir = g_path_get_dirname (dc_store_get_path (self->store));
      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        /* Translators: a folder, then why it is not used now */
        subtitle = g_strdup_printf (_("%s — not there now; is its disk connected?"), display);
      else if (data_dir != NULL && g_stat (folder, &folder_st) == 0
               && g_stat (data_dir, &data_st) == 0 && folder_st.st_dev == data_st.st_dev)
        /* Translators: a folder, then a warning about it */
        subtitle = g_strdup_printf (_("%s — on the same disk as the records: a disk failure "
                                      "would lose both"), display);
      else
        subtitle = g_steal_pointer (&display);
    }

  adw_action_row_set_subtitle (self->backup_folder_row, subtitle);
}

static void
update_last_backup (DcPreferencesWindow *self)
{
  gint64 last = g_settings_get_int64 (self->settings, "last-auto-backup");
  g_autofree char *subtitle = NULL;

  if (last <= 0)
    subtitle = g_strdup (_("None yet"));
  else
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (last);

      subtitle = dc_backup_dialogs_format_time (time);
    }
  adw_action_row_set_subtitle (self->last_backup_row, subtitle);
}

/**
 * _dc_preferences_window_set_backup_folder:
 * @folder: (nullable): the folder chosen, or %NULL if none was
 *
 * Takes the folder chosen for automatic backups. Without one, automatic
 * backups cannot stay on.
 */
void
_dc_preferences_window_set_backup_folder (DcPreferencesWindow *self,
                                          GFile               *folder)
{
  g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;
  g_autofree char *current = g_settings_get_string (self->settings, "auto-backup-folder");

  g_return_if_fail (DC_IS_PREFERENCES_WINDOW (self));

  if (path != NULL)
    g_settings_set_string (self->settings, "auto-backup-folder", path);
  else if (folder != NULL)
    {
      g_autoptr(GError) error =
        g_error_new_literal (DC_ERROR, DC_ERROR_INVALID,
                             _("Backups can only be saved in local folders"));

      show_error (self, error);
    }

  if (path == NULL && *current == '\0')
    g_settings_set_boolean (self->settings, "auto-backup", FALSE);
}

static void
backup_folder_response_cb (DcPreferencesWindow *self,
                           int                  response)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);

  _dc_preferences_window_set_backup_folder (self, folder);
}

static void
choose_backup_folder_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  DcPreferencesWindow *self = DC_PREFERENCES_WINDOW (widget);
  g_autofree char *current = g_settings_get_string (self->settings, "auto-backup-folder");

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose Backup Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), NULL);
  if (*current != '\0' && g_file_test (current, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (current);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (backup_folder_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
auto_backup_changed_cb (DcPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "auto-backup-folder");

  /* Turned on without a folder: the next question is where. */
  if (g_settings_get_boolean (self->settings, "auto-backup") && *folder == '\0')
    gtk_widget_activate_action (GTK_WIDGET (self), "preferences.choose-backup-folder", NULL);
}

static void
setup_backups (DcPreferencesWindow *self)
{
  g_settings_bind (self->settings, "auto-backup", self->auto_backup_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "auto-backup-keep", self->backup_keep_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::auto-backup",
                           G_CALLBACK (auto_backup_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::auto-backup-folder",
                           G_CALLBACK (update_backup_folder), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::last-auto-backup",
                           G_CALLBACK (update_last_backup), self, G_CONNECT_SWAPPED);
  update_backup_folder (self);
  update_last_backup (self);
}

/* Devices ----------------------------------------------------------------- */

static gboolean
device_shown (gpointer item,
              gpointer user_data)
{
  return !dc_device_get_archived (item);
}

static void
device_archived_cb (DcPreferencesWindow *self)
{
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->shown_devices),
                      GTK_FILTER_CHANGE_DIFFERENT);
}

static GtkWidget *
create_device_row (gpointer item,
                   gpointer user_data)
{
  DcPreferencesWindow *self = user_data;
  GtkWidget *row = dc_device_row_new (item);
  const GError *error = dc_record_saver_get_record_error (self->saver, item);

  if (g_error_matches (error, DC_ERROR, DC_ERROR_INVALID))
    dc_device_row_set_error (DC_DEVICE_ROW (row), error);

  return row;
}

static void
watch_device (DcPreferencesWindow *self,
              DcDevice            *device)
{
  g_list_store_append (self->devices, device);
  g_signal_connect_object (device, "notify::archived", G_CALLBACK (device_archived_cb), self,
                           G_CONNECT_SWAPPED);
  if (dc_record_get_id (DC_RECORD (device)) != 0)
    dc_record_saver_add (self->saver, DC_RECORD (device));
  else
    g_signal_connect_object (device, "notify", G_CALLBACK (new_record_notify_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
list_devices_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DcPreferencesWindow *self = user_data;
  g_autoptr(GListModel) devices = NULL;
  g_autoptr(GError) error = NULL;

  devices = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (devices == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(DcDevice) device = g_list_model_get_item (devices, i);

      watch_device (self, device);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->devices_page), TRUE);
}

static void
add_device_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DcPreferencesWindow *self = DC_PREFERENCES_WINDOW (widget);
  g_autoptr(DcDevice) device = dc_device_new ();
  guint n_shown;
  GtkListBoxRow *row;

  /* A common pen, to be corrected; saved once its model is entered. */
  dc_device_set_kind (device, DC_DEVICE_PEN);
  dc_device_set_depth_min (device, 0.25);
  dc_device_set_depth_max (device, 2.5);
  dc_device_set_depth_step (device, 0.25);
  dc_device_set_speed_min (device, 1);
  dc_device_set_speed_max (device, 5);
  watch_device (self, device);

  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown_devices));
  row = gtk_list_box_get_row_at_index (self->devices_list, (int) n_shown - 1);
  if (row != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

/* Returns: (transfer none) (nullable): the clinic's device with @uuid */
static DcDevice *
find_device (DcPreferencesWindow *self,
             const char          *uuid)
{
  GListModel *model = G_LIST_MODEL (self->devices);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DcDevice) device = g_list_model_get_item (model, i);

      if (g_str_equal (dc_record_get_uuid (DC_RECORD (device)), uuid))
        return device;
    }

  return NULL;
}

static void
reveal_device (DcPreferencesWindow *self,
               DcDevice            *device)
{
  GListModel *shown = G_LIST_MODEL (self->shown_devices);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DcDevice) item = g_list_model_get_item (shown, i);
      GtkListBoxRow *row;

      if (item != device)
        continue;

      row = gtk_list_box_get_row_at_index (self->devices_list, (int) i);
      if (row != NULL)
        {
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (row));
        }
      return;
    }
}

/* A preset becomes one of the clinic's devices, saved at once since it is
 * complete. Adding one the clinic has already shows that one again (after
 * bringing it back from the archive): its UUID is the preset's. */
static void
add_preset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DcPreferencesWindow *self = DC_PREFERENCES_WINDOW (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  DcDevice *preset = dc_device_presets_lookup (uuid);
  DcDevice *device;

  if (preset == NULL)
    {
      g_warning ("There is no device preset %s", uuid);
      return;
    }

  device = find_device (self, uuid);
  if (device != NULL)
    {
      dc_device_set_archived (device, FALSE);
    }
  else
    {
      g_autoptr(DcDevice) copy = dc_device_presets_instantiate (preset);

      g_list_store_append (self->devices, copy);
      g_signal_connect_object (copy, "notify::archived", G_CALLBACK (device_archived_cb), self,
                               G_CONNECT_SWAPPED);
      dc_record_saver_add (self->saver, DC_RECORD (copy));
      device = copy;
    }

  reveal_device (self, device);
}

/* The "Add Device" menu: every preset by family, then a blank device. */
static GMenuModel *
create_add_device_menu (void)
{
  static const struct {
    DcDeviceKind  kind;
    const char   *title;
  } sections[] = {
    { DC_DEVICE_PEN, N_("Motorized Pens") },
    { DC_DEVICE_ROLLER, N_("Rollers") },
    { DC_DEVICE_RF, N_("RF Microneedling") },
  };
  GListModel *presets = dc_device_presets_get_default ();
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint i = 0; i < g_list_model_get_n_items (presets); i++)
        {
          g_autoptr(DcDevice) preset = g_list_model_get_item (presets, i);
          g_autoptr(GMenuItem) item = NULL;

          if (dc_device_get_kind (preset) != sections[s].kind)
            continue;

          item = g_menu_item_new (dc_device_get_model (preset), NULL);
          g_menu_item_set_action_and_target (item, "preferences.add-preset", "s",
                                             dc_record_get_uuid (DC_RECORD (preset)));
          g_menu_append_item (section, item);
        }
      g_menu_append_section (menu, _(sections[s].title), G_MENU_MODEL (section));
    }

  g_menu_append (other, _("_Other Device"), "preferences.add-device");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));

  return G_MENU_MODEL (menu);
}

/* Depth guidance ---------------------------------------------------------- */

static DcDeviceKind
get_family (DcPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->family_row);

  return selected != GTK_INVALID_LIST_POSITION ? (DcDeviceKind) selected : DC_DEVICE_PEN;
}

/* Returns: (transfer none) (nullable): the clinic's own guidance */
static DcDepthGuidance *
find_own_guidance (DcPreferencesWindow *self,
                   const char          *zone_id,
                   DcDeviceKind         family)
{
  GListModel *model = G_LIST_MODEL (self->own_guidance);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DcDepthGuidance) own = g_list_model_get_item (model, i);

      if (g_strcmp0 (dc_depth_guidance_get_zone (own), zone_id) == 0
          && dc_depth_guidance_get_family (own) == family)
        return own;
    }

  return NULL;
}

/* A zone without default guidance for the family is not one to treat
 * with it: there is nothing to adjust, unless the clinic already did. */
static void
update_guidance_row (DcPreferencesWindow *self,
                     DcGuidanceRow       *row)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  const char *zone_id = dc_guidance_row_get_zone_id (row);
  DcDeviceKind family = get_family (self);
  DcDepthGuidance *own = find_own_guidance (self, zone_id, family);
  DcZoneGuidance guidance;
  const GError *error;

  dc_guidance_row_set_guidance (row, family, own);
  gtk_widget_set_visible (GTK_WIDGET (row),
                          own != NULL
                          || dc_zone_get_guidance (dc_zone_catalogue_lookup (catalogue, zone_id),
                                                   family, &guidance));

  error = own != NULL ? dc_record_saver_get_record_error (self->saver, DC_RECORD (own)) : NULL;
  if (g_error_matches (error, DC_ERROR, DC_ERROR_INVALID))
    dc_guidance_row_set_error (row, error);
}

static void
update_guidance_rows (DcPreferencesWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->guidance_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (DC_IS_GUIDANCE_ROW (child))
        update_guidance_row (self, DC_GUIDANCE_ROW (child));
    }
}

static void
family_selected_cb (DcPreferencesWindow *self)
{
  update_guidance_rows (self);
}

static void
own_guidance_created_cb (DcPreferencesWindow *self,
                         DcDepthGuidance     *own)
{
  g_list_store_append (self->own_guidance, own);
  dc_record_saver_add (self->saver, DC_RECORD (own));
}

static void
restore_default_cb (DcPreferencesWindow *self,
                    DcDepthGuidance     *own,
                    DcGuidanceRow       *row)
{
  guint position;

  dc_record_saver_delete (self->saver, DC_RECORD (own));
  if (g_list_store_find (self->own_guidance, own, &position))
    g_list_store_remove (self->own_guidance, position);
  update_guidance_row (self, row);
}

static void
list_guidance_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DcPreferencesWindow *self = user_data;
  g_autoptr(GListModel) own_guidance = NULL;
  g_autoptr(GError) error = NULL;

  own_guidance = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (own_guidance == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (own_guidance); i++)
    {
      g_autoptr(DcDepthGuidance) own = g_list_model_get_item (own_guidance, i);

      g_list_store_append (self->own_guidance, own);
      dc_record_saver_add (self->saver, DC_RECORD (own));
    }
  update_guidance_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->guidance_page), TRUE);
}

static void
add_guidance_rows (DcPreferencesWindow *self)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  const char *const *zone_ids = dc_zone_catalogue_get_zone_ids (catalogue);
  g_autoptr(GtkStringList) families = gtk_string_list_new (NULL);

  for (int family = DC_DEVICE_PEN; family <= DC_DEVICE_RF; family++)
    gtk_string_list_append (families, dc_enum_get_label (DC_TYPE_DEVICE_KIND, family));
  adw_combo_row_set_model (self->family_row, G_LIST_MODEL (families));

  for (guint i = 0; zone_ids[i] != NULL; i++)
    {
      GtkWidget *row = dc_guidance_row_new (dc_zone_catalogue_lookup (catalogue, zone_ids[i]));

      g_signal_connect_object (row, "own-created", G_CALLBACK (own_guidance_created_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "restore-default", G_CALLBACK (restore_default_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->guidance_list, row);
    }
  update_guidance_rows (self);
}

/* The window -------------------------------------------------------------- */

/* Lets go of @records, whose changes are still saved. */
static void
forget_records (DcPreferencesWindow *self,
                GListModel          *records)
{
  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(DcRecord) record = g_list_model_get_item (records, i);

      g_signal_handlers_disconnect_by_data (record, self);
      if (self->saver != NULL)
        dc_record_saver_remove (self->saver, record);
    }
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

  /* The saver outlives this window: it hears no more of it, and the clinic
   * edited here is saved once more, then let go of. */
  if (self->saver != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->saver, self);
      if (self->clinic != NULL)
        dc_record_saver_remove (self->saver, DC_RECORD (self->clinic));
    }
  if (self->clinic != NULL)
    g_signal_handlers_disconnect_by_data (self->clinic, self);
  forget_records (self, G_LIST_MODEL (self->devices));
  forget_records (self, G_LIST_MODEL (self->own_guidance));

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PREFERENCES_WINDOW);

  cache_logo (self, NULL, NULL);
  g_clear_object (&self->saver);
  g_clear_object (&self->clinic);
  g_clear_object (&self->practitioners);
  g_clear_object (&self->shown_devices);
  g_clear_object (&self->devices);
  g_clear_object (&self->own_guidance);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, clinic_error_group);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, clinic_error_label);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, address_view);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, website_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, practitioners_list);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow,
                                        new_practitioner_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, devices_page);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, add_device_button);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, auto_backup_switch);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, backup_folder_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, backup_keep_spin);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, devices_list);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, guidance_page);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, family_row);
  gtk_widget_class_bind_template_child (widget_class, DcPreferencesWindow, guidance_list);
  gtk_widget_class_bind_template_callback (widget_class, new_practitioner_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, family_selected_cb);

  gtk_widget_class_install_action (widget_class, "preferences.choose-logo", NULL,
                                   choose_logo_action);
  gtk_widget_class_install_action (widget_class, "preferences.remove-logo", NULL,
                                   remove_logo_action);
  gtk_widget_class_install_action (widget_class, "preferences.add-preset", "s",
                                   add_preset_action);
  gtk_widget_class_install_action (widget_class, "preferences.add-device", NULL,
                                   add_device_action);
  gtk_widget_class_install_action (widget_class, "preferences.choose-backup-folder", NULL,
                                   choose_backup_folder_action);
}

static void
dc_preferences_window_init (DcPreferencesWindow *self)
{
  g_autoptr(GMenuModel) add_device_menu = create_add_device_menu ();
  GtkCustomFilter *filter;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_menu_model (self->add_device_button, add_device_menu);
  setup_paper (self);

  self->cancellable = g_cancellable_new ();
  self->devices = g_list_store_new (DC_TYPE_DEVICE);
  filter = gtk_custom_filter_new (device_shown, NULL, NULL);
  self->shown_devices = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->devices)),
                                                   GTK_FILTER (filter));
  self->own_guidance = g_list_store_new (DC_TYPE_DEPTH_GUIDANCE);
  /* Until they are read, there is nothing to edit. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->devices_page), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->guidance_page), FALSE);
  g_signal_connect_object (gtk_text_view_get_buffer (self->address_view), "changed",
                           G_CALLBACK (address_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/* @saver saves the clinic, its devices and its own depth guidance, and
 * @practitioners; it belongs to @parent, whose
 * closing waits for it. */
DcPreferencesWindow *
dc_preferences_window_new (GtkWindow     *parent,
                           DcStore       *store,
                           DcRecordSaver *saver,
                           GListStore    *practitioners)
{
  DcPreferencesWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (DC_IS_RECORD_SAVER (saver), NULL);
  g_return_val_if_fail (G_IS_LIST_STORE (practitioners), NULL);

  self = g_object_new (DC_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->saver = g_object_ref (saver);
  /* Now that it knows where the records are. */
  setup_backups (self);
  g_signal_connect_object (saver, "failed", G_CALLBACK (saver_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (saver, "saved", G_CALLBACK (saver_saved_cb), self,
                           G_CONNECT_SWAPPED);

  self->practitioners = g_object_ref (practitioners);
  gtk_list_box_bind_model (self->practitioners_list, G_LIST_MODEL (practitioners),
                           create_practitioner_row, self, NULL);
  gtk_list_box_bind_model (self->devices_list, G_LIST_MODEL (self->shown_devices),
                           create_device_row, self, NULL);
  add_guidance_rows (self);

  /* Reads hold no reference: a window closed meanwhile is disposed at
   * once, which cancels them. */
  dc_store_list_async (store, DC_TYPE_CLINIC, 0, self->cancellable, list_clinic_cb, self);
  dc_store_list_async (store, DC_TYPE_DEVICE, 0, self->cancellable, list_devices_cb, self);
  dc_store_list_async (store, DC_TYPE_DEPTH_GUIDANCE, 0, self->cancellable, list_guidance_cb,
                       self);

  return self;
}

void
dc_preferences_window_show_practitioners (DcPreferencesWindow *self)
{
  g_return_if_fail (DC_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           self->practitioners_page);
}
