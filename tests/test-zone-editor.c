/* test-zone-editor.c: the chart's undo history, without a display, and the
 * zone editor driven through its own actions and widgets the way a
 * practitioner charts a session. */

#include "config.h"

#include <adwaita.h>

#include "dc-chart-history.h"
#include "dc-lot-choice.h"
#include "dc-model.h"
#include "dc-zone-editor.h"

#define SESSION_ID 7

static gboolean has_display;

/* What ::changed reported last. */
typedef struct
{
  guint      n_emissions;
  GPtrArray *saved;
  GPtrArray *deleted;
} Changes;

static void
changed_cb (DcChartHistory *history,
            GPtrArray      *to_save,
            GPtrArray      *to_delete,
            Changes        *changes)
{
  changes->n_emissions++;
  g_clear_pointer (&changes->saved, g_ptr_array_unref);
  g_clear_pointer (&changes->deleted, g_ptr_array_unref);
  changes->saved = g_ptr_array_new_with_free_func (g_object_unref);
  changes->deleted = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < to_save->len; i++)
    g_ptr_array_add (changes->saved, g_object_ref (g_ptr_array_index (to_save, i)));
  for (guint i = 0; i < to_delete->len; i++)
    g_ptr_array_add (changes->deleted, g_object_ref (g_ptr_array_index (to_delete, i)));
}

static void
changes_clear (Changes *changes)
{
  g_clear_pointer (&changes->saved, g_ptr_array_unref);
  g_clear_pointer (&changes->deleted, g_ptr_array_unref);
}

static DcZoneTreatment *
make_treatment (const char *zone,
                double      depth,
                int         passes)
{
  DcZoneTreatment *treatment = dc_zone_treatment_new ();

  dc_zone_treatment_set_session_id (treatment, SESSION_ID);
  dc_zone_treatment_set_zone (treatment, zone);
  dc_zone_treatment_set_device_id (treatment, 1);
  dc_zone_treatment_set_depth_mm (treatment, depth);
  dc_zone_treatment_set_passes (treatment, passes);
  return treatment;
}

/* Returns: (transfer none) (nullable) */
static DcZoneTreatment *
find_zone (GListStore *store,
           const char *zone)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(DcZoneTreatment) treatment = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (dc_zone_treatment_get_zone (treatment), zone) == 0)
        return treatment;
    }
  return NULL;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_history_modify_undo_redo (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DC_TYPE_ZONE_TREATMENT);
  g_autoptr(DcChartHistory) history = dc_chart_history_new (store);
  g_autoptr(DcZoneTreatment) treatment = make_treatment ("forehead", 0.25, 1);
  g_autoptr(DcRecord) original = NULL;
  g_autoptr(DcRecord) edited = NULL;
  Changes changes = { 0 };
  guint n_items_changed = 0;

  dc_zone_treatment_set_note (treatment, "Before");
  dc_record_set_id (DC_RECORD (treatment), 41);
  g_list_store_append (store, treatment);
  original = dc_record_copy (DC_RECORD (treatment));
  g_signal_connect (history, "changed", G_CALLBACK (changed_cb), &changes);
  g_assert_false (dc_chart_history_get_can_undo (history));
  g_assert_null (dc_chart_history_get_undo_label (history));

  dc_chart_history_begin (history, "Depth Change");
  dc_chart_history_track (history, treatment);
  dc_zone_treatment_set_depth_mm (treatment, 0.5);
  dc_zone_treatment_set_passes (treatment, 3);
  dc_zone_treatment_set_note (treatment, "After");
  dc_zone_treatment_set_guidance_reason (treatment, "Thick skin");
  g_assert_true (dc_chart_history_commit (history));
  edited = dc_record_copy (DC_RECORD (treatment));

  g_assert_true (dc_chart_history_get_can_undo (history));
  g_assert_false (dc_chart_history_get_can_redo (history));
  g_assert_cmpstr (dc_chart_history_get_undo_label (history), ==, "Undo Depth Change");
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.saved->len, ==, 1);
  g_assert_true (g_ptr_array_index (changes.saved, 0) == treatment);
  g_assert_cmpuint (changes.deleted->len, ==, 0);

  /* The first save lands meanwhile: the row id is the store's, and stays. */
  dc_record_set_id (DC_RECORD (treatment), 42);
  g_signal_connect_swapped (store, "items-changed", G_CALLBACK (count_cb), &n_items_changed);

  g_assert_true (dc_chart_history_undo (history));
  g_assert_true (dc_record_fields_equal (DC_RECORD (treatment), original));
  g_assert_cmpfloat (dc_zone_treatment_get_depth_mm (treatment), ==, 0.25);
  g_assert_cmpint (dc_zone_treatment_get_passes (treatment), ==, 1);
  g_assert_cmpstr (dc_zone_treatment_get_note (treatment), ==, "Before");
  g_assert_null (dc_zone_treatment_get_guidance_reason (treatment));
  g_assert_cmpint (dc_record_get_id (DC_RECORD (treatment)), ==, 42);
  g_assert_cmpuint (n_items_changed, ==, 1);
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  g_assert_true (g_ptr_array_index (changes.saved, 0) == treatment);
  g_assert_false (dc_chart_history_get_can_undo (history));
  g_assert_true (dc_chart_history_get_can_redo (history));
  g_assert_cmpstr (dc_chart_history_get_redo_label (history), ==, "Redo Depth Change");
  g_assert_false (dc_chart_history_undo (history));

  g_assert_true (dc_chart_history_redo (history));
  g_assert_true (dc_record_fields_equal (DC_RECORD (treatment), edited));
  g_assert_cmpstr (dc_zone_treatment_get_guidance_reason (treatment), ==, "Thick skin");
  g_assert_cmpuint (changes.n_emissions, ==, 3);
  g_assert_true (dc_chart_history_get_can_undo (history));
  g_assert_false (dc_chart_history_get_can_redo (history));

  g_signal_handlers_disconnect_by_data (store, &n_items_changed);
  changes_clear (&changes);
}

