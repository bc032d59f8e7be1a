/* dc-session-page.c: one treatment session, every field edited in place
 * and saved shortly after each change: when and by whom, indication,
 * topical anaesthetic, the face chart of treated zones with its undo
 * history, products used, endpoint, notes and next visit. Above them, what
 * the practitioner must keep in mind: the patient's skin type and the
 * recorded conditions that concern the devices used.
 *
 * Times are shown in local time and stored in UTC. A signed session is
 * shown read-only: the store refuses to change it anyway. */

#include "config.h"

#include "dc-session-page.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "dc-chart-history.h"
#include "dc-date-row.h"
#include "dc-face-view.h"
#include "dc-flags-group.h"
#include "dc-gui-util.h"
#include "dc-photo-gallery.h"
#include "dc-lot-choice.h"
#include "dc-product-use-row.h"
#include "dc-report-window.h"
#include "dc-safety.h"
#include "dc-safety-dialog.h"
#include "dc-side-effect-row.h"
#include "dc-store.h"
#include "dc-time-entry.h"
#include "dc-zone-editor.h"

/* Lidocaine/prilocaine needs about an hour; longer raises the risk of
 * systemic toxicity, more so over large areas. */
#define MAX_USUAL_ANAESTHETIC_MINUTES 90

/* From this width of the page on, the face chart and the zone editor sit
 * side by side; below it, the editor goes under the chart. It must exceed
 * their minimum width side by side, or the page could never narrow. */
#define WIDE_CHART_WIDTH 760

struct _DcSessionPage
{
  AdwBin              parent_instance;

  AdwHeaderBar       *header_bar;
  AdwWindowTitle     *window_title;
  GtkLabel           *save_label;
  GtkWidget          *sign_button;
  GtkWidget          *signed_group;
  GtkLabel           *signed_label;
  GtkWidget          *addenda_group;
  GtkListBox         *addenda_list;
  GtkWidget          *acks_group;
  GtkListBox         *acks_list;
  GtkLabel           *skin_type_label;
  GtkListBox         *safety_list;
  GtkWidget          *form;
  GtkWidget          *form_end;
  GtkBox             *chart_box;
  DcFaceView         *face_view;
  DcZoneEditor       *zone_editor;
  DcPhotoGallery     *photo_gallery;
  GtkWidget          *undo_button;
  GtkWidget          *redo_button;
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
  GtkListBox         *side_effects_list;
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
  GListStore         *side_effects;         /* DcSideEffect of the session */
  DcPatient          *patient;
  GSignalGroup       *patient_signals;
  GListStore         *treatments;           /* DcZoneTreatment of the session */
  GListStore         *all_devices;          /* DcDevice, archived ones too */
  GListStore         *devices;              /* those to choose from and to name */
  GListStore         *guidance;             /* DcDepthGuidance */
  DcChartHistory     *history;
  GListModel         *loaded_treatments;    /* until the devices have come too */
  GListModel         *loaded_devices;
  GCancellable       *cancellable;          /* the session's loads; cancelled when it goes */
  guint               chart_pending;        /* lists of the chart still to come */
  gboolean            chart_failed;
  gboolean            folded;
  gboolean            products_loading;
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
static void update_safety     (DcSessionPage *self);
static void update_signed_state (DcSessionPage *self);
static const char *get_practitioner_name (DcSessionPage *self,
                                          gint64         id);

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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.sign",
                                 editable && !self->loading && self->chart_pending == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.add-addendum",
                                 self->session != NULL && !editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.report",
                                 self->session != NULL && self->patient != NULL);

  /* An undo while the chart loads would reach treatments no longer shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.undo",
                                 editable && self->chart_pending == 0
                                 && dc_chart_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.redo",
                                 editable && self->chart_pending == 0
                                 && dc_chart_history_get_can_redo (self->history));
}

static void
update_loading (DcSessionPage *self)
{
  gboolean loading = self->products_loading || self->chart_pending > 0;
  gboolean changed = self->loading != loading;

  self->loading = loading;
  update_actions (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_loading (DcSessionPage *self,
             gboolean       loading)
{
  self->products_loading = loading;
  update_loading (self);
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
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes),
                            minutes);
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
  else if (g_str_equal (pspec->name, "status"))
    update_signed_state (self);
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

/* Side effects ----------------------------------------------------------- */

/* Seen at follow-up visits: recorded, changed and removed after signing
 * too (the database keeps them open). */

static GtkWidget *
create_side_effect_row (gpointer item,
                        gpointer user_data)
{
  return dc_side_effect_row_new (item);
}

static void
forget_side_effects (DcSessionPage *self)
{
  GListModel *side_effects = G_LIST_MODEL (self->side_effects);
  guint n_items = g_list_model_get_n_items (side_effects);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) side_effect = g_list_model_get_item (side_effects, i);

      dc_record_saver_remove (self->saver, side_effect);
    }
  g_list_store_remove_all (self->side_effects);
}

