/* dc-window.c: the main window.
 *
 * A leaflet puts the patient list beside the patient; a second leaflet that
 * never unfolds slides a session over its patient. The window owns what the
 * pages share (the store, the clinic's practitioners, the toasts) and every
 * window action, and it makes sure nothing typed is lost: pages save as
 * the user types, leaving a page with a change that cannot be saved asks
 * first, and closing waits until the last save has landed.
 *
 * A restore from a backup closes the window the same way, so that nothing
 * typed is lost, and hands the backup to the application, which replaces
 * the clinic and opens a new window on it. */

#include "config.h"

#include "dc-window-private.h"

#include <glib/gi18n-lib.h>

#include "dc-backup-dialogs.h"
#include "dc-demo-photos.h"
#include "dc-demo.h"
#include "dc-gui-util.h"
#include "dc-new-patient-dialog.h"
#include "dc-patient-list.h"
#include "dc-patient-page.h"
#include "dc-preferences-window.h"
#include "dc-session-page.h"
#include "dc-safety-dialog.h"
#include "dc-store.h"

struct _DcWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkWidget            *saving_box;
  AdwStatusPage        *error_page;
  GtkWidget            *retry_button;
  GtkProgressBar       *restore_progress;
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
  GCancellable         *cancellable;         /* cancelled when the window goes */
  DcRecordSaver        *clinic_saver;        /* the clinic and its practitioners */
  GListStore           *practitioners;
  GMenu                *practitioner_section;
  GSignalGroup         *patient_signals;
  DcNewPatientDialog   *new_patient_dialog;
  DcPreferencesWindow  *preferences_window;
  GPtrArray            *pending_deletions;   /* PendingDeletion, deleted unless undone */
  char                 *actor;               /* as last given to the store */
  char                 *restore_path;        /* the backup to restore once closed */
  AdwToast             *backup_toast;        /* while a backup is being written */
  guint                 n_running;           /* store requests the window waits for */
  gboolean              show_archived;
  gboolean              loading_demo;
  gboolean              creating_session;
  gboolean              closing;             /* waiting for saves before closing */
  gboolean              close_confirmed;
  gboolean              backing_up;
  gboolean              restoring;           /* showing a restore's progress */
};

G_DEFINE_FINAL_TYPE (DcWindow, dc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A draft deleted from the history whose toast still offers to undo that. */
typedef struct
{
  DcSession *session;
  AdwToast  *toast;
} PendingDeletion;

static void
pending_deletion_free (gpointer data)
{
  PendingDeletion *deletion = data;

  g_clear_object (&deletion->session);
  g_clear_object (&deletion->toast);
  g_free (deletion);
}

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

/* Whether the window can do anything: it has a clinic, and is not on its
 * way out. */
static gboolean
is_usable (DcWindow *self)
{
  return self->store != NULL && !self->closing;
}

static void
update_actions (DcWindow *self)
{
  gboolean usable = is_usable (self);
  DcPatient *patient = get_patient (self);
  DcSession *session = dc_session_page_get_session (self->session_page);
  gboolean archived = patient != NULL && dc_patient_get_archived (patient);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-patient", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-session",
                                 usable && patient != NULL && !archived
                                 && dc_record_get_id (DC_RECORD (patient)) != 0
                                 && !self->creating_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-practitioners", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo",
                                 usable && !self->loading_demo
                                 && !dc_patient_list_get_has_patients (self->patient_list));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.archive-patient",
                                 usable && patient != NULL && !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unarchive-patient",
                                 usable && patient != NULL && archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-session",
                                 usable && session != NULL
                                 && dc_session_get_status (session) == DC_SESSION_DRAFT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete-session",
                                 usable && self->pending_deletions->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up",
                                 usable && !self->backing_up);
  /* Also when the clinic could not be opened: a backup may be the cure. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore",
                                 !self->closing && !self->backing_up && !self->restoring
                                 && (self->store != NULL
                                     || g_strcmp0 (gtk_stack_get_visible_child_name (
                                                     self->main_stack), "error") == 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 usable
                                 && (session != NULL || adw_leaflet_get_folded (self->leaflet)));
}

/* Practitioners -------------------------------------------------------- */

/* Returns: (transfer full) (nullable): the practitioner chosen in the
 * header bar, unless archived since */
static DcPractitioner *
find_current_practitioner (DcWindow *self)
{
  g_autofree char *uuid = g_settings_get_string (self->settings, "current-practitioner");
  GListModel *practitioners = G_LIST_MODEL (self->practitioners);
  guint n_items = g_list_model_get_n_items (practitioners);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcPractitioner) practitioner = g_list_model_get_item (practitioners, i);

      if (g_strcmp0 (dc_record_get_uuid (DC_RECORD (practitioner)), uuid) == 0
          && !dc_practitioner_get_archived (practitioner))
        return g_steal_pointer (&practitioner);
    }

  return NULL;
}

