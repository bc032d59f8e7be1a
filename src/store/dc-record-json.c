/* dc-record-json.c: export and import of a patient's record as JSON.
 *
 * Records are written member by member from their fields, so the format
 * follows the model by construction. References leave the database as the
 * referenced record's UUID; the catalogue records a patient's sessions
 * refer to (practitioners, devices, products, lots) travel with it. Import
 * checks every member's type and range before anything is saved, then saves
 * everything in one transaction: a bad file changes nothing. */

#include "config.h"

#include "dc-record-json.h"

#include "dc-store-private.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

/* Export ------------------------------------------------------------------- */

typedef struct
{
  DcStore    *store;
  /* Catalogue records met while exporting, by type, keyed by UUID. */
  GHashTable *catalogue[4];
} Exporter;

static const GType *
catalogue_types (void)
{
  static GType types[4];

  if (types[0] == 0)
    {
      types[0] = DC_TYPE_PRACTITIONER;
      types[1] = DC_TYPE_DEVICE;
      types[2] = DC_TYPE_PRODUCT;
      types[3] = DC_TYPE_LOT;
    }
  return types;
}

static const char *const catalogue_members[] = { "practitioners", "devices", "products", "lots" };

static int
catalogue_index (GType type)
{
  const GType *types = catalogue_types ();

  for (int i = 0; i < 4; i++)
    if (types[i] == type)
      return i;
  return -1;
}

static gboolean remember_reference (Exporter *exporter, GType type, gint64 id,
                                    char **uuid, GError **error);

/* @owner_field: the field naming the record the JSON nests this one in,
 * which the file says by nesting rather than by reference. */
static JsonNode *
record_to_json (Exporter    *exporter,
                DcRecord    *record,
                const char  *owner_field,
                GError     **error)
{
  DcRecordClass *klass = DC_RECORD_GET_CLASS (record);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GParamSpec **fields;
  guint n_fields;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, dc_record_get_uuid (record));
  json_builder_set_member_name (builder, "created-at");
  json_builder_add_string_value (builder, dc_record_get_created_at (record));
  json_builder_set_member_name (builder, "updated-at");
  json_builder_add_string_value (builder, dc_record_get_updated_at (record));

  fields = dc_record_class_get_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const GValue *value = dc_record_get_field (record, fields[i]);
      GType type = G_VALUE_TYPE (value);
      GType reference = dc_record_class_get_reference (klass, fields[i]);

      if (g_strcmp0 (fields[i]->name, owner_field) == 0)
        continue;

      json_builder_set_member_name (builder, fields[i]->name);

      if (reference != G_TYPE_INVALID)
        {
          g_autofree char *uuid = NULL;

          if (!remember_reference (exporter, reference, g_value_get_int64 (value), &uuid, error))
            return NULL;
          if (uuid != NULL)
            json_builder_add_string_value (builder, uuid);
          else
            json_builder_add_null_value (builder);
        }
      else if (type == G_TYPE_STRING)
        {
          if (g_value_get_string (value) != NULL)
            json_builder_add_string_value (builder, g_value_get_string (value));
          else
            json_builder_add_null_value (builder);
        }
      else if (type == G_TYPE_INT)
        json_builder_add_int_value (builder, g_value_get_int (value));
      else if (type == G_TYPE_INT64)
        json_builder_add_int_value (builder, g_value_get_int64 (value));
      else if (type == G_TYPE_DOUBLE)
        json_builder_add_double_value (builder, g_value_get_double (value));
      else if (type == G_TYPE_BOOLEAN)
        json_builder_add_boolean_value (builder, g_value_get_boolean (value));
      else if (G_TYPE_IS_ENUM (type))
        {
          g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);

          json_builder_add_string_value (builder,
                                         g_enum_get_value (enum_class,
                                                           g_value_get_enum (value))->value_nick);
        }
      else if (G_TYPE_IS_FLAGS (type))
        {
          g_autoptr(GFlagsClass) flags_class = g_type_class_ref (type);
          guint flags = g_value_get_flags (value);

          json_builder_begin_array (builder);
          for (guint j = 0; j < flags_class->n_values; j++)
            if (flags & flags_class->values[j].value)
              json_builder_add_string_value (builder, flags_class->values[j].value_nick);
          json_builder_end_array (builder);
        }
      else if (type == G_TYPE_BYTES)
        {
          GBytes *bytes = g_value_get_boxed (value);

          if (bytes != NULL)
            {
              gsize size;
              const guchar *data = g_bytes_get_data (bytes, &size);
              g_autofree char *base64 = g_base64_encode (data, size);

              json_builder_add_string_value (builder, base64);
            }
          else
            json_builder_add_null_value (builder);
        }
      else
        g_assert_not_reached ();
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
remember_reference (Exporter  *exporter,
                    GType      type,
                    gint64     id,
                    char     **uuid,
                    GError   **error)
{
  g_autoptr(DcRecord) record = NULL;
  int index = catalogue_index (type);

  *uuid = NULL;
  if (id == 0)
    return TRUE;

  record = dc_store_load (exporter->store, type, id, error);
  if (record == NULL)
    return FALSE;
  *uuid = g_strdup (dc_record_get_uuid (record));

  if (index >= 0 && !g_hash_table_contains (exporter->catalogue[index], *uuid))
    {
      JsonNode *node;

      node = record_to_json (exporter, record, NULL, error);
      if (node == NULL)
        return FALSE;
      g_hash_table_insert (exporter->catalogue[index], g_strdup (*uuid), node);
    }

  return TRUE;
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  DcSession *sa = *(DcSession **) a;
  DcSession *sb = *(DcSession **) b;
  int cmp = g_strcmp0 (dc_session_get_started_at (sa), dc_session_get_started_at (sb));

  if (cmp != 0)
    return cmp;
  return g_strcmp0 (dc_record_get_uuid (DC_RECORD (sa)), dc_record_get_uuid (DC_RECORD (sb)));
}

