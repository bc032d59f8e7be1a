/* dc-fuzz.c: the mutation loop shared by the fuzz programs.
 *
 * Usage of a fuzz program:
 *   fuzz-foo                 mutate for DC_FUZZ_SECONDS (default 60) seconds
 *   fuzz-foo FILE|FOLDER…    run each file once, unmutated (regressions)
 *
 * Environment: DC_FUZZ_SEED (default: from the clock, always printed),
 * DC_FUZZ_TIMEOUT (seconds one input may take, default 10, 30 under
 * sanitizers), DC_FUZZ_ARTIFACT_DIR (where the input being run is kept,
 * default: the current folder), DC_FUZZ_DIR (scratch space for stores and
 * photo libraries, default: /dev/shm when it has room, else the temporary
 * folder). */

#include "config.h"

#include "dc-fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "dc-error.h"

/* How often the target's whole-state check runs. */
#define CHECK_INTERVAL (10 * G_USEC_PER_SEC)
/* Accepted mutants join the corpus up to this many entries. */
#define MAX_CORPUS 512

static char timeout_message[1024];

typedef struct
{
  const DcFuzzTarget *target;
  gpointer            data;
  GRand              *rand;
  GPtrArray          *corpus;  /* GBytes */
  guint               n_seeds;
  int                 last_input_fd;
  guint               timeout;
  guint64             n_execs;
  guint64             n_accepted;
} Fuzzer;

gboolean
dc_fuzz_is_sanitized (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#else
  return g_strcmp0 (g_getenv ("DC_SANITIZED"), "1") == 0;
#endif
}

/* Errors from an import are for the practitioner to read: ours, worded,
 * and printable. */
void
dc_fuzz_assert_error (const GError *error)
{
  g_assert_nonnull (error);
  if (error->domain != DC_ERROR && error->domain != G_IO_ERROR)
    g_error ("An error from outside Dermachart's domains reached the user: %s (%s %d)",
             error->message, g_quark_to_string (error->domain), error->code);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  if (!g_utf8_validate (error->message, -1, NULL))
    g_error ("An error message is not valid UTF-8: %s", error->message);
}

/* A folder of the fuzzer's own, preferably in memory: the store fsyncs
 * every commit and the library every file, which on a disk would measure
 * the disk rather than the code. */
char *
dc_fuzz_scratch_dir (const char *name)
{
  const char *base = g_getenv ("DC_FUZZ_DIR");
  g_autofree char *template = NULL;
  struct statvfs st;

  if (base == NULL)
    {
      if (statvfs ("/dev/shm", &st) == 0 && access ("/dev/shm", W_OK) == 0
          && (guint64) st.f_bavail * st.f_frsize > 512 * 1024 * 1024)
        base = "/dev/shm";
      else
        base = g_get_tmp_dir ();
    }

  template = g_strdup_printf ("%s/dermachart-%s-XXXXXX", base, name);
  g_assert_nonnull (g_mkdtemp (template));
  return g_steal_pointer (&template);
}

static void
alarm_cb (int signum)
{
  ssize_t ignored = write (STDERR_FILENO, timeout_message, strlen (timeout_message));

  (void) ignored;
  abort ();
}

/* Mutations ---------------------------------------------------------------- */

static guint
pick (GRand *rand,
      guint  n)
{
  g_assert (n > 0);
  return (guint) g_rand_int_range (rand, 0, (gint32) MIN (n, (guint) G_MAXINT32));
}

/* A length for a chunk: mostly short, sometimes long. */
static gsize
chunk_length (GRand *rand,
              gsize  available)
{
  gsize max;

  if (available == 0)
    return 0;
  max = pick (rand, 4) == 0 ? available : MIN (available, 64);
  return 1 + pick (rand, max);
}

static void
put_value (guint8  *p,
           guint32  value,
           guint    width,
           gboolean big_endian)
{
  for (guint i = 0; i < width; i++)
    {
      guint shift = big_endian ? 8 * (width - 1 - i) : 8 * i;

      p[i] = (value >> shift) & 0xff;
    }
}

