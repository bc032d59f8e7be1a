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
 * dc_bench_note(). */

#include "config.h"

#include "dc-bench.h"

#include <stdio.h>

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
