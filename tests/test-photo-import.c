/* test-photo-import.c: the photo import pipeline without a display: format
 * sniffing, the EXIF reader, orientation, derivatives, the library on disk,
 * refusal of bad files, duplicates, removal, and the batch importer in its
 * worker thread. Every image is generated here; none shows a face. */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dc-exif.h"
#include "dc-photo-format.h"
#include "dc-photo-import.h"
#include "dc-photo-importer.h"
#include "dc-photo-library.h"
#include "dc-demo-photos.h"
#include "dc-test-util.h"

/* The marker a planted GPS block carries, to look for in derivatives. */
#define GPS_MARKER "DCTEST-GPS-WGS84"

/* The test image: four quadrants of distinct colours, so that every one
 * of the eight orientations puts a different colour top-left. */
static const guint8 quadrant_colours[4][3] = {
  { 220, 30, 30 },   /* top left: red */
  { 30, 200, 30 },   /* top right: green */
  { 30, 30, 220 },   /* bottom left: blue */
  { 230, 220, 40 },  /* bottom right: yellow */
};

typedef struct
{
  StoreFixture  base;
  char         *input;  /* where the test writes the files it imports */
  gint64        patient_id;
  gint64        session_id;
} Fixture;

/* Helpers: images ------------------------------------------------------------ */

static void
put_pixel (GdkPixbuf    *pixbuf,
           int           x,
           int           y,
           const guint8 *rgb)
{
  guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
              + x * gdk_pixbuf_get_n_channels (pixbuf);

  memcpy (p, rgb, 3);
}

static const guint8 *
quadrant_at (int x,
             int y,
             int width,
             int height)
{
  return quadrant_colours[(y >= height / 2) * 2 + (x >= width / 2)];
}

/* The pixels as a camera stores them for EXIF @orientation, when the
 * picture the right way up is the @width × @height quadrant image. EXIF
 * says where the stored row 0 and column 0 are in the upright picture. */
static GdkPixbuf *
make_stored_image (int   width,
                   int   height,
                   guint orientation)
{
  gboolean swap = orientation >= 5;
  int sw = swap ? height : width;
  int sh = swap ? width : height;
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, sw, sh);

  for (int y = 0; y < sh; y++)
    for (int x = 0; x < sw; x++)
      {
        int vx, vy;

        switch (orientation)
          {
          case 2: vx = width - 1 - x; vy = y; break;
          case 3: vx = width - 1 - x; vy = height - 1 - y; break;
          case 4: vx = x; vy = height - 1 - y; break;
          case 5: vx = y; vy = x; break;
          case 6: vx = width - 1 - y; vy = x; break;
          case 7: vx = width - 1 - y; vy = height - 1 - x; break;
          case 8: vx = y; vy = height - 1 - x; break;
          default: vx = x; vy = y; break;
          }
        put_pixel (pixbuf, x, y, quadrant_at (vx, vy, width, height));
      }

  return pixbuf;
}

