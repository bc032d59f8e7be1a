/* dc-record-saver.h: saves the records a page edits, shortly after the last
 * change, so that no edit waits for a "Save" button. */
#pragma once

#include <gio/gio.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_RECORD_SAVER (dc_record_saver_get_type ())

G_DECLARE_FINAL_TYPE (DcRecordSaver, dc_record_saver, DC, RECORD_SAVER, GObject)

DcRecordSaver *dc_record_saver_new              (DcStore        *store);
void           dc_record_saver_add              (DcRecordSaver  *self,
                                                 DcRecord       *record);
void           dc_record_saver_remove           (DcRecordSaver  *self,
                                                 DcRecord       *record);
void           dc_record_saver_discard          (DcRecordSaver  *self,
                                                 DcRecord       *record);
void           dc_record_saver_delete           (DcRecordSaver  *self,
                                                 DcRecord       *record);
void           dc_record_saver_flush            (DcRecordSaver  *self);
gboolean       dc_record_saver_check            (DcRecordSaver  *self,
                                                 GError        **error);
void           dc_record_saver_discard_invalid  (DcRecordSaver  *self);
gboolean       dc_record_saver_get_busy         (DcRecordSaver  *self);
const GError  *dc_record_saver_get_error        (DcRecordSaver  *self);
const GError  *dc_record_saver_get_record_error (DcRecordSaver  *self,
                                                 DcRecord       *record);

G_END_DECLS
