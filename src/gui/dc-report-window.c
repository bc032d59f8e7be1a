/* dc-report-window.c: a patient report, previewed, saved, printed or
 * emailed.
 *
 * The facts are read and the pages laid out in a worker thread; each page
 * is then recorded there, once, on a cairo recording surface, and the
 * preview replays those recordings at the size of the window. So the main
 * thread never touches the document's Pango layouts while a save or an
 * email renders the PDF from them in another worker, and the pages on
 * screen are drawn by the same function as those on paper and in the PDF.
 * Printing draws from the document itself, on the main thread: one export
 * at a time (the window is "busy" meanwhile), so that never overlaps a
 * worker either.
 *
 * Whatever leaves the clinic (a saved file, a print, an email) is recorded
 * as a DcDisclosure; a recording that fails says so, it is never dropped. */

#include "config.h"

#include "dc-report-window.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libportal-gtk4/portal-gtk4.h>
#include <string.h>

#include "dc-gui-util.h"
#include "dc-model.h"
#include "dc-pdf-writer.h"
#include "dc-report-document.h"
#include "dc-report-language.h"
#include "dc-report-paper.h"
#include "dc-session-facts.h"
#include "dc-session-report.h"
#include "dc-timeline-report.h"
#include "dc-store.h"

/* CSS pixels per point: a page at 100 % is as wide on screen as on paper,
 * about 800 px for A4 and Letter. */
#define PIXELS_PER_POINT (96.0 / 72.0)

typedef DcReportDocument *(*BuildFunc) (DcPatientFacts *facts,
                                        DcReportPaper   paper,
                                        const char     *photo_dir);

struct _DcReportWindow
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkWidget            *pages_box;
  AdwStatusPage        *error_page;
  GtkSwitch            *protect_switch;
  AdwPasswordEntryRow  *password_row;

  DcStore              *store;
  DcPatient            *patient;
  DcSession            *session;           /* NULL for a timeline */
  DcDisclosureDocument  kind;
  BuildFunc             build;
  char                 *language;          /* the report's, as a code */
  gboolean              building;
  GtkDropDown          *language_dropdown;

  DcReportDocument     *document;          /* once built */
  GPtrArray            *recordings;        /* cairo_surface_t, one per page */
  GCancellable         *cancellable;       /* the build and the email; cancelled on close */
  XdpPortal            *portal;
  char                 *outgoing_dir;      /* private, for the email's attachment */
  guint                 busy;              /* exports under way */
};

G_DEFINE_FINAL_TYPE (DcReportWindow, dc_report_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A page of the preview ------------------------------------------------------ */

/* A recorded page as a paintable, so that a GtkPicture sizes it: as wide
 * as the column allows up to its size on paper, as high as its shape says. */
#define DC_TYPE_REPORT_PAGE (dc_report_page_get_type ())
G_DECLARE_FINAL_TYPE (DcReportPage, dc_report_page, DC, REPORT_PAGE, GObject)

struct _DcReportPage
{
  GObject          parent_instance;

  cairo_surface_t *recording;
  double           width;    /* points */
  double           height;
};

static void dc_report_page_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DcReportPage, dc_report_page, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      dc_report_page_paintable_init))

static void
dc_report_page_snapshot (GdkPaintable *paintable,
                         GdkSnapshot  *snapshot,
                         double        width,
                         double        height)
{
  DcReportPage *self = DC_REPORT_PAGE (paintable);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot),
                                  &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, width / self->width, height / self->height);
  cairo_set_source_surface (cr, self->recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int
dc_report_page_get_intrinsic_width (GdkPaintable *paintable)
{
  return (int) (DC_REPORT_PAGE (paintable)->width * PIXELS_PER_POINT + 0.5);
}

static int
dc_report_page_get_intrinsic_height (GdkPaintable *paintable)
{
  return (int) (DC_REPORT_PAGE (paintable)->height * PIXELS_PER_POINT + 0.5);
}

static double
dc_report_page_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  DcReportPage *self = DC_REPORT_PAGE (paintable);

  return self->width / self->height;
}

static GdkPaintableFlags
dc_report_page_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
dc_report_page_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = dc_report_page_snapshot;
  iface->get_intrinsic_width = dc_report_page_get_intrinsic_width;
  iface->get_intrinsic_height = dc_report_page_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = dc_report_page_get_intrinsic_aspect_ratio;
  iface->get_flags = dc_report_page_get_flags;
}

static void
dc_report_page_finalize (GObject *object)
{
  DcReportPage *self = DC_REPORT_PAGE (object);

  g_clear_pointer (&self->recording, cairo_surface_destroy);

  G_OBJECT_CLASS (dc_report_page_parent_class)->finalize (object);
}

