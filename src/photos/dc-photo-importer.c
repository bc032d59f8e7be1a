/* dc-photo-importer.c: a batch of photo files into one session.
 *
 * Each file is imported (dc-photo-import.c) and then recorded as a DcPhoto
 * with the importer's view, phase and consent. A file whose checksum the
 * session already has is a no-op; a bad file is refused on its own and the
 * batch goes on. The async variant runs the batch in a GTask thread and
 * reports progress on the main context of the caller; the workers touch
 * only their job, a copy of the importer's settings.
 *
 * Decoding a 12 MP photo and making its derivatives takes about a fifth of
 * a second of CPU, so the files of a batch are imported side by side by
 * worker threads, one a core, at a lower priority than the window's. The
 * thread that runs the batch only reports, in the order of the files. A
 * file that is a copy of an earlier one in the batch waits for that one,
 * so that the later of the two is always the duplicate.
 *
 * The library lock is held for each file from before its files are written
 * until its record is saved (or its files are discarded), so garbage
 * collection never sees files whose record is about to exist. Decoding
 * happens before, without the lock, so the workers take turns only at
 * writing. */

#include "config.h"

#include "dc-photo-importer.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "dc-photo-import.h"
#include "dc-photo-library.h"

struct _DcPhotoImportResult
{
  char                *path;
  DcPhotoImportStatus  status;
  DcPhoto             *photo;
  GError              *error;
};

struct _DcPhotoImporter
{
  GObject         parent_instance;

  DcStore        *store;
  gint64          session_id;
  DcPhotoView     view;
  DcPhotoPhase    phase;
  DcConsentScope  consent;
  gboolean        guess_views;
};

