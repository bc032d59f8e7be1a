/* dc-window.c: the main window.
 *
 * A leaflet puts the patient list beside the patient; a second leaflet that
 * never unfolds slides a session over its patient. The window owns what the
 * pages share (the store, the clinic's practitioners, the toasts) and every
 * window action, and it makes sure nothing typed is lost: pages save as
 * the user types, and closing waits until the last save has landed. */

#include "config.h"

#include "dc-window-private.h"

#include <glib/gi18n-lib.h>

#include "dc-demo.h"
#include "dc-gui-util.h"
#include "dc-new-patient-dialog.h"
#include "dc-patient-list.h"
#include "dc-patient-page.h"
#include "dc-preferences-window.h"
#include "dc-session-page.h"
#include "dc-store.h"

struct _DcWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  AdwHeaderBar         *sidebar_header;
  AdwHeaderBar         *empty_header;
  GtkLabel             *practitioner_label;
  GtkStack             *content_stack;
  AdwLeaflet           *content_leaflet;
  DcPatientList        *patient_list;
  DcPatientPage        *patient_page;
  DcSessionPage        *session_page;

  GSettings            *settings;
  DcStore              *store;
  GListStore           *practitioners;
  GMenu                *practitioner_section;
  GSignalGroup         *patient_signals;
  DcNewPatientDialog   *new_patient_dialog;
  DcPreferencesWindow  *preferences_window;
  GPtrArray            *pending_deletions;   /* DcSession, deleted unless undone */
  guint                 n_running;           /* store requests the window waits for */
  gboolean              show_archived;
  gboolean              closing;
  gboolean              close_confirmed;
};

G_DEFINE_FINAL_TYPE (DcWindow, dc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static DcPatient *
get_patient (DcWindow *self)
{
  return dc_patient_page_get_patient (self->patient_page);
}

static gboolean
is_showing_session (DcWindow *self)
{
  return dc_session_page_get_session (self->session_page) != NULL;
}

static void
update_actions (DcWindow *self)
{
  gboolean has_store = self->store != NULL;
  DcPatient *patient = get_patient (self);
  DcSession *session = dc_session_page_get_session (self->session_page);
  gboolean archived = patient != NULL && dc_patient_get_archived (patient);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-patient", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-session",
                                 patient != NULL && !archived
                                 && dc_record_get_id (DC_RECORD (patient)) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-practitioners", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo",
                                 has_store && !dc_patient_list_get_has_patients (self->patient_list));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.archive-patient",
                                 patient != NULL && !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unarchive-patient",
                                 patient != NULL && archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-session",
                                 session != NULL
                                 && dc_session_get_status (session) == DC_SESSION_DRAFT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 session != NULL || adw_leaflet_get_folded (self->leaflet));
}

/* Practitioners -------------------------------------------------------- */

static DcPractitioner *
find_current_practitioner (DcWindow *self)
{
  g_autofree char *uuid = g_settings_get_string (self->settings, "current-practitioner");
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->practitioners));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcPractitioner) practitioner = g_list_model_get_item (G_LIST_MODEL (self->practitioners), i);

      if (g_strcmp0 (dc_record_get_uuid (DC_RECORD (practitioner)), uuid) == 0
          && !dc_practitioner_get_archived (practitioner))
        return practitioner;
    }

  return NULL;
}

/* Names the practitioner in the header bar and in the audit trail. */
static void
update_current_practitioner (DcWindow *self)
{
  DcPractitioner *practitioner = find_current_practitioner (self);

  if (practitioner == NULL)
    {
      gtk_label_set_label (self->practitioner_label, _("Choose Practitioner"));
      /* Changes are still attributed to someone: the computer's user. */
      if (self->store != NULL)
        {
          g_autofree char *actor = g_strdup_printf ("%s (no practitioner chosen)",
                                                    g_get_user_name ());

          dc_store_set_actor (self->store, actor);
        }
      return;
    }

  gtk_label_set_label (self->practitioner_label, dc_practitioner_get_name (practitioner));
  if (self->store != NULL)
    {
      g_autofree char *actor = g_strdup_printf ("%s (%s)", dc_practitioner_get_name (practitioner),
                                                dc_record_get_uuid (DC_RECORD (practitioner)));

      dc_store_set_actor (self->store, actor);
    }
}

