/* dc-gui-util.c: small helpers shared by the widgets: locale formatting of
 * record dates, times and names, property-binding transforms, toasts and
 * dialogs, and decoding images off the main thread. */

#include "config.h"

#include "dc-gui-util.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <string.h>

#include "dc-model.h"

/* Larger images are photos, not logos or icons, and would take hundreds of
 * megabytes to decode. */
#define MAX_IMAGE_SIDE 4096

/* Endonyms: whoever reads the list, each patient finds their own language. */
static const struct
{
  const char *code;
  const char *name;
} languages[] = {
  { "en", "English" },
  { "de", "Deutsch" },
  { "fr", "Français" },
  { "es", "Español" },
  { "ar", "العربية" },
};

guint
dc_gui_get_n_languages (void)
{
  return G_N_ELEMENTS (languages);
}

const char *
dc_gui_get_language_code (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (languages), NULL);

  return languages[position].code;
}

const char *
dc_gui_get_language_name (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (languages), NULL);

  return languages[position].name;
}

guint
dc_gui_find_language (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* The report language of a new patient: the user's own, if reports can be
 * written in it. */
const char *
dc_gui_get_default_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (languages); j++)
      if (strncmp (names[i], languages[j].code, 2) == 0
          && (names[i][2] == '\0' || names[i][2] == '_' || names[i][2] == '.'))
        return languages[j].code;

  return languages[0].code;
}

/* Combo row models whose positions are the field's values. */
GListModel *
dc_gui_new_sex_model (void)
{
  GtkStringList *model = gtk_string_list_new (NULL);
  g_autoptr(GEnumClass) klass = g_type_class_ref (DC_TYPE_SEX);

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (model, dc_enum_get_label (DC_TYPE_SEX, (int) i));

  return G_LIST_MODEL (model);
}

GListModel *
dc_gui_new_fitzpatrick_model (void)
{
  const char *labels[] = {
    C_("fitzpatrick", "Not assessed"),
    C_("fitzpatrick", "I — Always burns, never tans"),
    C_("fitzpatrick", "II — Usually burns, tans minimally"),
    C_("fitzpatrick", "III — Sometimes burns, tans gradually"),
    C_("fitzpatrick", "IV — Burns minimally, tans well"),
    C_("fitzpatrick", "V — Rarely burns, tans easily"),
    C_("fitzpatrick", "VI — Never burns"),
    NULL
  };

  return G_LIST_MODEL (gtk_string_list_new (labels));
}

GListModel *
dc_gui_new_language_model (void)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    gtk_string_list_append (model, languages[i].name);

  return G_LIST_MODEL (model);
}

/* The locale's date format ("%x"), with a four-digit year: "01/25/79" is
 * ambiguous for a date of birth. */
char *
dc_gui_dup_date_format (void)
{
  g_autoptr(GString) format = g_string_new (nl_langinfo (D_FMT));

  g_string_replace (format, "%y", "%Y", 0);
  return g_string_free (g_steal_pointer (&format), FALSE);
}

char *
dc_gui_format_date (const char *iso_date)
{
  g_autofree char *format = dc_gui_dup_date_format ();
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  if (!dc_date_parse (iso_date, &date))
    return NULL;

  date_time = g_date_time_new_local (g_date_get_year (&date),
                                     g_date_get_month (&date),
                                     g_date_get_day (&date),
                                     0, 0, 0);
  return g_date_time_format (date_time, format);
}

GDateTime *
dc_gui_timestamp_to_local (const char *timestamp)
{
  g_autoptr(GDateTime) utc = dc_timestamp_parse (timestamp);

  if (utc == NULL)
    return NULL;
  return g_date_time_to_local (utc);
}

/* "24/11/2026 09:30" in the user's locale and time zone. */
char *
dc_gui_format_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) local = dc_gui_timestamp_to_local (timestamp);
  g_autofree char *format = dc_gui_dup_date_format ();
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (local == NULL)
    return NULL;

  date = g_date_time_format (local, format);
  time = g_date_time_format (local, "%R");
  /* Translators: a date and a time of day, as in "24/11/2026 at 09:30" */
  return g_strdup_printf (C_("date and time", "%s at %s"), date, time);
}

