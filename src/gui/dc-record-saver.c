/* dc-record-saver.c: saves the records a page edits, shortly after the last
 * change, so that no edit waits for a "Save" button.
 *
 * A record saved for the first time has at most one save in flight: it gets
 * its row id only when that save finishes, and a second save queued before
 * then would insert a second row. Changes made meanwhile are saved when the
 * first save is done. The store runs saves in order, so once the row exists
 * later saves may overlap.
 *
 * A record the page lets go of is not forgotten while something about it is
 * unfinished: a save in flight, a change waiting for that save, a change
 * that failed, a deletion waiting for the row id. Such records are kept
 * "detached" and still count for :busy and :error, so that whoever waits
 * for the saver (the window, before it closes) sees them. */

#include "config.h"

#include "dc-record-saver.h"

#include "dc-model.h"
#include "dc-store.h"

#define SAVE_DELAY_MS 500

struct _DcRecordSaver
{
  GObject     parent_instance;

  DcStore    *store;
  GHashTable *entries;    /* DcRecord → Entry, records being edited */
  GHashTable *detached;   /* DcRecord → Entry, records let go of, not settled */
  guint       timeout_id;
  gboolean    busy;
  GError     *error;      /* why the last attempt to save something failed */
};

typedef struct
{
  DcRecord *record;
  gulong    notify_id;       /* 0 once detached */
  gboolean  dirty;
  guint     n_in_flight;     /* saves and deletions the store has not answered */
  gboolean  delete_when_saved;
  GError   *error;
} Entry;

G_DEFINE_FINAL_TYPE (DcRecordSaver, dc_record_saver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_ERROR,
  N_PROPS
};

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void save_dirty (DcRecordSaver *self);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_signal_handler (&entry->notify_id, entry->record);
  g_clear_object (&entry->record);
  g_clear_error (&entry->error);
  g_free (entry);
}

static Entry *
lookup_entry (DcRecordSaver *self,
              DcRecord      *record)
{
  Entry *entry = g_hash_table_lookup (self->entries, record);

  if (entry == NULL)
    entry = g_hash_table_lookup (self->detached, record);
  return entry;
}

static gboolean
is_detached (DcRecordSaver *self,
             Entry         *entry)
{
  return g_hash_table_lookup (self->detached, entry->record) == entry;
}

/* Busy while a change waits for its save or is being saved, or a deletion
 * waits; a change that failed to save is not "busy" but leaves the error
 * set. */
static void
update_state (DcRecordSaver *self)
{
  GHashTable *tables[] = { self->entries, self->detached };
  gboolean busy = FALSE;
  gboolean typing = FALSE;
  const GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, tables[i]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Entry *entry = value;

          if (entry->n_in_flight > 0 || entry->delete_when_saved
              || (entry->dirty && entry->error == NULL))
            busy = TRUE;
          if (entry->error != NULL && error == NULL)
            error = entry->error;
          if (tables[i] == self->entries && entry->dirty)
            typing = TRUE;
        }
    }

  /* The timeout saves the records being edited; with none left to save
   * (let go of, discarded), there is nothing to wait for. */
  if (!typing)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
  busy |= self->timeout_id != 0;

  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  if (g_strcmp0 (error != NULL ? error->message : NULL,
                 self->error != NULL ? self->error->message : NULL) != 0)
    {
      g_clear_error (&self->error);
      if (error != NULL)
        self->error = g_error_copy (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
}

/* Frees a detached entry once nothing about its record is left to do. A
 * change that could not be saved stays until it is discarded or saved. */
static void
settle (DcRecordSaver *self,
        Entry         *entry)
{
  if (entry->n_in_flight == 0 && !entry->delete_when_saved && !entry->dirty
      && entry->error == NULL && is_detached (self, entry))
    g_hash_table_remove (self->detached, entry->record);
}

/* Stops watching the entry's record; the entry itself lives on detached. */
static void
detach (DcRecordSaver *self,
        Entry         *entry)
{
  g_clear_signal_handler (&entry->notify_id, entry->record);
  g_hash_table_steal (self->entries, entry->record);
  g_hash_table_insert (self->detached, entry->record, entry);
}

typedef struct
{
  DcRecordSaver *saver;
  DcRecord      *record;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->saver);
  g_object_unref (data->record);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static SaveData *
save_data_new (DcRecordSaver *self,
               DcRecord      *record)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->saver = g_object_ref (self);
  data->record = g_object_ref (record);
  return data;
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  DcRecordSaver *self = data->saver;
  Entry *entry;

  /* Nothing is retried: the record is gone from the page, and a deletion
   * that failed leaves the row as it was. */
  if (!dc_store_delete_finish (DC_STORE (object), result, &error))
    g_signal_emit (self, signals[FAILED], 0, data->record, error);

  entry = lookup_entry (self, data->record);
  if (entry != NULL)
    {
      entry->n_in_flight--;
      settle (self, entry);
    }

  update_state (self);
}

