/* dc-zone-rules.h: what a zone treatment must meet: the device's limits
 * (hard) and the zone's depth guidance (a warning that needs a reason). */
#pragma once

#include "dc-model.h"
#include "dc-store.h"
#include "dc-zone-catalogue.h"

G_BEGIN_DECLS

gboolean dc_zone_rules_check_device   (DcZoneCatalogue  *catalogue,
                                       DcZoneTreatment  *treatment,
                                       DcDevice         *device,
                                       GError          **error);
gboolean dc_zone_rules_get_guidance   (DcZoneCatalogue  *catalogue,
                                       GListModel       *overrides,
                                       const char       *zone_id,
                                       DcDeviceKind      family,
                                       DcZoneGuidance   *guidance);
gboolean dc_zone_rules_within_guidance (DcZoneCatalogue *catalogue,
                                        GListModel      *overrides,
                                        DcZoneTreatment *treatment,
                                        DcDeviceKind     family,
                                        DcZoneGuidance  *guidance);
gboolean dc_zone_rules_check          (DcZoneCatalogue  *catalogue,
                                       GListModel       *overrides,
                                       DcZoneTreatment  *treatment,
                                       DcDevice         *device,
                                       GError          **error);
void     dc_zone_rules_install        (DcStore          *store);

G_END_DECLS
