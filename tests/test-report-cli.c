/* test-report-cli.c: session reports written by `dermachart report`, read
 * back with the tools a recipient's computer has (poppler, qpdf). */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sys/stat.h>

#include "dc-face-renderer.h"
#include "dc-model.h"
#include "dc-test-util.h"
#include "dc-util.h"

/* One demo clinic for all the tests: filling it takes a second. */
static char *dir;
static char *db;

static gboolean
have_tools (void)
{
  const char *tools[] = { "qpdf", "pdfinfo", "pdftotext", "pdffonts", "pdfimages",
                          "pdftoppm", NULL };

  for (guint i = 0; tools[i] != NULL; i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Runs @argv; returns its exit status, with its output in @out. */
static int
run_argv (const char *const  *argv,
          const char *const  *envp,
          char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_SEARCH_PATH, NULL, NULL, out,
                &err, &wait_status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s: %s", argv[0], err);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static int
run_dermachart (const char *const *args,
                const char *const *envp)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DERMACHART"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return run_argv ((const char *const *) argv->pdata, envp, &out);
}

/* A signed session of a patient, with a pen chart and photos. */
static DcSession *
find_session (DcStore    *store,
              DcPatient **patient_out)
{
  g_autoptr(GListModel) patients = dc_store_search_patients (store, "Weber", FALSE, NULL);
  g_autoptr(DcPatient) patient = g_list_model_get_item (patients, 0);
  g_autoptr(GListModel) sessions = dc_store_list (store, DC_TYPE_SESSION,
                                                  dc_record_get_id (DC_RECORD (patient)), NULL);

  /* The newest is first; the second newest is signed and photographed. */
  *patient_out = g_steal_pointer (&patient);
  return g_list_model_get_item (sessions, 1);
}

static char *
pdf_text (const char *pdf,
          const char *password)
{
  g_autofree char *out = NULL;
  const char *argv_plain[] = { "pdftotext", "-layout", pdf, "-", NULL };
  const char *argv_password[] = { "pdftotext", "-upw", password, "-layout", pdf, "-", NULL };

  g_assert_cmpint (run_argv (password != NULL ? argv_password : argv_plain, NULL, &out), ==, 0);
  return g_steal_pointer (&out);
}

/* What every report must pass, in any language; @min_images photos at least. */
static void
check_pdf_images (const char *pdf,
                  guint       min_images)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_images = 0;
  GStatBuf st;

  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (run_argv ((const char *[]) { "qpdf", "--check", pdf, NULL }, NULL, &out),
                   ==, 0);
  g_assert_null (strstr (out, "WARNING"));
  g_assert_null (strstr (out, "damage"));
  g_clear_pointer (&out, g_free);

  /* Every font embedded, and no variable font. */
  g_assert_cmpint (run_argv ((const char *[]) { "pdffonts", pdf, NULL }, NULL, &out), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (words, fields[j]);
      g_assert_cmpuint (words->len, >=, 7);
      /* name type… encoding emb sub uni object ID */
      g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
      g_assert_null (strstr (lines[i], "Cantarell"));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&lines, g_strfreev);

  /* Photos as JPEG, at no more than 220 pixels per inch as printed. */
  g_assert_cmpint (run_argv ((const char *[]) { "pdfimages", "-list", pdf, NULL }, NULL, &out),
                   ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (words, fields[j]);
      /* page num type width height color comp bpc enc interp object ID x-ppi y-ppi … */
      if (!g_str_equal (g_ptr_array_index (words, 2), "image"))
        continue;
      n_images++;
      g_assert_cmpstr (g_ptr_array_index (words, 8), ==, "jpeg");
      g_assert_cmpint (atoi (g_ptr_array_index (words, 12)), <=, 220);
      g_assert_cmpint (atoi (g_ptr_array_index (words, 13)), <=, 220);
    }
  g_assert_cmpuint (n_images, >=, min_images);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_argv ((const char *[]) { "pdfinfo", pdf, NULL }, NULL, &out), ==, 0);
  g_assert_nonnull (strstr (out, "Title:"));
  g_assert_nonnull (strstr (out, "Author:          Lindenhof Skin Clinic"));
}

