/* test-preferences.c: the Devices and Depth Guidance pages of Preferences
 * and its automatic backups, driven through their actions and widgets,
 * checked in the database and the settings.
 *
 * Each test gets a fresh temporary clinic and a Preferences window on it,
 * with its own saver as the main window would give it. Nothing sleeps: a
 * test waits for the saver to go idle and fails after a timeout. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dc-device-presets.h"
#include "dc-device-row.h"
#include "dc-guidance-row.h"
#include "dc-model.h"
#include "dc-preferences-window-private.h"
#include "dc-record-saver.h"
#include "dc-store.h"
#include "dc-test-util.h"

static gboolean has_display;
static AdwApplication *app;

static gboolean
saver_idle (gpointer data)
{
  return !dc_record_saver_get_busy (data);
}

/* Saves what waits for a pause in typing now, and waits for the store. */
static void
save_now (DcRecordSaver *saver)
{
  dc_record_saver_flush (saver);
  wait_until (saver_idle, saver);
}

typedef struct
{
  StoreFixture         store;
  GtkWindow           *parent;
  DcRecordSaver       *saver;
  GListStore          *practitioners;
  DcPreferencesWindow *preferences;
} PreferencesFixture;

static gboolean
pages_loaded (gpointer data)
{
  DcPreferencesWindow *preferences = data;

  return gtk_widget_get_sensitive (GTK_WIDGET (preferences->devices_page))
         && gtk_widget_get_sensitive (GTK_WIDGET (preferences->guidance_page));
}

static void
preferences_fixture_setup (PreferencesFixture *fixture,
                           gconstpointer       data)
{
  memset (fixture, 0, sizeof *fixture);
  if (!has_display)
    return;

  store_fixture_setup (&fixture->store, NULL);
  fixture->parent = g_object_ref (GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app))));
  fixture->saver = dc_record_saver_new (fixture->store.store);
  fixture->practitioners = g_list_store_new (DC_TYPE_PRACTITIONER);
  gtk_window_present (fixture->parent);

  fixture->preferences = g_object_ref (dc_preferences_window_new (fixture->parent,
                                                                  fixture->store.store,
                                                                  fixture->saver,
                                                                  fixture->practitioners));
  gtk_window_present (GTK_WINDOW (fixture->preferences));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->preferences));
  wait_until (pages_loaded, fixture->preferences);
}

static void
preferences_fixture_teardown (PreferencesFixture *fixture,
                              gconstpointer       data)
{
  if (!has_display)
    return;

  gtk_window_destroy (GTK_WINDOW (fixture->preferences));
  save_now (fixture->saver);
  g_assert_finalize_object (fixture->preferences);
  gtk_window_destroy (fixture->parent);
  g_assert_finalize_object (fixture->parent);
  g_assert_finalize_object (fixture->saver);
  g_clear_object (&fixture->practitioners);

  dc_store_close (fixture->store.store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  store_fixture_teardown (&fixture->store, NULL);
}

#define SKIP_WITHOUT_DISPLAY()                                   \
  G_STMT_START {                                                 \
    if (!has_display)                                            \
      {                                                          \
        g_test_skip ("No display to show the window on");        \
        return;                                                  \
      }                                                          \
  } G_STMT_END

static GListModel *
list_records (PreferencesFixture *fixture,
              GType               type)
{
  g_autoptr(GError) error = NULL;
  GListModel *records = dc_store_list (fixture->store.store, type, 0, &error);

  g_assert_no_error (error);
  return records;
}

/* Add Device, a pen filled in, saved; a device without a model is marked
 * on its row; an archived one leaves the list. */
static void
test_devices_add (PreferencesFixture *fixture,
                  gconstpointer       data)
{
  DcPreferencesWindow *preferences = fixture->preferences;
  g_autoptr(GListModel) devices = NULL;
  g_autoptr(DcDevice) saved = NULL;
  g_autofree char *subtitle = NULL;
  GtkListBoxRow *row;
  DcDevice *device;

  SKIP_WITHOUT_DISPLAY ();

  g_assert_null (gtk_list_box_get_row_at_index (preferences->devices_list, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.add-device",
                                             NULL));
  row = gtk_list_box_get_row_at_index (preferences->devices_list, 0);
  g_assert_true (DC_IS_DEVICE_ROW (row));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  device = dc_device_row_get_device (DC_DEVICE_ROW (row));

  /* Nothing is written until something is entered. */
  save_now (fixture->saver);
  devices = list_records (fixture, DC_TYPE_DEVICE);
  g_assert_cmpuint (g_list_model_get_n_items (devices), ==, 0);
  g_clear_object (&devices);

  dc_device_set_make (device, "Dermapen");
  dc_device_set_model (device, "Dermapen 4");
  dc_device_set_depth_min (device, 0.2);
  dc_device_set_depth_max (device, 3.0);
  dc_device_set_depth_step (device, 0.1);
  save_now (fixture->saver);
  g_assert_false (dc_device_row_get_invalid (DC_DEVICE_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Dermapen 4");
  subtitle = g_strdup (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)));
  g_assert_nonnull (strstr (subtitle, "0.2–3 mm in 0.1 mm steps"));

  devices = list_records (fixture, DC_TYPE_DEVICE);
  g_assert_cmpuint (g_list_model_get_n_items (devices), ==, 1);
  saved = g_list_model_get_item (devices, 0);
  g_assert_cmpint (dc_device_get_kind (saved), ==, DC_DEVICE_PEN);
  g_assert_cmpstr (dc_device_get_make (saved), ==, "Dermapen");
  g_assert_cmpstr (dc_device_get_model (saved), ==, "Dermapen 4");
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_min (saved), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_max (saved), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_step (saved), 0.1, 1e-9);
  g_clear_object (&devices);
  g_clear_object (&saved);

  /* The record refuses a device without a model: said on its row. */
  dc_device_set_model (device, NULL);
  save_now (fixture->saver);
  g_assert_true (dc_device_row_get_invalid (DC_DEVICE_ROW (row)));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "The device needs a model name");
  dc_device_set_model (device, "Dermapen 4");
  save_now (fixture->saver);
  g_assert_false (dc_device_row_get_invalid (DC_DEVICE_ROW (row)));

  /* Archived: saved so, and no longer listed. */
  dc_device_set_archived (device, TRUE);
  save_now (fixture->saver);
  g_assert_null (gtk_list_box_get_row_at_index (preferences->devices_list, 0));
  devices = list_records (fixture, DC_TYPE_DEVICE);
  saved = g_list_model_get_item (devices, 0);
  g_assert_true (dc_device_get_archived (saved));
}