static void
dc_report_page_class_init (DcReportPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dc_report_page_finalize;
}

static void
dc_report_page_init (DcReportPage *self)
{
}

static GdkPaintable *
dc_report_page_new (cairo_surface_t *recording,
                    double           width,
                    double           height)
{
  DcReportPage *self = g_object_new (DC_TYPE_REPORT_PAGE, NULL);

  self->recording = cairo_surface_reference (recording);
  self->width = width;
  self->height = height;
  return GDK_PAINTABLE (self);
}

/* State ----------------------------------------------------------------------- */

static void
show_toast (DcReportWindow *self,
            AdwToast       *toast)
{
  if (self->toast_overlay == NULL)
    {
      /* The window has been closed meanwhile: a failure must still be
       * told somewhere. */
      if (adw_toast_get_priority (toast) == ADW_TOAST_PRIORITY_HIGH)
        g_warning ("Report window closed before it could say: %s",
                   adw_toast_get_title (toast));
      else
        g_debug ("Report window closed before it could say: %s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_message (DcReportWindow *self,
              const char     *message,
              gboolean        important)
{
  g_autofree char *title = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (title);

  if (important)
    {
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
    }
  show_toast (self, toast);
}

static void
update_actions (DcReportWindow *self)
{
  gboolean ready = self->document != NULL && self->busy == 0;

  /* Another language means another report: not while one is made. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown),
                            !self->building && self->busy == 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.email", ready);
}

static void
set_busy (DcReportWindow *self,
          gboolean        busy)
{
  if (busy)
    self->busy++;
  else
    {
      g_assert (self->busy > 0);
      self->busy--;
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The one place that says which language the report is written in: the
 * patient's own, whatever the interface's, unless changed for this report
 * in the header bar. The report is laid out by a thread in that language's
 * locale (dc_report_language_use()). */
static char *
choose_language (DcReportWindow *self)
{
  const char *language = dc_patient_get_language (self->patient);

  if (language == NULL || dc_report_language_get_locale (language) == NULL)
    language = dc_gui_get_default_language ();
  return g_strdup (language);
}

/* The password to protect with, NULL for none, or an error when protection
 * is asked for without one. */
static gboolean
get_password (DcReportWindow  *self,
              char           **password)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  *password = NULL;
  if (!gtk_switch_get_active (self->protect_switch))
    return TRUE;

  if (text == NULL || *text == '\0')
    {
      show_message (self, _("Type a password to protect the report with, or turn protection "
                            "off"), FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return FALSE;
    }

  *password = g_strdup (text);
  return TRUE;
}

static void
clear_password (char *password)
{
  if (password != NULL)
    memset (password, 0, strlen (password));
  g_free (password);
}

/* libportal 0.6 warns, and then fails a critical check, when no portal
 * answers: this asks first whether the portal has @interface, starting it
 * if need be. */
static void
probe_portal (const char          *interface,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop",
                          "/org/freedesktop/portal/desktop",
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", interface, "version"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          callback, user_data);
}

/* Disclosures ----------------------------------------------------------------- */

static void
disclosure_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DcReportWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dc_store_save_finish (DC_STORE (object), result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why */
      message = g_strdup_printf (_("The report left the clinic, but this could not be "
                                   "recorded: %s"), error->message);
      show_message (self, message, TRUE);
      g_warning ("Disclosure not recorded: %s", error->message);
    }
  set_busy (self, FALSE);
}

/* Records that the report went out through @channel to @target. The
 * window stays busy until the record is written. */
static void
record_disclosure (DcReportWindow      *self,
                   DcDisclosureChannel  channel,
                   const char          *target,
                   gboolean             protected_)
{
  g_autoptr(DcDisclosure) disclosure = dc_disclosure_new ();

  dc_disclosure_set_patient_id (disclosure, dc_record_get_id (DC_RECORD (self->patient)));
  if (self->session != NULL)
    dc_disclosure_set_session_id (disclosure, dc_record_get_id (DC_RECORD (self->session)));
  dc_disclosure_set_document (disclosure, self->kind);
  dc_disclosure_set_channel (disclosure, channel);
  dc_disclosure_set_target (disclosure, target);
  dc_disclosure_set_protected (disclosure, protected_);
  dc_disclosure_set_language (disclosure, self->language);

  set_busy (self, TRUE);
  /* Not cancelled with the window: what went out must be recorded. */
  dc_store_save_async (self->store, DC_RECORD (disclosure), NULL, disclosure_saved_cb,
                       g_object_ref (self));
}

/* Building -------------------------------------------------------------------- */

typedef struct
{
  DcReportWindow   *window;
  gint64            patient_id;
  gint64            session_id;
  BuildFunc         build;
  DcReportPaper     paper;
  char             *language;
  char             *photo_dir;
  DcPatientFacts   *facts;
  DcReportDocument *document;     /* the results */
  GPtrArray        *recordings;
} BuildData;

static void
build_data_free (gpointer data)
{
  BuildData *build = data;

  g_clear_object (&build->window);
  g_free (build->photo_dir);
  g_free (build->language);
  g_clear_pointer (&build->facts, dc_patient_facts_free);
  g_clear_object (&build->document);
  g_clear_pointer (&build->recordings, g_ptr_array_unref);
  g_free (build);
}

/* On the store's worker, after the edits queued before: a report of a
 * draft shows what was typed just before it was asked for. */
static gboolean
load_facts_func (DcStore       *store,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  BuildData *data = user_data;

  data->facts = dc_patient_facts_load (store, data->patient_id, data->session_id, error);
  return data->facts != NULL;
}

/* In a worker of its own, so that the store goes on answering. */
static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  double width, height;
  guint n_pages;

  GError *error = NULL;
  locale_t previous;

  /* Messages, dates and numbers in the report's language, in this thread
   * only; pages drawn later elsewhere keep what was laid out here. */
  if (!dc_report_language_use (data->language, &previous, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data->document = data->build (data->facts, data->paper, data->photo_dir);
  dc_report_document_get_page_size (data->document, &width, &height);
  n_pages = dc_report_document_get_n_pages (data->document);

  data->recordings = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  for (guint i = 0; i < n_pages; i++)
    {
      cairo_rectangle_t extents = { 0, 0, width, height };
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                   &extents);
      cairo_t *cr = cairo_create (recording);

      dc_report_document_draw_page (data->document, cr, i);
      cairo_destroy (cr);
      g_ptr_array_add (data->recordings, recording);
    }

  dc_report_language_restore (previous);
  g_task_return_boolean (task, TRUE);
}

static void
show_pages (DcReportWindow *self)
{
  double width, height;
  guint n_pages = self->recordings->len;

  dc_report_document_get_page_size (self->document, &width, &height);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GdkPaintable) page = dc_report_page_new (g_ptr_array_index (self->recordings, i),
                                                         width, height);
      g_autofree char *label = NULL;
      GtkWidget *picture = gtk_picture_new_for_paintable (page);

      /* Translators: a page of the report preview, for screen readers */
      label = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_add_css_class (picture, "report-page");
      gtk_box_append (GTK_BOX (self->pages_box), picture);
    }
}

