/* dc-photo-library.h: where photos live on disk, and taking them out.
 *
 * The library sits in the store's photo folder, content-addressed by the
 * original's SHA-256, fanned out by its first two hex digits:
 *
 *   originals/ab/<sha256>.jpg        the file as imported, byte for byte
 *   derived/ab/<sha256>-print.jpg    ≤ 2400 px long side, for reports
 *   derived/ab/<sha256>-display.jpg  ≤ 1600 px, for the viewer
 *   derived/ab/<sha256>-thumb.jpg    ≤ 320 px, for the gallery
 *
 * Folders are 0700 and files 0600: they are medical records. Derivatives
 * are re-encoded JPEGs, the right way up, without EXIF or GPS. A file is
 * shared by every photo record with its checksum, in any session, and is
 * removed only when no record refers to it any more. */
#pragma once

#include "dc-photo-format.h"
#include "dc-store.h"

G_BEGIN_DECLS

typedef enum
{
  DC_PHOTO_DERIVATIVE_PRINT,
  DC_PHOTO_DERIVATIVE_DISPLAY,
  DC_PHOTO_DERIVATIVE_THUMBNAIL,
} DcPhotoDerivative;

#define DC_PHOTO_N_DERIVATIVES 3

typedef struct _DcPhotoLibraryLock DcPhotoLibraryLock;

int                  dc_photo_derivative_get_size          (DcPhotoDerivative   derivative);

char                *dc_photo_library_get_original_path    (const char         *photo_dir,
                                                            const char         *sha256,
                                                            DcPhotoFormat       format);
char                *dc_photo_library_find_original        (const char         *photo_dir,
                                                            const char         *sha256);
char                *dc_photo_library_get_derivative_path  (const char         *photo_dir,
                                                            const char         *sha256,
                                                            DcPhotoDerivative   derivative);

DcPhotoLibraryLock  *dc_photo_library_lock                 (const char         *photo_dir,
                                                            GError            **error);
void                 dc_photo_library_unlock               (DcPhotoLibraryLock *lock);

gboolean             dc_photo_remove                       (DcStore            *store,
                                                            DcPhoto            *photo,
                                                            GError            **error);
gboolean             dc_photo_library_remove_unreferenced  (DcStore            *store,
                                                            const char         *sha256,
                                                            gboolean           *removed,
                                                            GError            **error);
gboolean             dc_photo_library_collect_garbage      (DcStore            *store,
                                                            guint              *n_removed,
                                                            GCancellable       *cancellable,
                                                            GError            **error);
gboolean             dc_photo_library_remove_temp_files    (const char         *photo_dir,
                                                            guint              *n_removed,
                                                            GError            **error);
void                 dc_photo_library_remove_temp_files_async
                                                           (const char         *photo_dir,
                                                            GCancellable       *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer            user_data);
gboolean             dc_photo_library_remove_temp_files_finish
                                                           (GAsyncResult       *result,
                                                            guint              *n_removed,
                                                            GError            **error);

gboolean             dc_photo_library_verify               (DcStore            *store,
                                                            GPtrArray          *problems,
                                                            GCancellable       *cancellable,
                                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcPhotoLibraryLock, dc_photo_library_unlock)

G_END_DECLS
