/* dc-session-report.h: the report a patient takes home after a session. */
#pragma once

#include "dc-report-document.h"
#include "dc-session-facts.h"

G_BEGIN_DECLS

DcReportDocument *dc_session_report_build (DcPatientFacts  *facts,
                                           DcReportPaper    paper,
                                           const char      *photo_dir);

/* Shared by the reports. */
void              dc_report_set_header      (DcReportDocument *document,
                                             DcPatientFacts   *facts);
char             *dc_report_date_format     (void);
char             *dc_report_format_date     (const char    *iso_date);
char             *dc_report_format_timestamp (const char   *timestamp);

cairo_surface_t  *dc_report_load_photo      (const char    *path,
                                             int            max_width,
                                             int            max_height,
                                             const char    *unique_id);

GPtrArray        *dc_report_photo_jobs_new  (void);
void              dc_report_photo_jobs_add  (GPtrArray        *jobs,
                                             const char       *photo_dir,
                                             const char       *sha256,
                                             int               max_width,
                                             int               max_height,
                                             cairo_surface_t **target);
void              dc_report_photo_jobs_run  (GPtrArray        *jobs);

G_END_DECLS