static void
show_error (DcReportWindow *self,
            const GError   *error)
{
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
build_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DcReportWindow *self = DC_REPORT_WINDOW (object);
  BuildData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->building = FALSE;
      update_actions (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  self->building = FALSE;
  self->document = g_steal_pointer (&data->document);
  self->recordings = g_steal_pointer (&data->recordings);
  show_pages (self);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
facts_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BuildData *data = user_data;
  DcReportWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      build_data_free (data);
      return;
    }

  task = g_task_new (self, self->cancellable, build_done_cb, NULL);
  g_task_set_source_tag (task, facts_loaded_cb);
  g_task_set_task_data (task, data, build_data_free);
  g_task_run_in_thread (task, build_thread);
}

static void
start_build (DcReportWindow *self)
{
  BuildData *data = g_new0 (BuildData, 1);

  data->window = g_object_ref (self);
  data->patient_id = dc_record_get_id (DC_RECORD (self->patient));
  data->session_id = self->session != NULL ? dc_record_get_id (DC_RECORD (self->session)) : 0;
  data->build = self->build;
  data->paper = dc_gui_get_report_paper ();
  data->language = g_strdup (self->language);

  /* A report in another language: start again from nothing. */
  g_clear_object (&self->document);
  g_clear_pointer (&self->recordings, g_ptr_array_unref);
  while (gtk_widget_get_first_child (self->pages_box) != NULL)
    gtk_box_remove (GTK_BOX (self->pages_box), gtk_widget_get_first_child (self->pages_box));
  self->building = TRUE;
  update_actions (self);
  data->photo_dir = g_strdup (dc_store_get_photo_dir (self->store));

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  dc_store_run_async (self->store, load_facts_func, data, NULL, self->cancellable,
                      facts_loaded_cb, data);
}

/* Saving ---------------------------------------------------------------------- */