static void
test_history_create_undo (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DC_TYPE_ZONE_TREATMENT);
  g_autoptr(DcChartHistory) history = dc_chart_history_new (store);
  g_autoptr(DcZoneTreatment) left = make_treatment ("cheek-left", 0.75, 2);
  g_autoptr(DcZoneTreatment) right = make_treatment ("cheek-right", 0.75, 2);
  g_autofree char *left_uuid = g_strdup (dc_record_get_uuid (DC_RECORD (left)));
  Changes changes = { 0 };

  g_signal_connect (history, "changed", G_CALLBACK (changed_cb), &changes);

  dc_chart_history_begin (history, "New Treatment");
  dc_chart_history_add (history, left);
  dc_chart_history_add (history, right);
  g_assert_true (dc_chart_history_commit (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (changes.saved->len, ==, 2);

  /* Saved meanwhile: undoing deletes the rows. */
  dc_record_set_id (DC_RECORD (left), 5);
  dc_record_set_id (DC_RECORD (right), 6);
  g_assert_true (dc_chart_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpuint (changes.saved->len, ==, 0);
  g_assert_cmpuint (changes.deleted->len, ==, 2);
  g_assert_true (g_ptr_array_find (changes.deleted, left, NULL));
  g_assert_true (g_ptr_array_find (changes.deleted, right, NULL));

  /* Redo creates them anew: same UUIDs, rows to insert. */
  g_assert_true (dc_chart_history_redo (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpstr (dc_record_get_uuid (DC_RECORD (find_zone (store, "cheek-left"))), ==,
                   left_uuid);
  g_assert_cmpint (dc_record_get_id (DC_RECORD (find_zone (store, "cheek-left"))), ==, 0);
  g_assert_cmpuint (changes.saved->len, ==, 2);

  /* An edit that changes nothing is no edit. */
  dc_chart_history_begin (history, "Nothing");
  dc_chart_history_track (history, find_zone (store, "cheek-left"));
  g_assert_false (dc_chart_history_commit (history));
  g_assert_cmpstr (dc_chart_history_get_undo_label (history), ==, "Undo New Treatment");

  changes_clear (&changes);
}

static void
test_history_delete_undo (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DC_TYPE_ZONE_TREATMENT);
  g_autoptr(DcChartHistory) history = dc_chart_history_new (store);
  g_autoptr(DcZoneTreatment) nose = make_treatment ("nose", 0.5, 2);
  g_autoptr(DcZoneTreatment) chin = make_treatment ("chin", 0.75, 3);
  g_autofree char *nose_uuid = g_strdup (dc_record_get_uuid (DC_RECORD (nose)));
  DcZoneTreatment *revived;
  Changes changes = { 0 };

  dc_zone_treatment_set_guidance_reason (nose, "Rhinophyma");
  dc_record_set_id (DC_RECORD (nose), 11);
  g_list_store_append (store, nose);
  g_list_store_append (store, chin);
  g_signal_connect (history, "changed", G_CALLBACK (changed_cb), &changes);

  dc_chart_history_begin (history, "Treatment Removal");
  dc_chart_history_remove (history, nose);
  g_assert_true (dc_chart_history_commit (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpuint (changes.saved->len, ==, 0);
  g_assert_cmpuint (changes.deleted->len, ==, 1);
  g_assert_true (g_ptr_array_index (changes.deleted, 0) == nose);

  g_assert_true (dc_chart_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  revived = find_zone (store, "nose");
  g_assert_nonnull (revived);
  g_assert_cmpstr (dc_record_get_uuid (DC_RECORD (revived)), ==, nose_uuid);
  /* Its row was deleted: it is inserted again, not updated. */
  g_assert_cmpint (dc_record_get_id (DC_RECORD (revived)), ==, 0);
  g_assert_true (dc_record_fields_equal (DC_RECORD (revived), DC_RECORD (nose)));
  g_assert_cmpstr (dc_zone_treatment_get_guidance_reason (revived), ==, "Rhinophyma");
  g_assert_cmpuint (changes.saved->len, ==, 1);
  g_assert_true (g_ptr_array_index (changes.saved, 0) == revived);
  g_assert_cmpuint (changes.deleted->len, ==, 0);

  /* Redo deletes the object now in the list, not the one first deleted. */
  g_assert_true (dc_chart_history_redo (history));
  g_assert_cmpuint (changes.deleted->len, ==, 1);
  g_assert_true (g_ptr_array_index (changes.deleted, 0) != nose);
  g_assert_cmpstr (dc_record_get_uuid (g_ptr_array_index (changes.deleted, 0)), ==, nose_uuid);
  g_assert_null (find_zone (store, "nose"));

  changes_clear (&changes);
}

/* Editor tests. */

typedef struct
{
  GtkWidget      *window;
  DcZoneEditor   *editor;
  GListStore     *treatments;
  GListStore     *devices;
  DcChartHistory *history;
  Changes         changes;
} EditorFixture;

static DcDevice *
add_device (GListStore   *devices,
            gint64        id,
            DcDeviceKind  kind,
            const char   *model)
{
  g_autoptr(DcDevice) device = dc_device_new ();

  dc_record_set_id (DC_RECORD (device), id);
  dc_device_set_kind (device, kind);
  dc_device_set_model (device, model);
  g_list_store_append (devices, device);
  return device;
}

static void
editor_fixture_setup (EditorFixture *fixture,
                      gconstpointer  data)
{
  DcDevice *device;

  if (!has_display)
    return;

  fixture->treatments = g_list_store_new (DC_TYPE_ZONE_TREATMENT);
  fixture->devices = g_list_store_new (DC_TYPE_DEVICE);
  fixture->history = dc_chart_history_new (fixture->treatments);
  g_signal_connect (fixture->history, "changed", G_CALLBACK (changed_cb), &fixture->changes);

  device = add_device (fixture->devices, 1, DC_DEVICE_PEN, "Dermapen 4");
  dc_device_set_depth_min (device, 0.2);
  dc_device_set_depth_max (device, 3.0);
  dc_device_set_depth_step (device, 0.1);
  dc_device_set_speed_min (device, 1);
  dc_device_set_speed_max (device, 5);
  device = add_device (fixture->devices, 2, DC_DEVICE_PEN, "SkinPen Precision");
  dc_device_set_depth_min (device, 0.0);
  dc_device_set_depth_max (device, 2.5);
  dc_device_set_depth_step (device, 0.25);
  dc_device_set_speed_min (device, 1);
  dc_device_set_speed_max (device, 1);
  device = add_device (fixture->devices, 3, DC_DEVICE_ROLLER, "Derma roller 0.5");
  dc_device_set_needle_length (device, 0.5);
  dc_device_set_needle_count (device, 192);
  device = add_device (fixture->devices, 4, DC_DEVICE_RF, "RF handpiece");
  dc_device_set_depth_min (device, 0.5);
  dc_device_set_depth_max (device, 3.5);
  dc_device_set_depth_step (device, 0.5);
  dc_device_set_energy_unit (device, DC_ENERGY_LEVEL);
  dc_device_set_energy_min (device, 1);
  dc_device_set_energy_max (device, 10);
  dc_device_set_pulse_min (device, 100);
  dc_device_set_pulse_max (device, 800);

  fixture->editor = DC_ZONE_EDITOR (dc_zone_editor_new ());
  g_object_set (fixture->editor,
                "session-id", (gint64) SESSION_ID,
                "treatments", fixture->treatments,
                "devices", fixture->devices,
                "history", fixture->history,
                NULL);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->editor));
  /* Keeps the window until g_assert_finalize_object(). */
  g_object_ref (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
editor_fixture_teardown (EditorFixture *fixture,
                         gconstpointer  data)
{
  if (!has_display)
    return;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_signal_handlers_disconnect_by_data (fixture->history, &fixture->changes);
  g_assert_finalize_object (fixture->history);
  g_assert_finalize_object (fixture->treatments);
  g_assert_finalize_object (fixture->devices);
  changes_clear (&fixture->changes);
}

#define SKIP_WITHOUT_DISPLAY()                                   \
  G_STMT_START {                                                 \
    if (!has_display)                                            \
      {                                                          \
        g_test_skip ("No display to show the editor on");        \
        return;                                                  \
      }                                                          \
  } G_STMT_END

/* Finds a widget of the editor's template by its id there. */
static gpointer
find_child (GtkWidget  *widget,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_child (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gpointer
editor_child (EditorFixture *fixture,
              const char    *id)
{
  gpointer child = find_child (GTK_WIDGET (fixture->editor), id);

  g_assert_nonnull (child);
  return child;
}

static void
select_zones (EditorFixture *fixture,
              const char    *first,
              ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) zones = NULL;
  va_list args;

  va_start (args, first);
  for (const char *zone = first; zone != NULL; zone = va_arg (args, const char *))
    g_strv_builder_add (builder, zone);
  va_end (args);

  zones = g_strv_builder_end (builder);
  dc_zone_editor_set_selection (fixture->editor, (const char *const *) zones);
}

static void
choose_device (EditorFixture *fixture,
               guint          position)
{
  adw_combo_row_set_selected (editor_child (fixture, "device_row"), position);
}

static void
set_spin (EditorFixture *fixture,
          const char    *id,
          double         value)
{
  gtk_spin_button_set_value (editor_child (fixture, id), value);
}

static gboolean
action_enabled (EditorFixture *fixture,
                const char    *action)
{
  GtkWidget *button = editor_child (fixture, "apply_button");

  /* The Apply button follows its action's state. */
  if (g_str_equal (action, "zone-editor.apply"))
    return gtk_widget_get_sensitive (button);
  g_assert_not_reached ();
}

static void
activate (EditorFixture *fixture,
          const char    *action)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), action, NULL);
  gtk_test_widget_wait_for_draw (fixture->window);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_editor_apply_to_selection (EditorFixture *fixture,
                                gconstpointer  data)
{
  DcZoneTreatment *left;
  DcZoneTreatment *right;
  AdwPreferencesGroup *group;

  SKIP_WITHOUT_DISPLAY ();

  select_zones (fixture, "cheek-left", "cheek-right", NULL);
  group = editor_child (fixture, "group");
  g_assert_cmpstr (adw_preferences_group_get_title (group), ==, "2 zones");
  choose_device (fixture, 1);
  set_spin (fixture, "depth_spin", 0.75);
  set_spin (fixture, "passes_spin", 2);
  g_assert_true (action_enabled (fixture, "zone-editor.apply"));
  activate (fixture, "zone-editor.apply");

  g_assert_null (find_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->treatments)), ==, 2);
  left = find_zone (fixture->treatments, "cheek-left");
  right = find_zone (fixture->treatments, "cheek-right");
  g_assert_nonnull (left);
  g_assert_nonnull (right);
  for (DcZoneTreatment **t = (DcZoneTreatment *[]) { left, right, NULL }; *t != NULL; t++)
    {
      g_assert_cmpint (dc_zone_treatment_get_session_id (*t), ==, SESSION_ID);
      g_assert_cmpint (dc_zone_treatment_get_device_id (*t), ==, 2);
      g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_depth_mm (*t), 0.75, 1e-9);
      g_assert_cmpint (dc_zone_treatment_get_passes (*t), ==, 2);
      g_assert_cmpint (dc_zone_treatment_get_speed (*t), ==, 1);
      g_assert_cmpint (dc_zone_treatment_get_rf_mode (*t), ==, DC_RF_MODE_NONE);
      g_assert_null (dc_zone_treatment_get_guidance_reason (*t));
    }
  g_assert_cmpuint (fixture->changes.saved->len, ==, 2);
  /* Nothing left to apply. */
  g_assert_false (action_enabled (fixture, "zone-editor.apply"));

  /* One more pass on both: one edit, named after what it changed. */
  set_spin (fixture, "passes_spin", 3);
  activate (fixture, "zone-editor.apply");
  g_assert_cmpint (dc_zone_treatment_get_passes (left), ==, 3);
  g_assert_cmpint (dc_zone_treatment_get_passes (right), ==, 3);
  g_assert_cmpstr (dc_chart_history_get_undo_label (fixture->history), ==,
                   "Undo Passes Change");
  g_assert_true (dc_chart_history_undo (fixture->history));
  g_assert_cmpint (dc_zone_treatment_get_passes (left), ==, 2);
  g_assert_cmpint (dc_zone_treatment_get_passes (right), ==, 2);
  /* The rows show what the undo brought back. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (editor_child (fixture, "passes_spin")),
                   ==, 2);

  g_assert_cmpstr (dc_chart_history_get_undo_label (fixture->history), ==,
                   "Undo New Treatment");
  g_assert_true (dc_chart_history_undo (fixture->history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->treatments)), ==, 0);
  g_assert_cmpuint (fixture->changes.deleted->len, ==, 2);
  g_assert_false (dc_chart_history_get_can_undo (fixture->history));
}

static void
test_editor_refuses_device_limits (EditorFixture *fixture,
                                   gconstpointer  data)
{
  GtkLabel *message;
  GtkWidget *depth_row;
  GtkSpinButton *depth_spin;
  DcZoneTreatment *treatment;

  SKIP_WITHOUT_DISPLAY ();

  select_zones (fixture, "cheek-left", NULL);
  message = editor_child (fixture, "message_label");
  depth_row = editor_child (fixture, "depth_row");
  depth_spin = editor_child (fixture, "depth_spin");

  /* 3 mm on the Dermapen, then the SkinPen, which stops at 2.5 mm: the
   * depth stays as it was and is refused, not quietly changed. */
  choose_device (fixture, 0);
  set_spin (fixture, "depth_spin", 3.0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  choose_device (fixture, 1);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (depth_spin), 3.0, 1e-9);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "SkinPen Precision allows"));
  g_assert_true (gtk_widget_has_css_class (depth_row, "error"));
  g_assert_false (action_enabled (fixture, "zone-editor.apply"));
  activate (fixture, "zone-editor.apply");
  g_assert_null (find_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->treatments)), ==, 0);

  /* Back within the device's range, the error goes. */
  set_spin (fixture, "depth_spin", 1.0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_false (gtk_widget_has_css_class (depth_row, "error"));

  /* A roller's depth is its needle length, and cannot be edited. */
  choose_device (fixture, 2);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (depth_spin)));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (depth_spin), 0.5, 1e-9);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (depth_row)),
                            "Fixed needle length"));
  g_assert_true (gtk_widget_get_visible (editor_child (fixture, "needles_row")));
  g_assert_false (gtk_widget_get_visible (editor_child (fixture, "cartridge_row")));
  activate (fixture, "zone-editor.apply");
  treatment = find_zone (fixture->treatments, "cheek-left");
  g_assert_nonnull (treatment);
  g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_depth_mm (treatment), 0.5, 1e-9);
  g_assert_cmpint (dc_zone_treatment_get_needle_count (treatment), ==, 192);
  g_assert_cmpint (dc_zone_treatment_get_speed (treatment), ==, 0);
}

