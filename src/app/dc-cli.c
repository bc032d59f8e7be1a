/* dc-cli.c: the command-line verbs, on the same library code as the GUI.
 *
 * Each verb prints its result on stdout and, on any error, one line on
 * stderr and a non-zero exit status: 1 for a refused or failed operation,
 * 2 for a usage error. */

#include "config.h"

#include "dc-cli.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dc-backup.h"
#include "dc-demo-large.h"
#include "dc-demo-photos.h"
#include "dc-demo.h"
#include "dc-photo-importer.h"
#include "dc-pdf-writer.h"
#include "dc-photo-library.h"
#include "dc-record-json.h"
#include "dc-report-language.h"
#include "dc-session-report.h"
#include "dc-timeline-report.h"
#include "dc-store.h"
#include "dc-zone-rules.h"

#define EXIT_REFUSED 1
#define EXIT_USAGE   2

typedef int (*VerbFunc) (int argc, char **argv);

typedef struct
{
  const char *name;
  VerbFunc    func;
  const char *summary;
} Verb;

static char *opt_db;

static const GOptionEntry db_entry[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db,
    N_("The database file (default: the user’s data folder)"), N_("PATH") },
  { NULL }
};

static void
print_error (const GError *error)
{
  g_printerr ("dermachart: %s\n", error->message);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("dermachart: %s\n", message);
  g_printerr (_("Try “%s” for help.\n"), g_option_context_get_summary (context));
  return EXIT_USAGE;
}

/* Parses a verb's options; --db is common to all. */
static gboolean
parse_options (GOptionContext     *context,
               const char         *verb,
               const GOptionEntry *entries,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *help_hint = g_strdup_printf ("dermachart %s --help", verb);

  g_option_context_set_summary (context, help_hint);
  g_option_context_add_main_entries (context, db_entry, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Opens the database; with @tidy, also removes what an import cut short
 * by a crash left in the photo library. */
static DcStore *
open_store_full (gboolean tidy)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  DcStore *store = dc_store_open (opt_db, &error);
  guint n_removed;

  if (store == NULL)
    {
      print_error (error);
      return NULL;
    }
  dc_zone_rules_install (store);

  /* Housekeeping, not the verb's work: it never makes the verb fail. A busy
   * library (the window importing) is left for the next start. */
  if (tidy && !dc_photo_library_remove_temp_files (dc_store_get_photo_dir (store), &n_removed,
                                                   &error))
    g_debug ("Temporary photo files were not removed: %s", error->message);
  else if (tidy && n_removed > 0)
    g_debug ("Removed %u temporary photo files left by an interrupted import", n_removed);

  /* The audit trail is data: its author labels are not translated. */
  actor = g_strdup_printf ("%s (command line)", g_get_user_name ());
  dc_store_set_actor (store, actor);
  return store;
}

static DcStore *
open_store (void)
{
  return open_store_full (TRUE);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static void
large_progress (guint    n_done,
                guint    n_total,
                gpointer user_data)
{
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u of %u patient\n", "%u of %u patients\n", n_total),
           n_done, n_total);
}

static int
verb_demo (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(DcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean large = FALSE;
  int n_patients = DC_DEMO_LARGE_PATIENTS;
  gint64 start;
  const GOptionEntry entries[] = {
    { "large", 0, 0, G_OPTION_ARG_NONE, &large,
      N_("A large clinic of ten years, for measuring: 10 000 patients, 100 000 sessions"),
      NULL },
    { "patients", 0, 0, G_OPTION_ARG_INT, &n_patients,
      N_("How many patients the large clinic has"), N_("N") },
    { NULL }
  };
  int status;

  g_option_context_set_description (context, _("Fills an empty database with an invented "
                                               "demo clinic."));
  if (!parse_options (context, "demo", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("demo takes no arguments"));
  if (n_patients < 1 || n_patients > 1000000)
    return usage_error (context, _("--patients takes a number from 1 to 1 000 000"));

  store = open_store ();
  if (store == NULL)
    return EXIT_REFUSED;

  start = g_get_monotonic_time ();
  if (large ? !dc_demo_large_fill (store, n_patients, large_progress, NULL, NULL, &error)
            : !dc_demo_fill_full (store, NULL, NULL, &error))
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  if (large)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "A large demo clinic of %d patient was added to %s in %.1f s\n",
                          "A large demo clinic of %d patients was added to %s in %.1f s\n",
                          n_patients),
             n_patients, dc_store_get_path (store), (g_get_monotonic_time () - start) / 1e6);
  else
    g_print (_("The demo clinic was added to %s\n"), dc_store_get_path (store));
  return EXIT_SUCCESS;
}

static int
verb_patients (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(DcStore) store = NULL;
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  gboolean archived = FALSE;
  const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Only patients matching these words or this date of birth"), N_("TEXT") },
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived, N_("Include archived patients"), NULL },
    { NULL }
  };
  int status;

  g_option_context_set_description (context, _("Prints one patient per line: id, family name, "
                                               "given name, date of birth (tab-separated)."));
  if (!parse_options (context, "patients", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("patients takes no arguments"));

  store = open_store ();
  if (store == NULL)
    return EXIT_REFUSED;

  patients = dc_store_search_patients (store, search, archived, &error);
  if (patients == NULL)
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(DcPatient) patient = g_list_model_get_item (patients, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", dc_record_get_id (DC_RECORD (patient)),
               dc_patient_get_family_name (patient), dc_patient_get_given_name (patient),
               dc_patient_get_birth_date (patient));
    }

  return EXIT_SUCCESS;
}