typedef struct
{
  DcReportWindow *window;
  char           *path;
  gboolean        protected_;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->window);
  g_free (data->path);
  g_free (data);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveData *data = user_data;
  DcReportWindow *self = data->window;
  g_autoptr(GError) error = NULL;

  if (!dc_pdf_write_finish (DC_REPORT_DOCUMENT (object), result, &error))
    {
      show_message (self, error->message, TRUE);
    }
  else
    {
      g_autofree char *name = g_filename_display_basename (data->path);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      /* Translators: %s is the file name */
      g_autofree char *title = g_strdup_printf (_("Saved as “%s”"), escaped);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("Show in _Folder"));
      adw_toast_set_action_name (toast, "report.show-in-folder");
      adw_toast_set_action_target_value (toast, g_variant_new_string (data->path));
      show_toast (self, toast);

      record_disclosure (self, DC_DISCLOSURE_FILE, data->path, data->protected_);
    }

  set_busy (self, FALSE);
  save_data_free (data);
}

/**
 * dc_report_window_save_to:
 * @path: the PDF file to write (replaced if it exists)
 * @password: (nullable): to protect the PDF with, or %NULL
 *
 * Writes the report to @path in a worker and records the disclosure. The
 * window is busy until both are done; failures are shown as toasts. This
 * is what the Save dialog does once a file is chosen.
 */
void
dc_report_window_save_to (DcReportWindow *self,
                          const char     *path,
                          const char     *password)
{
  SaveData *data;

  g_return_if_fail (DC_IS_REPORT_WINDOW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->document != NULL);
  g_return_if_fail (self->busy == 0);

  if (password != NULL && *password == '\0')
    {
      show_message (self, _("An empty password protects nothing: type one, or turn "
                            "protection off"), FALSE);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->window = g_object_ref (self);
  data->path = g_canonicalize_filename (path, NULL);
  data->protected_ = password != NULL;

  set_busy (self, TRUE);
  /* Not cancelled with the window: a file being written is written. */
  dc_pdf_write_async (self->document, data->path, password, NULL, save_done_cb, data);
}

/* "Report Weber 2026-10-21.pdf", fit for any file system. */
char *
dc_report_window_dup_suggested_name (DcReportWindow *self)
{
  g_autoptr(GDateTime) started = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  const char *family;
  GString *result;

  g_return_val_if_fail (DC_IS_REPORT_WINDOW (self), NULL);

  family = dc_patient_get_family_name (self->patient);
  if (self->session != NULL)
    started = dc_gui_timestamp_to_local (dc_session_get_started_at (self->session));
  if (started == NULL)
    started = g_date_time_new_now_local ();
  date = g_date_time_format (started, "%Y-%m-%d");

  /* Translators: the suggested file name of a session report, without
   * ".pdf"; the first %s is the patient's family name, the second a date */
  name = g_strdup_printf (_("Report %s %s"), family != NULL ? family : "", date);

  result = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || strchr ("/\\:*?\"<>|", (int) c) != NULL
          || (c < 0x80 && c != ' ' && !g_ascii_isprint ((int) c)))
        c = '-';
      if (g_unichar_isspace (c))
        c = ' ';
      /* One space between words, none at the start. */
      if (c == ' ' && (result->len == 0 || result->str[result->len - 1] == ' '))
        continue;
      g_string_append_unichar (result, c);
    }
  while (result->len > 0 && (result->str[result->len - 1] == ' '
                             || result->str[result->len - 1] == '.'))
    g_string_truncate (result, result->len - 1);
  while (result->len > 0 && result->str[0] == '.')
    g_string_erase (result, 0, 1);
  if (result->len == 0)
    g_string_append (result, "Report");
  g_string_append (result, ".pdf");

  return g_string_free (result, FALSE);
}

typedef struct
{
  DcReportWindow *window;
  char           *password;
} ChooserData;

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ChooserData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        show_message (data->window, _("Reports can only be saved in local folders"), TRUE);
      else if (data->window->document != NULL && data->window->busy == 0)
        dc_report_window_save_to (data->window, path, data->password);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (data->window);
  clear_password (data->password);
  g_free (data);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DcReportWindow *self = DC_REPORT_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *documents;
  GtkFileChooserNative *chooser;
  ChooserData *data;
  char *password;

  if (self->document == NULL || self->busy > 0 || !get_password (self, &password))
    return;

  chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  name = dc_report_window_dup_suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  data = g_new0 (ChooserData, 1);
  data->window = g_object_ref (self);
  data->password = password;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  DcReportWindow *window;
  GFile          *file;
} FolderData;

static void
folder_data_free (FolderData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->file);
  g_free (data);
}

static void
show_folder_without_portal (FolderData *data)
{
  g_autoptr(GFile) folder = g_file_get_parent (data->file);
  g_autofree char *uri = g_file_get_uri (folder);

  if (data->window->toast_overlay != NULL)
    gtk_show_uri (GTK_WINDOW (data->window), uri, GDK_CURRENT_TIME);
  else
    g_app_info_launch_default_for_uri (uri, NULL, NULL);
}

