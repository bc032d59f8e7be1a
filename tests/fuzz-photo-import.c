/* fuzz-photo-import.c: mutated photo files through the photo import.
 *
 * Seeds are small generated JPEG, PNG, WebP and TIFF files with EXIF
 * blocks in both byte orders (orientation, dates, an IFD chain, a GPS
 * IFD), a HEIC made with libheif (fuzz-seeds/), a synthetic demo photo,
 * and the kinds of bad file the photo tests refuse: cut short, a
 * decompression bomb's header, a side too long, a HEIC without images, a
 * JPEG with a junk frame header, text.
 *
 * Every input is written to a file and imported by DcPhotoImporter into a
 * draft session of a real store and photo library: format sniffing, the
 * container walk, our EXIF reader, the size guard, decoding, derivatives
 * and the library's writes. The oracles: a refused file has a readable
 * error naming it, and leaves no record, no file, no folder and no
 * temporary file behind; an accepted one is kept byte for byte under its
 * checksum, has three JPEG derivatives within their sizes and without
 * EXIF, and a plausible size and date; removing it again leaves the library
 * as it was. Every few seconds and at the end, the database passes its
 * integrity check and garbage collection finds nothing to collect. */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "dc-demo-photos.h"
#include "dc-fuzz.h"
#include "dc-photo-format.h"
#include "dc-photo-import.h"
#include "dc-photo-importer.h"
#include "dc-photo-library.h"
#include "dc-test-util.h"

/* Inputs grow by insertions up to this size; the demo photo is ~100 kB. */
#define MAX_INPUT_LENGTH (1024 * 1024)

#define INPUT_NAME "IMG_fuzz.jpg"

typedef struct
{
  char            *dir;
  char            *input_path;
  DcStore         *store;
  gint64           session_id;
  DcPhotoImporter *importer;
} PhotoFuzz;

/* The library ------------------------------------------------------------- */

/* Every file and folder under @dir, relative to @top, sorted. Fails on a
 * temporary file: none may outlive an import. */
static void
list_tree (const char *top,
           const char *dir,
           GPtrArray  *entries)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gboolean is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);

      if (g_str_has_prefix (name, ".import-"))
        g_error ("A temporary file was left in the library: %s", path);
      g_ptr_array_add (entries, g_strdup_printf ("%s%s", path + strlen (top),
                                                 is_dir ? "/" : ""));
      if (is_dir)
        list_tree (top, path, entries);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static char *
library_listing (PhotoFuzz *fuzz,
                 gboolean   files_only)
{
  const char *top = dc_store_get_photo_dir (fuzz->store);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  GString *listing = g_string_new (NULL);

  list_tree (top, top, entries);
  g_ptr_array_sort (entries, compare_strings);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *entry = g_ptr_array_index (entries, i);

      if (!files_only || !g_str_has_suffix (entry, "/"))
        g_string_append_printf (listing, "%s\n", entry);
    }
  return g_string_free (listing, FALSE);
}

