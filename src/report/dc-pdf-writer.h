/* dc-pdf-writer.h: reports as PDF files. */
#pragma once

#include <gio/gio.h>

#include "dc-report-document.h"

G_BEGIN_DECLS

GBytes   *dc_pdf_render (DcReportDocument  *document,
                         const char        *password,
                         GError           **error);
gboolean  dc_pdf_write  (DcReportDocument  *document,
                         const char        *path,
                         const char        *password,
                         GError           **error);
void      dc_pdf_write_async  (DcReportDocument    *document,
                               const char          *path,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
gboolean  dc_pdf_write_finish (DcReportDocument    *document,
                               GAsyncResult        *result,
                               GError             **error);

G_END_DECLS
