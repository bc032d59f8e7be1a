/* dc-patient-slots.c: search results as the patient list shows them, one
 * lasting item per place in the list.
 *
 * GTK 4.8's list view keeps up to 200 rows alive, and when the items of
 * its model are replaced it destroys those rows and builds new ones: with
 * a new model at each keystroke, that took 55–145 ms a search in a clinic
 * of 10 000 patients. Here the item at a place stays the same object from
 * one search to the next and only the patient it holds changes, so the
 * rows are kept and only rebound; the list grows or shrinks at its end.
 *
 * Only the slots a row (or the selection) holds are kept alive, so a new
 * search reads only the patients of the rows that show them. */

#include "config.h"

#include "dc-patient-slots.h"

struct _DcPatientSlot
{
  GObject         parent_instance;

  DcPatientSlots *owner;     /* not owned; NULL once no longer in the list */
  guint           position;
  DcPatient      *patient;
};

G_DEFINE_FINAL_TYPE (DcPatientSlot, dc_patient_slot, G_TYPE_OBJECT)

enum {
  SLOT_PROP_0,
  SLOT_PROP_PATIENT,
  N_SLOT_PROPS
};

static GParamSpec *slot_properties[N_SLOT_PROPS];

struct _DcPatientSlots
{
  GObject           parent_instance;

  DcPatientResults *results;
  guint             n_items;
  GHashTable       *alive;   /* position → DcPatientSlot, not owned */
};

static void dc_patient_slots_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DcPatientSlots, dc_patient_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dc_patient_slots_list_model_init))

enum {
  PROP_0,
  PROP_RESULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* DcPatientSlot ----------------------------------------------------------- */

static void
dc_patient_slot_finalize (GObject *object)
{
  DcPatientSlot *self = DC_PATIENT_SLOT (object);

  if (self->owner != NULL)
    g_hash_table_remove (self->owner->alive, GUINT_TO_POINTER (self->position));
  g_clear_object (&self->patient);

  G_OBJECT_CLASS (dc_patient_slot_parent_class)->finalize (object);
}

static void
dc_patient_slot_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DcPatientSlot *self = DC_PATIENT_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_patient_slot_class_init (DcPatientSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dc_patient_slot_finalize;
  object_class->get_property = dc_patient_slot_get_property;

  /**
   * DcPatientSlot:patient:
   *
   * The patient at this place in the list, for the latest search.
   */
  slot_properties[SLOT_PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL,
                         DC_TYPE_PATIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_SLOT_PROPS, slot_properties);
}

static void
dc_patient_slot_init (DcPatientSlot *self)
{
}

static void
dc_patient_slot_take_patient (DcPatientSlot *self,
                              DcPatient     *patient)
{
  if (self->patient == patient)
    {
      g_clear_object (&patient);
      return;
    }

  g_clear_object (&self->patient);
  self->patient = patient;
  g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_PATIENT]);
}

DcPatient *
dc_patient_slot_get_patient (DcPatientSlot *self)
{
  g_return_val_if_fail (DC_IS_PATIENT_SLOT (self), NULL);

  return self->patient;
}

/* DcPatientSlots ---------------------------------------------------------- */

static GType
dc_patient_slots_get_item_type (GListModel *model)
{
  return DC_TYPE_PATIENT_SLOT;
}

static guint
dc_patient_slots_get_n_items (GListModel *model)
{
  return DC_PATIENT_SLOTS (model)->n_items;
}

static gpointer
dc_patient_slots_get_item (GListModel *model,
                           guint       position)
{
  DcPatientSlots *self = DC_PATIENT_SLOTS (model);
  DcPatientSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  slot = g_object_new (DC_TYPE_PATIENT_SLOT, NULL);
  slot->owner = self;
  slot->position = position;
  slot->patient = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  g_hash_table_insert (self->alive, GUINT_TO_POINTER (position), slot);

  return slot;
}

static void
dc_patient_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dc_patient_slots_get_item_type;
  iface->get_n_items = dc_patient_slots_get_n_items;
  iface->get_item = dc_patient_slots_get_item;
}

