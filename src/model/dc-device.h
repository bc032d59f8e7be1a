/* dc-device.h: the Device record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_DEVICE (dc_device_get_type ())

G_DECLARE_FINAL_TYPE (DcDevice, dc_device, DC, DEVICE, DcRecord)

DcDevice *dc_device_new (void);

DcDeviceKind  dc_device_get_kind (DcDevice *self);
void dc_device_set_kind (DcDevice *self,
    DcDeviceKind  kind);
const char *dc_device_get_make (DcDevice *self);
void dc_device_set_make (DcDevice *self,
    const char *make);
const char *dc_device_get_model (DcDevice *self);
void dc_device_set_model (DcDevice *self,
    const char *model);
double dc_device_get_depth_min (DcDevice *self);
void dc_device_set_depth_min (DcDevice *self,
    double depth_min);
double dc_device_get_depth_max (DcDevice *self);
void dc_device_set_depth_max (DcDevice *self,
    double depth_max);
double dc_device_get_depth_step (DcDevice *self);
void dc_device_set_depth_step (DcDevice *self,
    double depth_step);
double dc_device_get_needle_length (DcDevice *self);
void dc_device_set_needle_length (DcDevice *self,
    double needle_length);
int dc_device_get_needle_count (DcDevice *self);
void dc_device_set_needle_count (DcDevice *self,
    int needle_count);
int dc_device_get_speed_min (DcDevice *self);
void dc_device_set_speed_min (DcDevice *self,
    int speed_min);
int dc_device_get_speed_max (DcDevice *self);
void dc_device_set_speed_max (DcDevice *self,
    int speed_max);
DcEnergyUnit  dc_device_get_energy_unit (DcDevice *self);
void dc_device_set_energy_unit (DcDevice *self,
    DcEnergyUnit  energy_unit);
double dc_device_get_energy_min (DcDevice *self);
void dc_device_set_energy_min (DcDevice *self,
    double energy_min);
double dc_device_get_energy_max (DcDevice *self);
void dc_device_set_energy_max (DcDevice *self,
    double energy_max);
double dc_device_get_pulse_min (DcDevice *self);
void dc_device_set_pulse_min (DcDevice *self,
    double pulse_min);
double dc_device_get_pulse_max (DcDevice *self);
void dc_device_set_pulse_max (DcDevice *self,
    double pulse_max);
const char *dc_device_get_tips (DcDevice *self);
void dc_device_set_tips (DcDevice *self,
    const char *tips);
gboolean dc_device_get_builtin (DcDevice *self);
void dc_device_set_builtin (DcDevice *self,
    gboolean builtin);
gboolean dc_device_get_archived (DcDevice *self);
void dc_device_set_archived (DcDevice *self,
    gboolean archived);

G_END_DECLS