/* Names the practitioner in the header bar and in the audit trail. */
static void
update_current_practitioner (DcWindow *self)
{
  g_autoptr(DcPractitioner) practitioner = find_current_practitioner (self);
  g_autofree char *actor = NULL;

  /* The audit trail is stored data, not UI: who made a change is written
   * in English whatever language the window speaks, like the rest of it. */
  if (practitioner == NULL)
    {
      gtk_label_set_label (self->practitioner_label, _("Choose Practitioner"));
      /* Changes are still attributed to someone: the computer's user. */
      actor = g_strdup_printf ("%s (no practitioner chosen)", g_get_user_name ());
    }
  else
    {
      gtk_label_set_label (self->practitioner_label, dc_practitioner_get_name (practitioner));
      actor = g_strdup_printf ("%s (%s)", dc_practitioner_get_name (practitioner),
                               dc_record_get_uuid (DC_RECORD (practitioner)));
    }

  /* Every change to any practitioner (each key typed in Preferences) lands
   * here; the store hears only of a different actor. */
  if (self->store != NULL && g_strcmp0 (actor, self->actor) != 0)
    {
      dc_store_set_actor (self->store, actor);
      g_free (self->actor);
      self->actor = g_steal_pointer (&actor);
    }
}

/* Menu labels take "_" for a mnemonic; a name's own are doubled. */
static char *
escape_mnemonics (const char *text)
{
  GString *escaped = g_string_new (text);

  g_string_replace (escaped, "_", "__", 0);
  return g_string_free (escaped, FALSE);
}

static void
rebuild_practitioner_menu (DcWindow *self)
{
  GListModel *practitioners = G_LIST_MODEL (self->practitioners);
  guint n_items = g_list_model_get_n_items (practitioners);

  g_menu_remove_all (self->practitioner_section);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcPractitioner) practitioner = g_list_model_get_item (practitioners, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* A practitioner added in Preferences is offered once saved: sessions
       * refer to the row id. */
      if (dc_practitioner_get_archived (practitioner)
          || dc_record_get_id (DC_RECORD (practitioner)) == 0
          || dc_practitioner_get_name (practitioner) == NULL)
        continue;

      label = escape_mnemonics (dc_practitioner_get_name (practitioner));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.current-practitioner", "s",
                                         dc_record_get_uuid (DC_RECORD (practitioner)));
      g_menu_append_item (self->practitioner_section, item);
    }

  update_current_practitioner (self);
}

static void
practitioner_notify_cb (DcWindow *self)
{
  rebuild_practitioner_menu (self);
}

static void
current_practitioner_changed_cb (DcWindow *self)
{
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
      g_autoptr(DcPractitioner) practitioner = g_list_model_get_item (model, i);

      g_signal_connect_object (practitioner, "notify", G_CALLBACK (practitioner_notify_cb),
                               self, G_CONNECT_SWAPPED);
      /* Edited in Preferences, saved here: the window's close logic waits
       * for these saves whether Preferences is still open or not. */
      dc_record_saver_add (self->clinic_saver, DC_RECORD (practitioner));
    }

  rebuild_practitioner_menu (self);
}

static void maybe_close (DcWindow *self);

static void
list_practitioners_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  DcWindow *self = user_data;
  g_autoptr(GListModel) practitioners = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GListModel *current = NULL;
  guint n_items;

  /* The window is gone, maybe freed: nothing of it may be touched. */
  practitioners = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_running--;

  if (practitioners == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self->toast_overlay), error);
      maybe_close (self);
      return;
    }

  /* The objects replaced are edited no more; what is pending of them is
   * still saved. */
  current = G_LIST_MODEL (self->practitioners);
  for (guint i = 0; i < g_list_model_get_n_items (current); i++)
    {
      g_autoptr(DcRecord) practitioner = g_list_model_get_item (current, i);

      dc_record_saver_remove (self->clinic_saver, practitioner);
    }

  n_items = g_list_model_get_n_items (practitioners);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (practitioners, i));
  g_list_store_splice (self->practitioners, 0, g_list_model_get_n_items (current),
                       items->pdata, items->len);

  maybe_close (self);
}

/* Reads hold no reference: a window closed meanwhile is disposed at once,
 * which cancels them. Writes hold one, are not cancellable, and are
 * answered whatever became of the window. */
static void
load_practitioners (DcWindow *self)
{
  self->n_running++;
  dc_store_list_async (self->store, DC_TYPE_PRACTITIONER, 0, self->cancellable,
                       list_practitioners_cb, self);
}

/* Navigation ------------------------------------------------------------ */

/* Back from the session to its patient, without asking. */
static void
close_session (DcWindow *self)
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
  close_session (self);

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

/* Leaving a page whose record holds a change that cannot be saved (an
 * invalid email, a time that makes no sense) would drop that change
 * silently; the user chooses between correcting it and discarding it. */

typedef enum
{
  LEAVE_FOR_PATIENT,      /* another patient was chosen */
  LEAVE_FOR_NEW_SESSION,  /* a new session replaces the one shown */
  LEAVE_SESSION,          /* back from the session to its patient */
} LeaveReason;

typedef struct
{
  DcWindow      *window;
  DcRecordSaver *saver;    /* the one holding the invalid change */
  LeaveReason    reason;
  DcPatient     *patient;  /* for LEAVE_FOR_PATIENT */
} Leave;

static void
leave_free (gpointer  data,
            GClosure *closure)
{
  Leave *request = data;

  g_clear_object (&request->window);
  g_clear_object (&request->saver);
  g_clear_object (&request->patient);
  g_free (request);
}

static void create_session (DcWindow *self);

/* Returns: (transfer none) (nullable): the saver of a page about to be left
 * that holds a change that cannot be saved, and why */
