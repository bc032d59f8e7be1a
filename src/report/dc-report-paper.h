/* dc-report-paper.h: the paper sizes reports are laid out on. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DC_REPORT_PAPER_A4,
  DC_REPORT_PAPER_LETTER,
} DcReportPaper;

DcReportPaper  dc_report_paper_get_default  (void);
DcReportPaper  dc_report_paper_for_locale   (const char    *locale_name);
void           dc_report_paper_get_size     (DcReportPaper  paper,
                                             double        *width,
                                             double        *height);
const char    *dc_report_paper_to_string    (DcReportPaper  paper);
gboolean       dc_report_paper_from_string  (const char    *name,
                                             DcReportPaper *paper);

G_END_DECLS