static int
compare_uuids (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (dc_record_get_uuid (*(DcRecord **) a),
                    dc_record_get_uuid (*(DcRecord **) b));
}

/* Lists children sorted so that the export does not depend on row ids. */
static GPtrArray *
list_sorted (DcStore       *store,
             GType          type,
             gint64         parent_id,
             GCompareFunc   compare,
             GError       **error)
{
  g_autoptr(GListModel) list = dc_store_list (store, type, parent_id, error);
  GPtrArray *array;

  if (list == NULL)
    return NULL;

  array = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (array, g_list_model_get_item (list, i));
  g_ptr_array_sort (array, compare);

  return array;
}

static const struct
{
  const char *member;
  GType     (*get_type) (void);
} session_children[] = {
  { "product-uses", dc_product_use_get_type },
  { "zone-treatments", dc_zone_treatment_get_type },
  { "photos", dc_photo_get_type },
  { "side-effects", dc_side_effect_get_type },
  { "safety-acks", dc_safety_ack_get_type },
  /* Last: an addendum is written to a session already signed. */
  { "addenda", dc_addendum_get_type },
};

static JsonNode *
session_to_json (Exporter   *exporter,
                 DcSession  *session,
                 GError    **error)
{
  g_autoptr(JsonNode) node = record_to_json (exporter, DC_RECORD (session), "patient-id",
                                              error);
  JsonObject *object;

  if (node == NULL)
    return NULL;
  object = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (session_children); i++)
    {
      g_autoptr(GPtrArray) children = list_sorted (exporter->store,
                                                   session_children[i].get_type (),
                                                   dc_record_get_id (DC_RECORD (session)),
                                                   compare_uuids, error);
      JsonArray *array;

      if (children == NULL)
        return NULL;

      array = json_array_new ();
      json_object_set_array_member (object, session_children[i].member, array);
      for (guint j = 0; j < children->len; j++)
        {
          JsonNode *child = record_to_json (exporter, g_ptr_array_index (children, j),
                                            "session-id", error);

          if (child == NULL)
            return NULL;
          json_array_add_element (array, child);
        }
    }

  return g_steal_pointer (&node);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/**
 * dc_record_json_export_patient:
 *
 * Returns: (transfer full): the patient's whole record as pretty-printed
 *   JSON. Exporting, importing into an empty database and exporting again
 *   gives the same text.
 */
