/* test-report.c: report layout and the PDF writer, checked with the tools a
 * recipient's software resembles (qpdf, poppler). */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dc-error.h"
#include "dc-pdf-writer.h"
#include "dc-report-document.h"
#include "dc-report-paper.h"

#define N_ROWS 120

static const char *const table_headers[] = { "Treated zone", "Device", "Depth", "Passes",
                                             "Remarks", NULL };

static char *
make_tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char              *dir = g_dir_make_tmp ("dc-report-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char      *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Runs a tool; FALSE (and the test skipped) if it is not installed. */
static gboolean
run_tool (const char *const  *argv,
          char              **out,
          int                *exit_status)
{
  g_autofree char   *program = g_find_program_in_path (argv[0]);
  g_autoptr (GError) error = NULL;
  g_autofree char   *err = NULL;
  int                status = 0;

  if (program == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", argv[0]);

      g_test_skip (message);
      return FALSE;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (exit_status != NULL)
    *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  if (out != NULL && err != NULL && *err != '\0')
    {
      char *both = g_strconcat (*out, err, NULL);

      g_free (*out);
      *out = both;
    }

  return TRUE;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_logo_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 180, 60);
  cairo_t         *cr = cairo_create (surface);
  GByteArray      *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.12, 0.36, 0.40);
  cairo_arc (cr, 30, 30, 26, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0.85, 0.62, 0.45, 0.9);
  cairo_arc (cr, 48, 30, 18, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.12, 0.36, 0.40);
  cairo_rectangle (cr, 84, 18, 90, 8);
  cairo_rectangle (cr, 84, 34, 60, 8);
  cairo_fill (cr);
  cairo_destroy (cr);

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_cb, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (png);
}

/* A picture of a face-like oval, standing in for the chart renderer. */
static void
draw_picture_cb (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  int *calls = user_data;

  if (calls != NULL)
    (*calls)++;
  cairo_set_source_rgb (cr, 0.96, 0.93, 0.90);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_save (cr);
  cairo_translate (cr, width / 2, height / 2);
  cairo_scale (cr, width * 0.3, height * 0.42);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.85, 0.45, 0.40);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static const char long_text[] =
  "Microneedling creates thousands of controlled micro-injuries in the skin, which start the "
  "body's own repair: new collagen and elastin are laid down over the following weeks. Some "
  "redness and a feeling like mild sunburn are normal for one to three days; small pinpoint "
  "marks may be visible for a day. Keep the skin clean, avoid make-up for twenty-four hours "
  "and use the gentle cleanser and the serum you were given. ";

static DcReportDocument *
make_document (int *picture_calls)
{
  DcReportDocument   *doc = dc_report_document_new (DC_REPORT_PAPER_A4);
  g_autoptr (GBytes)  logo = make_logo_png ();
  g_autoptr (GString) paragraph = g_string_new (NULL);
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 6, 3, 14, 30, 0);
  const char *const   contacts[] = { "Dermatology & Aesthetic Medicine",
                                     "12 Rue des Lilas, 75011 Paris", "+33 1 23 45 67 89",
                                     "contact@clinique-lumiere.example", NULL };
  const char *const   facts[] = { "Date", "3 June 2026, 14:30", "Practitioner",
                                  "Dr Claire Martin", "Device", "Dermapen 4 (pen), 0.25–2.5 mm",
                                  "Anaesthetic", "Lidocaine 5 % cream, 40 min", "Endpoint",
                                  "Even erythema with pinpoint bleeding", NULL };
  const double        weights[] = { 2.2, 1.6, 0.9, 0.8, 2.5 };

  for (int i = 0; i < 9; i++)
    g_string_append (paragraph, long_text);

  dc_report_document_set_title (doc, "Session report: Anna Müller");
  dc_report_document_set_subject (doc, "Microneedling session of 3 June 2026");
  dc_report_document_set_creation_date (doc, date);
  dc_report_document_set_clinic (doc, "Clinique Lumière", contacts, logo);
  dc_report_document_set_patient (doc, "Anna Müller", "12 March 1985");

  dc_report_document_add_heading (doc, 1, "Session");
  dc_report_document_add_facts (doc, facts);
  dc_report_document_add_heading (doc, 2, "Notes");
  dc_report_document_add_paragraph (doc, paragraph->str);
  dc_report_document_add_image (doc, 240, 200, draw_picture_cb, picture_calls, NULL);
  dc_report_document_add_heading (doc, 1, "Treated zones");
  dc_report_document_add_table (doc, table_headers, weights);
  dc_report_document_set_column_end_aligned (doc, 2, TRUE);
  dc_report_document_set_column_end_aligned (doc, 3, TRUE);
  for (int i = 1; i <= N_ROWS; i++)
    {
      g_autofree char *zone = g_strdup_printf ("Zone %03d", i);
      g_autofree char *depth = g_strdup_printf ("%d.%d mm", 1 + i % 2, (i * 5) % 10);
      g_autofree char *passes = g_strdup_printf ("%d", 2 + i % 3);
      const char      *remark = i % 7 == 0
                                ? "Acknowledged: depth above the guidance for this zone, "
                                  "thick skin noted at assessment"
                                : "";
      const char *const cells[] = { zone, "Dermapen 4", depth, passes, remark, NULL };

      dc_report_document_add_table_row (doc, cells);
    }
  dc_report_document_add_heading (doc, 1, "Aftercare");
  dc_report_document_add_paragraph (doc, long_text);

  return doc;
}

