/* dc-fuzz.h: a small mutation fuzzer for the import paths, in plain C.
 *
 * No compiler support is needed (no libFuzzer, no coverage): inputs are
 * seeds mutated at random, run through the real code, and judged by the
 * target's own oracles (g_assert). What makes a run reproducible is the
 * seed it prints; what makes a crash reproducible is the file holding the
 * input being run, which is left behind when the process dies. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DC_FUZZ_REFUSED,
  DC_FUZZ_ACCEPTED,
} DcFuzzVerdict;

typedef struct
{
  /* Printed, and names the file that keeps the input being run. */
  const char     *name;
  /* Inputs grow by insertions up to this many bytes. */
  gsize           max_length;
  /* Byte strings the format is made of, inserted and overwritten whole. */
  const char    **dictionary;
  gsize          *dictionary_lengths;
  guint           n_dictionary;

  /* The seeds (GBytes), made only when fuzzing (not when replaying). */
  GPtrArray    *(*make_seeds) (gpointer data);
  /* Runs one input through the code under test and checks everything the
   * target knows should hold afterwards. Must not keep @input. */
  DcFuzzVerdict (*run)        (gpointer      data,
                               const guint8 *input,
                               gsize         length);
  /* Optional: a mutation that knows the format; NULL when it does not
   * apply to @input. */
  GBytes       *(*mutate)     (gpointer      data,
                               GRand        *rand,
                               GBytes       *input,
                               GPtrArray    *corpus);
  /* Optional: adjusts a mutant before it runs (fresh identities, so that
   * an accepted import does not make its relatives duplicates). */
  GBytes       *(*fix_up)     (gpointer      data,
                               GRand        *rand,
                               GBytes       *input);
  /* Optional: checks of the whole state, run every few seconds and at
   * the end (database integrity). */
  void          (*check)      (gpointer      data);
} DcFuzzTarget;

int      dc_fuzz_main          (const DcFuzzTarget *target,
                                gpointer            data,
                                int                 argc,
                                char              **argv);

void     dc_fuzz_assert_error  (const GError       *error);
char    *dc_fuzz_scratch_dir   (const char         *name);
gboolean dc_fuzz_is_sanitized  (void);

G_END_DECLS
