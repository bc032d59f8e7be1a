/* dc-backup-dialogs.c: choosing where a backup goes or which to restore,
 * asking before a restore with what the backup holds, showing what went
 * wrong, and following a backup's or restore's progress. */

#include "config.h"

#include "dc-backup-dialogs.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-model.h"

typedef struct
{
  GtkWindow        *parent;
  DcBackupFileFunc  func;
  gpointer          user_data;
  GDestroyNotify    destroy;
  char             *path;
} Request;

static Request *
request_new (GtkWindow        *parent,
             DcBackupFileFunc  func,
             gpointer          user_data,
             GDestroyNotify    destroy)
{
  Request *request = g_new0 (Request, 1);

  request->parent = g_object_ref (parent);
  request->func = func;
  request->user_data = user_data;
  request->destroy = destroy;
  return request;
}

static void
request_free (Request *request)
{
  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_object_unref (request->parent);
  g_free (request->path);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static GtkFileFilter *
new_backup_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Dermachart Backups"));
  gtk_file_filter_add_suffix (filter, DC_BACKUP_SUFFIX + 1);
  return filter;
}

/**
 * dc_backup_dialogs_format_time:
 *
 * Returns: (transfer full): @time in the user's time zone and locale, as
 *   the rest of the window shows times: "25/11/2026 at 10:30".
 */
char *
dc_backup_dialogs_format_time (GDateTime *time)
{
  g_autofree char *timestamp = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  timestamp = dc_timestamp_format (time);
  return dc_gui_format_timestamp (timestamp);
}

/* Where a backup goes ------------------------------------------------------ */