static GBytes *
encode (GdkPixbuf  *pixbuf,
        const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, "quality", "95", NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

static void
assert_colour (GdkPixbuf    *pixbuf,
               int           x,
               int           y,
               const guint8 *expected)
{
  const guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
                    + x * gdk_pixbuf_get_n_channels (pixbuf);

  for (guint c = 0; c < 3; c++)
    if (ABS ((int) p[c] - (int) expected[c]) > 48)
      g_error ("pixel %d,%d is %u,%u,%u, expected about %u,%u,%u", x, y, p[0], p[1], p[2],
               expected[0], expected[1], expected[2]);
}

/* Helpers: EXIF -------------------------------------------------------------- */

typedef struct
{
  GByteArray *buffer;
  gboolean    big_endian;
  gsize       base;  /* where the TIFF header starts: offsets count from there */
} Tiff;

static void
put16 (Tiff  *tiff,
       guint  value)
{
  guint8 b[2] = { value & 0xff, (value >> 8) & 0xff };

  if (tiff->big_endian)
    {
      b[0] = (value >> 8) & 0xff;
      b[1] = value & 0xff;
    }
  g_byte_array_append (tiff->buffer, b, 2);
}

static void
set32 (Tiff    *tiff,
       gsize    at,
       guint32  value)
{
  guint8 *p = tiff->buffer->data + at;

  for (guint i = 0; i < 4; i++)
    p[i] = tiff->big_endian ? (value >> (24 - 8 * i)) & 0xff : (value >> (8 * i)) & 0xff;
}

static gsize
put32 (Tiff    *tiff,
       guint32  value)
{
  gsize at = tiff->buffer->len;
  guint8 zero[4] = { 0 };

  g_byte_array_append (tiff->buffer, zero, 4);
  set32 (tiff, at, value);
  return at;
}

static guint32
here (Tiff *tiff)
{
  return tiff->buffer->len - tiff->base;
}

static void
put_string (Tiff       *tiff,
            const char *text)
{
  g_byte_array_append (tiff->buffer, (const guint8 *) text, strlen (text) + 1);
}

/* An APP1 payload: "Exif\0\0", a TIFF header, IFD0 with the orientation,
 * DateTime and pointers to an Exif IFD (DateTimeOriginal) and a GPS IFD
 * carrying GPS_MARKER — each only when asked for. */
static GBytes *
make_exif (gboolean    big_endian,
           guint       orientation,
           const char *date_time_original,
           const char *date_time,
           gboolean    with_gps)
{
  Tiff tiff = { g_byte_array_new (), big_endian, 6 };
  guint n_entries = (orientation != 0) + (date_time != NULL) + (date_time_original != NULL)
                    + with_gps;
  gsize date_time_at = 0, exif_at = 0, gps_at = 0, value_at;

  g_byte_array_append (tiff.buffer, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (tiff.buffer, (const guint8 *) (big_endian ? "MM" : "II"), 2);
  put16 (&tiff, 42);
  put32 (&tiff, 8);

  put16 (&tiff, n_entries);
  if (orientation != 0)
    {
      put16 (&tiff, 0x0112);
      put16 (&tiff, 3);
      put32 (&tiff, 1);
      put16 (&tiff, orientation);
      put16 (&tiff, 0);
    }
  if (date_time != NULL)
    {
      put16 (&tiff, 0x0132);
      put16 (&tiff, 2);
      put32 (&tiff, strlen (date_time) + 1);
      date_time_at = put32 (&tiff, 0);
    }
  if (date_time_original != NULL)
    {
      put16 (&tiff, 0x8769);
      put16 (&tiff, 4);
      put32 (&tiff, 1);
      exif_at = put32 (&tiff, 0);
    }
  if (with_gps)
    {
      put16 (&tiff, 0x8825);
      put16 (&tiff, 4);
      put32 (&tiff, 1);
      gps_at = put32 (&tiff, 0);
    }
  put32 (&tiff, 0);

  if (date_time != NULL)
    {
      set32 (&tiff, date_time_at, here (&tiff));
      put_string (&tiff, date_time);
    }
  if (date_time_original != NULL)
    {
      set32 (&tiff, exif_at, here (&tiff));
      put16 (&tiff, 1);
      put16 (&tiff, 0x9003);
      put16 (&tiff, 2);
      put32 (&tiff, strlen (date_time_original) + 1);
      value_at = put32 (&tiff, 0);
      put32 (&tiff, 0);
      set32 (&tiff, value_at, here (&tiff));
      put_string (&tiff, date_time_original);
    }
  if (with_gps)
    {
      set32 (&tiff, gps_at, here (&tiff));
      put16 (&tiff, 2);
      put16 (&tiff, 0x0000);  /* GPSVersionID, 4 bytes inline */
      put16 (&tiff, 1);
      put32 (&tiff, 4);
      g_byte_array_append (tiff.buffer, (const guint8 *) "\2\3\0\0", 4);
      put16 (&tiff, 0x0012);  /* GPSMapDatum */
      put16 (&tiff, 2);
      put32 (&tiff, strlen (GPS_MARKER) + 1);
      value_at = put32 (&tiff, 0);
      put32 (&tiff, 0);
      set32 (&tiff, value_at, here (&tiff));
      put_string (&tiff, GPS_MARKER);
    }

  return g_byte_array_free_to_bytes (tiff.buffer);
}

/* Inserts a segment with @marker right after the JPEG's SOI. */
static GBytes *
insert_segment (GBytes       *jpeg,
                guint8        marker,
                const guint8 *payload,
                gsize         length)
{
  gsize jpeg_length;
  const guint8 *data = g_bytes_get_data (jpeg, &jpeg_length);
  GByteArray *out = g_byte_array_sized_new (jpeg_length + length + 4);
  guint8 header[4] = { 0xff, marker, (length + 2) >> 8, (length + 2) & 0xff };

  g_assert_cmpuint (length + 2, <=, 0xffff);
  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, header, 4);
  g_byte_array_append (out, payload, length);
  g_byte_array_append (out, data + 2, jpeg_length - 2);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
add_exif (GBytes *jpeg,
          GBytes *exif)
{
  return insert_segment (jpeg, 0xe1, g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
}

/* The same picture as another file: a comment segment changes the bytes. */
static GBytes *
add_comment (GBytes     *jpeg,
             const char *comment)
{
  return insert_segment (jpeg, 0xfe, (const guint8 *) comment, strlen (comment));
}

/* Helpers: PNG by hand ------------------------------------------------------- */

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (guint k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

static void
append_be32 (GByteArray *out,
             guint32     value)
{
  guint8 b[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (out, b, 4);
}

static void
append_chunk (GByteArray   *out,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  gsize start;

  append_be32 (out, length);
  start = out->len;
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (out, data, length);
  append_be32 (out, crc32_of (out->data + start, length + 4));
}

/* A well-formed PNG whose header claims @width × @height pixels, with one
 * tiny IDAT: enough for every check that reads only the header. */
static GBytes *
make_png_header_only (guint32 width,
                      guint32 height)
{
  GByteArray *out = g_byte_array_new ();
  guint8 ihdr[13] = {
    width >> 24, (width >> 16) & 0xff, (width >> 8) & 0xff, width & 0xff,
    height >> 24, (height >> 16) & 0xff, (height >> 8) & 0xff, height & 0xff,
    8, 2, 0, 0, 0,
  };
  static const guint8 idat[] = { 0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01 };

  g_byte_array_append (out, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  append_chunk (out, "IHDR", ihdr, sizeof ihdr);
  append_chunk (out, "IDAT", idat, sizeof idat);
  append_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (out);
}

/* Helpers: files ------------------------------------------------------------- */

static char *
write_input (Fixture    *fixture,
             const char *name,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->input, name, NULL);

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return memmem (data, length, needle, strlen (needle)) != NULL;
}

/* Counts the regular files under @path, and checks the modes on the way. */
static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_lstat (child, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        {
          g_assert_cmpint (st.st_mode & 0777, ==, 0700);
          n += count_files (child);
        }
      else
        {
          g_assert_cmpint (st.st_mode & 0777, ==, 0600);
          n++;
        }
    }
  return n;
}

static const char *
photo_dir (Fixture *fixture)
{
  return dc_store_get_photo_dir (fixture->base.store);
}

static gint64
count_photos (Fixture *fixture,
              gint64   session_id)
{
  g_autoptr(GError) error = NULL;
  gint64 n = dc_store_count (fixture->base.store, DC_TYPE_PHOTO, session_id, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
add_session (Fixture         *fixture,
             DcSessionStatus  status)
{
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(GError) error = NULL;

  dc_session_set_patient_id (session, fixture->patient_id);
  dc_session_set_started_at (session, "2026-11-20T09:30:00Z");
  if (status == DC_SESSION_SIGNED)
    {
      g_autoptr(DcPractitioner) practitioner = dc_practitioner_new ();

      dc_practitioner_set_name (practitioner, "Dr. Test");
      dc_store_save (fixture->base.store, DC_RECORD (practitioner), &error);
      g_assert_no_error (error);
      dc_session_set_status (session, DC_SESSION_SIGNED);
      dc_session_set_signed_by (session, dc_record_get_id (DC_RECORD (practitioner)));
      dc_session_set_signed_at (session, "2026-11-20T11:00:00Z");
    }
  dc_store_save (fixture->base.store, DC_RECORD (session), &error);
  g_assert_no_error (error);
  return dc_record_get_id (DC_RECORD (session));
}

/* Signs the draft session @session_id, as its practitioner would. */
static void
sign_session (Fixture *fixture,
              gint64   session_id)
{
  g_autoptr(DcPractitioner) practitioner = dc_practitioner_new ();
  g_autoptr(DcSession) session = NULL;
  g_autoptr(GError) error = NULL;

  dc_practitioner_set_name (practitioner, "Dr. Test");
  dc_store_save (fixture->base.store, DC_RECORD (practitioner), &error);
  g_assert_no_error (error);

  session = dc_store_load (fixture->base.store, DC_TYPE_SESSION, session_id, &error);
  g_assert_no_error (error);
  dc_session_set_status (session, DC_SESSION_SIGNED);
  dc_session_set_signed_by (session, dc_record_get_id (DC_RECORD (practitioner)));
  dc_session_set_signed_at (session, "2026-11-20T11:00:00Z");
  dc_store_save (fixture->base.store, DC_RECORD (session), &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DcPatient) patient = make_patient ("Testperson", "Alex", "1980-01-01");
  g_autoptr(GError) error = NULL;

  store_fixture_setup (&fixture->base, data);
  fixture->input = g_build_filename (fixture->base.dir, "input", NULL);
  g_assert_cmpint (g_mkdir (fixture->input, 0700), ==, 0);

  dc_patient_set_consent (patient, DC_CONSENT_CLINICAL | DC_CONSENT_TEACHING);
  dc_store_save (fixture->base.store, DC_RECORD (patient), &error);
  g_assert_no_error (error);
  fixture->patient_id = dc_record_get_id (DC_RECORD (patient));
  fixture->session_id = add_session (fixture, DC_SESSION_DRAFT);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  store_fixture_teardown (&fixture->base, data);
  g_free (fixture->input);
}

static GPtrArray *
import_paths (Fixture    *fixture,
              gint64      session_id,
              gboolean    guess_views,
              const char *first_path,
              ...)
{
  g_autoptr(DcPhotoImporter) importer = dc_photo_importer_new (fixture->base.store, session_id);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *results;
  va_list args;

  va_start (args, first_path);
  for (const char *p = first_path; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (paths, (gpointer) p);
  va_end (args);
  g_ptr_array_add (paths, NULL);

  dc_photo_importer_set_phase (importer, DC_PHOTO_PHASE_AFTER);
  dc_photo_importer_set_consent (importer, DC_CONSENT_CLINICAL | DC_CONSENT_TEACHING);
  dc_photo_importer_set_guess_views (importer, guess_views);
  results = dc_photo_importer_import (importer, (const char * const *) paths->pdata, NULL,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, paths->len - 1);
  return results;
}

static DcPhotoImportResult *
result_at (GPtrArray *results,
           guint      index)
{
  return g_ptr_array_index (results, index);
}

static DcPhoto *
assert_imported (GPtrArray *results,
                 guint      index)
{
  DcPhotoImportResult *result = result_at (results, index);
  const GError *error = dc_photo_import_result_get_error (result);

  if (error != NULL)
    g_error ("%s was refused: %s", dc_photo_import_result_get_path (result), error->message);
  g_assert_cmpint (dc_photo_import_result_get_status (result), ==, DC_PHOTO_IMPORT_IMPORTED);
  g_assert_nonnull (dc_photo_import_result_get_photo (result));
  g_assert_cmpint (dc_record_get_id (DC_RECORD (dc_photo_import_result_get_photo (result))), >,
                   0);
  return dc_photo_import_result_get_photo (result);
}

static void
assert_refused (GPtrArray  *results,
                guint       index,
                const char *file_name,
                const char *reason)
{
  DcPhotoImportResult *result = result_at (results, index);
  const GError *error = dc_photo_import_result_get_error (result);
  g_autofree char *expected = g_strdup_printf ("%s: %s", file_name, reason);

  g_assert_cmpint (dc_photo_import_result_get_status (result), ==, DC_PHOTO_IMPORT_REFUSED);
  g_assert_null (dc_photo_import_result_get_photo (result));
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("“%s” does not start with “%s”", error->message, expected);
}

/* The 12 MP test photo, made once: encoding it takes a while. */
static GBytes *
big_jpeg (void)
{
  static GBytes *bytes;

  if (bytes == NULL)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4000, 3000);
      g_autoptr(GBytes) plain = NULL;
      g_autoptr(GBytes) exif = make_exif (FALSE, 1, "2025:12:24 18:05:00", NULL, TRUE);
      guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);

      for (int y = 0; y < 3000; y++)
        for (int x = 0; x < 4000; x++)
          {
            guint8 *p = pixels + y * stride + x * 3;

            p[0] = x * 255 / 4000;
            p[1] = y * 255 / 3000;
            p[2] = ((x / 50) + (y / 50)) % 2 ? 200 : 60;
          }
      plain = encode (pixbuf, "jpeg");
      bytes = add_exif (plain, exif);
    }
  return bytes;
}

/* Tests: formats and EXIF -------------------------------------------------- */

static void
test_sniff (void)
{
  g_autoptr(GBytes) png = make_png_header_only (10, 10);
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (32, 32, 1);
  g_autoptr(GBytes) jpeg = encode (pixbuf, "jpeg");
  g_autoptr(GBytes) webp = encode (pixbuf, "webp");
  static const guint8 heic[] = "\0\0\0\x18" "ftyp" "heic" "\0\0\0\0" "mif1" "heic";
  static const guint8 heif_generic[] = "\0\0\0\x14" "ftyp" "mif1" "\0\0\0\0" "mif1";
  static const guint8 avif[] = "\0\0\0\x18" "ftyp" "avif" "\0\0\0\0" "mif1" "miaf";
  static const guint8 avif_generic[] = "\0\0\0\x18" "ftyp" "mif1" "\0\0\0\0" "mif1" "avif";
  static const char text[] = "Just some notes, saved as IMG_0001.jpg by mistake.\n";
  const guint8 *exif;
  gsize exif_length;
  gsize length;
  const guint8 *data;

  g_assert_cmpint (dc_photo_format_sniff (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg)),
                   ==, DC_PHOTO_FORMAT_JPEG);
  g_assert_cmpint (dc_photo_format_sniff (g_bytes_get_data (png, NULL), g_bytes_get_size (png)),
                   ==, DC_PHOTO_FORMAT_PNG);
  g_assert_cmpint (dc_photo_format_sniff (g_bytes_get_data (webp, NULL), g_bytes_get_size (webp)),
                   ==, DC_PHOTO_FORMAT_WEBP);
  g_assert_cmpint (dc_photo_format_sniff (heic, sizeof heic - 1), ==, DC_PHOTO_FORMAT_HEIF);
  g_assert_cmpint (dc_photo_format_sniff (heif_generic, sizeof heif_generic - 1), ==,
                   DC_PHOTO_FORMAT_HEIF);
  g_assert_cmpint (dc_photo_format_sniff (avif, sizeof avif - 1), ==, DC_PHOTO_FORMAT_UNKNOWN);
  g_assert_cmpint (dc_photo_format_sniff (avif_generic, sizeof avif_generic - 1), ==,
                   DC_PHOTO_FORMAT_UNKNOWN);
  g_assert_cmpint (dc_photo_format_sniff ((const guint8 *) text, sizeof text - 1), ==,
                   DC_PHOTO_FORMAT_UNKNOWN);
  g_assert_cmpint (dc_photo_format_sniff ((const guint8 *) "\xff\xd8", 2), ==,
                   DC_PHOTO_FORMAT_UNKNOWN);
  g_assert_cmpint (dc_photo_format_sniff (NULL, 0), ==, DC_PHOTO_FORMAT_UNKNOWN);

  /* Whole files scan complete; every cut-short one does not. */
  data = g_bytes_get_data (jpeg, &length);
  g_assert_true (dc_photo_format_scan (DC_PHOTO_FORMAT_JPEG, data, length, &exif, &exif_length));
  g_assert_null (exif);
  for (gsize cut = 0; cut < length; cut += 7)
    g_assert_false (dc_photo_format_scan (DC_PHOTO_FORMAT_JPEG, data, cut, &exif, &exif_length));

  data = g_bytes_get_data (png, &length);
  g_assert_true (dc_photo_format_scan (DC_PHOTO_FORMAT_PNG, data, length, &exif, &exif_length));
  for (gsize cut = 0; cut < length; cut++)
    g_assert_false (dc_photo_format_scan (DC_PHOTO_FORMAT_PNG, data, cut, &exif, &exif_length));

  data = g_bytes_get_data (webp, &length);
  g_assert_true (dc_photo_format_scan (DC_PHOTO_FORMAT_WEBP, data, length, &exif, &exif_length));
  for (gsize cut = 0; cut < length; cut++)
    g_assert_false (dc_photo_format_scan (DC_PHOTO_FORMAT_WEBP, data, cut, &exif, &exif_length));

  /* A HEIF's images are in its "meta" box: without one it is no photo. */
  g_assert_false (dc_photo_format_scan (DC_PHOTO_FORMAT_HEIF, heic, sizeof heic - 1, &exif,
                                        &exif_length));
  {
    g_autoptr(GByteArray) with_meta = g_byte_array_new ();

    g_byte_array_append (with_meta, heic, sizeof heic - 1);
    g_byte_array_append (with_meta, (const guint8 *) "\0\0\0\x0c" "meta" "\0\0\0\0", 12);
    g_assert_true (dc_photo_format_scan (DC_PHOTO_FORMAT_HEIF, with_meta->data, with_meta->len,
                                         &exif, &exif_length));
    for (gsize cut = 0; cut < with_meta->len; cut++)
      g_assert_false (dc_photo_format_scan (DC_PHOTO_FORMAT_HEIF, with_meta->data, cut, &exif,
                                            &exif_length));
  }

  /* Bytes after EOI (phones append videos there) are fine. */
  {
    g_autoptr(GByteArray) trailer = g_byte_array_new ();

    data = g_bytes_get_data (jpeg, &length);
    g_byte_array_append (trailer, data, length);
    g_byte_array_append (trailer, (const guint8 *) "\0\0\0\x18" "ftypmp42", 12);
    g_assert_true (dc_photo_format_scan (DC_PHOTO_FORMAT_JPEG, trailer->data, trailer->len,
                                         &exif, &exif_length));
  }
}

static void
test_exif_parse (void)
{
  DcExifInfo info;

  for (guint big_endian = 0; big_endian < 2; big_endian++)
    {
      g_autoptr(GBytes) both = make_exif (big_endian, 6, "2024:05:17 09:30:12",
                                          "2024:06:01 12:00:00", TRUE);
      g_autoptr(GBytes) only_date_time = make_exif (big_endian, 3, NULL, "2023:01:02 03:04:05",
                                                    FALSE);
      g_autoptr(GBytes) nothing = make_exif (big_endian, 0, NULL, NULL, FALSE);
      g_autoptr(GBytes) unknown_time = make_exif (big_endian, 9, "0000:00:00 00:00:00",
                                                  "    :  :     :  :  ", FALSE);

      g_assert_true (dc_exif_parse (g_bytes_get_data (both, NULL), g_bytes_get_size (both),
                                    &info));
      g_assert_cmpuint (info.orientation, ==, 6);
      g_assert_cmpstr (info.taken_at, ==, "2024-05-17T09:30:12");

      /* The TIFF block without the "Exif\0\0" of the JPEG segment. */
      g_assert_true (dc_exif_parse ((const guint8 *) g_bytes_get_data (both, NULL) + 6,
                                    g_bytes_get_size (both) - 6, &info));
      g_assert_cmpuint (info.orientation, ==, 6);

      g_assert_true (dc_exif_parse (g_bytes_get_data (only_date_time, NULL),
                                    g_bytes_get_size (only_date_time), &info));
      g_assert_cmpuint (info.orientation, ==, 3);
      g_assert_cmpstr (info.taken_at, ==, "2023-01-02T03:04:05");

      g_assert_true (dc_exif_parse (g_bytes_get_data (nothing, NULL), g_bytes_get_size (nothing),
                                    &info));
      g_assert_cmpuint (info.orientation, ==, 0);
      g_assert_cmpstr (info.taken_at, ==, "");

      g_assert_true (dc_exif_parse (g_bytes_get_data (unknown_time, NULL),
                                    g_bytes_get_size (unknown_time), &info));
      g_assert_cmpuint (info.orientation, ==, 0);
      g_assert_cmpstr (info.taken_at, ==, "");
    }

  g_assert_false (dc_exif_parse ((const guint8 *) "Exif\0\0XX*\0\0\0\0\x08", 14, &info));
  g_assert_false (dc_exif_parse ((const guint8 *) "II*\0", 4, &info));
  g_assert_false (dc_exif_parse (NULL, 0, &info));
}

/* Cut short at every length and mutated at random, the reader never reads
 * outside its input (AddressSanitizer watches) and never makes up a date. */
static void
test_exif_fuzz (void)
{
  g_autoptr(GBytes) exif = make_exif (TRUE, 8, "2024:05:17 09:30:12", "2024:06:01 12:00:00",
                                      TRUE);
  gsize length;
  const guint8 *data = g_bytes_get_data (exif, &length);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  DcExifInfo info;

  for (gsize cut = 0; cut <= length; cut++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, cut);

      dc_exif_parse (copy, cut, &info);
      g_assert_cmpuint (info.orientation, <=, 8);
      g_assert_true (info.taken_at[0] == '\0' || strlen (info.taken_at) == 19);
    }

  for (guint round = 0; round < 20000; round++)
    {
      gsize cut = g_rand_int_range (rand, 8, length + 1);
      g_autofree guint8 *copy = g_memdup2 (data, cut);
      guint n_flips = g_rand_int_range (rand, 1, 6);

      for (guint i = 0; i < n_flips; i++)
        copy[g_rand_int_range (rand, 6, cut)] = g_rand_int_range (rand, 0, 256);

      dc_exif_parse (copy, cut, &info);
      g_assert_cmpuint (info.orientation, <=, 8);
      if (info.taken_at[0] != '\0')
        {
          g_autoptr(GDateTime) parsed = dc_timestamp_parse (info.taken_at);

          g_assert_nonnull (parsed);
        }
    }
}

/* The checks that run before any decoder — sniffing, the container walks,
 * the EXIF reader — on mutated and cut-short files: no read outside the
 * input (AddressSanitizer watches), and a clear answer either way. */
static void
test_source_fuzz (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (32, 24, 6);
  g_autoptr(GBytes) plain = encode (pixbuf, "jpeg");
  g_autoptr(GBytes) exif = make_exif (FALSE, 6, "2024:05:17 09:30:12", NULL, TRUE);
  g_autoptr(GBytes) jpeg = add_exif (plain, exif);
  g_autoptr(GBytes) png = encode (pixbuf, "png");
  g_autoptr(GBytes) webp = encode (pixbuf, "webp");
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  GBytes *samples[] = { jpeg, png, webp };

  for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (samples[k], &length);

      for (guint round = 0; round < 3000; round++)
        {
          gsize cut = g_rand_int_range (rand, 1, length + 1);
          g_autofree guint8 *copy = g_memdup2 (data, cut);
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(DcPhotoSource) source = NULL;
          g_autoptr(GError) error = NULL;
          guint n_flips = g_rand_int_range (rand, 0, 4);

          for (guint i = 0; i < n_flips; i++)
            copy[g_rand_int_range (rand, 0, cut)] = g_rand_int_range (rand, 0, 256);

          bytes = g_bytes_new_take (g_steal_pointer (&copy), cut);
          source = dc_photo_source_new_for_bytes (bytes, "fuzz.jpg", &error);
          g_assert_true ((source == NULL) != (error == NULL));
          if (source != NULL)
            g_assert_cmpuint (dc_photo_source_get_orientation (source), <=, 8);
          else
            g_assert_true (g_str_has_prefix (error->message, "fuzz.jpg: "));
        }
    }
}

/* Tests: import -------------------------------------------------------------- */

/* Every EXIF orientation comes out of the print derivative the right way
 * up at the upright size, and the record has the upright size too. */
static void
test_orientation (Fixture       *fixture,
                  gconstpointer  data)
{
  const int width = 96, height = 64;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DcPhotoImporter) importer = dc_photo_importer_new (fixture->base.store,
                                                               fixture->session_id);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  for (guint orientation = 1; orientation <= 8; orientation++)
    {
      g_autoptr(GdkPixbuf) stored = make_stored_image (width, height, orientation);
      g_autoptr(GBytes) plain = encode (stored, "jpeg");
      g_autofree char *date = g_strdup_printf ("2024:05:%02u 09:30:12", 10 + orientation);
      /* Both byte orders: Intel for odd, Motorola for even orientations. */
      g_autoptr(GBytes) exif = make_exif (orientation % 2 == 0, orientation, date, NULL, FALSE);
      g_autoptr(GBytes) jpeg = add_exif (plain, exif);
      g_autofree char *name = g_strdup_printf ("orientation-%u.jpg", orientation);
      g_autoptr(DcPhotoSource) source = NULL;

      g_ptr_array_add (paths, write_input (fixture, name, jpeg));

      /* Our reader and gdk-pixbuf's agree on what the file says. */
      source = dc_photo_source_new_for_bytes (jpeg, name, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (dc_photo_source_get_orientation (source), ==, orientation);
    }
  g_ptr_array_add (paths, NULL);

  results = dc_photo_importer_import (importer, (const char * const *) paths->pdata, NULL,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 8);

  for (guint i = 0; i < 8; i++)
    {
      DcPhoto *photo = assert_imported (results, i);
      g_autofree char *print_path = NULL;
      g_autoptr(GdkPixbuf) print = NULL;
      g_autofree char *expected_date = g_strdup_printf ("2024-05-%02uT09:30:12", 11 + i);

      g_test_message ("orientation %u", i + 1);
      g_assert_cmpint (dc_photo_get_width (photo), ==, width);
      g_assert_cmpint (dc_photo_get_height (photo), ==, height);
      g_assert_cmpstr (dc_photo_get_taken_at (photo), ==, expected_date);

      print_path = dc_photo_library_get_derivative_path (photo_dir (fixture),
                                                         dc_photo_get_sha256 (photo),
                                                         DC_PHOTO_DERIVATIVE_PRINT);
      print = gdk_pixbuf_new_from_file (print_path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (print), ==, width);
      g_assert_cmpint (gdk_pixbuf_get_height (print), ==, height);
      /* The derivative carries no orientation of its own to apply again. */
      g_assert_null (gdk_pixbuf_get_option (print, "orientation"));

      assert_colour (print, width / 4, height / 4, quadrant_colours[0]);
      assert_colour (print, 3 * width / 4, height / 4, quadrant_colours[1]);
      assert_colour (print, width / 4, 3 * height / 4, quadrant_colours[2]);
      assert_colour (print, 3 * width / 4, 3 * height / 4, quadrant_colours[3]);
    }
}

/* A 12 MP photo with EXIF and GPS: derivatives at their sizes without any
 * EXIF or GPS, the original byte for byte, private modes throughout. */
/* Decoding, which importers do side by side without the library lock,
 * writes nothing; the import after it writes what a plain import does. */
static void
test_decode_writes_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (640, 480, 6);
  g_autoptr(GBytes) plain = encode (pixbuf, "jpeg");
  g_autoptr(GBytes) exif = make_exif (FALSE, 6, NULL, NULL, FALSE);
  g_autoptr(GBytes) jpeg = add_exif (plain, exif);
  g_autoptr(DcPhotoSource) source = NULL;
  g_autoptr(DcPhotoLibraryLock) lock = NULL;
  g_autoptr(DcImportedFile) imported = NULL;
  g_autoptr(GError) error = NULL;

  source = dc_photo_source_new_for_bytes (jpeg, "sideways.jpg", &error);
  g_assert_no_error (error);
  g_assert_true (dc_photo_source_decode (source, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (photo_dir (fixture), G_FILE_TEST_EXISTS));

  lock = dc_photo_library_lock (photo_dir (fixture), &error);
  g_assert_no_error (error);
  imported = dc_photo_source_import (source, photo_dir (fixture), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported->width, ==, 640);
  g_assert_cmpint (imported->height, ==, 480);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 4);
  for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
    {
      g_autofree char *path = dc_photo_library_get_derivative_path (photo_dir (fixture),
                                                                    imported->sha256, i);
      g_autoptr(GdkPixbuf) derivative = gdk_pixbuf_new_from_file (path, &error);
      int size = MIN (dc_photo_derivative_get_size (i), 640);

      g_assert_no_error (error);
      /* Stored sideways, made upright. */
      g_assert_cmpint (gdk_pixbuf_get_width (derivative), ==, size);
      g_assert_cmpint (gdk_pixbuf_get_height (derivative), ==, size * 3 / 4);
    }
}

