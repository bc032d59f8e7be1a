/* dc-photo-format.c: format sniffing and container walks.
 *
 * The walks check only the framing (markers, chunks, boxes) — cheap, bounded
 * by the file's length, and enough to tell a truncated file, which decoders
 * happily turn into a half-grey picture, from a complete one. They also find
 * the EXIF block where the format has one. */

#include "config.h"

#include "dc-photo-format.h"

#include <string.h>

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

static gboolean
is_heic_brand (const guint8 *brand)
{
  static const char *const brands[] = { "heic", "heix", "heim", "heis", "hevc", "hevx" };

  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (memcmp (brand, brands[i], 4) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_avif_brand (const guint8 *brand)
{
  return memcmp (brand, "avif", 4) == 0 || memcmp (brand, "avis", 4) == 0;
}

/* HEIC is an ISO base media file: a "ftyp" box whose brands say HEVC
 * images. The generic HEIF brands (mif1, msf1) count unless the file also
 * says AVIF, which is not among the formats Dermachart takes. */
static gboolean
sniff_heif (const guint8 *data,
            gsize         length)
{
  gsize box_size;
  gboolean generic;
  gboolean avif;

  if (length < 16 || memcmp (data + 4, "ftyp", 4) != 0)
    return FALSE;

  box_size = MIN (be32 (data), length);
  if (box_size < 16)
    return FALSE;

  if (is_heic_brand (data + 8))
    return TRUE;
  generic = memcmp (data + 8, "mif1", 4) == 0 || memcmp (data + 8, "msf1", 4) == 0;
  avif = is_avif_brand (data + 8);
  for (gsize pos = 16; pos + 4 <= box_size; pos += 4)
    {
      if (is_heic_brand (data + pos))
        return TRUE;
      avif = avif || is_avif_brand (data + pos);
    }

  return generic && !avif;
}

/**
 * dc_photo_format_sniff:
 *
 * Returns: the format the bytes say, or %DC_PHOTO_FORMAT_UNKNOWN.
 */
DcPhotoFormat
dc_photo_format_sniff (const guint8 *data,
                       gsize         length)
{
  if (data == NULL)
    return DC_PHOTO_FORMAT_UNKNOWN;

  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return DC_PHOTO_FORMAT_JPEG;
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return DC_PHOTO_FORMAT_PNG;
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return DC_PHOTO_FORMAT_WEBP;
  if (sniff_heif (data, length))
    return DC_PHOTO_FORMAT_HEIF;

  return DC_PHOTO_FORMAT_UNKNOWN;
}

/* Walks the marker segments up to EOI, stepping over the entropy-coded
 * data after each SOS (progressive files have several). Bytes after EOI
 * (phones append previews or videos there) are allowed. */
static gboolean
scan_jpeg (const guint8  *data,
           gsize          length,
           const guint8 **exif,
           gsize         *exif_length)
{
  gsize pos = 2;

  for (;;)
    {
      guint marker;
      gsize segment;

      if (pos >= length || data[pos] != 0xff)
        return FALSE;
      while (pos < length && data[pos] == 0xff)
        pos++;
      if (pos >= length)
        return FALSE;
      marker = data[pos++];

      if (marker == 0xd9)
        return TRUE;
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;
      if (marker == 0x00 || marker == 0xd8)
        return FALSE;

      if (length - pos < 2)
        return FALSE;
      segment = (gsize) data[pos] << 8 | data[pos + 1];
      if (segment < 2 || length - pos < segment)
        return FALSE;

      if (marker == 0xe1 && *exif == NULL && segment >= 2 + 6
          && memcmp (data + pos + 2, "Exif\0\0", 6) == 0)
        {
          *exif = data + pos + 2;
          *exif_length = segment - 2;
        }
      pos += segment;

      if (marker == 0xda)
        {
          /* Entropy-coded data ends at the first marker that is neither a
           * stuffed 0xff00 nor a restart marker. */
          while (pos + 1 < length)
            {
              if (data[pos] == 0xff && data[pos + 1] != 0x00 && data[pos + 1] != 0xff
                  && !(data[pos + 1] >= 0xd0 && data[pos + 1] <= 0xd7))
                break;
              pos++;
            }
          if (pos + 1 >= length)
            return FALSE;
        }
    }
}

static gboolean
scan_png (const guint8  *data,
          gsize          length,
          const guint8 **exif,
          gsize         *exif_length)
{
  gsize pos = 8;
  gboolean first = TRUE;

  while (length - pos >= 12)
    {
      guint32 chunk = be32 (data + pos);
      const guint8 *type = data + pos + 4;

      if (chunk > G_MAXINT32 || length - pos - 12 < chunk)
        return FALSE;
      if (first && (memcmp (type, "IHDR", 4) != 0 || chunk != 13))
        return FALSE;
      first = FALSE;

      if (memcmp (type, "eXIf", 4) == 0 && *exif == NULL)
        {
          *exif = data + pos + 8;
          *exif_length = chunk;
        }
      if (memcmp (type, "IEND", 4) == 0)
        return TRUE;
      pos += 12 + (gsize) chunk;
    }

  return FALSE;
}

static gboolean
scan_webp (const guint8  *data,
           gsize          length,
           const guint8 **exif,
           gsize         *exif_length)
{
  gsize riff_end;
  gsize pos = 12;

  if (length < 12)
    return FALSE;
  riff_end = (gsize) le32 (data + 4) + 8;
  if (riff_end < 12 || riff_end > length)
    return FALSE;

  while (pos < riff_end && riff_end - pos >= 8)
    {
      gsize chunk = le32 (data + pos + 4);

      if (riff_end - pos - 8 < chunk)
        return FALSE;
      if (memcmp (data + pos, "EXIF", 4) == 0 && *exif == NULL)
        {
          *exif = data + pos + 8;
          *exif_length = chunk;
        }
      pos += 8 + chunk + (chunk & 1);
    }

  return TRUE;
}

/* Top-level boxes must fit in the file, and the "meta" box that holds a
 * HEIF's images must be among them; the decoder checks the rest. */
static gboolean
scan_heif (const guint8 *data,
           gsize         length)
{
  gboolean has_meta = FALSE;
  gsize pos = 0;

  while (pos < length)
    {
      guint64 box;
      gsize header = 8;

      if (length - pos < 8)
        return FALSE;
      has_meta = has_meta || memcmp (data + pos + 4, "meta", 4) == 0;
      box = be32 (data + pos);
      if (box == 0)
        return has_meta;
      if (box == 1)
        {
          if (length - pos < 16)
            return FALSE;
          box = (guint64) be32 (data + pos + 8) << 32 | be32 (data + pos + 12);
          header = 16;
        }
      if (box < header || box > length - pos)
        return FALSE;
      pos += box;
    }

  return has_meta;
}

/**
 * dc_photo_format_scan:
 * @exif: (out) (transfer none): the EXIF block inside @data, or %NULL
 *
 * Returns: %TRUE if the container of @format is complete: the file was not
 *   cut short and its framing holds together.
 */
gboolean
dc_photo_format_scan (DcPhotoFormat   format,
                      const guint8   *data,
                      gsize           length,
                      const guint8  **exif,
                      gsize          *exif_length)
{
  g_return_val_if_fail (exif != NULL && exif_length != NULL, FALSE);

  *exif = NULL;
  *exif_length = 0;
  if (data == NULL || dc_photo_format_sniff (data, length) != format)
    return FALSE;

  switch (format)
    {
    case DC_PHOTO_FORMAT_JPEG:
      return scan_jpeg (data, length, exif, exif_length);
    case DC_PHOTO_FORMAT_PNG:
      return scan_png (data, length, exif, exif_length);
    case DC_PHOTO_FORMAT_WEBP:
      return scan_webp (data, length, exif, exif_length);
    case DC_PHOTO_FORMAT_HEIF:
      return scan_heif (data, length);
    case DC_PHOTO_FORMAT_UNKNOWN:
    default:
      return FALSE;
    }
}

/* The extension of the original in the library. */
const char *
dc_photo_format_get_extension (DcPhotoFormat format)
{
  switch (format)
    {
    case DC_PHOTO_FORMAT_JPEG:
      return "jpg";
    case DC_PHOTO_FORMAT_PNG:
      return "png";
    case DC_PHOTO_FORMAT_WEBP:
      return "webp";
    case DC_PHOTO_FORMAT_HEIF:
      return "heic";
    case DC_PHOTO_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

/* The format's usual name, the same in every language. */
const char *
dc_photo_format_get_name (DcPhotoFormat format)
{
  switch (format)
    {
    case DC_PHOTO_FORMAT_JPEG:
      return "JPEG";
    case DC_PHOTO_FORMAT_PNG:
      return "PNG";
    case DC_PHOTO_FORMAT_WEBP:
      return "WebP";
    case DC_PHOTO_FORMAT_HEIF:
      return "HEIC";
    case DC_PHOTO_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * dc_photo_format_is_loader:
 * @loader_name: a gdk-pixbuf format name (gdk_pixbuf_format_get_name())
 *
 * Whether that gdk-pixbuf loader is the one for @format, so that a file we
 * sniffed as a JPEG is never handed to, say, the SVG loader.
 */
gboolean
dc_photo_format_is_loader (DcPhotoFormat  format,
                           const char    *loader_name)
{
  if (loader_name == NULL)
    return FALSE;

  switch (format)
    {
    case DC_PHOTO_FORMAT_JPEG:
      return g_str_equal (loader_name, "jpeg");
    case DC_PHOTO_FORMAT_PNG:
      return g_str_equal (loader_name, "png");
    case DC_PHOTO_FORMAT_WEBP:
      return g_str_equal (loader_name, "webp");
    case DC_PHOTO_FORMAT_HEIF:
      /* "heif" before libheif 1.13, "heif/avif" since. */
      return g_str_has_prefix (loader_name, "heif");
    case DC_PHOTO_FORMAT_UNKNOWN:
    default:
      return FALSE;
    }
}