static void
destination_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         gpointer         user_data)
{
  g_autoptr(Request) request = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        {
          g_autoptr(GError) error =
            g_error_new_literal (DC_ERROR, DC_ERROR_INVALID,
                                 _("Backups can only be saved in local folders"));

          dc_backup_dialogs_show_error (request->parent, _("Backup Failed"), error);
        }
      else
        {
          /* A name typed without the extension gets it: the restore dialog
           * offers files with it. */
          if (!g_str_has_suffix (path, DC_BACKUP_SUFFIX))
            {
              char *with_suffix = g_strconcat (path, DC_BACKUP_SUFFIX, NULL);

              g_free (path);
              path = with_suffix;
            }
          request->func (request->parent, path, request->user_data);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * dc_backup_dialogs_choose_destination:
 * @func: called with the file chosen, if one is
 *
 * Asks where to save a backup, offering "dermachart-2026-11-25.dcbackup"
 * in the documents folder.
 */
void
dc_backup_dialogs_choose_destination (GtkWindow        *parent,
                                      DcBackupFileFunc  func,
                                      gpointer          user_data,
                                      GDestroyNotify    destroy)
{
  g_autoptr(GtkFileFilter) filter = new_backup_filter ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = dc_backup_dup_suggested_name (now);
  GtkFileChooserNative *chooser;
  const char *documents;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (func != NULL);

  chooser = gtk_file_chooser_native_new (_("Back Up Clinic"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  g_signal_connect (chooser, "response", G_CALLBACK (destination_response_cb),
                    request_new (parent, func, user_data, destroy));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Which backup to restore, and asking first ---------------------------------- */

/**
 * dc_backup_dialogs_new_confirmation:
 *
 * Returns: (transfer floating): the question asked before restoring the
 *   backup @info describes; it responds "restore" or "cancel".
 */
GtkWidget *
dc_backup_dialogs_new_confirmation (GtkWindow          *parent,
                                    const DcBackupInfo *info)
{
  g_autofree char *time = dc_backup_dialogs_format_time (info->created);
  g_autofree char *contents = dc_backup_info_dup_contents (info);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, _("Restore From Backup?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: "The backup made 25/11/2026 at 10:30
                                   * holds 5 patients, 13 sessions and 61 photos." */
                                  _("The backup made %s holds %s.\n\n"
                                    "It replaces the records and photos open now, which are "
                                    "not deleted but moved to a dated folder beside them. The "
                                    "whole backup is checked before anything is moved."),
                                  time, contents);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static void
confirmation_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  Request *request = user_data;

  if (g_strcmp0 (response, "restore") == 0)
    request->func (request->parent, request->path, request->user_data);
}

static void
info_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(DcBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  info = dc_backup_read_info_finish (result, &error);
  if (info == NULL)
    {
      dc_backup_dialogs_show_error (request->parent, _("Backup Cannot Be Restored"), error);
      return;
    }

  dialog = dc_backup_dialogs_new_confirmation (request->parent, info);
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirmation_response_cb),
                         g_steal_pointer (&request), (GClosureNotify) request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * dc_backup_dialogs_ask_restore:
 * @path: the backup
 * @func: called if the user confirms the restore
 *
 * Reads what the backup at @path holds and asks whether to restore it; a
 * file that is not a backup, is cut short or made by a newer version is
 * refused at once, with an error dialog.
 */
void
dc_backup_dialogs_ask_restore (GtkWindow        *parent,
                               const char       *path,
                               DcBackupFileFunc  func,
                               gpointer          user_data,
                               GDestroyNotify    destroy)
{
  Request *request;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (path != NULL);
  g_return_if_fail (func != NULL);

  request = request_new (parent, func, user_data, destroy);
  request->path = g_strdup (path);
  dc_backup_read_info_async (path, NULL, info_read_cb, request);
}

static void
restore_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(Request) request = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        {
          g_autoptr(GError) error =
            g_error_new_literal (DC_ERROR, DC_ERROR_INVALID,
                                 _("Backups can only be restored from local folders"));

          dc_backup_dialogs_show_error (request->parent, _("Backup Cannot Be Restored"), error);
        }
      else
        {
          Request *ask = g_steal_pointer (&request);

          dc_backup_dialogs_ask_restore (ask->parent, path, ask->func, ask->user_data,
                                         ask->destroy);
          /* Handed on with the rest. */
          ask->destroy = NULL;
          request_free (ask);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * dc_backup_dialogs_choose_restore:
 * @func: called with the backup chosen, once the user has confirmed
 *
 * Asks which backup to restore, then whether to (see
 * dc_backup_dialogs_ask_restore()).
 */
void
dc_backup_dialogs_choose_restore (GtkWindow        *parent,
                                  DcBackupFileFunc  func,
                                  gpointer          user_data,
                                  GDestroyNotify    destroy)
{
  g_autoptr(GtkFileFilter) filter = new_backup_filter ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (func != NULL);

  chooser = gtk_file_chooser_native_new (_("Restore From Backup"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  g_signal_connect (chooser, "response", G_CALLBACK (restore_response_cb),
                    request_new (parent, func, user_data, destroy));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Errors and progress --------------------------------------------------------- */

/**
 * dc_backup_dialogs_show_error:
 *
 * Says in a dialog why a backup or restore did not happen: it is not a
 * change the user may miss in a toast.
 */
void
dc_backup_dialogs_show_error (GtkWindow    *parent,
                              const char   *heading,
                              const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkProgressBar *bar;       /* weak */
  DcProgress     *progress;
} Follow;

static void
follow_free (gpointer data)
{
  Follow *follow = data;

  g_clear_weak_pointer (&follow->bar);
  dc_progress_unref (follow->progress);
  g_free (follow);
}

static gboolean
follow_cb (gpointer data)
{
  Follow *follow = data;

  if (follow->bar == NULL)
    return G_SOURCE_REMOVE;

  gtk_progress_bar_set_fraction (follow->bar, dc_progress_get_fraction (follow->progress));
  return G_SOURCE_CONTINUE;
}

/**
 * dc_backup_dialogs_follow_progress:
 *
 * Shows @progress in @bar, as long as @bar exists.
 */
void
dc_backup_dialogs_follow_progress (GtkProgressBar *bar,
                                   DcProgress     *progress)
{
  Follow *follow;

  g_return_if_fail (GTK_IS_PROGRESS_BAR (bar));
  g_return_if_fail (progress != NULL);

  follow = g_new0 (Follow, 1);
  g_set_weak_pointer (&follow->bar, bar);
  follow->progress = dc_progress_ref (progress);
  gtk_progress_bar_set_fraction (bar, dc_progress_get_fraction (progress));
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, follow_cb, follow, follow_free);
}

/**
 * dc_backup_dialogs_new_progress_toast:
 *
 * Returns: (transfer full): a toast that stays until dismissed, with
 *   @title and a bar following @progress.
 */
AdwToast *
dc_backup_dialogs_new_progress_toast (const char *title,
                                      DcProgress *progress)
{
  AdwToast *toast = adw_toast_new (title);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  dc_backup_dialogs_follow_progress (GTK_PROGRESS_BAR (bar), progress);

  adw_toast_set_custom_title (toast, box);
  adw_toast_set_timeout (toast, 0);
  return toast;
}