static void
test_derivatives (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_input (fixture, "IMG_4000.JPG", big_jpeg ());
  g_autoptr(GPtrArray) results = import_paths (fixture, fixture->session_id, FALSE, path, NULL);
  DcPhoto *photo = assert_imported (results, 0);
  const char *sha256 = dc_photo_get_sha256 (photo);
  g_autofree char *expected_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256,
                                                                   big_jpeg ());
  g_autofree char *original_path = NULL;
  g_autoptr(GBytes) original = NULL;
  const int expected[][2] = { { 2400, 1800 }, { 1600, 1200 }, { 320, 240 } };

  g_assert_cmpstr (sha256, ==, expected_sha256);
  g_assert_cmpstr (dc_photo_get_file_name (photo), ==, "IMG_4000.JPG");
  g_assert_cmpint (dc_photo_get_width (photo), ==, 4000);
  g_assert_cmpint (dc_photo_get_height (photo), ==, 3000);
  g_assert_cmpstr (dc_photo_get_taken_at (photo), ==, "2025-12-24T18:05:00");
  g_assert_cmpint (dc_photo_get_phase (photo), ==, DC_PHOTO_PHASE_AFTER);
  g_assert_cmpint (dc_photo_get_consent (photo), ==, DC_CONSENT_CLINICAL | DC_CONSENT_TEACHING);
  g_assert_cmpint (dc_photo_get_session_id (photo), ==, fixture->session_id);

  /* The record as stored is the record returned. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DcPhoto) stored = dc_store_load (fixture->base.store, DC_TYPE_PHOTO,
                                               dc_record_get_id (DC_RECORD (photo)), &error);

    g_assert_no_error (error);
    g_assert_true (dc_record_fields_equal (DC_RECORD (stored), DC_RECORD (photo)));
  }

  original_path = dc_photo_library_find_original (photo_dir (fixture), sha256);
  g_assert_nonnull (original_path);
  g_assert_true (g_str_has_suffix (original_path, ".jpg"));
  original = read_bytes (original_path);
  g_assert_true (g_bytes_equal (original, big_jpeg ()));
  g_assert_true (bytes_contain (original, "Exif"));
  g_assert_true (bytes_contain (original, GPS_MARKER));

  for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
    {
      g_autofree char *derivative_path = dc_photo_library_get_derivative_path (photo_dir (fixture),
                                                                               sha256, i);
      g_autoptr(GBytes) bytes = read_bytes (derivative_path);
      int width, height;
      GdkPixbufFormat *format = gdk_pixbuf_get_file_info (derivative_path, &width, &height);
      g_autofree char *format_name = format != NULL ? gdk_pixbuf_format_get_name (format) : NULL;
      const guint8 *exif = NULL;
      gsize exif_length = 0;

      g_assert_cmpstr (format_name, ==, "jpeg");
      g_assert_cmpint (width, ==, expected[i][0]);
      g_assert_cmpint (height, ==, expected[i][1]);
      g_assert_cmpint (MAX (width, height), <=, dc_photo_derivative_get_size (i));
      g_assert_false (bytes_contain (bytes, "Exif"));
      g_assert_false (bytes_contain (bytes, GPS_MARKER));
      /* Walking the markers finds no EXIF segment either. */
      g_assert_true (dc_photo_format_scan (DC_PHOTO_FORMAT_JPEG, g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes), &exif, &exif_length));
      g_assert_null (exif);
    }

  /* The original, three derivatives; nothing else, all 0600 in 0700. */
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 4);
}

