/* dc-demo.h: the demo clinic, invented patients for trying Dermachart. */
#pragma once

#include "dc-store.h"

G_BEGIN_DECLS

#define DC_DEMO_N_DEVICES 4

/* What the demo clinics' sessions refer to: two practitioners, a pen with
 * 0.1 mm steps, a pen with 0.25 mm steps, a 0.5 mm roller and an RF
 * handpiece, and the lots of an anaesthetic, a serum and cartridges. */
typedef struct
{
  DcPractitioner *practitioners[2];
  DcDevice       *devices[DC_DEMO_N_DEVICES];
  DcLot          *anaesthetic_lot;
  DcLot          *serum_lot;
  DcLot          *cartridge_lot;
} DcDemoCatalogue;

gboolean dc_demo_add_catalogue   (DcStore          *store,
                                  DcDemoCatalogue  *catalogue,
                                  GError          **error);
void     dc_demo_catalogue_clear (DcDemoCatalogue  *catalogue);
gboolean dc_demo_check_empty     (DcStore          *store,
                                  GError          **error);
char    *dc_demo_local_timestamp (GDateTime        *day,
                                  int               hour,
                                  int               minute);
gboolean dc_demo_acknowledge_warnings (DcStore         *store,
                                       DcPatient       *patient,
                                       DcSession       *session,
                                       DcPractitioner  *practitioner,
                                       DcDevice        *device,
                                       GDateTime       *day,
                                       GDateTime       *previous_day,
                                       GError         **error);
void     dc_demo_set_device_settings (DcZoneTreatment       *zone,
                                      DcDevice              *device,
                                      const DcDemoCatalogue *catalogue);

/* Fills an empty store with the demo clinic. Refuses (DC_ERROR_NOT_EMPTY) a
 * store that already holds patients. All or nothing. Usable directly as a
 * DcStoreFunc with dc_store_run_async(); data is ignored. Photos are
 * added by dc_demo_fill_async() (src/photos). */
gboolean dc_demo_fill (DcStore       *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error);

gboolean dc_demo_fill_unsigned (DcStore       *store,
                                GPtrArray     *to_sign,
                                GCancellable  *cancellable,
                                GError       **error);
gboolean dc_demo_sign          (DcStore       *store,
                                GPtrArray     *to_sign,
                                GError       **error);

G_END_DECLS
