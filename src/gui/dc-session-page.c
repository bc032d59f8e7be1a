/* dc-session-page.c: one treatment session, every field edited in place
 * and saved shortly after each change: when and by whom, indication,
 * topical anaesthetic, products used, endpoint, notes and next visit. The
 * face chart of treated zones will have its place here.
 *
 * Times are shown in local time and stored in UTC. A signed session is
 * shown read-only: the store refuses to change it anyway. */

#include "config.h"

#include "dc-session-page.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "dc-date-row.h"
#include "dc-flags-group.h"
#include "dc-gui-util.h"
#include "dc-lot-choice.h"
#include "dc-product-use-row.h"
#include "dc-store.h"
#include "dc-time-entry.h"

/* Lidocaine/prilocaine needs about an hour; longer raises the risk of
 * systemic toxicity, more so over large areas. */
#define MAX_USUAL_ANAESTHETIC_MINUTES 90

struct _DcSessionPage
{
  AdwBin              parent_instance;

  AdwHeaderBar       *header_bar;
  AdwWindowTitle     *window_title;
  GtkLabel           *save_label;
  GtkWidget          *signed_group;
  GtkLabel           *signed_label;
  GtkWidget          *form;
  DcDateRow          *date_row;
  DcTimeEntry        *time_entry;
  AdwComboRow        *practitioner_row;
  DcFlagsGroup       *indication_group;
  AdwComboRow        *anaesthetic_row;
  AdwEntryRow        *strength_row;
  AdwEntryRow        *area_row;
  GtkStack           *applied_stack;
  DcTimeEntry        *applied_entry;
  GtkStack           *removed_stack;
  DcTimeEntry        *removed_entry;
  AdwActionRow       *contact_row;
  GtkListBox         *products_list;
  DcFlagsGroup       *endpoint_group;
  GtkTextView        *notes_view;
  DcDateRow          *next_visit_row;

