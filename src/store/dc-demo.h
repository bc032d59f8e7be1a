/* dc-demo.h: the demo clinic, invented patients for trying Dermachart. */
#pragma once

#include "dc-store.h"

G_BEGIN_DECLS

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
