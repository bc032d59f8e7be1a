/* dc-bench.c: figures of the benchmarks, each printed beside its target.
 *
 * A benchmark prints one line per figure, in the same form everywhere so
 * that a run of `meson test --benchmark` can be read (and grepped) as one
 * table:
 *
 *   figure  search-keystroke           1.84 ms      target ≤ 5 ms        met
 *
 * A missed target is printed as MISSED and makes the benchmark exit 1, so
 * the summary of the run shows it; the benchmark should say why with
 * dc_bench_note().
 *
 * The photos are invented: colour fields and noise, never anyone's face. */

#include "config.h"

#include "dc-bench.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "dc-demo-large.h"

static guint n_missed;

double
dc_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

gboolean
dc_bench_figure (const char  *name,
                 double       value,
                 const char  *unit,
                 DcBenchGoal  goal,
                 double       target)
{
  gboolean met = goal == DC_BENCH_AT_MOST ? value <= target : value >= target;
  g_autofree char *measured = g_strdup_printf ("%.*f %s", value < 10 ? 2 : 1, value, unit);
  g_autofree char *wanted = g_strdup_printf ("target %s %g %s",
                                             goal == DC_BENCH_AT_MOST ? "≤" : "≥",
                                             target, unit);

  /* The ≤ and ≥ take three bytes and one column. */
  printf ("figure  %-32s %14s   %-22s %s\n", name, measured, wanted, met ? "met" : "MISSED");
  fflush (stdout);
  if (!met)
    n_missed++;

  return met;
}

void
dc_bench_note (const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  printf ("        %s\n", text);
  fflush (stdout);
}

/* The exit status: 0 when every target was met. */
int
dc_bench_finish (void)
{
  if (n_missed > 0)
    printf ("%u target%s missed\n", n_missed, n_missed == 1 ? "" : "s");
  fflush (stdout);

  return n_missed > 0 ? 1 : 0;
}

/* Bumped when the generator's output changes, so an older clinic in the
 * build tree is not measured in its place. */
#define LARGE_CLINIC_VERSION 1

/**
 * dc_bench_large_clinic:
 *
 * The large clinic (`dermachart demo --large`), made once in the build
 * tree (about two minutes and 1.6 GB) and reused by every benchmark and
 * later run. DC_BENCH_CLINIC names another database to measure instead.
 *
 * Returns: (transfer full): the database's path
 */
char *
dc_bench_large_clinic (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *tmp_db = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[6] = { NULL };
  double start;
  int status;

  if (g_getenv ("DC_BENCH_CLINIC") != NULL)
    return g_strdup (g_getenv ("DC_BENCH_CLINIC"));

  dir = g_strdup_printf ("%s/large-clinic-%d", g_getenv ("G_TEST_BUILDDIR") != NULL
                                               ? g_getenv ("G_TEST_BUILDDIR") : ".",
                         LARGE_CLINIC_VERSION);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_build_filename (dir, "clinic.db", NULL);

  /* Made beside it and renamed, so a run cut short leaves no half clinic. */
  tmp = g_strconcat (dir, ".part", NULL);
  if (g_file_test (tmp, G_FILE_TEST_EXISTS))
    {
      g_autofree char *quoted = g_shell_quote (tmp);
      g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
    }
  g_assert_cmpint (g_mkdir_with_parents (tmp, 0700), ==, 0);
  tmp_db = g_build_filename (tmp, "clinic.db", NULL);

  printf ("        making the large clinic in %s (once)\n", dir);
  fflush (stdout);
  argv[0] = g_getenv ("DERMACHART");
  argv[1] = "demo";
  argv[2] = "--large";
  argv[3] = "--db";
  argv[4] = tmp_db;
  g_assert_nonnull (argv[0]);
  start = dc_bench_now_ms ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  dc_bench_note ("made %d patients in %.0f s", DC_DEMO_LARGE_PATIENTS,
                 (dc_bench_now_ms () - start) / 1000);
  g_assert_cmpint (g_rename (tmp, dir), ==, 0);

  return g_build_filename (dir, "clinic.db", NULL);
}

/* A synthetic photo: smooth colour fields and fine noise, which JPEG
 * compresses about as badly as skin and hair. */
GBytes *
dc_bench_make_photo (int   width,
                     int   height,
                     guint seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gchar *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + (gsize) y * stride + x * 3;
        int noise = (int) g_rand_int_range (rand, -18, 18);

        p[0] = CLAMP (120 + 90 * x / width + noise, 0, 255);
        p[1] = CLAMP (90 + 60 * y / height + noise, 0, 255);
        p[2] = CLAMP (80 + 40 * (x + y) / (width + height) + noise, 0, 255);
      }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "92", NULL))
    g_error ("%s", error->message);
  return g_bytes_new_take (buffer, size);
}

/* The same picture as a different file, with a checksum of its own: a
 * comment segment after SOI. Returns the path of @name in @dir. */
char *
dc_bench_write_variant (const char *dir,
                        GBytes     *jpeg,
                        const char *name,
                        guint       index)
{
  g_autofree char *comment = g_strdup_printf ("synthetic benchmark photo %u", index);
  gsize length = strlen (comment) + 2;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  const guint8 *bytes = g_bytes_get_data (jpeg, NULL);
  guint8 marker[4] = { 0xff, 0xfe, (guint8) (length >> 8), (guint8) (length & 0xff) };
  char *path = g_build_filename (dir, name, NULL);

  g_byte_array_append (data, bytes, 2);
  g_byte_array_append (data, marker, 4);
  g_byte_array_append (data, (const guint8 *) comment, strlen (comment));
  g_byte_array_append (data, bytes + 2, g_bytes_get_size (jpeg) - 2);
  if (!g_file_set_contents (path, (const char *) data->data, data->len, NULL))
    g_error ("Cannot write %s", path);
  return path;
}
