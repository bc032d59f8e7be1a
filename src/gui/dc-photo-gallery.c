/* dc-photo-gallery.c: a session's photos, and adding and removing them.
 *
 * Photos come in by the file chooser, by dropping files from the file
 * manager, or by pasting; the importer does the work in a worker thread
 * while a progress bar shows how far it is, and refused files are named
 * in a toast. Thumbnails load asynchronously as their tiles are bound, so
 * scrolling never waits on the disk.
 *
 * Removing a photo hides it at once and offers Undo; the record is deleted
 * when the toast goes away, and its files once nothing else refers to
 * them. Only a draft session's photos can be removed: a signed session's
 * photos are part of the signed record. */

#include "config.h"

#include "dc-photo-gallery.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dc-gui-util.h"
#include "dc-model.h"
#include "dc-photo-importer.h"
#include "dc-photo-library.h"
#include "dc-photo-texture.h"
#include "dc-photo-viewer.h"
#include "dc-store.h"
#include "dc-zone-catalogue.h"

#define TILE_SIZE 148
/* A tile with its caption and padding, in the grid. */
#define ROW_HEIGHT 192

struct _DcPhotoGallery
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GtkMenuButton       *add_button;
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkGridView         *grid;
  GtkRevealer         *progress_revealer;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkWidget           *drop_highlight;

  DcStore             *store;
  DcPatient           *patient;
  DcSession           *session;
  GListStore          *photos;       /* DcPhoto, the session's */
  GtkFilterListModel  *shown;        /* those not being removed */
  GHashTable          *removing;     /* DcPhoto → AdwToast offering undo */
  GHashTable          *thumbnails;   /* sha256 → GdkTexture */
  GCancellable        *cancellable;  /* loads, for this session */
  gboolean             read_only;
  guint                n_importing;
  guint                n_removing;   /* deletions under way */
};

G_DEFINE_FINAL_TYPE (DcPhotoGallery, dc_photo_gallery, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_photos (DcPhotoGallery *self);

static const char *
photo_dir (DcPhotoGallery *self)
{
  return dc_store_get_photo_dir (self->store);
}

static gboolean
is_draft (DcPhotoGallery *self)
{
  return self->session != NULL && !self->read_only
         && dc_session_get_status (self->session) == DC_SESSION_DRAFT;
}

static void
update_state (DcPhotoGallery *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  gboolean empty = n_shown == 0;

  /* A grid view asks for little height of its own: one row for a few
   * photos, two for a series before and after; beyond that it scrolls. */
  gtk_scrolled_window_set_min_content_height (self->scroller,
                                              n_shown <= 4 ? ROW_HEIGHT : 2 * ROW_HEIGHT);

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "grid");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.add", is_draft (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.paste", is_draft (self));
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), !self->read_only);
  adw_preferences_group_set_description (self->group,
                                         is_draft (self)
                                         ? _("Drop photos here, paste them, or choose files")
                                         : NULL);
}

/* The caption of a photo: its view (and zone for a close-up), and phase. */
static char *
dup_caption (DcPhoto *photo)
{
  const char *view = dc_enum_get_label (DC_TYPE_PHOTO_VIEW, dc_photo_get_view (photo));
  const char *phase = dc_enum_get_label (DC_TYPE_PHOTO_PHASE, dc_photo_get_phase (photo));
  const char *zone_id = dc_photo_get_zone (photo);
  const DcZone *zone = NULL;

  if (zone_id != NULL)
    zone = dc_zone_catalogue_lookup (dc_zone_catalogue_get_default (), zone_id);
  if (dc_photo_get_view (photo) == DC_PHOTO_VIEW_CLOSE_UP && zone != NULL)
    view = dc_zone_get_name (zone);

  /* TRANSLATORS: a photo's view and phase, "Frontal · Before" */
  return g_strdup_printf (C_("photo", "%s · %s"), view, phase);
}

/* Before photos first, then right after, then follow-up; within a phase
 * in the standard order of views, then as they were taken. */
static int
compare_photos (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  DcPhoto *pa = DC_PHOTO ((gpointer) a);
  DcPhoto *pb = DC_PHOTO ((gpointer) b);
  int order;

  order = (int) dc_photo_get_phase (pa) - (int) dc_photo_get_phase (pb);
  if (order == 0)
    order = (int) dc_photo_get_view (pa) - (int) dc_photo_get_view (pb);
  if (order == 0)
    order = g_strcmp0 (dc_photo_get_taken_at (pa), dc_photo_get_taken_at (pb));
  if (order == 0)
    order = dc_record_get_id (DC_RECORD (pa)) < dc_record_get_id (DC_RECORD (pb)) ? -1 : 1;
  return order;
}