static void
delete_entry (DcRecordSaver *self,
              Entry         *entry)
{
  g_assert (dc_record_get_id (entry->record) != 0);

  /* Not cancellable: a deletion dropped from the queue would leave the row
   * behind. The store runs it after the saves queued before it. */
  entry->n_in_flight++;
  dc_store_delete_async (self->store, entry->record, NULL, delete_cb,
                         save_data_new (self, entry->record));
}

static void save_entry (DcRecordSaver *self,
                        Entry         *entry);

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  DcRecordSaver *self = data->saver;
  gboolean saved;
  Entry *entry;

  saved = dc_store_save_finish (DC_STORE (object), result, &error);

  entry = lookup_entry (self, data->record);
  if (entry != NULL)
    {
      entry->n_in_flight--;
      g_clear_error (&entry->error);

      if (entry->delete_when_saved)
        {
          /* Removed while its first save ran: now that the row has an id,
           * it can go. Had the save failed, there is no row to delete. */
          entry->delete_when_saved = FALSE;
          if (saved)
            delete_entry (self, entry);
        }
      else if (!saved)
        {
          entry->dirty = TRUE;
          entry->error = g_error_copy (error);
        }
    }

  if (saved)
    g_signal_emit (self, signals[SAVED], 0, data->record);
  else
    g_signal_emit (self, signals[FAILED], 0, data->record, error);

  /* Handlers may have removed or discarded the record. */
  entry = lookup_entry (self, data->record);
  if (entry != NULL && saved && entry->dirty)
    {
      /* Changes made while this save was running, unless the user is still
       * typing: then the running timeout saves them. A record no longer
       * edited has nobody typing. */
      if (is_detached (self, entry))
        save_entry (self, entry);
      else if (self->timeout_id == 0)
        {
          save_dirty (self);
          return;
        }
    }

  if (entry != NULL)
    settle (self, entry);
  update_state (self);
}

/* Starts saving the entry's changes, or records why they cannot be saved. */
static void
save_entry (DcRecordSaver *self,
            Entry         *entry)
{
  g_autoptr(GError) error = NULL;

  if (!entry->dirty || (entry->n_in_flight > 0 && dc_record_get_id (entry->record) == 0))
    return;

  g_clear_error (&entry->error);
  if (!dc_record_validate (entry->record, &error))
    {
      entry->error = g_error_copy (error);
      g_signal_emit (self, signals[FAILED], 0, entry->record, error);
      return;
    }

  /* Not cancellable either: a save the page stops waiting for must still
   * land, and its row id must reach the record. */
  entry->dirty = FALSE;
  entry->n_in_flight++;
  dc_store_save_async (self->store, entry->record, NULL, save_cb,
                       save_data_new (self, entry->record));
}

