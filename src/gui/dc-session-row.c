/* dc-session-row.c: one session in a patient's history: when, by whom,
 * draft or signed, and how long after the previous session (pen protocols
 * space sessions 4 to 6 weeks apart; shorter intervals are flagged). */

#include "config.h"

#include "dc-session-row.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-model.h"

#define MIN_INTERVAL_DAYS 28

struct _DcSessionRow
{
  AdwActionRow  parent_instance;

  GtkLabel     *interval_label;
  GtkLabel     *status_label;

  DcSession    *session;
};

G_DEFINE_FINAL_TYPE (DcSessionRow, dc_session_row, ADW_TYPE_ACTION_ROW)

/* Whole days between the local calendar dates of two sessions. */
static int
days_between (DcSession *earlier,
              DcSession *later)
{
  g_autoptr(GDateTime) from = dc_gui_timestamp_to_local (dc_session_get_started_at (earlier));
  g_autoptr(GDateTime) to = dc_gui_timestamp_to_local (dc_session_get_started_at (later));
  GDate from_date, to_date;

  if (from == NULL || to == NULL)
    return -1;

  g_date_clear (&from_date, 1);
  g_date_clear (&to_date, 1);
  g_date_set_dmy (&from_date, g_date_time_get_day_of_month (from),
                  g_date_time_get_month (from), g_date_time_get_year (from));
  g_date_set_dmy (&to_date, g_date_time_get_day_of_month (to),
                  g_date_time_get_month (to), g_date_time_get_year (to));

  return g_date_days_between (&from_date, &to_date);
}

static void
set_interval (DcSessionRow *self,
              DcSession    *previous)
{
  g_autofree char *text = NULL;
  int days = previous != NULL ? days_between (previous, self->session) : -1;

  gtk_widget_set_visible (GTK_WIDGET (self->interval_label), days >= 0);
  if (days < 0)
    return;

  if (days < 7)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after the previous session",
                                         "%d days after the previous session", days),
                            days);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week after the previous session",
                                         "%d weeks after the previous session", days / 7),
                            days / 7);
  gtk_label_set_label (self->interval_label, text);

  if (days < MIN_INTERVAL_DAYS)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->interval_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->interval_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->interval_label),
                                   _("Sessions are usually at least 4 weeks apart"));
    }
}

static void
dc_session_row_dispose (GObject *object)
{
  DcSessionRow *self = DC_SESSION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_SESSION_ROW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (dc_session_row_parent_class)->dispose (object);
}

static void
dc_session_row_class_init (DcSessionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_session_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-session-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcSessionRow, interval_label);
  gtk_widget_class_bind_template_child (widget_class, DcSessionRow, status_label);
}

static void
dc_session_row_init (DcSessionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dc_session_row_new (DcSession  *session,
                    const char *practitioner_name,
                    DcSession  *previous)
{
  DcSessionRow *self;
  g_autofree char *when = NULL;
  DcSessionStatus status;

  g_return_val_if_fail (DC_IS_SESSION (session), NULL);
  g_return_val_if_fail (previous == NULL || DC_IS_SESSION (previous), NULL);

  self = g_object_new (DC_TYPE_SESSION_ROW, NULL);
  self->session = g_object_ref (session);

  /* Not markup (set in the template): a name may hold "&" or "<". */
  when = dc_gui_format_timestamp (dc_session_get_started_at (session));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), when != NULL ? when : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               practitioner_name != NULL ? practitioner_name
                               : _("No practitioner recorded"));

  status = dc_session_get_status (session);
  gtk_label_set_label (self->status_label, dc_enum_get_label (DC_TYPE_SESSION_STATUS, status));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                            status == DC_SESSION_SIGNED ? "success" : "accent");

  set_interval (self, previous);

  return GTK_WIDGET (self);
}

DcSession *
dc_session_row_get_session (DcSessionRow *self)
{
  g_return_val_if_fail (DC_IS_SESSION_ROW (self), NULL);

  return self->session;
}