/**
 * dc_gui_format_day:
 * @date_time: a day, in the time zone it is to be read in
 *
 * A day as people say it: "3 March" in the current year, "3 March 2025"
 * in another, in the user's language.
 */
char *
dc_gui_format_day (GDateTime *date_time)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);

  now = g_date_time_new_now (g_date_time_get_timezone (date_time));
  if (g_date_time_get_year (now) == g_date_time_get_year (date_time))
    /* Translators: a day of this year, as a g_date_time_format() format:
     * "3 March" ("%-d" is the day without padding, "%B" the month's name) */
    return g_date_time_format (date_time, C_("day of this year", "%-d %B"));

  /* Translators: a day of another year, as a g_date_time_format() format:
   * "3 March 2025" */
  return g_date_time_format (date_time, C_("day of another year", "%-d %B %Y"));
}

/* Completed years of life today, or -1 without a valid date of birth. */
int
dc_gui_get_age (const char *iso_birth_date)
{
  g_autofree char *iso_today = dc_date_today ();
  GDate birth, today;
  int age;

  if (!dc_date_parse (iso_birth_date, &birth) || !dc_date_parse (iso_today, &today))
    return -1;
  if (g_date_compare (&birth, &today) > 0)
    return -1;

  age = g_date_get_year (&today) - g_date_get_year (&birth);
  if (g_date_get_month (&today) < g_date_get_month (&birth)
      || (g_date_get_month (&today) == g_date_get_month (&birth)
          && g_date_get_day (&today) < g_date_get_day (&birth)))
    age--;

  return age;
}

/* "Anna Müller": the patient as addressed. A name being typed may be
 * missing (a record keeps no empty strings); it is left out, never shown
 * as "(null)". */
char *
dc_gui_dup_full_name (DcPatient *patient)
{
  const char *given = dc_patient_get_given_name (patient);
  const char *family = dc_patient_get_family_name (patient);

  g_return_val_if_fail (DC_IS_PATIENT (patient), NULL);

  if (given == NULL || family == NULL)
    return g_strdup (given != NULL ? given : family != NULL ? family : "");

  /* Translators: a patient's full name, "Given Family" */
  return g_strdup_printf (C_("full name", "%s %s"), given, family);
}

/* "Müller, Anna": the patient in a list sorted by family name. */
char *
dc_gui_dup_sort_name (DcPatient *patient)
{
  const char *given = dc_patient_get_given_name (patient);
  const char *family = dc_patient_get_family_name (patient);

  g_return_val_if_fail (DC_IS_PATIENT (patient), NULL);

  if (given == NULL || family == NULL)
    return g_strdup (family != NULL ? family : given != NULL ? given : "");

  /* Translators: a patient's name in a list sorted by family name,
   * "Family, Given" */
  return g_strdup_printf (C_("patient list", "%s, %s"), family, given);
}

/* A record keeps no empty strings, an editable never holds NULL. */
gboolean
dc_gui_transform_string_to_text (GBinding     *binding,
                                 const GValue *from_value,
                                 GValue       *to_value,
                                 gpointer      user_data)
{
  const char *str = g_value_get_string (from_value);

  g_value_set_string (to_value, str != NULL ? str : "");
  return TRUE;
}

/* An enum or int field whose values are the positions in a combo row. */
gboolean
dc_gui_transform_to_position (GBinding     *binding,
                              const GValue *from_value,
                              GValue       *to_value,
                              gpointer      user_data)
{
  if (G_VALUE_HOLDS_ENUM (from_value))
    g_value_set_uint (to_value, (guint) g_value_get_enum (from_value));
  else if (G_VALUE_HOLDS_INT (from_value))
    g_value_set_uint (to_value, (guint) MAX (g_value_get_int (from_value), 0));
  else
    g_return_val_if_reached (FALSE);

  return TRUE;
}