static DcRecordSaver *
find_invalid_change (DcWindow    *self,
                     LeaveReason  reason,
                     DcPatient   *patient,
                     GError     **error)
{
  DcRecordSaver *saver;

  if (is_showing_session (self))
    {
      saver = dc_session_page_get_saver (self->session_page);
      if (!dc_record_saver_check (saver, error))
        return saver;
    }

  if (reason == LEAVE_FOR_PATIENT && get_patient (self) != NULL && patient != get_patient (self))
    {
      saver = dc_patient_page_get_saver (self->patient_page);
      if (!dc_record_saver_check (saver, error))
        return saver;
    }

  return NULL;
}

static void leave (DcWindow    *self,
                   LeaveReason  reason,
                   DcPatient   *patient);

static void
leave_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Leave            *request)
{
  DcWindow *self = request->window;
  DcRecordSaver *patient_saver = dc_patient_page_get_saver (self->patient_page);

  if (g_strcmp0 (response, "discard") == 0)
    {
      dc_record_saver_discard_invalid (request->saver);
      /* Asks again should the other page hold an invalid change too. */
      leave (self, request->reason, request->patient);
      /* The list showed the patient being edited; it shows what was
       * stored again. (A discarded session is reloaded with the history.) */
      if (request->saver == patient_saver)
        dc_patient_list_reload (self->patient_list);
      return;
    }

  /* Keep Editing: back to where the change can be corrected, which shows
   * what is wrong at once. */
  dc_record_saver_flush (request->saver);
  dc_patient_list_set_current (self->patient_list, get_patient (self));
  if (is_showing_session (self))
    adw_leaflet_set_visible_child (self->content_leaflet, GTK_WIDGET (self->session_page));
  else if (request->saver == patient_saver)
    dc_patient_page_show_details (self->patient_page);
}