  DcStore            *store;
  DcRecordSaver      *saver;
  DcSession          *session;
  GBindingGroup      *bindings;
  GSignalGroup       *session_signals;
  GtkFilter          *practitioner_filter;
  GtkFilterListModel *practitioners;
  GListStore         *anaesthetic_choices;  /* "None", then DcLotChoice */
  GListStore         *product_choices;      /* DcLotChoice */
  GListStore         *product_uses;
  GCancellable       *cancellable;          /* the session's loads; cancelled when it goes */
  gboolean            folded;
  gboolean            loading;
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (DcSessionPage, dc_session_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FOLDED,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_product_uses (DcSessionPage *self);

static void
update_actions (DcSessionPage *self)
{
  gboolean editable = self->session != NULL
                      && dc_session_get_status (self->session) == DC_SESSION_DRAFT;
  guint n_choices = g_list_model_get_n_items (G_LIST_MODEL (self->product_choices));

  /* A product added while the list loads would be replaced by the list. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.add-product-use",
                                 editable && !self->loading && n_choices > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.remove-product-use", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.set-anaesthetic-time", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.clear-anaesthetic-time", editable);
}

static void
set_loading (DcSessionPage *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Local date and time → the record's UTC timestamp ------------------------ */

static GDateTime *
get_local_start (DcSessionPage *self)
{
  return dc_gui_timestamp_to_local (dc_session_get_started_at (self->session));
}

static char *
make_timestamp (GDateTime *day,
                int        minutes)
{
  g_autoptr(GDateTime) local = g_date_time_new_local (g_date_time_get_year (day),
                                                      g_date_time_get_month (day),
                                                      g_date_time_get_day_of_month (day),
                                                      minutes / 60, minutes % 60, 0);

  return dc_timestamp_format (local);
}

static int
minutes_of_day (GDateTime *date_time)
{
  return g_date_time_get_hour (date_time) * 60 + g_date_time_get_minute (date_time);
}

static void
update_contact_time (DcSessionPage *self)
{
  g_autoptr(GDateTime) on = dc_timestamp_parse (dc_session_get_anaesthetic_on (self->session));
  g_autoptr(GDateTime) off = dc_timestamp_parse (dc_session_get_anaesthetic_off (self->session));
  g_autofree char *text = NULL;
  int minutes = -1;

  if (on != NULL && off != NULL)
    minutes = (int) (g_date_time_difference (off, on) / G_TIME_SPAN_MINUTE);

  if (minutes >= 0)
    text = g_strdup_printf (ngettext ("%d minute", "%d minutes", minutes), minutes);
  else if (on != NULL && off != NULL)
    text = g_strdup (_("Removed before it was applied"));
  else
    text = g_strdup (_("Record when the anaesthetic was applied and removed"));
  adw_action_row_set_subtitle (self->contact_row, text);

  if (minutes > MAX_USUAL_ANAESTHETIC_MINUTES || (on != NULL && off != NULL && minutes < 0))
    gtk_widget_add_css_class (GTK_WIDGET (self->contact_row), "warning-subtitle");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->contact_row), "warning-subtitle");
}

/* Shows the session's timestamps in the date and time widgets. */
static void
sync_times (DcSessionPage *self)
{
  const char *on_stamp = dc_session_get_anaesthetic_on (self->session);
  const char *off_stamp = dc_session_get_anaesthetic_off (self->session);
  g_autoptr(GDateTime) start = get_local_start (self);
  g_autoptr(GDateTime) on = dc_gui_timestamp_to_local (on_stamp);
  g_autoptr(GDateTime) off = dc_gui_timestamp_to_local (off_stamp);

  self->updating = TRUE;

  if (start != NULL)
    {
      g_autofree char *date = g_date_time_format (start, "%Y-%m-%d");

      dc_date_row_set_date (self->date_row, date);
      dc_date_row_set_reference_date (self->next_visit_row, date);
      dc_time_entry_set_minutes (self->time_entry, minutes_of_day (start));
    }

  gtk_stack_set_visible_child_name (self->applied_stack, on != NULL ? "set" : "unset");
  if (on != NULL)
    dc_time_entry_set_minutes (self->applied_entry, minutes_of_day (on));
  gtk_stack_set_visible_child_name (self->removed_stack, off != NULL ? "set" : "unset");
  if (off != NULL)
    dc_time_entry_set_minutes (self->removed_entry, minutes_of_day (off));

  self->updating = FALSE;

  update_contact_time (self);
}

static void
start_changed_cb (DcSessionPage *self)
{
  g_autoptr(GDateTime) start = get_local_start (self);
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *timestamp = NULL;
  GDate date;

  if (self->updating || self->session == NULL)
    return;
  if (!dc_date_parse (dc_date_row_get_date (self->date_row), &date))
    return;

  day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date), 0, 0, 0);
  timestamp = make_timestamp (day, dc_time_entry_get_minutes (self->time_entry));
  dc_session_set_started_at (self->session, timestamp);

  /* The anaesthetic was applied on the day of the session. */
  if (start != NULL)
    {
      g_autofree char *on = NULL;
      g_autofree char *off = NULL;

      if (dc_session_get_anaesthetic_on (self->session) != NULL)
        on = make_timestamp (day, dc_time_entry_get_minutes (self->applied_entry));
      if (dc_session_get_anaesthetic_off (self->session) != NULL)
        off = make_timestamp (day, dc_time_entry_get_minutes (self->removed_entry));
      dc_session_set_anaesthetic_on (self->session, on);
      dc_session_set_anaesthetic_off (self->session, off);
    }
}

static void
anaesthetic_time_changed_cb (DcSessionPage *self,
                             GParamSpec    *pspec,
                             DcTimeEntry   *entry)
{
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *timestamp = NULL;

  if (self->updating || self->session == NULL)
    return;

  start = get_local_start (self);
  if (start == NULL)
    return;

  timestamp = make_timestamp (start, dc_time_entry_get_minutes (entry));
  if (entry == self->applied_entry)
    dc_session_set_anaesthetic_on (self->session, timestamp);
  else
    dc_session_set_anaesthetic_off (self->session, timestamp);
}

static void
set_anaesthetic_time_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);
  g_autoptr(GDateTime) start = get_local_start (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *timestamp = NULL;

  if (start == NULL)
    return;

  /* The time of day now, on the day of the session. */
  timestamp = make_timestamp (start, minutes_of_day (now));
  if (g_strcmp0 (g_variant_get_string (parameter, NULL), "applied") == 0)
    dc_session_set_anaesthetic_on (self->session, timestamp);
  else
    dc_session_set_anaesthetic_off (self->session, timestamp);
}