static gboolean
photo_shown (gpointer item,
             gpointer user_data)
{
  DcPhotoGallery *self = user_data;

  return !g_hash_table_contains (self->removing, item);
}

static void
refilter (DcPhotoGallery *self)
{
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->shown), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
reinsert_all (DcPhotoGallery *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->photos));

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->photos), i));
  g_list_store_splice (self->photos, 0, n_items, items->pdata, items->len);
  update_state (self);
}

/* Tiles ------------------------------------------------------------------- */

typedef struct
{
  GtkListItem  *item;          /* not owned: the load is cancelled with it */
  GCancellable *cancellable;
  char         *sha256;
} ThumbnailLoad;

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = dc_photo_texture_load_finish (result, &error);
  ThumbnailLoad *load = user_data;
  DcPhotoGallery *self;
  GtkWidget *tile;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;

  tile = gtk_list_item_get_child (load->item);
  self = DC_PHOTO_GALLERY (gtk_widget_get_ancestor (tile, DC_TYPE_PHOTO_GALLERY));
  if (texture != NULL)
    {
      if (self != NULL)
        g_hash_table_replace (self->thumbnails, g_strdup (load->sha256),
                              g_object_ref (texture));
      gtk_picture_set_paintable (g_object_get_data (G_OBJECT (tile), "picture"),
                                 GDK_PAINTABLE (texture));
    }
  else
    {
      /* The tile says the file is missing or damaged, not a blank. */
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (tile), "broken"), TRUE);
      g_warning ("Could not load a thumbnail: %s", error->message);
    }

  g_object_set_data (G_OBJECT (load->item), "dc-load", NULL);

out:
  g_clear_object (&load->cancellable);
  g_free (load->sha256);
  g_free (load);
}

static gboolean
menu_query_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("Photo Menu"));
  return TRUE;
}

static void
setup_tile_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DcPhotoGallery           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *broken = gtk_image_new_from_icon_name ("image-missing-symbolic");
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_widget_set_size_request (frame, TILE_SIZE, TILE_SIZE);
  gtk_widget_set_halign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (frame, "photo-tile");
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_overlay_set_child (GTK_OVERLAY (frame), picture);

  gtk_image_set_pixel_size (GTK_IMAGE (broken), 48);
  gtk_widget_add_css_class (broken, "dim-label");
  gtk_widget_set_visible (broken, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (frame), broken);

  g_menu_append (menu, _("_Open"), "gallery.open-item");
  g_menu_append (menu, _("_Details…"), "gallery.edit-item");
  g_menu_append (menu, _("_Remove"), "gallery.remove-item");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  /* The tooltip is given when asked for: gtk_widget_set_tooltip_text()
   * asks the display server where the pointer is, and on X11 that round
   * trip for every new tile held up the main loop while photos came in. */
  gtk_widget_set_has_tooltip (menu_button, TRUE);
  g_signal_connect (menu_button, "query-tooltip", G_CALLBACK (menu_query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Photo Menu"), -1);
  gtk_widget_set_halign (menu_button, GTK_ALIGN_END);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (menu_button, 6);
  gtk_widget_set_margin_end (menu_button, 6);
  gtk_widget_add_css_class (menu_button, "osd");
  gtk_widget_add_css_class (menu_button, "circular");
  gtk_overlay_add_overlay (GTK_OVERLAY (frame), menu_button);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_widget_add_css_class (label, "caption");

  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (box), "picture", picture);
  g_object_set_data (G_OBJECT (box), "broken", broken);
  g_object_set_data (G_OBJECT (box), "label", label);
  g_object_set_data (G_OBJECT (box), "menu-button", menu_button);
  gtk_list_item_set_child (item, box);
}

static void
cancel_load (gpointer data)
{
  g_cancellable_cancel (data);
  g_object_unref (data);
}