static void
check_pdf (const char *pdf)
{
  check_pdf_images (pdf, 2);
}

/* Each treated zone's depth colour shows on page 1, where the diagram is. */
static void
check_diagram_colours (const char *pdf,
                       GHashTable *depths)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, "-1.png", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  DcFaceRenderOptions options = { .depth_by_zone = depths };
  double depth_max = dc_face_get_depth_max (&options);
  GHashTableIter iter;
  gpointer value;

  g_assert_cmpint (run_argv ((const char *[]) { "pdftoppm", "-r", "72", "-f", "1", "-l", "1",
                                                "-png", pdf, prefix, NULL }, NULL, &out), ==, 0);
  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);

  g_hash_table_iter_init (&iter, depths);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      double rgba[4];
      int width = gdk_pixbuf_get_width (pixbuf);
      int height = gdk_pixbuf_get_height (pixbuf);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);
      int channels = gdk_pixbuf_get_n_channels (pixbuf);
      const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
      guint n_matching = 0;

      dc_depth_color (*(double *) value, depth_max, FALSE, rgba);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            const guchar *p = pixels + y * stride + x * channels;

            if (fabs (p[0] / 255.0 - rgba[0]) < 0.03 && fabs (p[1] / 255.0 - rgba[1]) < 0.03
                && fabs (p[2] / 255.0 - rgba[2]) < 0.03)
              n_matching++;
          }
      g_test_message ("depth %g: %u pixels", *(double *) value, n_matching);
      g_assert_cmpuint (n_matching, >=, 20);
    }
}

static void
test_session_report (void)
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GListModel) zones = NULL;
  g_autoptr(GHashTable) depths = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page_1 = NULL;
  g_autofree char *out = NULL;

  if (!have_tools ())
    {
      g_test_skip ("poppler-utils or qpdf are not installed");
      return;
    }

  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  session = find_session (store, &patient);
  zones = dc_store_list (store, DC_TYPE_ZONE_TREATMENT, dc_record_get_id (DC_RECORD (session)),
                         NULL);
  g_assert_cmpuint (g_list_model_get_n_items (zones), >, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (session)));

  g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db, "--session", id,
                                                      "--lang", "en", "-o", pdf, NULL }, NULL),
                   ==, 0);
  check_pdf (pdf);

  /* Recorded as having left the clinic, to that file, unprotected. */
  {
    g_autoptr(GListModel) disclosures = NULL;
    g_autoptr(DcDisclosure) last = NULL;

    g_clear_object (&store);
    store = dc_store_open (db, &error);
    g_assert_no_error (error);
    disclosures = dc_store_list (store, DC_TYPE_DISCLOSURE,
                                 dc_record_get_id (DC_RECORD (patient)), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (disclosures), >=, 1);
    last = g_list_model_get_item (disclosures, 0);
    g_assert_cmpint (dc_disclosure_get_session_id (last), ==,
                     dc_record_get_id (DC_RECORD (session)));
    g_assert_cmpint (dc_disclosure_get_channel (last), ==, DC_DISCLOSURE_FILE);
    g_assert_cmpstr (dc_disclosure_get_target (last), ==, pdf);
    g_assert_false (dc_disclosure_get_protected (last));
    g_assert_cmpstr (dc_disclosure_get_language (last), ==, "en");
  }

  text = pdf_text (pdf, NULL);
  g_assert_nonnull (strstr (text, "Annika Weber"));
  g_assert_nonnull (strstr (text, "Dermapen 4"));
  g_assert_nonnull (strstr (text, "Aftercare"));
  g_assert_nonnull (strstr (text, "Page 1 of "));
  for (guint i = 0; i < g_list_model_get_n_items (zones); i++)
    {
      g_autoptr(DcZoneTreatment) zone = g_list_model_get_item (zones, i);
      const DcZone *info = dc_zone_catalogue_lookup (dc_zone_catalogue_get_default (),
                                                     dc_zone_treatment_get_zone (zone));
      g_autofree char *number = dc_format_decimal (dc_zone_treatment_get_depth_mm (zone));
      g_autofree char *depth = g_strdup_printf ("%s mm", number);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      gboolean found = FALSE;

      /* The zone and its depth, on one line of the table. */
      for (guint j = 0; lines[j] != NULL && !found; j++)
        found = strstr (lines[j], dc_zone_get_name (info)) != NULL
                && strstr (lines[j], depth) != NULL;
      if (!found)
        g_error ("“%s” at %s is not in the report", dc_zone_get_name (info), depth);

      g_hash_table_insert (depths, (gpointer) dc_zone_treatment_get_zone (zone),
                           g_memdup2 (&(double) { dc_zone_treatment_get_depth_mm (zone) },
                                      sizeof (double)));
    }
  check_diagram_colours (pdf, depths);
}

