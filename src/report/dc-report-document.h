/* dc-report-document.h: a paginated report, drawn page by page on cairo. */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "dc-report-paper.h"

G_BEGIN_DECLS

#define DC_TYPE_REPORT_DOCUMENT (dc_report_document_get_type ())

G_DECLARE_FINAL_TYPE (DcReportDocument, dc_report_document, DC, REPORT_DOCUMENT, GObject)

/* Draws a picture into the box (0, 0, width, height) in points; the
 * document translates and clips @cr to the box beforehand. */
typedef void (*DcReportDrawFunc) (cairo_t  *cr,
                                  double    width,
                                  double    height,
                                  gpointer  user_data);

typedef struct
{
  const char *title;
  int         level;  /* 1 for a section, 2 for a subsection */
  guint       page;   /* 0-based */
  double      y;      /* top of the heading on its page, in points */
} DcReportOutlineEntry;

DcReportDocument *dc_report_document_new              (DcReportPaper      paper);

DcReportPaper     dc_report_document_get_paper        (DcReportDocument  *self);
void              dc_report_document_get_page_size    (DcReportDocument  *self,
                                                       double            *width,
                                                       double            *height);
double            dc_report_document_get_content_width (DcReportDocument *self);
void              dc_report_document_set_margins      (DcReportDocument  *self,
                                                       double             top,
                                                       double             right,
                                                       double             bottom,
                                                       double             left);

void              dc_report_document_set_title        (DcReportDocument  *self,
                                                       const char        *title);
const char       *dc_report_document_get_title        (DcReportDocument  *self);
void              dc_report_document_set_subject      (DcReportDocument  *self,
                                                       const char        *subject);
const char       *dc_report_document_get_subject      (DcReportDocument  *self);
void              dc_report_document_set_creation_date (DcReportDocument *self,
                                                        GDateTime        *date);
GDateTime        *dc_report_document_get_creation_date (DcReportDocument *self);

void              dc_report_document_set_clinic       (DcReportDocument  *self,
                                                       const char        *name,
                                                       const char *const *contact_lines,
                                                       GBytes            *logo);
const char       *dc_report_document_get_clinic_name  (DcReportDocument  *self);
void              dc_report_document_set_patient      (DcReportDocument  *self,
                                                       const char        *name,
                                                       const char        *birth_date);
void              dc_report_document_set_confidentiality (DcReportDocument *self,
                                                          const char       *line);

void              dc_report_document_add_heading      (DcReportDocument  *self,
                                                       int                level,
                                                       const char        *text);
void              dc_report_document_add_paragraph    (DcReportDocument  *self,
                                                       const char        *text);
void              dc_report_document_add_facts        (DcReportDocument  *self,
                                                       const char *const *pairs);
void              dc_report_document_add_table        (DcReportDocument  *self,
                                                       const char *const *headers,
                                                       const double      *weights);
void              dc_report_document_add_table_row    (DcReportDocument  *self,
                                                       const char *const *cells);
void              dc_report_document_set_column_end_aligned (DcReportDocument *self,
                                                             guint             column,
                                                             gboolean          end_aligned);
void              dc_report_document_add_image        (DcReportDocument  *self,
                                                       double             width,
                                                       double             height,
                                                       DcReportDrawFunc   draw,
                                                       gpointer           user_data,
                                                       GDestroyNotify     destroy);

guint             dc_report_document_get_n_pages      (DcReportDocument  *self);
void              dc_report_document_draw_page        (DcReportDocument  *self,
                                                       cairo_t           *cr,
                                                       guint              page);
guint             dc_report_document_get_n_outline_entries (DcReportDocument *self);
const DcReportOutlineEntry *
                  dc_report_document_get_outline_entry (DcReportDocument *self,
                                                        guint             index);

G_END_DECLS
