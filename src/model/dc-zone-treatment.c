/* dc-zone-treatment.c: the ZoneTreatment record. */

#include "config.h"

#include "dc-zone-treatment.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-model.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcZoneTreatment
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcZoneTreatment, dc_zone_treatment, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_SESSION_ID,
  PROP_ZONE,
  PROP_DEVICE_ID,
  PROP_DEPTH_MM,
  PROP_PASSES,
  PROP_NEEDLE_COUNT,
  PROP_SPEED,
  PROP_CARTRIDGE_LOT_ID,
  PROP_ENERGY,
  PROP_PULSE_MS,
  PROP_RF_MODE,
  PROP_TIP_PINS,
  PROP_INSULATED,
  PROP_GUIDANCE_REASON,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_zone_treatment_validate (DcRecord  *record,
                            GError   **error)
{
  DcZoneTreatment *self = DC_ZONE_TREATMENT (record);

  if (dc_zone_treatment_get_session_id (self) == 0)
    return dc_validation_error (error, _("The zone treatment belongs to no session"));
  if (dc_zone_treatment_get_zone (self) == NULL)
    return dc_validation_error (error, _("The zone treatment names no zone"));
  if (dc_zone_treatment_get_depth_mm (self) <= 0)
    return dc_validation_error (error, _("The needle depth must be greater than zero"));

  return TRUE;
}

static void
dc_zone_treatment_class_init (DcZoneTreatmentClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "zone_treatment";
  record_class->parent_field = "session-id";
  record_class->sort_field = "zone";
  record_class->validate = dc_zone_treatment_validate;

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZONE] =
    g_param_spec_string ("zone", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVICE_ID] =
    g_param_spec_int64 ("device-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH_MM] =
    g_param_spec_double ("depth-mm", NULL, NULL, 0.0, 10.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PASSES] =
    g_param_spec_int ("passes", NULL, NULL, 0, 50, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDLE_COUNT] =
    g_param_spec_int ("needle-count", NULL, NULL, 0, 2000, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_int ("speed", NULL, NULL, 0, 100, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CARTRIDGE_LOT_ID] =
    g_param_spec_int64 ("cartridge-lot-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENERGY] =
    g_param_spec_double ("energy", NULL, NULL, 0.0, 1000.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PULSE_MS] =
    g_param_spec_double ("pulse-ms", NULL, NULL, 0.0, 10000.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RF_MODE] =
    g_param_spec_enum ("rf-mode", NULL, NULL, DC_TYPE_RF_MODE, DC_RF_MODE_NONE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIP_PINS] =
    g_param_spec_int ("tip-pins", NULL, NULL, 0, 1000, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSULATED] =
    g_param_spec_boolean ("insulated", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GUIDANCE_REASON] =
    g_param_spec_string ("guidance-reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
  dc_record_class_add_reference (record_class, "session-id", DC_TYPE_SESSION);
  dc_record_class_add_reference (record_class, "device-id", DC_TYPE_DEVICE);
  dc_record_class_add_reference (record_class, "cartridge-lot-id", DC_TYPE_LOT);
}

static void
dc_zone_treatment_init (DcZoneTreatment *self)
{
}

DcZoneTreatment *
dc_zone_treatment_new (void)
{
  return g_object_new (DC_TYPE_ZONE_TREATMENT, NULL);
}

gint64
dc_zone_treatment_get_session_id (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_int64 (self, PROP_SESSION_ID);
}

void
dc_zone_treatment_set_session_id (DcZoneTreatment *self,
                                  gint64           session_id)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_SESSION_ID, session_id);
}

const char *
dc_zone_treatment_get_zone (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), NULL);

  return _dc_record_get_string (self, PROP_ZONE);
}

void
dc_zone_treatment_set_zone (DcZoneTreatment *self,
                            const char      *zone)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_ZONE, zone);
}

gint64
dc_zone_treatment_get_device_id (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_int64 (self, PROP_DEVICE_ID);
}

void
dc_zone_treatment_set_device_id (DcZoneTreatment *self,
                                 gint64           device_id)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_DEVICE_ID, device_id);
}

double
dc_zone_treatment_get_depth_mm (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_double (self, PROP_DEPTH_MM);
}

void
dc_zone_treatment_set_depth_mm (DcZoneTreatment *self,
                                double           depth_mm)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_DEPTH_MM, depth_mm);
}

int
dc_zone_treatment_get_passes (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_int (self, PROP_PASSES);
}

void
dc_zone_treatment_set_passes (DcZoneTreatment *self,
                              int              passes)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_PASSES, passes);
}

int
dc_zone_treatment_get_needle_count (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_int (self, PROP_NEEDLE_COUNT);
}

void
dc_zone_treatment_set_needle_count (DcZoneTreatment *self,
                                    int              needle_count)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_NEEDLE_COUNT, needle_count);
}

int
dc_zone_treatment_get_speed (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_int (self, PROP_SPEED);
}

void
dc_zone_treatment_set_speed (DcZoneTreatment *self,
                             int              speed)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_SPEED, speed);
}

gint64
dc_zone_treatment_get_cartridge_lot_id (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_int64 (self, PROP_CARTRIDGE_LOT_ID);
}

void
dc_zone_treatment_set_cartridge_lot_id (DcZoneTreatment *self,
                                        gint64           cartridge_lot_id)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_CARTRIDGE_LOT_ID, cartridge_lot_id);
}

double
dc_zone_treatment_get_energy (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_double (self, PROP_ENERGY);
}

void
dc_zone_treatment_set_energy (DcZoneTreatment *self,
                              double           energy)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_ENERGY, energy);
}

double
dc_zone_treatment_get_pulse_ms (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_double (self, PROP_PULSE_MS);
}

void
dc_zone_treatment_set_pulse_ms (DcZoneTreatment *self,
                                double           pulse_ms)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_PULSE_MS, pulse_ms);
}

DcRfMode
dc_zone_treatment_get_rf_mode (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return (DcRfMode)_dc_record_get_enum (self, PROP_RF_MODE);
}

void
dc_zone_treatment_set_rf_mode (DcZoneTreatment *self,
                               DcRfMode         rf_mode)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_RF_MODE, rf_mode);
}

int
dc_zone_treatment_get_tip_pins (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_int (self, PROP_TIP_PINS);
}

void
dc_zone_treatment_set_tip_pins (DcZoneTreatment *self,
                                int              tip_pins)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_TIP_PINS, tip_pins);
}

gboolean
dc_zone_treatment_get_insulated (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), 0);

  return _dc_record_get_boolean (self, PROP_INSULATED);
}

void
dc_zone_treatment_set_insulated (DcZoneTreatment *self,
                                 gboolean         insulated)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_INSULATED, insulated);
}

const char *
dc_zone_treatment_get_guidance_reason (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), NULL);

  return _dc_record_get_string (self, PROP_GUIDANCE_REASON);
}

void
dc_zone_treatment_set_guidance_reason (DcZoneTreatment *self,
                                       const char      *guidance_reason)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_GUIDANCE_REASON, guidance_reason);
}

const char *
dc_zone_treatment_get_note (DcZoneTreatment *self)
{
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (self), NULL);

  return _dc_record_get_string (self, PROP_NOTE);
}

void
dc_zone_treatment_set_note (DcZoneTreatment *self,
                            const char      *note)
{
  g_return_if_fail (DC_IS_ZONE_TREATMENT (self));

  _dc_record_set (self, PROP_NOTE, note);
}