/* With a password, no reader opens it without; with it, all is there. */
static void
test_session_report_password (void)
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "protected.pdf", NULL);
  g_autofree char *password_file = g_build_filename (dir, "password", NULL);
  g_autofree char *empty_file = g_build_filename (dir, "empty", NULL);
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;

  if (!have_tools ())
    {
      g_test_skip ("poppler-utils or qpdf are not installed");
      return;
    }

  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  session = find_session (store, &patient);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (session)));
  g_assert_true (g_file_set_contents (password_file, "Lindenblüte-42\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty_file, "\n", -1, NULL));

  /* An empty password is refused, and nothing is written. */
  g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db, "--session", id,
                                                      "--password-file", empty_file,
                                                      "-o", pdf, NULL }, NULL), ==, 1);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db, "--session", id,
                                                      "--lang", "en", "--password-file",
                                                      password_file, "-o", pdf, NULL }, NULL),
                   ==, 0);
  g_assert_cmpint (run_argv ((const char *[]) { "pdfinfo", pdf, NULL }, NULL, &out), !=, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_argv ((const char *[]) { "pdfinfo", "-upw", "Lindenblüte-42", pdf, NULL },
                             NULL, &out), ==, 0);
  text = pdf_text (pdf, "Lindenblüte-42");
  g_assert_nonnull (strstr (text, "Annika Weber"));
}

/* In German, under a decimal-comma locale, the PDF is as sound. */
static void
test_session_report_german (void)
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "bericht.pdf", NULL);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) envp = NULL;
  locale_t german;

  if (!have_tools ())
    {
      g_test_skip ("poppler-utils or qpdf are not installed");
      return;
    }
  german = newlocale (LC_ALL_MASK, "de_DE.UTF-8", (locale_t) 0);
  if (german == (locale_t) 0)
    {
      g_test_skip ("The de_DE.UTF-8 locale is not installed");
      return;
    }
  freelocale (german);

  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  session = find_session (store, &patient);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (session)));

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "LC_ALL", "de_DE.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "de", TRUE);
  /* No --lang: the patient's own language, German. */
  g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db, "--session", id,
                                                      "-o", pdf, NULL },
                                   (const char *const *) envp), ==, 0);
  check_pdf (pdf);
  text = pdf_text (pdf, NULL);
  g_assert_nonnull (strstr (text, "Annika Weber"));
  g_assert_nonnull (strstr (text, "0,5 mm"));
  g_assert_nonnull (strstr (text, "Nachsorge"));
  g_assert_nonnull (strstr (text, "Seite 1 von "));
  g_clear_pointer (&text, g_free);

  /* From a program started in another locale (the tests run in C.UTF-8),
   * --lang alone is enough. */
  g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db, "--session", id,
                                                      "--lang", "de", "-o", pdf, NULL }, NULL),
                   ==, 0);
  check_pdf (pdf);
  text = pdf_text (pdf, NULL);
  g_assert_nonnull (strstr (text, "Nachsorge"));
  g_assert_nonnull (strstr (text, "0,5 mm"));
  /* German zone names, and a German date (day.month.year). */
  g_assert_nonnull (strstr (text, "Stirn"));
  {
    g_autoptr(GRegex) date = g_regex_new ("[0-3][0-9]\\.[01][0-9]\\.20[0-9][0-9]", 0, 0, NULL);

    g_assert_true (g_regex_match (date, text, 0, NULL));
  }
  g_clear_pointer (&text, g_free);

  /* French likewise. */
  g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db, "--session", id,
                                                      "--lang", "fr", "-o", pdf, NULL }, NULL),
                   ==, 0);
  check_pdf (pdf);
  text = pdf_text (pdf, NULL);
  g_assert_nonnull (strstr (text, "Soins après la séance"));
  g_assert_nonnull (strstr (text, "Page 1 sur"));
  g_assert_nonnull (strstr (text, "Front"));
  g_assert_nonnull (strstr (text, "0,5"));
  {
    g_autoptr(GRegex) date = g_regex_new ("[0-3][0-9]/[01][0-9]/20[0-9][0-9]", 0, 0, NULL);

    g_assert_true (g_regex_match (date, text, 0, NULL));
  }
}