char *
dc_record_json_export_patient (DcStore  *store,
                               gint64    patient_id,
                               GError  **error)
{
  Exporter exporter = { store, { NULL } };
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *array;
  JsonNode *node;
  char *text = NULL;

  g_return_val_if_fail (DC_IS_STORE (store), NULL);

  for (guint i = 0; i < 4; i++)
    exporter.catalogue[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) json_node_unref);

  patient = dc_store_load (store, DC_TYPE_PATIENT, patient_id, error);
  if (patient == NULL)
    goto out;
  sessions = list_sorted (store, DC_TYPE_SESSION, patient_id, compare_sessions, error);
  if (sessions == NULL)
    goto out;

  root = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  json_node_take_object (root, object);
  json_object_set_string_member (object, "format", DC_RECORD_FORMAT_NAME);
  json_object_set_int_member (object, "version", DC_RECORD_FORMAT_VERSION);

  node = record_to_json (&exporter, DC_RECORD (patient), NULL, error);
  if (node == NULL)
    goto out;
  json_object_set_member (object, "patient", node);

  array = json_array_new ();
  json_object_set_array_member (object, "sessions", array);
  for (guint i = 0; i < sessions->len; i++)
    {
      node = session_to_json (&exporter, g_ptr_array_index (sessions, i), error);
      if (node == NULL)
        goto out;
      json_array_add_element (array, node);
    }

  /* Catalogue records sorted by UUID, so the text is stable. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree gpointer *keys = NULL;
      guint n_keys;

      array = json_array_new ();
      json_object_set_array_member (object, catalogue_members[i], array);
      keys = g_hash_table_get_keys_as_array (exporter.catalogue[i], &n_keys);
      qsort (keys, n_keys, sizeof (gpointer), compare_strings);
      for (guint j = 0; j < n_keys; j++)
        json_array_add_element (array,
                                json_node_ref (g_hash_table_lookup (exporter.catalogue[i],
                                                                    keys[j])));
    }

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

out:
  for (guint i = 0; i < 4; i++)
    g_hash_table_unref (exporter.catalogue[i]);
  return text;
}

/* Import ------------------------------------------------------------------- */

typedef struct
{
  JsonObject *root;
  DcPatient  *patient;
  /* UUID → row id of records saved or found during this import. */
  GHashTable *ids;
} Importer;

static gboolean
fail (GError     **error,
      const char  *where,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
      const char  *where,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: "where" names the place in the file, e.g. "session 3 › zone-treatments 2" */
  g_set_error (error, DC_ERROR, DC_ERROR_INVALID, _("%s: %s"), where, message);
  return FALSE;
}

/* The text of a member, or NULL when it is missing or not a string.
 * json_object_get_string_member_with_default() would warn about an object
 * or a list there, which a file from anywhere may hold. */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
