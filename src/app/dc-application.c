/* dc-application.c: start-up, the command-line split and app-wide actions.
 *
 * "dermachart VERB …" runs headless (dc-cli.c) without touching the display;
 * anything else starts the GUI. The window appears at once and the database
 * is opened in a worker, so a large clinic never delays the first frame. */

#include "config.h"

#include "dc-application.h"

#include <glib/gi18n-lib.h>

#include "dc-cli.h"
#include "dc-demo-photos.h"
#include "dc-demo.h"
#include "dc-photo-library.h"
#include "dc-report-window.h"
#include "dc-store.h"
#include "dc-window.h"
#include "dc-zone-rules.h"

struct _DcApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  gboolean        demo;
  DcStore        *store;
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

static void
demo_filled_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpenRequest *request = user_data;
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

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
};

static void
dc_application_startup (GApplication *app)
{
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
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
dc_application_shutdown (GApplication *app)
{
  DcApplication *self = DC_APPLICATION (app);

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
  g_free (self->db_path);

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