static void
bind_tile_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DcPhotoGallery           *self)
{
  DcPhoto *photo = gtk_list_item_get_item (item);
  GtkWidget *tile = gtk_list_item_get_child (item);
  GtkWidget *picture = g_object_get_data (G_OBJECT (tile), "picture");
  GtkWidget *menu_button = g_object_get_data (G_OBJECT (tile), "menu-button");
  const char *sha256 = dc_photo_get_sha256 (photo);
  g_autofree char *caption = dup_caption (photo);
  g_autofree char *accessible = NULL;
  GdkTexture *texture = g_hash_table_lookup (self->thumbnails, sha256);

  gtk_label_set_text (g_object_get_data (G_OBJECT (tile), "label"), caption);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (tile), "broken"), FALSE);
  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  /* TRANSLATORS: what a screen reader says for a photo, "Photo: Frontal · Before" */
  accessible = g_strdup_printf (_("Photo: %s"), caption);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  /* The menu acts on this tile's photo. */
  g_object_set_data_full (G_OBJECT (menu_button), "dc-photo", g_object_ref (photo),
                          g_object_unref);

  if (texture == NULL)
    {
      ThumbnailLoad *load = g_new0 (ThumbnailLoad, 1);
      g_autofree char *path = dc_photo_library_get_derivative_path (photo_dir (self), sha256,
                                                                    DC_PHOTO_DERIVATIVE_THUMBNAIL);
      int size = TILE_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self));

      load->item = item;
      load->cancellable = g_cancellable_new ();
      load->sha256 = g_strdup (sha256);
      g_object_set_data_full (G_OBJECT (item), "dc-load", g_object_ref (load->cancellable),
                              cancel_load);
      /* At the tile's size in device pixels: drawing it is then a copy. */
      dc_photo_texture_load_cover_async (path, size, size, load->cancellable,
                                         thumbnail_loaded_cb, load);
    }
}

static void
unbind_tile_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DcPhotoGallery           *self)
{
  GtkWidget *tile = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (item), "dc-load", NULL);
  gtk_picture_set_paintable (g_object_get_data (G_OBJECT (tile), "picture"), NULL);
  g_object_set_data (g_object_get_data (G_OBJECT (tile), "menu-button"), "dc-photo", NULL);
}

/* The photo whose tile menu is open: the action comes from within it. */
static DcPhoto *
photo_from_widget (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      DcPhoto *photo = g_object_get_data (G_OBJECT (widget), "dc-photo");

      if (photo != NULL)
        return photo;
    }
  return NULL;
}

static DcPhoto *
focused_photo (DcPhotoGallery *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  DcPhoto *photo = focus != NULL ? photo_from_widget (focus) : NULL;

  if (photo == NULL && focus != NULL)
    {
      /* Focus on a grid cell: its tile's menu button carries the photo. */
      GtkWidget *child = gtk_widget_get_first_child (focus);

      while (child != NULL && photo == NULL)
        {
          GtkWidget *button = g_object_get_data (G_OBJECT (child), "menu-button");

          if (button != NULL)
            photo = g_object_get_data (G_OBJECT (button), "dc-photo");
          child = gtk_widget_get_next_sibling (child);
        }
    }

  return photo;
}

/* Viewing ----------------------------------------------------------------- */

static void
open_photo (DcPhotoGallery *self,
            DcPhoto        *photo)
{
  GListModel *shown = G_LIST_MODEL (self->shown);
  GtkWidget *viewer;
  guint position = 0;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DcPhoto) item = g_list_model_get_item (shown, i);

      if (item == photo)
        position = i;
    }

  viewer = dc_photo_viewer_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                photo_dir (self), shown, position);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
grid_activate_cb (DcPhotoGallery *self,
                  guint           position)
{
  g_autoptr(DcPhoto) photo = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (photo != NULL)
    open_photo (self, photo);
}

static void
open_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DcPhotoGallery *self = DC_PHOTO_GALLERY (widget);
  DcPhoto *photo = focused_photo (self);

  if (photo != NULL)
    open_photo (self, photo);
}

/* Details ----------------------------------------------------------------- */

typedef struct
{
  DcPhotoGallery *self;
  DcPhoto        *photo;       /* the gallery's */
  AdwComboRow    *view_row;
  AdwComboRow    *zone_row;
  AdwComboRow    *phase_row;
  GtkCheckButton *consent_checks[3];
  AdwEntryRow    *note_row;
} Details;

static void
details_free (gpointer  data,
              GClosure *closure)
{
  Details *details = data;

  g_object_unref (details->self);
  g_object_unref (details->photo);
  g_free (details);
}

static void
photo_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DcPhotoGallery) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dc_store_save_finish (DC_STORE (object), result, &error))
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      /* Show what is stored, not what was refused. */
      load_photos (self);
      return;
    }

  /* Its caption and place may have changed: show the photos anew (the
   * thumbnails are kept). */
  reinsert_all (self);
}

