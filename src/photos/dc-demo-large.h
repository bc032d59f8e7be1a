/* dc-demo-large.h: a large invented clinic, for measuring Dermachart at the
 * size of a clinic that has used it for ten years. */
#pragma once

#include <gio/gio.h>

#include "dc-store.h"

G_BEGIN_DECLS

#define DC_DEMO_LARGE_PATIENTS 10000

/* The first patient of a large clinic has this many sessions, with
 * DC_DEMO_LARGE_BUSY_PHOTOS photos between them: the one to open when
 * measuring a long record. */
#define DC_DEMO_LARGE_BUSY_FAMILY_NAME "Amberg"
#define DC_DEMO_LARGE_BUSY_GIVEN_NAME  "Liselotte"
#define DC_DEMO_LARGE_BUSY_SESSIONS    50
#define DC_DEMO_LARGE_BUSY_PHOTOS      200

/* Called after each batch of patients, from the calling thread. */
typedef void (*DcDemoLargeProgress) (guint     n_done,
                                     guint     n_total,
                                     gpointer  user_data);

gboolean dc_demo_large_fill (DcStore              *store,
                             guint                 n_patients,
                             DcDemoLargeProgress   progress,
                             gpointer              user_data,
                             GCancellable         *cancellable,
                             GError              **error);

G_END_DECLS
