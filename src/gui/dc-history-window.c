/* dc-history-window.c: a patient's history, from the audit trail: every
 * change to the patient, their sessions and what was recorded in them,
 * told in a sentence, newest first under a heading per day, with who made
 * it. A change expands to show every field it changed.
 *
 * The trail is read and told on the store's worker, in one go; the list
 * is a GtkListView, so that a history of thousands of changes makes rows
 * only for what is on screen. The search filters by what the items say,
 * keeping the heading of each day that still has a change shown. */

#include "config.h"

#include "dc-history-window.h"

#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-history-formatter.h"
#include "dc-history-row.h"
#include "dc-store.h"

struct _DcHistoryWindow
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkListView        *list_view;
  AdwStatusPage      *error_page;

  DcStore            *store;
  DcPatient          *patient;
  GListStore         *items;          /* every DcHistoryItem, newest first */
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  char               *folded_search;  /* the search text, case-folded; NULL: none */
  GHashTable         *matching_days;  /* items (day headings) still shown */
  GCancellable       *cancellable;
  gboolean            loading;
};

G_DEFINE_FINAL_TYPE (DcHistoryWindow, dc_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Showing ------------------------------------------------------------------ */

static void
set_loading (DcHistoryWindow *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  if (loading)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_page (DcHistoryWindow *self)
{
  if (self->loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static gboolean
item_shown (gpointer item,
            gpointer user_data)
{
  DcHistoryWindow *self = user_data;

  if (self->folded_search == NULL)
    return TRUE;
  if (dc_history_item_is_day (item))
    return g_hash_table_contains (self->matching_days, item);
  return dc_history_item_matches (item, self->folded_search);
}

/* Which days keep their heading: those with a change that matches. The
 * items are newest first, each day's heading before its changes. */
static void
find_matching_days (DcHistoryWindow *self)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n_items = g_list_model_get_n_items (items);
  g_autoptr(DcHistoryItem) day = NULL;

  g_hash_table_remove_all (self->matching_days);
  if (self->folded_search == NULL)
    return;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcHistoryItem) item = g_list_model_get_item (items, i);

      if (dc_history_item_is_day (item))
        g_set_object (&day, item);
      else if (day != NULL && dc_history_item_matches (item, self->folded_search))
        g_hash_table_add (self->matching_days, g_object_ref (day));
    }
}

static void
search_changed_cb (DcHistoryWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->folded_search, g_free);
  if (*stripped != '\0')
    self->folded_search = g_utf8_casefold (stripped, -1);

  find_matching_days (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
}

static void
shown_changed_cb (DcHistoryWindow *self)
{
  update_page (self);
}

/* Rows ---------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, dc_history_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  DcHistoryItem *item = gtk_list_item_get_item (list_item);

  dc_history_row_set_item (DC_HISTORY_ROW (gtk_list_item_get_child (list_item)), item);
  /* A heading is no change to act on. */
  gtk_list_item_set_activatable (list_item, !dc_history_item_is_day (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  dc_history_row_set_item (DC_HISTORY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* A click on a change, or Enter: show or hide its details. */
static void
row_activated_cb (DcHistoryWindow *self,
                  guint            position)
{
  g_autoptr(DcHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (item == NULL || dc_history_item_is_day (item) || dc_history_item_get_details (item) == NULL)
    return;
  dc_history_item_set_expanded (item, !dc_history_item_get_expanded (item));
}

/* Loading ------------------------------------------------------------------- */

typedef struct
{
  DcHistoryWindow *window;
  DcPatient       *patient;   /* a copy: the worker's own */
  GListModel      *items;
} LoadJob;

static void
load_job_clear (LoadJob *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->patient);
  g_clear_object (&job->items);
}

static void
load_job_release (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) load_job_clear);
}

/* The names audit rows refer to by row id: practitioners, devices, and
 * products with their lots. Archived ones too: they are in the history. */
static gboolean
add_names (DcStore             *store,
           DcHistoryFormatter  *formatter,
           GError             **error)
{
  g_autoptr(GListModel) practitioners = NULL;
  g_autoptr(GListModel) devices = NULL;
  g_autoptr(GListModel) products = NULL;

  practitioners = dc_store_list (store, DC_TYPE_PRACTITIONER, 0, error);
  if (practitioners == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (practitioners); i++)
    {
      g_autoptr(DcPractitioner) practitioner = g_list_model_get_item (practitioners, i);

      dc_history_formatter_add_name (formatter, DC_TYPE_PRACTITIONER,
                                     dc_record_get_id (DC_RECORD (practitioner)),
                                     dc_practitioner_get_name (practitioner));
    }

  devices = dc_store_list (store, DC_TYPE_DEVICE, 0, error);
  if (devices == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(DcDevice) device = g_list_model_get_item (devices, i);
      const char *make = dc_device_get_make (device);
      const char *model = dc_device_get_model (device);
      g_autofree char *name = NULL;

      /* Translators: a device's make and model, "Dermapen Dermapen 4" */
      name = make != NULL ? g_strdup_printf (C_("device", "%s %s"), make, model)
             : g_strdup (model != NULL ? model : "");
      dc_history_formatter_add_name (formatter, DC_TYPE_DEVICE,
                                     dc_record_get_id (DC_RECORD (device)), name);
    }

  products = dc_store_list (store, DC_TYPE_PRODUCT, 0, error);
  if (products == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(DcProduct) product = g_list_model_get_item (products, i);
      g_autoptr(GListModel) lots = NULL;

      lots = dc_store_list (store, DC_TYPE_LOT, dc_record_get_id (DC_RECORD (product)), error);
      if (lots == NULL)
        return FALSE;
      for (guint j = 0; j < g_list_model_get_n_items (lots); j++)
        {
          g_autoptr(DcLot) lot = g_list_model_get_item (lots, j);
          /* Translators: a product and one of its lots, "Hyaluronic serum,
           * lot HA-2291" */
          g_autofree char *name = g_strdup_printf (_("%s, lot %s"),
                                                   dc_product_get_name (product),
                                                   dc_lot_get_lot_number (lot));

          dc_history_formatter_add_name (formatter, DC_TYPE_LOT,
                                         dc_record_get_id (DC_RECORD (lot)), name);
        }
    }

  return TRUE;
}

/* Runs on the store's worker: reads the trail and tells it. */
static gboolean
load_func (DcStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadJob *job = data;
  g_autoptr(DcHistoryFormatter) formatter = dc_history_formatter_new ();
  g_autoptr(GListModel) entries = NULL;

  if (!add_names (store, formatter, error))
    return FALSE;

  entries = dc_store_list_patient_audit (store, job->patient, error);
  if (entries == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  job->items = dc_history_formatter_format_all (formatter, entries);
  return TRUE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadJob *job = user_data;
  DcHistoryWindow *self = job->window;
  g_autoptr(GError) error = NULL;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          set_loading (self, FALSE);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      load_job_release (job);
      return;
    }

  {
    guint n_items = g_list_model_get_n_items (job->items);
    g_autoptr(GPtrArray) items = g_ptr_array_new_full (n_items, g_object_unref);

    for (guint i = 0; i < n_items; i++)
      g_ptr_array_add (items, g_list_model_get_item (job->items, i));
    g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                         items->pdata, items->len);
  }

  find_matching_days (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  set_loading (self, FALSE);
  update_page (self);
  load_job_release (job);
}

/**
 * dc_history_window_reload:
 *
 * Reads the history again, with what was recorded since it was opened.
 */
void
dc_history_window_reload (DcHistoryWindow *self)
{
  LoadJob *job;

  g_return_if_fail (DC_IS_HISTORY_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_atomic_rc_box_new0 (LoadJob);
  job->window = g_object_ref (self);
  job->patient = DC_PATIENT (dc_record_copy (DC_RECORD (self->patient)));

  set_loading (self, TRUE);
  update_page (self);
  dc_store_run_async (self->store, load_func, g_atomic_rc_box_acquire (job), load_job_release,
                      self->cancellable, load_cb, job);
}

/* The window ----------------------------------------------------------------- */

static void
toggle_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DcHistoryWindow *self = DC_HISTORY_WINDOW (widget);
  gboolean enabled = gtk_search_bar_get_search_mode (self->search_bar);

  gtk_search_bar_set_search_mode (self->search_bar, !enabled);
  if (!enabled)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
dc_history_window_dispose (GObject *object)
{
  DcHistoryWindow *self = DC_HISTORY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->search_bar != NULL)
    gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_HISTORY_WINDOW);

  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  g_clear_pointer (&self->matching_days, g_hash_table_unref);
  g_clear_pointer (&self->folded_search, g_free);
  g_clear_object (&self->patient);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_history_window_parent_class)->dispose (object);
}