static void
test_paper (void)
{
  double width, height;

  g_assert_cmpint (dc_report_paper_for_locale ("de_DE.UTF-8"), ==, DC_REPORT_PAPER_A4);
  g_assert_cmpint (dc_report_paper_for_locale ("en_GB.UTF-8"), ==, DC_REPORT_PAPER_A4);
  g_assert_cmpint (dc_report_paper_for_locale ("en_US.UTF-8"), ==, DC_REPORT_PAPER_LETTER);
  g_assert_cmpint (dc_report_paper_for_locale ("fr_CA.UTF-8"), ==, DC_REPORT_PAPER_LETTER);
  /* Not installed anywhere: the territory decides. */
  g_assert_cmpint (dc_report_paper_for_locale ("xx_US"), ==, DC_REPORT_PAPER_LETTER);
  g_assert_cmpint (dc_report_paper_for_locale ("xx_FR"), ==, DC_REPORT_PAPER_A4);
  g_assert_cmpint (dc_report_paper_for_locale ("C"), ==, DC_REPORT_PAPER_A4);
  /* The tests run under C.UTF-8. */
  g_assert_cmpint (dc_report_paper_get_default (), ==, DC_REPORT_PAPER_A4);

  dc_report_paper_get_size (DC_REPORT_PAPER_A4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.276, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);
  dc_report_paper_get_size (DC_REPORT_PAPER_LETTER, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_assert_cmpfloat (height, ==, 792);
}

/* Pagination does not depend on the surface: an image surface at screen
 * scale gets the same pages, and the picture is drawn once per drawing. */
static void
test_layout (void)
{
  int                          calls = 0;
  g_autoptr (DcReportDocument) doc = make_document (&calls);
  guint                        n_pages = dc_report_document_get_n_pages (doc);
  guint                        previous_page = 0;
  const DcReportOutlineEntry  *entry;

  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (dc_report_document_get_n_outline_entries (doc), ==, 4);
  entry = dc_report_document_get_outline_entry (doc, 0);
  g_assert_cmpstr (entry->title, ==, "Session");
  g_assert_cmpint (entry->level, ==, 1);
  g_assert_cmpuint (entry->page, ==, 0);
  entry = dc_report_document_get_outline_entry (doc, 1);
  g_assert_cmpint (entry->level, ==, 2);
  for (guint i = 0; i < 4; i++)
    {
      entry = dc_report_document_get_outline_entry (doc, i);
      g_assert_cmpuint (entry->page, >=, previous_page);
      g_assert_cmpuint (entry->page, <, n_pages);
      previous_page = entry->page;
    }
  g_assert_cmpstr (dc_report_document_get_outline_entry (doc, 3)->title, ==, "Aftercare");
  g_assert_cmpuint (dc_report_document_get_outline_entry (doc, 3)->page, ==, n_pages - 1);

  for (guint page = 0; page < n_pages; page++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
      cairo_t         *cr = cairo_create (surface);

      cairo_scale (cr, 0.5, 0.5);
      dc_report_document_draw_page (doc, cr, page);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpint (calls, ==, 1);
  g_assert_cmpuint (dc_report_document_get_n_pages (doc), ==, n_pages);
}

/* Letter is wider and shorter than A4: the same report breaks differently
 * but keeps its outline in order. */
static void
test_layout_letter (void)
{
  g_autoptr (DcReportDocument) a4 = make_document (NULL);
  g_autoptr (DcReportDocument) letter = dc_report_document_new (DC_REPORT_PAPER_LETTER);
  double                       width, height;

  dc_report_document_get_page_size (letter, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_assert_cmpfloat (height, ==, 792);
  g_assert_cmpuint (dc_report_document_get_n_pages (letter), ==, 1);
  g_assert_cmpuint (dc_report_document_get_n_outline_entries (letter), ==, 0);
  g_assert_cmpuint (dc_report_document_get_n_pages (a4), >=, 3);

  /* The layout follows every change: a smaller top margin moves the first
   * heading up by the difference. */
  {
    double before = dc_report_document_get_outline_entry (a4, 0)->y;

    dc_report_document_set_margins (a4, 30, 30, 30, 30);
    g_assert_cmpfloat_with_epsilon (dc_report_document_get_outline_entry (a4, 0)->y,
                                    before - 12.5, 0.01);
  }
}

static char *
pdftotext_page (const char *path,
                guint       page,
                const char *password)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char      *argv[] = { "pdftotext", "-layout", "-f", number, "-l", number, path, "-",
                              password != NULL ? "-upw" : NULL, password, NULL };
  char            *out = NULL;
  int              status;

  if (!run_tool (argv, &out, &status))
    return NULL;
  g_assert_cmpint (status, ==, 0);

  return out;
}

static void
assert_qpdf_check_clean (const char *path)
{
  const char      *argv[] = { "qpdf", "--check", path, NULL };
  g_autofree char *out = NULL;
  int              status;

  if (!run_tool (argv, &out, &status))
    return;
  if (status != 0 || strstr (out, "WARNING") != NULL || strstr (out, "damage") != NULL)
    g_error ("qpdf --check %s failed (%d):\n%s", path, status, out);
}

static void
assert_fonts_embedded (const char *path)
{
  const char        *argv[] = { "pdffonts", path, NULL };
  g_autofree char   *out = NULL;
  g_auto (GStrv)     lines = NULL;
  const char        *emb;
  gsize              column;
  guint              n_fonts = 0;
  int                status;

  if (!run_tool (argv, &out, &status))
    return;
  g_assert_cmpint (status, ==, 0);

  lines = g_strsplit (out, "\n", -1);
  g_assert_nonnull (lines[0]);
  emb = strstr (lines[0], " emb ");
  g_assert_nonnull (emb);
  column = emb - lines[0] + 1;
  for (guint i = 2; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_assert_cmpuint (strlen (lines[i]), >, column + 3);
      if (strncmp (lines[i] + column, "yes", 3) != 0)
        g_error ("font not embedded: %s", lines[i]);
      g_assert_nonnull (strstr (lines[i], "DejaVu"));
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static guint
pdf_n_pages (const char *path,
             const char *password)
{
  const char      *argv[] = { "pdfinfo", path, password != NULL ? "-upw" : NULL, password,
                              NULL };
  g_autofree char *out = NULL;
  const char      *pages;
  int              status;

  if (!run_tool (argv, &out, &status))
    return 0;
  g_assert_cmpint (status, ==, 0);
  pages = strstr (out, "\nPages:");
  g_assert_nonnull (pages);

  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:") + strspn (pages + 7, " "),
                                   NULL, 10);
}

static void
assert_info_field (const char *info,
                   const char *field,
                   const char *expected)
{
  g_auto (GStrv) lines = g_strsplit (info, "\n", -1);
  gsize          length = strlen (field);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, length) == 0 && lines[i][length] == ':')
      {
        g_assert_cmpstr (g_strstrip (lines[i] + length + 1), ==, expected);
        return;
      }

  g_error ("pdfinfo shows no %s:\n%s", field, info);
}

/* The outline (bookmarks) has every heading, subsections nested in their
 * section, each pointing at the heading's page. */
static void
assert_outlines (const char       *json,
                 DcReportDocument *doc)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;
  JsonArray             *top;
  guint                  n_top = 0;
  guint                  n_entries = dc_report_document_get_n_outline_entries (doc);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  top = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                      "outlines");

  for (guint i = 0, kid = 0; i < n_entries; i++)
    {
      const DcReportOutlineEntry *entry = dc_report_document_get_outline_entry (doc, i);
      JsonObject                 *item;

      if (entry->level == 1)
        {
          item = json_array_get_object_element (top, n_top++);
          kid = 0;
        }
      else
        {
          JsonObject *parent = json_array_get_object_element (top, n_top - 1);

          item = json_array_get_object_element (json_object_get_array_member (parent, "kids"),
                                                kid++);
        }
      g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, entry->title);
      g_assert_cmpint (json_object_get_int_member (item, "destpageposfrom1"), ==,
                       entry->page + 1);
    }
  g_assert_cmpuint (json_array_get_length (top), ==, n_top);
}

