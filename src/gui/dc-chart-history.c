/* dc-chart-history.c: undo and redo of the chart edits of one session.
 *
 * An edit is a named operation on a set of zone treatments, kept as
 * snapshots of each treatment before and after it (none: it did not exist).
 * Undo and redo bring the session's list back to one side of the
 * snapshots. The history never saves: it reports the records to save and
 * to delete through ::changed, and the page hands them to its saver.
 *
 * Treatments are found again by UUID, not by object: undoing a deletion
 * inserts a new object (with the old UUID and no row id, since the row is
 * gone), and a later redo must delete that one. For the same reason
 * restoring a snapshot assigns only the fields, never the row id and
 * timestamps, which belong to the store and may have been set since the
 * snapshot was taken (a first save landing after the edit). */

#include "config.h"

#include "dc-chart-history.h"

#include <glib/gi18n-lib.h>

#include "dc-model.h"

/* Enough for a session's charting; the oldest edits go first. */
#define MAX_OPERATIONS 100

typedef struct
{
  char     *uuid;
  DcRecord *before;   /* snapshot, or NULL where the treatment did not exist */
  DcRecord *after;    /* snapshot, or NULL where it was deleted */
  DcRecord *removed;  /* while the operation is open: the object taken out */
} Change;

typedef struct
{
  char      *label;
  GPtrArray *changes;
} Operation;

struct _DcChartHistory
{
  GObject     parent_instance;

  GListStore *treatments;
  GPtrArray  *undo_stack;   /* Operation, the newest last */
  GPtrArray  *redo_stack;   /* Operation, the next to redo last */
  Operation  *pending;      /* between begin and commit */
  char       *undo_label;
  char       *redo_label;
};

G_DEFINE_FINAL_TYPE (DcChartHistory, dc_chart_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TREATMENTS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->uuid);
  g_clear_object (&change->before);
  g_clear_object (&change->after);
  g_clear_object (&change->removed);
  g_free (change);
}

static void
operation_free (gpointer data)
{
  Operation *operation = data;

  g_free (operation->label);
  g_ptr_array_unref (operation->changes);
  g_free (operation);
}

static Operation *
operation_new (const char *label)
{
  Operation *operation = g_new0 (Operation, 1);

  operation->label = g_strdup (label);
  operation->changes = g_ptr_array_new_with_free_func (change_free);
  return operation;
}

static DcRecord *
find_treatment (DcChartHistory *self,
                const char     *uuid,
                guint          *position)
{
  GListModel *model = G_LIST_MODEL (self->treatments);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (dc_record_get_uuid (record), uuid) == 0)
        {
          if (position != NULL)
            *position = i;
          /* The store keeps it alive. */
          return record;
        }
    }

  return NULL;
}

static Change *
find_change (Operation  *operation,
             const char *uuid)
{
  for (guint i = 0; i < operation->changes->len; i++)
    {
      Change *change = g_ptr_array_index (operation->changes, i);

      if (g_strcmp0 (change->uuid, uuid) == 0)
        return change;
    }

  return NULL;
}

static DcRecord *
snapshot (DcRecord *record)
{
  return record != NULL ? dc_record_copy (record) : NULL;
}

/* Makes @record hold @from's fields; the row id and timestamps stay. */
static void
restore_fields (DcRecord *record,
                DcRecord *from)
{
  GParamSpec **fields;
  guint n_fields;

  fields = dc_record_class_get_fields (DC_RECORD_GET_CLASS (record), &n_fields);
  g_object_freeze_notify (G_OBJECT (record));
  for (guint i = 0; i < n_fields; i++)
    dc_record_set_field (record, fields[i], dc_record_get_field (from, fields[i]));
  g_object_thaw_notify (G_OBJECT (record));
}

