/* dc-preferences-window-private.h: the window's widgets, for the GUI tests
 * that edit the clinic, its devices and its depth guidance through them,
 * and the way a chosen logo file comes in, which the test uses instead of
 * the file chooser. */
#pragma once

#include "dc-preferences-window.h"
#include "dc-record-saver.h"

G_BEGIN_DECLS

struct _DcPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesPage   *clinic_page;
  AdwPreferencesPage   *practitioners_page;
  GtkWidget            *clinic_error_group;
  GtkLabel             *clinic_error_label;
  AdwEntryRow          *name_row;
  GtkTextView          *address_view;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *website_row;
  GtkPicture           *logo_picture;
  AdwComboRow          *paper_row;
  AdwPreferencesGroup  *backups_group;
  GtkSwitch            *auto_backup_switch;
  AdwActionRow         *backup_folder_row;
  GtkSpinButton        *backup_keep_spin;
  AdwActionRow         *last_backup_row;
  GSettings            *settings;
  GtkListBox           *practitioners_list;
  AdwEntryRow          *new_practitioner_row;
  AdwPreferencesPage   *devices_page;
  GtkMenuButton        *add_device_button;
  GtkListBox           *devices_list;
  AdwPreferencesPage   *guidance_page;
  AdwComboRow          *family_row;
  GtkListBox           *guidance_list;

  DcStore              *store;
  DcRecordSaver        *saver;          /* the main window's */
  DcClinic             *clinic;
  GListStore           *practitioners;  /* the main window's */
  GListStore           *devices;        /* all of them, archived too */
  GtkFilterListModel   *shown_devices;  /* those not archived */
  GListStore           *own_guidance;   /* the clinic's DcDepthGuidance */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  GBytes               *logo_bytes;     /* the logo last decoded… */
  GdkTexture           *logo_texture;   /* …at the preview's size */
};

void _dc_preferences_window_load_logo         (DcPreferencesWindow *self,
                                               GFile               *file);
void _dc_preferences_window_set_backup_folder (DcPreferencesWindow *self,
                                               GFile               *folder);

G_END_DECLS