static void
open_directory_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FolderData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!xdp_portal_open_directory_finish (XDP_PORTAL (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Cannot show the folder through the portal: %s", error->message);
      show_folder_without_portal (data);
    }
  folder_data_free (data);
}

static void
open_uri_probed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FolderData *data = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *uri = NULL;
  XdpParent *parent;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);
  if (reply == NULL || data->window->toast_overlay == NULL)
    {
      show_folder_without_portal (data);
      folder_data_free (data);
      return;
    }

  /* The portal opens the folder with the file selected. */
  uri = g_file_get_uri (data->file);
  parent = xdp_parent_new_gtk (GTK_WINDOW (data->window));
  xdp_portal_open_directory (data->window->portal, parent, uri, XDP_OPEN_URI_FLAG_NONE, NULL,
                             open_directory_cb, data);
  xdp_parent_free (parent);
}

static void
show_in_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DcReportWindow *self = DC_REPORT_WINDOW (widget);
  FolderData *data = g_new0 (FolderData, 1);

  data->window = g_object_ref (self);
  data->file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  if (self->portal == NULL)
    {
      show_folder_without_portal (data);
      folder_data_free (data);
      return;
    }

  probe_portal ("org.freedesktop.portal.OpenURI", NULL, open_uri_probed_cb, data);
}

/* Printing -------------------------------------------------------------------- */

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  DcReportDocument *document = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  /* With the unit in points, GTK has scaled @cr from points to the
   * printer's resolution already; what is left is paper of another size
   * than the report's, which gets the page shrunk to fit, centred. */
  dc_report_document_get_page_size (document, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width,
               gtk_print_context_get_height (context) / height);
  scale = MIN (scale, 1.0);
  cairo_save (cr);
  cairo_translate (cr, (gtk_print_context_get_width (context) - width * scale) / 2,
                   (gtk_print_context_get_height (context) - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  dc_report_document_draw_page (document, cr, (guint) page);
  cairo_restore (cr);
}

/**
 * dc_report_window_new_print_operation:
 *
 * Returns: (transfer full): a print operation for the report: every page
 * on paper of the report's size, drawn by the report's own renderer
 */
GtkPrintOperation *
dc_report_window_new_print_operation (DcReportWindow *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPrintOperation *operation;
  double width, height;

  g_return_val_if_fail (DC_IS_REPORT_WINDOW (self), NULL);
  g_return_val_if_fail (self->document != NULL, NULL);

  dc_report_document_get_page_size (self->document, &width, &height);
  switch (dc_report_document_get_paper (self->document))
    {
    case DC_REPORT_PAPER_LETTER:
      paper = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
      break;
    case DC_REPORT_PAPER_A4:
    default:
      paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
      break;
    }
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, dc_report_document_get_title (self->document));
  gtk_print_operation_set_n_pages (operation,
                                   (int) dc_report_document_get_n_pages (self->document));
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         g_object_ref (self->document), (GClosureNotify) g_object_unref, 0);
  return operation;
}

typedef struct
{
  DcReportWindow *window;
  gboolean        done;
} PrintData;

static void
print_data_free (gpointer data,
                 GClosure *closure)
{
  PrintData *print = data;

  g_clear_object (&print->window);
  g_free (print);
}

/* The run has ended, in the background or not: "done" comes in both cases
 * on some platforms only, so whichever comes first counts. */
static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  PrintData *data = user_data;
  DcReportWindow *self = data->window;

  if (data->done)
    return;
  data->done = TRUE;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_message (self, error != NULL ? error->message : _("The report could not be printed"),
                    TRUE);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
      const char *printer = settings != NULL ? gtk_print_settings_get_printer (settings) : NULL;

      /* Printing, not exporting: the export action is for tests, and a
       * file printed to is saved by the print dialog's own choice. */
      record_disclosure (self, DC_DISCLOSURE_PRINT, printer, FALSE);
    }

  set_busy (self, FALSE);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DcReportWindow *self = DC_REPORT_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;
  PrintData *data;

  if (self->document == NULL || self->busy > 0)
    return;

  operation = dc_report_window_new_print_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  data = g_new0 (PrintData, 1);
  data->window = g_object_ref (self);
  g_signal_connect_data (operation, "done", G_CALLBACK (print_done_cb), data, print_data_free,
                         0);

  set_busy (self, TRUE);
  /* The error, if any, stays with the operation for print_done_cb (). */
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), NULL);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    print_done_cb (operation, result, data);
}

/* Email ----------------------------------------------------------------------- */

void
dc_report_email_free (DcReportEmail *email)
{
  if (email == NULL)
    return;
  g_free (email->address);
  g_free (email->subject);
  g_free (email->body);
  g_free (email->attachment);
  g_free (email);
}

