/* dc-pdf-writer.c: a report document as a PDF file.
 *
 * Three steps, each working around what the stack does wrong otherwise:
 * cairo draws the pages into memory under a "C" numeric locale, because
 * cairo 1.16 formats some PDF numbers with the process locale (a decimal
 * comma breaks the file); qpdf then rewrites the file, which repairs the
 * dangling references cairo 1.16 leaves behind for outlines, compresses it
 * with object streams and optionally encrypts it with AES-256; finally the
 * bytes replace the destination in one rename, so a failure never leaves a
 * half-written medical record. */

#include "config.h"

#include "dc-pdf-writer.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <qpdf/qpdf-c.h>
#include <string.h>

#include "dc-error.h"

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
add_outline (DcReportDocument *document,
             cairo_surface_t  *surface)
{
  guint n_entries = dc_report_document_get_n_outline_entries (document);
  int   parent = CAIRO_PDF_OUTLINE_ROOT;

  for (guint i = 0; i < n_entries; i++)
    {
      const DcReportOutlineEntry *entry = dc_report_document_get_outline_entry (document, i);
      g_autofree char            *link = NULL;
      int                         id;

      /* Whole points only: the attributes are parsed back as numbers. */
      link = g_strdup_printf ("page=%u pos=[0 %d]", entry->page + 1,
                              MAX (0, (int) entry->y - 6));
      id = cairo_pdf_surface_add_outline (surface,
                                          entry->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                          entry->title, link,
                                          entry->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      if (entry->level == 1)
        parent = id;
    }
}

static void
set_metadata (DcReportDocument *document,
              cairo_surface_t  *surface)
{
  const char       *title = dc_report_document_get_title (document);
  const char       *subject = dc_report_document_get_subject (document);
  const char       *clinic = dc_report_document_get_clinic_name (document);
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char  *date = NULL;

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (clinic != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, clinic);
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);

  utc = g_date_time_to_utc (dc_report_document_get_creation_date (document));
  date = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

/* Draws every page with cairo into memory. */
static GByteArray *
render_cairo (DcReportDocument  *document,
              GError           **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t       *surface;
  cairo_status_t         status;
  locale_t               base, numeric_c, previous;
  double                 width, height;
  guint                  n_pages;

  /* Lay out before switching locales: only numbers need "C". */
  n_pages = dc_report_document_get_n_pages (document);
  dc_report_document_get_page_size (document, &width, &height);

  /* The thread's locale with LC_NUMERIC replaced: messages, dates and the
   * rest of a per-report language stay as they are. */
  base = duplocale (uselocale ((locale_t) 0));
  numeric_c = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  if (numeric_c == (locale_t) 0)
    {
      if (base != (locale_t) 0)
        freelocale (base);
      g_set_error (error, DC_ERROR, DC_ERROR_FAILED,
                   _("Cannot create the report: the “C” locale is not available"));
      return NULL;
    }
  previous = uselocale (numeric_c);

  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, width, height);
  set_metadata (document, surface);
  {
    cairo_t *cr = cairo_create (surface);

    for (guint page = 0; page < n_pages; page++)
      {
        dc_report_document_draw_page (document, cr, page);
        cairo_show_page (cr);
      }
    cairo_destroy (cr);
  }
  add_outline (document, surface);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  uselocale (previous);
  freelocale (numeric_c);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Cannot create the report: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

static gboolean
take_qpdf_error (qpdf_data   qpdf,
                 GError    **error)
{
  qpdf_error   qpdf_err;
  const char  *text;

  while (qpdf_more_warnings (qpdf))
    g_debug ("qpdf: %s", qpdf_get_error_full_text (qpdf, qpdf_next_warning (qpdf)));

  if (!qpdf_has_error (qpdf))
    return FALSE;

  qpdf_err = qpdf_get_error (qpdf);
  text = qpdf_err != NULL ? qpdf_get_error_full_text (qpdf, qpdf_err) : "?";
  g_set_error (error, DC_ERROR, DC_ERROR_FAILED, _("Cannot create the report: %s"), text);

  return TRUE;
}

/* Rewrites cairo's PDF with qpdf: repaired, compressed, maybe encrypted. */
static GBytes *
rewrite_qpdf (GByteArray  *input,
              const char  *password,
              GError     **error)
{
  qpdf_data  qpdf = qpdf_init ();
  GBytes    *result = NULL;

  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);

  qpdf_read_memory (qpdf, "report", (const char *) input->data, input->len, NULL);
  if (take_qpdf_error (qpdf, error))
    goto out;

  qpdf_init_write_memory (qpdf);
  if (take_qpdf_error (qpdf, error))
    goto out;
  qpdf_set_object_stream_mode (qpdf, qpdf_o_generate);
  qpdf_set_compress_streams (qpdf, QPDF_TRUE);
  if (password != NULL)
    {
      g_autofree char *owner = g_uuid_string_random ();

      /* Only the user password is ever given out, and whoever has it may
       * do anything with their own record; the metadata (title, which
       * names the patient) is encrypted as well. */
      qpdf_set_r6_encryption_parameters2 (qpdf, password, owner,
                                          QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE,
                                          QPDF_TRUE, QPDF_TRUE, qpdf_r3p_full, QPDF_TRUE);
    }
  qpdf_write (qpdf);
  if (take_qpdf_error (qpdf, error))
    goto out;

  result = g_bytes_new (qpdf_get_buffer (qpdf), qpdf_get_buffer_length (qpdf));

out:
  qpdf_cleanup (&qpdf);
  return result;
}