static void
update_zone_row (Details *details)
{
  gtk_widget_set_visible (GTK_WIDGET (details->zone_row),
                          adw_combo_row_get_selected (details->view_row)
                          == DC_PHOTO_VIEW_CLOSE_UP);
}

static void
details_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Details          *details)
{
  DcPhotoGallery *self = details->self;
  DcPhoto *photo = details->photo;
  const char *const *zone_ids = dc_zone_catalogue_get_zone_ids (dc_zone_catalogue_get_default ());
  DcConsentScope consent = 0;
  DcPhotoView view;

  if (g_strcmp0 (response, "save") != 0)
    return;

  view = adw_combo_row_get_selected (details->view_row);
  for (guint i = 0; i < G_N_ELEMENTS (details->consent_checks); i++)
    if (gtk_check_button_get_active (details->consent_checks[i]))
      consent |= 1 << i;

  dc_photo_set_view (photo, view);
  dc_photo_set_zone (photo, view == DC_PHOTO_VIEW_CLOSE_UP
                            ? zone_ids[adw_combo_row_get_selected (details->zone_row)] : NULL);
  dc_photo_set_phase (photo, adw_combo_row_get_selected (details->phase_row));
  dc_photo_set_consent (photo, consent);
  dc_photo_set_note (photo, *gtk_editable_get_text (GTK_EDITABLE (details->note_row)) != '\0'
                            ? gtk_editable_get_text (GTK_EDITABLE (details->note_row)) : NULL);
  dc_store_save_async (self->store, DC_RECORD (photo), NULL, photo_saved_cb,
                       g_object_ref (self));
}

static GListModel *
new_enum_model (GType type,
                int   n_values)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int i = 0; i < n_values; i++)
    gtk_string_list_append (list, dc_enum_get_label (type, i));
  return G_LIST_MODEL (list);
}

static void
show_details (DcPhotoGallery *self,
              DcPhoto        *photo)
{
  static const char *const consent_labels[] = {
    N_("Clinical Record"), N_("Teaching"), N_("Marketing"),
  };
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  const char *const *zone_ids = dc_zone_catalogue_get_zone_ids (catalogue);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *consent_group = adw_preferences_group_new ();
  g_autoptr(GListModel) views = new_enum_model (DC_TYPE_PHOTO_VIEW, DC_PHOTO_VIEW_CLOSE_UP + 1);
  g_autoptr(GListModel) phases = new_enum_model (DC_TYPE_PHOTO_PHASE,
                                                 DC_PHOTO_PHASE_FOLLOW_UP + 1);
  g_autoptr(GtkStringList) zones = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  Details *details = g_new0 (Details, 1);
  gboolean editable = is_draft (self);
  guint zone_position = 0;

  details->self = g_object_ref (self);
  details->photo = g_object_ref (photo);

  for (guint i = 0; zone_ids[i] != NULL; i++)
    {
      gtk_string_list_append (zones,
                              dc_zone_get_name (dc_zone_catalogue_lookup (catalogue,
                                                                          zone_ids[i])));
      if (g_strcmp0 (zone_ids[i], dc_photo_get_zone (photo)) == 0)
        zone_position = i;
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  details->view_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details->view_row), _("View"));
  adw_combo_row_set_model (details->view_row, views);
  adw_combo_row_set_selected (details->view_row, dc_photo_get_view (photo));
  g_signal_connect_swapped (details->view_row, "notify::selected",
                            G_CALLBACK (update_zone_row), details);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (details->view_row));

  details->zone_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details->zone_row), _("Zone"));
  adw_combo_row_set_model (details->zone_row, G_LIST_MODEL (zones));
  adw_combo_row_set_selected (details->zone_row, zone_position);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (details->zone_row));
  update_zone_row (details);

  details->phase_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details->phase_row), _("Phase"));
  adw_combo_row_set_model (details->phase_row, phases);
  adw_combo_row_set_selected (details->phase_row, dc_photo_get_phase (photo));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (details->phase_row));

  details->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details->note_row), _("Note"));
  gtk_editable_set_text (GTK_EDITABLE (details->note_row),
                         dc_photo_get_note (photo) != NULL ? dc_photo_get_note (photo) : "");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (details->note_row));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (consent_group), _("Consent"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (consent_group),
                                         _("What the patient agreed this photo may be used "
                                           "for"));
  for (guint i = 0; i < G_N_ELEMENTS (consent_labels); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(consent_labels[i]));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   (dc_photo_get_consent (photo) & (1 << i)) != 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (consent_group), row);
      details->consent_checks[i] = GTK_CHECK_BUTTON (check);
    }

  gtk_widget_set_sensitive (list, editable);
  gtk_widget_set_sensitive (consent_group, editable);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), consent_group);

  /* TRANSLATORS: the original file's name, then its pixel size */
  body = g_strdup_printf (_("%s, %d × %d pixels"), dc_photo_get_file_name (photo),
                          dc_photo_get_width (photo), dc_photo_get_height (photo));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Photo Details"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  if (editable)
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    }
  g_signal_connect_data (dialog, "response", G_CALLBACK (details_response_cb), details,
                         details_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DcPhotoGallery *self = DC_PHOTO_GALLERY (widget);
  DcPhoto *photo = focused_photo (self);

  if (photo != NULL)
    show_details (self, photo);
}

