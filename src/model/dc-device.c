/* dc-device.c: the Device record. */

#include "config.h"

#include "dc-device.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcDevice
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcDevice, dc_device, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_MAKE,
  PROP_MODEL,
  PROP_DEPTH_MIN,
  PROP_DEPTH_MAX,
  PROP_DEPTH_STEP,
  PROP_NEEDLE_LENGTH,
  PROP_NEEDLE_COUNT,
  PROP_SPEED_MIN,
  PROP_SPEED_MAX,
  PROP_ENERGY_UNIT,
  PROP_ENERGY_MIN,
  PROP_ENERGY_MAX,
  PROP_PULSE_MIN,
  PROP_PULSE_MAX,
  PROP_TIPS,
  PROP_BUILTIN,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_device_validate (DcRecord  *record,
                    GError   **error)
{
  DcDevice    *self = DC_DEVICE (record);
  DcDeviceKind kind = dc_device_get_kind (self);
  double       depth_min = dc_device_get_depth_min (self);
  double       depth_max = dc_device_get_depth_max (self);

  if (dc_device_get_model (self) == NULL)
    return dc_validation_error (error, _("The device needs a model name"));

  if (kind == DC_DEVICE_ROLLER)
    {
      if (dc_device_get_needle_length (self) <= 0)
        return dc_validation_error (error, _("A roller needs its fixed needle length"));
      return TRUE;
    }

  if (depth_max <= 0 || depth_min > depth_max)
    return dc_validation_error (error, _("The device’s depth range is empty"));
  /* A pen is set in steps the practitioner must stay on. An RF handpiece's
   * steps may be left unset until the clinic looks them up. */
  if (kind == DC_DEVICE_PEN && dc_device_get_depth_step (self) <= 0)
    return dc_validation_error (error, _("The device needs a depth step"));
  if (dc_device_get_speed_min (self) > dc_device_get_speed_max (self))
    return dc_validation_error (error, _("The device’s speed range is empty"));

  if (kind == DC_DEVICE_RF)
    {
      /* No energy or pulse range means "not set": the values are recorded
       * unchecked until the clinic enters the range from the manual. */
      if (dc_device_get_energy_min (self) > dc_device_get_energy_max (self))
        return dc_validation_error (error, _("The device’s energy range is empty"));
      if (dc_device_get_energy_max (self) > 0
          && dc_device_get_energy_unit (self) == DC_ENERGY_NONE)
        return dc_validation_error (error, _("An energy range needs its unit"));
      if (dc_device_get_pulse_min (self) > dc_device_get_pulse_max (self))
        return dc_validation_error (error, _("The device’s pulse range is empty"));
    }

  return TRUE;
}

static void
dc_device_class_init (DcDeviceClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "device";
  record_class->sort_field = "model";
  record_class->validate = dc_device_validate;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, DC_TYPE_DEVICE_KIND, DC_DEVICE_PEN,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAKE] =
    g_param_spec_string ("make", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH_MIN] =
    g_param_spec_double ("depth-min", NULL, NULL, 0.0, 10.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH_MAX] =
    g_param_spec_double ("depth-max", NULL, NULL, 0.0, 10.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH_STEP] =
    g_param_spec_double ("depth-step", NULL, NULL, 0.0, 10.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDLE_LENGTH] =
    g_param_spec_double ("needle-length", NULL, NULL, 0.0, 10.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDLE_COUNT] =
    g_param_spec_int ("needle-count", NULL, NULL, 0, 2000, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED_MIN] =
    g_param_spec_int ("speed-min", NULL, NULL, 0, 100, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED_MAX] =
    g_param_spec_int ("speed-max", NULL, NULL, 0, 100, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENERGY_UNIT] =
    g_param_spec_enum ("energy-unit", NULL, NULL, DC_TYPE_ENERGY_UNIT, DC_ENERGY_NONE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENERGY_MIN] =
    g_param_spec_double ("energy-min", NULL, NULL, 0.0, 1000.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENERGY_MAX] =
    g_param_spec_double ("energy-max", NULL, NULL, 0.0, 1000.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PULSE_MIN] =
    g_param_spec_double ("pulse-min", NULL, NULL, 0.0, 10000.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PULSE_MAX] =
    g_param_spec_double ("pulse-max", NULL, NULL, 0.0, 10000.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIPS] =
    g_param_spec_string ("tips", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUILTIN] =
    g_param_spec_boolean ("builtin", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
}

static void
dc_device_init (DcDevice *self)
{
}