static void
list_side_effects_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  DcSessionPage *self = user_data;
  g_autoptr(GListModel) side_effects = NULL;
  g_autoptr(GError) error = NULL;

  side_effects = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (side_effects == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (side_effects); i++)
    {
      g_autoptr(DcRecord) side_effect = g_list_model_get_item (side_effects, i);

      dc_record_saver_add (self->saver, side_effect);
    }
  splice_all (self->side_effects, side_effects);
}

static void
load_side_effects (DcSessionPage *self)
{
  forget_side_effects (self);
  if (self->session == NULL)
    return;

  dc_store_list_async (self->store, DC_TYPE_SIDE_EFFECT,
                       dc_record_get_id (DC_RECORD (self->session)),
                       self->cancellable, list_side_effects_cb, self);
}

static void
add_side_effect_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);
  g_autoptr(DcSideEffect) side_effect = dc_side_effect_new ();
  g_autofree char *today = dc_date_today ();
  GtkListBoxRow *row;

  if (self->session == NULL)
    return;

  dc_side_effect_set_session_id (side_effect, dc_record_get_id (DC_RECORD (self->session)));
  dc_side_effect_set_kind (side_effect, DC_SIDE_EFFECT_REDNESS);
  dc_side_effect_set_severity (side_effect, 1);
  dc_side_effect_set_onset (side_effect, today);
  g_list_store_append (self->side_effects, side_effect);
  dc_record_saver_add (self->saver, DC_RECORD (side_effect));

  /* Open, to be filled in. */
  row = gtk_list_box_get_row_at_index (self->side_effects_list,
                                       g_list_model_get_n_items (G_LIST_MODEL (self->side_effects))
                                       - 1);
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

static void
remove_side_effect_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  GListModel *side_effects = G_LIST_MODEL (self->side_effects);

  for (guint i = 0; i < g_list_model_get_n_items (side_effects); i++)
    {
      g_autoptr(DcRecord) side_effect = g_list_model_get_item (side_effects, i);

      if (g_strcmp0 (dc_record_get_uuid (side_effect), uuid) != 0)
        continue;

      g_list_store_remove (self->side_effects, i);
      dc_record_saver_delete (self->saver, side_effect);
      return;
    }
}

/* The face chart -------------------------------------------------------- */

typedef enum
{
  CHART_TREATMENTS,
  CHART_DEVICES,
  CHART_GUIDANCE,
} ChartList;

static void
update_chart_sensitivity (DcSessionPage *self)
{
  /* A signed chart can still be explored: its zones selected, their
   * tooltips read. Only the editor goes insensitive. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->zone_editor),
                            self->session != NULL
                            && dc_session_get_status (self->session) == DC_SESSION_DRAFT
                            && self->chart_pending == 0
                            && !self->chart_failed);
}

static void
forget_treatments (DcSessionPage *self)
{
  GListModel *treatments = G_LIST_MODEL (self->treatments);
  guint n_items = g_list_model_get_n_items (treatments);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) treatment = g_list_model_get_item (treatments, i);

      dc_record_saver_remove (self->saver, treatment);
    }

  /* What can be undone is always what is shown. */
  dc_chart_history_clear (self->history);
  g_list_store_remove_all (self->treatments);
  g_clear_object (&self->loaded_treatments);
  g_clear_object (&self->loaded_devices);
  self->chart_pending = 0;
}

static gboolean
device_used (GListModel *treatments,
             gint64      device_id)
{
  guint n_items = treatments != NULL ? g_list_model_get_n_items (treatments) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcZoneTreatment) treatment = g_list_model_get_item (treatments, i);

      if (dc_zone_treatment_get_device_id (treatment) == device_id)
        return TRUE;
    }

  return FALSE;
}

/* The treatments and devices are both in: show them together, so that no
 * treatment names a device the chart does not know. */
static void
chart_loaded (DcSessionPage *self)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListStore) empty = g_list_store_new (G_TYPE_OBJECT);
  GListModel *loaded_devices = self->loaded_devices != NULL ? self->loaded_devices
                                                            : G_LIST_MODEL (empty);
  GListModel *loaded_treatments = self->loaded_treatments != NULL ? self->loaded_treatments
                                                                  : G_LIST_MODEL (empty);
  guint n_items;

  n_items = g_list_model_get_n_items (loaded_devices);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcDevice) device = g_list_model_get_item (loaded_devices, i);

      /* Archived devices stay on the sessions they were used in. */
      if (!dc_device_get_archived (device)
          || device_used (loaded_treatments, dc_record_get_id (DC_RECORD (device))))
        g_ptr_array_add (devices, g_steal_pointer (&device));
    }
  splice_all (self->all_devices, loaded_devices);
  g_list_store_splice (self->devices, 0, g_list_model_get_n_items (G_LIST_MODEL (self->devices)),
                       devices->pdata, devices->len);

  n_items = g_list_model_get_n_items (loaded_treatments);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) treatment = g_list_model_get_item (loaded_treatments, i);

      dc_record_saver_add (self->saver, treatment);
    }
  splice_all (self->treatments, loaded_treatments);
  dc_chart_history_clear (self->history);

  g_clear_object (&self->loaded_treatments);
  g_clear_object (&self->loaded_devices);
  update_safety (self);
}