/* Removing ---------------------------------------------------------------- */

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DcStore *store = source_object;
  DcPhoto *photo = task_data;
  GError *error = NULL;

  /* The record first, in the same transaction as the draft check; then
   * the files, if no other photo record uses them. */
  if (!dc_photo_remove (store, photo, &error)
      || !dc_photo_library_remove_unreferenced (store, dc_photo_get_sha256 (photo), NULL,
                                                &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DcPhotoGallery) self = user_data;
  g_autoptr(GError) error = NULL;
  DcPhoto *photo = g_task_get_task_data (G_TASK (result));
  guint position;

  self->n_removing--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* After dispose, there is nothing left to show. */
  if (self->removing == NULL)
    return;

  g_hash_table_remove (self->removing, photo);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      refilter (self);
      return;
    }

  if (g_list_store_find (self->photos, photo, &position))
    g_list_store_remove (self->photos, position);
  update_state (self);
}

static void
finish_removal (DcPhotoGallery *self,
                DcPhoto        *photo)
{
  g_autoptr(GTask) task = g_task_new (self->store, NULL, removed_cb, g_object_ref (self));

  g_task_set_source_tag (task, finish_removal);
  self->n_removing++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_task_set_task_data (task, g_object_ref (photo), g_object_unref);
  g_task_run_in_thread (task, remove_thread);
}

static void
undo_removal_cb (AdwToast       *toast,
                 DcPhotoGallery *self)
{
  DcPhoto *photo = g_object_get_data (G_OBJECT (toast), "dc-photo");

  g_object_set_data (G_OBJECT (toast), "dc-undone", GINT_TO_POINTER (TRUE));
  g_hash_table_remove (self->removing, photo);
  refilter (self);
}

static void
removal_toast_dismissed_cb (AdwToast       *toast,
                            DcPhotoGallery *self)
{
  DcPhoto *photo = g_object_get_data (G_OBJECT (toast), "dc-photo");

  if (g_object_get_data (G_OBJECT (toast), "dc-undone") == NULL
      && g_hash_table_contains (self->removing, photo))
    finish_removal (self, photo);
}

/**
 * dc_photo_gallery_remove:
 *
 * Hides @photo and offers to undo; deletes it when the offer expires. A
 * signed session's photos stay.
 *
 * Returns: (transfer none) (nullable): the toast offering to undo
 */
AdwToast *
dc_photo_gallery_remove (DcPhotoGallery *self,
                         DcPhoto        *photo)
{
  AdwToast *toast;

  g_return_val_if_fail (DC_IS_PHOTO_GALLERY (self), NULL);
  g_return_val_if_fail (DC_IS_PHOTO (photo), NULL);

  if (!is_draft (self))
    {
      g_autoptr(GError) error = g_error_new_literal (DC_ERROR, DC_ERROR_LOCKED,
                                                     _("The photos of a signed session "
                                                       "cannot be removed"));

      dc_gui_show_error (GTK_WIDGET (self), error);
      return NULL;
    }

  toast = g_hash_table_lookup (self->removing, photo);
  if (toast != NULL)
    return toast;

  toast = adw_toast_new (_("Photo removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "dc-photo", g_object_ref (photo), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_removal_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (removal_toast_dismissed_cb), self,
                           0);
  g_hash_table_insert (self->removing, g_object_ref (photo), g_object_ref (toast));
  refilter (self);
  dc_gui_add_toast (GTK_WIDGET (self), toast);
  return toast;
}

/**
 * dc_photo_gallery_flush:
 *
 * Carries out the removals still waiting for their undo to expire, as
 * when the session is left.
 */
void
dc_photo_gallery_flush (DcPhotoGallery *self)
{
  g_autoptr(GPtrArray) photos = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (DC_IS_PHOTO_GALLERY (self));

  /* Collected first: removals change the table. */
  photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->removing);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (photos, g_object_ref (key));
  for (guint i = 0; i < photos->len; i++)
    {
      DcPhoto *photo = g_ptr_array_index (photos, i);
      AdwToast *toast = g_hash_table_lookup (self->removing, photo);

      /* Once: the toast no longer acts when dismissed. */
      if (g_object_get_data (G_OBJECT (toast), "dc-undone") != NULL)
        continue;
      g_object_set_data (G_OBJECT (toast), "dc-undone", GINT_TO_POINTER (TRUE));
      adw_toast_dismiss (toast);
      finish_removal (self, photo);
    }
}

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DcPhotoGallery *self = DC_PHOTO_GALLERY (widget);
  DcPhoto *photo = focused_photo (self);

  if (photo != NULL)
    dc_photo_gallery_remove (self, photo);
}