static void
update_state (DcChartHistory *self)
{
  Operation *undo = NULL;
  Operation *redo = NULL;

  if (self->undo_stack->len > 0)
    undo = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);
  if (self->redo_stack->len > 0)
    redo = g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1);

  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);
  /* TRANSLATORS: a menu item; %s is what the edit did, "Depth Change" */
  if (undo != NULL)
    self->undo_label = g_strdup_printf (C_("history", "Undo %s"), undo->label);
  /* TRANSLATORS: a menu item; %s is what the edit did, "Depth Change" */
  if (redo != NULL)
    self->redo_label = g_strdup_printf (C_("history", "Redo %s"), redo->label);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
emit_changed (DcChartHistory *self,
              GPtrArray      *to_save,
              GPtrArray      *to_delete)
{
  if (to_save->len > 0 || to_delete->len > 0)
    g_signal_emit (self, signals[CHANGED], 0, to_save, to_delete);
}

/* Brings the treatments to one side of @operation's snapshots. */
static void
replay (DcChartHistory *self,
        Operation      *operation,
        gboolean        forward)
{
  g_autoptr(GPtrArray) to_save = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) to_delete = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < operation->changes->len; i++)
    {
      Change *change = g_ptr_array_index (operation->changes, i);
      DcRecord *target = forward ? change->after : change->before;
      guint position = 0;
      DcRecord *live = find_treatment (self, change->uuid, &position);

      if (target == NULL)
        {
          if (live != NULL)
            {
              g_ptr_array_add (to_delete, g_object_ref (live));
              g_list_store_remove (self->treatments, position);
            }
        }
      else if (live == NULL)
        {
          g_autoptr(DcRecord) revived = dc_record_copy (target);

          /* Its row, if it had one, was deleted: it is saved anew. */
          dc_record_set_id (revived, 0);
          g_list_store_append (self->treatments, revived);
          g_ptr_array_add (to_save, g_object_ref (revived));
        }
      else
        {
          restore_fields (live, target);
          /* A list store says nothing when an item changes inside. */
          g_list_model_items_changed (G_LIST_MODEL (self->treatments), position, 1, 1);
          g_ptr_array_add (to_save, g_object_ref (live));
        }
    }

  emit_changed (self, to_save, to_delete);
}

static void
dc_chart_history_dispose (GObject *object)
{
  DcChartHistory *self = DC_CHART_HISTORY (object);

  g_clear_pointer (&self->pending, operation_free);
  g_clear_object (&self->treatments);

  G_OBJECT_CLASS (dc_chart_history_parent_class)->dispose (object);
}

static void
dc_chart_history_finalize (GObject *object)
{
  DcChartHistory *self = DC_CHART_HISTORY (object);

  g_ptr_array_unref (self->undo_stack);
  g_ptr_array_unref (self->redo_stack);
  g_free (self->undo_label);
  g_free (self->redo_label);

  G_OBJECT_CLASS (dc_chart_history_parent_class)->finalize (object);
}