static void
clear_anaesthetic_time_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);

  if (g_strcmp0 (g_variant_get_string (parameter, NULL), "applied") == 0)
    dc_session_set_anaesthetic_on (self->session, NULL);
  else
    dc_session_set_anaesthetic_off (self->session, NULL);
}

static void
session_notify_cb (DcSessionPage *self,
                   GParamSpec    *pspec)
{
  if (g_str_equal (pspec->name, "started-at")
      || g_str_equal (pspec->name, "anaesthetic-on")
      || g_str_equal (pspec->name, "anaesthetic-off"))
    sync_times (self);
}

/* Practitioners and lots ------------------------------------------------- */

static gboolean
practitioner_filter_func (gpointer item,
                          gpointer user_data)
{
  DcSessionPage *self = user_data;

  /* Archived practitioners stay selectable on the sessions they ran. */
  return !dc_practitioner_get_archived (item)
         || (self->session != NULL
             && dc_session_get_practitioner_id (self->session) == dc_record_get_id (item));
}

static gboolean
practitioner_to_position (GBinding     *binding,
                          const GValue *from_value,
                          GValue       *to_value,
                          gpointer      user_data)
{
  DcSessionPage *self = user_data;
  GListModel *model = G_LIST_MODEL (self->practitioners);
  gint64 id = g_value_get_int64 (from_value);
  guint n_items = g_list_model_get_n_items (model);

  g_value_set_uint (to_value, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) practitioner = g_list_model_get_item (model, i);

      if (dc_record_get_id (practitioner) == id)
        g_value_set_uint (to_value, i);
    }

  return TRUE;
}

static gboolean
position_to_practitioner (GBinding     *binding,
                          const GValue *from_value,
                          GValue       *to_value,
                          gpointer      user_data)
{
  DcSessionPage *self = user_data;
  g_autoptr(DcRecord) practitioner = NULL;

  practitioner = g_list_model_get_item (G_LIST_MODEL (self->practitioners),
                                        g_value_get_uint (from_value));
  if (practitioner == NULL)
    return FALSE;

  g_value_set_int64 (to_value, dc_record_get_id (practitioner));
  return TRUE;
}

static gboolean
anaesthetic_to_position (GBinding     *binding,
                         const GValue *from_value,
                         GValue       *to_value,
                         gpointer      user_data)
{
  DcSessionPage *self = user_data;
  gint64 lot_id = g_value_get_int64 (from_value);

  g_value_set_uint (to_value, lot_id == 0 ? 0
                    : dc_lot_choice_find (G_LIST_MODEL (self->anaesthetic_choices), lot_id));
  return TRUE;
}

static gboolean
position_to_anaesthetic (GBinding     *binding,
                         const GValue *from_value,
                         GValue       *to_value,
                         gpointer      user_data)
{
  DcSessionPage *self = user_data;
  g_autoptr(GObject) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->anaesthetic_choices),
                                g_value_get_uint (from_value));
  if (item == NULL)
    return FALSE;

  g_value_set_int64 (to_value, DC_IS_LOT_CHOICE (item)
                     ? dc_record_get_id (DC_RECORD (dc_lot_choice_get_lot (DC_LOT_CHOICE (item))))
                     : 0);
  return TRUE;
}

