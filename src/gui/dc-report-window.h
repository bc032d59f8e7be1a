/* dc-report-window.h: a patient report, previewed, saved, printed or
 * emailed. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_REPORT_WINDOW (dc_report_window_get_type ())

G_DECLARE_FINAL_TYPE (DcReportWindow, dc_report_window, DC, REPORT_WINDOW, AdwWindow)

/* An email about to be composed: what the patient receives. */
typedef struct
{
  char *address;     /* the patient's, or NULL */
  char *subject;
  char *body;
  char *attachment;  /* the PDF's path */
} DcReportEmail;

void               dc_report_email_free                (DcReportEmail  *email);

GtkWidget         *dc_report_window_new                (GtkWindow      *parent,
                                                        DcStore        *store,
                                                        DcPatient      *patient,
                                                        DcSession      *session);
GtkWidget         *dc_report_window_new_timeline       (GtkWindow      *parent,
                                                        DcStore        *store,
                                                        DcPatient      *patient);
void               dc_report_window_clear_outgoing     (void);

gboolean           dc_report_window_get_loading        (DcReportWindow *self);
gboolean           dc_report_window_get_busy           (DcReportWindow *self);
guint              dc_report_window_get_n_pages        (DcReportWindow *self);
char              *dc_report_window_dup_suggested_name (DcReportWindow *self);

void               dc_report_window_save_to            (DcReportWindow *self,
                                                        const char     *path,
                                                        const char     *password);
GtkPrintOperation *dc_report_window_new_print_operation (DcReportWindow *self);
DcReportEmail     *dc_report_window_compose_email      (DcReportWindow *self,
                                                        const char     *attachment,
                                                        gboolean        protected_);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcReportEmail, dc_report_email_free)

G_END_DECLS
