/* dc-demo-photos.h: synthetic clinical photos for the demo clinic. */
#pragma once

#include <gio/gio.h>

#include "dc-enums.h"
#include "dc-store.h"

G_BEGIN_DECLS

GBytes *dc_demo_photo_render (DcPhotoView    view,
                              DcPhotoPhase   phase,
                              int            fitzpatrick,
                              double         severity,
                              const char    *caption,
                              GError       **error);

gboolean dc_demo_fill_full    (DcStore              *store,
                              GPtrArray            *to_sign,
                              GCancellable         *cancellable,
                              GError              **error);
gboolean dc_demo_add_photos   (DcStore              *store,
                              GPtrArray            *to_sign,
                              GCancellable         *cancellable,
                              GError              **error);

void     dc_demo_fill_async   (DcStore              *store,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
gboolean dc_demo_fill_finish  (DcStore              *store,
                              GAsyncResult         *result,
                              GError              **error);

G_END_DECLS