/* PNG with transparency and WebP: the original keeps its format, the
 * derivatives are JPEGs on a white background. */
static void
test_other_formats (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GdkPixbuf) alpha = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 40, 30);
  g_autoptr(GdkPixbuf) opaque = make_stored_image (48, 32, 1);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) webp = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *webp_path = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 white[3] = { 255, 255, 255 };
  static const guint8 red[3] = { 220, 30, 30 };

  /* Transparent, with an opaque red left half. */
  gdk_pixbuf_fill (alpha, 0x00000000);
  for (int y = 0; y < 30; y++)
    for (int x = 0; x < 20; x++)
      {
        guint8 *p = gdk_pixbuf_get_pixels (alpha) + y * gdk_pixbuf_get_rowstride (alpha) + x * 4;

        p[0] = 220, p[1] = 30, p[2] = 30, p[3] = 255;
      }
  png = encode (alpha, "png");
  webp = encode (opaque, "webp");
  png_path = write_input (fixture, "scan.png", png);
  webp_path = write_input (fixture, "phone.webp", webp);

  results = import_paths (fixture, fixture->session_id, FALSE, png_path, webp_path, NULL);
  for (guint i = 0; i < 2; i++)
    {
      DcPhoto *photo = assert_imported (results, i);
      g_autofree char *original = dc_photo_library_find_original (photo_dir (fixture),
                                                                  dc_photo_get_sha256 (photo));
      g_autofree char *thumb_path = dc_photo_library_get_derivative_path (
        photo_dir (fixture), dc_photo_get_sha256 (photo), DC_PHOTO_DERIVATIVE_THUMBNAIL);
      g_autoptr(GdkPixbuf) thumb = gdk_pixbuf_new_from_file (thumb_path, &error);

      g_assert_no_error (error);
      g_assert_false (gdk_pixbuf_get_has_alpha (thumb));
      g_assert_null (dc_photo_get_taken_at (photo));
      if (i == 0)
        {
          g_assert_true (g_str_has_suffix (original, ".png"));
          g_assert_cmpint (dc_photo_get_width (photo), ==, 40);
          assert_colour (thumb, 5, 15, red);
          assert_colour (thumb, 35, 15, white);
        }
      else
        {
          g_assert_true (g_str_has_suffix (original, ".webp"));
          g_assert_cmpint (dc_photo_get_width (photo), ==, 48);
          g_assert_cmpint (dc_photo_get_height (photo), ==, 32);
        }
    }
}

