/* dc-photo-import.h: bringing one photo file into the library, without a
 * display and without the store: read it, tell its format by its bytes,
 * check it is whole and not too large to decode, hash it, make the
 * derivatives, and copy it untouched. Blocking: call it from a worker
 * thread (DcPhotoImporter does). */
#pragma once

#include <gio/gio.h>

#include "dc-photo-format.h"

G_BEGIN_DECLS

/* The decompression-bomb guard, checked from the file's header before any
 * pixel is decoded. 100 megapixels is twice the largest phone and camera
 * photos a clinic takes (48 MP), with room for 50–100 MP sensors; decoding
 * it costs at most 400 MB (RGBA) for the formats libjpeg cannot scale down
 * while decoding (PNG, WebP, HEIC), which is as much as we let decoding
 * take on a clinic's laptop: photos decoded side by side share it. No
 * camera makes a side longer than 20 000 px; the side limit also keeps row
 * sizes far from integer overflow in the decoders and scalers. */
#define DC_PHOTO_MAX_PIXELS     (100 * 1000 * 1000)
#define DC_PHOTO_MAX_SIDE       20000

/* A 48 MP JPEG is about 25 MB, a 100 MP PNG can approach 300 MB. The
 * whole file is read into memory to be hashed and checked, so cap it. */
#define DC_PHOTO_MAX_FILE_SIZE  ((goffset) 512 * 1024 * 1024)

typedef struct _DcPhotoSource DcPhotoSource;

typedef struct
{
  char          *sha256;     /* of the original, lower-case hex */
  char          *file_name;  /* the name the user knew it by (UTF-8) */
  DcPhotoFormat  format;
  int            width;      /* the original's size, the right way up */
  int            height;
  char          *taken_at;   /* "YYYY-MM-DDTHH:MM:SS" local time, or NULL */

  /*< private >*/
  GPtrArray     *created;    /* library files and folders this import made */
} DcImportedFile;

DcPhotoSource  *dc_photo_source_new_for_path  (const char      *path,
                                               GCancellable    *cancellable,
                                               GError         **error);
DcPhotoSource  *dc_photo_source_new_for_bytes (GBytes          *bytes,
                                               const char      *file_name,
                                               GError         **error);
void            dc_photo_source_free          (DcPhotoSource   *source);
const char     *dc_photo_source_get_sha256    (DcPhotoSource   *source);
const char     *dc_photo_source_get_file_name (DcPhotoSource   *source);
DcPhotoFormat   dc_photo_source_get_format    (DcPhotoSource   *source);
guint           dc_photo_source_get_orientation (DcPhotoSource *source);
const char     *dc_photo_source_get_taken_at  (DcPhotoSource   *source);

gboolean        dc_photo_source_decode        (DcPhotoSource   *source,
                                               GCancellable    *cancellable,
                                               GError         **error);
DcImportedFile *dc_photo_source_import        (DcPhotoSource   *source,
                                               const char      *photo_dir,
                                               GCancellable    *cancellable,
                                               GError         **error);
DcImportedFile *dc_photo_import_file          (const char      *photo_dir,
                                               const char      *path,
                                               GCancellable    *cancellable,
                                               GError         **error);

void            dc_imported_file_discard      (DcImportedFile  *imported);
void            dc_imported_file_free         (DcImportedFile  *imported);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcPhotoSource, dc_photo_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcImportedFile, dc_imported_file_free)

G_END_DECLS
