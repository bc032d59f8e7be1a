/* dc-history-item.c: one line of a patient's history, as the history
 * window shows it. Items are made on the store's worker and only read
 * afterwards, except for whether the user expanded one. */

#include "config.h"

#include "dc-history-item.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _DcHistoryItem
{
  GObject    parent_instance;

  gboolean   is_day;
  GDateTime *at;          /* local time */
  char      *day_label;
  char      *time;
  char      *actor;
  char      *icon_name;
  char      *title;
  char      *context;
  char      *details;
  char      *folded;      /* everything searchable, case-folded */
  gboolean   expanded;
};

G_DEFINE_FINAL_TYPE (DcHistoryItem, dc_history_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dc_history_item_finalize (GObject *object)
{
  DcHistoryItem *self = DC_HISTORY_ITEM (object);

  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self->day_label);
  g_free (self->time);
  g_free (self->actor);
  g_free (self->icon_name);
  g_free (self->title);
  g_free (self->context);
  g_free (self->details);
  g_free (self->folded);

  G_OBJECT_CLASS (dc_history_item_parent_class)->finalize (object);
}

static void
dc_history_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DcHistoryItem *self = DC_HISTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_history_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DcHistoryItem *self = DC_HISTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      dc_history_item_set_expanded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_history_item_class_init (DcHistoryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dc_history_item_finalize;
  object_class->get_property = dc_history_item_get_property;
  object_class->set_property = dc_history_item_set_property;

  /**
   * DcHistoryItem:expanded:
   *
   * Whether the window shows every changed field of the item. Kept with
   * the item, so that it survives the row being recycled on scrolling.
   */
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dc_history_item_init (DcHistoryItem *self)
{
}

/* "Today", "Yesterday", "Monday, 2 March 2026". */
static char *
format_day_label (GDateTime *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (g_date_time_get_timezone (day));
  GDate today, date;
  int days;

  g_date_clear (&today, 1);
  g_date_clear (&date, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_set_dmy (&date, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                  g_date_time_get_year (day));
  days = g_date_days_between (&date, &today);

  if (days == 0)
    return g_strdup (C_("history day", "Today"));
  if (days == 1)
    return g_strdup (C_("history day", "Yesterday"));

  /* Translators: a day heading in a record's history, as a
   * g_date_time_format() format: "Monday, 2 March 2026" */
  return g_date_time_format (day, C_("history day", "%A, %-d %B %Y"));
}

/**
 * dc_history_item_new:
 * @at: when the change was made, in local time
 * @actor: who made it, as the audit trail names them
 * @icon_name: (nullable): a symbolic icon for the kind of change
 * @title: the change in one sentence
 * @context: (nullable): where it was made ("Session of 3 March")
 * @details: (nullable): every changed field, one per line
 */
DcHistoryItem *
dc_history_item_new (GDateTime  *at,
                     const char *actor,
                     const char *icon_name,
                     const char *title,
                     const char *context,
                     const char *details)
{
  DcHistoryItem *self;
  g_autofree char *searchable = NULL;

  g_return_val_if_fail (at != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (DC_TYPE_HISTORY_ITEM, NULL);
  self->at = g_date_time_ref (at);
  self->day_label = format_day_label (at);
  self->time = g_date_time_format (at, "%R");
  self->actor = g_strdup (actor != NULL ? actor : "");
  self->icon_name = g_strdup (icon_name);
  self->title = g_strdup (title);
  self->context = g_strdup (context);
  self->details = g_strdup (details);

  searchable = g_strjoin ("\n", self->title, self->actor, self->day_label, self->time,
                          context != NULL ? context : "", details != NULL ? details : "",
                          NULL);
  self->folded = g_utf8_casefold (searchable, -1);

  return self;
}

/* The heading of the day of @day. */
DcHistoryItem *
dc_history_item_new_day (GDateTime *day)
{
  DcHistoryItem *self;

  g_return_val_if_fail (day != NULL, NULL);

  self = g_object_new (DC_TYPE_HISTORY_ITEM, NULL);
  self->is_day = TRUE;
  self->at = g_date_time_ref (day);
  self->day_label = format_day_label (day);
  self->title = g_strdup (self->day_label);
  self->folded = g_utf8_casefold (self->day_label, -1);

  return self;
}

gboolean
dc_history_item_is_day (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), FALSE);

  return self->is_day;
}

GDateTime *
dc_history_item_get_at (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), NULL);

  return self->at;
}

const char *
dc_history_item_get_day_label (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), NULL);

  return self->day_label;
}

const char *
dc_history_item_get_time (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), NULL);

  return self->time;
}

const char *
dc_history_item_get_actor (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), NULL);

  return self->actor;
}

const char *
dc_history_item_get_icon_name (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), NULL);

  return self->icon_name;
}

const char *
dc_history_item_get_title (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), NULL);

  return self->title;
}

const char *
dc_history_item_get_context (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), NULL);

  return self->context;
}

const char *
dc_history_item_get_details (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), NULL);

  return self->details;
}

/* Whether two items fall on the same local calendar day. */
gboolean
dc_history_item_same_day (DcHistoryItem *self,
                          DcHistoryItem *other)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), FALSE);
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (other), FALSE);

  return g_date_time_get_year (self->at) == g_date_time_get_year (other->at)
         && g_date_time_get_day_of_year (self->at) == g_date_time_get_day_of_year (other->at);
}

/**
 * dc_history_item_matches:
 * @folded_text: what is searched for, already passed through
 *   g_utf8_casefold()
 *
 * Whether the item's sentence, author, time, context or details contain
 * @folded_text, whatever its case.
 */
gboolean
dc_history_item_matches (DcHistoryItem *self,
                         const char    *folded_text)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), FALSE);

  if (folded_text == NULL || *folded_text == '\0')
    return TRUE;
  return strstr (self->folded, folded_text) != NULL;
}

gboolean
dc_history_item_get_expanded (DcHistoryItem *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_ITEM (self), FALSE);

  return self->expanded;
}

void
dc_history_item_set_expanded (DcHistoryItem *self,
                              gboolean       expanded)
{
  g_return_if_fail (DC_IS_HISTORY_ITEM (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}
