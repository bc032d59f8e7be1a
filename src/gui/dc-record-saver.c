/* dc-record-saver.c: saves the records a page edits, shortly after the last
 * change, so that no edit waits for a "Save" button.
 *
 * A record saved for the first time has at most one save in flight: it gets
 * its row id only when that save finishes, and a second save queued before
 * then would insert a second row. Changes made meanwhile are saved when the
 * first save is done. The store runs saves in order, so once the row exists
 * later saves may overlap. */

#include "config.h"

#include "dc-record-saver.h"

#include "dc-model.h"
#include "dc-store.h"

#define SAVE_DELAY_MS 500

struct _DcRecordSaver
{
  GObject     parent_instance;

  DcStore    *store;
  GHashTable *entries;    /* DcRecord → Entry */
  guint       timeout_id;
  gboolean    busy;
  GError     *error;      /* why the last attempt to save something failed */
};

typedef struct
{
  DcRecord *record;
  gulong    notify_id;
  gboolean  dirty;
  guint     n_in_flight;
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

/* Busy while a change waits for its save or is being saved; a change that
 * failed to save is not "busy" but leaves the error set. */
static void
update_state (DcRecordSaver *self)
{
  GHashTableIter iter;
  gpointer value;
  gboolean busy = self->timeout_id != 0;
  const GError *error = NULL;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;

      if (entry->n_in_flight > 0 || (entry->dirty && entry->error == NULL))
        busy = TRUE;
      if (entry->error != NULL && error == NULL)
        error = entry->error;
    }

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

  /* The record may have been removed from the saver while it was saved. */
  entry = g_hash_table_lookup (self->entries, data->record);
  if (entry != NULL)
    {
      entry->n_in_flight--;
      g_clear_error (&entry->error);
      if (!saved)
        {
          entry->dirty = TRUE;
          entry->error = g_error_copy (error);
        }
    }

  if (saved)
    g_signal_emit (self, signals[SAVED], 0, data->record);
  else
    g_signal_emit (self, signals[FAILED], 0, data->record, error);

  /* Changes made while this save was running, unless the user is still
   * typing: then the running timeout saves them. */
  if (entry != NULL && saved && entry->dirty && self->timeout_id == 0)
    save_dirty (self);
  else
    update_state (self);
}

static void
save_entry (DcRecordSaver *self,
            Entry         *entry)
{
  g_autoptr(GError) error = NULL;
  SaveData *data;

  if (!entry->dirty || (entry->n_in_flight > 0 && dc_record_get_id (entry->record) == 0))
    return;

  g_clear_error (&entry->error);
  if (!dc_record_validate (entry->record, &error))
    {
      entry->error = g_error_copy (error);
      g_signal_emit (self, signals[FAILED], 0, entry->record, error);
      return;
    }

  entry->dirty = FALSE;
  entry->n_in_flight++;

  data = g_new0 (SaveData, 1);
  data->saver = g_object_ref (self);
  data->record = g_object_ref (entry->record);
  dc_store_save_async (self->store, entry->record, NULL, save_cb, data);
}

static void
save_dirty (DcRecordSaver *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  /* A handler of ::failed may remove records: iterate over a copy. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (records, g_object_ref (key));

  for (guint i = 0; i < records->len; i++)
    {
      Entry *entry = g_hash_table_lookup (self->entries, g_ptr_array_index (records, i));

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

  /* Whatever is still pending is saved now rather than lost. */
  if (self->timeout_id != 0)
    save_dirty (self);
  g_hash_table_remove_all (self->entries);

  G_OBJECT_CLASS (dc_record_saver_parent_class)->dispose (object);
}

static void
dc_record_saver_finalize (GObject *object)
{
  DcRecordSaver *self = DC_RECORD_SAVER (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
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
   * Whether changes are waiting to be written or being written.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcRecordSaver:error:
   *
   * Why a change could not be saved (an invalid value or a store error),
   * or %NULL when every change was saved.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DC_TYPE_RECORD);

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
 * (row id 0) is saved soon in any case. */
void
dc_record_saver_add (DcRecordSaver *self,
                     DcRecord      *record)
{
  Entry *entry;

  g_return_if_fail (DC_IS_RECORD_SAVER (self));
  g_return_if_fail (DC_IS_RECORD (record));

  if (g_hash_table_contains (self->entries, record))
    return;

  entry = g_new0 (Entry, 1);
  entry->record = g_object_ref (record);
  entry->notify_id = g_signal_connect (record, "notify", G_CALLBACK (record_notify_cb), self);
  g_hash_table_insert (self->entries, record, entry);

  if (dc_record_get_id (record) == 0)
    schedule_save (self, entry);
}

/* Stops watching @record. Changes not yet saved are saved first. */
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

  save_entry (self, entry);
  g_hash_table_remove (self->entries, record);
  update_state (self);
}

/* Starts saving every pending change now, as when the user leaves a page. */
void
dc_record_saver_flush (DcRecordSaver *self)
{
  g_return_if_fail (DC_IS_RECORD_SAVER (self));

  save_dirty (self);
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
