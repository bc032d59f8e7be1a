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
#include <stdio.h>
#include <string.h>

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