/* @data must not point into @buffer. */
static void
insert_bytes (GByteArray   *buffer,
              gsize         at,
              const guint8 *data,
              gsize         length)
{
  gsize tail = buffer->len - at;

  g_byte_array_set_size (buffer, buffer->len + length);
  memmove (buffer->data + at + length, buffer->data + at, tail);
  memcpy (buffer->data + at, data, length);
}

static void
mutate_once (Fuzzer     *fuzzer,
             GByteArray *buffer)
{
  static const guint8 interesting8[] = { 0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x10, 0x20, 0x40, 0x64 };
  static const guint32 interesting32[] = {
    0, 1, 2, 8, 16, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff,
    0x80000000, 0xfffffffe, 0xffffffff,
  };
  const DcFuzzTarget *target = fuzzer->target;
  GRand *rand = fuzzer->rand;
  gsize len = buffer->len;
  guint kind = pick (rand, 15);

  /* Most mutations need a byte to work on. */
  if (len == 0 && kind != 6 && kind != 12 && kind != 13)
    kind = 6;

  switch (kind)
    {
    case 0:  /* flip a bit */
      buffer->data[pick (rand, len)] ^= 1u << pick (rand, 8);
      break;

    case 1:  /* an interesting byte */
      buffer->data[pick (rand, len)] = interesting8[pick (rand, G_N_ELEMENTS (interesting8))];
      break;

    case 2:  /* any byte */
      buffer->data[pick (rand, len)] = pick (rand, 256);
      break;

    case 3:  /* a byte a little off */
      {
        gsize at = pick (rand, len);
        int delta = 1 + (int) pick (rand, 35);

        buffer->data[at] += pick (rand, 2) ? delta : -delta;
      }
      break;

    case 4:  /* a 16- or 32-bit length or count, either byte order */
    case 5:
      {
        guint width = kind == 4 ? 2 : 4;
        guint32 value;
        gsize at;

        if (len < width)
          break;
        at = pick (rand, len - width + 1);
        switch (pick (rand, 4))
          {
          case 0:
            value = (guint32) len;
            break;
          case 1:
            value = (guint32) (len - at);
            break;
          case 2:
            value = (guint32) (len - at) + pick (rand, 3) - 1;
            break;
          default:
            value = interesting32[pick (rand, G_N_ELEMENTS (interesting32))];
            break;
          }
        put_value (buffer->data + at, value, width, pick (rand, 2));
      }
      break;

    case 6:  /* insert random bytes, or one byte repeated */
      {
        gsize at = pick (rand, len + 1);
        gsize n = pick (rand, 3) == 0 ? 1 + pick (rand, 4096) : 1 + pick (rand, 32);
        guint8 fill = pick (rand, 256);
        gboolean repeat = pick (rand, 2);
        g_autofree guint8 *bytes = g_malloc (n);

        for (gsize i = 0; i < n; i++)
          bytes[i] = repeat ? fill : pick (rand, 256);
        insert_bytes (buffer, at, bytes, n);
      }
      break;

    case 7:  /* delete a chunk */
      {
        gsize at = pick (rand, len);
        gsize n = chunk_length (rand, len - at);

        g_byte_array_remove_range (buffer, at, n);
      }
      break;

    case 8:  /* duplicate a chunk somewhere */
      {
        gsize from = pick (rand, len);
        gsize n = chunk_length (rand, len - from);
        gsize to = pick (rand, len + 1);
        g_autofree guint8 *chunk = g_memdup2 (buffer->data + from, n);

        insert_bytes (buffer, to, chunk, n);
      }
      break;

    case 9:  /* copy a chunk over another place */
      {
        gsize from = pick (rand, len);
        gsize n = chunk_length (rand, len - from);
        gsize to = pick (rand, len - n + 1);

        memmove (buffer->data + to, buffer->data + from, n);
      }
      break;

    case 10:  /* cut short */
      g_byte_array_set_size (buffer, pick (rand, len));
      break;

    case 11:  /* splice: our head, another input's tail */
    case 12:  /* or a chunk of another input */
      {
        GBytes *other = g_ptr_array_index (fuzzer->corpus, pick (rand, fuzzer->corpus->len));
        gsize other_len;
        const guint8 *other_data = g_bytes_get_data (other, &other_len);

        if (other_len == 0)
          break;
        if (kind == 11 && len > 0)
          {
            gsize cut = pick (rand, len);
            gsize from = pick (rand, other_len);

            g_byte_array_set_size (buffer, cut);
            g_byte_array_append (buffer, other_data + from, other_len - from);
          }
        else
          {
            gsize from = pick (rand, other_len);
            gsize n = chunk_length (rand, other_len - from);

            insert_bytes (buffer, pick (rand, len + 1), other_data + from, n);
          }
      }
      break;

    case 13:  /* a word of the format, inserted */
    case 14:  /* or written over what is there */
      {
        guint word;

        if (target->n_dictionary == 0)
          break;
        word = pick (rand, target->n_dictionary);
        if (kind == 13 || len < target->dictionary_lengths[word])
          insert_bytes (buffer, pick (rand, len + 1),
                               (const guint8 *) target->dictionary[word],
                               target->dictionary_lengths[word]);
        else
          memcpy (buffer->data + pick (rand, len - target->dictionary_lengths[word] + 1),
                  target->dictionary[word], target->dictionary_lengths[word]);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static GBytes *
mutate (Fuzzer *fuzzer,
        GBytes *input)
{
  const DcFuzzTarget *target = fuzzer->target;
  GRand *rand = fuzzer->rand;
  g_autoptr(GBytes) current = g_bytes_ref (input);
  gboolean structured = FALSE;

  if (target->mutate != NULL && pick (rand, 2) == 0)
    {
      GBytes *mutant = target->mutate (fuzzer->data, rand, current, fuzzer->corpus);

      if (mutant != NULL)
        {
          g_bytes_unref (current);
          current = mutant;
          structured = TRUE;
        }
    }

  /* Byte-level mutations, stacked 1 to 16 deep; after a structured one,
   * only sometimes. */
  if (!structured || pick (rand, 3) == 0)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (current, &length);
      GByteArray *buffer = g_byte_array_sized_new (length + 64);
      guint n = 1u << pick (rand, 5);

      g_byte_array_append (buffer, data, length);
      for (guint i = 0; i < n; i++)
        mutate_once (fuzzer, buffer);
      if (buffer->len > target->max_length)
        g_byte_array_set_size (buffer, target->max_length);
      g_bytes_unref (current);
      current = g_byte_array_free_to_bytes (buffer);
    }

  if (target->fix_up != NULL)
    {
      GBytes *fixed = target->fix_up (fuzzer->data, rand, current);

      g_bytes_unref (current);
      current = fixed;
    }

  return g_steal_pointer (&current);
}

/* Running ------------------------------------------------------------------ */

/* Keeps @input in the last-input file before it runs: if the process dies
 * (a crash, an assertion, the watchdog), the file holds what killed it. */
static void
keep_input (Fuzzer       *fuzzer,
            const guint8 *data,
            gsize         length)
{
  gsize done = 0;

  if (fuzzer->last_input_fd < 0)
    return;
  while (done < length)
    {
      ssize_t n = pwrite (fuzzer->last_input_fd, data + done, length - done, done);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      done += n;
    }
  g_assert_cmpint (ftruncate (fuzzer->last_input_fd, length), ==, 0);
}

static DcFuzzVerdict
run_input (Fuzzer *fuzzer,
           GBytes *input)
{
  static const guint8 empty[1] = { 0 };
  gsize length;
  const guint8 *data = g_bytes_get_data (input, &length);
  DcFuzzVerdict verdict;

  keep_input (fuzzer, data, length);

  alarm (fuzzer->timeout);
  verdict = fuzzer->target->run (fuzzer->data, data != NULL ? data : empty, length);
  alarm (0);

  fuzzer->n_execs++;
  if (verdict == DC_FUZZ_ACCEPTED)
    fuzzer->n_accepted++;
  return verdict;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || *text == '\0')
    return fallback;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    g_error ("%s must be a whole number, not “%s”", name, text);
  return (guint) value;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
add_replay_files (GPtrArray  *files,
                  const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, compare_paths);
      for (guint i = 0; i < names->len; i++)
        add_replay_files (files, g_ptr_array_index (names, i));
    }
  else
    g_ptr_array_add (files, g_strdup (path));
}

