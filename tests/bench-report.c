/* bench-report.c: what a report costs, against the obvious alternatives.
 *
 * Run with `meson test -C build --benchmark report`. A session report with
 * eight 24-megapixel photos and a timeline of twenty sessions with a
 * hundred photos are written by `dermachart report` and `dermachart
 * timeline`; the same eight photos go through img2pdf (lossless: it copies
 * the camera JPEGs) and through a naive cairo PDF that embeds the
 * originals at full size. Each runs in its own process, so its time, peak
 * memory and file size are its own. A report from 48-megapixel originals
 * checks the memory bound.
 *
 * Targets (issue 5): report ≤ 0.2 × img2pdf's time and ≤ 0.1 × its size;
 * timeline ≤ 1 s and ≤ 8 MB; peak RSS ≤ 150 MB with 48 MP originals.
 *
 * The same two documents are then made in the large clinic (issue 8; see
 * dc-bench.c), for its busiest patient: the timeline of 50 sessions and
 * 200 photos, and the report of the latest session, each against the same
 * targets of time, size and memory: a database a thousand times larger
 * must not make a document slower. */

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/wait.h>

#include "dc-bench.h"
#include "dc-demo-large.h"
#include "dc-device-presets.h"
#include "dc-model.h"
#include "dc-photo-importer.h"
#include "dc-store.h"
#include "dc-test-util.h"

typedef struct
{
  double  seconds;
  double  max_rss_mb;
  double  size_mb;
  int     status;
} Run;

static char *dir;

/* Runs @argv in its own process and measures it with GNU time: a child
 * forked from this (large) process would count our memory as its own. */
static Run
measure (const char *const *argv,
         const char        *output)
{
  g_autoptr(GPtrArray) timed = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *report = g_build_filename (dir, "time.txt", NULL);
  g_autofree char *figures = NULL;
  Run run = { 0 };
  int wait_status;
  GStatBuf st;

  g_ptr_array_add (timed, (gpointer) "/usr/bin/time");
  g_ptr_array_add (timed, (gpointer) "-f");
  g_ptr_array_add (timed, (gpointer) "%e %M");
  g_ptr_array_add (timed, (gpointer) "-o");
  g_ptr_array_add (timed, report);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (timed, (gpointer) argv[i]);
  g_ptr_array_add (timed, NULL);

  if (!g_spawn_sync (NULL, (char **) timed->pdata, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &wait_status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_file_get_contents (report, &figures, NULL, &error))
    g_error ("%s", error->message);

  {
    double seconds = 0, kilobytes = 0;

    /* The last line; a failing command adds one before it. */
    const char *last = g_strrstr (g_strstrip (figures), "\n");

    if (sscanf (last != NULL ? last + 1 : figures, "%lf %lf", &seconds, &kilobytes) != 2)
      g_error ("Cannot read %s", figures);
    run.seconds = seconds;
    run.max_rss_mb = kilobytes / 1024.0;
  }
  run.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  run.size_mb = g_stat (output, &st) == 0 ? st.st_size / 1e6 : 0;
  return run;
}

/* The naive way, in its own process: every original embedded as it is, at
 * its full size, on a page of its own. */
static int
write_naive (const char  *output,
             char       **files)
{
  cairo_surface_t *pdf = cairo_pdf_surface_create (output, 595, 842);
  cairo_t *cr = cairo_create (pdf);

  for (guint i = 0; files[i] != NULL; i++)
    {
      gchar *data = NULL;
      gsize length = 0;
      int width, height;
      cairo_surface_t *image;

      if (!g_file_get_contents (files[i], &data, &length, NULL)
          || gdk_pixbuf_get_file_info (files[i], &width, &height) == NULL)
        return 1;
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, (guchar *) data, length, g_free,
                                   data);
      cairo_save (cr);
      cairo_scale (cr, 595.0 / width, 595.0 / width);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_show_page (cr);
      cairo_surface_destroy (image);
    }

  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  cairo_surface_destroy (pdf);
  return 0;
}