typedef struct
{
  double  x;
  double  y;
  char   *text;
} Word;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->text);
}

/* The x of the first @word on page 1 that shares its line with a decimal
 * number (the zone table's first row), and the x of that number (the
 * depth). */
static void
find_row_positions (const char *pdf,
                    const char *word,
                    double     *word_x,
                    double     *number_x)
{
  g_autofree char *out = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\"[^>]*>([^<]*)<",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GArray) words = g_array_new (FALSE, TRUE, sizeof (Word));

  g_array_set_clear_func (words, word_clear);
  *word_x = *number_x = -1;
  g_assert_cmpint (run_argv ((const char *[]) { "pdftotext", "-f", "1", "-l", "1", "-bbox", pdf,
                                                "-", NULL }, NULL, &out), ==, 0);
  for (g_regex_match (regex, out, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *x = g_match_info_fetch (match, 1);
      g_autofree char *y = g_match_info_fetch (match, 2);
      Word w = { g_ascii_strtod (x, NULL), g_ascii_strtod (y, NULL),
                 g_match_info_fetch (match, 3) };

      g_array_append_val (words, w);
    }

  for (guint i = 0; i < words->len && *word_x < 0; i++)
    {
      Word *candidate = &g_array_index (words, Word, i);

      if (!g_str_equal (candidate->text, word))
        continue;
      for (guint j = 0; j < words->len; j++)
        {
          Word *other = &g_array_index (words, Word, j);

          if (fabs (other->y - candidate->y) < 1
              && g_regex_match_simple ("^[0-9]+[.,][0-9]+$", other->text, 0, 0))
            {
              *word_x = candidate->x;
              *number_x = other->x;
              break;
            }
        }
    }
  g_assert_cmpfloat (*word_x, >=, 0);
  g_assert_cmpfloat (*number_x, >=, 0);
}

/* In Arabic, the report reads right to left: Arabic text, and the zone
 * table's columns mirrored, the device to the right of the depth. */
static void
test_session_report_arabic (void)
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "arabic.pdf", NULL);
  g_autofree char *english = g_build_filename (dir, "english.pdf", NULL);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  double device_x, depth_x;

  if (!have_tools ())
    {
      g_test_skip ("poppler-utils or qpdf are not installed");
      return;
    }

  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  session = find_session (store, &patient);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (session)));

  g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db, "--session", id,
                                                      "--lang", "ar", "-o", pdf, NULL }, NULL),
                   ==, 0);
  check_pdf (pdf);
  text = pdf_text (pdf, NULL);
  /* Arabic letters, from the Arabic block. */
  g_assert_true (g_regex_match_simple ("[\\x{0621}-\\x{064A}]", text, 0, 0));

  find_row_positions (pdf, "Dermapen", &device_x, &depth_x);
  g_assert_cmpfloat (device_x, >, depth_x);

  /* The same row left to right in English: the test can tell. */
  g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db, "--session", id,
                                                      "--lang", "en", "-o", english, NULL },
                                   NULL), ==, 0);
  find_row_positions (english, "Dermapen", &device_x, &depth_x);
  g_assert_cmpfloat (device_x, <, depth_x);
}