/* Importing --------------------------------------------------------------- */

typedef struct
{
  DcPhotoGallery *self;
  gint64          session_id;
  char          **temporary;   /* files to delete afterwards, or NULL */
} Import;

static void
import_free (Import *import)
{
  for (guint i = 0; import->temporary != NULL && import->temporary[i] != NULL; i++)
    g_remove (import->temporary[i]);
  g_strfreev (import->temporary);
  g_object_unref (import->self);
  g_free (import);
}

static void
import_progress_cb (DcPhotoImporter     *importer,
                    guint                n_done,
                    guint                n_total,
                    DcPhotoImportResult *result,
                    DcPhotoGallery      *self)
{
  DcPhoto *photo = dc_photo_import_result_get_photo (result);
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, n_total > 0 ? (double) n_done / n_total : 1);
  /* TRANSLATORS: progress of a photo import, "Importing photos: 3 of 20" */
  text = g_strdup_printf (_("Importing photos: %u of %u"), n_done, n_total);
  gtk_label_set_text (self->progress_label, text);

  if (dc_photo_import_result_get_status (result) == DC_PHOTO_IMPORT_IMPORTED && photo != NULL
      && self->session != NULL
      && dc_photo_get_session_id (photo) == dc_record_get_id (DC_RECORD (self->session)))
    {
      g_list_store_append (self->photos, photo);
      update_state (self);
    }
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *import = user_data;
  DcPhotoGallery *self = import->self;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) refused = g_string_new (NULL);
  guint n_refused = 0;

  results = dc_photo_importer_import_finish (DC_PHOTO_IMPORTER (object), result, &error);
  g_signal_handlers_disconnect_by_data (object, self);

  self->n_importing--;
  gtk_revealer_set_reveal_child (self->progress_revealer, self->n_importing > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dc_gui_show_error (GTK_WIDGET (self), error);
      /* What did get in is shown as stored. */
      if (self->session != NULL
          && dc_record_get_id (DC_RECORD (self->session)) == import->session_id)
        load_photos (self);
      import_free (import);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      DcPhotoImportResult *r = g_ptr_array_index (results, i);

      if (dc_photo_import_result_get_status (r) != DC_PHOTO_IMPORT_REFUSED)
        continue;
      if (n_refused++ > 0)
        g_string_append_c (refused, '\n');
      g_string_append (refused, dc_photo_import_result_get_error (r)->message);
    }

  if (n_refused > 0)
    {
      g_autoptr(GError) summary = g_error_new_literal (DC_ERROR, DC_ERROR_INVALID,
                                                       refused->str);

      dc_gui_show_error (GTK_WIDGET (self), summary);
    }

  import_free (import);
}

