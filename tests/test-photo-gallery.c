/* test-photo-gallery.c: a session's photos on the session page: importing
 * in the background, refused files named, removal with undo from drafts
 * only. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dc-demo-photos.h"
#include "dc-model.h"
#include "dc-photo-gallery.h"
#include "dc-test-util.h"

static gboolean has_display;

typedef struct
{
  StoreFixture    store;
  DcPatient      *patient;
  DcSession      *session;
  GtkWidget      *window;
  AdwToastOverlay *overlay;
  DcPhotoGallery *gallery;
  char           *input;
} Fixture;

#define SKIP_WITHOUT_DISPLAY()                                   \
  G_STMT_START {                                                 \
    if (!has_display)                                            \
      {                                                          \
        g_test_skip ("No display to show the gallery on");       \
        return;                                                  \
      }                                                          \
  } G_STMT_END

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!has_display)
    return;

  store_fixture_setup (&fixture->store, data);
  fixture->patient = make_patient ("Gallery", "Test", "1990-02-03");
  dc_patient_set_consent (fixture->patient, DC_CONSENT_CLINICAL | DC_CONSENT_TEACHING);
  g_assert_true (dc_store_save (fixture->store.store, DC_RECORD (fixture->patient), &error));
  fixture->session = dc_session_new ();
  dc_session_set_patient_id (fixture->session, dc_record_get_id (DC_RECORD (fixture->patient)));
  dc_session_set_started_at (fixture->session, "2026-11-20T09:00:00Z");
  g_assert_true (dc_store_save (fixture->store.store, DC_RECORD (fixture->session), &error));
  g_assert_no_error (error);

  fixture->input = g_build_filename (fixture->store.dir, "input", NULL);
  g_assert_cmpint (g_mkdir (fixture->input, 0700), ==, 0);

  fixture->gallery = DC_PHOTO_GALLERY (dc_photo_gallery_new ());
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, GTK_WIDGET (fixture->gallery));
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->overlay));
  g_object_ref (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  dc_photo_gallery_set_session (fixture->gallery, fixture->store.store, fixture->patient,
                                fixture->session);
  wait_for_store (fixture->store.store);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (!has_display)
    return;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->session);
  g_free (fixture->input);
  store_fixture_teardown (&fixture->store, data);
}

/* Writes a synthetic photo (a drawn mannequin, no one's face). */
static char *
write_photo (Fixture     *fixture,
             const char  *name,
             DcPhotoView  view)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = dc_demo_photo_render (view, DC_PHOTO_PHASE_BEFORE, 3, 0.5,
                                                  name, &error);
  char *path = g_build_filename (fixture->input, name, NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
  return path;
}

static gboolean
not_busy (gpointer data)
{
  return !dc_photo_gallery_get_busy (data);
}

static gboolean
busy (gpointer data)
{
  return dc_photo_gallery_get_busy (data);
}

/* Puts @path on the clipboard as the file manager does. */
static void
copy_files (Fixture    *fixture,
            const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GdkFileList *list = gdk_file_list_new_from_array (&file, 1);

  gdk_clipboard_set (gtk_widget_get_clipboard (GTK_WIDGET (fixture->gallery)),
                     GDK_TYPE_FILE_LIST, list);
  g_boxed_free (GDK_TYPE_FILE_LIST, list);
}

static guint
count_stored (Fixture *fixture)
{
  g_autoptr(GListModel) photos = dc_store_list (fixture->store.store, DC_TYPE_PHOTO,
                                                dc_record_get_id (DC_RECORD (fixture->session)),
                                                NULL);

  return g_list_model_get_n_items (photos);
}