static void
chart_list_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data,
                 ChartList     which)
{
  DcSessionPage *self = user_data;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  /* Another session, or the page is gone: nothing of it may be touched. */
  list = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (list == NULL)
    {
      /* A chart shown without its treatments would invite charting them
       * twice. */
      dc_gui_show_error (GTK_WIDGET (self), error);
      if (which != CHART_GUIDANCE)
        self->chart_failed = TRUE;
    }
  else if (which == CHART_TREATMENTS)
    g_set_object (&self->loaded_treatments, list);
  else if (which == CHART_DEVICES)
    g_set_object (&self->loaded_devices, list);
  else
    splice_all (self->guidance, list);

  g_assert (self->chart_pending > 0);
  if (--self->chart_pending == 0)
    chart_loaded (self);
  update_chart_sensitivity (self);
  update_loading (self);
}

static void
list_treatments_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  chart_list_done (object, result, user_data, CHART_TREATMENTS);
}

static void
list_devices_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  chart_list_done (object, result, user_data, CHART_DEVICES);
}

static void
list_guidance_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  chart_list_done (object, result, user_data, CHART_GUIDANCE);
}

static void
load_chart (DcSessionPage *self)
{
  static const char *const no_zones[] = { NULL };

  forget_treatments (self);
  self->chart_failed = FALSE;
  if (self->session == NULL)
    return;

  dc_face_view_set_selected_zones (self->face_view, no_zones);
  dc_zone_editor_set_session_id (self->zone_editor,
                                 dc_record_get_id (DC_RECORD (self->session)));

  /* Devices and guidance may have changed in Preferences since. */
  self->chart_pending = 3;
  dc_store_list_async (self->store, DC_TYPE_DEVICE, 0, self->cancellable, list_devices_cb, self);
  dc_store_list_async (self->store, DC_TYPE_DEPTH_GUIDANCE, 0, self->cancellable,
                       list_guidance_cb, self);
  dc_store_list_async (self->store, DC_TYPE_ZONE_TREATMENT,
                       dc_record_get_id (DC_RECORD (self->session)),
                       self->cancellable, list_treatments_cb, self);
  update_chart_sensitivity (self);
  update_loading (self);
}

/* An edit, an undo or a redo changed the treatments. */
static void
history_changed_cb (DcSessionPage *self,
                    GPtrArray     *to_save,
                    GPtrArray     *to_delete)
{
  for (guint i = 0; i < to_save->len; i++)
    dc_record_saver_add (self->saver, g_ptr_array_index (to_save, i));
  for (guint i = 0; i < to_delete->len; i++)
    dc_record_saver_delete (self->saver, g_ptr_array_index (to_delete, i));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);

  if (g_str_equal (action_name, "session.undo"))
    dc_chart_history_undo (self->history);
  else
    dc_chart_history_redo (self->history);
}

static gboolean
label_to_tooltip (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  const char *label = g_value_get_string (from_value);

  g_value_set_string (to_value, label != NULL ? label : user_data);
  return TRUE;
}

/* Safety ----------------------------------------------------------------- */

static GtkWidget *
new_warning_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (row, "safety-warning");
  return row;
}

/* The skin type, and the recorded conditions that concern the device
 * families of the session's treatments. */
static void
update_safety (DcSessionPage *self)
{
  static const char *const numerals[] = { NULL, "I", "II", "III", "IV", "V", "VI" };
  GListModel *treatments = G_LIST_MODEL (self->treatments);
  guint n_items = g_list_model_get_n_items (treatments);
  DcMedicalFlags flags = DC_MEDICAL_NONE;
  DcMedicalFlags concerning = DC_MEDICAL_NONE;
  GtkListBoxRow *row;
  int fitzpatrick = 0;

  if (self->patient != NULL)
    {
      flags = dc_patient_get_medical_flags (self->patient);
      fitzpatrick = dc_patient_get_fitzpatrick (self->patient);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcZoneTreatment) treatment = g_list_model_get_item (treatments, i);
      g_autoptr(DcDevice) device = NULL;

      device = dc_gui_find_record (G_LIST_MODEL (self->all_devices),
                                   dc_zone_treatment_get_device_id (treatment));
      /* A device not known (yet) is taken for the strictest family. */
      concerning |= dc_safety_flags_for_family (flags, device != NULL
                                                       ? dc_device_get_kind (device)
                                                       : DC_DEVICE_RF);
    }
  /* Before the first treatment, any device may come: all conditions count. */
  if (n_items == 0)
    concerning = dc_safety_flags_for_family (flags, DC_DEVICE_RF);

  if (fitzpatrick >= 1 && fitzpatrick < (int) G_N_ELEMENTS (numerals))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a Fitzpatrick skin type in Roman numerals, I to VI */
      text = g_strdup_printf (_("Fitzpatrick %s"), numerals[fitzpatrick]);
      gtk_label_set_label (self->skin_type_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->skin_type_label), "unknown");
    }
  else
    {
      gtk_label_set_label (self->skin_type_label, _("Skin Type Not Assessed"));
      gtk_widget_add_css_class (GTK_WIDGET (self->skin_type_label), "unknown");
    }

  while ((row = gtk_list_box_get_row_at_index (self->safety_list, 0)) != NULL)
    gtk_list_box_remove (self->safety_list, GTK_WIDGET (row));

  if (dc_safety_pih_risk (fitzpatrick))
    gtk_list_box_append (self->safety_list,
                         new_warning_row (_("Higher risk of post-inflammatory "
                                            "hyperpigmentation")));

  for (guint bit = 1; bit != 0 && bit <= (guint) concerning; bit <<= 1)
    if ((concerning & bit) != 0)
      gtk_list_box_append (self->safety_list,
                           new_warning_row (dc_flag_get_label (DC_TYPE_MEDICAL_FLAGS, bit)));
}

