/* dc-exif.c: a small EXIF (TIFF) reader for capture time and orientation.
 *
 * The input comes from any file a user picks, so it is treated as hostile:
 * every offset is checked against the block's length in 64-bit arithmetic
 * before it is read, IFDs are visited at most once each (IFD0 and the Exif
 * IFD it points to; no chains are followed, so no loops), and an entry count
 * is capped. Anything malformed simply yields nothing. */

#include "config.h"

#include "dc-exif.h"

#include <string.h>

#define TAG_ORIENTATION        0x0112
#define TAG_DATE_TIME          0x0132
#define TAG_EXIF_IFD           0x8769
#define TAG_DATE_TIME_ORIGINAL 0x9003

#define TYPE_ASCII 2
#define TYPE_SHORT 3
#define TYPE_LONG  4
#define TYPE_IFD   13

/* Real IFDs have a few dozen entries; this only bounds the work. */
#define MAX_ENTRIES 1024

/* "YYYY:MM:DD HH:MM:SS" */
#define EXIF_DATE_LENGTH 19

typedef struct
{
  const guint8 *data;
  gsize         length;
  gboolean      big_endian;
} Tiff;

typedef struct
{
  guint    orientation;
  guint32  exif_ifd;
  char     date_time[20];
  char     date_time_original[20];
} Found;

static gboolean
read_u16 (const Tiff *tiff,
          guint64     offset,
          guint      *value)
{
  const guint8 *p;

  if (offset > tiff->length || tiff->length - offset < 2)
    return FALSE;
  p = tiff->data + offset;
  *value = tiff->big_endian ? (guint) p[0] << 8 | p[1] : (guint) p[1] << 8 | p[0];
  return TRUE;
}

static gboolean
read_u32 (const Tiff *tiff,
          guint64     offset,
          guint32    *value)
{
  const guint8 *p;

  if (offset > tiff->length || tiff->length - offset < 4)
    return FALSE;
  p = tiff->data + offset;
  if (tiff->big_endian)
    *value = (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
  else
    *value = (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
  return TRUE;
}

static gboolean
parse_number (const char *text,
              guint       n_digits,
              guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (guint) (text[i] - '0');
    }
  return TRUE;
}

/* "2024:05:17 09:30:12" → "2024-05-17T09:30:12". Cameras that do not know
 * the time write blanks or zeros there, which is no time at all. */
static gboolean
parse_date_time (const char *text,
                 char        out[20])
{
  guint year, month, day, hour, minute, second;

  if (!parse_number (text, 4, &year) || (text[4] != ':' && text[4] != '-')
      || !parse_number (text + 5, 2, &month) || text[7] != text[4]
      || !parse_number (text + 8, 2, &day) || (text[10] != ' ' && text[10] != 'T')
      || !parse_number (text + 11, 2, &hour) || text[13] != ':'
      || !parse_number (text + 14, 2, &minute) || text[16] != ':'
      || !parse_number (text + 17, 2, &second))
    return FALSE;

  if (year < 1 || !g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59
      || second > 59)
    return FALSE;

  g_snprintf (out, 20, "%04u-%02u-%02uT%02u:%02u:%02u", year, month, day, hour, minute, second);
  return TRUE;
}

static void
read_date_time (const Tiff *tiff,
                guint       type,
                guint32     count,
                guint64     value_offset,
                char        out[20])
{
  guint32 offset;

  /* At 20 bytes the value never fits in the entry: it is at an offset. */
  if (type != TYPE_ASCII || count < EXIF_DATE_LENGTH || !read_u32 (tiff, value_offset, &offset))
    return;
  if (offset > tiff->length || tiff->length - offset < EXIF_DATE_LENGTH)
    return;
  if (!parse_date_time ((const char *) tiff->data + offset, out))
    out[0] = '\0';
}

static void
parse_ifd (const Tiff *tiff,
           guint32     offset,
           gboolean    is_ifd0,
           Found      *found)
{
  guint n_entries;

  if (!read_u16 (tiff, offset, &n_entries))
    return;
  n_entries = MIN (n_entries, MAX_ENTRIES);

  for (guint i = 0; i < n_entries; i++)
    {
      guint64 entry = (guint64) offset + 2 + 12 * (guint64) i;
      guint tag, type, value;
      guint32 count, value32;

      if (!read_u16 (tiff, entry, &tag) || !read_u16 (tiff, entry + 2, &type)
          || !read_u32 (tiff, entry + 4, &count))
        return;

      switch (tag)
        {
        case TAG_ORIENTATION:
          if (!is_ifd0 || count < 1)
            break;
          if (type == TYPE_SHORT && read_u16 (tiff, entry + 8, &value))
            found->orientation = value;
          else if (type == TYPE_LONG && read_u32 (tiff, entry + 8, &value32))
            found->orientation = value32;
          if (found->orientation < 1 || found->orientation > 8)
            found->orientation = 0;
          break;

        case TAG_DATE_TIME:
          if (is_ifd0)
            read_date_time (tiff, type, count, entry + 8, found->date_time);
          break;

        case TAG_EXIF_IFD:
          if (is_ifd0 && count == 1 && (type == TYPE_LONG || type == TYPE_IFD)
              && read_u32 (tiff, entry + 8, &value32) && value32 != offset)
            found->exif_ifd = value32;
          break;

        case TAG_DATE_TIME_ORIGINAL:
          if (!is_ifd0)
            read_date_time (tiff, type, count, entry + 8, found->date_time_original);
          break;

        default:
          break;
        }
    }
}

/**
 * dc_exif_parse:
 * @data: a TIFF structure ("II*\0…" or "MM\0*…"), optionally preceded by
 *   the "Exif\0\0" identifier of a JPEG APP1 segment
 * @info: (out): what was found; zeroed first
 *
 * Returns: %TRUE if @data starts like EXIF, even when it holds neither
 *   tag; %FALSE if it is not EXIF at all. Never reads outside @data.
 */
gboolean
dc_exif_parse (const guint8 *data,
               gsize         length,
               DcExifInfo   *info)
{
  Tiff tiff;
  Found found = { 0 };
  guint magic;
  guint32 ifd0;

  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (data == NULL)
    return FALSE;

  if (length >= 6 && memcmp (data, "Exif\0\0", 6) == 0)
    {
      data += 6;
      length -= 6;
    }
  if (length < 8)
    return FALSE;

  if (memcmp (data, "II", 2) == 0)
    tiff.big_endian = FALSE;
  else if (memcmp (data, "MM", 2) == 0)
    tiff.big_endian = TRUE;
  else
    return FALSE;
  tiff.data = data;
  tiff.length = length;

  if (!read_u16 (&tiff, 2, &magic) || magic != 42 || !read_u32 (&tiff, 4, &ifd0) || ifd0 < 8)
    return FALSE;

  parse_ifd (&tiff, ifd0, TRUE, &found);
  if (found.exif_ifd >= 8)
    parse_ifd (&tiff, found.exif_ifd, FALSE, &found);

  info->orientation = found.orientation;
  if (found.date_time_original[0] != '\0')
    memcpy (info->taken_at, found.date_time_original, sizeof info->taken_at);
  else
    memcpy (info->taken_at, found.date_time, sizeof info->taken_at);

  return TRUE;
}
