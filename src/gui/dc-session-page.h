/* dc-session-page.h: one treatment session, every field edited in place. */
#pragma once

#include <adwaita.h>

#include "dc-record-saver.h"
#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_SESSION_PAGE (dc_session_page_get_type ())

G_DECLARE_FINAL_TYPE (DcSessionPage, dc_session_page, DC, SESSION_PAGE, AdwBin)

void           dc_session_page_set_store         (DcSessionPage *self,
                                                  DcStore       *store);
void           dc_session_page_set_practitioners (DcSessionPage *self,
                                                  GListModel    *practitioners);
DcSession     *dc_session_page_get_session       (DcSessionPage *self);
void           dc_session_page_set_session       (DcSessionPage *self,
                                                  DcSession     *session,
                                                  DcPatient     *patient);
DcRecordSaver *dc_session_page_get_saver         (DcSessionPage *self);
GListModel    *dc_session_page_get_product_uses  (DcSessionPage *self);
gboolean       dc_session_page_get_loading       (DcSessionPage *self);

G_END_DECLS
