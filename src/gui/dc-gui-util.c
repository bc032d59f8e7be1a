/* dc-gui-util.c: small helpers shared by the widgets: locale formatting of
 * record dates and times, property-binding transforms, and toasts. */

#include "config.h"

#include "dc-gui-util.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <string.h>

#include "dc-model.h"

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

/* Row titles and subtitles are markup; record text is not. */
gboolean
dc_gui_transform_string_to_markup (GBinding     *binding,
                                   const GValue *from_value,
                                   GValue       *to_value,
                                   gpointer      user_data)
{
  const char *str = g_value_get_string (from_value);

  g_value_take_string (to_value, g_markup_escape_text (str != NULL ? str : "", -1));
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

/* Returns: (transfer none) (nullable): the record with row id @id */
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
        return record;
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

/* Takes ownership of @toast and shows it in the toast overlay @widget is in. */
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
