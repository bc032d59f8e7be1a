/* dc-session-facts.c: everything a report says about a session, read from
 * the store in one go.
 *
 * Reports are rendered in a worker thread, from these facts only: the
 * store is read once, with its blocking API, and the pages are then drawn
 * as often as the preview, the printer and the PDF writer need. */

#include "config.h"

#include "dc-session-facts.h"

#include <glib/gi18n-lib.h>

#include "dc-error.h"
#include "dc-zone-catalogue.h"

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

static void
insert_record (GHashTable *table,
               gpointer    record)
{
  gint64 id = dc_record_get_id (DC_RECORD (record));

  g_hash_table_replace (table, g_memdup2 (&id, sizeof id), g_object_ref (record));
}

static GPtrArray *
list_records (DcStore  *store,
              GType     type,
              gint64    parent_id,
              GError  **error)
{
  g_autoptr(GListModel) list = dc_store_list (store, type, parent_id, error);
  GPtrArray *array;

  if (list == NULL)
    return NULL;

  array = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (array, g_list_model_get_item (list, i));
  return array;
}

/* Loads a lot and its product into the facts, once. */
static gboolean
add_lot (DcSessionFacts  *facts,
         DcStore         *store,
         gint64           lot_id,
         GError         **error)
{
  g_autoptr(DcLot) lot = NULL;
  gint64 product_id;

  if (lot_id == 0 || g_hash_table_contains (facts->lots, &lot_id))
    return TRUE;

  lot = dc_store_load (store, DC_TYPE_LOT, lot_id, error);
  if (lot == NULL)
    return FALSE;
  insert_record (facts->lots, lot);

  product_id = dc_lot_get_product_id (lot);
  if (!g_hash_table_contains (facts->products, &product_id))
    {
      g_autoptr(DcProduct) product = dc_store_load (store, DC_TYPE_PRODUCT, product_id, error);

      if (product == NULL)
        return FALSE;
      insert_record (facts->products, product);
    }

  return TRUE;
}

static DcPractitioner *
load_practitioner (DcStore  *store,
                   gint64    id,
                   GError  **error)
{
  if (id == 0)
    return NULL;

  return dc_store_load (store, DC_TYPE_PRACTITIONER, id, error);
}

/* The catalogue's order: top of the face down, the patient's right first. */
static int
compare_zones (gconstpointer a,
               gconstpointer b)
{
  const char *const *ids = dc_zone_catalogue_get_zone_ids (dc_zone_catalogue_get_default ());
  const char *za = dc_zone_treatment_get_zone (*(DcZoneTreatment **) a);
  const char *zb = dc_zone_treatment_get_zone (*(DcZoneTreatment **) b);
  int ia = G_MAXINT, ib = G_MAXINT;

  for (int i = 0; ids[i] != NULL; i++)
    {
      if (g_strcmp0 (ids[i], za) == 0)
        ia = i;
      if (g_strcmp0 (ids[i], zb) == 0)
        ib = i;
    }

  return ia < ib ? -1 : ia > ib;
}

/**
 * dc_session_facts_load:
 *
 * Reads @session's zones, devices, products and lots, photos and side
 * effects, and who treated and signed. Blocking: call it from a worker.
 *
 * Returns: (transfer full) (nullable): the facts, or %NULL with @error set
 */