static void
test_editor_guidance_reason (EditorFixture *fixture,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *reason_row;
  GtkWidget *depth_row;
  DcZoneTreatment *treatment;

  SKIP_WITHOUT_DISPLAY ();

  select_zones (fixture, "cheek-left", NULL);
  depth_row = editor_child (fixture, "depth_row");
  choose_device (fixture, 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (depth_row)),
                            "Usual for this zone: 0.5–1 mm"));
  /* Beyond the usual 0.5–1 mm, within the pen's 0–2.5 mm. */
  set_spin (fixture, "depth_spin", 1.5);
  g_assert_true (gtk_widget_has_css_class (depth_row, "warning"));
  g_assert_true (action_enabled (fixture, "zone-editor.apply"));

  /* Cancelled, nothing is recorded. */
  activate (fixture, "zone-editor.apply");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Depth Outside the Usual Range");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1.5 mm"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->treatments)), ==, 0);

  activate (fixture, "zone-editor.apply");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  list = adw_message_dialog_get_extra_child (dialog);
  reason_row = gtk_widget_get_first_child (list);
  g_assert_true (ADW_IS_ENTRY_ROW (reason_row));
  gtk_editable_set_text (GTK_EDITABLE (reason_row), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (GTK_EDITABLE (reason_row), "Deep acne scars");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (fixture->window);

  treatment = find_zone (fixture->treatments, "cheek-left");
  g_assert_nonnull (treatment);
  g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_depth_mm (treatment), 1.5, 1e-9);
  g_assert_cmpstr (dc_zone_treatment_get_guidance_reason (treatment), ==, "Deep acne scars");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (depth_row)),
                            "Outside the usual range: Deep acne scars"));
  g_assert_true (gtk_widget_has_css_class (depth_row, "warning"));

  /* A change elsewhere keeps the reason and asks nothing. */
  set_spin (fixture, "passes_spin", 4);
  activate (fixture, "zone-editor.apply");
  g_assert_null (find_dialog ());
  g_assert_cmpint (dc_zone_treatment_get_passes (treatment), ==, 4);
  g_assert_cmpstr (dc_zone_treatment_get_guidance_reason (treatment), ==, "Deep acne scars");

  /* Back within the usual range, the reason no longer applies. */
  set_spin (fixture, "depth_spin", 1.0);
  activate (fixture, "zone-editor.apply");
  g_assert_null (find_dialog ());
  g_assert_null (dc_zone_treatment_get_guidance_reason (treatment));
  g_assert_false (gtk_widget_has_css_class (depth_row, "warning"));
}