static int
verb_sessions (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patient_text = NULL;
  gint64 patient_id;
  const GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_STRING, &patient_text, N_("The patient’s id"), N_("ID") },
    { NULL }
  };
  int status;

  g_option_context_set_description (context, _("Prints one session per line, newest first: id, "
                                               "date, status, number of zones (tab-separated)."));
  if (!parse_options (context, "sessions", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("sessions takes no arguments"));
  if (!parse_id (patient_text, &patient_id))
    return usage_error (context, _("--patient needs a patient id (see “dermachart patients”)"));

  store = open_store ();
  if (store == NULL)
    return EXIT_REFUSED;

  patient = dc_store_load (store, DC_TYPE_PATIENT, patient_id, &error);
  if (patient == NULL)
    {
      g_printerr (_("dermachart: there is no patient with id %s\n"), patient_text);
      return EXIT_REFUSED;
    }

  sessions = dc_store_list (store, DC_TYPE_SESSION, patient_id, &error);
  if (sessions == NULL)
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DcSession) session = g_list_model_get_item (sessions, i);
      gint64 id = dc_record_get_id (DC_RECORD (session));
      gint64 n_zones = dc_store_count (store, DC_TYPE_ZONE_TREATMENT, id, &error);
      g_autoptr(GDateTime) started = dc_timestamp_parse (dc_session_get_started_at (session));
      g_autoptr(GDateTime) local = g_date_time_to_local (started);
      g_autofree char *date = g_date_time_format (local, "%Y-%m-%d %H:%M");
      g_autoptr(GEnumClass) status_class = g_type_class_ref (DC_TYPE_SESSION_STATUS);

      if (n_zones < 0)
        {
          print_error (error);
          return EXIT_REFUSED;
        }
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%" G_GINT64_FORMAT "\n", id, date,
               g_enum_get_value (status_class, dc_session_get_status (session))->value_nick,
               n_zones);
    }

  return EXIT_SUCCESS;
}

/* Replaces @path atomically, so an interrupted export never leaves half a
 * file where a good one was. */