static int
replay (Fuzzer  *fuzzer,
        int      argc,
        char   **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    add_replay_files (files, argv[i]);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) input = NULL;
      char *contents;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        g_error ("%s", error->message);
      input = g_bytes_new_take (contents, length);
      g_print ("%s: %s (%" G_GSIZE_FORMAT " bytes)\n", fuzzer->target->name, path, length);
      g_print ("%s: %s\n", fuzzer->target->name,
               run_input (fuzzer, input) == DC_FUZZ_ACCEPTED ? "accepted" : "refused");
    }

  if (fuzzer->target->check != NULL)
    fuzzer->target->check (fuzzer->data);
  g_print ("%s: %u inputs replayed\n", fuzzer->target->name, files->len);
  return EXIT_SUCCESS;
}

/* In a sanitized build, leak reports with whole stacks rather than the
 * fast unwinder's, which stops at g_malloc: build-aux/lsan.supp can then
 * tell json-glib's own leaks from ours. Slower, but these programs run
 * for a set time, not a set number of inputs. AddressSanitizer calls
 * this before reading ASAN_OPTIONS; elsewhere nothing calls it. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

int
dc_fuzz_main (const DcFuzzTarget *target,
              gpointer            data,
              int                 argc,
              char              **argv)
{
  Fuzzer fuzzer = { target, data };
  g_autoptr(GPtrArray) seeds = NULL;
  g_autofree char *artifact_dir = NULL;
  g_autofree char *last_input = NULL;
  guint seconds = env_uint ("DC_FUZZ_SECONDS", 60);
  guint32 seed = env_uint ("DC_FUZZ_SEED",
                           (guint32) (g_get_real_time () ^ ((gint64) getpid () << 16)));
  struct sigaction action = { 0 };
  gint64 started, deadline, next_check, next_report, elapsed;
  guint n_seeds_accepted = 0;

  fuzzer.timeout = env_uint ("DC_FUZZ_TIMEOUT", dc_fuzz_is_sanitized () ? 30 : 10);
  fuzzer.last_input_fd = -1;
  action.sa_handler = alarm_cb;
  sigaction (SIGALRM, &action, NULL);

  /* Replaying names each file before it runs: no last-input file, which a
   * fuzzing run of the same program may be writing meanwhile. */
  if (argc > 1)
    {
      g_snprintf (timeout_message, sizeof timeout_message,
                  "%s: the file above took longer than %u s (a hang?)\n", target->name,
                  fuzzer.timeout);
      return replay (&fuzzer, argc, argv);
    }

  artifact_dir = g_strdup (g_getenv ("DC_FUZZ_ARTIFACT_DIR"));
  if (artifact_dir == NULL)
    artifact_dir = g_get_current_dir ();
  last_input = g_strdup_printf ("%s/%s-last-input", artifact_dir, target->name);
  fuzzer.last_input_fd = open (last_input, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fuzzer.last_input_fd < 0)
    g_error ("Cannot write %s: %s", last_input, g_strerror (errno));
  g_snprintf (timeout_message, sizeof timeout_message,
              "%s: an input took longer than %u s (a hang?); it is kept in %s\n",
              target->name, fuzzer.timeout, last_input);

  g_print ("%s: seed %u (DC_FUZZ_SEED=%u repeats this run), %u s, "
           "at most %u s an input\n", target->name, seed, seed, seconds, fuzzer.timeout);
  g_print ("%s: should it die, the input it was running is in %s; \"%s %s\" runs it "
           "again\n", target->name, last_input, target->name, last_input);
  fuzzer.rand = g_rand_new_with_seed (seed);

  seeds = target->make_seeds (data);
  g_assert_cmpuint (seeds->len, >, 0);
  fuzzer.corpus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < seeds->len; i++)
    g_ptr_array_add (fuzzer.corpus, g_bytes_ref (g_ptr_array_index (seeds, i)));
  fuzzer.n_seeds = seeds->len;

  started = g_get_monotonic_time ();
  deadline = started + (gint64) seconds * G_USEC_PER_SEC;
  next_check = started + CHECK_INTERVAL;
  next_report = started + CHECK_INTERVAL;

  /* The seeds as they are first: the baseline the mutants depart from. */
  for (guint i = 0; i < seeds->len; i++)
    if (run_input (&fuzzer, g_ptr_array_index (seeds, i)) == DC_FUZZ_ACCEPTED)
      n_seeds_accepted++;
  g_print ("%s: %u seeds, %u of them accepted as they are\n", target->name, seeds->len,
           n_seeds_accepted);

  while (g_get_monotonic_time () < deadline)
    {
      GBytes *base = g_ptr_array_index (fuzzer.corpus, pick (fuzzer.rand, fuzzer.corpus->len));
      g_autoptr(GBytes) mutant = mutate (&fuzzer, base);
      gint64 now;

      if (run_input (&fuzzer, mutant) == DC_FUZZ_ACCEPTED && pick (fuzzer.rand, 4) == 0)
        {
          /* An accepted mutant is valid yet different: a good place to
           * start from. Seeds are never replaced. */
          if (fuzzer.corpus->len < MAX_CORPUS)
            g_ptr_array_add (fuzzer.corpus, g_bytes_ref (mutant));
          else
            {
              guint at = fuzzer.n_seeds + pick (fuzzer.rand, MAX_CORPUS - fuzzer.n_seeds);

              g_bytes_unref (g_ptr_array_index (fuzzer.corpus, at));
              fuzzer.corpus->pdata[at] = g_bytes_ref (mutant);
            }
        }

      now = g_get_monotonic_time ();
      if (target->check != NULL && now >= next_check)
        {
          target->check (data);
          next_check = g_get_monotonic_time () + CHECK_INTERVAL;
        }
      if (now >= next_report)
        {
          g_print ("%s: %" G_GINT64_FORMAT " s, %" G_GUINT64_FORMAT " executions\n",
                   target->name, (now - started) / G_USEC_PER_SEC, fuzzer.n_execs);
          next_report += CHECK_INTERVAL;
        }
    }

  if (target->check != NULL)
    target->check (data);

  elapsed = g_get_monotonic_time () - started;
  g_print ("%s: %" G_GUINT64_FORMAT " executions in %.1f s (%.0f/s), %" G_GUINT64_FORMAT
           " accepted, %" G_GUINT64_FORMAT " refused, corpus %u (seed %u)\n",
           target->name, fuzzer.n_execs, elapsed / (double) G_USEC_PER_SEC,
           fuzzer.n_execs / (elapsed / (double) G_USEC_PER_SEC), fuzzer.n_accepted,
           fuzzer.n_execs - fuzzer.n_accepted, fuzzer.corpus->len, seed);

  close (fuzzer.last_input_fd);
  g_unlink (last_input);
  g_ptr_array_unref (fuzzer.corpus);
  g_rand_free (fuzzer.rand);
  return EXIT_SUCCESS;
}