/**
 * dc_report_window_compose_email:
 * @attachment: the PDF's path
 * @protected_: whether the PDF asks for a password
 *
 * Returns: (transfer full): the email to the patient with the report
 */
DcReportEmail *
dc_report_window_compose_email (DcReportWindow *self,
                                const char     *attachment,
                                gboolean        protected_)
{
  DcReportEmail *email;
  const char *clinic;
  const char *address;
  const char *given;
  GString *body;

  g_return_val_if_fail (DC_IS_REPORT_WINDOW (self), NULL);
  g_return_val_if_fail (attachment != NULL, NULL);
  g_return_val_if_fail (self->document != NULL, NULL);

  clinic = dc_report_document_get_clinic_name (self->document);
  address = dc_patient_get_email (self->patient);
  given = dc_patient_get_given_name (self->patient);

  email = g_new0 (DcReportEmail, 1);
  email->address = address != NULL && *address != '\0' ? g_strstrip (g_strdup (address)) : NULL;
  email->attachment = g_strdup (attachment);
  if (clinic != NULL && *clinic != '\0')
    /* Translators: an email's subject; %s is the clinic's name */
    email->subject = g_strdup_printf (_("Your treatment report from %s"), clinic);
  else
    email->subject = g_strdup (_("Your treatment report"));

  body = g_string_new (NULL);
  if (given != NULL && *given != '\0')
    /* Translators: the greeting of an email; %s is the patient's given name */
    g_string_append_printf (body, _("Dear %s,"), given);
  else
    g_string_append (body, _("Hello,"));
  g_string_append (body, "\n\n");
  g_string_append (body, _("Please find attached the report of your treatment, with the "
                           "aftercare instructions and your next visit."));
  if (protected_)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("The report is protected with a password. We give it to you "
                               "separately, not by email."));
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("Do not hesitate to call us if you have any questions."));
  g_string_append (body, "\n\n");
  g_string_append (body, _("Kind regards,"));
  if (clinic != NULL && *clinic != '\0')
    g_string_append_printf (body, "\n%s", clinic);
  email->body = g_string_free (body, FALSE);

  return email;
}

typedef struct
{
  DcReportWindow *window;
  DcReportEmail  *email;
  gboolean        protected_;
} EmailData;

static void
email_data_free (EmailData *data)
{
  g_clear_object (&data->window);
  dc_report_email_free (data->email);
  g_free (data);
}

/* What the portal cannot do (none running, or one whose mail program
 * ignores attachments), xdg-email may. */
static gboolean
spawn_xdg_email (DcReportEmail  *email,
                 GError        **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "xdg-email");
  g_ptr_array_add (argv, (gpointer) "--subject");
  g_ptr_array_add (argv, email->subject);
  g_ptr_array_add (argv, (gpointer) "--body");
  g_ptr_array_add (argv, email->body);
  g_ptr_array_add (argv, (gpointer) "--attach");
  g_ptr_array_add (argv, email->attachment);
  if (email->address != NULL)
    g_ptr_array_add (argv, email->address);
  g_ptr_array_add (argv, NULL);

  return g_spawn_async (NULL, (char **) argv->pdata, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                        error);
}

static void
email_composed (EmailData *data,
                gboolean   composed)
{
  DcReportWindow *self = data->window;

  if (composed)
    {
      AdwToast *toast;

      record_disclosure (self, DC_DISCLOSURE_EMAIL, data->email->address, data->protected_);

      /* Some mail programs drop attachments handed over by the portal:
       * the file stays reachable while the window is open. */
      toast = adw_toast_new (data->protected_
                             ? _("Email prepared. Give the patient the password by another way.")
                             : _("Email prepared with the report attached"));
      adw_toast_set_button_label (toast, _("Show _Attachment"));
      adw_toast_set_action_name (toast, "report.show-in-folder");
      adw_toast_set_action_target_value (toast, g_variant_new_string (data->email->attachment));
      adw_toast_set_timeout (toast, 10);
      show_toast (self, toast);
    }
  else
    {
      show_message (self, _("No email program could be opened. Save the report with "
                            "“Save As…” and attach it yourself."), TRUE);
    }
  set_busy (self, FALSE);
  email_data_free (data);
}

static void
compose_email_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EmailData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) spawn_error = NULL;

  if (xdp_portal_compose_email_finish (XDP_PORTAL (object), result, &error))
    {
      email_composed (data, TRUE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The user said no, or closed the window. */
      set_busy (data->window, FALSE);
      email_data_free (data);
      return;
    }

  g_debug ("Cannot compose the email through the portal: %s", error->message);
  if (!spawn_xdg_email (data->email, &spawn_error))
    g_warning ("Cannot start xdg-email: %s", spawn_error->message);
  email_composed (data, spawn_error == NULL);
}

