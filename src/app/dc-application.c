/* dc-application.c: start-up, the command-line split and app-wide actions.
 *
 * "dermachart VERB …" runs headless (dc-cli.c) without touching the display;
 * anything else starts the GUI. The window appears at once and the database
 * is opened in a worker, so a large clinic never delays the first frame.
 *
 * The application owns the store, so it also makes the daily automatic
 * backup, in the background, and restores a backup: once the window that
 * asked has closed (saving everything), it closes the store, restores in a
 * worker while a new window shows the progress, and opens the clinic
 * again in that window, restored or, if the backup was refused, as it
 * was. */

#include "config.h"

#include "dc-application.h"

#include <glib/gi18n-lib.h>

#include "dc-auto-backup.h"
#include "dc-backup.h"
#include "dc-cli.h"
#include "dc-demo-photos.h"
#include "dc-demo.h"
#include "dc-photo-library.h"
#include "dc-report-window.h"
#include "dc-startup-timing.h"
#include "dc-store.h"
#include "dc-window.h"
#include "dc-zone-rules.h"

struct _DcApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  gboolean        demo;
  DcStore        *store;

  GSettings      *settings;
  guint           auto_backup_timeout;
  GCancellable   *auto_backup;   /* while one is being written */
  char           *restore_path;  /* while a backup is being restored */
  gboolean        restore_waiting;
};

G_DEFINE_FINAL_TYPE (DcApplication, dc_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The database file (default: the user’s data folder)"), N_("PATH") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Fill an empty database with the demo clinic first"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

typedef struct
{
  DcWindow *window;
  DcStore  *store;
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->window);
  g_clear_object (&request->store);
  g_free (request);
}

static void maybe_auto_backup (DcApplication *self);

static void
demo_filled_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpenRequest *request = user_data;
  DcApplication *self = DC_APPLICATION (gtk_window_get_application (GTK_WINDOW (request->window)));
  g_autoptr(GError) error = NULL;

  /* A clinic that already has patients keeps them; the demo is skipped. */
  if (!dc_demo_fill_finish (DC_STORE (source), result, &error)
      && !g_error_matches (error, DC_ERROR, DC_ERROR_NOT_EMPTY))
    {
      g_warning ("Could not add the demo clinic: %s", error->message);
      dc_window_set_store (request->window, request->store);
      dc_window_show_error (request->window, error);
      open_request_free (request);
      return;
    }

  dc_window_set_store (request->window, request->store);
  open_request_free (request);
  if (self != NULL)
    maybe_auto_backup (self);
}

static void
temp_files_removed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n_removed;

  /* Busy means an import in another program: its files are not leftovers. */
  if (!dc_photo_library_remove_temp_files_finish (result, &n_removed, &error))
    {
      if (!g_error_matches (error, DC_ERROR, DC_ERROR_BUSY))
        g_warning ("Could not remove temporary photo files: %s", error->message);
    }
  else if (n_removed > 0)
    g_message ("Removed %u temporary photo files left by an interrupted import", n_removed);
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OpenRequest *request = user_data;
  DcApplication *self = DC_APPLICATION (gtk_window_get_application (GTK_WINDOW (request->window)));
  g_autoptr(GError) error = NULL;

  request->store = dc_store_open_finish (result, &error);
  if (request->store == NULL)
    {
      dc_window_show_error (request->window, error);
      open_request_free (request);
      return;
    }

  dc_zone_rules_install (request->store);
  /* What an import cut short by a crash left behind, off the main thread. */
  dc_photo_library_remove_temp_files_async (dc_store_get_photo_dir (request->store), NULL,
                                            temp_files_removed_cb, NULL);
  if (self != NULL)
    g_set_object (&self->store, request->store);

  if (self != NULL && self->demo)
    {
      dc_demo_fill_async (request->store, NULL, demo_filled_cb, request);
      return;
    }

  dc_window_set_store (request->window, request->store);
  open_request_free (request);
  if (self != NULL)
    maybe_auto_backup (self);
}

/* Automatic backups ------------------------------------------------------ */

static void
show_auto_backup_error (DcApplication *self,
                        const GError  *error)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_warning ("Automatic backup failed: %s", error->message);
  if (!DC_IS_WINDOW (window))
    return;

  /* Translators: %s says why */
  message = g_strdup_printf (_("The automatic backup failed: %s"), error->message);
  title = g_markup_escape_text (message, -1);
  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  dc_window_add_toast (DC_WINDOW (window), toast);
}

static void start_restore (DcApplication *self);

