/* dc-device-presets.h: common device models a clinic can start from. */
#pragma once

#include <gio/gio.h>

#include "dc-device.h"

G_BEGIN_DECLS

GListModel *dc_device_presets_get_default (void);
DcDevice   *dc_device_presets_lookup      (const char *uuid);
DcDevice   *dc_device_presets_instantiate (DcDevice   *preset);

G_END_DECLS