static char *
anaesthetic_label (GObject *item)
{
  if (DC_IS_LOT_CHOICE (item))
    return g_strdup (dc_lot_choice_get_label (DC_LOT_CHOICE (item)));

  return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

typedef struct
{
  DcSessionPage *page;           /* not owned: the load is cancelled with it */
  GListStore    *anaesthetics;
  GListStore    *products;
} Catalogue;

static void
catalogue_clear (Catalogue *catalogue)
{
  g_clear_object (&catalogue->anaesthetics);
  g_clear_object (&catalogue->products);
}

static void
catalogue_release (gpointer catalogue)
{
  g_atomic_rc_box_release_full (catalogue, (GDestroyNotify) catalogue_clear);
}

/* Runs on the store's worker: every lot of every product, sorted into
 * topical anaesthetics and the rest. */
static gboolean
load_catalogue_func (DcStore       *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  Catalogue *catalogue = data;
  g_autoptr(GListModel) products = dc_store_list (store, DC_TYPE_PRODUCT, 0, error);
  guint n_products;

  if (products == NULL)
    return FALSE;

  catalogue->anaesthetics = g_list_store_new (DC_TYPE_LOT_CHOICE);
  catalogue->products = g_list_store_new (DC_TYPE_LOT_CHOICE);

  n_products = g_list_model_get_n_items (products);
  for (guint i = 0; i < n_products; i++)
    {
      g_autoptr(DcProduct) product = g_list_model_get_item (products, i);
      g_autoptr(GListModel) lots = NULL;
      GListStore *target;
      guint n_lots;

      lots = dc_store_list (store, DC_TYPE_LOT, dc_record_get_id (DC_RECORD (product)), error);
      if (lots == NULL)
        return FALSE;

      target = dc_product_get_kind (product) == DC_PRODUCT_ANAESTHETIC
               ? catalogue->anaesthetics : catalogue->products;
      n_lots = g_list_model_get_n_items (lots);
      for (guint j = 0; j < n_lots; j++)
        {
          g_autoptr(DcLot) lot = g_list_model_get_item (lots, j);
          g_autoptr(DcLotChoice) choice = dc_lot_choice_new (product, lot);

          g_list_store_append (target, choice);
        }
    }

  return TRUE;
}

static void
splice_all (GListStore *store,
            GListModel *items)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = g_list_model_get_n_items (items);

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (array, g_list_model_get_item (items, i));

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       array->pdata, array->len);
}

static void
load_catalogue_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Catalogue *catalogue = user_data;
  DcSessionPage *self = catalogue->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringObject) none = NULL;
  GListModel *anaesthetics;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          dc_gui_show_error (GTK_WIDGET (self), error);
          set_loading (self, FALSE);
        }
      catalogue_release (catalogue);
      return;
    }

  /* The combo rows would write their new selection into the session while
   * their models change: detach the session first. */
  g_binding_group_set_source (self->bindings, NULL);

  none = gtk_string_object_new (C_("anaesthetic", "None"));
  g_list_store_remove_all (self->anaesthetic_choices);
  g_list_store_append (self->anaesthetic_choices, none);
  anaesthetics = G_LIST_MODEL (catalogue->anaesthetics);
  for (guint i = 0; i < g_list_model_get_n_items (anaesthetics); i++)
    {
      g_autoptr(GObject) choice = g_list_model_get_item (anaesthetics, i);

      g_list_store_append (self->anaesthetic_choices, choice);
    }
  splice_all (self->product_choices, G_LIST_MODEL (catalogue->products));

  g_binding_group_set_source (self->bindings, self->session);
  load_product_uses (self);
  update_actions (self);

  catalogue_release (catalogue);
}

/* Products used -------------------------------------------------------- */

static GtkWidget *
create_product_use_row (gpointer item,
                        gpointer user_data)
{
  DcSessionPage *self = user_data;

  return dc_product_use_row_new (item, G_LIST_MODEL (self->product_choices));
}

static void
list_product_uses_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  DcSessionPage *self = user_data;
  g_autoptr(GListModel) product_uses = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  /* Another session, or the page is gone: nothing of it may be touched. */
  product_uses = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (product_uses == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  n_items = g_list_model_get_n_items (product_uses);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) product_use = g_list_model_get_item (product_uses, i);

      dc_record_saver_add (self->saver, product_use);
    }
  splice_all (self->product_uses, product_uses);
}

static void
forget_product_uses (DcSessionPage *self)
{
  GListModel *product_uses = G_LIST_MODEL (self->product_uses);
  guint n_items = g_list_model_get_n_items (product_uses);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) product_use = g_list_model_get_item (product_uses, i);

      dc_record_saver_remove (self->saver, product_use);
    }
  g_list_store_remove_all (self->product_uses);
}

