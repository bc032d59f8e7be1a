/* dc-timeline-report.h: a patient's course of sessions, on paper. */
#pragma once

#include "dc-report-document.h"
#include "dc-session-facts.h"

G_BEGIN_DECLS

DcReportDocument *dc_timeline_report_build (DcPatientFacts *facts,
                                            DcReportPaper   paper,
                                            const char     *photo_dir);

G_END_DECLS