static void
leave (DcWindow    *self,
       LeaveReason  reason,
       DcPatient   *patient)
{
  g_autoptr(GError) error = NULL;
  DcRecordSaver *saver;
  GtkWidget *dialog;
  Leave *request;

  saver = find_invalid_change (self, reason, patient, &error);
  if (saver != NULL)
    {
      request = g_new0 (Leave, 1);
      request->window = g_object_ref (self);
      request->saver = g_object_ref (saver);
      request->reason = reason;
      request->patient = patient != NULL ? g_object_ref (patient) : NULL;

      dialog = dc_gui_new_discard_dialog (GTK_WINDOW (self), error);
      g_signal_connect_data (dialog, "response", G_CALLBACK (leave_response_cb), request,
                             leave_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  switch (reason)
    {
    case LEAVE_FOR_PATIENT:
      show_patient (self, patient);
      break;

    case LEAVE_FOR_NEW_SESSION:
      create_session (self);
      break;

    case LEAVE_SESSION:
      close_session (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
patient_activated_cb (DcWindow  *self,
                      DcPatient *patient)
{
  leave (self, LEAVE_FOR_PATIENT, patient);
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
  if (adw_leaflet_get_visible_child (self->content_leaflet) == GTK_WIDGET (self->patient_page)
      && is_showing_session (self))
    leave (self, LEAVE_SESSION, NULL);
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
leaflet_folded_cb (DcWindow *self)
{
  update_actions (self);
}

static void
has_patients_cb (DcWindow *self)
{
  update_actions (self);
}

static void
patient_archived_cb (DcWindow *self)
{
  update_actions (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DcWindow *self = DC_WINDOW (widget);

  if (is_showing_session (self))
    leave (self, LEAVE_SESSION, NULL);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Saving and closing ---------------------------------------------------- */

static DcRecordSaver *
get_saver (DcWindow *self,
           guint     index)
{
  switch (index)
    {
    case 0:
      return dc_patient_page_get_saver (self->patient_page);
    case 1:
      return dc_session_page_get_saver (self->session_page);
    case 2:
      return self->clinic_saver;
    default:
      return NULL;
    }
}

static gboolean
is_busy (DcWindow *self)
{
  DcRecordSaver *saver;

  if (self->n_running > 0)
    return TRUE;

  for (guint i = 0; (saver = get_saver (self, i)) != NULL; i++)
    if (dc_record_saver_get_busy (saver))
      return TRUE;

  return FALSE;
}

static const GError *
get_save_error (DcWindow *self)
{
  DcRecordSaver *saver;

  for (guint i = 0; (saver = get_saver (self, i)) != NULL; i++)
    if (dc_record_saver_get_error (saver) != NULL)
      return dc_record_saver_get_error (saver);

  return NULL;
}

static void
flush (DcWindow *self)
{
  DcRecordSaver *saver;

  if (self->store == NULL)
    return;

  for (guint i = 0; (saver = get_saver (self, i)) != NULL; i++)
    dc_record_saver_flush (saver);
}

/* While the window waits for saves before closing, it says so and takes no
 * more input. */
static void
set_closing (DcWindow *self,
             gboolean  closing)
{
  if (self->closing == closing)
    return;

  self->closing = closing;
  gtk_widget_set_sensitive (GTK_WIDGET (self->main_stack), !closing);
  gtk_widget_set_visible (self->saving_box, closing);
  update_actions (self);
}

/* Called whenever something the window may be waiting for has finished. */
static void
maybe_close (DcWindow *self)
{
  if (!self->closing || g_cancellable_is_cancelled (self->cancellable) || is_busy (self))
    return;

  gtk_window_close (GTK_WINDOW (self));
}

static void
saver_busy_cb (DcWindow *self)
{
  maybe_close (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  flush (DC_WINDOW (widget));
}

static PendingDeletion *
find_pending_deletion (DcWindow *self,
                       gint64    session_id,
                       guint    *index)
{
  for (guint i = 0; i < self->pending_deletions->len; i++)
    {
      PendingDeletion *deletion = g_ptr_array_index (self->pending_deletions, i);

      if (dc_record_get_id (DC_RECORD (deletion->session)) == session_id)
        {
          *index = i;
          return deletion;
        }
    }

  return NULL;
}

typedef struct
{
  DcWindow  *window;
  DcSession *session;
} Deletion;

static void
delete_session_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Deletion *deletion = user_data;
  DcWindow *self = deletion->window;
  g_autoptr(GError) error = NULL;
  gboolean deleted;

  deleted = dc_store_delete_finish (DC_STORE (object), result, &error);

  /* Deletions committed as the window was disposed: the drafts are gone,
   * but nobody is left to tell. */
  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      self->n_running--;
      if (!deleted)
        dc_gui_show_error (GTK_WIDGET (self->toast_overlay), error);
      /* Gone from the database, or back in the history. */
      dc_patient_page_unhide_session (self->patient_page, deletion->session);
      maybe_close (self);
    }

  g_object_unref (deletion->window);
  g_object_unref (deletion->session);
  g_free (deletion);
}

static void
commit_deletion (DcWindow *self,
                 guint     index)
{
  PendingDeletion *pending = g_ptr_array_steal_index (self->pending_deletions, index);
  Deletion *deletion;

  /* The toast may still show; its Undo would no longer work. */
  g_signal_handlers_disconnect_by_data (pending->toast, self);
  adw_toast_dismiss (pending->toast);

  /* Not cancellable: the user deleted the draft, and it goes even if the
   * window goes first. */
  deletion = g_new0 (Deletion, 1);
  deletion->window = g_object_ref (self);
  deletion->session = g_object_ref (pending->session);
  self->n_running++;
  dc_store_delete_async (self->store, DC_RECORD (pending->session), NULL, delete_session_cb,
                         deletion);

  pending_deletion_free (pending);
  update_actions (self);
}

static void
commit_all_deletions (DcWindow *self)
{
  while (self->pending_deletions->len > 0)
    commit_deletion (self, 0);
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes @window once the dialog answered is gone: a dialog whose
 * transient parent is finalized under it disconnects from a dead object. */
static void
close_later (GtkWindow *window)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (window),
                   g_object_unref);
}

static void
discard_response_cb (DcWindow   *self,
                     const char *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    {
      /* Kept editing: the restore waits for another try. */
      g_clear_pointer (&self->restore_path, g_free);
      return;
    }

  self->close_confirmed = TRUE;
  close_later (GTK_WINDOW (self));
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

static void
ask_close_without_saving (DcWindow     *self,
                          const GError *error)
{
  GtkWidget *dialog;

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
}

static gboolean
dc_window_close_request (GtkWindow *window)
{
  DcWindow *self = DC_WINDOW (window);
  const GError *error;

  /* The application carries on with the restore, and the window shows
   * how it ends. */
  if (self->restoring)
    return TRUE;

  if (self->store != NULL)
    {
      /* Whatever is pending is written now; tried once per close, so that
       * a store that keeps failing does not keep the window waiting. */
      if (!self->closing)
        flush (self);

      if (is_busy (self))
        {
          set_closing (self, TRUE);
          return TRUE;
        }
      set_closing (self, FALSE);

      error = get_save_error (self);
      if (error != NULL && !self->close_confirmed)
        {
          ask_close_without_saving (self, error);
          return TRUE;
        }

      /* Closing is certain now: the drafts deleted meanwhile go, and the
       * window waits for that as for a save. */
      if (self->pending_deletions->len > 0)
        {
          commit_all_deletions (self);
          set_closing (self, TRUE);
          return TRUE;
        }
    }

  save_window_state (self);

  /* Everything is saved: the application may replace the clinic. It
   * holds itself before this window goes, so it does not quit. */
  if (self->restore_path != NULL && gtk_window_get_application (window) != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (window)),
                                    "restore", g_variant_new_string (self->restore_path));

  return GTK_WINDOW_CLASS (dc_window_parent_class)->close_request (window);
}

/* Actions -------------------------------------------------------------- */

static void
patient_created_cb (DcWindow  *self,
                    DcPatient *patient)
{
  leave (self, LEAVE_FOR_PATIENT, patient);
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
  DcWindow       *window;
  DcSession      *session;
  DcPractitioner *practitioner;    /* (nullable) who is at the keyboard */
  char           *previous_start;  /* the patient's last session before */
  GPtrArray      *acks;            /* DcSafetyAck, saved with the session */
} NewSession;

static void
new_session_free (NewSession *request)
{
  g_object_unref (request->window);
  g_object_unref (request->session);
  g_clear_object (&request->practitioner);
  g_free (request->previous_start);
  g_clear_pointer (&request->acks, g_ptr_array_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NewSession, new_session_free)

/* The end of creating a session, however it went. */
static void
new_session_finished (NewSession *request)
{
  DcWindow *self = request->window;

  self->n_running--;
  self->creating_session = FALSE;
  update_actions (self);
  maybe_close (self);
}

static gboolean
save_new_session_func (DcStore       *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  NewSession *request = data;

  if (!dc_store_save (store, DC_RECORD (request->session), error))
    return FALSE;

  for (guint i = 0; request->acks != NULL && i < request->acks->len; i++)
    {
      DcSafetyAck *ack = g_ptr_array_index (request->acks, i);

      dc_safety_ack_set_session_id (ack, dc_record_get_id (DC_RECORD (request->session)));
      if (!dc_store_save (store, DC_RECORD (ack), error))
        return FALSE;
    }

  return TRUE;
}

static void
new_session_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(NewSession) request = user_data;
  DcWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  saved = dc_store_run_finish (DC_STORE (object), result, &error);

  if (!saved)
    dc_gui_show_error (GTK_WIDGET (self->toast_overlay), error);
  else if (!self->closing
           && get_patient (self) != NULL
           && dc_session_get_patient_id (request->session)
              == dc_record_get_id (DC_RECORD (get_patient (self))))
    {
      dc_patient_page_reload_sessions (self->patient_page);
      show_session (self, request->session);
    }

  new_session_finished (request);
}

static void
save_new_session (NewSession *request)
{
  dc_store_run_async (request->window->store, save_new_session_func, request, NULL, NULL,
                      new_session_saved_cb, request);
}

static void
new_session_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  NewSession *request = g_object_steal_data (G_OBJECT (dialog), "dc-new-session");
  GPtrArray *warnings = g_object_get_data (G_OBJECT (dialog), "dc-warnings");
  g_autofree char *now = NULL;

  if (request == NULL)
    return;
  if (g_strcmp0 (response, "confirm") != 0)
    {
      new_session_finished (request);
      new_session_free (request);
      return;
    }

  now = dc_timestamp_now ();
  request->acks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < warnings->len; i++)
    {
      DcSafetyWarning *warning = g_ptr_array_index (warnings, i);
      DcSafetyAck *ack = dc_safety_ack_new ();

      dc_safety_ack_set_kind (ack, warning->kind);
      dc_safety_ack_set_detail (ack, warning->detail);
      dc_safety_ack_set_stage (ack, DC_SAFETY_AT_CREATION);
      dc_safety_ack_set_acknowledged_by (ack,
                                         dc_record_get_id (DC_RECORD (request->practitioner)));
      dc_safety_ack_set_acknowledged_at (ack, now);
      g_ptr_array_add (request->acks, ack);
    }
  save_new_session (request);
}

static gboolean
find_previous_session_func (DcStore       *store,
                            gpointer       data,
                            GCancellable  *cancellable,
                            GError       **error)
{
  NewSession *request = data;
  g_autoptr(GListModel) sessions = NULL;

  sessions = dc_store_list (store, DC_TYPE_SESSION, dc_session_get_patient_id (request->session),
                            error);
  if (sessions == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DcSession) other = g_list_model_get_item (sessions, i);
      const char *start = dc_session_get_started_at (other);

      if (start != NULL && g_strcmp0 (start, request->previous_start) > 0)
        {
          g_free (request->previous_start);
          request->previous_start = g_strdup (start);
        }
    }

  return TRUE;
}

static gboolean
local_day (const char *timestamp,
           GDate      *day)
{
  g_autoptr(GDateTime) local = timestamp != NULL ? dc_gui_timestamp_to_local (timestamp) : NULL;

  g_date_clear (day, 1);
  if (local == NULL)
    return FALSE;
  g_date_set_dmy (day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return TRUE;
}

static void
previous_session_found_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(NewSession) request = user_data;
  DcWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  DcPatient *patient = get_patient (self);
  GDate day, previous;
  GtkWidget *dialog;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    {
      dc_gui_show_error (GTK_WIDGET (self->patient_page), error);
      new_session_finished (request);
      return;
    }
  if (self->closing || patient == NULL
      || dc_record_get_id (DC_RECORD (patient)) != dc_session_get_patient_id (request->session))
    {
      new_session_finished (request);
      return;
    }

  /* No device is chosen yet: every recorded condition counts, those that
   * concern RF only too. */
  local_day (dc_session_get_started_at (request->session), &day);
  warnings = dc_safety_check (patient, &day,
                              local_day (request->previous_start, &previous) ? &previous : NULL,
                              dc_safety_flags_for_family (~DC_MEDICAL_NONE, DC_DEVICE_RF));
  if (warnings->len == 0)
    {
      save_new_session (g_steal_pointer (&request));
      return;
    }

  if (request->practitioner == NULL)
    {
      g_autoptr(GError) no_one = g_error_new_literal (DC_ERROR, DC_ERROR_INVALID,
                                                      _("This patient’s record has safety "
                                                        "warnings to acknowledge. Choose who "
                                                        "you are in the main menu first."));

      dc_gui_show_error (GTK_WIDGET (self->patient_page), no_one);
      new_session_finished (request);
      return;
    }

  dialog = dc_safety_dialog_new (GTK_WINDOW (self), _("Start Session?"),
                                 _("Tick each warning once you have considered it. Your "
                                   "acknowledgement is kept with the session."),
                                 warnings, _("_Start Session"));
  g_object_set_data_full (G_OBJECT (dialog), "dc-warnings", g_steal_pointer (&warnings),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "dc-new-session", g_steal_pointer (&request),
                          (GDestroyNotify) new_session_free);
  g_signal_connect (dialog, "response", G_CALLBACK (new_session_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
create_session (DcWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *started_at = NULL;
  NewSession *request;

  /* Sessions are timed to the minute. */
  start = g_date_time_add_seconds (now, -g_date_time_get_seconds (now));
  started_at = dc_timestamp_format (start);

  request = g_new0 (NewSession, 1);
  request->window = g_object_ref (self);
  request->practitioner = find_current_practitioner (self);
  request->session = dc_session_new ();
  dc_session_set_patient_id (request->session, dc_record_get_id (DC_RECORD (get_patient (self))));
  dc_session_set_started_at (request->session, started_at);
  if (request->practitioner != NULL)
    dc_session_set_practitioner_id (request->session,
                                    dc_record_get_id (DC_RECORD (request->practitioner)));

  /* The session is created before it is shown: its products used refer to
   * its row id. One at a time, or a double Ctrl+Shift+N makes two. The
   * safety checks come first, with the patient's previous session. */
  self->n_running++;
  self->creating_session = TRUE;
  update_actions (self);
  dc_store_run_async (self->store, find_previous_session_func, request, NULL, NULL,
                      previous_session_found_cb, request);
}

static void
new_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  leave (DC_WINDOW (widget), LEAVE_FOR_NEW_SESSION, NULL);
}

static void
discard_preferences_response_cb (DcWindow   *self,
                                 const char *response)
{
  if (g_strcmp0 (response, "discard") != 0 || self->preferences_window == NULL)
    return;

  dc_record_saver_discard_invalid (self->clinic_saver);
  /* The practitioners still hold what was discarded: show them afresh. */
  load_practitioners (self);
  close_later (GTK_WINDOW (self->preferences_window));
}

/* Preferences saves like every page: closing it with a change that cannot
 * be saved asks, like leaving a page does. */
static gboolean
preferences_close_request_cb (DcWindow  *self,
                              GtkWindow *preferences)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  dc_record_saver_flush (self->clinic_saver);
  if (dc_record_saver_check (self->clinic_saver, &error))
    return GDK_EVENT_PROPAGATE;

  dialog = dc_gui_new_discard_dialog (preferences, error);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_preferences_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GDK_EVENT_STOP;
}

static DcPreferencesWindow *
present_preferences (DcWindow *self)
{
  DcPreferencesWindow *preferences;

  if (self->preferences_window == NULL)
    {
      preferences = dc_preferences_window_new (GTK_WINDOW (self), self->store,
                                               self->clinic_saver, self->practitioners);
      g_signal_connect_object (preferences, "close-request",
                               G_CALLBACK (preferences_close_request_cb), self,
                               G_CONNECT_SWAPPED);
      g_set_weak_pointer (&self->preferences_window, preferences);
    }

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
  gboolean filled;

  filled = dc_demo_fill_finish (DC_STORE (object), result, &error);

  self->n_running--;
  self->loading_demo = FALSE;
  update_actions (self);

  if (!filled)
    dc_gui_show_error (GTK_WIDGET (self->toast_overlay), error);
  else
    {
      load_practitioners (self);
      dc_patient_list_reload (self->patient_list);
      dc_gui_add_toast (GTK_WIDGET (self->toast_overlay),
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

  self->n_running++;
  self->loading_demo = TRUE;
  update_actions (self);
  dc_demo_fill_async (self->store, NULL, demo_filled_cb, g_object_ref (self));
}

/* Backups ---------------------------------------------------------------- */

static void
backup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DcWindow) self = user_data;
  g_autoptr(DcBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = dc_backup_create_finish (result, &error);

  self->n_running--;
  self->backing_up = FALSE;
  if (self->backup_toast != NULL)
    adw_toast_dismiss (self->backup_toast);
  g_clear_object (&self->backup_toast);
  update_actions (self);

  /* Written even as the window closed, which waited for it. */
  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      if (info == NULL)
        dc_backup_dialogs_show_error (GTK_WINDOW (self), _("Backup Failed"), error);
      else
        {
          g_autofree char *contents = dc_backup_info_dup_contents (info);
          g_autofree char *title = NULL;

          /* Translators: "Backed up 5 patients, 13 sessions and 61 photos" */
          title = g_strdup_printf (_("Backed up %s"), contents);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
        }
    }

  maybe_close (self);
}

void
_dc_window_back_up_to (DcWindow   *self,
                       const char *path)
{
  g_autoptr(DcProgress) progress = NULL;

  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (!is_usable (self) || self->backing_up)
    return;

  self->backing_up = TRUE;
  self->n_running++;
  update_actions (self);

  progress = dc_progress_new ();
  self->backup_toast = dc_backup_dialogs_new_progress_toast (_("Backing Up…"), progress);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->backup_toast));

  /* What is typed is in the backup: its saves are queued first, and the
   * backup comes after them. */
  flush (self);
  dc_backup_create_async (self->store, path, progress, NULL, backup_done_cb,
                          g_object_ref (self));
}

static void
destination_chosen_cb (GtkWindow  *parent,
                       const char *path,
                       gpointer    user_data)
{
  _dc_window_back_up_to (DC_WINDOW (parent), path);
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dc_backup_dialogs_choose_destination (GTK_WINDOW (widget), destination_chosen_cb, NULL, NULL);
}

/* The backup replaces what this window shows: it closes as it would to
 * quit, saving all, and then the application restores. */
void
_dc_window_restore_from (DcWindow   *self,
                         const char *path)
{
  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->closing || self->restoring || self->backing_up)
    return;

  g_free (self->restore_path);
  self->restore_path = g_strdup (path);
  gtk_window_close (GTK_WINDOW (self));
}

static void
restore_confirmed_cb (GtkWindow  *parent,
                      const char *path,
                      gpointer    user_data)
{
  _dc_window_restore_from (DC_WINDOW (parent), path);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dc_backup_dialogs_choose_restore (GTK_WINDOW (widget), restore_confirmed_cb, NULL, NULL);
}

static void
show_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
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

/* The toast's Undo button: the draft comes back to the history. */
static void
undo_delete_session_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DcWindow *self = DC_WINDOW (widget);
  PendingDeletion *pending;
  guint index;

  pending = find_pending_deletion (self, g_variant_get_int64 (parameter), &index);
  if (pending == NULL)
    return;

  pending = g_ptr_array_steal_index (self->pending_deletions, index);
  g_signal_handlers_disconnect_by_data (pending->toast, self);
  adw_toast_dismiss (pending->toast);
  dc_patient_page_unhide_session (self->patient_page, pending->session);
  pending_deletion_free (pending);
  update_actions (self);
}