static gboolean
write_file_atomically (const char  *path,
                       const char  *contents,
                       GError     **error)
{
  return g_file_set_contents_full (path, contents, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static int
verb_export (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(DcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patient_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *json = NULL;
  gint64 patient_id;
  const GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_STRING, &patient_text, N_("The patient’s id"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  int status;

  g_option_context_set_description (context, _("Writes the patient’s whole record as JSON "
                                               "(see docs/record-format.md)."));
  if (!parse_options (context, "export", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("export takes no arguments"));
  if (!parse_id (patient_text, &patient_id))
    return usage_error (context, _("--patient needs a patient id (see “dermachart patients”)"));

  store = open_store ();
  if (store == NULL)
    return EXIT_REFUSED;

  json = dc_record_json_export_patient (store, patient_id, &error);
  if (json == NULL)
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  if (output == NULL || g_str_equal (output, "-"))
    {
      if (fputs (json, stdout) == EOF || fputc ('\n', stdout) == EOF || fflush (stdout) != 0)
        {
          g_printerr (_("dermachart: cannot write the record: %s\n"), g_strerror (errno));
          return EXIT_REFUSED;
        }
    }
  else
    {
      g_autofree char *with_newline = g_strconcat (json, "\n", NULL);

      if (!write_file_atomically (output, with_newline, &error))
        {
          print_error (error);
          return EXIT_REFUSED;
        }
    }

  return EXIT_SUCCESS;
}

static int
verb_import (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  int status;

  g_option_context_set_description (context, _("Reads a patient’s record written by "
                                               "“export”. "
                                               "Nothing is imported unless all of it is valid."));
  if (!parse_options (context, "import", NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("import needs exactly one file"));

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  store = open_store ();
  if (store == NULL)
    return EXIT_REFUSED;

  patient = dc_record_json_import (store, contents, length, &error);
  if (patient == NULL)
    {
      g_printerr (_("dermachart: %s was not imported: %s\n"), argv[1], error->message);
      return EXIT_REFUSED;
    }

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", dc_record_get_id (DC_RECORD (patient)),
           dc_patient_get_family_name (patient), dc_patient_get_given_name (patient),
           dc_patient_get_birth_date (patient));
  return EXIT_SUCCESS;
}

/* An enum value by its nick, as the database and the command line name
 * it. */
static gboolean
parse_nick (GType       enum_type,
            const char *nick,
            int        *value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
  GEnumValue *enum_value = nick != NULL ? g_enum_get_value_by_nick (enum_class, nick) : NULL;

  if (enum_value == NULL)
    return FALSE;
  *value = enum_value->value;
  return TRUE;
}

static char *
list_nicks (GType enum_type)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
  g_autoptr(GString) nicks = g_string_new (NULL);

  for (guint i = 0; i < enum_class->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "", enum_class->values[i].value_nick);
  return g_string_free (g_steal_pointer (&nicks), FALSE);
}

static const char *
enum_nick (GType enum_type,
           int   value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
  GEnumValue *enum_value = g_enum_get_value (enum_class, value);

  return enum_value != NULL ? enum_value->value_nick : "";
}

/* One line per file as it is done: imported and duplicate on stdout,
 * refused on stderr. */
static void
photo_progress_cb (DcPhotoImporter     *importer,
                   guint                n_done,
                   guint                n_total,
                   DcPhotoImportResult *result,
                   gpointer             user_data)
{
  gboolean *any_refused = user_data;
  g_autofree char *path = g_filename_display_name (dc_photo_import_result_get_path (result));
  DcPhoto *photo = dc_photo_import_result_get_photo (result);
  g_autofree char *id = NULL;

  if (photo != NULL)
    id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (photo)));

  switch (dc_photo_import_result_get_status (result))
    {
    case DC_PHOTO_IMPORT_IMPORTED:
      /* TRANSLATORS: "IMG_0001.jpg: imported as photo 12 (frontal, before)"; view and
         phase are the words the options take */
      g_print (_("%s: imported as photo %s (%s, %s)\n"), path, id,
               enum_nick (DC_TYPE_PHOTO_VIEW, dc_photo_get_view (photo)),
               enum_nick (DC_TYPE_PHOTO_PHASE, dc_photo_get_phase (photo)));
      break;

    case DC_PHOTO_IMPORT_DUPLICATE:
      g_print (_("%s: already in this session (photo %s)\n"), path, id);
      break;

    case DC_PHOTO_IMPORT_REFUSED:
    default:
      *any_refused = TRUE;
      fflush (stdout);
      g_printerr (_("dermachart: refused: %s\n"),
                  dc_photo_import_result_get_error (result)->message);
      break;
    }
  fflush (stdout);
}

static int
verb_import_photos (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(DcPhotoImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *view_text = NULL;
  g_autofree char *phase_text = NULL;
  g_autofree char *views = list_nicks (DC_TYPE_PHOTO_VIEW);
  g_autofree char *phases = list_nicks (DC_TYPE_PHOTO_PHASE);
  g_autofree char *description = NULL;
  gboolean guess_views = FALSE;
  gboolean any_refused = FALSE;
  int view = DC_PHOTO_VIEW_FRONTAL;
  int phase = DC_PHOTO_PHASE_BEFORE;
  gint64 session_id = 0;
  const GOptionEntry entries[] = {
    { "session", 's', 0, G_OPTION_ARG_STRING, &session_text,
      N_("The session’s id or UUID"), N_("ID") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_text,
      N_("What the photos show (default: frontal)"), N_("VIEW") },
    { "phase", 0, 0, G_OPTION_ARG_STRING, &phase_text,
      N_("When they were taken (default: before)"), N_("PHASE") },
    { "guess-views", 0, 0, G_OPTION_ARG_NONE, &guess_views,
      N_("Take the files as a five-view series, in this order: frontal, oblique-right, "
         "oblique-left, lateral-right, lateral-left"), NULL },
    { NULL }
  };
  int status;

  /* TRANSLATORS: the lists are the words --view and --phase take */
  description = g_strdup_printf (_("Copies photos (JPEG, PNG, WebP or HEIC) into the photo library "
                                   "and adds them to a draft session, with the patient’s photo "
                                   "consent. Prints one line per file; a file the session already "
                                   "has is left alone, a file that is not a usable photo is "
                                   "refused and the others are still imported.\n\n"
                                   "Views: %s\nPhases: %s"), views, phases);
  g_option_context_set_description (context, description);
  if (!parse_options (context, "import-photos", entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return usage_error (context, _("import-photos needs at least one file"));
  if (session_text == NULL
      || (!parse_id (session_text, &session_id) && !g_uuid_string_is_valid (session_text)))
    return usage_error (context, _("--session needs a session id (see “dermachart sessions”)"));
  if (view_text != NULL && !parse_nick (DC_TYPE_PHOTO_VIEW, view_text, &view))
    {
      g_autofree char *message = g_strdup_printf (_("--view takes one of: %s"), views);

      return usage_error (context, message);
    }
  if (phase_text != NULL && !parse_nick (DC_TYPE_PHOTO_PHASE, phase_text, &phase))
    {
      g_autofree char *message = g_strdup_printf (_("--phase takes one of: %s"), phases);

      return usage_error (context, message);
    }
  if (view_text != NULL && guess_views)
    return usage_error (context, _("--view and --guess-views cannot be used together"));

  store = open_store ();
  if (store == NULL)
    return EXIT_REFUSED;

  if (session_id != 0)
    session = dc_store_load (store, DC_TYPE_SESSION, session_id, &error);
  else
    session = dc_store_load_by_uuid (store, DC_TYPE_SESSION, session_text, &error);
  if (session == NULL)
    {
      if (g_error_matches (error, DC_ERROR, DC_ERROR_NOT_FOUND))
        g_printerr (_("dermachart: there is no session with id %s\n"), session_text);
      else
        print_error (error);
      return EXIT_REFUSED;
    }

  patient = dc_store_load (store, DC_TYPE_PATIENT, dc_session_get_patient_id (session), &error);
  if (patient == NULL)
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  importer = dc_photo_importer_new (store, dc_record_get_id (DC_RECORD (session)));
  dc_photo_importer_set_view (importer, view);
  dc_photo_importer_set_phase (importer, phase);
  dc_photo_importer_set_consent (importer, dc_patient_get_consent (patient));
  dc_photo_importer_set_guess_views (importer, guess_views);
  g_signal_connect (importer, "progress", G_CALLBACK (photo_progress_cb), &any_refused);

  results = dc_photo_importer_import (importer, (const char * const *) argv + 1, NULL, &error);
  if (results == NULL)
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  return any_refused ? EXIT_REFUSED : EXIT_SUCCESS;
}

/* Reports ----------------------------------------------------------------- */

/* Switches messages, dates and numbers to @language for the rest of the
 * command: it writes one report and exits. */
static gboolean
use_language (const char  *language,
              GError     **error)
{
  locale_t previous;

  return dc_report_language_use (language, &previous, error);
}

/* The first line of @path, which must not be empty. */
static char *
read_password (const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  char *newline;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  newline = strpbrk (contents, "\r\n");
  if (newline != NULL)
    *newline = '\0';
  if (*contents == '\0')
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("The password file “%s” is empty"), display);
      return NULL;
    }

  return g_steal_pointer (&contents);
}

/* The paper size chosen in Preferences; the locale's if none was, or if
 * the settings schema is not installed (a bare command-line install). */
static DcReportPaper
settings_paper (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *name = NULL;
  DcReportPaper paper;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return dc_report_paper_get_default ();

  settings = g_settings_new_full (schema, NULL, NULL);
  name = g_settings_get_string (settings, "paper-size");
  if (!dc_report_paper_from_string (name, &paper))
    paper = dc_report_paper_get_default ();
  return paper;
}

/* `report` and `timeline`: a PDF of one session, or of the whole course. */
static int
run_report (int                   argc,
            char                **argv,
            DcDisclosureDocument  kind)
{
  gboolean timeline = kind == DC_DISCLOSURE_TIMELINE;
  const char *verb = timeline ? "timeline" : "report";
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatientFacts) facts = NULL;
  g_autoptr(DcReportDocument) document = NULL;
  g_autoptr(DcDisclosure) disclosure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *patient_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *language = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  DcReportPaper paper;
  gint64 session_id = 0;
  gint64 patient_id = 0;
  const GOptionEntry session_entry[] = {
    { "session", 's', 0, G_OPTION_ARG_STRING, &session_text,
      N_("The session’s id or UUID"), N_("ID") },
    { NULL }
  };
  const GOptionEntry patient_entry[] = {
    { "patient", 'p', 0, G_OPTION_ARG_STRING, &patient_text, N_("The patient’s id"), N_("ID") },
    { NULL }
  };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"),
      N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The report’s language (default: the patient’s)"), N_("LL") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Protect the PDF with the password on the first line of this file"), N_("FILE") },
    { NULL }
  };
  int status;

  g_option_context_set_description (context, timeline
                                    ? _("Writes a patient’s progress over all sessions as a "
                                        "PDF file.")
                                    : _("Writes the report of one session as a PDF file, as "
                                        "the patient takes it home."));
  g_option_context_add_main_entries (context, timeline ? patient_entry : session_entry,
                                     GETTEXT_PACKAGE);
  if (!parse_options (context, verb, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("%s takes no arguments besides its options"),
                                                  verb);

      return usage_error (context, message);
    }
  if (timeline && !parse_id (patient_text, &patient_id))
    return usage_error (context, _("--patient needs a patient id (see “dermachart patients”)"));
  if (!timeline
      && (session_text == NULL
          || (!parse_id (session_text, &session_id) && !g_uuid_string_is_valid (session_text))))
    return usage_error (context, _("--session needs a session id (see “dermachart sessions”)"));
  if (output == NULL)
    return usage_error (context, _("--output needs the PDF file to write"));

  if (password_file != NULL)
    {
      password = read_password (password_file, &error);
      if (password == NULL)
        {
          print_error (error);
          return EXIT_REFUSED;
        }
    }

  store = open_store ();
  if (store == NULL)
    return EXIT_REFUSED;

  if (!timeline)
    {
      if (session_id != 0)
        session = dc_store_load (store, DC_TYPE_SESSION, session_id, &error);
      else
        session = dc_store_load_by_uuid (store, DC_TYPE_SESSION, session_text, &error);
      if (session == NULL)
        {
          if (g_error_matches (error, DC_ERROR, DC_ERROR_NOT_FOUND))
            g_printerr (_("dermachart: there is no session with id %s\n"), session_text);
          else
            print_error (error);
          return EXIT_REFUSED;
        }
      patient_id = dc_session_get_patient_id (session);
    }

  facts = dc_patient_facts_load (store, patient_id,
                                 session != NULL ? dc_record_get_id (DC_RECORD (session)) : 0,
                                 &error);
  if (facts == NULL)
    {
      if (g_error_matches (error, DC_ERROR, DC_ERROR_NOT_FOUND) && timeline)
        g_printerr (_("dermachart: there is no patient with id %s\n"), patient_text);
      else
        print_error (error);
      return EXIT_REFUSED;
    }

  /* The clinic's paper, from Preferences or else its own locale, before
   * switching to the patient's language. */
  paper = settings_paper ();
  if (language == NULL)
    language = g_strdup (dc_patient_get_language (facts->patient));
  if (!use_language (language, &error))
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  if (timeline)
    document = dc_timeline_report_build (facts, paper, dc_store_get_photo_dir (store));
  else
    document = dc_session_report_build (facts, paper, dc_store_get_photo_dir (store));
  if (!dc_pdf_write (document, output, password, &error))
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  /* Kept for the record: what left the clinic, where to, protected or not. */
  disclosure = dc_disclosure_new ();
  absolute = g_canonicalize_filename (output, NULL);
  dc_disclosure_set_patient_id (disclosure, patient_id);
  if (session != NULL)
    dc_disclosure_set_session_id (disclosure, dc_record_get_id (DC_RECORD (session)));
  dc_disclosure_set_document (disclosure, kind);
  dc_disclosure_set_channel (disclosure, DC_DISCLOSURE_FILE);
  dc_disclosure_set_target (disclosure, absolute);
  dc_disclosure_set_protected (disclosure, password != NULL);
  dc_disclosure_set_language (disclosure, language);
  if (!dc_store_save (store, DC_RECORD (disclosure), &error))
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  return EXIT_SUCCESS;
}