/* Signing, addenda and acknowledged warnings ------------------------------ */

/* The recorded conditions that concern the device families of the
 * session's treatments; before the first treatment, any device may come. */
static DcMedicalFlags
get_concerning_flags (DcSessionPage *self)
{
  GListModel *treatments = G_LIST_MODEL (self->treatments);
  guint n_items = g_list_model_get_n_items (treatments);
  DcMedicalFlags concerning = DC_MEDICAL_NONE;

  if (n_items == 0)
    return dc_safety_flags_for_family (~DC_MEDICAL_NONE, DC_DEVICE_RF);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcZoneTreatment) treatment = g_list_model_get_item (treatments, i);
      g_autoptr(DcDevice) device = NULL;

      device = dc_gui_find_record (G_LIST_MODEL (self->all_devices),
                                   dc_zone_treatment_get_device_id (treatment));
      /* A device not known (yet) is taken for the strictest family. */
      concerning |= dc_safety_flags_for_family (~DC_MEDICAL_NONE,
                                                device != NULL ? dc_device_get_kind (device)
                                                               : DC_DEVICE_RF);
    }

  return concerning;
}

static const char *
get_practitioner_name (DcSessionPage *self,
                       gint64         id)
{
  GListModel *all = gtk_filter_list_model_get_model (self->practitioners);
  g_autoptr(DcPractitioner) practitioner = NULL;

  if (all == NULL || id == 0)
    return NULL;
  practitioner = dc_gui_find_record (all, id);
  /* The list holds it: the name outlives this reference. */
  return practitioner != NULL ? dc_practitioner_get_name (practitioner) : NULL;
}

static GtkWidget *
new_addendum_row (DcSessionPage *self,
                  DcAddendum    *addendum)
{
  g_autofree char *when = dc_gui_format_timestamp (dc_addendum_get_written_at (addendum));
  const char *author = get_practitioner_name (self, dc_addendum_get_author_id (addendum));
  g_autofree char *byline = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *reason = gtk_label_new (dc_addendum_get_reason (addendum));
  GtkWidget *text = gtk_label_new (dc_addendum_get_text (addendum));
  GtkWidget *meta;

  /* Translators: who wrote an addendum, and when */
  byline = g_strdup_printf (_("%s, %s"), author != NULL ? author : _("Unknown practitioner"),
                            when != NULL ? when : "");
  meta = gtk_label_new (byline);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  for (GtkWidget *label = reason; label != NULL;
       label = label == reason ? text : label == text ? meta : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_add_css_class (reason, "heading");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");

  return box;
}

static GtkWidget *
new_ack_row (DcSessionPage *self,
             DcSafetyAck   *ack)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = dc_safety_describe (dc_safety_ack_get_kind (ack),
                                               dc_safety_ack_get_detail (ack));
  g_autofree char *when = dc_gui_format_timestamp (dc_safety_ack_get_acknowledged_at (ack));
  const char *who = get_practitioner_name (self, dc_safety_ack_get_acknowledged_by (ack));
  g_autofree char *subtitle = NULL;

  /* Translators: "At the start of the session · Dr. Name, date and time" */
  subtitle = g_strdup_printf (_("%s · %s, %s"),
                              dc_enum_get_label (DC_TYPE_SAFETY_STAGE,
                                                 dc_safety_ack_get_stage (ack)),
                              who != NULL ? who : _("Unknown practitioner"),
                              when != NULL ? when : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("object-select-symbolic"));
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
list_addenda_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DcSessionPage *self = user_data;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (list == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  clear_list (self->addenda_list);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DcAddendum) addendum = g_list_model_get_item (list, i);

      gtk_list_box_append (self->addenda_list, new_addendum_row (self, addendum));
    }
}

static void
list_acks_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DcSessionPage *self = user_data;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  list = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (list == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  clear_list (self->acks_list);
  n_items = g_list_model_get_n_items (list);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcSafetyAck) ack = g_list_model_get_item (list, i);

      gtk_list_box_append (self->acks_list, new_ack_row (self, ack));
    }
  gtk_widget_set_visible (self->acks_group, n_items > 0);
}

static void
load_record_notes (DcSessionPage *self)
{
  gint64 id = dc_record_get_id (DC_RECORD (self->session));

  clear_list (self->addenda_list);
  clear_list (self->acks_list);
  gtk_widget_set_visible (self->acks_group, FALSE);
  dc_store_list_async (self->store, DC_TYPE_ADDENDUM, id, self->cancellable,
                       list_addenda_cb, self);
  dc_store_list_async (self->store, DC_TYPE_SAFETY_ACK, id, self->cancellable,
                       list_acks_cb, self);
}