DcSessionFacts *
dc_session_facts_load (DcStore    *store,
                       DcSession  *session,
                       GError    **error)
{
  g_autoptr(DcSessionFacts) facts = g_new0 (DcSessionFacts, 1);
  gint64 id;

  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (DC_IS_SESSION (session), NULL);

  id = dc_record_get_id (DC_RECORD (session));
  facts->session = g_object_ref (session);
  facts->devices = new_id_table ();
  facts->lots = new_id_table ();
  facts->products = new_id_table ();

  facts->practitioner = load_practitioner (store, dc_session_get_practitioner_id (session),
                                           error);
  if (facts->practitioner == NULL && dc_session_get_practitioner_id (session) != 0)
    return NULL;
  facts->signer = load_practitioner (store, dc_session_get_signed_by (session), error);
  if (facts->signer == NULL && dc_session_get_signed_by (session) != 0)
    return NULL;

  facts->zones = list_records (store, DC_TYPE_ZONE_TREATMENT, id, error);
  facts->product_uses = facts->zones != NULL
                        ? list_records (store, DC_TYPE_PRODUCT_USE, id, error) : NULL;
  facts->photos = facts->product_uses != NULL
                  ? list_records (store, DC_TYPE_PHOTO, id, error) : NULL;
  facts->side_effects = facts->photos != NULL
                        ? list_records (store, DC_TYPE_SIDE_EFFECT, id, error) : NULL;
  facts->safety_acks = facts->side_effects != NULL
                       ? list_records (store, DC_TYPE_SAFETY_ACK, id, error) : NULL;
  facts->addenda = facts->safety_acks != NULL
                   ? list_records (store, DC_TYPE_ADDENDUM, id, error) : NULL;
  if (facts->addenda == NULL)
    return NULL;

  facts->people = new_id_table ();
  for (guint i = 0; i < facts->safety_acks->len + facts->addenda->len; i++)
    {
      guint n_acks = facts->safety_acks->len;
      gint64 person = i < n_acks
                      ? dc_safety_ack_get_acknowledged_by (g_ptr_array_index (facts->safety_acks, i))
                      : dc_addendum_get_author_id (g_ptr_array_index (facts->addenda, i - n_acks));

      if (person != 0 && !g_hash_table_contains (facts->people, &person))
        {
          g_autoptr(DcPractitioner) practitioner = load_practitioner (store, person, error);

          if (practitioner == NULL)
            return NULL;
          insert_record (facts->people, practitioner);
        }
    }

  g_ptr_array_sort (facts->zones, compare_zones);
  for (guint i = 0; i < facts->zones->len; i++)
    {
      DcZoneTreatment *zone = g_ptr_array_index (facts->zones, i);
      gint64 device_id = dc_zone_treatment_get_device_id (zone);

      if (!add_lot (facts, store, dc_zone_treatment_get_cartridge_lot_id (zone), error))
        return NULL;
      if (device_id != 0 && !g_hash_table_contains (facts->devices, &device_id))
        {
          g_autoptr(DcDevice) device = dc_store_load (store, DC_TYPE_DEVICE, device_id, error);

          if (device == NULL)
            return NULL;
          insert_record (facts->devices, device);
          facts->families |= 1u << dc_device_get_kind (device);
        }
    }

  for (guint i = 0; i < facts->product_uses->len; i++)
    if (!add_lot (facts, store,
                  dc_product_use_get_lot_id (g_ptr_array_index (facts->product_uses, i)),
                  error))
      return NULL;
  if (!add_lot (facts, store, dc_session_get_anaesthetic_lot_id (session), error))
    return NULL;

  return g_steal_pointer (&facts);
}

void
dc_session_facts_free (DcSessionFacts *facts)
{
  if (facts == NULL)
    return;

  g_clear_object (&facts->session);
  g_clear_object (&facts->practitioner);
  g_clear_object (&facts->signer);
  g_clear_pointer (&facts->zones, g_ptr_array_unref);
  g_clear_pointer (&facts->devices, g_hash_table_unref);
  g_clear_pointer (&facts->product_uses, g_ptr_array_unref);
  g_clear_pointer (&facts->lots, g_hash_table_unref);
  g_clear_pointer (&facts->products, g_hash_table_unref);
  g_clear_pointer (&facts->photos, g_ptr_array_unref);
  g_clear_pointer (&facts->side_effects, g_ptr_array_unref);
  g_clear_pointer (&facts->safety_acks, g_ptr_array_unref);
  g_clear_pointer (&facts->addenda, g_ptr_array_unref);
  g_clear_pointer (&facts->people, g_hash_table_unref);
  g_free (facts);
}