gboolean
dc_gui_transform_from_position (GBinding     *binding,
                                const GValue *from_value,
                                GValue       *to_value,
                                gpointer      user_data)
{
  guint position = g_value_get_uint (from_value);

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  if (G_VALUE_HOLDS_ENUM (to_value))
    g_value_set_enum (to_value, (int) position);
  else if (G_VALUE_HOLDS_INT (to_value))
    g_value_set_int (to_value, (int) position);
  else
    g_return_val_if_reached (FALSE);

  return TRUE;
}

gboolean
dc_gui_transform_language_to_position (GBinding     *binding,
                                       const GValue *from_value,
                                       GValue       *to_value,
                                       gpointer      user_data)
{
  g_value_set_uint (to_value, dc_gui_find_language (g_value_get_string (from_value)));
  return TRUE;
}

gboolean
dc_gui_transform_position_to_language (GBinding     *binding,
                                       const GValue *from_value,
                                       GValue       *to_value,
                                       gpointer      user_data)
{
  guint position = g_value_get_uint (from_value);

  if (position >= G_N_ELEMENTS (languages))
    return FALSE;

  g_value_set_string (to_value, languages[position].code);
  return TRUE;
}

/* Returns: (transfer full) (nullable): the record with row id @id */
gpointer
dc_gui_find_record (GListModel *records,
                    gint64      id)
{
  guint n_items;

  if (records == NULL || id == 0)
    return NULL;

  n_items = g_list_model_get_n_items (records);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) record = g_list_model_get_item (records, i);

      if (dc_record_get_id (record) == id)
        return g_steal_pointer (&record);
    }

  return NULL;
}