static void
delete_toast_dismissed_cb (DcWindow *self,
                           AdwToast *toast)
{
  for (guint i = 0; i < self->pending_deletions->len; i++)
    {
      PendingDeletion *pending = g_ptr_array_index (self->pending_deletions, i);

      if (pending->toast == toast)
        {
          commit_deletion (self, i);
          return;
        }
    }
}

/* The draft disappears at once, but is deleted only when the toast offering
 * to undo that goes away, or once the window is sure to close. */
static void
delete_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DcWindow *self = DC_WINDOW (widget);
  g_autoptr(DcSession) session = g_object_ref (dc_session_page_get_session (self->session_page));
  PendingDeletion *pending;

  /* A change that cannot be saved need not be: the draft is going. The
   * others are saved, in case the deletion is undone. */
  dc_record_saver_discard_invalid (dc_session_page_get_saver (self->session_page));
  dc_patient_page_hide_session (self->patient_page, session);
  close_session (self);

  pending = g_new0 (PendingDeletion, 1);
  pending->session = g_object_ref (session);
  pending->toast = adw_toast_new (_("Draft session deleted"));
  adw_toast_set_button_label (pending->toast, _("_Undo"));
  adw_toast_set_action_name (pending->toast, "win.undo-delete-session");
  adw_toast_set_action_target_value (pending->toast,
                                     g_variant_new_int64 (dc_record_get_id (DC_RECORD (session))));
  g_signal_connect_object (pending->toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->pending_deletions, pending);

  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (pending->toast));
  update_actions (self);
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

  g_cancellable_cancel (self->cancellable);

  /* Deletions still waiting for their toast go now: the toasts outlive the
   * window's dispose, and must not call back into it. */
  if (self->pending_deletions != NULL && self->store != NULL)
    commit_all_deletions (self);

  g_clear_weak_pointer (&self->new_patient_dialog);
  g_clear_weak_pointer (&self->preferences_window);
  if (self->patient_signals != NULL)
    g_signal_group_set_target (self->patient_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_WINDOW);

  g_clear_object (&self->patient_signals);
  g_clear_object (&self->practitioners);
  g_clear_pointer (&self->pending_deletions, g_ptr_array_unref);
  g_clear_object (&self->clinic_saver);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->backup_toast);

  G_OBJECT_CLASS (dc_window_parent_class)->dispose (object);
}