/* Returns: (transfer none) (nullable) */
DcLot *
dc_session_facts_lot (DcSessionFacts *facts,
                      gint64          lot_id)
{
  g_return_val_if_fail (facts != NULL, NULL);

  return g_hash_table_lookup (facts->lots, &lot_id);
}

/* Returns: (transfer none) (nullable): the product of lot @lot_id */
DcProduct *
dc_session_facts_product_of (DcSessionFacts *facts,
                             gint64          lot_id)
{
  DcLot *lot = dc_session_facts_lot (facts, lot_id);
  gint64 product_id;

  if (lot == NULL)
    return NULL;

  product_id = dc_lot_get_product_id (lot);
  return g_hash_table_lookup (facts->products, &product_id);
}

/* Returns: (transfer none) (nullable) */
DcDevice *
dc_session_facts_device (DcSessionFacts *facts,
                         gint64          device_id)
{
  g_return_val_if_fail (facts != NULL, NULL);

  return g_hash_table_lookup (facts->devices, &device_id);
}

/**
 * dc_patient_facts_load:
 * @only_session_id: a session to read alone (a session report), or 0 for
 *   every session (a timeline)
 *
 * Returns: (transfer full) (nullable): the facts, or %NULL with @error set
 */
DcPatientFacts *
dc_patient_facts_load (DcStore  *store,
                       gint64    patient_id,
                       gint64    only_session_id,
                       GError  **error)
{
  g_autoptr(DcPatientFacts) facts = g_new0 (DcPatientFacts, 1);
  g_autoptr(GPtrArray) sessions = NULL;

  g_return_val_if_fail (DC_IS_STORE (store), NULL);

  facts->patient = dc_store_load (store, DC_TYPE_PATIENT, patient_id, error);
  if (facts->patient == NULL)
    return NULL;
  facts->clinic = dc_store_load_clinic (store, error);
  if (facts->clinic == NULL)
    return NULL;
  facts->guidance = dc_store_list (store, DC_TYPE_DEPTH_GUIDANCE, 0, error);
  if (facts->guidance == NULL)
    return NULL;

  sessions = list_records (store, DC_TYPE_SESSION, patient_id, error);
  if (sessions == NULL)
    return NULL;

  facts->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_session_facts_free);
  /* The store lists the newest first; reports read forwards in time. */
  for (guint i = sessions->len; i-- > 0;)
    {
      DcSession *session = g_ptr_array_index (sessions, i);
      DcSessionFacts *session_facts;

      if (only_session_id != 0 && dc_record_get_id (DC_RECORD (session)) != only_session_id)
        continue;

      session_facts = dc_session_facts_load (store, session, error);
      if (session_facts == NULL)
        return NULL;
      g_ptr_array_add (facts->sessions, session_facts);
    }

  if (only_session_id != 0 && facts->sessions->len == 0)
    {
      g_set_error_literal (error, DC_ERROR, DC_ERROR_NOT_FOUND,
                           _("The session is not one of this patient’s"));
      return NULL;
    }

  return g_steal_pointer (&facts);
}

void
dc_patient_facts_free (DcPatientFacts *facts)
{
  if (facts == NULL)
    return;

  g_clear_object (&facts->clinic);
  g_clear_object (&facts->patient);
  g_clear_object (&facts->guidance);
  g_clear_pointer (&facts->sessions, g_ptr_array_unref);
  g_free (facts);
}

/* Returns: (transfer none) (nullable): the name of the practitioner who
 * acknowledged a warning or wrote an addendum of the session */
const char *
dc_session_facts_person_name (DcSessionFacts *facts,
                              gint64          practitioner_id)
{
  DcPractitioner *practitioner = g_hash_table_lookup (facts->people, &practitioner_id);

  return practitioner != NULL ? dc_practitioner_get_name (practitioner) : NULL;
}