/* The quiet "Saved" in a page's header bar, or why it is not. */
void
dc_gui_update_save_label (GtkLabel     *label,
                          gboolean      busy,
                          const GError *error)
{
  if (busy)
    gtk_label_set_label (label, _("Saving…"));
  else if (error != NULL)
    gtk_label_set_label (label, _("Not Saved"));
  else
    gtk_label_set_label (label, _("Saved"));

  gtk_widget_set_tooltip_text (GTK_WIDGET (label), !busy && error != NULL ? error->message : NULL);
  if (!busy && error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

/* Takes ownership of @toast and shows it in the toast overlay @widget is in
 * (or is): a window is not in its own overlay, pass the overlay itself. */
void
dc_gui_add_toast (GtkWidget *widget,
                  AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_warning ("No toast overlay to show “%s” in", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
dc_gui_show_error (GtkWidget    *widget,
                   const GError *error)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (error != NULL);

  /* Toast titles are markup. Errors stay until dismissed: the practitioner
   * must not miss that something was not saved. */
  title = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  dc_gui_add_toast (widget, toast);
}

/* Asks whether to drop a change that cannot be saved (@error says why) or
 * to go back and correct it. Responds "discard" or "cancel". */
GtkWidget *
dc_gui_new_discard_dialog (GtkWindow    *parent,
                           const GError *error)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  dialog = adw_message_dialog_new (parent, _("Discard Invalid Change?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s says why a change could not
                                   * be saved */
                                  _("A change could not be saved: %s"), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard Change"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return dialog;
}

/* Decoding images ---------------------------------------------------------- */

typedef struct
{
  GBytes   *bytes;
  int       width;       /* the box the image is scaled down into, in pixels */
  int       height;
  gboolean  too_large;
} Decode;

static void
decode_free (gpointer data)
{
  Decode *decode = data;

  g_bytes_unref (decode->bytes);
  g_free (decode);
}

/* The largest size of @width × @height that fits @box_width × @box_height,
 * never enlarged. */
static void
fit_size (int  width,
          int  height,
          int  box_width,
          int  box_height,
          int *fit_width,
          int *fit_height)
{
  double scale = MIN (1.0, MIN ((double) box_width / width, (double) box_height / height));

  *fit_width = MAX (1, (int) (width * scale + 0.5));
  *fit_height = MAX (1, (int) (height * scale + 0.5));
}

/* Runs on the decoding thread, once the image's header is read: refuses a
 * huge image before its pixels are decoded, and has the others decoded
 * straight to the preview size (JPEG decodes at a fraction of the size). */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Decode          *decode)
{
  int side, fit_width, fit_height;

  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE)
    {
      decode->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }

  /* The embedded orientation is applied afterwards and may swap the sides:
   * fit a square first, the box exactly once the image stands upright. */
  side = MAX (decode->width, decode->height);
  fit_size (width, height, side, side, &fit_width, &fit_height);
  gdk_pixbuf_loader_set_size (loader, fit_width, fit_height);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Decode *decode = task_data;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  GdkPixbuf *pixbuf;
  gsize size, offset = 0;
  int width, height;
  gboolean ok = TRUE;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), decode);

  /* In pieces, to stop as soon as the header says the image is too large. */
  data = g_bytes_get_data (decode->bytes, &size);
  while (ok && offset < size && !decode->too_large)
    {
      gsize chunk = MIN (size - offset, 64 * 1024);

      if (g_task_return_error_if_cancelled (task))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return;
        }

      ok = gdk_pixbuf_loader_write (loader, data + offset, chunk, &error);
      offset += chunk;
    }
  ok = gdk_pixbuf_loader_close (loader, ok ? &error : NULL) && ok;

  if (decode->too_large)
    {
      g_task_return_new_error (task, DC_ERROR, DC_ERROR_INVALID,
                               /* Translators: %d is a number of pixels */
                               _("The image is too large: at most %d × %d pixels"),
                               MAX_IMAGE_SIDE, MAX_IMAGE_SIDE);
      return;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (!ok || pixbuf == NULL)
    {
      g_debug ("Could not decode an image: %s", error != NULL ? error->message : "no pixbuf");
      g_task_return_new_error (task, DC_ERROR, DC_ERROR_INVALID,
                               _("The file is not an image Dermachart can read"));
      return;
    }

  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  fit_size (gdk_pixbuf_get_width (upright), gdk_pixbuf_get_height (upright),
            decode->width, decode->height, &width, &height);
  if (width != gdk_pixbuf_get_width (upright) || height != gdk_pixbuf_get_height (upright))
    {
      GdkPixbuf *scaled = gdk_pixbuf_scale_simple (upright, width, height, GDK_INTERP_BILINEAR);

      g_object_unref (upright);
      upright = scaled;
    }

  g_task_return_pointer (task, g_steal_pointer (&upright), g_object_unref);
}

/* Decodes the image in @bytes on a worker thread, scaled down to fit
 * @width × @height pixels. Images over 4096 pixels a side are refused
 * before they are decoded. */
void
dc_gui_decode_image_async (GBytes              *bytes,
                           int                  width,
                           int                  height,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Decode *decode;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (width > 0 && height > 0);

  decode = g_new0 (Decode, 1);
  decode->bytes = g_bytes_ref (bytes);
  decode->width = width;
  decode->height = height;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dc_gui_decode_image_async);
  g_task_set_task_data (task, decode, decode_free);
  g_task_run_in_thread (task, decode_thread);
}

/* Returns: (transfer full): the image, or %NULL with a %DC_ERROR_INVALID
 * error saying why it cannot be used */
GdkTexture *
dc_gui_decode_image_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dc_gui_decode_image_async,
                        NULL);

  pixbuf = g_task_propagate_pointer (G_TASK (result), error);
  if (pixbuf == NULL)
    return NULL;

  return gdk_texture_new_for_pixbuf (pixbuf);
}

/* The paper chosen in Preferences, or the locale's. */
DcReportPaper
dc_gui_get_report_paper (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *name = g_settings_get_string (settings, "paper-size");
  DcReportPaper paper;

  if (!dc_report_paper_from_string (name, &paper))
    paper = dc_report_paper_get_default ();
  return paper;
}
