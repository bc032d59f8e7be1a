/* dc-record.c: field storage, copying, comparison and validation shared by
 * every record type. */

#include "config.h"

#include "dc-record-private.h"

#include <gobject/gvaluecollector.h>

#include "dc-error.h"
#include "dc-util.h"

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *created_at;
  char   *updated_at;
  GValue *values;   /* one per field of the instance's class */
} DcRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DcRecord, dc_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GValue *
ensure_values (DcRecord *self)
{
  DcRecordPrivate *priv = dc_record_get_instance_private (self);
  DcRecordClass *klass = DC_RECORD_GET_CLASS (self);

  /* Allocated on first use: during instance_init the class pointer is still
   * DcRecordClass, not the final one that knows the fields. */
  if (priv->values == NULL && klass->fields != NULL)
    {
      priv->values = g_new0 (GValue, klass->fields->len);
      for (guint i = 0; i < klass->fields->len; i++)
        {
          GParamSpec *pspec = g_ptr_array_index (klass->fields, i);

          g_value_init (&priv->values[i], pspec->value_type);
          g_param_value_set_default (pspec, &priv->values[i]);
        }
    }

  return priv->values;
}

static guint
field_index (DcRecord   *self,
             GParamSpec *field)
{
  DcRecordClass *klass = DC_RECORD_GET_CLASS (self);

  g_assert (field->owner_type == G_OBJECT_TYPE (self));
  g_assert (field->param_id >= 1 && field->param_id <= klass->fields->len);

  return field->param_id - 1;
}

static void
normalize_value (GValue *value)
{
  /* An empty text field and a missing one are the same thing in a record;
   * keeping one spelling makes round trips exact. */
  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *str = g_value_get_string (value);

      if (str != NULL && *str == '\0')
        g_value_set_string (value, NULL);
    }
}

/* g_param_values_cmp() compares boxed values by address; a logo is equal
 * to another by its bytes. */
static gboolean
values_equal (GParamSpec   *field,
              const GValue *a,
              const GValue *b)
{
  if (field->value_type == G_TYPE_BYTES)
    {
      GBytes *ba = g_value_get_boxed (a);
      GBytes *bb = g_value_get_boxed (b);

      if (ba == NULL || bb == NULL)
        return ba == bb;
      return g_bytes_equal (ba, bb);
    }

  return g_param_values_cmp (field, a, b) == 0;
}

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  DcRecord *self = DC_RECORD (object);

  g_value_copy (dc_record_get_field (self, pspec), value);
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  dc_record_set_field (DC_RECORD (object), pspec, value);
}