static void
load_product_uses (DcSessionPage *self)
{
  forget_product_uses (self);

  if (self->session == NULL)
    return;

  set_loading (self, TRUE);
  dc_store_list_async (self->store, DC_TYPE_PRODUCT_USE,
                       dc_record_get_id (DC_RECORD (self->session)),
                       self->cancellable, list_product_uses_cb, self);
}

static void
add_product_use_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);
  g_autoptr(DcProductUse) product_use = dc_product_use_new ();
  g_autoptr(DcLotChoice) choice = g_list_model_get_item (G_LIST_MODEL (self->product_choices), 0);
  DcLot *lot;

  g_return_if_fail (choice != NULL);

  lot = dc_lot_choice_get_lot (choice);
  dc_product_use_set_session_id (product_use, dc_record_get_id (DC_RECORD (self->session)));
  dc_product_use_set_lot_id (product_use, dc_record_get_id (DC_RECORD (lot)));
  g_list_store_append (self->product_uses, product_use);
  dc_record_saver_add (self->saver, DC_RECORD (product_use));
}

static void
remove_product_use_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  GListModel *product_uses = G_LIST_MODEL (self->product_uses);
  guint n_items = g_list_model_get_n_items (product_uses);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) product_use = g_list_model_get_item (product_uses, i);

      if (g_strcmp0 (dc_record_get_uuid (product_use), uuid) != 0)
        continue;

      /* Edits not yet saved are dropped; a row being inserted is deleted
       * once it exists. The saver does that even should the page go. */
      g_list_store_remove (self->product_uses, i);
      dc_record_saver_delete (self->saver, product_use);
      return;
    }
}

/* The page ------------------------------------------------------------- */

static void
saver_state_changed_cb (DcSessionPage *self)
{
  dc_gui_update_save_label (self->save_label,
                            dc_record_saver_get_busy (self->saver),
                            dc_record_saver_get_error (self->saver));
}

static void
saver_failed_cb (DcSessionPage *self,
                 DcRecord      *record,
                 const GError  *error)
{
  /* Invalid values are few here (times), and the header says "Not Saved"
   * with the reason; a store error deserves a toast. */
  if (g_error_matches (error, DC_ERROR, DC_ERROR_INVALID))
    return;

  dc_gui_show_error (GTK_WIDGET (self), error);

  /* A product removed from the list could not be deleted: show it again. */
  if (self->session != NULL && DC_IS_PRODUCT_USE (record)
      && dc_product_use_get_session_id (DC_PRODUCT_USE (record))
         == dc_record_get_id (DC_RECORD (self->session))
      && !g_list_store_find (self->product_uses, record, NULL))
    load_product_uses (self);
}

static void
notes_changed_cb (DcSessionPage *self)
{
  g_autofree char *text = NULL;

  if (self->session == NULL || self->updating)
    return;

  g_object_get (gtk_text_view_get_buffer (self->notes_view), "text", &text, NULL);
  dc_session_set_notes (self->session, text);
}

static void
update_signed_state (DcSessionPage *self)
{
  gboolean is_signed = dc_session_get_status (self->session) == DC_SESSION_SIGNED;

  gtk_widget_set_visible (self->signed_group, is_signed);
  gtk_widget_set_sensitive (self->form, !is_signed);
  if (is_signed)
    {
      g_autofree char *when = dc_gui_format_timestamp (dc_session_get_signed_at (self->session));
      g_autofree char *text = NULL;

      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("Signed on %s. A signed session can no longer be changed."),
                              when != NULL ? when : "");
      gtk_label_set_label (self->signed_label, text);
    }
}

static void
dc_session_page_dispose (GObject *object)
{
  DcSessionPage *self = DC_SESSION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->saver != NULL)
    dc_record_saver_flush (self->saver);
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_SESSION_PAGE);

  g_clear_object (&self->bindings);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->practitioners);
  g_clear_object (&self->practitioner_filter);
  g_clear_object (&self->anaesthetic_choices);
  g_clear_object (&self->product_choices);
  g_clear_object (&self->product_uses);
  g_clear_object (&self->session);
  g_clear_object (&self->saver);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_session_page_parent_class)->dispose (object);
}