/* Malformed EXIF costs the capture time, never the photo. */
static void
test_bad_exif (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (32, 32, 1);
  g_autoptr(GBytes) plain = encode (pixbuf, "jpeg");
  g_autoptr(GBytes) good_exif = make_exif (FALSE, 1, "2024:05:17 09:30:12", NULL, FALSE);
  g_autoptr(GByteArray) broken = g_byte_array_new ();
  g_autoptr(GBytes) broken_exif = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) results = NULL;
  DcPhoto *photo;

  /* An IFD0 offset far past the end, then garbage. */
  g_byte_array_append (broken, g_bytes_get_data (good_exif, NULL), g_bytes_get_size (good_exif));
  memcpy (broken->data + 10, "\xff\xff\xff\x7f", 4);
  broken_exif = g_byte_array_free_to_bytes (g_steal_pointer (&broken));
  jpeg = add_exif (plain, broken_exif);
  path = write_input (fixture, "odd-camera.jpg", jpeg);

  results = import_paths (fixture, fixture->session_id, FALSE, path, NULL);
  photo = assert_imported (results, 0);
  g_assert_null (dc_photo_get_taken_at (photo));
  g_assert_cmpint (dc_photo_get_width (photo), ==, 32);
}

/* Each bad file is refused with a message naming it, and leaves nothing:
 * no record, no file in the library. Good files in the same batch are
 * imported all the same. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (64, 48, 1);
  g_autoptr(GBytes) jpeg = encode (pixbuf, "jpeg");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  static const char notes[] = "Appointment notes, not a photo.\n";
  g_autoptr(GBytes) text = g_bytes_new_static (notes, strlen (notes));
  g_autoptr(GBytes) bomb = make_png_header_only (100000, 100000);
  g_autoptr(GBytes) long_side = make_png_header_only (30000, 100);
  g_autoptr(GBytes) heic = g_bytes_new_static ("\0\0\0\x18" "ftypheic\0\0\0\0mif1heic"
                                               "\0\0\0\x08" "free", 32);
  g_autofree char *empty_path = write_input (fixture, "IMG_0001.jpg", empty);
  g_autofree char *truncated_path = write_input (fixture, "IMG_0002.jpg", truncated);
  g_autofree char *text_path = write_input (fixture, "IMG_0003.jpg", text);
  g_autofree char *bomb_path = write_input (fixture, "IMG_0004.png", bomb);
  g_autofree char *long_path = write_input (fixture, "panorama.png", long_side);
  g_autofree char *heic_path = write_input (fixture, "IMG_0005.HEIC", heic);
  g_autofree char *good_path = write_input (fixture, "IMG_0006.jpg", jpeg);
  g_autofree char *folder_path = g_build_filename (fixture->input, "Holiday", NULL);
  g_autofree char *missing_path = g_build_filename (fixture->input, "IMG_0007.jpg", NULL);
  g_autoptr(GPtrArray) results = NULL;
  gint64 started = g_get_monotonic_time ();

  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);

  results = import_paths (fixture, fixture->session_id, FALSE,
                          empty_path, truncated_path, text_path, bomb_path, long_path,
                          heic_path, folder_path, missing_path, good_path, NULL);

  assert_refused (results, 0, "IMG_0001.jpg", "the file is empty");
  assert_refused (results, 1, "IMG_0002.jpg", "the photo is truncated or damaged");
  assert_refused (results, 2, "IMG_0003.jpg",
                  "this is not a photo Dermachart can read (JPEG, PNG, WebP or HEIC)");
  assert_refused (results, 3, "IMG_0004.png",
                  "100000 × 100000 pixels is larger than the 100-megapixel limit");
  assert_refused (results, 4, "panorama.png",
                  "30000 × 100 pixels is larger than the limit of 20000 pixels on a side");
  /* A HEIC container without images. */
  assert_refused (results, 5, "IMG_0005.HEIC", "the photo is truncated or damaged");
  assert_refused (results, 6, "Holiday", "this is a folder, not a photo");
  assert_refused (results, 7, "IMG_0007.jpg", "the file does not exist");
  assert_imported (results, 8);

  /* The 10 gigapixel header was never decoded: that would take minutes
   * and 40 GB, not this. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 20 * G_USEC_PER_SEC);

  g_assert_cmpint (count_photos (fixture, fixture->session_id), ==, 1);
  /* The good photo's original and three derivatives, nothing else. */
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 4);
}

/* A bad file alone leaves the library as empty as it found it. */
static void
test_refused_leaves_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GBytes) bomb = make_png_header_only (100000, 100000);
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (64, 48, 1);
  g_autoptr(GBytes) jpeg = encode (pixbuf, "jpeg");
  g_autoptr(GByteArray) corrupt = g_byte_array_new ();
  g_autoptr(GBytes) corrupt_bytes = NULL;
  g_autofree char *bomb_path = write_input (fixture, "bomb.png", bomb);
  g_autofree char *corrupt_path = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcImportedFile) imported = NULL;
  gsize length;
  const guint8 *jpeg_data = g_bytes_get_data (jpeg, &length);

  /* A JPEG whose markers hold together but whose frame header is junk:
   * only the decoder can tell, after the copy was written. */
  g_byte_array_append (corrupt, jpeg_data, length);
  for (gsize i = 2; i + 4 < corrupt->len; i++)
    if (corrupt->data[i] == 0xff && corrupt->data[i + 1] == 0xc0)
      {
        memset (corrupt->data + i + 4, 0, 6);
        break;
      }
  corrupt_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&corrupt));
  corrupt_path = write_input (fixture, "corrupt.jpg", corrupt_bytes);

  imported = dc_photo_import_file (photo_dir (fixture), bomb_path, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_clear_error (&error);

  imported = dc_photo_import_file (photo_dir (fixture), corrupt_path, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, DC_ERROR, DC_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, "corrupt.jpg: "));

  results = import_paths (fixture, fixture->session_id, FALSE, bomb_path, corrupt_path, NULL);
  assert_refused (results, 0, "bomb.png", "100000 × 100000 pixels");
  assert_refused (results, 1, "corrupt.jpg", "the photo is truncated or damaged");

  g_assert_cmpint (count_photos (fixture, fixture->session_id), ==, 0);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 0);
  {
    g_autofree char *originals = g_build_filename (photo_dir (fixture), "originals", NULL);
    g_autofree char *derived = g_build_filename (photo_dir (fixture), "derived", NULL);

    g_assert_false (g_file_test (originals, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (derived, G_FILE_TEST_EXISTS));
  }
}

/* An unreadable file is refused with "permission denied". Root reads
 * anything, so as root the check runs in a child that gives root up. */