static void
portal_probed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EmailData *data = user_data;
  DcReportWindow *self = data->window;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) spawn_error = NULL;
  const char *addresses[] = { data->email->address, NULL };
  const char *attachments[] = { data->email->attachment, NULL };
  XdpParent *parent;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_busy (self, FALSE);
      email_data_free (data);
      return;
    }
  if (reply == NULL)
    {
      g_debug ("No email portal: %s", error->message);
      if (!spawn_xdg_email (data->email, &spawn_error))
        g_warning ("Cannot start xdg-email: %s", spawn_error->message);
      email_composed (data, spawn_error == NULL);
      return;
    }

  parent = xdp_parent_new_gtk (GTK_WINDOW (self));
  xdp_portal_compose_email (self->portal, parent,
                            data->email->address != NULL ? addresses : NULL, NULL, NULL,
                            data->email->subject, data->email->body, attachments,
                            XDP_EMAIL_FLAG_NONE, self->cancellable, compose_email_cb, data);
  xdp_parent_free (parent);
}

static void
email_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EmailData *data = user_data;
  DcReportWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) spawn_error = NULL;

  if (!dc_pdf_write_finish (DC_REPORT_DOCUMENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      set_busy (self, FALSE);
      email_data_free (data);
      return;
    }

  if (self->portal != NULL)
    {
      probe_portal ("org.freedesktop.portal.Email", self->cancellable, portal_probed_cb, data);
      return;
    }

  if (!spawn_xdg_email (data->email, &spawn_error))
    g_warning ("Cannot start xdg-email: %s", spawn_error->message);
  email_composed (data, spawn_error == NULL);
}

/* A folder of this window's own, private to the user, for the attachment:
 * under the cache, not /tmp. It stays until the application quits: a mail
 * client may read the file only when the message is sent. */
static gboolean
ensure_outgoing_dir (DcReportWindow  *self,
                     GError         **error)
{
  g_autofree char *parent = NULL;
  g_autofree char *template = NULL;

  if (self->outgoing_dir != NULL)
    return TRUE;

  parent = g_build_filename (g_get_user_cache_dir (), "dermachart", "outgoing", NULL);
  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot prepare the email’s attachment: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  template = g_build_filename (parent, "report-XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot prepare the email’s attachment: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  self->outgoing_dir = g_steal_pointer (&template);
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/**
 * dc_report_window_clear_outgoing:
 *
 * Deletes the attachments of the emails composed so far: when the
 * application quits, and when it starts (after a crash).
 */
void
dc_report_window_clear_outgoing (void)
{
  g_autofree char *outgoing = g_build_filename (g_get_user_cache_dir (), "dermachart",
                                                "outgoing", NULL);

  remove_tree (outgoing);
}

static void
email_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DcReportWindow *self = DC_REPORT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  EmailData *data;
  char *password;

  if (self->document == NULL || self->busy > 0 || !get_password (self, &password))
    return;

  if (!ensure_outgoing_dir (self, &error))
    {
      show_message (self, error->message, TRUE);
      clear_password (password);
      return;
    }

  name = dc_report_window_dup_suggested_name (self);
  path = g_build_filename (self->outgoing_dir, name, NULL);

  data = g_new0 (EmailData, 1);
  data->window = g_object_ref (self);
  data->email = dc_report_window_compose_email (self, path, password != NULL);
  data->protected_ = password != NULL;

  set_busy (self, TRUE);
  dc_pdf_write_async (self->document, path, password, self->cancellable, email_written_cb,
                      data);
  clear_password (password);
}

/* The window ------------------------------------------------------------------ */

static void
dc_report_window_dispose (GObject *object)
{
  DcReportWindow *self = DC_REPORT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_REPORT_WINDOW);
  self->toast_overlay = NULL;

  G_OBJECT_CLASS (dc_report_window_parent_class)->dispose (object);
}

static void
dc_report_window_finalize (GObject *object)
{
  DcReportWindow *self = DC_REPORT_WINDOW (object);

  /* Kept until now: a save finishing after the window closed still
   * records its disclosure. */
  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_pointer (&self->recordings, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->portal);
  g_free (self->language);
  g_free (self->outgoing_dir);

  G_OBJECT_CLASS (dc_report_window_parent_class)->finalize (object);
}