/* The pictures of the tiles on screen, and how many show a thumbnail. */
static void
collect_pictures (GtkWidget *widget,
                  GPtrArray *pictures)
{
  if (GTK_IS_PICTURE (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (pictures, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_pictures (child, pictures);
}

static gboolean
thumbnails_shown (gpointer data)
{
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();

  collect_pictures (data, pictures);
  for (guint i = 0; i < pictures->len; i++)
    if (gtk_picture_get_paintable (g_ptr_array_index (pictures, i)) == NULL)
      return FALSE;
  return pictures->len > 0;
}

/* Each thumbnail is as large as its tile, in device pixels: GTK's cairo
 * renderer then copies it instead of scaling it in every frame. */
static void
assert_thumbnails_fit_tiles (Fixture *fixture,
                             guint    n_expected)
{
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (fixture->gallery));

  wait_until (thumbnails_shown, fixture->gallery);
  gtk_test_widget_wait_for_draw (fixture->window);
  collect_pictures (GTK_WIDGET (fixture->gallery), pictures);
  g_assert_cmpuint (pictures->len, ==, n_expected);
  for (guint i = 0; i < pictures->len; i++)
    {
      GtkWidget *picture = g_ptr_array_index (pictures, i);
      GdkPaintable *thumbnail = gtk_picture_get_paintable (GTK_PICTURE (picture));

      g_assert_cmpint (gtk_widget_get_width (picture), >, 0);
      g_assert_cmpint (gdk_paintable_get_intrinsic_width (thumbnail), ==,
                       gtk_widget_get_width (picture) * scale);
      g_assert_cmpint (gdk_paintable_get_intrinsic_height (thumbnail), ==,
                       gtk_widget_get_height (picture) * scale);
    }
}

/* Three photos and a text file named like one: the photos come in, with
 * the views of a series guessed from their order and the patient's
 * consent; the text file is refused by name and leaves nothing behind. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *frontal = NULL;
  g_autofree char *oblique = NULL;
  g_autofree char *other = NULL;
  g_autofree char *fake = NULL;
  g_autofree char *pasted = NULL;
  GListModel *photos;
  g_autoptr(DcPhoto) first = NULL;
  g_autoptr(DcPhoto) second = NULL;

  SKIP_WITHOUT_DISPLAY ();

  frontal = write_photo (fixture, "1-frontal.jpg", DC_PHOTO_VIEW_FRONTAL);
  oblique = write_photo (fixture, "2-oblique.jpg", DC_PHOTO_VIEW_OBLIQUE_RIGHT);
  other = write_photo (fixture, "3-oblique.jpg", DC_PHOTO_VIEW_OBLIQUE_LEFT);
  pasted = write_photo (fixture, "4-after.jpg", DC_PHOTO_VIEW_FRONTAL);
  fake = g_build_filename (fixture->input, "notes.jpg", NULL);
  g_assert_true (g_file_set_contents (fake, "not a photo", -1, NULL));

  photos = dc_photo_gallery_get_photos (fixture->gallery);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 0);

  dc_photo_gallery_import (fixture->gallery,
                           (const char *const[]) { frontal, oblique, fake, other, NULL },
                           DC_PHOTO_PHASE_BEFORE, TRUE);
  g_assert_true (dc_photo_gallery_get_busy (fixture->gallery));
  wait_until (not_busy, fixture->gallery);

  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 3);
  g_assert_cmpuint (count_stored (fixture), ==, 3);
  first = g_list_model_get_item (photos, 0);
  second = g_list_model_get_item (photos, 1);
  /* Sorted by view, the frontal first; the others were guessed as other
   * views of the series. */
  g_assert_cmpint (dc_photo_get_view (first), ==, DC_PHOTO_VIEW_FRONTAL);
  g_assert_cmpint (dc_photo_get_view (second), >, DC_PHOTO_VIEW_FRONTAL);
  g_assert_cmpint (dc_photo_get_phase (first), ==, DC_PHOTO_PHASE_BEFORE);
  g_assert_cmpint (dc_photo_get_consent (first), ==,
                   DC_CONSENT_CLINICAL | DC_CONSENT_TEACHING);
  assert_thumbnails_fit_tiles (fixture, 3);

  /* A file copied in the file manager and pasted comes in too, as an
   * "after" photo now that the session has photos. */
  copy_files (fixture, pasted);
  gtk_widget_activate_action (GTK_WIDGET (fixture->gallery), "gallery.paste", NULL);
  wait_until (busy, fixture->gallery);
  wait_until (not_busy, fixture->gallery);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 4);
  {
    g_autoptr(DcPhoto) last = g_list_model_get_item (photos, 3);

    g_assert_cmpint (dc_photo_get_phase (last), ==, DC_PHOTO_PHASE_AFTER);
  }

  /* The same files again change nothing. */
  dc_photo_gallery_import (fixture->gallery, (const char *const[]) { frontal, NULL },
                           DC_PHOTO_PHASE_AFTER, FALSE);
  wait_until (not_busy, fixture->gallery);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 4);
  g_assert_cmpuint (count_stored (fixture), ==, 4);
}