static int
verb_report (int    argc,
             char **argv)
{
  return run_report (argc, argv, DC_DISCLOSURE_SESSION_REPORT);
}

static int
verb_timeline (int    argc,
               char **argv)
{
  return run_report (argc, argv, DC_DISCLOSURE_TIMELINE);
}

/* Backups ----------------------------------------------------------------- */

static int
verb_backup (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *size = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The backup file to write (replaced if it exists)"), N_("FILE") },
    { NULL }
  };
  int status;

  g_option_context_set_description (context, _("Writes the whole clinic into one file: a "
                                               "snapshot of the database and every photo, with "
                                               "a manifest of their SHA-256 checksums. The "
                                               "program may be running meanwhile."));
  if (!parse_options (context, "backup", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("backup takes no arguments besides its options"));
  if (output == NULL)
    return usage_error (context, _("--output needs the backup file to write"));

  store = open_store ();
  if (store == NULL)
    return EXIT_REFUSED;

  info = dc_backup_create (store, output, NULL, NULL, &error);
  if (info == NULL)
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  display = g_filename_display_name (output);
  contents = dc_backup_info_dup_contents (info);
  size = g_format_size (info->size);
  /* TRANSLATORS: "Backed up 3 patients, 12 sessions and 30 photos to
     clinic.dcbackup (12.3 MB)" */
  g_print (_("Backed up %s to %s (%s)\n"), contents, display, size);
  if (info->n_missing_derivatives > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "dermachart: note: %u copy made for display or print was "
                             "missing; it is made again from its original\n",
                             "dermachart: note: %u copies made for display or print were "
                             "missing; they are made again from their originals\n",
                             info->n_missing_derivatives),
                info->n_missing_derivatives);
  return EXIT_SUCCESS;
}