static void
dc_record_finalize (GObject *object)
{
  DcRecord *self = DC_RECORD (object);
  DcRecordPrivate *priv = dc_record_get_instance_private (self);
  DcRecordClass *klass = DC_RECORD_GET_CLASS (self);

  if (priv->values != NULL)
    {
      for (guint i = 0; i < klass->fields->len; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }
  g_free (priv->uuid);
  g_free (priv->created_at);
  g_free (priv->updated_at);

  G_OBJECT_CLASS (dc_record_parent_class)->finalize (object);
}

static void
dc_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DcRecord *self = DC_RECORD (object);
  DcRecordPrivate *priv = dc_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;

    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_record_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DcRecord *self = DC_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      dc_record_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      dc_record_set_uuid (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_record_class_init (DcRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dc_record_finalize;
  object_class->get_property = dc_record_get_property;
  object_class->set_property = dc_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dc_record_init (DcRecord *self)
{
  DcRecordPrivate *priv = dc_record_get_instance_private (self);

  priv->uuid = g_uuid_string_random ();
}

/**
 * dc_record_class_install_fields:
 * @pspecs: the subclass's property array, element 0 being %NULL as for
 *   g_object_class_install_properties()
 *
 * Installs the fields of a record class. Their values are kept by DcRecord;
 * the subclass needs no get/set_property of its own.
 */
void
dc_record_class_install_fields (DcRecordClass  *klass,
                                GParamSpec    **pspecs,
                                guint           n_pspecs)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (DC_IS_RECORD_CLASS (klass));
  g_return_if_fail (klass->fields == NULL);
  g_return_if_fail (n_pspecs >= 2 && pspecs[0] == NULL);

  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  klass->fields = g_ptr_array_new ();
  for (guint i = 1; i < n_pspecs; i++)
    {
      pspecs[i]->flags |= G_PARAM_EXPLICIT_NOTIFY;
      g_ptr_array_add (klass->fields, pspecs[i]);
    }

  g_object_class_install_properties (object_class, n_pspecs, pspecs);
}

/**
 * dc_record_class_add_reference:
 * @field: an int64 field holding the row id of another record
 * @target: the type of that record
 *
 * Declares a reference, which exports name by the target's UUID instead of a
 * row id that means nothing outside this database.
 */
void
dc_record_class_add_reference (DcRecordClass *klass,
                               const char    *field,
                               GType          target)
{
  GParamSpec *pspec;

  g_return_if_fail (DC_IS_RECORD_CLASS (klass));
  g_return_if_fail (g_type_is_a (target, DC_TYPE_RECORD));

  pspec = dc_record_class_find_field (klass, field);
  g_return_if_fail (pspec != NULL && pspec->value_type == G_TYPE_INT64);

  if (klass->references == NULL)
    klass->references = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (klass->references, pspec, GSIZE_TO_POINTER (target));
}

GType
dc_record_class_get_reference (DcRecordClass *klass,
                               GParamSpec    *field)
{
  g_return_val_if_fail (DC_IS_RECORD_CLASS (klass), G_TYPE_INVALID);

  if (klass->references == NULL)
    return G_TYPE_INVALID;
  return GPOINTER_TO_SIZE (g_hash_table_lookup (klass->references, field));
}

GParamSpec **
dc_record_class_get_fields (DcRecordClass *klass,
                            guint         *n_fields)
{
  g_return_val_if_fail (DC_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (klass->fields != NULL, NULL);

  if (n_fields != NULL)
    *n_fields = klass->fields->len;
  return (GParamSpec **) klass->fields->pdata;
}

GParamSpec *
dc_record_class_find_field (DcRecordClass *klass,
                            const char    *name)
{
  g_return_val_if_fail (DC_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; klass->fields != NULL && i < klass->fields->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (klass->fields, i);

      if (g_str_equal (pspec->name, name))
        return pspec;
    }

  return NULL;
}

gint64
dc_record_get_id (DcRecord *self)
{
  DcRecordPrivate *priv = dc_record_get_instance_private (self);

  g_return_val_if_fail (DC_IS_RECORD (self), 0);

  return priv->id;
}

void
dc_record_set_id (DcRecord *self,
                  gint64    id)
{
  DcRecordPrivate *priv = dc_record_get_instance_private (self);

  g_return_if_fail (DC_IS_RECORD (self));

  if (priv->id != id)
    {
      priv->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
dc_record_get_uuid (DcRecord *self)
{
  DcRecordPrivate *priv = dc_record_get_instance_private (self);

  g_return_val_if_fail (DC_IS_RECORD (self), NULL);

  return priv->uuid;
}

void
dc_record_set_uuid (DcRecord   *self,
                    const char *uuid)
{
  DcRecordPrivate *priv = dc_record_get_instance_private (self);

  g_return_if_fail (DC_IS_RECORD (self));
  g_return_if_fail (uuid != NULL);

  if (dc_set_str (&priv->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
dc_record_get_created_at (DcRecord *self)
{
  DcRecordPrivate *priv = dc_record_get_instance_private (self);

  g_return_val_if_fail (DC_IS_RECORD (self), NULL);

  return priv->created_at;
}

const char *
dc_record_get_updated_at (DcRecord *self)
{
  DcRecordPrivate *priv = dc_record_get_instance_private (self);

  g_return_val_if_fail (DC_IS_RECORD (self), NULL);

  return priv->updated_at;
}

void
dc_record_set_timestamps (DcRecord   *self,
                          const char *created_at,
                          const char *updated_at)
{
  DcRecordPrivate *priv = dc_record_get_instance_private (self);

  g_return_if_fail (DC_IS_RECORD (self));

  if (dc_set_str (&priv->created_at, created_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
  if (dc_set_str (&priv->updated_at, updated_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

const GValue *
dc_record_get_field (DcRecord   *self,
                     GParamSpec *field)
{
  g_return_val_if_fail (DC_IS_RECORD (self), NULL);

  return &ensure_values (self)[field_index (self, field)];
}

/**
 * dc_record_set_field:
 *
 * Sets a field, converting compatible types (an int into an int64 field,
 * say) and keeping the value inside the field's declared range. Notifies
 * only when the value really changes.
 */
void
dc_record_set_field (DcRecord     *self,
                     GParamSpec   *field,
                     const GValue *value)
{
  g_auto(GValue) new_value = G_VALUE_INIT;
  GValue *slot;

  g_return_if_fail (DC_IS_RECORD (self));

  slot = &ensure_values (self)[field_index (self, field)];

  g_value_init (&new_value, field->value_type);
  if (!g_value_transform (value, &new_value))
    {
      g_critical ("Cannot store a %s in the %s field %s",
                  G_VALUE_TYPE_NAME (value), G_OBJECT_TYPE_NAME (self), field->name);
      return;
    }
  normalize_value (&new_value);
  g_param_value_validate (field, &new_value);

  if (values_equal (field, slot, &new_value))
    return;

  g_value_copy (&new_value, slot);
  g_object_notify_by_pspec (G_OBJECT (self), field);
}

/**
 * dc_record_copy:
 *
 * Returns: (transfer full): a new record with the same id, UUID, timestamps
 *   and fields, for handing a snapshot to a worker thread.
 */
DcRecord *
dc_record_copy (DcRecord *self)
{
  DcRecord *copy;

  g_return_val_if_fail (DC_IS_RECORD (self), NULL);

  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  dc_record_assign (copy, self);
  return copy;
}

/**
 * dc_record_assign:
 *
 * Makes @self hold what @from holds, notifying what changed.
 */
void
dc_record_assign (DcRecord *self,
                  DcRecord *from)
{
  DcRecordPrivate *from_priv = dc_record_get_instance_private (from);
  GParamSpec **fields;
  guint n_fields;

  g_return_if_fail (DC_IS_RECORD (self));
  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (from));

  g_object_freeze_notify (G_OBJECT (self));
  dc_record_set_id (self, from_priv->id);
  dc_record_set_uuid (self, from_priv->uuid);
  dc_record_set_timestamps (self, from_priv->created_at, from_priv->updated_at);
  fields = dc_record_class_get_fields (DC_RECORD_GET_CLASS (self), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    dc_record_set_field (self, fields[i], dc_record_get_field (from, fields[i]));
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * dc_record_fields_equal:
 *
 * Whether two records of one type hold the same UUID and field values (row
 * ids and timestamps are not compared).
 */
gboolean
dc_record_fields_equal (DcRecord *a,
                        DcRecord *b)
{
  GParamSpec **fields;
  guint n_fields;

  g_return_val_if_fail (DC_IS_RECORD (a), FALSE);
  g_return_val_if_fail (DC_IS_RECORD (b), FALSE);

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;
  if (g_strcmp0 (dc_record_get_uuid (a), dc_record_get_uuid (b)) != 0)
    return FALSE;

  fields = dc_record_class_get_fields (DC_RECORD_GET_CLASS (a), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (!values_equal (fields[i], dc_record_get_field (a, fields[i]),
                         dc_record_get_field (b, fields[i])))
        return FALSE;
    }

  return TRUE;
}

gboolean
dc_record_validate (DcRecord  *self,
                    GError   **error)
{
  DcRecordClass *klass;

  g_return_val_if_fail (DC_IS_RECORD (self), FALSE);

  klass = DC_RECORD_GET_CLASS (self);
  if (klass->validate != NULL)
    return klass->validate (self, error);
  return TRUE;
}

/**
 * dc_record_field_column_name:
 *
 * Returns: the storage name of a field: its property name with '_' for '-'.
 */
char *
dc_record_field_column_name (GParamSpec *field)
{
  char *name = g_strdup (field->name);

  g_strdelimit (name, "-", '_');
  return name;
}

static const GValue *
get_value_by_id (gpointer self,
                 guint    prop_id)
{
  DcRecordClass *klass = DC_RECORD_GET_CLASS (self);

  g_assert (prop_id >= 1 && prop_id <= klass->fields->len);
  return &ensure_values (self)[prop_id - 1];
}

const char *
_dc_record_get_string (gpointer self,
                       guint    prop_id)
{
  return g_value_get_string (get_value_by_id (self, prop_id));
}

int
_dc_record_get_int (gpointer self,
                    guint    prop_id)
{
  return g_value_get_int (get_value_by_id (self, prop_id));
}

gint64
_dc_record_get_int64 (gpointer self,
                      guint    prop_id)
{
  return g_value_get_int64 (get_value_by_id (self, prop_id));
}

double
_dc_record_get_double (gpointer self,
                       guint    prop_id)
{
  return g_value_get_double (get_value_by_id (self, prop_id));
}

gboolean
_dc_record_get_boolean (gpointer self,
                        guint    prop_id)
{
  return g_value_get_boolean (get_value_by_id (self, prop_id));
}

int
_dc_record_get_enum (gpointer self,
                     guint    prop_id)
{
  return g_value_get_enum (get_value_by_id (self, prop_id));
}

guint
_dc_record_get_flags (gpointer self,
                      guint    prop_id)
{
  return g_value_get_flags (get_value_by_id (self, prop_id));
}

GBytes *
_dc_record_get_bytes (gpointer self,
                      guint    prop_id)
{
  return g_value_get_boxed (get_value_by_id (self, prop_id));
}

void
_dc_record_set (gpointer self,
                guint    prop_id,
                ...)
{
  DcRecordClass *klass = DC_RECORD_GET_CLASS (self);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *error = NULL;
  GParamSpec *pspec;
  va_list args;

  g_assert (prop_id >= 1 && prop_id <= klass->fields->len);
  pspec = g_ptr_array_index (klass->fields, prop_id - 1);

  va_start (args, prop_id);
  G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
  va_end (args);

  if (error != NULL)
    {
      g_critical ("%s: %s", G_STRFUNC, error);
      return;
    }

  dc_record_set_field (DC_RECORD (self), pspec, &value);
}