get_int_member (JsonObject *object,
                const char *name,
                gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static gboolean
resolve_reference (DcStore     *store,
                   Importer    *importer,
                   GType        type,
                   const char  *uuid,
                   gint64      *id,
                   GError     **error)
{
  g_autoptr(DcRecord) existing = NULL;
  gpointer value;

  if (g_hash_table_lookup_extended (importer->ids, uuid, NULL, &value))
    {
      *id = *(gint64 *) value;
      return TRUE;
    }

  existing = dc_store_load_by_uuid (store, type, uuid, NULL);
  if (existing != NULL)
    {
      *id = dc_record_get_id (existing);
      return TRUE;
    }

  return FALSE;
}

static void
remember_id (Importer *importer,
             DcRecord *record)
{
  gint64 *id = g_new (gint64, 1);

  *id = dc_record_get_id (record);
  g_hash_table_insert (importer->ids, g_strdup (dc_record_get_uuid (record)), id);
}

static gboolean
value_from_json (JsonNode     *node,
                 GParamSpec   *field,
                 GValue       *value,
                 const char   *where,
                 GError      **error)
{
  GType type = field->value_type;
  gboolean is_null = JSON_NODE_HOLDS_NULL (node);
  GType node_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  g_value_init (value, type);

  if (type == G_TYPE_STRING)
    {
      if (!is_null && node_type != G_TYPE_STRING)
        return fail (error, where, _("“%s” must be text"), field->name);
      g_value_set_string (value, is_null ? NULL : json_node_get_string (node));
    }
  else if (type == G_TYPE_INT || type == G_TYPE_INT64)
    {
      gint64 v;

      if (node_type != G_TYPE_INT64)
        return fail (error, where, _("“%s” must be a whole number"), field->name);
      v = json_node_get_int (node);
      if (type == G_TYPE_INT)
        {
          GParamSpecInt *ispec = G_PARAM_SPEC_INT (field);

          if (v < ispec->minimum || v > ispec->maximum)
            return fail (error, where, _("“%s” is %" PRId64 ", outside %d–%d"),
                         field->name, v, ispec->minimum, ispec->maximum);
          g_value_set_int (value, (int) v);
        }
      else
        g_value_set_int64 (value, v);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      GParamSpecDouble *dspec = G_PARAM_SPEC_DOUBLE (field);
      double v;

      if (node_type != G_TYPE_DOUBLE && node_type != G_TYPE_INT64)
        return fail (error, where, _("“%s” must be a number"), field->name);
      v = json_node_get_double (node);
      if (!(v >= dspec->minimum && v <= dspec->maximum))
        return fail (error, where, _("“%s” is %g, outside %g–%g"), field->name, v,
                     dspec->minimum, dspec->maximum);
      g_value_set_double (value, v);
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      if (node_type != G_TYPE_BOOLEAN)
        return fail (error, where, _("“%s” must be true or false"), field->name);
      g_value_set_boolean (value, json_node_get_boolean (node));
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *ev = NULL;

      if (node_type == G_TYPE_STRING)
        ev = g_enum_get_value_by_nick (enum_class, json_node_get_string (node));
      if (ev == NULL)
        return fail (error, where, _("“%s” is not one of the known values"), field->name);
      g_value_set_enum (value, ev->value);
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      g_autoptr(GFlagsClass) flags_class = g_type_class_ref (type);
      guint flags = 0;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return fail (error, where, _("“%s” must be a list"), field->name);
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          GFlagsValue *fv = NULL;

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            fv = g_flags_get_value_by_nick (flags_class, json_node_get_string (element));
          if (fv == NULL)
            return fail (error, where, _("“%s” holds an unknown value"), field->name);
          flags |= fv->value;
        }
      g_value_set_flags (value, flags);
    }
  else if (type == G_TYPE_BYTES)
    {
      if (!is_null)
        {
          const char *text;
          gsize size;
          guchar *data;

          if (node_type != G_TYPE_STRING)
            return fail (error, where, _("“%s” must be base64 text"), field->name);
          text = json_node_get_string (node);
          if (strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
              != strlen (text))
            return fail (error, where, _("“%s” must be base64 text"), field->name);
          data = g_base64_decode (text, &size);
          g_value_take_boxed (value, g_bytes_new_take (data, size));
        }
    }
  else
    g_assert_not_reached ();

  return TRUE;
}

static gboolean
is_session_child (const char *member)
{
  for (guint i = 0; i < G_N_ELEMENTS (session_children); i++)
    if (g_str_equal (session_children[i].member, member))
      return TRUE;
  return FALSE;
}

