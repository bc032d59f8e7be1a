/* dc-session-report.h: the report a patient takes home after a session. */
#pragma once

#include "dc-report-document.h"
#include "dc-session-facts.h"

G_BEGIN_DECLS

DcReportDocument *dc_session_report_build (DcPatientFacts  *facts,
                                           DcReportPaper    paper,
                                           const char      *photo_dir);

char             *dc_report_format_date     (const char    *iso_date);
char             *dc_report_format_timestamp (const char   *timestamp);

G_END_DECLS