/* Who is at the keyboard: the practitioner chosen in the main menu. */
static DcPractitioner *
find_current_practitioner (DcSessionPage *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *uuid = g_settings_get_string (settings, "current-practitioner");
  GListModel *all = gtk_filter_list_model_get_model (self->practitioners);

  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DcPractitioner) practitioner = g_list_model_get_item (all, i);

      if (g_strcmp0 (dc_record_get_uuid (DC_RECORD (practitioner)), uuid) == 0)
        return g_steal_pointer (&practitioner);
    }

  return NULL;
}

typedef struct
{
  DcSessionPage  *page;
  DcSession      *session;         /* the signed copy to save */
  DcPractitioner *practitioner;
  gint64          patient_id;
  char           *previous_start;  /* out: the patient's previous session */
  GPtrArray      *acks;            /* DcSafetyAck to save first */
} Signing;

static void
signing_free (Signing *signing)
{
  g_object_unref (signing->page);
  g_object_unref (signing->session);
  g_clear_object (&signing->practitioner);
  g_free (signing->previous_start);
  g_clear_pointer (&signing->acks, g_ptr_array_unref);
  g_free (signing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Signing, signing_free)

static gboolean
find_previous_func (DcStore       *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Signing *signing = data;
  const char *start = dc_session_get_started_at (signing->session);
  g_autoptr(GListModel) sessions = dc_store_list (store, DC_TYPE_SESSION, signing->patient_id,
                                                  error);

  if (sessions == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DcSession) other = g_list_model_get_item (sessions, i);
      const char *other_start = dc_session_get_started_at (other);

      if (dc_record_get_id (DC_RECORD (other)) == dc_record_get_id (DC_RECORD (signing->session))
          || other_start == NULL || g_strcmp0 (other_start, start) >= 0)
        continue;
      if (signing->previous_start == NULL || g_strcmp0 (other_start, signing->previous_start) > 0)
        {
          g_free (signing->previous_start);
          signing->previous_start = g_strdup (other_start);
        }
    }

  return TRUE;
}

static gboolean
sign_func (DcStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Signing *signing = data;

  /* The acknowledgements first: once signed, the session takes none. */
  for (guint i = 0; i < signing->acks->len; i++)
    if (!dc_store_save (store, g_ptr_array_index (signing->acks, i), error))
      return FALSE;

  return dc_store_save (store, DC_RECORD (signing->session), error);
}

static void
sign_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Signing) signing = user_data;
  DcSessionPage *self = signing->page;
  g_autoptr(GError) error = NULL;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }
  if (self->session == NULL
      || dc_record_get_id (DC_RECORD (self->session))
         != dc_record_get_id (DC_RECORD (signing->session)))
    return;

  /* What the store now holds: saving it again writes nothing. */
  dc_session_set_status (self->session, DC_SESSION_SIGNED);
  dc_session_set_signed_by (self->session, dc_session_get_signed_by (signing->session));
  dc_session_set_signed_at (self->session, dc_session_get_signed_at (signing->session));
  update_signed_state (self);
  load_record_notes (self);
  dc_gui_add_toast (GTK_WIDGET (self), adw_toast_new (_("Session signed")));
}

static void
sign_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Signing          *signing)
{
  DcSessionPage *self = signing->page;
  g_autofree char *now = NULL;
  GPtrArray *warnings;
  gint64 by;

  if (g_strcmp0 (response, "confirm") != 0 || self->session == NULL)
    return;

  now = dc_timestamp_now ();
  by = dc_record_get_id (DC_RECORD (signing->practitioner));
  warnings = g_object_get_data (G_OBJECT (dialog), "dc-warnings");
  signing->acks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      DcSafetyWarning *warning = g_ptr_array_index (warnings, i);
      DcSafetyAck *ack = dc_safety_ack_new ();

      dc_safety_ack_set_session_id (ack, dc_record_get_id (DC_RECORD (self->session)));
      dc_safety_ack_set_kind (ack, warning->kind);
      dc_safety_ack_set_detail (ack, warning->detail);
      dc_safety_ack_set_stage (ack, DC_SAFETY_AT_SIGNING);
      dc_safety_ack_set_acknowledged_by (ack, by);
      dc_safety_ack_set_acknowledged_at (ack, now);
      g_ptr_array_add (signing->acks, ack);
    }

  g_object_unref (signing->session);
  signing->session = DC_SESSION (dc_record_copy (DC_RECORD (self->session)));
  dc_session_set_status (signing->session, DC_SESSION_SIGNED);
  dc_session_set_signed_by (signing->session, by);
  dc_session_set_signed_at (signing->session, now);

  /* Whatever is still being typed goes in first; the store runs jobs in
   * order. */
  dc_record_saver_flush (self->saver);
  g_object_steal_data (G_OBJECT (dialog), "dc-signing");
  dc_store_run_async (self->store, sign_func, signing, NULL, NULL, sign_done_cb, signing);
}