static DcSession *
add_session (DcStore   *store,
             DcPatient *patient,
             DcDevice  *device,
             int        weeks)
{
  static const char *const zones[] = { "forehead", "cheek-left", "cheek-right", "chin", "nose" };
  g_autoptr(GDateTime) start = g_date_time_new_utc (2025, 1, 6, 9, 0, 0);
  g_autoptr(GDateTime) when = g_date_time_add_weeks (start, weeks);
  g_autofree char *started = dc_timestamp_format (when);
  g_autoptr(GError) error = NULL;
  DcSession *session = dc_session_new ();

  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (session, started);
  if (!dc_store_save (store, DC_RECORD (session), &error))
    g_error ("%s", error->message);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(DcZoneTreatment) zone = dc_zone_treatment_new ();

      dc_zone_treatment_set_session_id (zone, dc_record_get_id (DC_RECORD (session)));
      dc_zone_treatment_set_zone (zone, zones[z]);
      dc_zone_treatment_set_device_id (zone, dc_record_get_id (DC_RECORD (device)));
      dc_zone_treatment_set_depth_mm (zone, 0.5 + 0.1 * (z % 3));
      dc_zone_treatment_set_passes (zone, 2);
      if (!dc_store_save (store, DC_RECORD (zone), &error))
        g_error ("%s", error->message);
    }

  return session;
}

static void
import (DcStore    *store,
        DcSession  *session,
        char      **paths,
        gboolean    series)
{
  gint64 session_id = dc_record_get_id (DC_RECORD (session));
  g_autoptr(DcPhotoImporter) importer = dc_photo_importer_new (store, session_id);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  dc_photo_importer_set_guess_views (importer, series);
  results = dc_photo_importer_import (importer, (const char *const *) paths, NULL, &error);
  if (results == NULL)
    g_error ("%s", error->message);
}

static void
print_run (const char *what,
           Run         run)
{
  g_print ("%-38s %8.3f s %8.1f MB RSS %9.2f MB%s\n", what, run.seconds, run.max_rss_mb,
           run.size_mb, run.status == 0 ? "" : "  (failed)");
}

/* The timeline of the large clinic's busiest patient and the report of
 * their latest session. Returns how many documents failed. */