static void
start_import (DcPhotoGallery     *self,
              const char * const *paths,
              DcPhotoPhase        phase,
              gboolean            guess_views,
              char              **temporary)
{
  g_autoptr(DcPhotoImporter) importer = NULL;
  Import *import;

  if (!is_draft (self) || paths == NULL || paths[0] == NULL)
    {
      g_strfreev (temporary);
      return;
    }

  importer = dc_photo_importer_new (self->store, dc_record_get_id (DC_RECORD (self->session)));
  dc_photo_importer_set_phase (importer, phase);
  dc_photo_importer_set_guess_views (importer, guess_views);
  if (self->patient != NULL)
    dc_photo_importer_set_consent (importer, dc_patient_get_consent (self->patient));
  g_signal_connect (importer, "progress", G_CALLBACK (import_progress_cb), self);

  import = g_new0 (Import, 1);
  import->self = g_object_ref (self);
  import->session_id = dc_record_get_id (DC_RECORD (self->session));
  import->temporary = temporary;

  self->n_importing++;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, _("Importing photos…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* Not cancelled with the page: an import under way finishes, so that a
   * file is either in the library with its record or not at all. */
  dc_photo_importer_import_async (importer, paths, NULL, imported_cb, import);
}

/* New photos are "before" until the session has some, then "after". */
static DcPhotoPhase
default_phase (DcPhotoGallery *self)
{
  GListModel *photos = G_LIST_MODEL (self->photos);

  return g_list_model_get_n_items (photos) > 0 ? DC_PHOTO_PHASE_AFTER : DC_PHOTO_PHASE_BEFORE;
}

void
dc_photo_gallery_import (DcPhotoGallery     *self,
                         const char * const *paths,
                         DcPhotoPhase        phase,
                         gboolean            guess_views)
{
  g_return_if_fail (DC_IS_PHOTO_GALLERY (self));

  start_import (self, paths, phase, guess_views, NULL);
}

static char **
paths_from_files (GListModel *files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }

  return g_strv_builder_end (builder);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DcPhotoGallery  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_auto(GStrv) paths = paths_from_files (files);
      const char *phase = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "phase");
      const char *series = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "series");

      start_import (self, (const char * const *) paths,
                    phase != NULL ? (DcPhotoPhase) g_ascii_strtoull (phase, NULL, 10)
                                  : default_phase (self),
                    g_strcmp0 (series, "true") == 0, NULL);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DcPhotoGallery *self = DC_PHOTO_GALLERY (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *phase = g_strdup_printf ("%d", default_phase (self));
  const char *phase_ids[] = { "0", "1", "2", NULL };
  const char *phase_labels[4] = { NULL };

  for (int i = 0; i < 3; i++)
    phase_labels[i] = dc_enum_get_label (DC_TYPE_PHOTO_PHASE, i);

  chooser = gtk_file_chooser_native_new (_("Add Photos"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "phase", _("Phase"),
                               phase_ids, phase_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "phase", phase);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "series",
                               _("A series of the five standard views, in order"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "series", "false");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         DcPhotoGallery *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  if (!is_draft (self))
    return FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  if (paths[0] == NULL)
    return FALSE;

  start_import (self, (const char * const *) paths, default_phase (self), FALSE, NULL);
  return TRUE;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget  *target,
               double          x,
               double          y,
               DcPhotoGallery *self)
{
  if (!is_draft (self))
    return 0;

  gtk_widget_add_css_class (GTK_WIDGET (self), "drop-target");
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget  *target,
               DcPhotoGallery *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-target");
}

/* A pasted image is kept as a PNG in a private folder only while it is
 * imported: the library keeps its own copy. */
static char *
write_pasted (GdkTexture  *texture,
              GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "dermachart", "pasted",
                                           NULL);
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("pasted-%s-%08x.png", stamp, g_random_int ());
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not keep the pasted image: %s"), g_strerror (saved_errno));
      return NULL;
    }
  if (!g_file_set_contents_full (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;

  return g_steal_pointer (&path);
}

static void
paste_texture_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DcPhotoGallery) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char **temporary;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  if (texture == NULL)
    {
      g_autoptr(GError) nothing = g_error_new_literal (DC_ERROR, DC_ERROR_INVALID,
                                                       _("The clipboard holds no photo"));

      dc_gui_show_error (GTK_WIDGET (self), nothing);
      return;
    }

  path = write_pasted (texture, &error);
  if (path == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  temporary = g_new0 (char *, 2);
  temporary[0] = g_strdup (path);
  start_import (self, (const char *const *) temporary, default_phase (self), FALSE, temporary);
}

static void
paste_files_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DcPhotoGallery) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);
  if (value == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  start_import (self, (const char *const *) paths, default_phase (self), FALSE, NULL);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DcPhotoGallery *self = DC_PHOTO_GALLERY (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (!is_draft (self))
    return;

  /* Files copied in the file manager are imported as they are; an image
   * copied from another program comes as pixels. */
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                    paste_files_cb, g_object_ref (self));
  else
    gdk_clipboard_read_texture_async (clipboard, NULL, paste_texture_cb, g_object_ref (self));
}

/* Loading ----------------------------------------------------------------- */

static void
photos_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DcPhotoGallery *self = user_data;
  g_autoptr(GListModel) photos = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  photos = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (photos == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (photos); i++)
    g_ptr_array_add (items, g_list_model_get_item (photos, i));
  g_list_store_splice (self->photos, 0, g_list_model_get_n_items (G_LIST_MODEL (self->photos)),
                       items->pdata, items->len);
  update_state (self);
}