static void
auto_backup_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DcApplication) self = user_data;
  g_autoptr(DcBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = dc_backup_create_finish (result, &error);
  g_clear_object (&self->auto_backup);

  if (info != NULL)
    {
      g_autofree char *folder = g_settings_get_string (self->settings, "auto-backup-folder");
      guint keep = (guint) g_settings_get_int (self->settings, "auto-backup-keep");

      g_settings_set_int64 (self->settings, "last-auto-backup",
                            g_date_time_to_unix (info->created));
      g_clear_error (&error);
      /* Only once the new one is safely written. */
      if (!dc_auto_backup_prune (folder, MAX (keep, 1), NULL, &error))
        show_auto_backup_error (self, error);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_auto_backup_error (self, error);

  if (self->restore_waiting)
    start_restore (self);
}

/* Makes the daily backup if one is due: at start-up, once an hour, and
 * when it is turned on or given another folder. */
static void
maybe_auto_backup (DcApplication *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (self->settings == NULL || self->store == NULL || self->auto_backup != NULL
      || self->restore_path != NULL || !g_settings_get_boolean (self->settings, "auto-backup"))
    return;

  folder = g_settings_get_string (self->settings, "auto-backup-folder");
  if (*folder == '\0')
    return;

  now = g_date_time_new_now_local ();
  if (!dc_auto_backup_is_due (g_settings_get_int64 (self->settings, "last-auto-backup"), now))
    return;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (folder);
      g_autoptr(GError) error = NULL;

      /* Tried again in an hour: a backup disk may be plugged in by then. */
      error = g_error_new (DC_ERROR, DC_ERROR_NOT_FOUND,
                           _("the backup folder %s is not there; is its disk connected?"),
                           display);
      show_auto_backup_error (self, error);
      return;
    }

  name = dc_auto_backup_dup_name (now);
  path = g_build_filename (folder, name, NULL);
  self->auto_backup = g_cancellable_new ();
  dc_backup_create_async (self->store, path, NULL, self->auto_backup, auto_backup_done_cb,
                          g_object_ref (self));
}

static gboolean
auto_backup_timeout_cb (gpointer data)
{
  maybe_auto_backup (DC_APPLICATION (data));
  return G_SOURCE_CONTINUE;
}

static void
auto_backup_settings_changed_cb (DcApplication *self)
{
  maybe_auto_backup (self);
}

/* Restoring a backup --------------------------------------------------------- */

typedef struct
{
  DcApplication   *app;
  DcWindow        *window;
  char            *db_path;
  DcRestoreResult *result;
  GError          *error;
} Restore;

static void
restore_free (Restore *restore)
{
  g_clear_object (&restore->app);
  g_clear_object (&restore->window);
  g_free (restore->db_path);
  g_clear_pointer (&restore->result, dc_restore_result_free);
  g_clear_error (&restore->error);
  g_free (restore);
}

static void
restore_finished (Restore *restore)
{
  DcApplication *self = restore->app;

  dc_window_show_restored (restore->window, restore->result, restore->error);
  g_clear_pointer (&self->restore_path, g_free);
  g_application_release (G_APPLICATION (self));
  restore_free (restore);
}

static void
restored_store_opened_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Restore *restore = user_data;
  DcApplication *self = restore->app;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcStore) store = dc_store_open_finish (result, &error);

  if (store == NULL)
    {
      /* Its own page says why; it offers another restore. */
      dc_window_show_error (restore->window, error);
      restore_finished (restore);
      return;
    }

  dc_zone_rules_install (store);
  g_set_object (&self->store, store);
  dc_window_set_store (restore->window, store);
  restore_finished (restore);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Restore *restore = user_data;

  /* Restored or refused, the clinic opens again: refused, as it was. */
  restore->result = dc_backup_restore_finish (result, &restore->error);
  dc_store_open_async (restore->db_path, NULL, restored_store_opened_cb, restore);
}

static void
start_restore (DcApplication *self)
{
  g_autoptr(DcProgress) progress = dc_progress_new ();
  Restore *restore;

  /* An automatic backup holds the store: it is cancelled, and the restore
   * goes on once it has stopped. */
  if (self->auto_backup != NULL)
    {
      self->restore_waiting = TRUE;
      g_cancellable_cancel (self->auto_backup);
      return;
    }
  self->restore_waiting = FALSE;

  restore = g_new0 (Restore, 1);
  restore->app = g_object_ref (self);
  if (self->store != NULL)
    restore->db_path = g_strdup (dc_store_get_path (self->store));
  else
    restore->db_path = self->db_path != NULL ? g_strdup (self->db_path)
                                             : dc_store_default_path ();

  /* Waits for what is queued, and lets go of the clinic's folder. */
  if (self->store != NULL)
    dc_store_close (self->store);
  g_clear_object (&self->store);

  restore->window = g_object_ref (dc_window_new (GTK_APPLICATION (self)));
  dc_window_show_restoring (restore->window, progress);
  gtk_window_present (GTK_WINDOW (restore->window));

  dc_backup_restore_async (restore->db_path, self->restore_path, progress, NULL, restored_cb,
                           restore);
}