static gboolean
n_stored_is (gpointer data)
{
  gpointer *args = data;

  return count_stored (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* Removal hides the photo at once; Undo brings it back with nothing
 * deleted; otherwise it is deleted when the offer goes. */
static void
test_remove_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *frontal = NULL;
  g_autofree char *lateral = NULL;
  GListModel *photos;
  g_autoptr(DcPhoto) photo = NULL;
  AdwToast *toast;
  gpointer args[2] = { fixture, GUINT_TO_POINTER (1) };

  SKIP_WITHOUT_DISPLAY ();

  frontal = write_photo (fixture, "frontal.jpg", DC_PHOTO_VIEW_FRONTAL);
  lateral = write_photo (fixture, "lateral.jpg", DC_PHOTO_VIEW_LATERAL_LEFT);
  dc_photo_gallery_import (fixture->gallery, (const char *const[]) { frontal, lateral, NULL },
                           DC_PHOTO_PHASE_BEFORE, FALSE);
  wait_until (not_busy, fixture->gallery);
  photos = dc_photo_gallery_get_photos (fixture->gallery);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 2);

  photo = g_list_model_get_item (photos, 0);
  toast = dc_photo_gallery_remove (fixture->gallery, photo);
  g_assert_nonnull (toast);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 1);
  g_assert_cmpuint (count_stored (fixture), ==, 2);

  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 2);
  adw_toast_dismiss (toast);
  wait_for_store (fixture->store.store);
  g_assert_cmpuint (count_stored (fixture), ==, 2);

  /* This time the offer goes by: the record is deleted. */
  toast = dc_photo_gallery_remove (fixture->gallery, photo);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 1);
  adw_toast_dismiss (toast);
  g_assert_true (dc_photo_gallery_get_busy (fixture->gallery));
  wait_until (not_busy, fixture->gallery);
  g_assert_true (n_stored_is (args));
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 1);
}

/* A signed session's photos stay, and none can be added. */
static void
test_signed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *frontal = NULL;
  g_autofree char *frontal_copy = NULL;
  g_autoptr(DcPhoto) photo = NULL;
  g_autoptr(DcPractitioner) practitioner = dc_practitioner_new ();
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_DISPLAY ();

  frontal = write_photo (fixture, "frontal.jpg", DC_PHOTO_VIEW_FRONTAL);
  frontal_copy = write_photo (fixture, "lateral.jpg", DC_PHOTO_VIEW_LATERAL_RIGHT);
  dc_photo_gallery_import (fixture->gallery, (const char *const[]) { frontal, NULL },
                           DC_PHOTO_PHASE_BEFORE, FALSE);
  wait_until (not_busy, fixture->gallery);

  dc_practitioner_set_name (practitioner, "Dr. Test");
  g_assert_true (dc_store_save (fixture->store.store, DC_RECORD (practitioner), &error));
  dc_session_set_status (fixture->session, DC_SESSION_SIGNED);
  dc_session_set_signed_by (fixture->session, dc_record_get_id (DC_RECORD (practitioner)));
  dc_session_set_signed_at (fixture->session, "2026-11-20T10:00:00Z");
  g_assert_true (dc_store_save (fixture->store.store, DC_RECORD (fixture->session), &error));
  g_assert_no_error (error);
  dc_photo_gallery_set_read_only (fixture->gallery, TRUE);

  /* Pasting a photo file does nothing. */
  copy_files (fixture, frontal_copy);
  gtk_widget_activate_action (GTK_WIDGET (fixture->gallery), "gallery.paste", NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (dc_photo_gallery_get_busy (fixture->gallery));

  photo = g_list_model_get_item (dc_photo_gallery_get_photos (fixture->gallery), 0);
  g_assert_null (dc_photo_gallery_remove (fixture->gallery, photo));
  g_assert_cmpuint (g_list_model_get_n_items (dc_photo_gallery_get_photos (fixture->gallery)),
                    ==, 1);
  g_assert_cmpuint (count_stored (fixture), ==, 1);
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

#define ADD(path, func) \
  g_test_add ("/photo-gallery/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("import", test_import);
  ADD ("remove-undo", test_remove_undo);
  ADD ("signed", test_signed);
#undef ADD

  return g_test_run ();
}