static void
save_dirty (DcRecordSaver *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *tables[] = { self->entries, self->detached };

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  /* A handler of ::failed may remove records: iterate over a copy. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, tables[i]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (records, g_object_ref (key));
    }

  for (guint i = 0; i < records->len; i++)
    {
      Entry *entry = lookup_entry (self, g_ptr_array_index (records, i));

      if (entry != NULL)
        save_entry (self, entry);
    }

  update_state (self);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  DcRecordSaver *self = user_data;

  self->timeout_id = 0;
  save_dirty (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (DcRecordSaver *self,
               Entry         *entry)
{
  entry->dirty = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  update_state (self);
}

static void
record_notify_cb (DcRecord      *record,
                  GParamSpec    *pspec,
                  DcRecordSaver *self)
{
  Entry *entry;

  /* Row id, UUID and timestamps are the store's to set, when a save ends. */
  if (pspec->owner_type == DC_TYPE_RECORD)
    return;

  entry = g_hash_table_lookup (self->entries, record);
  g_assert (entry != NULL);

  schedule_save (self, entry);
}

static void
dc_record_saver_dispose (GObject *object)
{
  DcRecordSaver *self = DC_RECORD_SAVER (object);

  /* Whatever is still pending is saved now rather than lost. Saves in
   * flight hold the saver, so by now every one of them has landed. */
  if (self->entries != NULL)
    {
      save_dirty (self);
      g_hash_table_remove_all (self->entries);
      g_hash_table_remove_all (self->detached);
    }

  G_OBJECT_CLASS (dc_record_saver_parent_class)->dispose (object);
}

static void
dc_record_saver_finalize (GObject *object)
{
  DcRecordSaver *self = DC_RECORD_SAVER (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->detached, g_hash_table_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_record_saver_parent_class)->finalize (object);
}

static void
dc_record_saver_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DcRecordSaver *self = DC_RECORD_SAVER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_record_saver_class_init (DcRecordSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dc_record_saver_dispose;
  object_class->finalize = dc_record_saver_finalize;
  object_class->get_property = dc_record_saver_get_property;

  /**
   * DcRecordSaver:busy:
   *
   * Whether changes are waiting to be written or being written, or a
   * record waits to be deleted.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcRecordSaver:error:
   *
   * Why a change could not be saved (an invalid value or a store error),
   * or %NULL when every change was saved. Records no longer edited count
   * until their change is saved or discarded.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DcRecordSaver::saved:
   * @record: the record whose changes were written
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DC_TYPE_RECORD);

  /**
   * DcRecordSaver::failed:
   * @record: the record that could not be saved or deleted
   * @error: why: %DC_ERROR_INVALID for a value the record must not hold
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DC_TYPE_RECORD, G_TYPE_ERROR);
}

static void
dc_record_saver_init (DcRecordSaver *self)
{
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  self->detached = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
}

DcRecordSaver *
dc_record_saver_new (DcStore *store)
{
  DcRecordSaver *self;

  g_return_val_if_fail (DC_IS_STORE (store), NULL);

  self = g_object_new (DC_TYPE_RECORD_SAVER, NULL);
  self->store = g_object_ref (store);

  return self;
}

/* Watches @record and saves it after each change; a record never saved
 * (row id 0) is saved soon in any case. A record let go of before its
 * changes were settled is taken back as it is. */
void
dc_record_saver_add (DcRecordSaver *self,
                     DcRecord      *record)
{
  Entry *entry;

  g_return_if_fail (DC_IS_RECORD_SAVER (self));
  g_return_if_fail (DC_IS_RECORD (record));

  if (g_hash_table_contains (self->entries, record))
    return;

  entry = g_hash_table_lookup (self->detached, record);
  if (entry != NULL)
    {
      g_return_if_fail (!entry->delete_when_saved);
      g_hash_table_steal (self->detached, record);
    }
  else
    {
      entry = g_new0 (Entry, 1);
      entry->record = g_object_ref (record);
    }

  entry->notify_id = g_signal_connect (record, "notify", G_CALLBACK (record_notify_cb), self);
  g_hash_table_insert (self->entries, record, entry);

  if (dc_record_get_id (record) == 0 && entry->n_in_flight == 0)
    schedule_save (self, entry);
  else
    update_state (self);
}

/* Stops watching @record. Changes not yet saved are saved first; those
 * that cannot be saved keep :error set until they are discarded. */
void
dc_record_saver_remove (DcRecordSaver *self,
                        DcRecord      *record)
{
  Entry *entry;

  g_return_if_fail (DC_IS_RECORD_SAVER (self));
  g_return_if_fail (DC_IS_RECORD (record));

  entry = g_hash_table_lookup (self->entries, record);
  if (entry == NULL)
    return;

  detach (self, entry);
  save_entry (self, entry);
  settle (self, entry);
  update_state (self);
}

/* Stops watching @record and drops its changes not yet saved. A save
 * already under way still lands. */
void
dc_record_saver_discard (DcRecordSaver *self,
                         DcRecord      *record)
{
  Entry *entry;

  g_return_if_fail (DC_IS_RECORD_SAVER (self));
  g_return_if_fail (DC_IS_RECORD (record));

  entry = lookup_entry (self, record);
  if (entry == NULL)
    return;

  if (!is_detached (self, entry))
    detach (self, entry);
  entry->dirty = FALSE;
  g_clear_error (&entry->error);
  settle (self, entry);
  update_state (self);
}

/* Stops watching @record, drops its changes not yet saved, and deletes its
 * row: at once if it has one, as soon as its first save has landed if that
 * is under way, not at all if it was never saved. */
void
dc_record_saver_delete (DcRecordSaver *self,
                        DcRecord      *record)
{
  Entry *entry;

  g_return_if_fail (DC_IS_RECORD_SAVER (self));
  g_return_if_fail (DC_IS_RECORD (record));

  entry = lookup_entry (self, record);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->record = g_object_ref (record);
      g_hash_table_insert (self->detached, record, entry);
    }
  else if (!is_detached (self, entry))
    detach (self, entry);

  entry->dirty = FALSE;
  g_clear_error (&entry->error);

  if (dc_record_get_id (record) != 0)
    delete_entry (self, entry);
  else if (entry->n_in_flight > 0)
    entry->delete_when_saved = TRUE;

  settle (self, entry);
  update_state (self);
}