static void
rebuild_practitioner_menu (DcWindow *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->practitioners));

  g_menu_remove_all (self->practitioner_section);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcPractitioner) practitioner = g_list_model_get_item (G_LIST_MODEL (self->practitioners), i);
      g_autoptr(GMenuItem) item = NULL;

      /* New practitioners get their UUID when first saved. */
      if (dc_practitioner_get_archived (practitioner)
          || dc_record_get_uuid (DC_RECORD (practitioner)) == NULL
          || dc_practitioner_get_name (practitioner) == NULL)
        continue;

      item = g_menu_item_new (dc_practitioner_get_name (practitioner), NULL);
      g_menu_item_set_action_and_target (item, "win.current-practitioner", "s",
                                         dc_record_get_uuid (DC_RECORD (practitioner)));
      g_menu_append_item (self->practitioner_section, item);
    }

  update_current_practitioner (self);
}

static void
practitioners_changed_cb (DcWindow   *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) practitioner = g_list_model_get_item (model, i);

      g_signal_connect_object (practitioner, "notify", G_CALLBACK (rebuild_practitioner_menu),
                               self, G_CONNECT_SWAPPED);
    }

  rebuild_practitioner_menu (self);
}

static void
list_practitioners_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(DcWindow) self = user_data;
  g_autoptr(GListModel) practitioners = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n_items;

  practitioners = dc_store_list_finish (DC_STORE (object), result, &error);
  if (practitioners == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  n_items = g_list_model_get_n_items (practitioners);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (practitioners, i));
  g_list_store_splice (self->practitioners, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->practitioners)),
                       items->pdata, items->len);
}

static void
load_practitioners (DcWindow *self)
{
  dc_store_list_async (self->store, DC_TYPE_PRACTITIONER, 0, NULL, list_practitioners_cb,
                       g_object_ref (self));
}

/* Navigation ------------------------------------------------------------ */

static void
leave_session (DcWindow *self)
{
  if (!is_showing_session (self))
    return;

  /* Unsaved edits of the session are written on the way out, and the
   * history shows them (a new date, a new order). */
  dc_session_page_set_session (self->session_page, NULL, NULL);
  dc_patient_page_reload_sessions (self->patient_page);
  adw_leaflet_set_visible_child (self->content_leaflet, GTK_WIDGET (self->patient_page));
  update_actions (self);
}

static void
show_patient (DcWindow  *self,
              DcPatient *patient)
{
  leave_session (self);

  dc_patient_page_set_patient (self->patient_page, patient);
  dc_patient_list_set_current (self->patient_list, patient);
  g_signal_group_set_target (self->patient_signals, patient);

  gtk_stack_set_visible_child_name (self->content_stack, "patient");
  adw_leaflet_set_visible_child (self->content_leaflet, GTK_WIDGET (self->patient_page));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  update_actions (self);
}

static void
show_session (DcWindow  *self,
              DcSession *session)
{
  dc_session_page_set_session (self->session_page, session, get_patient (self));
  adw_leaflet_set_visible_child (self->content_leaflet, GTK_WIDGET (self->session_page));
  update_actions (self);
}

static void
patient_activated_cb (DcWindow  *self,
                      DcPatient *patient)
{
  show_patient (self, patient);
}

static void
session_activated_cb (DcWindow  *self,
                      DcSession *session)
{
  show_session (self, session);
}

static void
content_visible_child_cb (DcWindow *self)
{
  /* Swiped back from a session to its patient. */
  if (adw_leaflet_get_visible_child (self->content_leaflet) == GTK_WIDGET (self->patient_page))
    leave_session (self);
}

