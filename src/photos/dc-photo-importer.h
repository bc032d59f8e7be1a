/* dc-photo-importer.h: importing a batch of photo files into a session, in
 * a worker thread, with progress and cancellation. */
#pragma once

#include <gio/gio.h>

#include "dc-model.h"
#include "dc-store.h"

G_BEGIN_DECLS

typedef enum
{
  DC_PHOTO_IMPORT_IMPORTED,
  DC_PHOTO_IMPORT_DUPLICATE,  /* already in this session: nothing done */
  DC_PHOTO_IMPORT_REFUSED,
} DcPhotoImportStatus;

typedef struct _DcPhotoImportResult DcPhotoImportResult;

#define DC_TYPE_PHOTO_IMPORT_RESULT (dc_photo_import_result_get_type ())

GType                dc_photo_import_result_get_type   (void) G_GNUC_CONST;
DcPhotoImportResult *dc_photo_import_result_ref        (DcPhotoImportResult *self);
void                 dc_photo_import_result_unref      (DcPhotoImportResult *self);
const char          *dc_photo_import_result_get_path   (DcPhotoImportResult *self);
DcPhotoImportStatus  dc_photo_import_result_get_status (DcPhotoImportResult *self);
DcPhoto             *dc_photo_import_result_get_photo  (DcPhotoImportResult *self);
const GError        *dc_photo_import_result_get_error  (DcPhotoImportResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcPhotoImportResult, dc_photo_import_result_unref)

#define DC_TYPE_PHOTO_IMPORTER (dc_photo_importer_get_type ())

G_DECLARE_FINAL_TYPE (DcPhotoImporter, dc_photo_importer, DC, PHOTO_IMPORTER, GObject)

DcPhotoImporter *dc_photo_importer_new             (DcStore              *store,
                                                    gint64                session_id);
DcStore         *dc_photo_importer_get_store       (DcPhotoImporter      *self);
gint64           dc_photo_importer_get_session_id  (DcPhotoImporter      *self);
DcPhotoView      dc_photo_importer_get_view        (DcPhotoImporter      *self);
void             dc_photo_importer_set_view        (DcPhotoImporter      *self,
                                                    DcPhotoView           view);
DcPhotoPhase     dc_photo_importer_get_phase       (DcPhotoImporter      *self);
void             dc_photo_importer_set_phase       (DcPhotoImporter      *self,
                                                    DcPhotoPhase          phase);
DcConsentScope   dc_photo_importer_get_consent     (DcPhotoImporter      *self);
void             dc_photo_importer_set_consent     (DcPhotoImporter      *self,
                                                    DcConsentScope        consent);
gboolean         dc_photo_importer_get_guess_views (DcPhotoImporter      *self);
void             dc_photo_importer_set_guess_views (DcPhotoImporter      *self,
                                                    gboolean              guess_views);

GPtrArray       *dc_photo_importer_import          (DcPhotoImporter      *self,
                                                    const char * const   *paths,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void             dc_photo_importer_import_async    (DcPhotoImporter      *self,
                                                    const char * const   *paths,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GPtrArray       *dc_photo_importer_import_finish   (DcPhotoImporter      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

DcPhotoView      dc_photo_guess_view               (guint                 index);

G_END_DECLS
