/* dc-photo-texture.h: a photo library file as a texture, decoded off the
 * main thread. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void         dc_photo_texture_load_async  (const char           *path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
void         dc_photo_texture_load_cover_async
                                          (const char           *path,
                                           int                   width,
                                           int                   height,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GdkTexture  *dc_photo_texture_load_finish (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