static gboolean
start_restore_cb (gpointer data)
{
  start_restore (DC_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

/* Activated by the window that asked, as it closes; the rest happens once
 * it is gone. */
static void
restore_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DcApplication *self = DC_APPLICATION (user_data);

  if (self->restore_path != NULL)
    return;

  self->restore_path = g_variant_dup_string (parameter, NULL);
  g_application_hold (G_APPLICATION (self));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_restore_cb, g_object_ref (self),
                   g_object_unref);
}

static void
dc_application_activate (GApplication *app)
{
  DcApplication *self = DC_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  OpenRequest *request;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (dc_window_new (GTK_APPLICATION (app)));
  dc_startup_timing_watch (DC_WINDOW (window));
  gtk_window_present (window);

  request = g_new0 (OpenRequest, 1);
  request->window = g_object_ref (DC_WINDOW (window));
  if (self->store != NULL)
    {
      request->store = g_object_ref (self->store);
      dc_window_set_store (request->window, request->store);
      open_request_free (request);
      return;
    }
  dc_store_open_async (self->db_path, NULL, store_opened_cb, request);
}

static int
dc_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  DcApplication *self = DC_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      self->db_path = g_canonicalize_filename (db, NULL);
      /* Another database is another clinic: it gets its own instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  self->demo = g_variant_dict_contains (options, "demo");

  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing through the windows lets each one save what is pending. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

/* The window says why the clinic could not be opened; once the reason is
 * gone (space freed, the other program closed), it is opened again. */
static void
retry_open_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  DcApplication *self = DC_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  OpenRequest *request;

  if (self->store != NULL || !DC_IS_WINDOW (window))
    return;

  dc_window_show_opening (DC_WINDOW (window));
  request = g_new0 (OpenRequest, 1);
  request->window = g_object_ref (DC_WINDOW (window));
  dc_store_open_async (self->db_path, NULL, store_opened_cb, request);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "retry-open", retry_open_activated },
  { "restore", restore_activated, "s" },
};

static void
dc_application_startup (GApplication *app)
{
  DcApplication *self = DC_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-patient", { "<Control>n", NULL } },
    { "win.new-session", { "<Control><Shift>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.preferences", { "<Control>comma", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (dc_application_parent_class)->startup (app);
  /* Attachments left behind by a session that crashed. */
  dc_report_window_clear_outgoing ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::auto-backup",
                           G_CALLBACK (auto_backup_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::auto-backup-folder",
                           G_CALLBACK (auto_backup_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A clinic that never closes Dermachart is backed up too. */
  self->auto_backup_timeout = g_timeout_add_seconds (60 * 60, auto_backup_timeout_cb, self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
dc_application_shutdown (GApplication *app)
{
  DcApplication *self = DC_APPLICATION (app);

  g_clear_handle_id (&self->auto_backup_timeout, g_source_remove);
  /* An automatic backup under way stops, and is waited for: its snapshot
   * and temporary file go with it. */
  if (self->auto_backup != NULL)
    g_cancellable_cancel (self->auto_backup);
  while (self->auto_backup != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Waits for queued saves before the database is closed. */
  if (self->store != NULL)
    dc_store_close (self->store);
  /* Emailed reports were kept for the mail client until now. */
  dc_report_window_clear_outgoing ();

  G_APPLICATION_CLASS (dc_application_parent_class)->shutdown (app);
}

static void
dc_application_finalize (GObject *object)
{
  DcApplication *self = DC_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->auto_backup);
  g_free (self->db_path);
  g_free (self->restore_path);

  G_OBJECT_CLASS (dc_application_parent_class)->finalize (object);
}

static void
dc_application_class_init (DcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = dc_application_finalize;
  app_class->activate = dc_application_activate;
  app_class->startup = dc_application_startup;
  app_class->shutdown = dc_application_shutdown;
  app_class->handle_local_options = dc_application_handle_local_options;
}

static void
dc_application_init (DcApplication *self)
{
  GOptionEntry entries[G_N_ELEMENTS (option_entries)];

  /* GApplication translates entries in the default domain, which the
   * program does not set (see main.c): hand them over translated. */
  for (guint i = 0; i < G_N_ELEMENTS (option_entries); i++)
    {
      entries[i] = option_entries[i];
      if (entries[i].description != NULL)
        entries[i].description = _(entries[i].description);
      if (entries[i].arg_description != NULL)
        entries[i].arg_description = _(entries[i].arg_description);
    }
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[VERB…]"));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Run “dermachart help” for the verbs that "
                                                  "work without a window."));
}

DcApplication *
dc_application_new (void)
{
  return g_object_new (DC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * dc_application_run:
 *
 * Runs a command-line verb headless, or the GUI.
 */
int
dc_application_run (DcApplication  *self,
                    int             argc,
                    char          **argv)
{
  g_return_val_if_fail (DC_IS_APPLICATION (self), 1);

  /* A first argument that is not an option is a verb, known or not: an
   * unknown one must be refused here, not start the GUI. */
  if (argc >= 2 && argv[1][0] != '-')
    return dc_cli_run (argc, argv);

  return g_application_run (G_APPLICATION (self), argc, argv);
}