/* Starts saving every pending change now, as when the user leaves a page,
 * and tries again those that failed. */
void
dc_record_saver_flush (DcRecordSaver *self)
{
  g_return_if_fail (DC_IS_RECORD_SAVER (self));

  save_dirty (self);
}

static gboolean
entry_is_invalid (Entry   *entry,
                  GError **error)
{
  return (entry->dirty || entry->error != NULL)
         && !dc_record_validate (entry->record, error);
}

/* Returns: %FALSE, with the reason, when a record being edited holds a
 * change that cannot be saved because a value is invalid: leaving it would
 * lose that change. */
gboolean
dc_record_saver_check (DcRecordSaver  *self,
                       GError        **error)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (DC_IS_RECORD_SAVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (entry_is_invalid (value, error))
      return FALSE;

  return TRUE;
}

/* Discards the changes of every record being edited that cannot be saved
 * because a value is invalid. Their objects keep the invalid values: the
 * caller shows the records afresh from the store. */
void
dc_record_saver_discard_invalid (DcRecordSaver *self)
{
  g_autoptr(GPtrArray) invalid = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (DC_IS_RECORD_SAVER (self));

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (entry_is_invalid (value, NULL))
      g_ptr_array_add (invalid, g_object_ref (((Entry *) value)->record));

  for (guint i = 0; i < invalid->len; i++)
    dc_record_saver_discard (self, g_ptr_array_index (invalid, i));
}

gboolean
dc_record_saver_get_busy (DcRecordSaver *self)
{
  g_return_val_if_fail (DC_IS_RECORD_SAVER (self), FALSE);

  return self->busy;
}

const GError *
dc_record_saver_get_error (DcRecordSaver *self)
{
  g_return_val_if_fail (DC_IS_RECORD_SAVER (self), NULL);

  return self->error;
}

/* Returns: (nullable): why the last change of @record could not be saved */
const GError *
dc_record_saver_get_record_error (DcRecordSaver *self,
                                  DcRecord      *record)
{
  Entry *entry;

  g_return_val_if_fail (DC_IS_RECORD_SAVER (self), NULL);
  g_return_val_if_fail (DC_IS_RECORD (record), NULL);

  entry = lookup_entry (self, record);
  return entry != NULL ? entry->error : NULL;
}