static void
dc_chart_history_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DcChartHistory *self = DC_CHART_HISTORY (object);

  switch (prop_id)
    {
    case PROP_TREATMENTS:
      g_value_set_object (value, self->treatments);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dc_chart_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, dc_chart_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_chart_history_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DcChartHistory *self = DC_CHART_HISTORY (object);

  switch (prop_id)
    {
    case PROP_TREATMENTS:
      self->treatments = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_chart_history_class_init (DcChartHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dc_chart_history_dispose;
  object_class->finalize = dc_chart_history_finalize;
  object_class->get_property = dc_chart_history_get_property;
  object_class->set_property = dc_chart_history_set_property;

  properties[PROP_TREATMENTS] =
    g_param_spec_object ("treatments", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* "Undo Depth Change", or NULL */
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DcChartHistory::changed:
   * @to_save: (element-type DcZoneTreatment): treatments now in the list
   *   that were created or changed
   * @to_delete: (element-type DcZoneTreatment): treatments taken out of it
   *
   * An edit, undo or redo changed the treatments; the owner saves them.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE,
                                   G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dc_chart_history_init (DcChartHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (operation_free);
  self->redo_stack = g_ptr_array_new_with_free_func (operation_free);
}

/**
 * dc_chart_history_new:
 * @treatments: the session's DcZoneTreatment records
 */
DcChartHistory *
dc_chart_history_new (GListStore *treatments)
{
  g_return_val_if_fail (G_IS_LIST_STORE (treatments), NULL);
  g_return_val_if_fail (g_list_model_get_item_type (G_LIST_MODEL (treatments))
                        == DC_TYPE_ZONE_TREATMENT, NULL);

  return g_object_new (DC_TYPE_CHART_HISTORY, "treatments", treatments, NULL);
}

GListStore *
dc_chart_history_get_treatments (DcChartHistory *self)
{
  g_return_val_if_fail (DC_IS_CHART_HISTORY (self), NULL);

  return self->treatments;
}

/**
 * dc_chart_history_begin:
 * @label: what the edit does, for "Undo @label": "Depth Change"
 *
 * Opens an edit. Until dc_chart_history_commit(), tell the history about
 * each treatment before changing it (dc_chart_history_track()), and create
 * and delete treatments through it.
 */
void
dc_chart_history_begin (DcChartHistory *self,
                        const char     *label)
{
  g_return_if_fail (DC_IS_CHART_HISTORY (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (self->pending == NULL);

  self->pending = operation_new (label);
}

/**
 * dc_chart_history_track:
 *
 * Remembers @treatment as it is, before the open edit changes it. Tracking
 * it again in the same edit changes nothing.
 */
void
dc_chart_history_track (DcChartHistory  *self,
                        DcZoneTreatment *treatment)
{
  Change *change;
  const char *uuid;

  g_return_if_fail (DC_IS_CHART_HISTORY (self));
  g_return_if_fail (DC_IS_ZONE_TREATMENT (treatment));
  g_return_if_fail (self->pending != NULL);

  uuid = dc_record_get_uuid (DC_RECORD (treatment));
  if (find_change (self->pending, uuid) != NULL)
    return;

  change = g_new0 (Change, 1);
  change->uuid = g_strdup (uuid);
  change->before = snapshot (DC_RECORD (treatment));
  g_ptr_array_add (self->pending->changes, change);
}

/**
 * dc_chart_history_add:
 *
 * Appends a new @treatment to the session's list as part of the open edit.
 */
void
dc_chart_history_add (DcChartHistory  *self,
                      DcZoneTreatment *treatment)
{
  const char *uuid;

  g_return_if_fail (DC_IS_CHART_HISTORY (self));
  g_return_if_fail (DC_IS_ZONE_TREATMENT (treatment));
  g_return_if_fail (self->pending != NULL);

  uuid = dc_record_get_uuid (DC_RECORD (treatment));
  g_return_if_fail (find_treatment (self, uuid, NULL) == NULL);

  if (find_change (self->pending, uuid) == NULL)
    {
      Change *change = g_new0 (Change, 1);

      change->uuid = g_strdup (uuid);
      g_ptr_array_add (self->pending->changes, change);
    }
  g_list_store_append (self->treatments, treatment);
}

/**
 * dc_chart_history_remove:
 *
 * Takes @treatment out of the session's list as part of the open edit.
 */
void
dc_chart_history_remove (DcChartHistory  *self,
                         DcZoneTreatment *treatment)
{
  Change *change;
  guint position;

  g_return_if_fail (DC_IS_CHART_HISTORY (self));
  g_return_if_fail (DC_IS_ZONE_TREATMENT (treatment));
  g_return_if_fail (self->pending != NULL);

  if (!g_list_store_find (self->treatments, treatment, &position))
    g_return_if_reached ();

  dc_chart_history_track (self, treatment);
  change = find_change (self->pending, dc_record_get_uuid (DC_RECORD (treatment)));
  g_set_object (&change->removed, DC_RECORD (treatment));
  g_list_store_remove (self->treatments, position);
}

/**
 * dc_chart_history_commit:
 *
 * Closes the open edit: it becomes the next to undo, unless it changed
 * nothing, and ::changed reports what to save and delete.
 *
 * Returns: whether the edit changed anything
 */
gboolean
dc_chart_history_commit (DcChartHistory *self)
{
  g_autoptr(GPtrArray) to_save = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) to_delete = g_ptr_array_new_with_free_func (g_object_unref);
  Operation *operation;

  g_return_val_if_fail (DC_IS_CHART_HISTORY (self), FALSE);
  g_return_val_if_fail (self->pending != NULL, FALSE);

  operation = g_steal_pointer (&self->pending);

  for (guint i = 0; i < operation->changes->len;)
    {
      Change *change = g_ptr_array_index (operation->changes, i);
      guint position = 0;
      DcRecord *live = find_treatment (self, change->uuid, &position);

      change->after = snapshot (live);

      if (change->before == NULL && change->after == NULL)
        {
          /* Created and deleted in one go: nobody ever saw it. */
          g_ptr_array_remove_index (operation->changes, i);
          continue;
        }
      if (change->before != NULL && change->after != NULL
          && dc_record_fields_equal (change->before, change->after))
        {
          g_ptr_array_remove_index (operation->changes, i);
          continue;
        }

      if (live != NULL)
        {
          g_ptr_array_add (to_save, g_object_ref (live));
          /* A list store says nothing when an item changes inside. */
          if (change->before != NULL)
            g_list_model_items_changed (G_LIST_MODEL (self->treatments), position, 1, 1);
        }
      else
        g_ptr_array_add (to_delete, g_object_ref (change->removed));
      g_clear_object (&change->removed);
      i++;
    }

  if (operation->changes->len == 0)
    {
      operation_free (operation);
      return FALSE;
    }

  g_ptr_array_add (self->undo_stack, operation);
  if (self->undo_stack->len > MAX_OPERATIONS)
    g_ptr_array_remove_index (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_state (self);

  emit_changed (self, to_save, to_delete);
  return TRUE;
}

gboolean
dc_chart_history_get_can_undo (DcChartHistory *self)
{
  g_return_val_if_fail (DC_IS_CHART_HISTORY (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
dc_chart_history_get_can_redo (DcChartHistory *self)
{
  g_return_val_if_fail (DC_IS_CHART_HISTORY (self), FALSE);

  return self->redo_stack->len > 0;
}

/* Returns: (nullable): "Undo Depth Change", or NULL with nothing to undo */
const char *
dc_chart_history_get_undo_label (DcChartHistory *self)
{
  g_return_val_if_fail (DC_IS_CHART_HISTORY (self), NULL);

  return self->undo_label;
}

/* Returns: (nullable): "Redo Depth Change", or NULL with nothing to redo */
const char *
dc_chart_history_get_redo_label (DcChartHistory *self)
{
  g_return_val_if_fail (DC_IS_CHART_HISTORY (self), NULL);

  return self->redo_label;
}

/**
 * dc_chart_history_undo:
 *
 * Returns: whether there was an edit to undo
 */
gboolean
dc_chart_history_undo (DcChartHistory *self)
{
  Operation *operation;

  g_return_val_if_fail (DC_IS_CHART_HISTORY (self), FALSE);
  g_return_val_if_fail (self->pending == NULL, FALSE);

  if (self->undo_stack->len == 0)
    return FALSE;

  operation = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  g_ptr_array_add (self->redo_stack, operation);
  update_state (self);
  replay (self, operation, FALSE);
  return TRUE;
}

/**
 * dc_chart_history_redo:
 *
 * Returns: whether there was an edit to redo
 */
gboolean
dc_chart_history_redo (DcChartHistory *self)
{
  Operation *operation;

  g_return_val_if_fail (DC_IS_CHART_HISTORY (self), FALSE);
  g_return_val_if_fail (self->pending == NULL, FALSE);

  if (self->redo_stack->len == 0)
    return FALSE;

  operation = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  g_ptr_array_add (self->undo_stack, operation);
  update_state (self);
  replay (self, operation, TRUE);
  return TRUE;
}

/**
 * dc_chart_history_clear:
 *
 * Forgets every edit, as when the treatments are loaded afresh.
 */
void
dc_chart_history_clear (DcChartHistory *self)
{
  g_return_if_fail (DC_IS_CHART_HISTORY (self));
  g_return_if_fail (self->pending == NULL);

  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_state (self);
}