/**
 * dc_pdf_render:
 * @document: the report
 * @password: (nullable): a password to open the PDF with, or %NULL
 *
 * Renders @document as a complete PDF in memory. Blocking: call it in a
 * worker thread.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
dc_pdf_render (DcReportDocument  *document,
               const char        *password,
               GError           **error)
{
  g_autoptr (GByteArray) cairo_pdf = NULL;

  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (document), NULL);
  g_return_val_if_fail (password == NULL || *password != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cairo_pdf = render_cairo (document, error);
  if (cairo_pdf == NULL)
    return NULL;

  return rewrite_qpdf (cairo_pdf, password, error);
}

/**
 * dc_pdf_write:
 * @document: the report
 * @path: the file to write; replaced whole if it exists
 * @password: (nullable): a password to open the PDF with, or %NULL
 *
 * Renders @document and writes it to @path through a temporary file in the
 * same folder, readable by the user only. On failure any previous file at
 * @path is left as it was. Blocking: call it in a worker thread.
 *
 * Returns: %TRUE on success
 */
gboolean
dc_pdf_write (DcReportDocument  *document,
              const char        *path,
              const char        *password,
              GError           **error)
{
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char   *display = NULL;
  DcError            code = DC_ERROR_FAILED;

  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (password == NULL || *password != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = dc_pdf_render (document, password, error);
  if (pdf == NULL)
    return FALSE;

  if (g_file_set_contents_full (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                0600, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    code = DC_ERROR_NO_SPACE;
  else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES)
           || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_PERM)
           || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ROFS))
    code = DC_ERROR_READ_ONLY;
  else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
           || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
    code = DC_ERROR_NOT_FOUND;

  display = g_filename_display_name (path);
  g_set_error (error, DC_ERROR, code, _("Cannot save the report as “%s”: %s"), display,
               local_error->message);

  return FALSE;
}

typedef struct
{
  char *path;
  char *password;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *write_data = data;

  g_free (write_data->path);
  if (write_data->password != NULL)
    memset (write_data->password, 0, strlen (write_data->password));
  g_free (write_data->password);
  g_free (write_data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError    *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (dc_pdf_write (source_object, data->path, data->password, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * dc_pdf_write_async:
 *
 * Does dc_pdf_write() in a worker thread. @document must not change until
 * the write has finished.
 */
void
dc_pdf_write_async (DcReportDocument    *document,
                    const char          *path,
                    const char          *password,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  WriteData        *data;

  g_return_if_fail (DC_IS_REPORT_DOCUMENT (document));
  g_return_if_fail (path != NULL);
  g_return_if_fail (password == NULL || *password != '\0');

  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, dc_pdf_write_async);
  data = g_new0 (WriteData, 1);
  data->path = g_strdup (path);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
dc_pdf_write_finish (DcReportDocument  *document,
                     GAsyncResult      *result,
                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, document), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dc_pdf_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