static void
test_editor_copy_and_remove (EditorFixture *fixture,
                             gconstpointer  data)
{
  DcZoneTreatment *left;
  DcZoneTreatment *right;

  SKIP_WITHOUT_DISPLAY ();

  select_zones (fixture, "cheek-left", NULL);
  choose_device (fixture, 3);
  g_assert_true (gtk_widget_get_visible (editor_child (fixture, "energy_row")));
  g_assert_true (gtk_widget_get_visible (editor_child (fixture, "mode_row")));
  g_assert_false (gtk_widget_get_visible (editor_child (fixture, "cartridge_row")));
  set_spin (fixture, "depth_spin", 2.0);
  set_spin (fixture, "energy_spin", 4);
  set_spin (fixture, "pulse_spin", 300);
  set_spin (fixture, "pins_spin", 24);
  adw_combo_row_set_selected (editor_child (fixture, "mode_row"), 1);
  gtk_switch_set_active (editor_child (fixture, "insulated_switch"), TRUE);
  activate (fixture, "zone-editor.apply");
  left = find_zone (fixture->treatments, "cheek-left");
  g_assert_nonnull (left);
  g_assert_cmpint (dc_zone_treatment_get_rf_mode (left), ==, DC_RF_MODE_MONOPOLAR);

  activate (fixture, "zone-editor.copy-to-opposite");
  right = find_zone (fixture->treatments, "cheek-right");
  g_assert_nonnull (right);
  g_assert_cmpstr (dc_record_get_uuid (DC_RECORD (right)), !=,
                   dc_record_get_uuid (DC_RECORD (left)));
  g_assert_cmpint (dc_zone_treatment_get_session_id (right), ==, SESSION_ID);
  g_assert_cmpint (dc_zone_treatment_get_device_id (right), ==, 4);
  g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_depth_mm (right), 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_energy (right), 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_pulse_ms (right), 300, 1e-9);
  g_assert_cmpint (dc_zone_treatment_get_tip_pins (right), ==, 24);
  g_assert_cmpint (dc_zone_treatment_get_rf_mode (right), ==, DC_RF_MODE_MONOPOLAR);
  g_assert_true (dc_zone_treatment_get_insulated (right));
  g_assert_cmpstr (dc_chart_history_get_undo_label (fixture->history), ==,
                   "Undo Copy to Opposite Side");

  /* Both sides removed in one edit, and back in one undo. */
  select_zones (fixture, "cheek-left", "cheek-right", NULL);
  activate (fixture, "zone-editor.remove");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->treatments)), ==, 0);
  g_assert_cmpuint (fixture->changes.deleted->len, ==, 2);
  g_assert_true (dc_chart_history_undo (fixture->history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->treatments)), ==, 2);
  g_assert_cmpint (dc_zone_treatment_get_tip_pins (find_zone (fixture->treatments,
                                                              "cheek-right")), ==, 24);
}