/* Every check the issue asks of a report file. */
static void
check_report_pdf (const char       *path,
                  DcReportDocument *doc)
{
  guint            n_pages = dc_report_document_get_n_pages (doc);
  const char      *info_argv[] = { "pdfinfo", "-rawdates", path, NULL };
  const char      *outline_argv[] = { "qpdf", "--json", "--json-key=outlines", path, NULL };
  g_autofree char *info = NULL;
  g_autofree char *outlines = NULL;
  gboolean         found_last_row = FALSE;
  int              status;

  assert_qpdf_check_clean (path);
  assert_fonts_embedded (path);

  if (!run_tool (info_argv, &info, &status))
    return;
  g_assert_cmpint (status, ==, 0);
  assert_info_field (info, "Title", "Session report: Anna Müller");
  assert_info_field (info, "Author", "Clinique Lumière");
  assert_info_field (info, "Subject", "Microneedling session of 3 June 2026");
  assert_info_field (info, "Creator", "Dermachart");
  assert_info_field (info, "CreationDate", "20260603143000Z");
  assert_info_field (info, "Page size", "595.276 x 841.89 pts (A4)");
  g_assert_cmpuint (pdf_n_pages (path, NULL), ==, n_pages);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdftotext_page (path, page, NULL);
      g_autofree char *page_of = g_strdup_printf ("Page %u of %u", page, n_pages);

      g_assert_nonnull (text);
      if (strstr (text, page_of) == NULL)
        g_error ("page %u lacks “%s”:\n%s", page, page_of, text);
      g_assert_nonnull (strstr (text, "Clinique Lumière"));
      g_assert_nonnull (strstr (text, "Dermatology & Aesthetic Medicine"));
      g_assert_nonnull (strstr (text, "Anna Müller · born 12 March 1985"));
      g_assert_nonnull (strstr (text, "Confidential medical record"));
      /* The table's header row is on every page that has rows of it. */
      if (strstr (text, "Zone 0") != NULL || strstr (text, "Zone 1") != NULL)
        g_assert_nonnull (strstr (text, "Treated zone"));
      if (strstr (text, "Zone 120") != NULL)
        found_last_row = TRUE;
    }
  g_assert_true (found_last_row);

  /* The outline (bookmarks) names every section. */
  if (!run_tool (outline_argv, &outlines, &status))
    return;
  g_assert_cmpint (status, ==, 0);
  assert_outlines (outlines, doc);
}

