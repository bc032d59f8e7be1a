/* dc-startup-timing.c: how long the window takes to appear.
 *
 * With DERMACHART_TIMING set, the program prints two figures on standard
 * output, in milliseconds of monotonic time since main() began:
 *
 *   dermachart-timing: first-frame 182.4
 *   dermachart-timing: patients-shown 214.9
 *
 * "first-frame" when the main window's frame clock has painted its first
 * frame ("after-paint"), "patients-shown" after the first frame that shows
 * the patient list filled from the database. With DERMACHART_TIMING=exit
 * the program then quits, which is what the benchmark asks for. Nothing is
 * measured otherwise. */

#include "config.h"

#include "dc-startup-timing.h"

#include <stdio.h>

static gint64 start_time;

typedef struct
{
  DcWindow      *window;
  GdkFrameClock *clock;
  gulong         paint_handler;
  gboolean       first_painted;
  gboolean       list_loaded;
} Watch;

static double
elapsed_ms (void)
{
  return (g_get_monotonic_time () - start_time) / 1000.0;
}

/* Called first thing in main(). */
void
dc_startup_timing_begin (void)
{
  start_time = g_get_monotonic_time ();
}

static void
watch_free (Watch *watch)
{
  if (watch->clock != NULL)
    g_clear_signal_handler (&watch->paint_handler, watch->clock);
  g_clear_object (&watch->clock);
  g_free (watch);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  DcPatientList *list = dc_window_get_patient_list (watch->window);

  if (!watch->first_painted)
    {
      watch->first_painted = TRUE;
      printf ("dermachart-timing: first-frame %.1f\n", elapsed_ms ());
      fflush (stdout);
    }

  /* The frame after the results arrived is the one that shows them. */
  if (watch->list_loaded)
    {
      printf ("dermachart-timing: patients-shown %.1f\n", elapsed_ms ());
      fflush (stdout);
      g_clear_signal_handler (&watch->paint_handler, clock);
      if (g_strcmp0 (g_getenv ("DERMACHART_TIMING"), "exit") == 0)
        g_application_quit (g_application_get_default ());
      return;
    }
  if (list != NULL && dc_patient_list_get_has_patients (list)
      && !dc_patient_list_get_loading (list))
    {
      watch->list_loaded = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (watch->window));
    }
}

static void
loading_changed_cb (DcPatientList *list,
                    GParamSpec    *pspec,
                    Watch         *watch)
{
  /* Make sure a frame follows, even if nothing else would ask for one. */
  if (watch->clock != NULL)
    gdk_frame_clock_request_phase (watch->clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
realize_cb (GtkWidget *widget,
            Watch     *watch)
{
  watch->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  watch->paint_handler = g_signal_connect (watch->clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), watch);
}

/* Call before presenting the window; does nothing unless asked for. */
void
dc_startup_timing_watch (DcWindow *window)
{
  Watch *watch;

  if (g_getenv ("DERMACHART_TIMING") == NULL || start_time == 0)
    return;

  watch = g_new0 (Watch, 1);
  watch->window = window;
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), watch);
  g_signal_connect (dc_window_get_patient_list (window), "notify::loading",
                    G_CALLBACK (loading_changed_cb), watch);
  g_object_weak_ref (G_OBJECT (window), (GWeakNotify) watch_free, watch);
}