/* A preset is added from the menu as the clinic's own device, saved at
 * once with the preset's UUID; adding it again brings the same one back
 * rather than a second copy. */
static void
test_devices_preset (PreferencesFixture *fixture,
                     gconstpointer       data)
{
  DcPreferencesWindow *preferences = fixture->preferences;
  const char *uuid = "39116290-ad19-48ee-9017-e7efbdd4e4c0";
  g_autoptr(GListModel) devices = NULL;
  g_autoptr(DcDevice) saved = NULL;
  GMenuModel *menu;
  GtkListBoxRow *row;
  DcDevice *device;
  guint n_presets = 0;

  SKIP_WITHOUT_DISPLAY ();

  /* Every preset is in the menu, by family, and a blank device last. */
  menu = gtk_menu_button_get_menu_model (preferences->add_device_button);
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 4);
  for (int i = 0; i < 3; i++)
    {
      GMenuModel *section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      n_presets += (guint) g_menu_model_get_n_items (section);
      g_object_unref (section);
    }
  g_assert_cmpuint (n_presets, ==, g_list_model_get_n_items (dc_device_presets_get_default ()));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.add-preset",
                                             "s", uuid));
  row = gtk_list_box_get_row_at_index (preferences->devices_list, 0);
  g_assert_true (DC_IS_DEVICE_ROW (row));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  device = dc_device_row_get_device (DC_DEVICE_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "SkinPen Precision");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                            "0–2.5 mm in 0.25 mm steps"));

  save_now (fixture->saver);
  devices = list_records (fixture, DC_TYPE_DEVICE);
  g_assert_cmpuint (g_list_model_get_n_items (devices), ==, 1);
  saved = g_list_model_get_item (devices, 0);
  g_assert_cmpstr (dc_record_get_uuid (DC_RECORD (saved)), ==, uuid);
  g_assert_true (dc_device_get_builtin (saved));
  g_assert_cmpfloat_with_epsilon (dc_device_get_depth_step (saved), 0.25, 1e-9);
  g_clear_object (&devices);
  g_clear_object (&saved);

  /* Archived, then added again: the same device, back in the list. */
  dc_device_set_archived (device, TRUE);
  save_now (fixture->saver);
  g_assert_null (gtk_list_box_get_row_at_index (preferences->devices_list, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.add-preset",
                                             "s", uuid));
  save_now (fixture->saver);
  row = gtk_list_box_get_row_at_index (preferences->devices_list, 0);
  g_assert_nonnull (row);
  g_assert_true (dc_device_row_get_device (DC_DEVICE_ROW (row)) == device);
  g_assert_null (gtk_list_box_get_row_at_index (preferences->devices_list, 1));
  devices = list_records (fixture, DC_TYPE_DEVICE);
  g_assert_cmpuint (g_list_model_get_n_items (devices), ==, 1);
  saved = g_list_model_get_item (devices, 0);
  g_assert_false (dc_device_get_archived (saved));

  /* An RF preset says which of its ranges are still to be entered. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.add-preset",
                                             "s", "050fcddc-1905-4d06-8fc2-1f1dfc09d8c7"));
  row = gtk_list_box_get_row_at_index (preferences->devices_list, 0);
  if (!g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Morpheus8"))
    row = gtk_list_box_get_row_at_index (preferences->devices_list, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Morpheus8");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                            "0.5–4 mm, energy and pulse ranges not set"));
}

/* The paper of reports is a setting, "Automatic" following the locale. */
static void
test_paper (PreferencesFixture *fixture,
            gconstpointer       data)
{
  DcPreferencesWindow *preferences = fixture->preferences;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *paper = NULL;
  g_autoptr(GtkStringObject) automatic = NULL;

  SKIP_WITHOUT_DISPLAY ();

  settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "paper-size");
  g_assert_cmpuint (adw_combo_row_get_selected (preferences->paper_row), ==, 0);
  automatic = g_list_model_get_item (adw_combo_row_get_model (preferences->paper_row), 0);
  /* C.UTF-8 in the tests: A4. */
  g_assert_cmpstr (gtk_string_object_get_string (automatic), ==, "Automatic (A4)");

  adw_combo_row_set_selected (preferences->paper_row, 2);
  paper = g_settings_get_string (settings, "paper-size");
  g_assert_cmpstr (paper, ==, "letter");

  g_settings_set_string (settings, "paper-size", "a4");
  g_assert_cmpuint (adw_combo_row_get_selected (preferences->paper_row), ==, 1);
  g_settings_reset (settings, "paper-size");
}