static void
test_pdf (void)
{
  int                          calls = 0;
  g_autoptr (DcReportDocument) doc = make_document (&calls);
  g_autofree char             *dir = make_tmp_dir ();
  g_autofree char             *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr (GError)           error = NULL;
  const char                  *keep = g_getenv ("DC_TEST_REPORT_KEEP");
  guint                        n_pages = dc_report_document_get_n_pages (doc);
  GStatBuf                     st;
  gint64                       start = g_get_monotonic_time ();

  g_assert_true (dc_pdf_write (doc, path, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%u pages written in %.0f ms", n_pages,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (calls, ==, 1);

  if (keep != NULL)
    {
      g_autofree char *contents = NULL;
      gsize            length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (keep, contents, length, NULL));
    }

  check_report_pdf (path, doc);
  remove_dir (dir);
}

static void
test_password (void)
{
  int                          calls = 0;
  g_autoptr (DcReportDocument) doc = make_document (&calls);
  g_autofree char             *dir = make_tmp_dir ();
  g_autofree char             *path = g_build_filename (dir, "protected.pdf", NULL);
  g_autoptr (GError)           error = NULL;
  const char                  *argv[] = { "pdfinfo", path, NULL };
  const char                  *encryption_argv[] = { "qpdf", "--show-encryption",
                                                     "--password=Rosemary 7", path, NULL };
  g_autofree char             *out = NULL;
  g_autofree char             *encryption = NULL;
  const char                  *check_argv[] = { "qpdf", "--check", "--password=Rosemary 7",
                                                path, NULL };
  g_autofree char             *check = NULL;
  g_autofree char             *text = NULL;
  int                          status;

  g_assert_true (dc_pdf_write (doc, path, "Rosemary 7", &error));
  g_assert_no_error (error);

  if (!run_tool (argv, &out, &status))
    return;
  g_assert_cmpint (status, !=, 0);
  g_assert_null (strstr (out, "Anna Müller"));

  g_assert_cmpuint (pdf_n_pages (path, "Rosemary 7"), ==, dc_report_document_get_n_pages (doc));
  text = pdftotext_page (path, 1, "Rosemary 7");
  g_assert_nonnull (strstr (text, "Page 1 of"));

  if (!run_tool (check_argv, &check, &status))
    return;
  if (status != 0 || strstr (check, "WARNING") != NULL || strstr (check, "damage") != NULL)
    g_error ("qpdf --check failed (%d):\n%s", status, check);

  if (!run_tool (encryption_argv, &encryption, &status))
    return;
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (encryption, "R = 6"));
  g_assert_nonnull (strstr (encryption, "AESv3"));
  remove_dir (dir);
}

