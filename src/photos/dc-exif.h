/* dc-exif.h: the little of EXIF that Dermachart reads from a photo: when it
 * was taken and which way up it is. Everything else (GPS, camera serial
 * numbers) is deliberately ignored, and never copied anywhere. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  /* The orientation tag (0x0112), 1–8, or 0 when absent or out of range. */
  guint orientation;
  /* DateTimeOriginal (0x9003), else DateTime (0x0132), as ISO 8601 local
   * time "YYYY-MM-DDTHH:MM:SS", or the empty string. EXIF has no zone. */
  char  taken_at[20];
} DcExifInfo;

gboolean dc_exif_parse (const guint8 *data,
                        gsize         length,
                        DcExifInfo   *info);

G_END_DECLS