static void
leaflet_visible_child_cb (DcWindow *self)
{
  /* Back at the list on a narrow window: nothing is selected, so that
   * choosing the same patient again opens it again. */
  if (adw_leaflet_get_folded (self->leaflet)
      && adw_leaflet_get_visible_child (self->leaflet) == self->sidebar)
    dc_patient_list_set_current (self->patient_list, NULL);

  update_actions (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DcWindow *self = DC_WINDOW (widget);

  if (is_showing_session (self))
    leave_session (self);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Saving and closing ---------------------------------------------------- */

static gboolean
is_busy (DcWindow *self)
{
  return self->n_running > 0
         || dc_record_saver_get_busy (dc_patient_page_get_saver (self->patient_page))
         || dc_record_saver_get_busy (dc_session_page_get_saver (self->session_page));
}

static const GError *
get_save_error (DcWindow *self)
{
  const GError *error = dc_record_saver_get_error (dc_patient_page_get_saver (self->patient_page));

  if (error == NULL)
    error = dc_record_saver_get_error (dc_session_page_get_saver (self->session_page));
  return error;
}

/* Called whenever something the window may be waiting for has finished. */
static void
maybe_close (DcWindow *self)
{
  if (!self->closing || is_busy (self))
    return;

  self->closing = FALSE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
flush (DcWindow *self)
{
  if (self->store == NULL)
    return;

  dc_record_saver_flush (dc_patient_page_get_saver (self->patient_page));
  dc_record_saver_flush (dc_session_page_get_saver (self->session_page));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  flush (DC_WINDOW (widget));
}

static void
delete_session_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_running--;

  if (!dc_store_delete_finish (DC_STORE (object), result, &error))
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      dc_patient_page_reload_sessions (self->patient_page);
    }

  maybe_close (self);
}

static void
commit_deletion (DcWindow  *self,
                 DcSession *session)
{
  if (!g_ptr_array_remove (self->pending_deletions, session))
    return;

  self->n_running++;
  dc_store_delete_async (self->store, DC_RECORD (session), NULL, delete_session_cb,
                         g_object_ref (self));
}

static void
commit_all_deletions (DcWindow *self)
{
  while (self->pending_deletions->len > 0)
    commit_deletion (self, g_ptr_array_index (self->pending_deletions, 0));
}

static void
discard_response_cb (DcWindow   *self,
                     const char *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_window_state (DcWindow *self)
{
  int width, height;

  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
}

static gboolean
dc_window_close_request (GtkWindow *window)
{
  DcWindow *self = DC_WINDOW (window);
  const GError *error;
  GtkWidget *dialog;

  if (!self->close_confirmed && self->store != NULL)
    {
      commit_all_deletions (self);
      flush (self);

      if (is_busy (self))
        {
          self->closing = TRUE;
          return TRUE;
        }

      error = get_save_error (self);
      if (error != NULL)
        {
          dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Close Without Saving?"), NULL);
          adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                          /* Translators: %s says why a change could not
                                           * be saved */
                                          _("A change could not be saved: %s"), error->message);
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Keep Editing"),
                                            "discard", _("_Discard Change"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                                   G_CONNECT_SWAPPED);
          gtk_window_present (GTK_WINDOW (dialog));
          return TRUE;
        }
    }

  save_window_state (self);

  return GTK_WINDOW_CLASS (dc_window_parent_class)->close_request (window);
}

/* Actions -------------------------------------------------------------- */

static void
patient_created_cb (DcWindow  *self,
                    DcPatient *patient)
{
  show_patient (self, patient);
  dc_patient_list_reload (self->patient_list);
}

static void
new_patient_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DcWindow *self = DC_WINDOW (widget);
  DcNewPatientDialog *dialog;

  if (self->new_patient_dialog == NULL)
    {
      dialog = dc_new_patient_dialog_new (GTK_WINDOW (self), self->store);
      g_signal_connect_object (dialog, "created", G_CALLBACK (patient_created_cb), self,
                               G_CONNECT_SWAPPED);
      g_set_weak_pointer (&self->new_patient_dialog, dialog);
    }

  gtk_window_present (GTK_WINDOW (self->new_patient_dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DcWindow *self = DC_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  dc_patient_list_focus_search (self->patient_list);
}

typedef struct
{
  DcWindow  *window;
  DcSession *session;
} NewSession;

static void
new_session_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  NewSession *request = user_data;
  DcWindow *self = request->window;
  g_autoptr(GError) error = NULL;

  self->n_running--;

  if (!dc_store_save_finish (DC_STORE (object), result, &error))
    dc_gui_show_error (GTK_WIDGET (self), error);
  else if (!self->closing
           && dc_session_get_patient_id (request->session)
              == dc_record_get_id (DC_RECORD (get_patient (self))))
    {
      dc_patient_page_reload_sessions (self->patient_page);
      show_session (self, request->session);
    }

  maybe_close (self);

  g_object_unref (request->window);
  g_object_unref (request->session);
  g_free (request);
}

static void
new_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DcWindow *self = DC_WINDOW (widget);
  DcPractitioner *practitioner = find_current_practitioner (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *started_at = NULL;
  NewSession *request;

  /* Sessions are timed to the minute. */
  start = g_date_time_add_seconds (now, -g_date_time_get_seconds (now));
  started_at = dc_timestamp_format (start);

  request = g_new0 (NewSession, 1);
  request->window = g_object_ref (self);
  request->session = dc_session_new ();
  dc_session_set_patient_id (request->session, dc_record_get_id (DC_RECORD (get_patient (self))));
  dc_session_set_started_at (request->session, started_at);
  if (practitioner != NULL)
    dc_session_set_practitioner_id (request->session,
                                    dc_record_get_id (DC_RECORD (practitioner)));

  /* The session is created before it is shown: its products used refer to
   * its row id. */
  self->n_running++;
  dc_store_save_async (self->store, DC_RECORD (request->session), NULL, new_session_saved_cb,
                       request);
}

static DcPreferencesWindow *
present_preferences (DcWindow *self)
{
  if (self->preferences_window == NULL)
    g_set_weak_pointer (&self->preferences_window,
                        dc_preferences_window_new (GTK_WINDOW (self), self->store,
                                                   self->practitioners));

  gtk_window_present (GTK_WINDOW (self->preferences_window));
  return self->preferences_window;
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  present_preferences (DC_WINDOW (widget));
}

static void
manage_practitioners_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  dc_preferences_window_show_practitioners (present_preferences (DC_WINDOW (widget)));
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *developers[] = { _("The Dermachart developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", widget,
                        "modal", TRUE,
                        "application-name", PACKAGE_NAME,
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Dermachart developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/dermachart/dermachart",
                        "issue-url", "https://github.com/dermachart/dermachart/issues",
                        "translator-credits", _("translator-credits"),
                        "copyright", _("© The Dermachart developers"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
demo_filled_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_running--;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    dc_gui_show_error (GTK_WIDGET (self), error);
  else
    {
      load_practitioners (self);
      dc_patient_list_reload (self->patient_list);
      dc_gui_add_toast (GTK_WIDGET (self),
                        adw_toast_new (_("The demo clinic’s invented patients were added")));
    }

  maybe_close (self);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DcWindow *self = DC_WINDOW (widget);

  gtk_widget_action_set_enabled (widget, "win.load-demo", FALSE);
  self->n_running++;
  dc_store_run_async (self->store, dc_demo_fill, NULL, NULL, NULL, demo_filled_cb,
                      g_object_ref (self));
}

static void
undo_archive_cb (DcWindow *self,
                 AdwToast *toast)
{
  DcPatient *patient = g_object_get_data (G_OBJECT (toast), "dc-patient");

  dc_patient_set_archived (patient, !dc_patient_get_archived (patient));
}

static void
set_archived (DcWindow *self,
              gboolean  archived)
{
  DcPatient *patient = get_patient (self);
  AdwToast *toast;

  /* The patient page saves the change like any other edit. */
  dc_patient_set_archived (patient, archived);

  toast = adw_toast_new (archived ? _("Patient archived") : _("Patient restored"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "dc-patient", g_object_ref (patient), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_archive_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
archive_patient_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  set_archived (DC_WINDOW (widget), TRUE);
}

static void
unarchive_patient_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  set_archived (DC_WINDOW (widget), FALSE);
}

static void
undo_delete_cb (DcWindow *self,
                AdwToast *toast)
{
  DcSession *session = g_object_get_data (G_OBJECT (toast), "dc-session");

  if (g_ptr_array_remove (self->pending_deletions, session))
    dc_patient_page_reload_sessions (self->patient_page);
}

static void
delete_toast_dismissed_cb (DcWindow *self,
                           AdwToast *toast)
{
  commit_deletion (self, g_object_get_data (G_OBJECT (toast), "dc-session"));
}

/* The draft disappears at once, but is deleted only when the toast offering
 * to undo that goes away (or the window closes). */
static void
delete_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DcWindow *self = DC_WINDOW (widget);
  g_autoptr(DcSession) session = g_object_ref (dc_session_page_get_session (self->session_page));
  AdwToast *toast;

  leave_session (self);
  dc_patient_page_hide_session (self->patient_page, session);
  g_ptr_array_add (self->pending_deletions, g_object_ref (session));

  toast = adw_toast_new (_("Draft session deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "dc-session", g_object_ref (session), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
patient_saved_cb (DcWindow *self)
{
  /* A new name sorts differently; an archived patient may drop out. */
  dc_patient_list_reload (self->patient_list);
  update_actions (self);
}

/* The window ------------------------------------------------------------ */

static void
dc_window_dispose (GObject *object)
{
  DcWindow *self = DC_WINDOW (object);

  g_clear_weak_pointer (&self->new_patient_dialog);
  g_clear_weak_pointer (&self->preferences_window);
  if (self->patient_signals != NULL)
    g_signal_group_set_target (self->patient_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_WINDOW);

  g_clear_object (&self->patient_signals);
  g_clear_object (&self->practitioners);
  g_clear_pointer (&self->pending_deletions, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_window_parent_class)->dispose (object);
}

static void
dc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DcWindow *self = DC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DcWindow *self = DC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      if (self->show_archived != g_value_get_boolean (value))
        {
          self->show_archived = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_window_class_init (DcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dc_window_dispose;
  object_class->get_property = dc_window_get_property;
  object_class->set_property = dc_window_set_property;
  window_class->close_request = dc_window_close_request;

  /**
   * DcWindow:show-archived:
   *
   * Whether the patient list includes archived patients.
   */
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DC_TYPE_PATIENT_LIST);
  g_type_ensure (DC_TYPE_PATIENT_PAGE);
  g_type_ensure (DC_TYPE_SESSION_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, empty_header);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, practitioner_label);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, practitioner_section);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, content_leaflet);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, patient_list);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, patient_page);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, session_page);
  gtk_widget_class_bind_template_callback (widget_class, patient_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, content_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);

  gtk_widget_class_install_action (widget_class, "win.new-patient", NULL, new_patient_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-session", NULL, new_session_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.manage-practitioners", NULL,
                                   manage_practitioners_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.archive-patient", NULL,
                                   archive_patient_action);
  gtk_widget_class_install_action (widget_class, "win.unarchive-patient", NULL,
                                   unarchive_patient_action);
  gtk_widget_class_install_action (widget_class, "win.delete-session", NULL,
                                   delete_session_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-archived", "show-archived");
}

static void
dc_window_init (DcWindow *self)
{
  g_autoptr(GAction) practitioner_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->practitioners = g_list_store_new (DC_TYPE_PRACTITIONER);
  self->pending_deletions = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The chooser's radio items are the setting itself. */
  practitioner_action = g_settings_create_action (self->settings, "current-practitioner");
  g_action_map_add_action (G_ACTION_MAP (self), practitioner_action);
  g_signal_connect_object (self->settings, "changed::current-practitioner",
                           G_CALLBACK (update_current_practitioner), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->practitioners, "items-changed",
                           G_CALLBACK (practitioners_changed_cb), self, G_CONNECT_SWAPPED);

  g_object_bind_property (self, "show-archived", self->patient_list, "show-archived",
                          G_BINDING_SYNC_CREATE);

  g_object_bind_property (self->leaflet, "folded", self->sidebar_header,
                          "show-end-title-buttons", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->empty_header,
                          "show-start-title-buttons", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->patient_page, "folded",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->session_page, "folded",
                          G_BINDING_SYNC_CREATE);

  self->patient_signals = g_signal_group_new (DC_TYPE_PATIENT);
  g_signal_group_connect_swapped (self->patient_signals, "notify::archived",
                                  G_CALLBACK (update_actions), self);

  update_current_practitioner (self);
  update_actions (self);
}

DcWindow *
dc_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (DC_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/* Shows the clinic kept in @store. Until then the window shows that it is
 * loading. */
void
dc_window_set_store (DcWindow *self,
                     DcStore  *store)
{
  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail (DC_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);

  dc_patient_page_set_store (self->patient_page, store);
  dc_patient_page_set_practitioners (self->patient_page, G_LIST_MODEL (self->practitioners));
  dc_session_page_set_store (self->session_page, store);
  dc_session_page_set_practitioners (self->session_page, G_LIST_MODEL (self->practitioners));

  g_signal_connect_object (dc_patient_page_get_saver (self->patient_page), "saved",
                           G_CALLBACK (patient_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dc_patient_page_get_saver (self->patient_page), "notify::busy",
                           G_CALLBACK (maybe_close), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dc_session_page_get_saver (self->session_page), "notify::busy",
                           G_CALLBACK (maybe_close), self, G_CONNECT_SWAPPED);

  load_practitioners (self);
  dc_patient_list_set_store (self->patient_list, store);

  gtk_stack_set_visible_child_name (self->main_stack, "clinic");
  update_actions (self);
}

/* The store could not be opened: say why, and offer nothing that needs it. */
void
dc_window_show_error (DcWindow     *self,
                      const GError *error)
{
  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  update_actions (self);
}

DcNewPatientDialog *
_dc_window_get_new_patient_dialog (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->new_patient_dialog;
}

DcSessionPage *
_dc_window_get_session_page (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->session_page;
}