static void
dc_report_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DcReportWindow *self = DC_REPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, dc_report_window_get_loading (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, dc_report_window_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_report_window_class_init (DcReportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_report_window_dispose;
  object_class->finalize = dc_report_window_finalize;
  object_class->get_property = dc_report_window_get_property;

  /**
   * DcReportWindow:loading:
   *
   * Whether the report is still being put together.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcReportWindow:busy:
   *
   * Whether a save, a print or an email is under way, up to the record of
   * its disclosure.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-report-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DcReportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DcReportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DcReportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DcReportWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DcReportWindow, pages_box);
  gtk_widget_class_bind_template_child (widget_class, DcReportWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DcReportWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DcReportWindow, protect_switch);
  gtk_widget_class_bind_template_child (widget_class, DcReportWindow, password_row);

  gtk_widget_class_install_action (widget_class, "report.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "report.email", NULL, email_action);
  gtk_widget_class_install_action (widget_class, "report.show-in-folder", "s",
                                   show_in_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "report.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "report.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dc_report_window_init (DcReportWindow *self)
{
  g_autoptr(GDBusConnection) bus = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  /* libportal 0.6 does not check for a session bus (ssh, some CI): without
   * one, there is no portal to ask, only xdg-email. The connection is the
   * application's own, made long before. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus != NULL)
    self->portal = xdp_portal_new ();
  update_actions (self);
}

static void
language_changed_cb (DcReportWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->language_dropdown);
  const char *code;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  code = dc_gui_get_language_code (position);
  if (g_strcmp0 (code, self->language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (code);
  start_build (self);
}

/* The languages a report can be written in, by their own names, the
 * patient's selected. */
static void
setup_language (DcReportWindow *self)
{
  g_autoptr(GListModel) languages = dc_gui_new_language_model ();

  gtk_drop_down_set_model (self->language_dropdown, languages);
  gtk_drop_down_set_selected (self->language_dropdown, dc_gui_find_language (self->language));
  g_signal_connect_swapped (self->language_dropdown, "notify::selected",
                            G_CALLBACK (language_changed_cb), self);
}

static GtkWidget *
new_window (GtkWindow            *parent,
            DcStore              *store,
            DcPatient            *patient,
            DcSession            *session,
            DcDisclosureDocument  kind,
            BuildFunc             build,
            const char           *title)
{
  DcReportWindow *self;
  g_autofree char *name = NULL;

  self = g_object_new (DC_TYPE_REPORT_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->patient = g_object_ref (patient);
  self->session = session != NULL ? g_object_ref (session) : NULL;
  self->kind = kind;
  self->build = build;
  self->language = choose_language (self);
  setup_language (self);

  name = dc_gui_dup_full_name (patient);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  start_build (self);
  return GTK_WIDGET (self);
}

/**
 * dc_report_window_new:
 * @parent: the window the report belongs to
 * @session: the session to report, of @patient
 *
 * Returns: (transfer floating): a window with the report of @session
 */
/**
 * dc_report_window_new_timeline:
 * @parent: the window the report belongs to
 *
 * Returns: (transfer floating): a window with @patient's progress timeline
 */
GtkWidget *
dc_report_window_new_timeline (GtkWindow *parent,
                               DcStore   *store,
                               DcPatient *patient)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (DC_IS_PATIENT (patient), NULL);

  return new_window (parent, store, patient, NULL, DC_DISCLOSURE_TIMELINE,
                     dc_timeline_report_build, _("Progress Timeline"));
}

GtkWidget *
dc_report_window_new (GtkWindow *parent,
                      DcStore   *store,
                      DcPatient *patient,
                      DcSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (DC_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (DC_IS_SESSION (session), NULL);
  g_return_val_if_fail (dc_session_get_patient_id (session)
                        == dc_record_get_id (DC_RECORD (patient)), NULL);

  return new_window (parent, store, patient, session, DC_DISCLOSURE_SESSION_REPORT,
                     dc_session_report_build, _("Session Report"));
}

/* Whether the report is still being put together. */
gboolean
dc_report_window_get_loading (DcReportWindow *self)
{
  g_return_val_if_fail (DC_IS_REPORT_WINDOW (self), FALSE);

  return self->document == NULL && self->stack != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") != 0;
}

/* Whether a save, a print or an email is under way. */
gboolean
dc_report_window_get_busy (DcReportWindow *self)
{
  g_return_val_if_fail (DC_IS_REPORT_WINDOW (self), FALSE);

  return self->busy > 0;
}

/* The number of pages shown, 0 until the report is ready. */
guint
dc_report_window_get_n_pages (DcReportWindow *self)
{
  guint n_pages = 0;

  g_return_val_if_fail (DC_IS_REPORT_WINDOW (self), 0);

  if (self->pages_box == NULL)
    return 0;
  for (GtkWidget *child = gtk_widget_get_first_child (self->pages_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_pages++;

  return n_pages;
}