static void
dc_session_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DcSessionPage *self = DC_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_session_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DcSessionPage *self = DC_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_session_page_class_init (DcSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_session_page_dispose;
  object_class->get_property = dc_session_page_get_property;
  object_class->set_property = dc_session_page_set_property;

  /**
   * DcSessionPage:folded:
   *
   * Whether the window shows this page without the patient list beside
   * it, so the header bar carries the window buttons.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcSessionPage:loading:
   *
   * Whether the products and lots to choose from, or the products used in
   * the session, are still being loaded.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DC_TYPE_DATE_ROW);
  g_type_ensure (DC_TYPE_TIME_ENTRY);
  g_type_ensure (DC_TYPE_FLAGS_GROUP);
  g_type_ensure (DC_TYPE_INDICATION);
  g_type_ensure (DC_TYPE_ENDPOINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-session-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, save_label);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, signed_group);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, signed_label);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, form);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, time_entry);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, practitioner_row);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, indication_group);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, anaesthetic_row);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, strength_row);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, area_row);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, applied_stack);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, applied_entry);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, removed_stack);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, removed_entry);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, products_list);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, endpoint_group);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, next_visit_row);
  gtk_widget_class_bind_template_callback (widget_class, start_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, anaesthetic_time_changed_cb);

  gtk_widget_class_install_action (widget_class, "session.add-product-use", NULL,
                                   add_product_use_action);
  gtk_widget_class_install_action (widget_class, "session.remove-product-use", "s",
                                   remove_product_use_action);
  gtk_widget_class_install_action (widget_class, "session.set-anaesthetic-time", "s",
                                   set_anaesthetic_time_action);
  gtk_widget_class_install_action (widget_class, "session.clear-anaesthetic-time", "s",
                                   clear_anaesthetic_time_action);
}

static void
setup_bindings (DcSessionPage *self)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  self->bindings = g_binding_group_new ();

  g_binding_group_bind_full (self->bindings, "practitioner-id", self->practitioner_row,
                             "selected", flags, practitioner_to_position,
                             position_to_practitioner, self, NULL);
  g_binding_group_bind_full (self->bindings, "indication", self->indication_group, "value", flags,
                             dc_flags_group_transform_to_value,
                             dc_flags_group_transform_from_value, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "anaesthetic-lot-id", self->anaesthetic_row,
                             "selected", flags, anaesthetic_to_position, position_to_anaesthetic,
                             self, NULL);
  g_binding_group_bind_full (self->bindings, "anaesthetic-strength", self->strength_row, "text",
                             flags, dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "anaesthetic-area", self->area_row, "text", flags,
                             dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "endpoint", self->endpoint_group, "value", flags,
                             dc_flags_group_transform_to_value,
                             dc_flags_group_transform_from_value, NULL, NULL);
  g_binding_group_bind (self->bindings, "next-visit", self->next_visit_row, "date", flags);
}

static void
dc_session_page_init (DcSessionPage *self)
{
  g_autoptr(GtkExpression) practitioner_name = NULL;
  g_autoptr(GtkExpression) anaesthetic_name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self, "folded", self->header_bar, "show-start-title-buttons",
                          G_BINDING_SYNC_CREATE);

  self->practitioner_filter = GTK_FILTER (gtk_custom_filter_new (practitioner_filter_func,
                                                                 self, NULL));
  self->practitioners = gtk_filter_list_model_new (NULL,
                                                   g_object_ref (self->practitioner_filter));
  practitioner_name = gtk_property_expression_new (DC_TYPE_PRACTITIONER, NULL, "name");
  adw_combo_row_set_expression (self->practitioner_row, practitioner_name);
  adw_combo_row_set_model (self->practitioner_row, G_LIST_MODEL (self->practitioners));

  self->anaesthetic_choices = g_list_store_new (G_TYPE_OBJECT);
  anaesthetic_name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                  G_CALLBACK (anaesthetic_label), NULL, NULL);
  adw_combo_row_set_expression (self->anaesthetic_row, anaesthetic_name);
  adw_combo_row_set_model (self->anaesthetic_row, G_LIST_MODEL (self->anaesthetic_choices));

  self->product_choices = g_list_store_new (DC_TYPE_LOT_CHOICE);
  self->product_uses = g_list_store_new (DC_TYPE_PRODUCT_USE);
  gtk_list_box_bind_model (self->products_list, G_LIST_MODEL (self->product_uses),
                           create_product_use_row, self, NULL);

  setup_bindings (self);

  self->session_signals = g_signal_group_new (DC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify",
                                  G_CALLBACK (session_notify_cb), self);

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

void
dc_session_page_set_store (DcSessionPage *self,
                           DcStore       *store)
{
  g_return_if_fail (DC_IS_SESSION_PAGE (self));
  g_return_if_fail (DC_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->saver = dc_record_saver_new (store);
  g_signal_connect_object (self->saver, "notify::busy",
                           G_CALLBACK (saver_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->saver, "notify::error",
                           G_CALLBACK (saver_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->saver, "failed",
                           G_CALLBACK (saver_failed_cb), self, G_CONNECT_SWAPPED);
}

void
dc_session_page_set_practitioners (DcSessionPage *self,
                                   GListModel    *practitioners)
{
  g_return_if_fail (DC_IS_SESSION_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (practitioners));

  gtk_filter_list_model_set_model (self->practitioners, practitioners);
}

DcSession *
dc_session_page_get_session (DcSessionPage *self)
{
  g_return_val_if_fail (DC_IS_SESSION_PAGE (self), NULL);

  return self->session;
}

/* Shows @session of @patient, or nothing. The session must have been saved:
 * its products used refer to its row id. */
void
dc_session_page_set_session (DcSessionPage *self,
                             DcSession     *session,
                             DcPatient     *patient)
{
  Catalogue *catalogue;
  g_autofree char *name = NULL;
  const char *notes;

  g_return_if_fail (DC_IS_SESSION_PAGE (self));
  g_return_if_fail (session == NULL || DC_IS_SESSION (session));
  g_return_if_fail (session == NULL || dc_record_get_id (DC_RECORD (session)) != 0);
  g_return_if_fail (patient == NULL || DC_IS_PATIENT (patient));
  g_return_if_fail (self->saver != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session != NULL)
    dc_record_saver_remove (self->saver, DC_RECORD (self->session));
  forget_product_uses (self);

  g_binding_group_set_source (self->bindings, NULL);
  g_signal_group_set_target (self->session_signals, NULL);
  g_set_object (&self->session, session);
  set_loading (self, session != NULL);
  update_actions (self);

  if (session == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_filter_changed (self->practitioner_filter, GTK_FILTER_CHANGE_DIFFERENT);

  self->updating = TRUE;
  notes = dc_session_get_notes (session);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes != NULL ? notes : "", -1);
  self->updating = FALSE;
  sync_times (self);

  g_binding_group_set_source (self->bindings, session);
  g_signal_group_set_target (self->session_signals, session);
  dc_record_saver_add (self->saver, DC_RECORD (session));

  if (patient != NULL)
    {
      name = dc_gui_dup_full_name (patient);
      adw_window_title_set_subtitle (self->window_title, name);
    }
  else
    adw_window_title_set_subtitle (self->window_title, "");
  gtk_widget_set_visible (GTK_WIDGET (self->save_label), FALSE);
  update_signed_state (self);

  /* Products and lots may have been added since the last session. */
  catalogue = g_atomic_rc_box_new0 (Catalogue);
  catalogue->page = self;
  dc_store_run_async (self->store, load_catalogue_func, g_atomic_rc_box_acquire (catalogue),
                      catalogue_release, self->cancellable, load_catalogue_cb, catalogue);
}

DcRecordSaver *
dc_session_page_get_saver (DcSessionPage *self)
{
  g_return_val_if_fail (DC_IS_SESSION_PAGE (self), NULL);

  return self->saver;
}

/* Returns: (transfer none): the products used in the session shown */
GListModel *
dc_session_page_get_product_uses (DcSessionPage *self)
{
  g_return_val_if_fail (DC_IS_SESSION_PAGE (self), NULL);

  return G_LIST_MODEL (self->product_uses);
}

gboolean
dc_session_page_get_loading (DcSessionPage *self)
{
  g_return_val_if_fail (DC_IS_SESSION_PAGE (self), FALSE);

  return self->loading;
}