/* The automatic backups' settings, and what the rows say about them. */
static void
test_backups (PreferencesFixture *fixture,
              gconstpointer       data)
{
  DcPreferencesWindow *preferences = fixture->preferences;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GFile) file = NULL;
  const char *subtitle;

  SKIP_WITHOUT_DISPLAY ();

  settings = g_settings_new (APP_ID);
  g_assert_false (gtk_switch_get_active (preferences->auto_backup_switch));
  g_assert_cmpstr (adw_action_row_get_subtitle (preferences->backup_folder_row), ==,
                   "None chosen yet");
  g_assert_cmpstr (adw_action_row_get_subtitle (preferences->last_backup_row), ==, "None yet");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (preferences->backup_keep_spin), ==, 7);

  gtk_spin_button_set_value (preferences->backup_keep_spin, 30);
  g_assert_cmpint (g_settings_get_int (settings, "auto-backup-keep"), ==, 30);

  /* A folder beside the records: said to be on their disk. */
  folder = g_build_filename (fixture->store.dir, "backups", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  file = g_file_new_for_path (folder);
  _dc_preferences_window_set_backup_folder (preferences, file);
  g_settings_set_boolean (settings, "auto-backup", TRUE);
  g_assert_true (gtk_switch_get_active (preferences->auto_backup_switch));
  subtitle = adw_action_row_get_subtitle (preferences->backup_folder_row);
  g_assert_true (g_str_has_prefix (subtitle, folder));
  g_assert_nonnull (strstr (subtitle, "same disk"));

  /* Gone, as a backup disk that is not plugged in. */
  missing = g_build_filename (fixture->store.dir, "unplugged", NULL);
  g_settings_set_string (settings, "auto-backup-folder", missing);
  subtitle = adw_action_row_get_subtitle (preferences->backup_folder_row);
  g_assert_nonnull (strstr (subtitle, "not there"));

  /* No folder, and none chosen when asked: no automatic backups. */
  g_settings_set_string (settings, "auto-backup-folder", "");
  _dc_preferences_window_set_backup_folder (preferences, NULL);
  g_assert_false (g_settings_get_boolean (settings, "auto-backup"));
  g_assert_false (gtk_switch_get_active (preferences->auto_backup_switch));

  g_settings_set_int64 (settings, "last-auto-backup", 1795775400);
  g_assert_cmpstr (adw_action_row_get_subtitle (preferences->last_backup_row), !=, "None yet");

  g_settings_reset (settings, "auto-backup");
  g_settings_reset (settings, "auto-backup-folder");
  g_settings_reset (settings, "auto-backup-keep");
  g_settings_reset (settings, "last-auto-backup");
}