static void
previous_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Signing) signing = user_data;
  DcSessionPage *self = signing->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) previous = NULL;
  GDate day, previous_day;
  GtkWidget *dialog;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }
  if (self->session == NULL || self->patient == NULL
      || dc_record_get_id (DC_RECORD (self->session))
         != dc_record_get_id (DC_RECORD (signing->session)))
    return;

  start = dc_gui_timestamp_to_local (dc_session_get_started_at (self->session));
  previous = signing->previous_start != NULL
             ? dc_gui_timestamp_to_local (signing->previous_start) : NULL;
  g_date_clear (&day, 1);
  g_date_clear (&previous_day, 1);
  if (start != NULL)
    g_date_set_dmy (&day, g_date_time_get_day_of_month (start),
                    g_date_time_get_month (start), g_date_time_get_year (start));
  if (previous != NULL)
    g_date_set_dmy (&previous_day, g_date_time_get_day_of_month (previous),
                    g_date_time_get_month (previous), g_date_time_get_year (previous));
  if (!g_date_valid (&day))
    return;

  warnings = dc_safety_check (self->patient, &day, g_date_valid (&previous_day) ? &previous_day
                                                                                 : NULL,
                              get_concerning_flags (self));

  dialog = dc_safety_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                 _("Sign Session?"),
                                 warnings->len > 0
                                 ? _("Once signed, the session, its chart, products and photos "
                                     "can no longer be changed; corrections are added as "
                                     "addenda. Tick each warning once you have considered it.")
                                 : _("Once signed, the session, its chart, products and photos "
                                     "can no longer be changed; corrections are added as "
                                     "addenda."),
                                 warnings, _("_Sign"));
  g_object_set_data_full (G_OBJECT (dialog), "dc-warnings", g_steal_pointer (&warnings),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "dc-signing", g_steal_pointer (&signing),
                          (GDestroyNotify) signing_free);
  g_signal_connect (dialog, "response", G_CALLBACK (sign_response_cb),
                    g_object_get_data (G_OBJECT (dialog), "dc-signing"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);
  g_autoptr(DcPractitioner) practitioner = NULL;
  g_autoptr(GError) invalid = NULL;
  Signing *signing;

  if (self->session == NULL || self->patient == NULL
      || dc_session_get_status (self->session) != DC_SESSION_DRAFT)
    return;

  if (!dc_record_saver_check (self->saver, &invalid))
    {
      dc_gui_show_error (widget, invalid);
      return;
    }

  practitioner = find_current_practitioner (self);
  if (practitioner == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (DC_ERROR, DC_ERROR_INVALID,
                                                     _("Choose who you are in the main menu "
                                                       "first: a signature carries the "
                                                       "practitioner’s name."));

      dc_gui_show_error (widget, error);
      return;
    }

  signing = g_new0 (Signing, 1);
  signing->page = g_object_ref (self);
  signing->session = DC_SESSION (dc_record_copy (DC_RECORD (self->session)));
  signing->practitioner = g_steal_pointer (&practitioner);
  signing->patient_id = dc_record_get_id (DC_RECORD (self->patient));
  dc_store_run_async (self->store, find_previous_func, signing, NULL, self->cancellable,
                      previous_found_cb, signing);
}

/* Adding an addendum ------------------------------------------------------ */

typedef struct
{
  DcSessionPage *page;
  AdwEntryRow   *reason_row;
  GtkTextView   *text_view;
  DcAddendum    *addendum;
} Addending;

static void
addending_free (Addending *state)
{
  g_object_unref (state->page);
  g_clear_object (&state->addendum);
  g_free (state);
}

static char *
get_addendum_text (Addending *state)
{
  g_autofree char *text = NULL;

  g_object_get (gtk_text_view_get_buffer (state->text_view), "text", &text, NULL);
  return g_strstrip (g_steal_pointer (&text));
}

static void
addendum_changed_cb (Addending *state)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (
                                          GTK_EDITABLE (state->reason_row))));
  g_autofree char *text = get_addendum_text (state);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (
                                                   GTK_WIDGET (state->text_view)));

  adw_message_dialog_set_response_enabled (dialog, "add", reason[0] != '\0' && text[0] != '\0');
}

static void
addendum_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DcSessionPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dc_store_save_finish (DC_STORE (object), result, &error))
    dc_gui_show_error (GTK_WIDGET (self), error);
  else if (self->session != NULL)
    {
      load_record_notes (self);
      dc_gui_add_toast (GTK_WIDGET (self), adw_toast_new (_("Addendum added")));
    }
  g_object_unref (self);
}

static void
addendum_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Addending        *state)
{
  DcSessionPage *self = state->page;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  g_autofree char *now = NULL;

  if (g_strcmp0 (response, "add") != 0 || self->session == NULL)
    return;

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (state->reason_row))));
  text = get_addendum_text (state);
  now = dc_timestamp_now ();
  dc_addendum_set_reason (state->addendum, reason);
  dc_addendum_set_text (state->addendum, text);
  dc_addendum_set_written_at (state->addendum, now);
  dc_store_save_async (self->store, DC_RECORD (state->addendum), NULL, addendum_saved_cb,
                       g_object_ref (self));
}