static void
test_unreadable (void)
{
  const char *path = g_getenv ("DC_TEST_UNREADABLE");
  g_autofree char *dir = NULL;
  g_autofree char *library = NULL;
  g_autofree char *file = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(DcImportedFile) imported = NULL;

      if (geteuid () == 0 && (setgroups (0, NULL) != 0 || setgid (65534) != 0
                              || setuid (65534) != 0))
        {
          /* Still root here: leave a note for the parent to skip on. */
          g_file_set_contents (g_getenv ("DC_TEST_NOTE"), "", 0, NULL);
          return;
        }
      library = g_build_filename (g_getenv ("DC_TEST_LIBRARY"), NULL);
      imported = dc_photo_import_file (library, path, NULL, &error);
      g_assert_null (imported);
      g_assert_error (error, DC_ERROR, DC_ERROR_FAILED);
      g_assert_cmpstr (error->message, ==, "locked.jpg: cannot be read (permission denied)");
      g_assert_cmpuint (count_files (library), ==, 0);
      return;
    }

  dir = g_dir_make_tmp ("dermachart-unreadable-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  file = g_build_filename (dir, "locked.jpg", NULL);
  library = g_build_filename (dir, "photos", NULL);
  note = g_build_filename (dir, "still-root", NULL);
  g_assert_cmpint (g_mkdir (library, 0777), ==, 0);
  g_assert_cmpint (g_chmod (library, 0777), ==, 0);
  pixbuf = make_stored_image (32, 32, 1);
  jpeg = encode (pixbuf, "jpeg");
  g_file_set_contents (file, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (file, 0000), ==, 0);

  g_setenv ("DC_TEST_UNREADABLE", file, TRUE);
  g_setenv ("DC_TEST_LIBRARY", library, TRUE);
  g_setenv ("DC_TEST_NOTE", note, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  if (g_file_test (note, G_FILE_TEST_EXISTS))
    g_test_skip ("running as root, and root cannot be given up here");

  g_chmod (file, 0600);
  rm_rf (dir);
}

/* Tests: duplicates and removal -------------------------------------------- */

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (64, 48, 2);
  g_autoptr(GBytes) jpeg = encode (pixbuf, "jpeg");
  g_autofree char *path = write_input (fixture, "IMG_0100.jpg", jpeg);
  g_autofree char *copy = write_input (fixture, "copy of IMG_0100.jpg", jpeg);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autofree char *original = NULL;
  gint64 other_session = add_session (fixture, DC_SESSION_DRAFT);
  DcPhoto *photo;
  GStatBuf before, after;

  /* The same file twice in one batch: the second is a no-op. */
  first = import_paths (fixture, fixture->session_id, FALSE, path, copy, NULL);
  photo = assert_imported (first, 0);
  g_assert_cmpint (dc_photo_import_result_get_status (result_at (first, 1)), ==,
                   DC_PHOTO_IMPORT_DUPLICATE);
  g_assert_null (dc_photo_import_result_get_error (result_at (first, 1)));
  g_assert_cmpint (dc_record_get_id (DC_RECORD (dc_photo_import_result_get_photo (
                     result_at (first, 1)))), ==, dc_record_get_id (DC_RECORD (photo)));
  g_assert_cmpint (count_photos (fixture, fixture->session_id), ==, 1);

  original = dc_photo_library_find_original (photo_dir (fixture), dc_photo_get_sha256 (photo));
  g_assert_cmpint (g_stat (original, &before), ==, 0);

  again = import_paths (fixture, fixture->session_id, FALSE, path, NULL);
  g_assert_cmpint (dc_photo_import_result_get_status (result_at (again, 0)), ==,
                   DC_PHOTO_IMPORT_DUPLICATE);
  g_assert_cmpint (count_photos (fixture, fixture->session_id), ==, 1);

  /* Another session gets its own record of the same, shared, file. */
  other = import_paths (fixture, other_session, FALSE, copy, NULL);
  assert_imported (other, 0);
  g_assert_cmpint (count_photos (fixture, other_session), ==, 1);
  g_assert_cmpint (g_stat (original, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 4);
}

static void
record_progress_cb (DcPhotoImporter     *importer,
                    guint                n_done,
                    guint                n_total,
                    DcPhotoImportResult *result,
                    gpointer             data)
{
  GPtrArray *reported = data;

  g_assert_cmpuint (n_done, ==, reported->len + 1);
  g_ptr_array_add (reported, g_strdup (dc_photo_import_result_get_path (result)));
}

/* Copies far apart in a batch whose files are imported side by side, the
 * first of them slow to decode: the later copy of each is the duplicate,
 * and results and progress come in the order of the files. */
static void
test_duplicate_in_batch (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GdkPixbuf) large_pixbuf = make_stored_image (2400, 1800, 1);
  g_autoptr(GdkPixbuf) small_pixbuf = make_stored_image (64, 48, 1);
  g_autoptr(GdkPixbuf) other_pixbuf = make_stored_image (64, 48, 3);
  g_autoptr(GBytes) large = encode (large_pixbuf, "jpeg");
  g_autoptr(GBytes) small = encode (small_pixbuf, "jpeg");
  g_autoptr(GBytes) other = encode (other_pixbuf, "png");
  g_autofree char *large_path = write_input (fixture, "large.jpg", large);
  g_autofree char *small_path = write_input (fixture, "small.jpg", small);
  g_autofree char *large_copy = write_input (fixture, "large copy.jpg", large);
  g_autofree char *other_path = write_input (fixture, "other.png", other);
  g_autofree char *small_copy = write_input (fixture, "small copy.jpg", small);
  const char *paths[] = { large_path, small_path, large_copy, other_path, small_copy, NULL };
  g_autoptr(DcPhotoImporter) importer = dc_photo_importer_new (fixture->base.store,
                                                               fixture->session_id);
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (importer, "progress", G_CALLBACK (record_progress_cb), reported);
  results = dc_photo_importer_import (importer, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 5);

  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpstr (dc_photo_import_result_get_path (result_at (results, i)), ==, paths[i]);
      g_assert_cmpstr (g_ptr_array_index (reported, i), ==, paths[i]);
    }
  assert_imported (results, 0);
  assert_imported (results, 1);
  assert_imported (results, 3);
  g_assert_cmpint (dc_photo_import_result_get_status (result_at (results, 2)), ==,
                   DC_PHOTO_IMPORT_DUPLICATE);
  g_assert_cmpint (dc_record_get_id (DC_RECORD (dc_photo_import_result_get_photo (
                     result_at (results, 2)))), ==,
                   dc_record_get_id (DC_RECORD (dc_photo_import_result_get_photo (
                     result_at (results, 0)))));
  g_assert_cmpint (dc_photo_import_result_get_status (result_at (results, 4)), ==,
                   DC_PHOTO_IMPORT_DUPLICATE);
  g_assert_cmpint (dc_record_get_id (DC_RECORD (dc_photo_import_result_get_photo (
                     result_at (results, 4)))), ==,
                   dc_record_get_id (DC_RECORD (dc_photo_import_result_get_photo (
                     result_at (results, 1)))));

  g_assert_cmpint (count_photos (fixture, fixture->session_id), ==, 3);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 3 * 4);
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GdkPixbuf) one_pixbuf = make_stored_image (64, 48, 1);
  g_autoptr(GdkPixbuf) two_pixbuf = make_stored_image (64, 48, 3);
  g_autoptr(GBytes) one = encode (one_pixbuf, "jpeg");
  g_autoptr(GBytes) two = encode (two_pixbuf, "jpeg");
  g_autofree char *one_path = write_input (fixture, "one.jpg", one);
  g_autofree char *two_path = write_input (fixture, "two.jpg", two);
  gint64 signed_session = add_session (fixture, DC_SESSION_DRAFT);
  g_autoptr(GPtrArray) draft_results = NULL;
  g_autoptr(DcPhoto) signed_one = dc_photo_new ();
  g_autoptr(GError) error = NULL;
  DcPhoto *draft_one, *draft_two;
  gboolean removed;
  guint n_removed;

  draft_results = import_paths (fixture, fixture->session_id, FALSE, one_path, two_path, NULL);
  draft_one = assert_imported (draft_results, 0);
  draft_two = assert_imported (draft_results, 1);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 8);

  /* The signed session has the first photo too, from before it was
   * signed. */
  dc_photo_set_session_id (signed_one, signed_session);
  dc_photo_set_sha256 (signed_one, dc_photo_get_sha256 (draft_one));
  dc_photo_set_file_name (signed_one, "one.jpg");
  dc_photo_set_width (signed_one, 64);
  dc_photo_set_height (signed_one, 48);
  dc_store_save (fixture->base.store, DC_RECORD (signed_one), &error);
  g_assert_no_error (error);
  sign_session (fixture, signed_session);

  /* Its photo stays, and it takes no more. */
  g_assert_false (dc_photo_remove (fixture->base.store, signed_one, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (count_photos (fixture, signed_session), ==, 1);

  {
    g_autoptr(DcPhotoImporter) importer = dc_photo_importer_new (fixture->base.store,
                                                                 signed_session);
    const char *paths[] = { two_path, NULL };
    g_autoptr(GPtrArray) results = dc_photo_importer_import (importer, paths, NULL, &error);

    g_assert_null (results);
    g_assert_error (error, DC_ERROR, DC_ERROR_LOCKED);
    g_clear_error (&error);
    g_assert_cmpint (count_photos (fixture, signed_session), ==, 1);
  }

  /* From the draft: the record goes, the files stay until the undo has
   * expired and nothing refers to them. */
  g_assert_true (dc_photo_remove (fixture->base.store, draft_two, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_photos (fixture, fixture->session_id), ==, 1);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 8);
  g_assert_true (dc_photo_library_remove_unreferenced (fixture->base.store,
                                                       dc_photo_get_sha256 (draft_two),
                                                       &removed, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 4);

  /* The signed session still refers to the first photo's files. */
  g_assert_true (dc_photo_remove (fixture->base.store, draft_one, &error));
  g_assert_no_error (error);
  g_assert_true (dc_photo_library_remove_unreferenced (fixture->base.store,
                                                       dc_photo_get_sha256 (draft_one),
                                                       &removed, &error));
  g_assert_no_error (error);
  g_assert_false (removed);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 4);

  /* Garbage collection sweeps what a crash left and keeps what is used. */
  {
    g_autofree char *dir = g_build_filename (photo_dir (fixture), "originals", "00", NULL);
    g_autofree char *stray = g_build_filename (dir, "0000000000000000000000000000000000000000"
                                               "000000000000000000000000.jpg", NULL);
    g_autofree char *temp = g_build_filename (dir, ".import-ab12cd", NULL);

    g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents_full (stray, "x", 1, 0, 0600, NULL));
    g_assert_true (g_file_set_contents_full (temp, "x", 1, 0, 0600, NULL));
    g_assert_true (dc_photo_library_collect_garbage (fixture->base.store, &n_removed, NULL,
                                                     &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_removed, ==, 2);
    g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 4);
  }
}