static gint64
count_photos (PhotoFuzz *fuzz)
{
  g_autoptr(GError) error = NULL;
  gint64 n = dc_store_count (fuzz->store, DC_TYPE_PHOTO, fuzz->session_id, &error);

  g_assert_no_error (error);
  return n;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_input (PhotoFuzz    *fuzz,
             const guint8 *input,
             gsize         length)
{
  /* Not g_file_set_contents(): no need to fsync what is thrown away. */
  FILE *file = fopen (fuzz->input_path, "wb");

  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (input, 1, length, file), ==, length);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* What an accepted photo must be like. */
static void
check_imported (PhotoFuzz    *fuzz,
                DcPhoto      *photo,
                const guint8 *input,
                gsize         length)
{
  const char *photo_dir = dc_store_get_photo_dir (fuzz->store);
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, input, length);
  g_autofree char *original_path = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) expected = g_bytes_new_static (input, length);
  int width = dc_photo_get_width (photo);
  int height = dc_photo_get_height (photo);

  g_assert_cmpstr (dc_photo_get_sha256 (photo), ==, sha256);
  g_assert_cmpstr (dc_photo_get_file_name (photo), ==, INPUT_NAME);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_cmpint (MAX (width, height), <=, DC_PHOTO_MAX_SIDE);
  g_assert_cmpint ((gint64) width * height, <=, DC_PHOTO_MAX_PIXELS);
  if (dc_photo_get_taken_at (photo) != NULL)
    {
      g_autofree char *stamp = g_strconcat (dc_photo_get_taken_at (photo), "Z", NULL);
      g_autoptr(GDateTime) parsed = dc_timestamp_parse (stamp);

      g_assert_nonnull (parsed);
    }

  original_path = dc_photo_library_find_original (photo_dir, sha256);
  g_assert_nonnull (original_path);
  original = read_file (original_path);
  g_assert_true (g_bytes_equal (original, expected));

  for (guint i = 0; i < DC_PHOTO_N_DERIVATIVES; i++)
    {
      g_autofree char *path = dc_photo_library_get_derivative_path (photo_dir, sha256, i);
      g_autoptr(GBytes) bytes = read_file (path);
      GdkPixbufFormat *format;
      g_autofree char *format_name = NULL;
      const guint8 *exif = NULL;
      gsize exif_length = 0;
      int w, h;

      format = gdk_pixbuf_get_file_info (path, &w, &h);
      g_assert_nonnull (format);
      format_name = gdk_pixbuf_format_get_name (format);
      g_assert_cmpstr (format_name, ==, "jpeg");
      g_assert_cmpint (w, >, 0);
      g_assert_cmpint (h, >, 0);
      g_assert_cmpint (MAX (w, h), <=, dc_photo_derivative_get_size (i));
      /* Derivatives leave the clinic in reports: no EXIF, so no GPS. */
      g_assert_true (dc_photo_format_scan (DC_PHOTO_FORMAT_JPEG, g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes), &exif, &exif_length));
      g_assert_null (exif);
    }
}

