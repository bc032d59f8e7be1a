/* dc-patient-list.c: the sidebar: instant patient search and the list of
 * patients found, with empty states.
 *
 * Every change of the search text asks the store again (it matches names
 * accent-insensitively and dates of birth) and cancels the previous
 * request, so results never arrive out of order. The patient shown in the
 * window is "current": when it is among the results, the list shows that
 * very object, so edits not yet saved appear in the list as they are made. */

#include "config.h"

#include "dc-patient-list.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "dc-gui-util.h"
#include "dc-patient-row.h"
#include "dc-patient-slots.h"
#include "dc-store.h"

struct _DcPatientList
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;

  DcStore            *store;
  DcPatientSlots     *slots;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;
  DcPatient          *current;
  gboolean            show_archived;
  gboolean            has_patients;
  gboolean            loading;
  gboolean            selecting;
};

G_DEFINE_FINAL_TYPE (DcPatientList, dc_patient_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_ARCHIVED,
  PROP_HAS_PATIENTS,
  PROP_LOADING,
  N_PROPS
};

enum {
  PATIENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  DcPatientList *list;
  char             *query;
  gboolean          include_archived;
  DcPatientResults *results;
  gboolean          has_patients;
} SearchJob;

static void
search_job_clear (SearchJob *job)
{
  g_clear_object (&job->list);
  g_clear_pointer (&job->query, g_free);
  g_clear_object (&job->results);
}

static void
search_job_release (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) search_job_clear);
}

/* Runs on the store's worker: one round trip answers both "who matches"
 * and "is the clinic empty", which decides between the two empty states. */
static gboolean
search_func (DcStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SearchJob *job = data;

  job->results = dc_store_find_patients (store, job->query, job->include_archived, error);
  if (job->results == NULL)
    return FALSE;

  return dc_store_has_patients (store, &job->has_patients, error);
}

static void
select_current (DcPatientList *self)
{
  DcPatientResults *results = dc_patient_slots_get_results (self->slots);
  guint position = GTK_INVALID_LIST_POSITION;

  self->selecting = TRUE;
  /* The list shows the very patient being edited, changes and all. */
  if (self->current != NULL && results != NULL
      && dc_patient_results_replace (results, self->current))
    position = dc_patient_results_find (results, dc_record_get_id (DC_RECORD (self->current)));
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

static void
set_loading (DcPatientList *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_failed_cb (DcPatientList *self,
                GError        *error)
{
  dc_gui_show_error (GTK_WIDGET (self), error);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SearchJob *job = user_data;
  DcPatientList *self = job->list;
  g_autoptr(GError) error = NULL;
  guint n_items;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_loading (self, FALSE);
          dc_gui_show_error (GTK_WIDGET (self), error);
        }
      search_job_release (job);
      return;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (job->results));
  /* Before the list sees it, so no row is made twice. */
  if (self->current != NULL)
    dc_patient_results_replace (job->results, self->current);
  g_signal_connect_object (job->results, "load-failed", G_CALLBACK (load_failed_cb), self,
                           G_CONNECT_SWAPPED);

  self->selecting = TRUE;
  dc_patient_slots_set_results (self->slots, job->results);
  self->selecting = FALSE;
  select_current (self);

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (job->has_patients)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  if (self->has_patients != job->has_patients)
    {
      self->has_patients = job->has_patients;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PATIENTS]);
    }
  set_loading (self, FALSE);

  search_job_release (job);
}

static void
search (DcPatientList *self)
{
  SearchJob *job;

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_atomic_rc_box_new0 (SearchJob);
  job->list = g_object_ref (self);
  job->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  job->include_archived = self->show_archived;
  set_loading (self, TRUE);

  dc_store_run_async (self->store,
                      search_func,
                      g_atomic_rc_box_acquire (job),
                      search_job_release,
                      self->cancellable,
                      search_cb,
                      job);
}

static void
search_changed_cb (DcPatientList *self)
{
  search (self);
}

static void
stop_search_cb (DcPatientList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
selected_item_changed_cb (DcPatientList *self)
{
  DcPatientResults *results = dc_patient_slots_get_results (self->slots);
  guint position = gtk_single_selection_get_selected (self->selection);
  DcPatientSlot *slot;

  if (self->selecting)
    return;

  /* A patient that could not be read is not opened: the error is shown. */
  slot = gtk_single_selection_get_selected_item (self->selection);
  if (slot != NULL && dc_patient_results_is_read (results, position))
    g_signal_emit (self, signals[PATIENT_ACTIVATED], 0, dc_patient_slot_get_patient (slot));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, GTK_WIDGET (dc_patient_row_new ()));
}