/* cairo 1.16 writes some numbers with the process locale. */
static void
test_decimal_comma_locale (void)
{
  int                          calls = 0;
  g_autoptr (DcReportDocument) doc = NULL;
  g_autofree char             *dir = make_tmp_dir ();
  g_autofree char             *path = g_build_filename (dir, "de.pdf", NULL);
  g_autoptr (GError)           error = NULL;
  g_autofree char             *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char             *formatted = NULL;
  gboolean                     written;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      remove_dir (dir);
      return;
    }
  formatted = g_strdup_printf ("%.1f", 1.5);
  g_assert_cmpstr (formatted, ==, "1,5");

  doc = make_document (&calls);
  written = dc_pdf_write (doc, path, NULL, &error);
  setlocale (LC_ALL, saved);
  g_assert_no_error (error);
  g_assert_true (written);

  check_report_pdf (path, doc);
  remove_dir (dir);
}

static void
test_atomic (void)
{
  int                          calls = 0;
  g_autoptr (DcReportDocument) doc = make_document (&calls);
  g_autofree char             *dir = make_tmp_dir ();
  g_autofree char             *missing_dir = g_build_filename (dir, "missing", NULL);
  g_autofree char             *missing = g_build_filename (missing_dir, "report.pdf", NULL);
  g_autofree char             *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr (GError)           error = NULL;
  g_autoptr (GDir)             listing = NULL;
  g_autofree char             *contents = NULL;
  gsize                        length;

  /* Into a folder that does not exist: an error naming the file, and
   * nothing written anywhere. */
  g_assert_false (dc_pdf_write (doc, missing, NULL, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_clear_pointer (&listing, g_dir_close);

  /* Over an existing file: replaced whole, nothing else left behind. */
  g_assert_true (g_file_set_contents (path, "an older report", -1, NULL));
  g_assert_true (dc_pdf_write (doc, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (g_strrstr_len (contents + length - 32, 32, "%%EOF"));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "report.pdf");
  g_assert_null (g_dir_read_name (listing));
  g_clear_pointer (&listing, g_dir_close);

  /* An unwritable folder keeps the previous file as it was. */
  if (geteuid () != 0)
    {
      g_autofree char *after = NULL;
      gsize            after_length;

      g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
      g_assert_false (dc_pdf_write (doc, path, NULL, &error));
      g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
      g_assert_error (error, DC_ERROR, DC_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      g_assert_cmpmem (after, after_length, contents, length);
    }

  remove_dir (dir);
}

typedef struct
{
  gboolean  done;
  gboolean  written;
  GError   *error;
} AsyncWrite;

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWrite *write = user_data;

  write->written = dc_pdf_write_finish (DC_REPORT_DOCUMENT (source), result, &write->error);
  write->done = TRUE;
}

/* The writer in a worker thread, as the GUI uses it. */
static void
test_async (void)
{
  g_autoptr (DcReportDocument) doc = make_document (NULL);
  g_autofree char             *dir = make_tmp_dir ();
  g_autofree char             *path = g_build_filename (dir, "async.pdf", NULL);
  AsyncWrite                   write = { FALSE, FALSE, NULL };

  dc_pdf_write_async (doc, path, "Rosemary 7", NULL, write_done_cb, &write);
  while (!write.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (write.error);
  g_assert_true (write.written);
  g_assert_cmpuint (pdf_n_pages (path, "Rosemary 7"), ==, dc_report_document_get_n_pages (doc));
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/paper", test_paper);
  g_test_add_func ("/report/layout", test_layout);
  g_test_add_func ("/report/layout/letter", test_layout_letter);
  g_test_add_func ("/report/pdf", test_pdf);
  g_test_add_func ("/report/pdf/password", test_password);
  g_test_add_func ("/report/pdf/decimal-comma-locale", test_decimal_comma_locale);
  g_test_add_func ("/report/pdf/atomic", test_atomic);
  g_test_add_func ("/report/pdf/async", test_async);

  return g_test_run ();
}