static void
add_addendum_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);
  g_autoptr(DcPractitioner) practitioner = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *box, *list, *scrolled;
  Addending *state;

  if (self->session == NULL || dc_session_get_status (self->session) != DC_SESSION_SIGNED)
    return;

  practitioner = find_current_practitioner (self);
  if (practitioner == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (DC_ERROR, DC_ERROR_INVALID,
                                                     _("Choose who you are in the main menu "
                                                       "first: an addendum carries its "
                                                       "author’s name."));

      dc_gui_show_error (widget, error);
      return;
    }

  state = g_new0 (Addending, 1);
  state->page = g_object_ref (self);
  state->addendum = dc_addendum_new ();
  dc_addendum_set_session_id (state->addendum, dc_record_get_id (DC_RECORD (self->session)));
  dc_addendum_set_author_id (state->addendum, dc_record_get_id (DC_RECORD (practitioner)));

  /* Translators: %s is the practitioner's name */
  body = g_strdup_printf (_("The signed session stays as it is. The addendum is kept with it, "
                            "in your name (%s), and cannot be changed afterwards."),
                          dc_practitioner_get_name (practitioner));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Addendum"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add Addendum"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  state->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (state->reason_row), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (state->reason_row));
  gtk_box_append (GTK_BOX (box), list);

  state->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (state->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (state->text_view, 12);
  gtk_text_view_set_bottom_margin (state->text_view, 12);
  gtk_text_view_set_left_margin (state->text_view, 12);
  gtk_text_view_set_right_margin (state->text_view, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (state->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Addendum"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (state->text_view), "card");
  gtk_widget_add_css_class (GTK_WIDGET (state->text_view), "notes");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (state->text_view));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "dc-addending", state,
                          (GDestroyNotify) addending_free);
  g_signal_connect_swapped (state->reason_row, "changed", G_CALLBACK (addendum_changed_cb),
                            state);
  g_signal_connect_swapped (gtk_text_view_get_buffer (state->text_view), "changed",
                            G_CALLBACK (addendum_changed_cb), state);
  g_signal_connect (dialog, "response", G_CALLBACK (addendum_response_cb), state);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (state->reason_row));
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
   * with the reason; a store error deserves a toast. A zone treatment the
   * store refuses (a depth beyond the device, a guidance not acknowledged)
   * must not go unnoticed among the zones either. */
  if (g_error_matches (error, DC_ERROR, DC_ERROR_INVALID) && !DC_IS_ZONE_TREATMENT (record))
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
  gtk_widget_set_visible (self->addenda_group, is_signed);
  gtk_widget_set_visible (self->sign_button, !is_signed);
  gtk_widget_set_sensitive (self->form, !is_signed);
  gtk_widget_set_sensitive (self->form_end, !is_signed);
  dc_photo_gallery_set_read_only (self->photo_gallery, is_signed);
  update_chart_sensitivity (self);
  update_actions (self);
  if (is_signed)
    {
      g_autofree char *when = dc_gui_format_timestamp (dc_session_get_signed_at (self->session));
      const char *who = get_practitioner_name (self, dc_session_get_signed_by (self->session));
      g_autofree char *text = NULL;

      if (who != NULL)
        /* Translators: the first %s is a practitioner's name, the second a date and time */
        text = g_strdup_printf (_("Signed by %s on %s. A signed session can no longer be "
                                  "changed."), who, when != NULL ? when : "");
      else
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
  if (self->patient_signals != NULL)
    g_signal_group_set_target (self->patient_signals, NULL);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_SESSION_PAGE);

  g_clear_object (&self->bindings);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->practitioners);
  g_clear_object (&self->practitioner_filter);
  g_clear_object (&self->anaesthetic_choices);
  g_clear_object (&self->product_choices);
  g_clear_object (&self->product_uses);
  g_clear_object (&self->side_effects);
  g_clear_object (&self->patient_signals);
  g_clear_object (&self->patient);
  g_clear_object (&self->history);
  g_clear_object (&self->loaded_treatments);
  g_clear_object (&self->loaded_devices);
  g_clear_object (&self->treatments);
  g_clear_object (&self->all_devices);
  g_clear_object (&self->devices);
  g_clear_object (&self->guidance);
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
dc_session_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);
  GtkWidget *child;
  GtkOrientation orientation = width >= WIDE_CHART_WIDTH ? GTK_ORIENTATION_HORIZONTAL
                                                         : GTK_ORIENTATION_VERTICAL;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->chart_box)) != orientation)
    gtk_orientable_set_orientation (GTK_ORIENTABLE (self->chart_box), orientation);

  if ((child = adw_bin_get_child (ADW_BIN (self))) != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* The page lays out its child itself: a layout manager would not let it
 * see its width before the chart is laid out. */
static void
dc_session_page_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural,
                        minimum_baseline, natural_baseline);
}

/* Opens the session's report, with what was edited last: the saver's
 * pending saves are queued before the report reads the store. */