/* At start-up: only what an interrupted import left, and only when no
 * import is running. */
static void
test_remove_temp_files (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (64, 48, 1);
  g_autoptr(GBytes) jpeg = encode (pixbuf, "jpeg");
  g_autofree char *path = write_input (fixture, "one.jpg", jpeg);
  g_autoptr(GPtrArray) results = import_paths (fixture, fixture->session_id, FALSE, path, NULL);
  const char *sha256 = dc_photo_get_sha256 (assert_imported (results, 0));
  g_autofree char *original = dc_photo_library_find_original (photo_dir (fixture), sha256);
  g_autofree char *original_dir = g_path_get_dirname (original);
  g_autofree char *thumb = dc_photo_library_get_derivative_path (photo_dir (fixture), sha256,
                                                                 DC_PHOTO_DERIVATIVE_THUMBNAIL);
  g_autofree char *derived_dir = g_path_get_dirname (thumb);
  g_autofree char *temp_original = g_build_filename (original_dir, ".import-Ab12Cd", NULL);
  g_autofree char *temp_derived = g_build_filename (derived_dir, ".import-Ef34Gh", NULL);
  g_autofree char *orphan_dir = g_build_filename (photo_dir (fixture), "originals", "00", NULL);
  g_autofree char *orphan = g_build_filename (orphan_dir, "0000000000000000000000000000000000"
                                              "000000000000000000000000000000.jpg", NULL);
  g_autofree char *missing = g_build_filename (fixture->base.dir, "elsewhere", "photos", NULL);
  g_autoptr(DcPhotoLibraryLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  guint n_removed = 99;

  g_assert_true (g_file_set_contents_full (temp_original, "x", 1, 0, 0600, NULL));
  g_assert_true (g_file_set_contents_full (temp_derived, "x", 1, 0, 0600, NULL));
  g_assert_cmpint (g_mkdir (orphan_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents_full (orphan, "x", 1, 0, 0600, NULL));
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 7);

  /* While an import holds the lock, its temporary files are its own. */
  lock = dc_photo_library_lock (photo_dir (fixture), &error);
  g_assert_no_error (error);
  g_assert_false (dc_photo_library_remove_temp_files (photo_dir (fixture), &n_removed, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 7);
  g_clear_pointer (&lock, dc_photo_library_unlock);

  /* Files without a record are garbage collection's, not start-up's. */
  g_assert_true (dc_photo_library_remove_temp_files (photo_dir (fixture), &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 2);
  g_assert_false (g_file_test (temp_original, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (temp_derived, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (orphan, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (original, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 5);

  /* A library not made yet has nothing to remove, and is not made. */
  g_assert_true (dc_photo_library_remove_temp_files (missing, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_guess_views (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (32, 32, 1);
  g_autoptr(GBytes) jpeg = encode (pixbuf, "jpeg");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DcPhotoImporter) importer = dc_photo_importer_new (fixture->base.store,
                                                               fixture->session_id);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const DcPhotoView expected[] = {
    DC_PHOTO_VIEW_FRONTAL, DC_PHOTO_VIEW_OBLIQUE_RIGHT, DC_PHOTO_VIEW_OBLIQUE_LEFT,
    DC_PHOTO_VIEW_LATERAL_RIGHT, DC_PHOTO_VIEW_LATERAL_LEFT, DC_PHOTO_VIEW_FRONTAL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = g_strdup_printf ("view-%u.jpg", i);
      g_autoptr(GBytes) distinct = add_comment (jpeg, name);

      g_ptr_array_add (paths, write_input (fixture, name, distinct));
    }
  g_ptr_array_add (paths, NULL);

  dc_photo_importer_set_guess_views (importer, TRUE);
  dc_photo_importer_set_view (importer, DC_PHOTO_VIEW_CLOSE_UP);
  results = dc_photo_importer_import (importer, (const char * const *) paths->pdata, NULL,
                                      &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      DcPhoto *photo = assert_imported (results, i);

      g_assert_cmpint (dc_photo_get_view (photo), ==, expected[i]);
      g_assert_cmpint (dc_photo_guess_view (i), ==, expected[i]);
    }

  /* Without guessing, every photo gets the importer's view. */
  {
    g_autoptr(GBytes) distinct = add_comment (jpeg, "close-up");
    g_autofree char *path = write_input (fixture, "close-up.jpg", distinct);
    const char *one[] = { path, NULL };
    g_autoptr(GPtrArray) close_up = NULL;

    dc_photo_importer_set_guess_views (importer, FALSE);
    close_up = dc_photo_importer_import (importer, one, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (dc_photo_get_view (assert_imported (close_up, 0)), ==,
                     DC_PHOTO_VIEW_CLOSE_UP);
  }
}

/* Tests: the worker -------------------------------------------------------- */

typedef struct
{
  GThread   *main_thread;
  guint      n_ticks;
  gint64     last_tick;
  gint64     longest_gap;
  guint      n_progress;
  guint      last_done;
  gboolean   progress_elsewhere;
  gboolean   progress_after_done;
  gboolean   done;
  GPtrArray *results;
  GError    *error;
  GCancellable *cancel_after_first;
} Batch;

static gboolean
tick_cb (gpointer data)
{
  Batch *batch = data;
  gint64 now = g_get_monotonic_time ();

  batch->n_ticks++;
  if (batch->last_tick != 0)
    batch->longest_gap = MAX (batch->longest_gap, now - batch->last_tick);
  batch->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (DcPhotoImporter     *importer,
             guint                n_done,
             guint                n_total,
             DcPhotoImportResult *result,
             gpointer             data)
{
  Batch *batch = data;

  if (g_thread_self () != batch->main_thread)
    batch->progress_elsewhere = TRUE;
  if (batch->done)
    batch->progress_after_done = TRUE;
  g_assert_cmpuint (n_done, ==, batch->last_done + 1);
  g_assert_nonnull (result);
  batch->last_done = n_done;
  batch->n_progress++;

  if (batch->cancel_after_first != NULL)
    g_cancellable_cancel (batch->cancel_after_first);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  Batch *batch = data;

  g_assert_true (g_thread_self () == batch->main_thread);
  batch->results = dc_photo_importer_import_finish (DC_PHOTO_IMPORTER (object), result,
                                                    &batch->error);
  batch->done = TRUE;
}

static void
wait_for_batch (Batch *batch)
{
  gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

  while (!batch->done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Drops the test's importer and waits for the worker to let go of its
 * task: it does so a moment after the callback ran, and the task holds the
 * importer and the store, which the fixture's teardown checks is freed. */
static void
release_importer (Fixture          *fixture,
                  DcPhotoImporter **importer)
{
  GObject *store = G_OBJECT (fixture->base.store);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_clear_object (importer);
  while (g_atomic_int_get ((int *) &store->ref_count) > 1)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Twenty 12 MP photos import in the worker while the main loop goes on:
 * its 10 ms timeout keeps firing, and progress arrives on it. */
static void
test_batch_in_worker (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DcPhotoImporter) importer = dc_photo_importer_new (fixture->base.store,
                                                               fixture->session_id);
  Batch batch = { g_thread_self () };
  gint64 started, elapsed;
  guint tick_id;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("IMG_%04u.jpg", i + 1);
      g_autoptr(GBytes) distinct = add_comment (big_jpeg (), name);

      g_ptr_array_add (paths, write_input (fixture, name, distinct));
    }
  g_ptr_array_add (paths, NULL);

  dc_photo_importer_set_guess_views (importer, TRUE);
  g_signal_connect (importer, "progress", G_CALLBACK (progress_cb), &batch);
  tick_id = g_timeout_add (10, tick_cb, &batch);

  started = g_get_monotonic_time ();
  dc_photo_importer_import_async (importer, (const char * const *) paths->pdata, NULL,
                                  import_done_cb, &batch);
  /* Nothing was done before returning to the main loop. */
  g_assert_cmpuint (batch.n_progress, ==, 0);
  wait_for_batch (&batch);
  elapsed = g_get_monotonic_time () - started;
  g_source_remove (tick_id);

  g_test_message ("20 photos of 12 MP in %.1f s; %u ticks of the main loop, longest gap %.0f ms",
                  elapsed / 1e6, batch.n_ticks, batch.longest_gap / 1e3);

  g_assert_no_error (batch.error);
  g_assert_nonnull (batch.results);
  g_assert_cmpuint (batch.results->len, ==, 20);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpint (dc_photo_get_view (assert_imported (batch.results, i)), ==,
                     dc_photo_guess_view (i));
  g_assert_cmpint (count_photos (fixture, fixture->session_id), ==, 20);

  g_assert_cmpuint (batch.n_progress, ==, 20);
  g_assert_cmpuint (batch.last_done, ==, 20);
  g_assert_false (batch.progress_elsewhere);
  g_assert_false (batch.progress_after_done);

  /* The main loop kept iterating: at least a quarter of the ticks a free
   * loop would have had, and never stuck for a second. */
  g_assert_cmpuint (batch.n_ticks, >=, 10);
  g_assert_cmpuint (batch.n_ticks, >=, elapsed / (40 * 1000));
  g_assert_cmpint (batch.longest_gap, <, G_USEC_PER_SEC);

  g_clear_pointer (&batch.results, g_ptr_array_unref);
  release_importer (fixture, &importer);
}

/* Cancelled after the first file: the finish says so, what was imported
 * stays whole, and nothing half-written is left. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DcPhotoImporter) importer = dc_photo_importer_new (fixture->base.store,
                                                               fixture->session_id);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Batch batch = { g_thread_self () };
  gint64 n_photos;

  /* Big photos, so that the cancellation lands well before the end. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("cancel-%u.jpg", i);
      g_autoptr(GBytes) distinct = add_comment (big_jpeg (), name);

      g_ptr_array_add (paths, write_input (fixture, name, distinct));
    }
  g_ptr_array_add (paths, NULL);

  batch.cancel_after_first = cancellable;
  g_signal_connect (importer, "progress", G_CALLBACK (progress_cb), &batch);
  dc_photo_importer_import_async (importer, (const char * const *) paths->pdata, cancellable,
                                  import_done_cb, &batch);
  wait_for_batch (&batch);

  g_assert_null (batch.results);
  g_assert_error (batch.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&batch.error);

  n_photos = count_photos (fixture, fixture->session_id);
  g_assert_cmpint (n_photos, >=, 1);
  g_assert_cmpint (n_photos, <, 10);
  g_assert_cmpuint (count_files (photo_dir (fixture)), ==, 4 * n_photos);
  release_importer (fixture, &importer);
}

/* The demo clinic: every session has a frontal photo before, every one
 * that is over one after too, and the first and the latest the whole
 * five-view series; the sessions end up signed, as the demo shows them.
 * The photos are drawn, not of anyone, and say so. */
static void
test_demo (StoreFixture  *fixture,
           gconstpointer  data)
{
  DcStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) patients = NULL;
  guint n_signed = 0;
  guint n_photos = 0;

  dc_demo_fill_full (store, NULL, NULL, &error);
  g_assert_no_error (error);

  patients = dc_store_search_patients (store, NULL, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (patients), >, 0);
  for (guint p = 0; p < g_list_model_get_n_items (patients); p++)
    {
      g_autoptr(DcRecord) patient = g_list_model_get_item (patients, p);
      g_autoptr(GListModel) sessions = dc_store_list (store, DC_TYPE_SESSION,
                                                      dc_record_get_id (patient), NULL);
      guint n_sessions = g_list_model_get_n_items (sessions);

      for (guint s = 0; s < n_sessions; s++)
        {
          g_autoptr(DcSession) session = g_list_model_get_item (sessions, s);
          g_autoptr(GListModel) photos = dc_store_list (store, DC_TYPE_PHOTO,
                                                        dc_record_get_id (DC_RECORD (session)),
                                                        NULL);
          gboolean is_signed = dc_session_get_status (session) == DC_SESSION_SIGNED;
          guint n_before = 0, n_after = 0;
          gboolean views[DC_PHOTO_VIEW_CLOSE_UP + 1] = { FALSE };

          n_signed += is_signed;
          for (guint i = 0; i < g_list_model_get_n_items (photos); i++)
            {
              g_autoptr(DcPhoto) photo = g_list_model_get_item (photos, i);
              g_autofree char *thumb = NULL;

              n_photos++;
              if (dc_photo_get_phase (photo) == DC_PHOTO_PHASE_BEFORE)
                {
                  n_before++;
                  views[dc_photo_get_view (photo)] = TRUE;
                }
              else
                {
                  n_after++;
                  g_assert_cmpint (dc_photo_get_view (photo), ==, DC_PHOTO_VIEW_FRONTAL);
                }
              g_assert_nonnull (dc_photo_get_taken_at (photo));
              g_assert_cmpint (dc_photo_get_consent (photo), ==,
                               dc_patient_get_consent (DC_PATIENT (patient)));
              thumb = dc_photo_library_get_derivative_path (dc_store_get_photo_dir (store),
                                                            dc_photo_get_sha256 (photo),
                                                            DC_PHOTO_DERIVATIVE_THUMBNAIL);
              g_assert_true (g_file_test (thumb, G_FILE_TEST_IS_REGULAR));
            }

          g_assert_true (views[DC_PHOTO_VIEW_FRONTAL]);
          g_assert_cmpuint (n_after, ==, is_signed ? 1 : 0);
          if (s == 0 || s == n_sessions - 1)
            {
              g_assert_cmpuint (n_before, ==, 5);
              for (int v = DC_PHOTO_VIEW_FRONTAL; v <= DC_PHOTO_VIEW_LATERAL_RIGHT; v++)
                g_assert_true (views[v]);
            }
          else
            {
              g_assert_cmpuint (n_before, ==, 1);
            }
        }
    }

  /* All but the session in progress are signed. */
  g_assert_cmpuint (n_signed, >, 5);
  g_test_message ("%u photos", n_photos);
}

/* dermachart verify's photo check: an intact library passes; a changed
 * or missing original is reported, naming the photo. */
static void
test_verify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = make_stored_image (64, 48, 1);
  g_autoptr(GBytes) jpeg = encode (pixbuf, "jpeg");
  g_autofree char *path = write_input (fixture, "verify.jpg", jpeg);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  DcPhoto *photo;
  FILE *file;

  results = import_paths (fixture, fixture->session_id, FALSE, path, NULL);
  photo = assert_imported (results, 0);
  original = dc_photo_library_find_original (photo_dir (fixture), dc_photo_get_sha256 (photo));

  dc_photo_library_verify (fixture->base.store, clean, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clean->len, ==, 0);

  /* One byte more at the end: the JPEG still opens, the checksum differs. */
  file = fopen (original, "ab");
  g_assert_nonnull (file);
  fputc ('x', file);
  fclose (file);
  dc_photo_library_verify (fixture->base.store, changed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (changed, 0),
                            dc_record_get_uuid (DC_RECORD (photo))));
  g_assert_nonnull (strstr (g_ptr_array_index (changed, 0), "was changed"));

  g_assert_cmpint (g_unlink (original), ==, 0);
  dc_photo_library_verify (fixture->base.store, missing, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (missing, 0), "is missing"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/photos/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/photos/format/sniff", test_sniff);
  g_test_add_func ("/photos/exif/parse", test_exif_parse);
  g_test_add_func ("/photos/exif/fuzz", test_exif_fuzz);
  g_test_add_func ("/photos/format/fuzz", test_source_fuzz);
  ADD ("import/orientation", test_orientation);
  ADD ("import/derivatives", test_derivatives);
  ADD ("import/decode-writes-nothing", test_decode_writes_nothing);
  ADD ("import/other-formats", test_other_formats);
  ADD ("import/bad-exif", test_bad_exif);
  ADD ("import/bad-input", test_bad_input);
  ADD ("import/refused-leaves-nothing", test_refused_leaves_nothing);
  g_test_add_func ("/photos/import/unreadable", test_unreadable);
  ADD ("import/duplicate", test_duplicate);
  ADD ("import/duplicate-in-batch", test_duplicate_in_batch);
  ADD ("import/guess-views", test_guess_views);
  ADD ("remove", test_remove);
  ADD ("verify", test_verify);
  ADD ("remove-temp-files", test_remove_temp_files);
  ADD ("import/batch-in-worker", test_batch_in_worker);
  ADD ("import/cancel", test_cancel);
  g_test_add ("/photos/demo", StoreFixture, NULL, store_fixture_setup, test_demo,
              store_fixture_teardown);
#undef ADD

  return g_test_run ();
}
