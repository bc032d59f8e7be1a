/* dc-photo-library-private.h: the durable file writing that the library
 * and the importer share. Nothing outside src/photos/ includes this. */
#pragma once

#include "dc-photo-library.h"

G_BEGIN_DECLS

gboolean _dc_photo_library_is_sha256   (const char   *text);
gboolean _dc_photo_library_ensure_dir  (const char   *path,
                                        GPtrArray    *created_dirs,
                                        GError      **error);
char    *_dc_photo_library_write_temp  (const char   *dir,
                                        const void   *data,
                                        gsize         length,
                                        GError      **error);
gboolean _dc_photo_library_commit      (const char   *temp_path,
                                        const char   *path,
                                        GError      **error);
gboolean _dc_photo_library_write_file  (const char   *path,
                                        const void   *data,
                                        gsize         length,
                                        GError      **error);
void     _dc_photo_library_remove_dirs (GPtrArray    *dirs);
gboolean _dc_photo_library_file_has_checksum (const char *path,
                                              const char *sha256);

G_END_DECLS