G_DEFINE_FINAL_TYPE (DcPhotoImporter, dc_photo_importer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION_ID,
  PROP_VIEW,
  PROP_PHASE,
  PROP_CONSENT,
  PROP_GUESS_VIEWS,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The order in which a batch is taken to follow the standard five-view
 * series: frontal, then the obliques (45°), then the laterals (90°), right
 * before left each time, the patient turning a little further for each
 * pair. A guess is only a default: every view stays editable. */
static const DcPhotoView five_view_series[] = {
  DC_PHOTO_VIEW_FRONTAL,
  DC_PHOTO_VIEW_OBLIQUE_RIGHT,
  DC_PHOTO_VIEW_OBLIQUE_LEFT,
  DC_PHOTO_VIEW_LATERAL_RIGHT,
  DC_PHOTO_VIEW_LATERAL_LEFT,
};

/* Result ------------------------------------------------------------------- */

static DcPhotoImportResult *
result_new (const char          *path,
            DcPhotoImportStatus  status)
{
  DcPhotoImportResult *self = g_atomic_rc_box_new0 (DcPhotoImportResult);

  self->path = g_strdup (path);
  self->status = status;
  return self;
}

static void
result_clear (gpointer data)
{
  DcPhotoImportResult *self = data;

  g_free (self->path);
  g_clear_object (&self->photo);
  g_clear_error (&self->error);
}

DcPhotoImportResult *
dc_photo_import_result_ref (DcPhotoImportResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
dc_photo_import_result_unref (DcPhotoImportResult *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, result_clear);
}

G_DEFINE_BOXED_TYPE (DcPhotoImportResult, dc_photo_import_result,
                     dc_photo_import_result_ref, dc_photo_import_result_unref)

/* The file as it was given. */
const char *
dc_photo_import_result_get_path (DcPhotoImportResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

DcPhotoImportStatus
dc_photo_import_result_get_status (DcPhotoImportResult *self)
{
  g_return_val_if_fail (self != NULL, DC_PHOTO_IMPORT_REFUSED);

  return self->status;
}

/**
 * dc_photo_import_result_get_photo:
 *
 * Returns: (transfer none) (nullable): the saved record when imported, the
 *   record the session already had when a duplicate, %NULL when refused.
 */
DcPhoto *
dc_photo_import_result_get_photo (DcPhotoImportResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->photo;
}

/**
 * dc_photo_import_result_get_error:
 *
 * Returns: (transfer none) (nullable): why the file was refused; the
 *   message names the file.
 */
const GError *
dc_photo_import_result_get_error (DcPhotoImportResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

/**
 * dc_photo_guess_view:
 * @index: the position of the file in the batch, from 0
 *
 * Returns: the view the @index-th photo of a standard five-view series
 *   shows; a longer batch starts the series again.
 */
DcPhotoView
dc_photo_guess_view (guint index)
{
  return five_view_series[index % G_N_ELEMENTS (five_view_series)];
}

/* Job ---------------------------------------------------------------------- */

typedef struct
{
  DcPhotoImporter *importer;
  DcStore         *store;
  char            *photo_dir;
  gint64           session_id;
  DcPhotoView      view;
  DcPhotoPhase     phase;
  DcConsentScope   consent;
  gboolean         guess_views;
  GStrv            paths;
  guint            n_paths;
  GPtrArray       *results;
  GMainContext    *context;  /* where progress goes; NULL: emit right away */
  GCancellable    *cancellable;

  /* The workers' shared state, under lock. */
  GMutex           lock;
  GCond            cond;
  guint            next;      /* the next file to take */
  gboolean         stop;      /* cancelled: take no more */
  char           **sha256;    /* each file's checksum once read; "" if it was not */
  gboolean        *finished;  /* each file's, once its result is known */
  GAsyncQueue     *outcomes;  /* Outcome: from the workers to the batch's thread */
} Job;

/* A file's result, or a worker's end (result NULL). */
typedef struct
{
  guint                index;
  DcPhotoImportResult *result;
} Outcome;

static Job *
job_new (DcPhotoImporter    *self,
         const char * const *paths)
{
  Job *job = g_new0 (Job, 1);

  job->importer = g_object_ref (self);
  job->store = g_object_ref (self->store);
  job->photo_dir = g_strdup (dc_store_get_photo_dir (self->store));
  job->session_id = self->session_id;
  job->view = self->view;
  job->phase = self->phase;
  job->consent = self->consent;
  job->guess_views = self->guess_views;
  job->paths = g_strdupv ((char **) paths);
  job->n_paths = g_strv_length (job->paths);
  job->results = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_photo_import_result_unref);
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->sha256 = g_new0 (char *, job->n_paths + 1);
  job->finished = g_new0 (gboolean, job->n_paths);
  job->outcomes = g_async_queue_new ();
  return job;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_object_unref (job->importer);
  g_object_unref (job->store);
  g_free (job->photo_dir);
  g_strfreev (job->paths);
  g_ptr_array_unref (job->results);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  for (guint i = 0; i < job->n_paths; i++)
    g_free (job->sha256[i]);
  g_free (job->sha256);
  g_free (job->finished);
  /* Empty: every outcome was taken before the batch ended. */
  g_async_queue_unref (job->outcomes);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

typedef struct
{
  DcPhotoImporter     *importer;
  guint                n_done;
  guint                n_total;
  DcPhotoImportResult *result;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->importer);
  dc_photo_import_result_unref (progress->result);
  g_free (progress);
}

static gboolean
emit_progress_cb (gpointer data)
{
  Progress *progress = data;

  g_signal_emit (progress->importer, signals[PROGRESS], 0, progress->n_done, progress->n_total,
                 progress->result);
  return G_SOURCE_REMOVE;
}

static void
report_progress (Job                 *job,
                 guint                n_done,
                 DcPhotoImportResult *result)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->importer = g_object_ref (job->importer);
  progress->n_done = n_done;
  progress->n_total = job->n_paths;
  progress->result = dc_photo_import_result_ref (result);

  if (job->context == NULL)
    {
      emit_progress_cb (progress);
      progress_free (progress);
    }
  else
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, emit_progress_cb, progress,
                                progress_free);
}

static DcPhoto *
find_in_session (DcStore     *store,
                 gint64       session_id,
                 const char  *sha256,
                 GError     **error)
{
  g_autoptr(GListModel) photos = dc_store_list (store, DC_TYPE_PHOTO, session_id, error);

  if (photos == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (photos); i++)
    {
      g_autoptr(DcPhoto) photo = g_list_model_get_item (photos, i);

      if (g_strcmp0 (dc_photo_get_sha256 (photo), sha256) == 0)
        return g_steal_pointer (&photo);
    }
  return NULL;
}

