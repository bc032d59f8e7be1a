/* dc-device.h: the Device record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_DEVICE (dc_device_get_type ())

G_DECLARE_FINAL_TYPE (DcDevice, dc_device, DC, DEVICE, DcRecord)

DcDevice     *dc_device_new               (void);
DcDeviceKind  dc_device_get_kind          (DcDevice *self);
const char   *dc_device_get_make          (DcDevice *self);
const char   *dc_device_get_model         (DcDevice *self);
double        dc_device_get_depth_min     (DcDevice *self);
double        dc_device_get_depth_max     (DcDevice *self);
double        dc_device_get_depth_step    (DcDevice *self);
double        dc_device_get_needle_length (DcDevice *self);
int           dc_device_get_needle_count  (DcDevice *self);
int           dc_device_get_speed_min     (DcDevice *self);
int           dc_device_get_speed_max     (DcDevice *self);
DcEnergyUnit  dc_device_get_energy_unit   (DcDevice *self);
double        dc_device_get_energy_min    (DcDevice *self);
double        dc_device_get_energy_max    (DcDevice *self);
double        dc_device_get_pulse_min     (DcDevice *self);
double        dc_device_get_pulse_max     (DcDevice *self);
const char   *dc_device_get_tips          (DcDevice *self);
gboolean      dc_device_get_builtin       (DcDevice *self);
gboolean      dc_device_get_archived      (DcDevice *self);

void dc_device_set_kind (DcDevice *self,
    DcDeviceKind  kind);
void dc_device_set_make (DcDevice *self,
    const char *make);
void dc_device_set_model (DcDevice *self,
    const char *model);
void dc_device_set_depth_min (DcDevice *self,
    double depth_min);
void dc_device_set_depth_max (DcDevice *self,
    double depth_max);
void dc_device_set_depth_step (DcDevice *self,
    double depth_step);
void dc_device_set_needle_length (DcDevice *self,
    double needle_length);
void dc_device_set_needle_count (DcDevice *self,
    int needle_count);
void dc_device_set_speed_min (DcDevice *self,
    int speed_min);
void dc_device_set_speed_max (DcDevice *self,
    int speed_max);
void dc_device_set_energy_unit (DcDevice *self,
    DcEnergyUnit  energy_unit);
void dc_device_set_energy_min (DcDevice *self,
    double energy_min);
void dc_device_set_energy_max (DcDevice *self,
    double energy_max);
void dc_device_set_pulse_min (DcDevice *self,
    double pulse_min);
void dc_device_set_pulse_max (DcDevice *self,
    double pulse_max);
void dc_device_set_tips (DcDevice *self,
    const char *tips);
void dc_device_set_builtin (DcDevice *self,
    gboolean builtin);
void dc_device_set_archived (DcDevice *self,
    gboolean archived);

G_END_DECLS