static DcFuzzVerdict
run_cb (gpointer      data,
        const guint8 *input,
        gsize         length)
{
  PhotoFuzz *fuzz = data;
  const char *paths[] = { fuzz->input_path, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing_before = library_listing (fuzz, FALSE);
  g_autofree char *files_before = library_listing (fuzz, TRUE);
  g_autofree char *listing_after = NULL;
  gint64 photos_before = count_photos (fuzz);
  DcPhotoImportResult *result;
  DcPhoto *photo;

  write_input (fuzz, input, length);

  results = dc_photo_importer_import (fuzz->importer, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);

  switch (dc_photo_import_result_get_status (result))
    {
    case DC_PHOTO_IMPORT_REFUSED:
      dc_fuzz_assert_error (dc_photo_import_result_get_error (result));
      if (!g_str_has_prefix (dc_photo_import_result_get_error (result)->message,
                             INPUT_NAME ": "))
        g_error ("The error does not name the file: %s",
                 dc_photo_import_result_get_error (result)->message);
      g_assert_null (dc_photo_import_result_get_photo (result));

      /* Nothing left behind: no record, no file, no folder. */
      g_assert_cmpint (count_photos (fuzz), ==, photos_before);
      listing_after = library_listing (fuzz, FALSE);
      g_assert_cmpstr (listing_after, ==, listing_before);
      return DC_FUZZ_REFUSED;

    case DC_PHOTO_IMPORT_IMPORTED:
      photo = dc_photo_import_result_get_photo (result);
      g_assert_nonnull (photo);
      g_assert_cmpint (count_photos (fuzz), ==, photos_before + 1);
      check_imported (fuzz, photo, input, length);

      /* And out again, as the window does once its undo has expired, to
       * start the next input from the same library. */
      {
        g_autofree char *sha256 = g_strdup (dc_photo_get_sha256 (photo));
        gboolean removed = FALSE;

        dc_photo_remove (fuzz->store, photo, &error);
        g_assert_no_error (error);
        g_assert_cmpint (count_photos (fuzz), ==, photos_before);
        dc_photo_library_remove_unreferenced (fuzz->store, sha256, &removed, &error);
        g_assert_no_error (error);
        g_assert_true (removed);
      }
      listing_after = library_listing (fuzz, TRUE);
      g_assert_cmpstr (listing_after, ==, files_before);
      return DC_FUZZ_ACCEPTED;

    case DC_PHOTO_IMPORT_DUPLICATE:
    default:
      g_error ("The session has every photo removed again, so nothing can be a duplicate");
    }
}

static void
check_cb (gpointer data)
{
  PhotoFuzz *fuzz = data;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_removed = 0;

  g_assert_cmpint (sqlite3_open_v2 (dc_store_get_path (fuzz->store), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Every file in the library belongs to a record. */
  g_assert_true (dc_photo_library_collect_garbage (fuzz->store, &n_removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 0);
}

/* Seeds: EXIF ----------------------------------------------------------------- */

typedef struct
{
  GByteArray *out;
  gboolean    big_endian;
} Tiff;

static void
put (Tiff    *tiff,
     guint32  value,
     guint    width)
{
  for (guint i = 0; i < width; i++)
    {
      guint shift = tiff->big_endian ? 8 * (width - 1 - i) : 8 * i;
      guint8 byte = (value >> shift) & 0xff;

      g_byte_array_append (tiff->out, &byte, 1);
    }
}

static void
put_entry (Tiff    *tiff,
           guint    tag,
           guint    type,
           guint32  count,
           guint32  value)
{
  put (tiff, tag, 2);
  put (tiff, type, 2);
  put (tiff, count, 4);
  if (type == 3 && count == 1)
    {
      put (tiff, value, 2);  /* a SHORT sits in the first two bytes */
      put (tiff, 0, 2);
    }
  else
    put (tiff, value, 4);
}

/* A TIFF structure like a camera's: IFD0 (orientation, DateTime, pointers
 * to the Exif and GPS IFDs) chained to IFD1 (a thumbnail's), the Exif IFD
 * (DateTimeOriginal, a width), the GPS IFD (a latitude). Offsets are fixed
 * by the layout below. */
static GBytes *
make_tiff (gboolean big_endian,
           guint    orientation,
           gboolean with_exif_header)
{
  Tiff tiff = { g_byte_array_new (), big_endian };
  static const guint8 exif_header[] = { 'E', 'x', 'i', 'f', 0, 0 };

  put (&tiff, big_endian ? 0x4d4d : 0x4949, 2);
  put (&tiff, 42, 2);
  put (&tiff, 8, 4);

  put (&tiff, 4, 2);                           /* IFD0 at 8 */
  put_entry (&tiff, 0x0112, 3, 1, orientation);
  put_entry (&tiff, 0x0132, 2, 20, 140);
  put_entry (&tiff, 0x8769, 4, 1, 80);
  put_entry (&tiff, 0x8825, 4, 1, 110);
  put (&tiff, 62, 4);
  put (&tiff, 1, 2);                           /* IFD1 at 62 */
  put_entry (&tiff, 0x0103, 3, 1, 6);
  put (&tiff, 0, 4);
  put (&tiff, 2, 2);                           /* Exif IFD at 80 */
  put_entry (&tiff, 0x9003, 2, 20, 160);
  put_entry (&tiff, 0xa002, 4, 1, 64);
  put (&tiff, 0, 4);
  put (&tiff, 2, 2);                           /* GPS IFD at 110 */
  put_entry (&tiff, 0x0001, 2, 2, big_endian ? 0x4e000000 : 0x4e);
  put_entry (&tiff, 0x0002, 5, 3, 180);
  put (&tiff, 0, 4);
  g_assert_cmpuint (tiff.out->len, ==, 140);
  g_byte_array_append (tiff.out, (const guint8 *) "2025:03:14 15:09:26", 20);
  g_byte_array_append (tiff.out, (const guint8 *) "2025:03:14 15:09:25", 20);
  for (guint i = 0; i < 3; i++)
    {
      put (&tiff, 52 + i, 4);
      put (&tiff, 1, 4);
    }

  if (with_exif_header)
    g_byte_array_prepend (tiff.out, exif_header, sizeof exif_header);
  return g_byte_array_free_to_bytes (tiff.out);
}

/* Seeds: images --------------------------------------------------------------- */

static GdkPixbuf *
make_gradient (int      width,
               int      height,
               gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
                    + x * channels;

        p[0] = x * 255 / width;
        p[1] = y * 255 / height;
        p[2] = (x / 8 + y / 8) % 2 ? 200 : 60;
        if (alpha)
          p[3] = x < width / 2 ? 255 : 0;
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

  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

/* @bytes with @insert put in at @at. */
static GBytes *
splice_in (GBytes       *bytes,
           gsize         at,
           const guint8 *insert,
           gsize         length)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GByteArray *out = g_byte_array_sized_new (size + length);

  g_byte_array_append (out, data, at);
  g_byte_array_append (out, insert, length);
  g_byte_array_append (out, data + at, size - at);
  return g_byte_array_free_to_bytes (out);
}

/* A JPEG segment right after SOI. */
static GBytes *
add_segment (GBytes       *jpeg,
             guint8        marker,
             const guint8 *payload,
             gsize         length)
{
  g_autoptr(GByteArray) segment = g_byte_array_new ();
  guint8 header[4] = { 0xff, marker, (length + 2) >> 8, (length + 2) & 0xff };

  g_byte_array_append (segment, header, 4);
  g_byte_array_append (segment, payload, length);
  return splice_in (jpeg, 2, segment->data, segment->len);
}

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

static GByteArray *
png_chunk (const char   *type,
           const guint8 *data,
           gsize         length)
{
  GByteArray *chunk = g_byte_array_new ();

  append_be32 (chunk, length);
  g_byte_array_append (chunk, (const guint8 *) type, 4);
  g_byte_array_append (chunk, data, length);
  append_be32 (chunk, crc32_of (chunk->data + 4, length + 4));
  return chunk;
}

/* A PNG with an eXIf chunk after IHDR (which ends at byte 33). */
static GBytes *
add_png_exif (GBytes *png,
              GBytes *exif)
{
  g_autoptr(GByteArray) chunk = png_chunk ("eXIf", g_bytes_get_data (exif, NULL),
                                           g_bytes_get_size (exif));

  return splice_in (png, 33, chunk->data, chunk->len);
}

/* A PNG whose header claims @width × @height, with one tiny IDAT: what a
 * decompression bomb looks like to every check before decoding. */
static GBytes *
make_png_header (guint32 width,
                 guint32 height)
{
  GByteArray *out = g_byte_array_new ();
  guint8 ihdr[13] = { 0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0 };
  static const guint8 idat[] = { 0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01 };
  g_autoptr(GByteArray) header = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GByteArray) end = NULL;

  for (guint i = 0; i < 4; i++)
    {
      ihdr[i] = (width >> (24 - 8 * i)) & 0xff;
      ihdr[4 + i] = (height >> (24 - 8 * i)) & 0xff;
    }
  header = png_chunk ("IHDR", ihdr, sizeof ihdr);
  data = png_chunk ("IDAT", idat, sizeof idat);
  end = png_chunk ("IEND", NULL, 0);
  g_byte_array_append (out, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  g_byte_array_append (out, header->data, header->len);
  g_byte_array_append (out, data->data, data->len);
  g_byte_array_append (out, end->data, end->len);
  return g_byte_array_free_to_bytes (out);
}

/* A WebP with an EXIF chunk at the end and the RIFF size to match. */
static GBytes *
add_webp_exif (GBytes *webp,
               GBytes *exif)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (webp, &size);
  GByteArray *out = g_byte_array_new ();
  gsize exif_length = g_bytes_get_size (exif) - 6;  /* without "Exif\0\0" */
  guint32 riff;
  guint8 chunk_header[8] = { 'E', 'X', 'I', 'F' };

  g_byte_array_append (out, data, size);
  for (guint i = 0; i < 4; i++)
    chunk_header[4 + i] = (exif_length >> (8 * i)) & 0xff;
  g_byte_array_append (out, chunk_header, 8);
  g_byte_array_append (out, (const guint8 *) g_bytes_get_data (exif, NULL) + 6, exif_length);
  if (exif_length % 2)
    g_byte_array_append (out, (const guint8 *) "", 1);
  riff = out->len - 8;
  for (guint i = 0; i < 4; i++)
    out->data[4 + i] = (riff >> (8 * i)) & 0xff;
  return g_byte_array_free_to_bytes (out);
}

static GPtrArray *
make_seeds_cb (gpointer data)
{
  GPtrArray *seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GdkPixbuf) small = make_gradient (64, 48, FALSE);
  g_autoptr(GdkPixbuf) tall = make_gradient (30, 90, FALSE);
  g_autoptr(GdkPixbuf) alpha = make_gradient (40, 30, TRUE);
  g_autoptr(GBytes) jpeg = encode (small, "jpeg");
  g_autoptr(GBytes) tall_jpeg = encode (tall, "jpeg");
  g_autoptr(GBytes) png = encode (small, "png");
  g_autoptr(GBytes) webp = encode (small, "webp");
  g_autoptr(GBytes) exif_le = make_tiff (FALSE, 6, TRUE);
  g_autoptr(GBytes) exif_be = make_tiff (TRUE, 8, TRUE);
  g_autoptr(GBytes) demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heic_path = NULL;
  static const char comment[] = "Synthetic test image, no person";
  static const char text[] = "Appointment notes, not a photo.\n";
  static const guint8 empty_heic[] = "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic\0\0\0\x08" "free";
  gsize jpeg_length;
  const guint8 *jpeg_data = g_bytes_get_data (jpeg, &jpeg_length);

  /* Good photos, with and without EXIF. */
  g_ptr_array_add (seeds, g_bytes_ref (jpeg));
  g_ptr_array_add (seeds, add_segment (jpeg, 0xe1, g_bytes_get_data (exif_le, NULL),
                                       g_bytes_get_size (exif_le)));
  g_ptr_array_add (seeds, add_segment (tall_jpeg, 0xe1, g_bytes_get_data (exif_be, NULL),
                                       g_bytes_get_size (exif_be)));
  g_ptr_array_add (seeds, add_segment (jpeg, 0xfe, (const guint8 *) comment, strlen (comment)));
  /* Bytes after EOI, as phones append previews there. */
  {
    GByteArray *trailer = g_byte_array_new ();

    g_byte_array_append (trailer, jpeg_data, jpeg_length);
    g_byte_array_append (trailer, jpeg_data, MIN (jpeg_length, 200));
    g_ptr_array_add (seeds, g_byte_array_free_to_bytes (trailer));
  }
  g_ptr_array_add (seeds, g_bytes_ref (png));
  g_ptr_array_add (seeds, add_png_exif (png, exif_be));
  g_ptr_array_add (seeds, encode (alpha, "png"));
  g_ptr_array_add (seeds, g_bytes_ref (webp));
  g_ptr_array_add (seeds, add_webp_exif (webp, exif_le));

  demo = dc_demo_photo_render (DC_PHOTO_VIEW_OBLIQUE_LEFT, DC_PHOTO_PHASE_AFTER, 4, 0.6,
                               "Synthetic fuzz seed", &error);
  g_assert_no_error (error);
  g_ptr_array_add (seeds, g_bytes_ref (demo));

  heic_path = g_test_build_filename (G_TEST_DIST, "fuzz-seeds", "gradient.heic", NULL);
  if (g_file_test (heic_path, G_FILE_TEST_IS_REGULAR))
    g_ptr_array_add (seeds, read_file (heic_path));
  else
    g_print ("fuzz-photo-import: no HEIC seed at %s\n", heic_path);

  /* Not photos Dermachart takes: TIFF, bare EXIF, text. */
  g_ptr_array_add (seeds, encode (small, "tiff"));
  g_ptr_array_add (seeds, make_tiff (FALSE, 3, FALSE));
  g_ptr_array_add (seeds, g_bytes_new_static (text, strlen (text)));

  /* The bad photos of the photo tests. */
  g_ptr_array_add (seeds, g_bytes_new_from_bytes (jpeg, 0, jpeg_length / 2));
  g_ptr_array_add (seeds, make_png_header (100000, 100000));
  g_ptr_array_add (seeds, make_png_header (30000, 100));
  g_ptr_array_add (seeds, g_bytes_new_static (empty_heic, sizeof empty_heic - 1));
  {
    guint8 *junk = g_memdup2 (jpeg_data, jpeg_length);

    for (gsize i = 2; i + 10 < jpeg_length; i++)
      if (junk[i] == 0xff && junk[i + 1] == 0xc0)
        {
          memset (junk + i + 4, 0, 6);
          break;
        }
    g_ptr_array_add (seeds, g_bytes_new_take (junk, jpeg_length));
  }

  return seeds;
}

/* Main ------------------------------------------------------------------------ */

/* gdk-pixbuf's loaders (libheif's in particular) warn about the damaged
 * files they refuse. That is their business, not a failure of ours: the
 * photo pipeline itself never warns. Each message is shown once. */
static void
loader_warning_cb (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  GHashTable *seen = user_data;

  if (g_hash_table_add (seen, g_strdup (message)))
    g_printerr ("fuzz-photo-import: a decoder warned (shown once): %s\n", message);
}

static const char *dictionary[] = {
  "\xff\xd8\xff", "\xff\xd9", "\xff\xe1", "\xff\xda", "\xff\xc0", "\xff\xc2", "\xff\xdb",
  "\xff\xc4", "\xff\xdd", "\xff\x00", "\xff\xd0", "Exif\0\0", "II*\0", "MM\0*", "\x87\x69",
  "\x01\x12", "\x90\x03", "\x89PNG\r\n\x1a\n", "IHDR", "IDAT", "IEND", "eXIf", "RIFF", "WEBP",
  "VP8 ", "VP8L", "VP8X", "EXIF", "ftyp", "heic", "mif1", "avif", "meta", "iloc", "iinf",
  "ipco", "mdat", "\0\0\0\x01",
};

/* The EXIF and container words hold NUL bytes: their lengths are given. */
static gsize dictionary_lengths[] = {
  3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 6, 4, 4, 2, 2, 2, 8, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4,
};

G_STATIC_ASSERT (G_N_ELEMENTS (dictionary) == G_N_ELEMENTS (dictionary_lengths));

int
main (int   argc,
      char *argv[])
{
  DcFuzzTarget target = {
    .name = "fuzz-photo-import",
    .max_length = MAX_INPUT_LENGTH,
    .dictionary = dictionary,
    .dictionary_lengths = dictionary_lengths,
    .n_dictionary = G_N_ELEMENTS (dictionary),
    .make_seeds = make_seeds_cb,
    .run = run_cb,
    .check = check_cb,
  };
  PhotoFuzz fuzz = { 0 };
  g_autoptr(DcPatient) patient = make_patient ("Fuzz", "Photo", "1985-06-15");
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *input_dir = NULL;
  g_autoptr(GHashTable) warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Criticals stay fatal; warnings are the loaders'. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_handler (NULL, G_LOG_LEVEL_WARNING, loader_warning_cb, warnings);

  fuzz.dir = dc_fuzz_scratch_dir ("fuzz-photo");
  db_path = g_build_filename (fuzz.dir, "clinic", "dermachart.db", NULL);
  input_dir = g_build_filename (fuzz.dir, "input", NULL);
  g_assert_cmpint (g_mkdir (input_dir, 0700), ==, 0);
  fuzz.input_path = g_build_filename (input_dir, INPUT_NAME, NULL);

  fuzz.store = dc_store_open (db_path, &error);
  g_assert_no_error (error);
  dc_store_set_actor (fuzz.store, "fuzz-photo-import");
  dc_patient_set_consent (patient, DC_CONSENT_CLINICAL);
  g_assert_true (dc_store_save (fuzz.store, DC_RECORD (patient), &error));
  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_started_at (session, "2026-11-20T09:30:00Z");
  g_assert_true (dc_store_save (fuzz.store, DC_RECORD (session), &error));
  fuzz.session_id = dc_record_get_id (DC_RECORD (session));
  fuzz.importer = dc_photo_importer_new (fuzz.store, fuzz.session_id);
  dc_photo_importer_set_consent (fuzz.importer, DC_CONSENT_CLINICAL);

  status = dc_fuzz_main (&target, &fuzz, argc, argv);

  g_assert_finalize_object (g_steal_pointer (&fuzz.importer));
  g_assert_finalize_object (g_steal_pointer (&fuzz.store));
  rm_rf (fuzz.dir);
  g_free (fuzz.dir);
  g_free (fuzz.input_path);
  return status;
}