static DcGuidanceRow *
find_guidance_row (DcPreferencesWindow *preferences,
                   const char          *zone_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (preferences->guidance_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (dc_guidance_row_get_zone_id (DC_GUIDANCE_ROW (child)), zone_id) == 0)
        return DC_GUIDANCE_ROW (child);
    }

  g_assert_not_reached ();
}

/* The clinic's own guidance for the left cheek with a pen: refused without
 * a source (said on the row), saved with one, deleted by Restore Default. */
static void
test_guidance_override (PreferencesFixture *fixture,
                        gconstpointer       data)
{
  DcPreferencesWindow *preferences = fixture->preferences;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(DcDepthGuidance) saved = NULL;
  g_autofree char *default_subtitle = NULL;
  DcGuidanceRow *row;

  SKIP_WITHOUT_DISPLAY ();

  adw_combo_row_set_selected (preferences->family_row, DC_DEVICE_PEN);
  row = find_guidance_row (preferences, "cheek-left");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_null (dc_guidance_row_get_own (row));
  default_subtitle = g_strdup (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)));
  g_assert_nonnull (strstr (default_subtitle, " mm · "));

  gtk_spin_button_set_value (_dc_guidance_row_get_max_spin (row), 2.0);
  gtk_spin_button_set_value (_dc_guidance_row_get_min_spin (row), 0.5);
  g_assert_nonnull (dc_guidance_row_get_own (row));
  save_now (fixture->saver);
  g_assert_true (dc_guidance_row_get_invalid (row));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "The guidance needs its source or reason");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_dc_guidance_row_get_source_row (row)),
                                           "error"));
  rows = list_records (fixture, DC_TYPE_DEPTH_GUIDANCE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_clear_object (&rows);

  gtk_editable_set_text (_dc_guidance_row_get_source_row (row), "Clinic scar protocol");
  save_now (fixture->saver);
  g_assert_false (dc_guidance_row_get_invalid (row));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "0.5–2 mm · Clinic scar protocol");

  rows = list_records (fixture, DC_TYPE_DEPTH_GUIDANCE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  saved = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (dc_depth_guidance_get_zone (saved), ==, "cheek-left");
  g_assert_cmpint (dc_depth_guidance_get_family (saved), ==, DC_DEVICE_PEN);
  g_assert_cmpfloat_with_epsilon (dc_depth_guidance_get_depth_min (saved), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc_depth_guidance_get_depth_max (saved), 2.0, 1e-9);
  g_assert_cmpstr (dc_depth_guidance_get_source (saved), ==, "Clinic scar protocol");
  g_clear_object (&rows);

  /* Another family shows its own default, not the pen's override. */
  adw_combo_row_set_selected (preferences->family_row, DC_DEVICE_RF);
  g_assert_null (dc_guidance_row_get_own (row));
  adw_combo_row_set_selected (preferences->family_row, DC_DEVICE_PEN);
  g_assert_nonnull (dc_guidance_row_get_own (row));

  g_signal_emit_by_name (_dc_guidance_row_get_restore_button (row), "clicked");
  save_now (fixture->saver);
  g_assert_null (dc_guidance_row_get_own (row));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, default_subtitle);
  rows = list_records (fixture, DC_TYPE_DEPTH_GUIDANCE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  has_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
  if (has_display)
    {
      gtk_test_init (&argc, &argv, NULL);
      app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  else
    g_test_init (&argc, &argv, NULL);

  g_test_add ("/preferences/devices/add", PreferencesFixture, NULL,
              preferences_fixture_setup, test_devices_add, preferences_fixture_teardown);
  g_test_add ("/preferences/paper", PreferencesFixture, NULL,
              preferences_fixture_setup, test_paper, preferences_fixture_teardown);
  g_test_add ("/preferences/backups", PreferencesFixture, NULL,
              preferences_fixture_setup, test_backups, preferences_fixture_teardown);
  g_test_add ("/preferences/devices/preset", PreferencesFixture, NULL,
              preferences_fixture_setup, test_devices_preset, preferences_fixture_teardown);
  g_test_add ("/preferences/guidance/override", PreferencesFixture, NULL,
              preferences_fixture_setup, test_guidance_override, preferences_fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
