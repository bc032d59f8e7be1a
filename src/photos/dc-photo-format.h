/* dc-photo-format.h: what kind of photo a file is, told by its first bytes
 * (never by its name), and whether its container is complete. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DC_PHOTO_FORMAT_UNKNOWN,
  DC_PHOTO_FORMAT_JPEG,
  DC_PHOTO_FORMAT_PNG,
  DC_PHOTO_FORMAT_WEBP,
  DC_PHOTO_FORMAT_HEIF,
} DcPhotoFormat;

DcPhotoFormat  dc_photo_format_sniff           (const guint8   *data,
                                                gsize           length);
gboolean       dc_photo_format_scan            (DcPhotoFormat   format,
                                                const guint8   *data,
                                                gsize           length,
                                                const guint8  **exif,
                                                gsize          *exif_length);
const char    *dc_photo_format_get_extension   (DcPhotoFormat   format);
const char    *dc_photo_format_get_name        (DcPhotoFormat   format);
gboolean       dc_photo_format_is_loader       (DcPhotoFormat   format,
                                                const char     *loader_name);

G_END_DECLS
