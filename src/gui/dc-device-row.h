/* dc-device-row.h: one of the clinic's devices in the preferences, editable. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_DEVICE_ROW (dc_device_row_get_type ())

G_DECLARE_FINAL_TYPE (DcDeviceRow, dc_device_row, DC, DEVICE_ROW, AdwExpanderRow)

GtkWidget *dc_device_row_new         (DcDevice     *device);
DcDevice  *dc_device_row_get_device  (DcDeviceRow  *self);
void       dc_device_row_set_error   (DcDeviceRow  *self,
                                      const GError *error);
gboolean   dc_device_row_get_invalid (DcDeviceRow  *self);

G_END_DECLS