static DcLotChoice *
make_lot_choice (gint64        product_id,
                 DcProductKind kind,
                 const char   *name,
                 gint64        lot_id,
                 const char   *lot_number)
{
  g_autoptr(DcProduct) product = dc_product_new ();
  g_autoptr(DcLot) lot = dc_lot_new ();

  dc_record_set_id (DC_RECORD (product), product_id);
  dc_product_set_kind (product, kind);
  dc_product_set_name (product, name);
  dc_record_set_id (DC_RECORD (lot), lot_id);
  dc_lot_set_product_id (lot, product_id);
  dc_lot_set_lot_number (lot, lot_number);
  return dc_lot_choice_new (product, lot);
}

/* A pen zone records its cartridge lot, chosen among cartridge lots only;
 * a lot the list does not (yet) hold is kept through other edits. */
static void
test_editor_cartridge_lot (EditorFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(GListStore) lots = g_list_store_new (DC_TYPE_LOT_CHOICE);
  g_autoptr(DcLotChoice) cartridge = NULL;
  g_autoptr(DcLotChoice) serum = NULL;
  g_autoptr(DcZoneTreatment) stored = make_treatment ("chin", 0.5, 2);
  AdwComboRow *lot_row;
  GListModel *offered;
  DcZoneTreatment *treatment;

  SKIP_WITHOUT_DISPLAY ();

  cartridge = make_lot_choice (5, DC_PRODUCT_CARTRIDGE, "16-pin cartridge", 51, "C-2611");
  serum = make_lot_choice (6, DC_PRODUCT_SERUM, "Hyaluronic serum", 61, "S-0042");
  g_list_store_append (lots, serum);
  g_list_store_append (lots, cartridge);
  dc_zone_editor_set_lots (fixture->editor, G_LIST_MODEL (lots));

  lot_row = editor_child (fixture, "cartridge_lot_row");
  offered = adw_combo_row_get_model (lot_row);
  /* "Not recorded", then the cartridge lot; no serum. */
  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 2);

  select_zones (fixture, "forehead", NULL);
  choose_device (fixture, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lot_row)));
  g_assert_cmpuint (adw_combo_row_get_selected (lot_row), ==, 0);
  adw_combo_row_set_selected (lot_row, 1);
  set_spin (fixture, "depth_spin", 0.5);
  activate (fixture, "zone-editor.apply");
  treatment = find_zone (fixture->treatments, "forehead");
  g_assert_nonnull (treatment);
  g_assert_cmpint (dc_zone_treatment_get_cartridge_lot_id (treatment), ==, 51);

  /* Changing only the lot is one edit, named after it. */
  adw_combo_row_set_selected (lot_row, 0);
  activate (fixture, "zone-editor.apply");
  g_assert_cmpint (dc_zone_treatment_get_cartridge_lot_id (treatment), ==, 0);
  g_assert_cmpstr (dc_chart_history_get_undo_label (fixture->history), ==,
                   "Undo Cartridge Lot Change");
  g_assert_true (dc_chart_history_undo (fixture->history));
  g_assert_cmpint (dc_zone_treatment_get_cartridge_lot_id (treatment), ==, 51);
  g_assert_cmpuint (adw_combo_row_get_selected (lot_row), ==, 1);

  /* A zone recorded with lot 99, which the list lacks: still shown, and
   * still there after another value is changed. */
  dc_zone_treatment_set_cartridge_lot_id (stored, 99);
  g_list_store_append (fixture->treatments, stored);
  select_zones (fixture, "chin", NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (lot_row), ==, 2);
  set_spin (fixture, "passes_spin", 3);
  activate (fixture, "zone-editor.apply");
  g_assert_cmpint (dc_zone_treatment_get_passes (stored), ==, 3);
  g_assert_cmpint (dc_zone_treatment_get_cartridge_lot_id (stored), ==, 99);

  /* Another family records no cartridge. */
  select_zones (fixture, "forehead", NULL);
  choose_device (fixture, 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lot_row)));
  activate (fixture, "zone-editor.apply");
  g_assert_cmpint (dc_zone_treatment_get_cartridge_lot_id (treatment), ==, 0);

  dc_zone_editor_set_lots (fixture->editor, NULL);
}