static int
verb_restore (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(DcRestoreResult) result = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *date = NULL;
  int status;

  g_option_context_set_description (context, _("Replaces the clinic with the one in a backup "
                                               "written by “backup”. All of the backup is "
                                               "checked first: a damaged backup is refused and "
                                               "nothing changes. The database and photos it "
                                               "replaces are not deleted but moved to a dated "
                                               "folder beside them. Dermachart must not have "
                                               "the clinic open meanwhile."));
  if (!parse_options (context, "restore", NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("restore needs exactly one backup file"));

  result = dc_backup_restore (opt_db, argv[1], NULL, NULL, &error);
  if (result == NULL)
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  display = g_filename_display_name (argv[1]);
  contents = dc_backup_info_dup_contents (result->info);
  created = g_date_time_to_local (result->info->created);
  date = g_date_time_format (created, "%Y-%m-%d %H:%M");
  /* TRANSLATORS: "Restored 3 patients, 12 sessions and 30 photos from
     clinic.dcbackup, made 2026-11-25 10:30" */
  g_print (_("Restored %s from %s, made %s\n"), contents, display, date);
  if (result->moved_to != NULL)
    g_print (_("The records it replaced were moved to %s\n"), result->moved_to);
  return EXIT_SUCCESS;
}

static int
verb_verify (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(DcStore) store = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = { { NULL } };
  int status;

  g_option_context_set_description (context,
                                    _("Checks the database file, its references, the audit "
                                      "trail’s hash chain and every photo file, and prints "
                                      "one line per problem found. Exits with status 0 when "
                                      "all is intact and 1 otherwise."));
  if (!parse_options (context, "verify", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("verify takes no arguments"));

  /* A check changes nothing, not even leftover temporary files: no record
   * refers to them, so they make no difference to the result. */
  store = open_store_full (FALSE);
  if (store == NULL)
    return EXIT_REFUSED;

  if (!dc_store_verify (store, problems, &error)
      || !dc_photo_library_verify (store, problems, NULL, &error)
      || (files = dc_store_list_photo_files (store, &error)) == NULL)
    {
      print_error (error);
      return EXIT_REFUSED;
    }

  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));

  if (problems->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "dermachart: %u problem found in %s\n",
                               "dermachart: %u problems found in %s\n", problems->len),
                  problems->len, dc_store_get_path (store));
      return EXIT_REFUSED;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%s is intact: database, audit trail and %u photo file\n",
                        "%s is intact: database, audit trail and %u photo files\n",
                        g_hash_table_size (files)),
           dc_store_get_path (store), g_hash_table_size (files));
  return EXIT_SUCCESS;
}