/* Builds a record of @type from a JSON object, checking every member. */
static DcRecord *
record_from_json (DcStore     *store,
                  Importer    *importer,
                  GType        type,
                  JsonNode    *node,
                  const char  *owner_field,
                  const char  *where,
                  GError     **error)
{
  g_autoptr(DcRecord) record = g_object_new (type, NULL);
  DcRecordClass *klass = DC_RECORD_GET_CLASS (record);
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  const char *uuid;
  const char *created_at = NULL;
  const char *updated_at = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, where, _("expected an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  uuid = get_string_member (object, "uuid");
  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    {
      fail (error, where, _("“uuid” is missing or not a UUID"));
      return NULL;
    }
  dc_record_set_uuid (record, uuid);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (object, name);
      GParamSpec *field;
      GType reference;
      g_auto(GValue) value = G_VALUE_INIT;

      if (g_str_equal (name, "uuid"))
        continue;
      if (g_str_equal (name, "created-at") || g_str_equal (name, "updated-at"))
        {
          const char *text = JSON_NODE_HOLDS_VALUE (member)
                             && json_node_get_value_type (member) == G_TYPE_STRING
                             ? json_node_get_string (member) : NULL;

          if (!dc_timestamp_is_valid (text))
            {
              fail (error, where, _("“%s” must be a UTC timestamp"), name);
              return NULL;
            }
          if (name[0] == 'c')
            created_at = text;
          else
            updated_at = text;
          continue;
        }

      field = dc_record_class_find_field (klass, name);
      /* A session's children are read by the caller. */
      if (field == NULL && type == DC_TYPE_SESSION && is_session_child (name))
        continue;
      if (field == NULL || g_strcmp0 (name, owner_field) == 0)
        {
          fail (error, where, _("unknown member “%s”"), name);
          return NULL;
        }

      reference = dc_record_class_get_reference (klass, field);
      if (reference != G_TYPE_INVALID)
        {
          gint64 id = 0;

          if (!JSON_NODE_HOLDS_NULL (member))
            {
              const char *ref_uuid = JSON_NODE_HOLDS_VALUE (member)
                                     && json_node_get_value_type (member) == G_TYPE_STRING
                                     ? json_node_get_string (member) : NULL;

              if (ref_uuid == NULL || !resolve_reference (store, importer, reference, ref_uuid,
                                                          &id, error))
                {
                  fail (error, where, _("“%s” refers to a record that is not in the file"),
                        name);
                  return NULL;
                }
            }
          g_value_init (&value, G_TYPE_INT64);
          g_value_set_int64 (&value, id);
        }
      else if (!value_from_json (member, field, &value, where, error))
        return NULL;

      dc_record_set_field (record, field, &value);
    }

  if ((created_at == NULL) != (updated_at == NULL))
    {
      fail (error, where, _("“created-at” and “updated-at” go together"));
      return NULL;
    }
  dc_record_set_timestamps (record, created_at, updated_at);

  return g_steal_pointer (&record);
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           const char  *where,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (error, where, _("“%s” must be a list"), member);
      return NULL;
    }
  return json_node_get_array (node);
}

/* Saves a record read from the file: new ones are inserted; one whose UUID
 * is already in the database is the same record and is kept as it is. */
static gboolean
save_or_reuse (DcStore   *store,
               Importer  *importer,
               DcRecord  *record,
               GError   **error)
{
  g_autoptr(DcRecord) existing = dc_store_load_by_uuid (store, G_OBJECT_TYPE (record),
                                                        dc_record_get_uuid (record), NULL);

  if (existing != NULL)
    {
      dc_record_set_id (record, dc_record_get_id (existing));
      remember_id (importer, record);
      return TRUE;
    }

  if (!dc_store_save (store, record, error))
    return FALSE;
  remember_id (importer, record);
  return TRUE;
}

