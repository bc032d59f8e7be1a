/* dc-patient-results.c: the patients a search found, read as they are
 * shown.
 *
 * A search keeps only the ids it found, in order. A patient is read when
 * the list first asks for it, together with the rest of its page of
 * DC_STORE_PATIENT_PAGE, and then kept: a list view asks for the rows it
 * shows, so scrolling through 10 000 patients reads them a page at a time
 * and a search typed letter by letter never reads more than its first page.
 *
 * Should a page fail to read (the disk failed since the search), the list
 * gets an empty patient in each place, "load-failed" is emitted once, and
 * dc_patient_results_is_read() tells such places apart: they are never
 * records to show or edit. */

#include "config.h"

#include "dc-patient-results.h"

#include "dc-store-private.h"

struct _DcPatientResults
{
  GObject     parent_instance;

  DcStore    *store;
  GArray     *ids;       /* gint64, in the search's order */
  DcPatient **patients;  /* as many as ids; NULL until read */
  gboolean    failed;
};

static void dc_patient_results_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DcPatientResults, dc_patient_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dc_patient_results_list_model_init))

enum {
  LOAD_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
dc_patient_results_get_item_type (GListModel *model)
{
  return DC_TYPE_PATIENT;
}

static guint
dc_patient_results_get_n_items (GListModel *model)
{
  return DC_PATIENT_RESULTS (model)->ids->len;
}

static gpointer
dc_patient_results_get_item (GListModel *model,
                             guint       position)
{
  DcPatientResults *self = DC_PATIENT_RESULTS (model);
  g_autoptr(GError) error = NULL;
  DcPatient *placeholder;

  if (position >= self->ids->len)
    return NULL;

  if (self->patients[position] != NULL
      || _dc_patient_results_load (self, position, &error))
    return g_object_ref (self->patients[position]);

  if (!self->failed)
    {
      self->failed = TRUE;
      g_debug ("Could not read the patients found: %s", error->message);
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
    }

  /* Not kept: the next request tries to read the page again. */
  placeholder = dc_patient_new ();
  dc_record_set_id (DC_RECORD (placeholder), g_array_index (self->ids, gint64, position));
  return placeholder;
}

static void
dc_patient_results_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dc_patient_results_get_item_type;
  iface->get_n_items = dc_patient_results_get_n_items;
  iface->get_item = dc_patient_results_get_item;
}

static void
dc_patient_results_finalize (GObject *object)
{
  DcPatientResults *self = DC_PATIENT_RESULTS (object);

  for (guint i = 0; i < self->ids->len; i++)
    g_clear_object (&self->patients[i]);
  g_free (self->patients);
  g_array_unref (self->ids);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_patient_results_parent_class)->finalize (object);
}

static void
dc_patient_results_class_init (DcPatientResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dc_patient_results_finalize;

  /**
   * DcPatientResults::load-failed:
   * @error: why
   *
   * Emitted the first time patients could not be read. The places they
   * take in the list hold empty patients.
   */
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
dc_patient_results_init (DcPatientResults *self)
{
}

/* Takes @ids, the ids found, in order. */
DcPatientResults *
_dc_patient_results_new (DcStore *store,
                         GArray  *ids)
{
  DcPatientResults *self;

  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL && g_array_get_element_size (ids) == sizeof (gint64), NULL);

  self = g_object_new (DC_TYPE_PATIENT_RESULTS, NULL);
  self->store = g_object_ref (store);
  self->ids = g_array_ref (ids);
  self->patients = g_new0 (DcPatient *, MAX (ids->len, 1));

  return self;
}

/* Reads the page holding @position, except the patients already read. */
gboolean
_dc_patient_results_load (DcPatientResults  *self,
                          guint              position,
                          GError           **error)
{
  guint start = position - position % DC_STORE_PATIENT_PAGE;
  guint end = MIN (start + DC_STORE_PATIENT_PAGE, self->ids->len);
  gint64 ids[DC_STORE_PATIENT_PAGE];
  DcPatient *patients[DC_STORE_PATIENT_PAGE] = { NULL };
  guint places[DC_STORE_PATIENT_PAGE];
  guint n_ids = 0;

  g_return_val_if_fail (DC_IS_PATIENT_RESULTS (self), FALSE);

  for (guint i = start; i < end; i++)
    if (self->patients[i] == NULL)
      {
        ids[n_ids] = g_array_index (self->ids, gint64, i);
        places[n_ids++] = i;
      }

  if (n_ids == 0)
    return TRUE;

  if (!_dc_store_load_patients (self->store, ids, n_ids, patients, error))
    {
      for (guint i = 0; i < n_ids; i++)
        g_clear_object (&patients[i]);
      return FALSE;
    }

  for (guint i = 0; i < n_ids; i++)
    self->patients[places[i]] = patients[i];

  return TRUE;
}

/**
 * dc_patient_results_find:
 * @id: a patient's id
 *
 * Returns: where the patient is in the list, or %G_MAXUINT when the search
 *   did not find it. Reads nothing.
 */
guint
dc_patient_results_find (DcPatientResults *self,
                         gint64            id)
{
  g_return_val_if_fail (DC_IS_PATIENT_RESULTS (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}

/**
 * dc_patient_results_is_read:
 *
 * Returns: whether the item at @position is the patient as read from the
 *   store (or given to dc_patient_results_replace()), rather than an empty
 *   stand-in for one that could not be read.
 */
gboolean
dc_patient_results_is_read (DcPatientResults *self,
                            guint             position)
{
  g_return_val_if_fail (DC_IS_PATIENT_RESULTS (self), FALSE);

  return position < self->ids->len && self->patients[position] != NULL;
}

/**
 * dc_patient_results_replace:
 * @patient: a patient being edited
 *
 * Makes the list hold @patient itself where it holds the same record, so
 * that changes made to @patient show in the list as they are made.
 *
 * Returns: whether the search found @patient.
 */
gboolean
dc_patient_results_replace (DcPatientResults *self,
                            DcPatient        *patient)
{
  guint position;

  g_return_val_if_fail (DC_IS_PATIENT_RESULTS (self), FALSE);
  g_return_val_if_fail (DC_IS_PATIENT (patient), FALSE);

  position = dc_patient_results_find (self, dc_record_get_id (DC_RECORD (patient)));
  if (position == G_MAXUINT)
    return FALSE;

  if (self->patients[position] == patient)
    return TRUE;

  g_set_object (&self->patients[position], patient);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
  return TRUE;
}