static void
dc_history_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DcHistoryWindow *self = DC_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_history_window_class_init (DcHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_history_window_dispose;
  object_class->get_property = dc_history_window_get_property;

  /**
   * DcHistoryWindow:loading:
   *
   * Whether the history is being read.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DC_TYPE_HISTORY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DcHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, DcHistoryWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_install_action (widget_class, "history.search", NULL, toggle_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "history.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
dc_history_window_init (DcHistoryWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (DC_TYPE_HISTORY_ITEM);
  self->matching_days = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref,
                                               NULL);
  self->filter = gtk_custom_filter_new (item_shown, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                           g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (shown_changed_cb), self,
                           G_CONNECT_SWAPPED);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
}

/**
 * dc_history_window_new:
 * @parent: the window it belongs to
 * @patient: a saved patient
 *
 * Returns: (transfer none): a new window, reading the history of @patient
 */
GtkWidget *
dc_history_window_new (GtkWindow *parent,
                       DcStore   *store,
                       DcPatient *patient)
{
  DcHistoryWindow *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DC_IS_STORE (store), NULL);
  g_return_val_if_fail (DC_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (dc_record_get_id (DC_RECORD (patient)) != 0, NULL);

  self = g_object_new (DC_TYPE_HISTORY_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->patient = g_object_ref (patient);

  name = dc_gui_dup_full_name (patient);
  adw_window_title_set_subtitle (self->window_title, name);
  /* Translators: the title of a patient's history window, "History of
   * Anna Müller" */
  {
    g_autofree char *title = g_strdup_printf (_("History of %s"), name);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }

  dc_history_window_reload (self);

  return GTK_WIDGET (self);
}

gboolean
dc_history_window_get_loading (DcHistoryWindow *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_WINDOW (self), FALSE);

  return self->loading;
}

/* Returns: (transfer none): the items shown, with the search applied */
GListModel *
dc_history_window_get_shown (DcHistoryWindow *self)
{
  g_return_val_if_fail (DC_IS_HISTORY_WINDOW (self), NULL);

  return G_LIST_MODEL (self->shown);
}
