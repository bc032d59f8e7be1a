/* dc-device-presets.c: common device models a clinic can start from.
 *
 * The presets are data (data/dc-device-presets.ini, compiled in as a
 * resource): one group per model whose keys are DcDevice fields. A clinic
 * adds a preset as its own device, which it can then edit; the copy keeps
 * the preset's UUID, so that an exported record using a preset imports
 * into any clinic that added the same preset. */

#include "config.h"

#include "dc-device-presets.h"

#include "dc-model.h"

#define PRESETS_RESOURCE "/io/github/dermachart/Dermachart/chart/dc-device-presets.ini"

/* Keys that document a preset rather than describe the device. */
static const char *const ignored_keys[] = { "uuid", "source", NULL };

static gboolean
set_field (DcDevice    *device,
           GKeyFile    *key_file,
           const char  *group,
           const char  *key,
           GError     **error)
{
  GParamSpec *pspec = dc_record_class_find_field (DC_RECORD_GET_CLASS (device), key);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;
  GType type;

  if (pspec == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                   "[%s] %s is not a device field", group, key);
      return FALSE;
    }

  text = g_key_file_get_string (key_file, group, key, error);
  if (text == NULL)
    return FALSE;

  type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_value_init (&value, type);

  if (type == G_TYPE_STRING)
    {
      g_value_set_string (&value, text);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      char *end = NULL;
      double number = g_ascii_strtod (text, &end);

      if (end == text || *end != '\0')
        goto invalid;
      g_value_set_double (&value, number);
    }
  else if (type == G_TYPE_INT)
    {
      gint64 number;

      if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
        goto invalid;
      g_value_set_int (&value, (int) number);
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      gboolean flag = g_key_file_get_boolean (key_file, group, key, error);

      if (error != NULL && *error != NULL)
        return FALSE;
      g_value_set_boolean (&value, flag);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *enum_value = g_enum_get_value_by_nick (enum_class, text);

      if (enum_value == NULL)
        goto invalid;
      g_value_set_enum (&value, enum_value->value);
    }
  else
    {
      goto invalid;
    }

  if (g_param_value_validate (pspec, &value))
    goto invalid;

  g_object_set_property (G_OBJECT (device), key, &value);
  return TRUE;

invalid:
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               "[%s] %s = “%s” is not a valid value", group, key, text);
  return FALSE;
}

static DcDevice *
load_preset (GKeyFile    *key_file,
             const char  *group,
             GError     **error)
{
  g_autoptr(DcDevice) device = dc_device_new ();
  g_auto(GStrv) keys = NULL;
  g_autofree char *uuid = NULL;

  uuid = g_key_file_get_string (key_file, group, "uuid", error);
  if (uuid == NULL)
    return NULL;
  if (!g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s] “%s” is not a UUID", group, uuid);
      return NULL;
    }
  dc_record_set_uuid (DC_RECORD (device), uuid);

  keys = g_key_file_get_keys (key_file, group, NULL, error);
  if (keys == NULL)
    return NULL;
  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_strv_contains (ignored_keys, keys[i])
        && !set_field (device, key_file, group, keys[i], error))
      return NULL;

  dc_device_set_builtin (device, TRUE);
  if (!dc_record_validate (DC_RECORD (device), error))
    {
      g_prefix_error (error, "[%s] ", group);
      return NULL;
    }

  return g_steal_pointer (&device);
}

static GListModel *
load_presets (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GListStore) presets = g_list_store_new (DC_TYPE_DEVICE);
  g_auto(GStrv) groups = NULL;

  bytes = g_resources_lookup_data (PRESETS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  if (!g_key_file_load_from_bytes (key_file, bytes, G_KEY_FILE_NONE, error))
    return NULL;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(DcDevice) device = load_preset (key_file, groups[i], error);

      if (device == NULL)
        return NULL;
      g_list_store_append (presets, device);
    }

  return G_LIST_MODEL (g_steal_pointer (&presets));
}

/**
 * dc_device_presets_get_default:
 *
 * The presets compiled into the program, in the order of the data file.
 * They are shared: copy one with dc_device_presets_instantiate() before
 * changing or saving it.
 *
 * Returns: (transfer none): a list of DcDevice
 */
GListModel *
dc_device_presets_get_default (void)
{
  static GListModel *presets;

  if (g_once_init_enter (&presets))
    {
      g_autoptr(GError) error = NULL;
      GListModel *loaded = load_presets (&error);

      if (loaded == NULL)
        g_error ("The built-in device presets are broken: %s", error->message);
      g_once_init_leave (&presets, loaded);
    }

  return presets;
}

/**
 * dc_device_presets_lookup:
 *
 * Returns: (transfer none) (nullable): the preset with @uuid
 */
DcDevice *
dc_device_presets_lookup (const char *uuid)
{
  GListModel *presets = dc_device_presets_get_default ();
  guint n_items = g_list_model_get_n_items (presets);

  g_return_val_if_fail (uuid != NULL, NULL);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcDevice) preset = g_list_model_get_item (presets, i);

      if (g_str_equal (dc_record_get_uuid (DC_RECORD (preset)), uuid))
        return preset;
    }

  return NULL;
}

/**
 * dc_device_presets_instantiate:
 *
 * A new, unsaved device holding what @preset holds, with its UUID.
 *
 * Returns: (transfer full): the clinic's copy
 */
DcDevice *
dc_device_presets_instantiate (DcDevice *preset)
{
  g_return_val_if_fail (DC_IS_DEVICE (preset), NULL);

  return DC_DEVICE (dc_record_copy (DC_RECORD (preset)));
}