/* A Spanish-speaking patient gets a Spanish report, with nothing said. */
static void
test_session_report_spanish (void)
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "informe.pdf", NULL);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  if (!have_tools ())
    {
      g_test_skip ("poppler-utils or qpdf are not installed");
      return;
    }

  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  patients = dc_store_search_patients (store, "Navarro", FALSE, NULL);
  patient = g_list_model_get_item (patients, 0);
  g_assert_cmpstr (dc_patient_get_language (patient), ==, "es");
  sessions = dc_store_list (store, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (patient)), NULL);
  session = g_list_model_get_item (sessions, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (session)));

  g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db, "--session", id,
                                                      "-o", pdf, NULL }, NULL), ==, 0);
  check_pdf_images (pdf, 1);
  text = pdf_text (pdf, NULL);
  g_assert_nonnull (strstr (text, "Cuidados posteriores"));
  g_assert_nonnull (strstr (text, "Página 1 de"));
  g_assert_nonnull (strstr (text, "Zonas tratadas"));
}

/* A course of thirty sessions: the timeline runs to several pages, and
 * every session's date is in it, whole. */
static void
test_timeline_long (void)
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcPatient) patient = make_patient ("Langzeit", "Thirty", "1980-01-15");
  g_autoptr(GListModel) devices = NULL;
  g_autoptr(DcDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) start = g_date_time_new_local (2023, 1, 9, 10, 0, 0);
  g_autofree char *pdf = g_build_filename (dir, "timeline-30.pdf", NULL);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  static const char *const zones[] = { "forehead", "cheek-left", "cheek-right", "chin" };

  if (!have_tools ())
    {
      g_test_skip ("poppler-utils or qpdf are not installed");
      return;
    }

  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  dc_patient_set_language (patient, "en");
  g_assert_true (dc_store_save (store, DC_RECORD (patient), &error));
  devices = dc_store_list (store, DC_TYPE_DEVICE, 0, &error);
  for (guint i = 0; i < g_list_model_get_n_items (devices) && device == NULL; i++)
    {
      g_autoptr(DcDevice) candidate = g_list_model_get_item (devices, i);

      if (g_str_equal (dc_device_get_model (candidate), "Dermapen 4"))
        device = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (device);

  for (int s = 0; s < 30; s++)
    {
      g_autoptr(DcSession) session = dc_session_new ();
      /* Mostly five weeks apart, now and then three. */
      g_autoptr(GDateTime) when = g_date_time_add_days (start, s * 35 - (s % 7 == 3 ? 14 : 0));
      g_autoptr(GDateTime) utc = g_date_time_to_utc (when);
      g_autofree char *started = dc_timestamp_format (utc);

      dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
      dc_session_set_started_at (session, started);
      g_assert_true (dc_store_save (store, DC_RECORD (session), &error));
      g_assert_no_error (error);
      g_ptr_array_add (dates, g_date_time_format (when, "%d/%m/%Y"));

      for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
        {
          g_autoptr(DcZoneTreatment) zone = dc_zone_treatment_new ();

          dc_zone_treatment_set_session_id (zone, dc_record_get_id (DC_RECORD (session)));
          dc_zone_treatment_set_zone (zone, zones[z]);
          dc_zone_treatment_set_device_id (zone, dc_record_get_id (DC_RECORD (device)));
          dc_zone_treatment_set_depth_mm (zone, 0.5);
          dc_zone_treatment_set_passes (zone, 2);
          g_assert_true (dc_store_save (store, DC_RECORD (zone), &error));
          g_assert_no_error (error);
        }
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (patient)));
  g_assert_cmpint (run_dermachart ((const char *[]) { "timeline", "--db", db, "--patient", id,
                                                      "-o", pdf, NULL }, NULL), ==, 0);
  g_assert_cmpint (run_argv ((const char *[]) { "qpdf", "--check", pdf, NULL }, NULL, &info),
                   ==, 0);
  g_clear_pointer (&info, g_free);
  g_assert_cmpint (run_argv ((const char *[]) { "pdfinfo", pdf, NULL }, NULL, &info), ==, 0);
  g_assert_null (strstr (info, "Pages:           1\n"));

  text = pdf_text (pdf, NULL);
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_assert_nonnull (strstr (text, "(short)"));
  for (guint i = 0; i < dates->len; i++)
    if (strstr (text, g_ptr_array_index (dates, i)) == NULL)
      g_error ("The session of %s is not in the timeline", (char *) g_ptr_array_index (dates, i));
}