static int
measure_large_clinic (void)
{
  g_autofree char *db = dc_bench_large_clinic ();
  g_autoptr(DcStore) store = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(DcPatient) busy = NULL;
  g_autoptr(DcSession) latest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *timeline_pdf = NULL;
  g_autofree char *report_pdf = NULL;
  Run timeline, report;

  store = dc_store_open (db, &error);
  g_assert_no_error (error);
  found = dc_store_search_patients (store, DC_DEMO_LARGE_BUSY_FAMILY_NAME " "
                                    DC_DEMO_LARGE_BUSY_GIVEN_NAME, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  busy = g_list_model_get_item (found, 0);
  sessions = dc_store_list (store, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (busy)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, DC_DEMO_LARGE_BUSY_SESSIONS);
  latest = g_list_model_get_item (sessions, g_list_model_get_n_items (sessions) - 1);
  g_clear_object (&store);

  dir = g_dir_make_tmp ("dermachart-bench-XXXXXX", NULL);
  patient_id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (busy)));
  session_id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (latest)));
  timeline_pdf = g_build_filename (dir, "large-timeline.pdf", NULL);
  report_pdf = g_build_filename (dir, "large-report.pdf", NULL);

  timeline = measure ((const char *[]) { g_getenv ("DERMACHART"), "timeline", "--db", db,
                                         "--patient", patient_id, "-o", timeline_pdf, NULL },
                      timeline_pdf);
  report = measure ((const char *[]) { g_getenv ("DERMACHART"), "report", "--db", db,
                                       "--session", session_id, "-o", report_pdf, NULL },
                    report_pdf);
  rm_rf (dir);
  g_clear_pointer (&dir, g_free);

  g_print ("\nIn the large clinic (%s):\n", db);
  print_run ("Timeline, 50 sessions, 200 photos", timeline);
  print_run ("Session report, latest session", report);
  g_print ("\n");
  dc_bench_figure ("large clinic: timeline, time", timeline.seconds, "s",
                   DC_BENCH_AT_MOST, 1);
  dc_bench_figure ("large clinic: timeline, size", timeline.size_mb, "MB",
                   DC_BENCH_AT_MOST, 8);
  dc_bench_figure ("large clinic: timeline, memory", timeline.max_rss_mb, "MB",
                   DC_BENCH_AT_MOST, 150);
  dc_bench_figure ("large clinic: report, time", report.seconds, "s",
                   DC_BENCH_AT_MOST, 1);
  dc_bench_figure ("large clinic: report, memory", report.max_rss_mb, "MB",
                   DC_BENCH_AT_MOST, 150);

  return (timeline.status != 0) + (report.status != 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DcStore) store = NULL;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(DcDevice) device = NULL;
  g_autoptr(DcSession) report_session = NULL;
  g_autoptr(DcSession) large_session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) large = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) photo_24 = NULL;
  g_autoptr(GBytes) photo_12 = NULL;
  g_autoptr(GBytes) photo_48 = NULL;
  g_autofree char *db = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *large_id = NULL;
  g_autofree char *report_pdf = NULL;
  g_autofree char *timeline_pdf = NULL;
  g_autofree char *large_pdf = NULL;
  g_autofree char *img2pdf_pdf = NULL;
  g_autofree char *naive_pdf = NULL;
  g_autofree char *self = NULL;
  g_autofree char *img2pdf = g_find_program_in_path ("img2pdf");
  gint64 start;
  Run report, timeline, large_report, img2pdf_run = { 0 }, naive;
  int n_failed = 0;

  if (argc >= 3 && g_str_equal (argv[1], "--naive"))
    return write_naive (argv[2], argv + 3);
  if (!g_file_test ("/usr/bin/time", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("GNU time (/usr/bin/time) is needed to measure memory\n");
      return 77;
    }

  self = g_canonicalize_filename (argv[0], NULL);
  dir = g_dir_make_tmp ("dermachart-bench-XXXXXX", NULL);
  db = g_build_filename (dir, "clinic.db", NULL);
  store = dc_store_open (db, &error);
  g_assert_no_error (error);

  patient = make_patient ("Benchmark", "Bianca", "1984-04-04");
  dc_patient_set_language (patient, "en");
  g_assert_true (dc_store_save (store, DC_RECORD (patient), &error));
  device = dc_device_presets_instantiate (dc_device_presets_lookup (
    "d2b47e2d-4f7f-451f-b525-ec6860abf869"));
  g_assert_true (dc_store_save (store, DC_RECORD (device), &error));

  g_print ("Generating synthetic photos…\n");
  photo_24 = dc_bench_make_photo (6000, 4000, 24);
  photo_12 = dc_bench_make_photo (4000, 3000, 12);
  photo_48 = dc_bench_make_photo (8000, 6000, 48);

  /* The session report: eight 24 MP photos. */
  report_session = add_session (store, patient, device, 0);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("report-%u.jpg", i);

      g_ptr_array_add (originals, dc_bench_write_variant (dir, photo_24, name, i));
    }
  g_ptr_array_add (originals, NULL);
  start = g_get_monotonic_time ();
  import (store, report_session, (char **) originals->pdata, TRUE);
  g_print ("Imported 8 × 24 MP in %.2f s\n", (g_get_monotonic_time () - start) / 1e6);

  /* The timeline: twenty sessions, five 12 MP photos each. */
  start = g_get_monotonic_time ();
  for (int s = 1; s <= 20; s++)
    {
      g_autoptr(DcSession) session = add_session (store, patient, device, s * 5);
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint v = 0; v < 5; v++)
        {
          g_autofree char *name = g_strdup_printf ("timeline-%d-%u.jpg", s, v);

          g_ptr_array_add (paths, dc_bench_write_variant (dir, photo_12, name, 100 * s + v));
        }
      g_ptr_array_add (paths, NULL);
      import (store, session, (char **) paths->pdata, TRUE);
    }
  g_print ("Imported 100 × 12 MP in %.2f s\n", (g_get_monotonic_time () - start) / 1e6);

  /* Memory: a report from two 48 MP originals. */
  large_session = add_session (store, patient, device, 120);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("large-%u.jpg", i);

      g_ptr_array_add (large, dc_bench_write_variant (dir, photo_48, name, 1000 + i));
    }
  g_ptr_array_add (large, NULL);
  import (store, large_session, (char **) large->pdata, TRUE);
  g_clear_object (&store);

  patient_id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (patient)));
  session_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                dc_record_get_id (DC_RECORD (report_session)));
  large_id = g_strdup_printf ("%" G_GINT64_FORMAT, dc_record_get_id (DC_RECORD (large_session)));
  report_pdf = g_build_filename (dir, "report.pdf", NULL);
  timeline_pdf = g_build_filename (dir, "timeline.pdf", NULL);
  large_pdf = g_build_filename (dir, "large.pdf", NULL);
  img2pdf_pdf = g_build_filename (dir, "img2pdf.pdf", NULL);
  naive_pdf = g_build_filename (dir, "naive.pdf", NULL);

  report = measure ((const char *[]) { g_getenv ("DERMACHART"), "report", "--db", db,
                                       "--session", session_id, "-o", report_pdf, NULL },
                    report_pdf);
  timeline = measure ((const char *[]) { g_getenv ("DERMACHART"), "timeline", "--db", db,
                                         "--patient", patient_id, "-o", timeline_pdf, NULL },
                      timeline_pdf);
  large_report = measure ((const char *[]) { g_getenv ("DERMACHART"), "report", "--db", db,
                                             "--session", large_id, "-o", large_pdf, NULL },
                          large_pdf);
  {
    g_autoptr(GPtrArray) naive_argv = g_ptr_array_new ();

    g_ptr_array_add (naive_argv, self);
    g_ptr_array_add (naive_argv, (gpointer) "--naive");
    g_ptr_array_add (naive_argv, naive_pdf);
    for (guint i = 0; i < originals->len - 1; i++)
      g_ptr_array_add (naive_argv, g_ptr_array_index (originals, i));
    g_ptr_array_add (naive_argv, NULL);
    naive = measure ((const char *const *) naive_argv->pdata, naive_pdf);
  }
  if (img2pdf != NULL)
    {
      g_autoptr(GPtrArray) img_argv = g_ptr_array_new ();

      g_ptr_array_add (img_argv, img2pdf);
      for (guint i = 0; i < originals->len - 1; i++)
        g_ptr_array_add (img_argv, g_ptr_array_index (originals, i));
      g_ptr_array_add (img_argv, (gpointer) "-o");
      g_ptr_array_add (img_argv, img2pdf_pdf);
      g_ptr_array_add (img_argv, NULL);
      img2pdf_run = measure ((const char *const *) img_argv->pdata, img2pdf_pdf);
    }

  g_print ("\n%-38s %10s %15s %12s\n", "", "time", "peak memory", "file");
  print_run ("Session report, 8 × 24 MP", report);
  if (img2pdf != NULL)
    print_run ("img2pdf, the same 8 photos", img2pdf_run);
  print_run ("Naive cairo PDF, full-size originals", naive);
  print_run ("Timeline, 20 sessions, 100 photos", timeline);
  print_run ("Session report, 2 × 48 MP originals", large_report);
  g_print ("\n");

  if (img2pdf != NULL)
    {
      dc_bench_figure ("report / img2pdf, time", report.seconds / img2pdf_run.seconds, "×",
                       DC_BENCH_AT_MOST, 0.2);
      dc_bench_figure ("report / img2pdf, size", report.size_mb / img2pdf_run.size_mb, "×",
                       DC_BENCH_AT_MOST, 0.1);
    }
  else
    {
      dc_bench_note ("img2pdf is not installed: no comparison");
    }
  dc_bench_figure ("timeline, 20 sessions, time", timeline.seconds, "s", DC_BENCH_AT_MOST, 1);
  dc_bench_figure ("timeline, 20 sessions, size", timeline.size_mb, "MB", DC_BENCH_AT_MOST, 8);
  dc_bench_figure ("peak memory, 48 MP originals", large_report.max_rss_mb, "MB",
                   DC_BENCH_AT_MOST, 150);
  n_failed += report.status != 0 || timeline.status != 0 || large_report.status != 0;
  rm_rf (dir);
  g_clear_pointer (&dir, g_free);

  n_failed += measure_large_clinic ();

  return dc_bench_finish () != 0 || n_failed > 0 ? 1 : 0;
}