static gboolean
import_locked (DcStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Importer *importer = data;
  JsonObject *root = importer->root;
  g_autoptr(DcRecord) patient = NULL;
  g_autoptr(DcRecord) existing = NULL;
  JsonArray *sessions;
  JsonNode *patient_node;

  /* Catalogue first (lots after their products), so references resolve. */
  for (guint i = 0; i < 4; i++)
    {
      JsonArray *array = json_object_has_member (root, catalogue_members[i])
                         ? get_array (root, catalogue_members[i], catalogue_members[i], error)
                         : NULL;

      if (array == NULL && json_object_has_member (root, catalogue_members[i]))
        return FALSE;
      for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
        {
          g_autofree char *where = g_strdup_printf ("%s %u", catalogue_members[i], j + 1);
          g_autoptr(DcRecord) record = record_from_json (store, importer, catalogue_types ()[i],
                                                         json_array_get_element (array, j),
                                                         NULL, where, error);

          /* record_from_json() names the place itself. */
          if (record == NULL)
            return FALSE;
          if (!dc_record_validate (record, error)
              || !save_or_reuse (store, importer, record, error))
            {
              g_prefix_error (error, "%s: ", where);
              return FALSE;
            }
        }
    }

  patient_node = json_object_get_member (root, "patient");
  if (patient_node == NULL)
    return fail (error, "patient", _("the file holds no patient"));
  patient = record_from_json (store, importer, DC_TYPE_PATIENT, patient_node, NULL, "patient",
                              error);
  if (patient == NULL)
    return FALSE;

  existing = dc_store_load_by_uuid (store, DC_TYPE_PATIENT, dc_record_get_uuid (patient), NULL);
  if (existing != NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_EXISTS,
                   _("This patient (%s %s) is already in the database; nothing was imported"),
                   dc_patient_get_given_name (DC_PATIENT (existing)),
                   dc_patient_get_family_name (DC_PATIENT (existing)));
      return FALSE;
    }
  if (!dc_store_save (store, patient, error))
    {
      g_prefix_error (error, "patient: ");
      return FALSE;
    }

  sessions = get_array (root, "sessions", "sessions", error);
  if (sessions == NULL && json_object_has_member (root, "sessions"))
    return FALSE;

  for (guint i = 0; sessions != NULL && i < json_array_get_length (sessions); i++)
    {
      g_autofree char *where = g_strdup_printf ("session %u", i + 1);
      JsonNode *node = json_array_get_element (sessions, i);
      g_autoptr(DcRecord) session = record_from_json (store, importer, DC_TYPE_SESSION, node,
                                                      "patient-id", where, error);
      g_autoptr(DcSession) signed_copy = NULL;

      if (session == NULL)
        return FALSE;
      dc_session_set_patient_id (DC_SESSION (session), dc_record_get_id (patient));

      /* A signed session takes no zones or photos: it goes in as a draft
       * and is signed, as it was, once they are in. */
      signed_copy = dc_session_get_status (DC_SESSION (session)) == DC_SESSION_SIGNED
                    ? DC_SESSION (dc_record_copy (session)) : NULL;
      if (signed_copy != NULL)
        {
          dc_session_set_status (DC_SESSION (session), DC_SESSION_DRAFT);
          dc_session_set_signed_by (DC_SESSION (session), 0);
          dc_session_set_signed_at (DC_SESSION (session), NULL);
        }
      if (!dc_store_save (store, session, error))
        {
          g_prefix_error (error, "%s: ", where);
          return FALSE;
        }

      for (guint c = 0; c < G_N_ELEMENTS (session_children); c++)
        {
          JsonObject *session_object = json_node_get_object (node);
          JsonArray *children = get_array (session_object, session_children[c].member, where,
                                           error);

          if (children == NULL && json_object_has_member (session_object,
                                                          session_children[c].member))
            return FALSE;

          if (session_children[c].get_type == dc_addendum_get_type && signed_copy != NULL)
            {
              dc_record_set_id (DC_RECORD (signed_copy), dc_record_get_id (session));
              if (!_dc_store_save_restored (store, DC_RECORD (signed_copy), error))
                {
                  g_prefix_error (error, "%s: ", where);
                  return FALSE;
                }
              g_clear_object (&signed_copy);
            }

          for (guint j = 0; children != NULL && j < json_array_get_length (children); j++)
            {
              g_autofree char *child_where = g_strdup_printf ("%s › %s %u", where,
                                                              session_children[c].member, j + 1);
              g_autoptr(DcRecord) child =
                record_from_json (store, importer, session_children[c].get_type (),
                                  json_array_get_element (children, j), "session-id",
                                  child_where, error);
              GParamSpec *owner;
              g_auto(GValue) owner_id = G_VALUE_INIT;

              if (child == NULL)
                return FALSE;
              owner = dc_record_class_find_field (DC_RECORD_GET_CLASS (child), "session-id");
              g_value_init (&owner_id, G_TYPE_INT64);
              g_value_set_int64 (&owner_id, dc_record_get_id (session));
              dc_record_set_field (child, owner, &owner_id);
              if (!dc_store_save (store, child, error))
                {
                  g_prefix_error (error, "%s: ", child_where);
                  return FALSE;
                }
            }
        }
    }

  importer->patient = g_object_ref (DC_PATIENT (patient));
  return TRUE;
}