/* Lets go of the slots at @from and after: they are no longer in the list. */
static void
release_slots (DcPatientSlots *self,
               guint           from)
{
  GHashTableIter iter;
  DcPatientSlot *slot;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &slot))
    if (slot->position >= from)
      {
        slot->owner = NULL;
        g_hash_table_iter_remove (&iter);
      }
}

/* The results changed in place: dc_patient_results_replace() put the
 * patient being edited where the same record was. */
static void
results_items_changed_cb (DcPatientSlots *self,
                          guint           position,
                          guint           removed,
                          guint           added)
{
  g_return_if_fail (removed == added);

  for (guint i = position; i < position + added; i++)
    {
      DcPatientSlot *slot = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (i));

      if (slot != NULL)
        dc_patient_slot_take_patient (slot, g_list_model_get_item (G_LIST_MODEL (self->results),
                                                                   i));
    }
}

static void
dc_patient_slots_dispose (GObject *object)
{
  DcPatientSlots *self = DC_PATIENT_SLOTS (object);

  release_slots (self, 0);
  if (self->results != NULL)
    g_signal_handlers_disconnect_by_func (self->results, results_items_changed_cb, self);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (dc_patient_slots_parent_class)->dispose (object);
}

static void
dc_patient_slots_finalize (GObject *object)
{
  DcPatientSlots *self = DC_PATIENT_SLOTS (object);

  g_hash_table_unref (self->alive);

  G_OBJECT_CLASS (dc_patient_slots_parent_class)->finalize (object);
}

static void
dc_patient_slots_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DcPatientSlots *self = DC_PATIENT_SLOTS (object);

  switch (prop_id)
    {
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_patient_slots_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DcPatientSlots *self = DC_PATIENT_SLOTS (object);

  switch (prop_id)
    {
    case PROP_RESULTS:
      dc_patient_slots_set_results (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_patient_slots_class_init (DcPatientSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dc_patient_slots_dispose;
  object_class->finalize = dc_patient_slots_finalize;
  object_class->get_property = dc_patient_slots_get_property;
  object_class->set_property = dc_patient_slots_set_property;

  /**
   * DcPatientSlots:results:
   *
   * The search results shown, or %NULL for none.
   */
  properties[PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL,
                         DC_TYPE_PATIENT_RESULTS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dc_patient_slots_init (DcPatientSlots *self)
{
  self->alive = g_hash_table_new (NULL, NULL);
}

DcPatientSlots *
dc_patient_slots_new (void)
{
  return g_object_new (DC_TYPE_PATIENT_SLOTS, NULL);
}

DcPatientResults *
dc_patient_slots_get_results (DcPatientSlots *self)
{
  g_return_val_if_fail (DC_IS_PATIENT_SLOTS (self), NULL);

  return self->results;
}

/**
 * dc_patient_slots_set_results:
 * @results: (nullable): the latest search's results
 *
 * Shows @results: the slots the list holds now hold the patients at their
 * places in @results, and the list ends where @results end.
 */
void
dc_patient_slots_set_results (DcPatientSlots   *self,
                              DcPatientResults *results)
{
  guint n_before;
  guint n_kept;
  GHashTableIter iter;
  DcPatientSlot *slot;

  g_return_if_fail (DC_IS_PATIENT_SLOTS (self));
  g_return_if_fail (results == NULL || DC_IS_PATIENT_RESULTS (results));

  if (self->results == results)
    return;

  if (self->results != NULL)
    g_signal_handlers_disconnect_by_func (self->results, results_items_changed_cb, self);
  g_set_object (&self->results, results);
  if (results != NULL)
    g_signal_connect_object (results, "items-changed", G_CALLBACK (results_items_changed_cb),
                             self, G_CONNECT_SWAPPED);

  n_before = self->n_items;
  self->n_items = results != NULL ? g_list_model_get_n_items (G_LIST_MODEL (results)) : 0;
  n_kept = MIN (n_before, self->n_items);

  /* The places past the new end are removed below, their rows with them. */
  release_slots (self, n_kept);
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &slot))
    dc_patient_slot_take_patient (slot, g_list_model_get_item (G_LIST_MODEL (results),
                                                               slot->position));

  if (n_before != self->n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), n_kept, n_before - n_kept,
                                self->n_items - n_kept);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS]);
}
