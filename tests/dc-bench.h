/* dc-bench.h: figures of the benchmarks, each printed beside its target,
 * and the synthetic photos they work on. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DC_BENCH_AT_MOST,    /* the figure must not exceed the target */
  DC_BENCH_AT_LEAST,   /* the figure must reach the target */
} DcBenchGoal;

double    dc_bench_now_ms  (void);
gboolean  dc_bench_figure  (const char   *name,
                            double        value,
                            const char   *unit,
                            DcBenchGoal   goal,
                            double        target);
void      dc_bench_note    (const char   *format,
                            ...) G_GNUC_PRINTF (1, 2);
int       dc_bench_finish  (void);

char     *dc_bench_large_clinic (void);
GBytes   *dc_bench_make_photo    (int           width,
                                  int           height,
                                  guint         seed);
char     *dc_bench_write_variant (const char   *dir,
                                  GBytes       *jpeg,
                                  const char   *name,
                                  guint         index);

G_END_DECLS