static const Verb verbs[] = {
  { "demo", verb_demo, N_("Fill an empty database with a demo clinic") },
  { "patients", verb_patients, N_("List patients") },
  { "sessions", verb_sessions, N_("List a patient’s sessions") },
  { "export", verb_export, N_("Export a patient’s record as JSON") },
  { "import", verb_import, N_("Import a patient’s record from JSON") },
  { "import-photos", verb_import_photos, N_("Import photos into a session") },
  { "report", verb_report, N_("Write a session’s report as PDF") },
  { "timeline", verb_timeline, N_("Write a patient’s progress timeline as PDF") },
  { "verify", verb_verify, N_("Check the database, its audit trail and the photo files") },
  { "backup", verb_backup, N_("Back up the whole clinic into one file") },
  { "restore", verb_restore, N_("Restore the clinic from a backup") },
};

static void
print_help (void)
{
  g_print (_("Usage:\n  dermachart [--db PATH]      Start Dermachart\n"
             "  dermachart VERB [OPTION…]   Work without a window\n\nVerbs:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_print ("  %-13s %s\n", verbs[i].name, _(verbs[i].summary));
  g_print (_("\nRun “dermachart VERB --help” for a verb’s options.\n"));
}

int
dc_cli_run (int    argc,
            char **argv)
{
  g_return_val_if_fail (argc >= 2, EXIT_USAGE);

  if (g_str_equal (argv[1], "help"))
    {
      print_help ();
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      if (g_str_equal (argv[1], verbs[i].name))
        {
          int status;

          /* The verb sees itself as argv[0]. */
          status = verbs[i].func (argc - 1, argv + 1);
          g_clear_pointer (&opt_db, g_free);
          return status;
        }
    }

  g_printerr (_("dermachart: unknown verb “%s” (see “dermachart help”)\n"), argv[1]);
  return EXIT_USAGE;
}