static gboolean
check_session (DcStore  *store,
               gint64    session_id,
               GError  **error)
{
  g_autoptr(DcSession) session = NULL;
  g_autoptr(GError) local_error = NULL;

  session = dc_store_load (store, DC_TYPE_SESSION, session_id, &local_error);
  if (session == NULL)
    {
      if (g_error_matches (local_error, DC_ERROR, DC_ERROR_NOT_FOUND))
        g_set_error (error, DC_ERROR, DC_ERROR_NOT_FOUND, _("The session no longer exists"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The store does not guard signed sessions itself (yet). */
  if (dc_session_get_status (session) == DC_SESSION_SIGNED)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_LOCKED,
                   _("The session is signed: photos can no longer be added to it"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  DcPhoto *photo;     /* to save */
  DcPhoto *existing;  /* out: the session already had it */
} SaveData;

static gboolean
save_func (DcStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  SaveData *save = data;
  gint64 session_id = dc_photo_get_session_id (save->photo);
  g_autoptr(GError) local_error = NULL;

  if (!check_session (store, session_id, error))
    return FALSE;

  /* Checked again in the transaction: another program may have imported
   * the same file meanwhile. */
  save->existing = find_in_session (store, session_id, dc_photo_get_sha256 (save->photo),
                                    &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (save->existing != NULL)
    return TRUE;

  return dc_store_save (store, DC_RECORD (save->photo), error);
}

static DcPhotoImportResult *
refused (const char *path,
         GError     *error)
{
  DcPhotoImportResult *result = result_new (path, DC_PHOTO_IMPORT_REFUSED);

  result->error = error;
  return result;
}

/* Notes the checksum of the @index-th file and, if an earlier file of the
 * batch has the same, waits until that one is done: then this one is
 * found to be its duplicate. Files are taken in order, and a worker only
 * ever waits for earlier files, so the earliest file waited for never
 * waits itself. */
static void
wait_for_earlier_copy (Job        *job,
                       guint       index,
                       const char *sha256)
{
  g_mutex_lock (&job->lock);
  job->sha256[index] = g_strdup (sha256);
  g_cond_broadcast (&job->cond);

  for (guint i = 0; i < index; i++)
    {
      while (job->sha256[i] == NULL)
        g_cond_wait (&job->cond, &job->lock);
      if (g_str_equal (job->sha256[i], sha256))
        while (!job->finished[i])
          g_cond_wait (&job->cond, &job->lock);
    }
  g_mutex_unlock (&job->lock);
}

static DcPhotoImportResult *
import_one (Job   *job,
            guint  index)
{
  const char *path = job->paths[index];
  GCancellable *cancellable = job->cancellable;
  g_autoptr(DcPhotoLibraryLock) lock = NULL;
  g_autoptr(DcPhotoSource) source = NULL;
  g_autoptr(DcImportedFile) imported = NULL;
  g_autoptr(DcPhoto) existing = NULL;
  g_autoptr(DcPhoto) photo = NULL;
  g_autoptr(GError) error = NULL;
  DcPhotoImportResult *result;
  SaveData save = { 0 };

  source = dc_photo_source_new_for_path (path, cancellable, &error);
  if (source == NULL)
    return refused (path, g_steal_pointer (&error));

  wait_for_earlier_copy (job, index, dc_photo_source_get_sha256 (source));

  /* A duplicate is found before anything is decoded or written. */
  existing = find_in_session (job->store, job->session_id, dc_photo_source_get_sha256 (source),
                              &error);
  if (error != NULL)
    {
      g_prefix_error (&error, "%s: ", dc_photo_source_get_file_name (source));
      return refused (path, g_steal_pointer (&error));
    }
  if (existing != NULL)
    {
      result = result_new (path, DC_PHOTO_IMPORT_DUPLICATE);
      result->photo = g_steal_pointer (&existing);
      return result;
    }

  /* The long part, side by side with the other workers. */
  if (!dc_photo_source_decode (source, cancellable, &error))
    return refused (path, g_steal_pointer (&error));

  lock = dc_photo_library_lock (job->photo_dir, &error);
  if (lock == NULL)
    {
      g_prefix_error (&error, "%s: ", dc_photo_source_get_file_name (source));
      return refused (path, g_steal_pointer (&error));
    }

  imported = dc_photo_source_import (source, job->photo_dir, cancellable, &error);
  if (imported == NULL)
    return refused (path, g_steal_pointer (&error));

  photo = dc_photo_new ();
  dc_photo_set_session_id (photo, job->session_id);
  dc_photo_set_sha256 (photo, imported->sha256);
  dc_photo_set_file_name (photo, imported->file_name);
  dc_photo_set_view (photo, job->guess_views ? dc_photo_guess_view (index) : job->view);
  dc_photo_set_phase (photo, job->phase);
  dc_photo_set_consent (photo, job->consent);
  dc_photo_set_taken_at (photo, imported->taken_at);
  dc_photo_set_width (photo, imported->width);
  dc_photo_set_height (photo, imported->height);

  /* The transaction looks for a duplicate again: another program may have
   * imported the same file meanwhile. */
  save.photo = photo;
  if (!dc_store_transaction (job->store, save_func, &save, NULL, &error))
    {
      g_clear_object (&save.existing);
      dc_imported_file_discard (imported);
      g_prefix_error (&error, "%s: ", imported->file_name);
      return refused (path, g_steal_pointer (&error));
    }
  if (save.existing != NULL)
    {
      result = result_new (path, DC_PHOTO_IMPORT_DUPLICATE);
      result->photo = save.existing;
      return result;
    }

  result = result_new (path, DC_PHOTO_IMPORT_IMPORTED);
  result->photo = g_steal_pointer (&photo);
  return result;
}

static gboolean
is_cancelled (DcPhotoImportResult *result)
{
  return result->status == DC_PHOTO_IMPORT_REFUSED
         && g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Takes the next file of the batch, unless there is none or the batch
 * was cancelled. */
static gboolean
take_file (Job   *job,
           guint *index)
{
  gboolean taken;

  g_mutex_lock (&job->lock);
  if (g_cancellable_is_cancelled (job->cancellable))
    job->stop = TRUE;
  taken = !job->stop && job->next < job->n_paths;
  if (taken)
    *index = job->next++;
  g_mutex_unlock (&job->lock);

  return taken;
}

static void
finish_file (Job                 *job,
             guint                index,
             DcPhotoImportResult *result)
{
  g_mutex_lock (&job->lock);
  /* Unread files have no checksum: later ones need not wait for them. */
  if (job->sha256[index] == NULL)
    job->sha256[index] = g_strdup ("");
  job->finished[index] = TRUE;
  if (is_cancelled (result))
    job->stop = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
}

/* The workers are background work beside the window: with one a core, at
 * the same priority, the window's thread waited up to 5 ms for a core each
 * time it woke, and a frame could take two frames' time. Ten steps lower,
 * it gets one at once, and the workers still have every core it does not
 * use; they lose out only to other busy programs. On Linux a thread's nice
 * value is its own (see setpriority(2)); elsewhere it would be the whole
 * program's, the window's too, so it is left alone there. */
static void
lower_priority (void)
{
#ifdef __linux__
  errno = 0;
  if (nice (10) == -1 && errno != 0)
    g_debug ("Could not lower the priority of an import worker: %s", g_strerror (errno));
#endif
}

static gpointer
import_worker (gpointer data)
{
  Job *job = data;
  Outcome *outcome;
  guint index;

  lower_priority ();

  while (take_file (job, &index))
    {
      DcPhotoImportResult *result = import_one (job, index);

      finish_file (job, index, result);
      outcome = g_new0 (Outcome, 1);
      outcome->index = index;
      outcome->result = result;
      g_async_queue_push (job->outcomes, outcome);
    }

  outcome = g_new0 (Outcome, 1);
  g_async_queue_push (job->outcomes, outcome);
  return NULL;
}

/* One worker a core, as decoding is what takes the time; no more than
 * four, as beyond that they would mostly queue for the disk and the
 * library lock. Decoding memory is shared out in dc-photo-import.c. */
static guint
count_workers (Job *job)
{
  return MIN (job->n_paths, CLAMP (g_get_num_processors (), 1, 4));
}

/* What the thread that runs a batch has received from its workers. */
typedef struct
{
  DcPhotoImportResult **by_index;    /* each file's result once taken */
  guint                 n_reported;  /* the files reported so far, in order */
  GError               *cancelled;
} Results;

/* Takes a finished file's result. Results are reported in the order of
 * the files, as the command line prints them: a file done early waits for
 * the files before it. A cancelled file ends the batch, and nothing after
 * it is reported. */
static void
take_outcome (Job                 *job,
              guint                index,
              DcPhotoImportResult *result,
              Results             *results)
{
  if (is_cancelled (result))
    {
      if (results->cancelled == NULL)
        results->cancelled = g_steal_pointer (&result->error);
      dc_photo_import_result_unref (result);
      return;
    }

  results->by_index[index] = result;
  while (results->n_reported < job->n_paths
         && results->by_index[results->n_reported] != NULL)
    {
      results->n_reported++;
      report_progress (job, results->n_reported,
                       results->by_index[results->n_reported - 1]);
    }
}

static gboolean
run_job (Job           *job,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new ();
  g_autofree DcPhotoImportResult **by_index = NULL;
  Results results = { 0 };
  guint n_workers;

  if (!check_session (job->store, job->session_id, error))
    return FALSE;

  job->cancellable = cancellable;
  by_index = g_new0 (DcPhotoImportResult *, job->n_paths);
  results.by_index = by_index;

  n_workers = count_workers (job);
  for (guint i = 0; n_workers > 1 && i < n_workers; i++)
    {
      g_autoptr(GError) thread_error = NULL;
      GThread *thread = g_thread_try_new ("dc-photo-import", import_worker, job, &thread_error);

      if (thread == NULL)
        {
          g_warning ("Importing photos one at a time: %s", thread_error->message);
          break;
        }
      g_ptr_array_add (workers, thread);
    }

  if (workers->len == 0)
    {
      guint index;

      /* One file, one core, or no threads to be had: this thread does the
       * work. */
      while (take_file (job, &index))
        {
          DcPhotoImportResult *result = import_one (job, index);

          finish_file (job, index, result);
          take_outcome (job, index, result, &results);
        }
    }
  else
    {
      guint n_ended = 0;

      while (n_ended < workers->len)
        {
          g_autofree Outcome *outcome = g_async_queue_pop (job->outcomes);

          if (outcome->result == NULL)
            n_ended++;
          else
            take_outcome (job, outcome->index, outcome->result, &results);
        }
      for (guint i = 0; i < workers->len; i++)
        g_thread_join (g_ptr_array_index (workers, i));
    }

  /* Photos already imported stay; the caller reloads the session. */
  if (results.cancelled == NULL && job->next < job->n_paths)
    g_cancellable_set_error_if_cancelled (cancellable, &results.cancelled);
  if (results.cancelled != NULL)
    {
      for (guint i = 0; i < job->n_paths; i++)
        g_clear_pointer (&by_index[i], dc_photo_import_result_unref);
      g_propagate_error (error, results.cancelled);
      return FALSE;
    }

  for (guint i = 0; i < job->n_paths; i++)
    g_ptr_array_add (job->results, by_index[i]);
  return TRUE;
}

/* DcPhotoImporter ---------------------------------------------------------- */

static void
dc_photo_importer_dispose (GObject *object)
{
  DcPhotoImporter *self = DC_PHOTO_IMPORTER (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_photo_importer_parent_class)->dispose (object);
}

static void
dc_photo_importer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DcPhotoImporter *self = DC_PHOTO_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SESSION_ID:
      g_value_set_int64 (value, self->session_id);
      break;

    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;

    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;

    case PROP_CONSENT:
      g_value_set_flags (value, self->consent);
      break;

    case PROP_GUESS_VIEWS:
      g_value_set_boolean (value, self->guess_views);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_photo_importer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DcPhotoImporter *self = DC_PHOTO_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SESSION_ID:
      self->session_id = g_value_get_int64 (value);
      break;

    case PROP_VIEW:
      dc_photo_importer_set_view (self, g_value_get_enum (value));
      break;

    case PROP_PHASE:
      dc_photo_importer_set_phase (self, g_value_get_enum (value));
      break;

    case PROP_CONSENT:
      dc_photo_importer_set_consent (self, g_value_get_flags (value));
      break;

    case PROP_GUESS_VIEWS:
      dc_photo_importer_set_guess_views (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_photo_importer_class_init (DcPhotoImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dc_photo_importer_dispose;
  object_class->get_property = dc_photo_importer_get_property;
  object_class->set_property = dc_photo_importer_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DcPhotoImporter:view:
   *
   * The view of the imported photos, unless :guess-views is set.
   */
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL,
                       DC_TYPE_PHOTO_VIEW, DC_PHOTO_VIEW_FRONTAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL,
                       DC_TYPE_PHOTO_PHASE, DC_PHOTO_PHASE_BEFORE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcPhotoImporter:consent:
   *
   * The consent scope of the imported photos: the patient's, as a rule.
   */
  properties[PROP_CONSENT] =
    g_param_spec_flags ("consent", NULL, NULL,
                        DC_TYPE_CONSENT_SCOPE, DC_CONSENT_NONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcPhotoImporter:guess-views:
   *
   * Whether the n-th file given is taken to show the n-th view of the
   * standard five-view series (see dc_photo_guess_view()).
   */
  properties[PROP_GUESS_VIEWS] =
    g_param_spec_boolean ("guess-views", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DcPhotoImporter::progress:
   * @n_done: how many files are done
   * @n_total: how many files the batch has
   * @result: what became of the file just done
   *
   * Emitted after each file, on the main context that started the import.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_UINT, G_TYPE_UINT,
                  DC_TYPE_PHOTO_IMPORT_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dc_photo_importer_init (DcPhotoImporter *self)
{
  self->view = DC_PHOTO_VIEW_FRONTAL;
  self->phase = DC_PHOTO_PHASE_BEFORE;
}

DcPhotoImporter *
dc_photo_importer_new (DcStore *store,
                       gint64   session_id)
{
  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (session_id > 0, NULL);

  return g_object_new (DC_TYPE_PHOTO_IMPORTER,
                       "store", store,
                       "session-id", session_id,
                       NULL);
}

DcStore *
dc_photo_importer_get_store (DcPhotoImporter *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_IMPORTER (self), NULL);

  return self->store;
}

gint64
dc_photo_importer_get_session_id (DcPhotoImporter *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_IMPORTER (self), 0);

  return self->session_id;
}

DcPhotoView
dc_photo_importer_get_view (DcPhotoImporter *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_IMPORTER (self), DC_PHOTO_VIEW_FRONTAL);

  return self->view;
}

void
dc_photo_importer_set_view (DcPhotoImporter *self,
                            DcPhotoView      view)
{
  g_return_if_fail (DC_IS_PHOTO_IMPORTER (self));

  if (self->view == view)
    return;
  self->view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

DcPhotoPhase
dc_photo_importer_get_phase (DcPhotoImporter *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_IMPORTER (self), DC_PHOTO_PHASE_BEFORE);

  return self->phase;
}

void
dc_photo_importer_set_phase (DcPhotoImporter *self,
                             DcPhotoPhase     phase)
{
  g_return_if_fail (DC_IS_PHOTO_IMPORTER (self));

  if (self->phase == phase)
    return;
  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

DcConsentScope
dc_photo_importer_get_consent (DcPhotoImporter *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_IMPORTER (self), DC_CONSENT_NONE);

  return self->consent;
}

void
dc_photo_importer_set_consent (DcPhotoImporter *self,
                               DcConsentScope   consent)
{
  g_return_if_fail (DC_IS_PHOTO_IMPORTER (self));

  if (self->consent == consent)
    return;
  self->consent = consent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT]);
}

gboolean
dc_photo_importer_get_guess_views (DcPhotoImporter *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_IMPORTER (self), FALSE);

  return self->guess_views;
}

void
dc_photo_importer_set_guess_views (DcPhotoImporter *self,
                                   gboolean         guess_views)
{
  g_return_if_fail (DC_IS_PHOTO_IMPORTER (self));

  guess_views = !!guess_views;
  if (self->guess_views == guess_views)
    return;
  self->guess_views = guess_views;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUESS_VIEWS]);
}

/**
 * dc_photo_importer_import:
 * @paths: the files, in the GLib file name encoding
 *
 * Imports @paths with worker threads while the calling thread waits,
 * emitting ::progress there after each file, in order. For the command line
 * and workers — but not inside a store transaction or a DcStoreFunc: it
 * takes the library lock before the store's. The UI uses
 * dc_photo_importer_import_async().
 *
 * Returns: (transfer container) (element-type DcPhotoImportResult): one
 *   result per path, in order; %NULL with @error if the session cannot take
 *   photos (gone, or signed) or the import was cancelled.
 */
GPtrArray *
dc_photo_importer_import (DcPhotoImporter     *self,
                          const char * const  *paths,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (DC_IS_PHOTO_IMPORTER (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  job = job_new (self, paths);
  if (!run_job (job, cancellable, error))
    return NULL;
  return g_ptr_array_ref (job->results);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (run_job (job, cancellable, &error))
    g_task_return_pointer (task, g_ptr_array_ref (job->results),
                           (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * dc_photo_importer_import_async:
 *
 * Imports @paths in worker threads. ::progress is emitted after each file
 * on the thread-default main context of the caller, and always before
 * @callback runs. On cancellation the photos imported so far stay.
 */
void
dc_photo_importer_import_async (DcPhotoImporter     *self,
                                const char * const  *paths,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (DC_IS_PHOTO_IMPORTER (self));
  g_return_if_fail (paths != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dc_photo_importer_import_async);

  job = job_new (self, paths);
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * dc_photo_importer_import_finish:
 *
 * Returns: (transfer container) (element-type DcPhotoImportResult): as
 *   dc_photo_importer_import().
 */
GPtrArray *
dc_photo_importer_import_finish (DcPhotoImporter  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (DC_IS_PHOTO_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == dc_photo_importer_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