static void
slot_patient_cb (DcPatientSlot *slot,
                 GParamSpec    *pspec,
                 DcPatientRow  *row)
{
  dc_patient_row_set_patient (row, dc_patient_slot_get_patient (slot));
}

/* A row shows the patient of its slot, which changes with each search. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  DcPatientRow *row = DC_PATIENT_ROW (gtk_list_item_get_child (item));
  DcPatientSlot *slot = gtk_list_item_get_item (item);

  g_signal_connect_object (slot, "notify::patient", G_CALLBACK (slot_patient_cb), row, 0);
  dc_patient_row_set_patient (row, dc_patient_slot_get_patient (slot));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  DcPatientRow *row = DC_PATIENT_ROW (gtk_list_item_get_child (item));

  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), slot_patient_cb, row);
  dc_patient_row_set_patient (row, NULL);
}

static void
dc_patient_list_dispose (GObject *object)
{
  DcPatientList *self = DC_PATIENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->search_entry != NULL)
    gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PATIENT_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->current);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_patient_list_parent_class)->dispose (object);
}

static void
dc_patient_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DcPatientList *self = DC_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;

    case PROP_HAS_PATIENTS:
      g_value_set_boolean (value, self->has_patients);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_patient_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DcPatientList *self = DC_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      dc_patient_list_set_show_archived (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_patient_list_class_init (DcPatientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_patient_list_dispose;
  object_class->get_property = dc_patient_list_get_property;
  object_class->set_property = dc_patient_list_set_property;

  /**
   * DcPatientList:show-archived:
   *
   * Whether archived patients are found too (marked as such).
   */
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcPatientList:has-patients:
   *
   * Whether the clinic has any patient at all, archived or not.
   */
  properties[PROP_HAS_PATIENTS] =
    g_param_spec_boolean ("has-patients", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DcPatientList:loading:
   *
   * Whether a search is under way: the list shows the results of an
   * earlier one, or nothing yet.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PATIENT_ACTIVATED] =
    g_signal_new ("patient-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DC_TYPE_PATIENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-patient-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DcPatientList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DcPatientList, stack);
  gtk_widget_class_bind_template_child (widget_class, DcPatientList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_set_css_name (widget_class, "dc-patient-list");
}

static void
dc_patient_list_init (DcPatientList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing while the list has the focus searches, as in Files. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  self->slots = dc_patient_slots_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

void
dc_patient_list_set_store (DcPatientList *self,
                           DcStore       *store)
{
  g_return_if_fail (DC_IS_PATIENT_LIST (self));
  g_return_if_fail (DC_IS_STORE (store));

  if (g_set_object (&self->store, store))
    search (self);
}

/* Asks the store again, after patients were added or changed. */
void
dc_patient_list_reload (DcPatientList *self)
{
  g_return_if_fail (DC_IS_PATIENT_LIST (self));

  search (self);
}

void
dc_patient_list_set_current (DcPatientList *self,
                             DcPatient     *patient)
{
  g_return_if_fail (DC_IS_PATIENT_LIST (self));
  g_return_if_fail (patient == NULL || DC_IS_PATIENT (patient));

  g_set_object (&self->current, patient);
  select_current (self);
}

void
dc_patient_list_focus_search (DcPatientList *self)
{
  g_return_if_fail (DC_IS_PATIENT_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

gboolean
dc_patient_list_get_has_patients (DcPatientList *self)
{
  g_return_val_if_fail (DC_IS_PATIENT_LIST (self), FALSE);

  return self->has_patients;
}

gboolean
dc_patient_list_get_loading (DcPatientList *self)
{
  g_return_val_if_fail (DC_IS_PATIENT_LIST (self), FALSE);

  return self->loading;
}

gboolean
dc_patient_list_get_show_archived (DcPatientList *self)
{
  g_return_val_if_fail (DC_IS_PATIENT_LIST (self), FALSE);

  return self->show_archived;
}

void
dc_patient_list_set_show_archived (DcPatientList *self,
                                   gboolean       show_archived)
{
  g_return_if_fail (DC_IS_PATIENT_LIST (self));

  show_archived = !!show_archived;
  if (self->show_archived == show_archived)
    return;

  self->show_archived = show_archived;
  search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARCHIVED]);
}