static void
dc_window_finalize (GObject *object)
{
  DcWindow *self = DC_WINDOW (object);

  /* Kept until now: callbacks that hold the window check it. */
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->restore_path, g_free);

  G_OBJECT_CLASS (dc_window_parent_class)->finalize (object);
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
  object_class->finalize = dc_window_finalize;
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
  gtk_widget_class_bind_template_child (widget_class, DcWindow, saving_box);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, DcWindow, restore_progress);
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
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_patients_cb);

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
  gtk_widget_class_install_action (widget_class, "win.undo-delete-session", "x",
                                   undo_delete_session_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.show-folder", "s", show_folder_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-archived", "show-archived");
}

static void
dc_window_init (DcWindow *self)
{
  g_autoptr(GAction) practitioner_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->practitioners = g_list_store_new (DC_TYPE_PRACTITIONER);
  self->pending_deletions = g_ptr_array_new_with_free_func (pending_deletion_free);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The chooser's radio items are the setting itself. */
  practitioner_action = g_settings_create_action (self->settings, "current-practitioner");
  g_action_map_add_action (G_ACTION_MAP (self), practitioner_action);
  g_signal_connect_object (self->settings, "changed::current-practitioner",
                           G_CALLBACK (current_practitioner_changed_cb), self,
                           G_CONNECT_SWAPPED);

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
                                  G_CALLBACK (patient_archived_cb), self);

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
  DcRecordSaver *saver;

  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail (DC_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->clinic_saver = dc_record_saver_new (store);
  update_current_practitioner (self);

  dc_patient_page_set_store (self->patient_page, store);
  dc_patient_page_set_practitioners (self->patient_page, G_LIST_MODEL (self->practitioners));
  dc_session_page_set_store (self->session_page, store);
  dc_session_page_set_practitioners (self->session_page, G_LIST_MODEL (self->practitioners));

  g_signal_connect_object (dc_patient_page_get_saver (self->patient_page), "saved",
                           G_CALLBACK (patient_saved_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; (saver = get_saver (self, i)) != NULL; i++)
    g_signal_connect_object (saver, "notify::busy", G_CALLBACK (saver_busy_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->practitioners, "items-changed",
                           G_CALLBACK (practitioners_changed_cb), self, G_CONNECT_SWAPPED);

  load_practitioners (self);
  dc_patient_list_set_store (self->patient_list, store);

  self->restoring = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "clinic");
  update_actions (self);
}

/* Shows that the clinic is being opened, as the window does at first; for
 * opening it again after an error (app.retry-open). */
void
dc_window_show_opening (DcWindow *self)
{
  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail (self->store == NULL);

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

/**
 * dc_window_show_error:
 *
 * Shows why the clinic could not be opened (or filled with the demo), and
 * offers nothing that needs it. The page is titled after what went wrong;
 * where trying again can help (a full disk, a database in use), it offers
 * that, through the app.retry-open action.
 */
void
dc_window_show_error (DcWindow     *self,
                      const GError *error)
{
  const char *title = _("Could Not Open the Clinic");
  const char *icon = "dialog-error-symbolic";
  gboolean untouched = FALSE;
  gboolean retry = TRUE;
  g_autofree char *message = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  if (error->domain == DC_ERROR)
    {
      switch (error->code)
        {
        case DC_ERROR_CORRUPT:
          title = _("The Clinic’s Database Is Damaged");
          icon = "dialog-warning-symbolic";
          untouched = TRUE;
          retry = FALSE;
          break;
        case DC_ERROR_NEWER_SCHEMA:
          title = _("Made by a Newer Dermachart");
          icon = "software-update-available-symbolic";
          untouched = TRUE;
          retry = FALSE;
          break;
        case DC_ERROR_NO_SPACE:
          title = _("The Disk Is Full");
          icon = "drive-harddisk-symbolic";
          break;
        case DC_ERROR_READ_ONLY:
          title = _("The Clinic Cannot Be Changed");
          icon = "changes-prevent-symbolic";
          break;
        case DC_ERROR_BUSY:
          title = _("The Clinic Is in Use");
          break;
        default:
          break;
        }
    }

  /* Both cases are refused before anything is written: saying so keeps
   * anyone from deleting the file to make the message go away. */
  message = untouched
            ? g_strdup_printf ("%s\n\n%s", error->message,
                               _("Dermachart has left the file as it was."))
            : g_strdup (error->message);
  /* The description is markup; a path in the message may hold a "&". */
  description = g_markup_escape_text (message, -1);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_icon_name (self->error_page, icon);
  adw_status_page_set_description (self->error_page, description);
  /* Once a store is there (the demo failed), there is nothing to reopen. */
  gtk_widget_set_visible (self->retry_button, retry && self->store == NULL);

  self->restoring = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  update_actions (self);
}

AdwStatusPage *
_dc_window_get_error_page (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->error_page;
}

GtkWidget *
_dc_window_get_retry_button (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->retry_button;
}

const char *
_dc_window_get_main_page (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * dc_window_show_restoring:
 *
 * Shows that the clinic is being restored from a backup, how far that
 * has got, until dc_window_set_store() or dc_window_show_error(). The
 * window cannot be closed meanwhile.
 */
void
dc_window_show_restoring (DcWindow   *self,
                          DcProgress *progress)
{
  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail (progress != NULL);
  g_return_if_fail (self->store == NULL);

  self->restoring = TRUE;
  dc_backup_dialogs_follow_progress (self->restore_progress, progress);
  gtk_stack_set_visible_child_name (self->main_stack, "restoring");
  update_actions (self);
}

/**
 * dc_window_show_restored:
 * @result: (nullable): what was restored, or %NULL if nothing was
 * @error: (nullable): why not
 *
 * Tells how a restore ended: a toast offering to show the folder the
 * replaced records went to, or a dialog saying why nothing was replaced.
 */
void
dc_window_show_restored (DcWindow              *self,
                         const DcRestoreResult *result,
                         const GError          *error)
{
  g_autofree char *time = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail ((result == NULL) != (error == NULL));

  if (result == NULL)
    {
      dc_backup_dialogs_show_error (GTK_WINDOW (self), _("Backup Not Restored"), error);
      return;
    }

  time = dc_backup_dialogs_format_time (result->info->created);
  /* Translators: "Restored the backup made 25/11/2026 at 10:30" */
  title = g_strdup_printf (_("Restored the backup made %s"), time);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  if (result->moved_to != NULL)
    {
      adw_toast_set_button_label (toast, _("_Previous Records"));
      adw_toast_set_action_name (toast, "win.show-folder");
      adw_toast_set_action_target_value (toast, g_variant_new_string (result->moved_to));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * dc_window_add_toast:
 *
 * Shows @toast, taking ownership of it: for news from elsewhere in the
 * application, such as an automatic backup that failed.
 */
void
dc_window_add_toast (DcWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (DC_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

DcNewPatientDialog *
_dc_window_get_new_patient_dialog (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->new_patient_dialog;
}

DcPatientList *
dc_window_get_patient_list (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->patient_list;
}

DcPatientPage *
_dc_window_get_patient_page (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->patient_page;
}

DcSessionPage *
_dc_window_get_session_page (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->session_page;
}

DcPreferencesWindow *
_dc_window_get_preferences_window (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->preferences_window;
}

DcRecordSaver *
_dc_window_get_clinic_saver (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), NULL);

  return self->clinic_saver;
}

gboolean
_dc_window_get_closing (DcWindow *self)
{
  g_return_val_if_fail (DC_IS_WINDOW (self), FALSE);

  return self->closing;
}