static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DcSessionPage *self = DC_SESSION_PAGE (widget);
  GtkWidget *window;

  if (self->session == NULL || self->patient == NULL)
    return;

  dc_record_saver_flush (self->saver);
  window = dc_report_window_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                 self->patient, self->session);
  gtk_window_present (GTK_WINDOW (window));
}

static void
dc_session_page_class_init (DcSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_session_page_dispose;
  object_class->get_property = dc_session_page_get_property;
  object_class->set_property = dc_session_page_set_property;
  widget_class->measure = dc_session_page_measure;
  widget_class->size_allocate = dc_session_page_size_allocate;

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
  g_type_ensure (DC_TYPE_FACE_VIEW);
  g_type_ensure (DC_TYPE_ZONE_EDITOR);
  g_type_ensure (DC_TYPE_PHOTO_GALLERY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-session-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, save_label);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, sign_button);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, side_effects_list);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, signed_group);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, signed_label);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, addenda_group);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, addenda_list);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, acks_group);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, acks_list);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, skin_type_label);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, safety_list);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, form);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, form_end);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, face_view);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, zone_editor);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, photo_gallery);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, undo_button);
  gtk_widget_class_bind_template_child (widget_class, DcSessionPage, redo_button);
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
  gtk_widget_class_install_action (widget_class, "session.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "session.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "session.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "session.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "session.add-side-effect", NULL,
                                   add_side_effect_action);
  gtk_widget_class_install_action (widget_class, "session.remove-side-effect", "s",
                                   remove_side_effect_action);
  gtk_widget_class_install_action (widget_class, "session.add-addendum", NULL,
                                   add_addendum_action);
  /* Bindings of the page, not application accelerators: those are looked
   * up from the window, which cannot see the page's actions. A text field
   * with the focus still undoes its own typing first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "session.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "session.redo", NULL);
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
setup_chart (DcSessionPage *self)
{
  self->treatments = g_list_store_new (DC_TYPE_ZONE_TREATMENT);
  self->all_devices = g_list_store_new (DC_TYPE_DEVICE);
  self->devices = g_list_store_new (DC_TYPE_DEVICE);
  self->guidance = g_list_store_new (DC_TYPE_DEPTH_GUIDANCE);
  self->history = dc_chart_history_new (self->treatments);

  dc_face_view_set_treatments (self->face_view, G_LIST_MODEL (self->treatments));
  dc_face_view_set_devices (self->face_view, G_LIST_MODEL (self->devices));
  g_object_set (self->zone_editor,
                "treatments", self->treatments,
                "devices", self->devices,
                "lots", self->product_choices,
                "guidance", self->guidance,
                "history", self->history,
                NULL);
  g_object_bind_property (self->face_view, "selected-zones", self->zone_editor, "selection",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_signal_connect_swapped (self->history, "changed", G_CALLBACK (history_changed_cb), self);
  g_signal_connect_swapped (self->history, "notify::can-undo", G_CALLBACK (update_actions),
                            self);
  g_signal_connect_swapped (self->history, "notify::can-redo", G_CALLBACK (update_actions),
                            self);
  g_object_bind_property_full (self->history, "undo-label", self->undo_button, "tooltip-text",
                               G_BINDING_SYNC_CREATE, label_to_tooltip, NULL,
                               (gpointer) _("Undo"), NULL);
  g_object_bind_property_full (self->history, "redo-label", self->redo_button, "tooltip-text",
                               G_BINDING_SYNC_CREATE, label_to_tooltip, NULL,
                               (gpointer) _("Redo"), NULL);
  g_signal_connect_swapped (self->treatments, "items-changed", G_CALLBACK (update_safety),
                            self);

  self->patient_signals = g_signal_group_new (DC_TYPE_PATIENT);
  g_signal_group_connect_swapped (self->patient_signals, "notify::fitzpatrick",
                                  G_CALLBACK (update_safety), self);
  g_signal_group_connect_swapped (self->patient_signals, "notify::medical-flags",
                                  G_CALLBACK (update_safety), self);
  update_safety (self);
}

static void
dc_session_page_init (DcSessionPage *self)
{
  g_autoptr(GtkExpression) practitioner_name = NULL;
  g_autoptr(GtkExpression) anaesthetic_name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* See dc_session_page_measure(). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

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
  self->side_effects = g_list_store_new (DC_TYPE_SIDE_EFFECT);
  gtk_list_box_bind_model (self->side_effects_list, G_LIST_MODEL (self->side_effects),
                           create_side_effect_row, self, NULL);

  setup_bindings (self);
  setup_chart (self);

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
  forget_side_effects (self);
  forget_treatments (self);

  g_binding_group_set_source (self->bindings, NULL);
  g_signal_group_set_target (self->session_signals, NULL);
  g_set_object (&self->session, session);
  g_set_object (&self->patient, (session != NULL ? patient : NULL));
  g_signal_group_set_target (self->patient_signals, self->patient);
  dc_photo_gallery_set_session (self->photo_gallery, self->store, self->patient, session);
  set_loading (self, session != NULL);
  update_chart_sensitivity (self);
  update_safety (self);

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
  load_chart (self);
  load_record_notes (self);
  load_side_effects (self);

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