/* A record nests five deep (the file, its sessions, a session, its zone
 * treatments, one of them); json-glib's parser recurses once per level, so
 * a file nesting a million brackets deep would overflow the stack before
 * any check of ours could refuse it. Count before parsing. */
#define MAX_NESTING 32

/* The value of the four hex digits at @p, or -1. */
static int
parse_hex4 (const char *p,
            gsize       available)
{
  int value = 0;

  if (available < 4)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value << 4 | digit;
    }
  return value;
}

/* What json-glib would take without a word but should not: bytes that are
 * not UTF-8 (its error messages quote them), "\u0000" (it cuts the text
 * short there, silently), UTF-16 surrogates that are not a pair (it makes
 * invalid UTF-8 of them), and nesting too deep for its parser. */
static gboolean
check_text (const char  *data,
            gsize        length,
            GError     **error)
{
  gboolean in_string = FALSE;
  const char *end;
  guint depth = 0;

  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("The file is not UTF-8 text (byte %zu is not)"),
                   (gsize) (end - data) + 1);
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      if (in_string)
        {
          int code, low;

          if (data[i] == '"')
            in_string = FALSE;
          if (data[i] != '\\' || ++i >= length || data[i] != 'u')
            continue;

          /* json-glib also reads "\\udate" as an escape, making a
           * surrogate of it. */
          code = parse_hex4 (data + i + 1, length - i - 1);
          low = code >= 0xd800 && code <= 0xdbff && length - i - 5 >= 2
                && data[i + 5] == '\\' && data[i + 6] == 'u'
                ? parse_hex4 (data + i + 7, length - i - 7) : -1;
          if (code <= 0 || (code >= 0xdc00 && code <= 0xdfff)
              || (code >= 0xd800 && code <= 0xdbff && !(low >= 0xdc00 && low <= 0xdfff)))
            {
              g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                           _("The file holds text that cannot be stored: the \\u escape at "
                             "byte %zu is not four hex digits, is a NUL "
                             "character or is half of a UTF-16 pair"), i);
              return FALSE;
            }
          i += low >= 0 ? 10 : 4;
        }
      else if (data[i] == '"')
        in_string = TRUE;
      else if (data[i] == '[' || data[i] == '{')
        {
          if (++depth > MAX_NESTING)
            {
              g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                           _("The file nests lists and objects deeper than any Dermachart "
                             "record; it is not one"));
              return FALSE;
            }
        }
      else if ((data[i] == ']' || data[i] == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/**
 * dc_record_json_import:
 *
 * Reads a record written by dc_record_json_export_patient() into @store.
 * All or nothing: any malformed or invalid member refuses the whole file
 * with a message naming the place, and the database is left unchanged.
 *
 * Returns: (transfer full): the imported patient
 */
DcPatient *
dc_record_json_import (DcStore     *store,
                       const char  *data,
                       gssize       length,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  Importer importer = { 0 };
  JsonNode *root;
  const char *format;
  gboolean ok;

  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (!check_text (data, length, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      /* json-glib quotes the text it choked on, cut at a byte count that
       * can fall inside a character. */
      g_autofree char *detail = g_utf8_make_valid (parse_error->message, -1);

      g_set_error (error, DC_ERROR, DC_ERROR_INVALID, _("The file is not valid JSON: %s"),
                   detail);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID, _("The file is not a Dermachart record"));
      return NULL;
    }
  importer.root = json_node_get_object (root);

  format = get_string_member (importer.root, "format");
  if (g_strcmp0 (format, DC_RECORD_FORMAT_NAME) != 0)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID, _("The file is not a Dermachart record"));
      return NULL;
    }
  if (get_int_member (importer.root, "version", 0) != DC_RECORD_FORMAT_VERSION)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("The record format version is not one this Dermachart reads"));
      return NULL;
    }

  importer.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ok = dc_store_transaction (store, import_locked, &importer, NULL, error);
  g_hash_table_unref (importer.ids);

  if (!ok)
    {
      g_clear_object (&importer.patient);
      return NULL;
    }
  return importer.patient;
}
