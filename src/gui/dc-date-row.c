/* dc-date-row.c: a row showing a date of the record, chosen from a calendar
 * popover; optionally clearable and with "in 4/6 weeks" shortcuts counted
 * from a reference date (the next visit, from the session's date).
 *
 * Dates are ISO 8601 strings, as the record stores them. */

#include "config.h"

#include "dc-date-row.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-model.h"

struct _DcDateRow
{
  AdwActionRow  parent_instance;

  GtkCalendar  *calendar;
  GtkWidget    *intervals_box;
  GtkWidget    *clear_button;
  GtkPopover   *popover;

  char         *date;
  char         *reference_date;
  char         *placeholder_text;
  gboolean      optional;
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (DcDateRow, dc_date_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DATE,
  PROP_REFERENCE_DATE,
  PROP_PLACEHOLDER_TEXT,
  PROP_OPTIONAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (DcDateRow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "date-row.clear",
                                 self->optional && self->date != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "date-row.in-weeks",
                                 dc_date_is_valid (self->reference_date));
}

static void
update_display (DcDateRow *self)
{
  g_autofree char *text = dc_gui_format_date (self->date);
  GDate date;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               text != NULL ? text
                               : self->placeholder_text != NULL ? self->placeholder_text : "");

  if (dc_date_parse (self->date, &date))
    {
      g_autoptr(GDateTime) date_time = g_date_time_new_local (g_date_get_year (&date),
                                                             g_date_get_month (&date),
                                                             g_date_get_day (&date),
                                                             0, 0, 0);

      self->updating = TRUE;
      gtk_calendar_select_day (self->calendar, date_time);
      self->updating = FALSE;
    }

  gtk_widget_set_visible (self->clear_button, self->optional);
  gtk_widget_set_visible (self->intervals_box, self->reference_date != NULL);
  update_actions (self);
}

static void
day_selected_cb (DcDateRow *self)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *date = NULL;

  if (self->updating)
    return;

  date_time = gtk_calendar_get_date (self->calendar);
  date = g_date_time_format (date_time, "%Y-%m-%d");
  dc_date_row_set_date (self, date);
  gtk_popover_popdown (self->popover);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DcDateRow *self = DC_DATE_ROW (widget);

  dc_date_row_set_date (self, NULL);
  gtk_popover_popdown (self->popover);
}

static void
in_weeks_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DcDateRow *self = DC_DATE_ROW (widget);
  char iso[11];
  GDate date;

  if (!dc_date_parse (self->reference_date, &date))
    return;

  g_date_add_days (&date, 7 * g_variant_get_int32 (parameter));
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &date);
  dc_date_row_set_date (self, iso);
  gtk_popover_popdown (self->popover);
}

static void
dc_date_row_finalize (GObject *object)
{
  DcDateRow *self = DC_DATE_ROW (object);

  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->reference_date, g_free);
  g_clear_pointer (&self->placeholder_text, g_free);

  G_OBJECT_CLASS (dc_date_row_parent_class)->finalize (object);
}

static void
dc_date_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DC_TYPE_DATE_ROW);

  G_OBJECT_CLASS (dc_date_row_parent_class)->dispose (object);
}

static void
dc_date_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DcDateRow *self = DC_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_REFERENCE_DATE:
      g_value_set_string (value, self->reference_date);
      break;

    case PROP_PLACEHOLDER_TEXT:
      g_value_set_string (value, self->placeholder_text);
      break;

    case PROP_OPTIONAL:
      g_value_set_boolean (value, self->optional);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_date_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DcDateRow *self = DC_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      dc_date_row_set_date (self, g_value_get_string (value));
      break;

    case PROP_REFERENCE_DATE:
      dc_date_row_set_reference_date (self, g_value_get_string (value));
      break;

    case PROP_PLACEHOLDER_TEXT:
      if (dc_set_str (&self->placeholder_text, g_value_get_string (value)))
        {
          update_display (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_OPTIONAL:
      if (self->optional != g_value_get_boolean (value))
        {
          self->optional = g_value_get_boolean (value);
          update_display (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_date_row_class_init (DcDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_date_row_dispose;
  object_class->finalize = dc_date_row_finalize;
  object_class->get_property = dc_date_row_get_property;
  object_class->set_property = dc_date_row_set_property;

  /**
   * DcDateRow:date:
   *
   * The date shown, in ISO 8601, or %NULL for none.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcDateRow:reference-date:
   *
   * The date the "In 4 Weeks" and "In 6 Weeks" shortcuts count from, in
   * ISO 8601; without one they are hidden.
   */
  properties[PROP_REFERENCE_DATE] =
    g_param_spec_string ("reference-date", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcDateRow:placeholder-text:
   *
   * What the row says while it has no date ("Not booked").
   */
  properties[PROP_PLACEHOLDER_TEXT] =
    g_param_spec_string ("placeholder-text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcDateRow:optional:
   *
   * Whether the date may be cleared.
   */
  properties[PROP_OPTIONAL] =
    g_param_spec_boolean ("optional", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dc-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcDateRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, DcDateRow, intervals_box);
  gtk_widget_class_bind_template_child (widget_class, DcDateRow, clear_button);
  gtk_widget_class_bind_template_child (widget_class, DcDateRow, popover);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);

  gtk_widget_class_install_action (widget_class, "date-row.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "date-row.in-weeks", "i", in_weeks_action);
}

static void
dc_date_row_init (DcDateRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_display (self);
}

const char *
dc_date_row_get_date (DcDateRow *self)
{
  g_return_val_if_fail (DC_IS_DATE_ROW (self), NULL);

  return self->date;
}

void
dc_date_row_set_date (DcDateRow  *self,
                      const char *date)
{
  g_return_if_fail (DC_IS_DATE_ROW (self));

  if (!dc_set_str (&self->date, date))
    return;

  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

void
dc_date_row_set_reference_date (DcDateRow  *self,
                                const char *date)
{
  g_return_if_fail (DC_IS_DATE_ROW (self));

  if (!dc_set_str (&self->reference_date, date))
    return;

  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE_DATE]);
}