DcDevice *
dc_device_new (void)
{
  return g_object_new (DC_TYPE_DEVICE, NULL);
}

DcDeviceKind
dc_device_get_kind (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return (DcDeviceKind)_dc_record_get_enum (self, PROP_KIND);
}

void
dc_device_set_kind (DcDevice     *self,
                    DcDeviceKind  kind)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_KIND, kind);
}

const char *
dc_device_get_make (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), NULL);

  return _dc_record_get_string (self, PROP_MAKE);
}

void
dc_device_set_make (DcDevice   *self,
                    const char *make)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_MAKE, make);
}

const char *
dc_device_get_model (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), NULL);

  return _dc_record_get_string (self, PROP_MODEL);
}

void
dc_device_set_model (DcDevice   *self,
                     const char *model)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_MODEL, model);
}

double
dc_device_get_depth_min (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_double (self, PROP_DEPTH_MIN);
}

void
dc_device_set_depth_min (DcDevice *self,
                         double    depth_min)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_DEPTH_MIN, depth_min);
}

double
dc_device_get_depth_max (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_double (self, PROP_DEPTH_MAX);
}

void
dc_device_set_depth_max (DcDevice *self,
                         double    depth_max)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_DEPTH_MAX, depth_max);
}

double
dc_device_get_depth_step (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_double (self, PROP_DEPTH_STEP);
}

void
dc_device_set_depth_step (DcDevice *self,
                          double    depth_step)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_DEPTH_STEP, depth_step);
}

double
dc_device_get_needle_length (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_double (self, PROP_NEEDLE_LENGTH);
}

void
dc_device_set_needle_length (DcDevice *self,
                             double    needle_length)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_NEEDLE_LENGTH, needle_length);
}

int
dc_device_get_needle_count (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_int (self, PROP_NEEDLE_COUNT);
}

void
dc_device_set_needle_count (DcDevice *self,
                            int       needle_count)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_NEEDLE_COUNT, needle_count);
}

int
dc_device_get_speed_min (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_int (self, PROP_SPEED_MIN);
}

void
dc_device_set_speed_min (DcDevice *self,
                         int       speed_min)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_SPEED_MIN, speed_min);
}

int
dc_device_get_speed_max (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_int (self, PROP_SPEED_MAX);
}

void
dc_device_set_speed_max (DcDevice *self,
                         int       speed_max)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_SPEED_MAX, speed_max);
}

DcEnergyUnit
dc_device_get_energy_unit (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return (DcEnergyUnit)_dc_record_get_enum (self, PROP_ENERGY_UNIT);
}

void
dc_device_set_energy_unit (DcDevice     *self,
                           DcEnergyUnit  energy_unit)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_ENERGY_UNIT, energy_unit);
}

double
dc_device_get_energy_min (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_double (self, PROP_ENERGY_MIN);
}

void
dc_device_set_energy_min (DcDevice *self,
                          double    energy_min)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_ENERGY_MIN, energy_min);
}

double
dc_device_get_energy_max (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_double (self, PROP_ENERGY_MAX);
}

void
dc_device_set_energy_max (DcDevice *self,
                          double    energy_max)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_ENERGY_MAX, energy_max);
}

double
dc_device_get_pulse_min (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_double (self, PROP_PULSE_MIN);
}

void
dc_device_set_pulse_min (DcDevice *self,
                         double    pulse_min)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_PULSE_MIN, pulse_min);
}

double
dc_device_get_pulse_max (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_double (self, PROP_PULSE_MAX);
}

void
dc_device_set_pulse_max (DcDevice *self,
                         double    pulse_max)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_PULSE_MAX, pulse_max);
}

const char *
dc_device_get_tips (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), NULL);

  return _dc_record_get_string (self, PROP_TIPS);
}

void
dc_device_set_tips (DcDevice   *self,
                    const char *tips)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_TIPS, tips);
}

gboolean
dc_device_get_builtin (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_boolean (self, PROP_BUILTIN);
}

void
dc_device_set_builtin (DcDevice *self,
                       gboolean  builtin)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_BUILTIN, builtin);
}

gboolean
dc_device_get_archived (DcDevice *self)
{
  g_return_val_if_fail (DC_IS_DEVICE (self), 0);

  return _dc_record_get_boolean (self, PROP_ARCHIVED);
}

void
dc_device_set_archived (DcDevice *self,
                        gboolean  archived)
{
  g_return_if_fail (DC_IS_DEVICE (self));

  _dc_record_set (self, PROP_ARCHIVED, archived);
}
