/* dc-birth-date-row.c: an entry row for a date of birth, typed in the
 * user's date format and shown back with the resulting age.
 *
 * A calendar is the wrong tool for a date decades ago, so the date is
 * typed. It is shown in the locale's date format with a four-digit year,
 * and read back with the locale's parser; ISO 8601 is always accepted. The
 * age beside it tells at a glance whether day and month were understood
 * the right way round. */

#include "config.h"

#include "dc-birth-date-row.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-model.h"

struct _DcBirthDateRow
{
  AdwEntryRow  parent_instance;

  GtkLabel    *age_label;
  char        *date;
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (DcBirthDateRow, dc_birth_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Reads what was typed; NULL while it is not (yet) a whole date. */
static char *
parse_text (const char *text)
{
  guint n_numbers = 0;
  gboolean has_year = FALSE;
  char iso[11];
  GDate date;

  if (dc_date_is_valid (text))
    return g_strdup (text);

  /* The locale parser takes "3" for the 3rd of this month; wait for a day,
   * a month and a four-digit year before believing it. */
  for (const char *p = text; *p != '\0';)
    {
      guint digits = 0;

      while (g_ascii_isdigit (p[digits]))
        digits++;
      if (digits > 0)
        {
          n_numbers++;
          has_year |= digits == 4;
          p += digits;
        }
      else
        p = g_utf8_next_char (p);
    }
  if (n_numbers != 3 || !has_year)
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  if (!g_date_valid (&date))
    return NULL;

  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &date);
  return g_strdup (iso);
}

static void
update_age (DcBirthDateRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  int age = dc_gui_get_age (self->date);
  gboolean invalid = age < 0 && *text != '\0';
  g_autofree char *label = NULL;

  if (age >= 0)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", age), age);
  else if (invalid)
    label = g_strdup (_("Not a valid date"));

  gtk_label_set_label (self->age_label, label != NULL ? label : "");

  /* Not by colour alone: screen readers hear it too. */
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
set_date_internal (DcBirthDateRow *self,
                   const char     *date)
{
  if (dc_set_str (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

static void
text_changed_cb (DcBirthDateRow *self)
{
  g_autofree char *date = NULL;

  if (self->updating)
    return;

  /* The age follows the text even when the date does not change: a date
   * half typed is "not a valid date" until it is whole. */
  date = parse_text (gtk_editable_get_text (GTK_EDITABLE (self)));
  set_date_internal (self, date);
  update_age (self);
}

static void
dc_birth_date_row_finalize (GObject *object)
{
  DcBirthDateRow *self = DC_BIRTH_DATE_ROW (object);

  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (dc_birth_date_row_parent_class)->finalize (object);
}

static void
dc_birth_date_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DcBirthDateRow *self = DC_BIRTH_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_birth_date_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DcBirthDateRow *self = DC_BIRTH_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      dc_birth_date_row_set_date (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_birth_date_row_class_init (DcBirthDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dc_birth_date_row_finalize;
  object_class->get_property = dc_birth_date_row_get_property;
  object_class->set_property = dc_birth_date_row_set_property;

  /**
   * DcBirthDateRow:date:
   *
   * The date of birth typed, in ISO 8601, or %NULL while the text is not a
   * whole date.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dc_birth_date_row_init (DcBirthDateRow *self)
{
  self->age_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->age_label), "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->age_label));

  g_signal_connect (self, "changed", G_CALLBACK (text_changed_cb), NULL);
}

const char *
dc_birth_date_row_get_date (DcBirthDateRow *self)
{
  g_return_val_if_fail (DC_IS_BIRTH_DATE_ROW (self), NULL);

  return self->date;
}

/* Shows @date (ISO 8601) in the user's format; the text is left alone when
 * it already says that date, so the binding to the record does not rewrite
 * what the user is typing. */
void
dc_birth_date_row_set_date (DcBirthDateRow *self,
                            const char     *date)
{
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  GDate parsed;

  g_return_if_fail (DC_IS_BIRTH_DATE_ROW (self));

  if (g_strcmp0 (self->date, date) == 0)
    return;

  if (dc_date_parse (date, &parsed))
    {
      g_autoptr(GDateTime) date_time = g_date_time_new_local (g_date_get_year (&parsed),
                                                             g_date_get_month (&parsed),
                                                             g_date_get_day (&parsed),
                                                             0, 0, 0);

      format = dc_gui_dup_date_format ();
      text = g_date_time_format (date_time, format);
    }

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), text != NULL ? text : "");
  self->updating = FALSE;

  set_date_internal (self, date);
  update_age (self);
}