/* An RF device whose energy and pulse ranges are not set records what the
 * practitioner enters, unchecked, and says so on the rows. */
static void
test_editor_unset_rf_ranges (EditorFixture *fixture,
                             gconstpointer  data)
{
  DcDevice *device;
  DcZoneTreatment *treatment;

  SKIP_WITHOUT_DISPLAY ();

  device = add_device (fixture->devices, 5, DC_DEVICE_RF, "Morpheus8");
  dc_device_set_depth_min (device, 0.5);
  dc_device_set_depth_max (device, 4.0);

  select_zones (fixture, "cheek-left", NULL);
  choose_device (fixture, 4);
  g_assert_cmpstr (adw_action_row_get_subtitle (editor_child (fixture, "energy_row")), ==,
                   "No range set for this device");
  g_assert_cmpstr (adw_action_row_get_subtitle (editor_child (fixture, "pulse_row")), ==,
                   "No range set for this device");
  set_spin (fixture, "depth_spin", 2.5);
  set_spin (fixture, "energy_spin", 45);
  set_spin (fixture, "pulse_spin", 250);
  g_assert_true (action_enabled (fixture, "zone-editor.apply"));
  activate (fixture, "zone-editor.apply");
  g_assert_null (find_dialog ());

  treatment = find_zone (fixture->treatments, "cheek-left");
  g_assert_nonnull (treatment);
  g_assert_cmpint (dc_zone_treatment_get_device_id (treatment), ==, 5);
  g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_depth_mm (treatment), 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_energy (treatment), 45, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_zone_treatment_get_pulse_ms (treatment), 250, 1e-9);

  /* Shown again as recorded, after another zone. */
  select_zones (fixture, "forehead", NULL);
  choose_device (fixture, 3);
  select_zones (fixture, "cheek-left", NULL);
  g_assert_cmpfloat_with_epsilon (
    gtk_spin_button_get_value (editor_child (fixture, "energy_spin")), 45, 1e-9);
  g_assert_cmpfloat_with_epsilon (
    gtk_spin_button_get_value (editor_child (fixture, "pulse_spin")), 250, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  has_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
  if (has_display)
    {
      gtk_test_init (&argc, &argv, NULL);
      adw_init ();
    }
  else
    g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/zone-editor/history/modify-undo-redo", test_history_modify_undo_redo);
  g_test_add_func ("/zone-editor/history/create-undo", test_history_create_undo);
  g_test_add_func ("/zone-editor/history/delete-undo", test_history_delete_undo);

#define ADD_EDITOR_TEST(path, func) \
  g_test_add (path, EditorFixture, NULL, editor_fixture_setup, func, editor_fixture_teardown)

  ADD_EDITOR_TEST ("/zone-editor/editor/apply-to-selection", test_editor_apply_to_selection);
  ADD_EDITOR_TEST ("/zone-editor/editor/refuses-device-limits",
                   test_editor_refuses_device_limits);
  ADD_EDITOR_TEST ("/zone-editor/editor/guidance-reason", test_editor_guidance_reason);
  ADD_EDITOR_TEST ("/zone-editor/editor/copy-and-remove", test_editor_copy_and_remove);
  ADD_EDITOR_TEST ("/zone-editor/editor/cartridge-lot", test_editor_cartridge_lot);
  ADD_EDITOR_TEST ("/zone-editor/editor/unset-rf-ranges", test_editor_unset_rf_ranges);

  return g_test_run ();
}