/* The demo patient's course, with photos, passes the same checks as a
 * session report. */
static void
test_timeline_demo (void)
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcSession) session = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "timeline.pdf", NULL);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  if (!have_tools ())
    {
      g_test_skip ("poppler-utils or qpdf are not installed");
      return;
    }

  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  session = find_session (store, &patient);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (patient)));
  g_assert_cmpint (run_dermachart ((const char *[]) { "timeline", "--db", db, "--patient", id,
                                                      "--lang", "en", "-o", pdf, NULL }, NULL),
                   ==, 0);
  check_pdf (pdf);
  text = pdf_text (pdf, NULL);
  g_assert_nonnull (strstr (text, "Annika Weber"));
  g_assert_nonnull (strstr (text, "Depth by Zone"));
  g_assert_nonnull (strstr (text, "Photo Progression"));
}

/* Every report of the demo clinic, every session and every patient's
 * timeline, passes the checks a recipient's reader would make. */
static void
test_every_demo_report (void)
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "every.pdf", NULL);
  guint n_reports = 0;
  guint n_addenda = 0;

  if (!have_tools ())
    {
      g_test_skip ("poppler-utils or qpdf are not installed");
      return;
    }

  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  patients = dc_store_search_patients (store, NULL, TRUE, NULL);
  for (guint p = 0; p < g_list_model_get_n_items (patients); p++)
    {
      g_autoptr(DcPatient) patient = g_list_model_get_item (patients, p);
      g_autoptr(GListModel) sessions = NULL;
      g_autofree char *patient_id = NULL;
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;

      /* The test's own long course has no photos: only the demo's. */
      if (g_str_equal (dc_patient_get_family_name (patient), "Langzeit"))
        continue;

      name = g_strdup_printf ("%s %s", dc_patient_get_given_name (patient),
                              dc_patient_get_family_name (patient));
      patient_id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (patient)));
      g_assert_cmpint (run_dermachart ((const char *[]) { "timeline", "--db", db, "--patient",
                                                          patient_id, "--lang", "en", "-o", pdf,
                                                          NULL }, NULL), ==, 0);
      check_pdf_images (pdf, 1);
      text = pdf_text (pdf, NULL);
      g_assert_nonnull (strstr (text, name));
      g_assert_nonnull (strstr (text, "Page 1 of "));
      g_assert_nonnull (strstr (text, "Safety Warnings Acknowledged"));
      /* Every warning acknowledged is listed. */
      if (dc_safety_pih_risk (dc_patient_get_fitzpatrick (patient)))
        g_assert_nonnull (strstr (text, "higher risk of post-"));
      g_clear_pointer (&text, g_free);
      n_reports++;

      sessions = dc_store_list (store, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (patient)),
                                NULL);
      for (guint s = 0; s < g_list_model_get_n_items (sessions); s++)
        {
          g_autoptr(DcSession) session = g_list_model_get_item (sessions, s);
          g_autoptr(GListModel) zones = NULL;
          g_autofree char *id = NULL;

          id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (session)));
          g_assert_cmpint (run_dermachart ((const char *[]) { "report", "--db", db,
                                                              "--session", id, "--lang", "en",
                                                              "-o", pdf, NULL }, NULL), ==, 0);
          check_pdf_images (pdf, 1);
          text = pdf_text (pdf, NULL);
          g_assert_nonnull (strstr (text, name));
          g_assert_nonnull (strstr (text, "Aftercare"));
          g_assert_nonnull (strstr (text, "Page 1 of "));
          /* A signed session's addenda are part of its report. */
          {
            g_autoptr(GListModel) addenda = dc_store_list (store, DC_TYPE_ADDENDUM,
                                                           dc_record_get_id (DC_RECORD (session)),
                                                           NULL);

            for (guint a = 0; a < g_list_model_get_n_items (addenda); a++)
              {
                g_autoptr(DcAddendum) addendum = g_list_model_get_item (addenda, a);

                g_assert_nonnull (strstr (text, "Addenda"));
                g_assert_nonnull (strstr (text, dc_addendum_get_reason (addendum)));
                n_addenda++;
              }
          }

          zones = dc_store_list (store, DC_TYPE_ZONE_TREATMENT,
                                 dc_record_get_id (DC_RECORD (session)), NULL);
          for (guint z = 0; z < g_list_model_get_n_items (zones); z++)
            {
              g_autoptr(DcZoneTreatment) zone = g_list_model_get_item (zones, z);
              const DcZone *info = dc_zone_catalogue_lookup (dc_zone_catalogue_get_default (),
                                                             dc_zone_treatment_get_zone (zone));
              g_autoptr(DcDevice) device = dc_store_load (store, DC_TYPE_DEVICE,
                                                          dc_zone_treatment_get_device_id (zone),
                                                          NULL);
              g_autofree char *number = dc_format_decimal (dc_zone_treatment_get_depth_mm (zone));
              g_autofree char *depth = g_strdup_printf ("%s mm", number);
              g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
              gboolean found = FALSE;

              g_assert_nonnull (strstr (text, dc_device_get_model (device)));
              for (guint j = 0; lines[j] != NULL && !found; j++)
                found = strstr (lines[j], dc_zone_get_name (info)) != NULL
                        && strstr (lines[j], depth) != NULL;
              if (!found)
                g_error ("Session %s: “%s” at %s is not in the report", id,
                         dc_zone_get_name (info), depth);
            }
          g_clear_pointer (&text, g_free);
          n_reports++;
        }
    }

  g_test_message ("%u reports checked", n_reports);
  g_assert_cmpuint (n_reports, >=, 15);
  g_assert_cmpuint (n_addenda, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *out = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("dermachart-report-XXXXXX", NULL);
  db = g_build_filename (dir, "clinic.db", NULL);
  g_assert_cmpint (run_dermachart ((const char *[]) { "demo", "--db", db, NULL }, NULL), ==, 0);

  g_test_add_func ("/report-cli/session", test_session_report);
  g_test_add_func ("/report-cli/session-password", test_session_report_password);
  g_test_add_func ("/report-cli/session-german", test_session_report_german);
  g_test_add_func ("/report-cli/session-spanish", test_session_report_spanish);
  g_test_add_func ("/report-cli/session-arabic", test_session_report_arabic);
  g_test_add_func ("/report-cli/timeline", test_timeline_demo);
  g_test_add_func ("/report-cli/timeline-long", test_timeline_long);
  g_test_add_func ("/report-cli/every-demo-report", test_every_demo_report);
  status = g_test_run ();

  /* To look at the reports: DC_TEST_REPORT_KEEP=1 keeps them. */
  if (g_getenv ("DC_TEST_REPORT_KEEP") != NULL)
    g_printerr ("The reports are in %s\n", dir);
  else
    rm_rf (dir);
  g_free (dir);
  g_free (db);
  return status;
}