static void
load_photos (DcPhotoGallery *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL || self->session == NULL)
    {
      g_list_store_remove_all (self->photos);
      update_state (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  dc_store_list_async (self->store, DC_TYPE_PHOTO, dc_record_get_id (DC_RECORD (self->session)),
                       self->cancellable, photos_listed_cb, self);
}

/* GObject ----------------------------------------------------------------- */

static void
dc_photo_gallery_dispose (GObject *object)
{
  DcPhotoGallery *self = DC_PHOTO_GALLERY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->removing != NULL && self->store != NULL)
    dc_photo_gallery_flush (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PHOTO_GALLERY);

  g_clear_object (&self->shown);
  g_clear_object (&self->photos);
  g_clear_pointer (&self->removing, g_hash_table_unref);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (dc_photo_gallery_parent_class)->dispose (object);
}

static void
dc_photo_gallery_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DcPhotoGallery *self = DC_PHOTO_GALLERY (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, dc_photo_gallery_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_photo_gallery_class_init (DcPhotoGalleryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_photo_gallery_dispose;
  object_class->get_property = dc_photo_gallery_get_property;

  /* Whether an import or a deletion is under way. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-photo-gallery.ui");
  gtk_widget_class_bind_template_child (widget_class, DcPhotoGallery, group);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoGallery, add_button);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoGallery, stack);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoGallery, scroller);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoGallery, grid);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoGallery, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoGallery, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DcPhotoGallery, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);

  gtk_widget_class_install_action (widget_class, "gallery.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "gallery.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "gallery.open-item", NULL, open_item_action);
  gtk_widget_class_install_action (widget_class, "gallery.edit-item", NULL, edit_item_action);
  gtk_widget_class_install_action (widget_class, "gallery.remove-item", NULL,
                                   remove_item_action);

  /* Pasting where the focus is in the gallery; a text field elsewhere on
   * the page keeps Ctrl+V for text. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "gallery.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "gallery.remove-item", NULL);
}

static void
dc_photo_gallery_init (DcPhotoGallery *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkSortListModel *sorted;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->photos = g_list_store_new (DC_TYPE_PHOTO);
  self->removing = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref,
                                          g_object_unref);
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->photos)),
                                    GTK_SORTER (gtk_custom_sorter_new (compare_photos, NULL,
                                                                       NULL)));
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (sorted),
                                           GTK_FILTER (gtk_custom_filter_new (photo_shown,
                                                                              self, NULL)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tile_cb), self);
  gtk_grid_view_set_factory (self->grid, factory);
  gtk_grid_view_set_model (self->grid,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->shown)))));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (drop, "enter", G_CALLBACK (drop_enter_cb), self);
  g_signal_connect (drop, "leave", G_CALLBACK (drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_state (self);
}

GtkWidget *
dc_photo_gallery_new (void)
{
  return g_object_new (DC_TYPE_PHOTO_GALLERY, NULL);
}

/**
 * dc_photo_gallery_set_session:
 * @patient: (nullable): whose consent new photos start from
 * @session: (nullable): whose photos to show
 */
void
dc_photo_gallery_set_session (DcPhotoGallery *self,
                              DcStore        *store,
                              DcPatient      *patient,
                              DcSession      *session)
{
  g_return_if_fail (DC_IS_PHOTO_GALLERY (self));
  g_return_if_fail (store == NULL || DC_IS_STORE (store));

  dc_photo_gallery_flush (self);
  g_set_object (&self->store, store);
  g_set_object (&self->patient, patient);
  g_set_object (&self->session, session);
  g_list_store_remove_all (self->photos);
  load_photos (self);
}

void
dc_photo_gallery_set_read_only (DcPhotoGallery *self,
                                gboolean        read_only)
{
  g_return_if_fail (DC_IS_PHOTO_GALLERY (self));

  self->read_only = !!read_only;
  update_state (self);
}

/**
 * dc_photo_gallery_get_photos:
 *
 * Returns: (transfer none): the photos shown, in their order
 */
GListModel *
dc_photo_gallery_get_photos (DcPhotoGallery *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_GALLERY (self), NULL);

  return G_LIST_MODEL (self->shown);
}

gboolean
dc_photo_gallery_get_busy (DcPhotoGallery *self)
{
  g_return_val_if_fail (DC_IS_PHOTO_GALLERY (self), FALSE);

  return self->n_importing > 0 || self->n_removing > 0;
}
