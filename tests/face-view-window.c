/* face-view-window.c: the face chart alone in a window, for the AT-SPI
 * check (check-atspi-zones.py). Prints "selected: ZONE,ZONE" on stdout
 * whenever the selection changes, so the check can see what a screen
 * reader's action did. */

#include "config.h"

#include <adwaita.h>

#include "dc-face-view.h"
#include "dc-model.h"

static void
selection_changed_cb (DcFaceView *view,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  const char *const *zones = dc_face_view_get_selected_zones (view);
  g_autofree char *text = g_strjoinv (",", (char **) zones);

  g_print ("selected: %s\n", text);
}

static void
activate_cb (GtkApplication *app,
             gpointer        user_data)
{
  g_autoptr(GListStore) treatments = g_list_store_new (DC_TYPE_ZONE_TREATMENT);
  g_autoptr(DcZoneTreatment) forehead = dc_zone_treatment_new ();
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *view = dc_face_view_new ();

  dc_zone_treatment_set_zone (forehead, "forehead");
  dc_zone_treatment_set_depth_mm (forehead, 0.5);
  g_list_store_append (treatments, forehead);
  dc_face_view_set_treatments (DC_FACE_VIEW (view), G_LIST_MODEL (treatments));

  g_signal_connect (view, "notify::selected-zones", G_CALLBACK (selection_changed_cb), NULL);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), view);
  gtk_window_set_title (GTK_WINDOW (window), "Face chart check");
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_print ("ready\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  /* Unbuffered, so the check sees each line as it happens. */
  setvbuf (stdout, NULL, _IONBF, 0);

  app = adw_application_new ("io.github.dermachart.Dermachart.FaceViewCheck",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
