/* dc-session-report.c: the report a patient takes home after a session.
 *
 * What was done, zone by zone on the face chart and in a table; the
 * products and their lots; the session's photos; aftercare written for
 * the device families used; and when to come back. Built from facts read
 * beforehand, so that it can be drawn any number of times, in a worker. */

#include "config.h"

#include "dc-session-report.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <pango/pangocairo.h>

#include "dc-aftercare.h"
#include "dc-face-renderer.h"
#include "dc-photo-library.h"
#include "dc-util.h"
#include "dc-zone-catalogue.h"

/* Photos are embedded at no more than this many pixels per inch of their
 * printed size: sharp on paper, small in an email. */
#define PHOTO_PPI 200.0
#define POINTS_PER_INCH 72.0

/* The locale's date, with a four-digit year. */
char *
dc_report_date_format (void)
{
  g_autoptr(GString) format = g_string_new (nl_langinfo (D_FMT));

  g_string_replace (format, "%y", "%Y", 0);
  return g_string_free (g_steal_pointer (&format), FALSE);
}

char *
dc_report_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *format = NULL;
  g_autofree char *midday = NULL;

  if (iso_date == NULL)
    return NULL;

  midday = g_strconcat (iso_date, "T12:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (midday, NULL);
  if (date == NULL)
    return g_strdup (iso_date);

  format = dc_report_date_format ();
  return g_date_time_format (date, format);
}

char *
dc_report_format_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) utc = timestamp != NULL ? dc_timestamp_parse (timestamp) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *format = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (utc == NULL)
    return NULL;

  local = g_date_time_to_local (utc);
  format = dc_report_date_format ();
  date = g_date_time_format (local, format);
  time = g_date_time_format (local, "%R");
  /* TRANSLATORS: a date and a time, "21/10/2026 at 13:30" */
  return g_strdup_printf (C_("date and time", "%s at %s"), date, time);
}

/* "0.5 mm", with the locale's decimal separator. */
static char *
format_mm (double value)
{
  g_autofree char *number = dc_format_decimal (value);

  /* TRANSLATORS: a length in millimetres */
  return g_strdup_printf (_("%s mm"), number);
}

static char *
flags_text (GType flags_type,
            guint value)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint bit = 0; bit < 32; bit++)
    {
      const char *label;

      if ((value & (1u << bit)) == 0)
        continue;
      label = dc_flag_get_label (flags_type, 1u << bit);
      if (label == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, label);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
device_text (DcDevice *device)
{
  const char *family = dc_enum_get_label (DC_TYPE_DEVICE_KIND, dc_device_get_kind (device));

  /* TRANSLATORS: a device and its family, "Dermapen 4 (motorized pen)" */
  return g_strdup_printf (C_("report", "%s (%s)"), dc_device_get_model (device), family);
}

static char *
lot_text (DcSessionFacts *facts,
          gint64          lot_id)
{
  DcLot *lot = dc_session_facts_lot (facts, lot_id);
  DcProduct *product = dc_session_facts_product_of (facts, lot_id);

  if (lot == NULL || product == NULL)
    return NULL;

  /* TRANSLATORS: a product and its lot number, "Numbing cream, lot LT-24-0815" */
  return g_strdup_printf (C_("report", "%s, lot %s"), dc_product_get_name (product),
                          dc_lot_get_lot_number (lot));
}

/* The settings column of the zone table, by device family. */
static char *
settings_text (DcZoneTreatment *zone,
               DcDevice        *device)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  int speed = dc_zone_treatment_get_speed (zone);
  int needles = dc_zone_treatment_get_needle_count (zone);
  int pins = dc_zone_treatment_get_tip_pins (zone);
  DcRfMode mode = dc_zone_treatment_get_rf_mode (zone);

  if (device == NULL)
    return g_strdup ("");

  switch (dc_device_get_kind (device))
    {
    case DC_DEVICE_PEN:
      if (speed > 0)
        g_ptr_array_add (parts, g_strdup_printf (_("speed %d"), speed));
      if (needles > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d needle",
                                                              "%d needles", needles),
                                                 needles));
      break;

    case DC_DEVICE_ROLLER:
      if (needles > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d needle",
                                                              "%d needles", needles),
                                                 needles));
      break;

    case DC_DEVICE_RF:
      {
        g_autofree char *energy = dc_format_decimal (dc_zone_treatment_get_energy (zone));
        g_autofree char *pulse = dc_format_decimal (dc_zone_treatment_get_pulse_ms (zone));

        if (dc_zone_treatment_get_energy (zone) > 0)
          g_ptr_array_add (parts, dc_device_get_energy_unit (device) == DC_ENERGY_WATT
                                  /* TRANSLATORS: RF energy in watts */
                                  ? g_strdup_printf (_("%s W"), energy)
                                  /* TRANSLATORS: RF energy as a device level */
                                  : g_strdup_printf (_("level %s"), energy));
        if (dc_zone_treatment_get_pulse_ms (zone) > 0)
          /* TRANSLATORS: an RF pulse time in milliseconds */
          g_ptr_array_add (parts, g_strdup_printf (_("%s ms"), pulse));
        if (mode != DC_RF_MODE_NONE)
          g_ptr_array_add (parts, g_strdup (dc_enum_get_label (DC_TYPE_RF_MODE, mode)));
        if (pins > 0)
          g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d-pin tip",
                                                                "%d-pin tip", pins),
                                                   pins));
        if (dc_zone_treatment_get_insulated (zone))
          g_ptr_array_add (parts, g_strdup (_("insulated")));
      }
      break;

    default:
      break;
    }

  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (_(", "), (char **) parts->pdata);
  return g_steal_pointer (&joined);
}

/* The face diagram ------------------------------------------------------- */

typedef struct
{
  GHashTable *depths;    /* zone id → double * */
  GArray     *values;
  gboolean    rtl;       /* the report's direction, from its language */
} Diagram;

static void
diagram_free (gpointer data)
{
  Diagram *diagram = data;

  g_hash_table_unref (diagram->depths);
  g_array_unref (diagram->values);
  g_free (diagram);
}

static void
draw_diagram (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  user_data)
{
  Diagram *diagram = user_data;
  DcFaceRenderOptions options = {
    .view = "frontal",
    .depth_by_zone = diagram->depths,
    .show_legend = TRUE,
    .show_labels = TRUE,
    /* Static fonts embed with their weights; Cantarell is variable. */
    .font_family = "DejaVu Sans, Noto Sans",
    .rtl = diagram->rtl,
  };

  dc_face_render (cr, dc_zone_catalogue_get_default (), &options, width, height);
}

static void
add_diagram (DcReportDocument *document,
             DcSessionFacts   *facts,
             double            width)
{
  Diagram *diagram = g_new0 (Diagram, 1);

  /* The zone ids are copied: the document outlives the facts (the report
   * window saves it after they are gone). */
  diagram->depths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* As the document decides it, from the catalogue (GTK's convention). */
  diagram->rtl = g_strcmp0 (C_("text direction", "default:LTR"), "default:RTL") == 0;
  diagram->values = g_array_sized_new (FALSE, FALSE, sizeof (double), facts->zones->len);
  /* Sized up front: the hash table keeps pointers into the array. */
  g_array_set_size (diagram->values, facts->zones->len);
  for (guint i = 0; i < facts->zones->len; i++)
    {
      DcZoneTreatment *zone = g_ptr_array_index (facts->zones, i);
      double *depth = &g_array_index (diagram->values, double, i);

      *depth = dc_zone_treatment_get_depth_mm (zone);
      g_hash_table_insert (diagram->depths, g_strdup (dc_zone_treatment_get_zone (zone)), depth);
    }

  dc_report_document_add_image (document, width, width * 0.62, draw_diagram, diagram,
                                diagram_free);
}

/* Photos ----------------------------------------------------------------- */

typedef struct
{
  cairo_surface_t *surface;   /* with its JPEG attached */
  char            *caption;
} Photo;

typedef struct
{
  GPtrArray *photos;          /* Photo, up to three */
  double     photo_height;
} PhotoRow;

static void
photo_free (gpointer data)
{
  Photo *photo = data;

  g_clear_pointer (&photo->surface, cairo_surface_destroy);
  g_free (photo->caption);
  g_free (photo);
}

static void
photo_row_free (gpointer data)
{
  PhotoRow *row = data;

  g_ptr_array_unref (row->photos);
  g_free (row);
}

static void
destroy_bytes (void *data)
{
  g_bytes_unref (data);
}

/* A copy from the library scaled to what the page needs, as a JPEG that cairo
 * embeds as it is (CAIRO_MIME_TYPE_JPEG) instead of re-encoding pixels. */
cairo_surface_t *
dc_report_load_photo (const char *path,
                      int         max_width,
                      int         max_height,
                      const char *unique_id)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  cairo_surface_t *surface;
  gchar *buffer = NULL;
  gsize size = 0;
  int width, height, stride, row_stride, channels;
  const guchar *pixels;
  guchar *data;
  char *id;

  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, max_width, max_height, TRUE, &error);
  if (pixbuf == NULL)
    {
      g_warning ("A photo cannot be put in the report: %s", error->message);
      return NULL;
    }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "85",
                                  NULL))
    {
      g_warning ("A photo cannot be put in the report: %s", error->message);
      return NULL;
    }
  jpeg = g_bytes_new_take (buffer, size);

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  row_stride = gdk_pixbuf_get_rowstride (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      const guchar *in = pixels + (gsize) y * row_stride;
      guint32 *out = (guint32 *) (gpointer) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        out[x] = 0xff000000u | ((guint32) in[channels * x] << 16)
                 | ((guint32) in[channels * x + 1] << 8) | in[channels * x + 2];
    }
  cairo_surface_mark_dirty (surface);

  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                               g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                               destroy_bytes, g_bytes_ref (jpeg));
  /* cairo hands the destroy function its closure, not the data. */
  id = g_strdup (unique_id);
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_UNIQUE_ID, (const guchar *) id,
                               strlen (id), g_free, id);
  return surface;
}

typedef struct
{
  char             *path;
  int               max_width;
  int               max_height;
  char             *unique_id;
  cairo_surface_t **target;
} PhotoJob;

static void
photo_job_free (gpointer data)
{
  PhotoJob *job = data;

  g_free (job->path);
  g_free (job->unique_id);
  g_free (job);
}

/**
 * dc_report_photo_jobs_new:
 *
 * Photos are loaded together, on every core, once the report knows which
 * it needs (dc_report_photo_jobs_run()).
 *
 * Returns: (transfer full): an empty list of photos to load
 */
GPtrArray *
dc_report_photo_jobs_new (void)
{
  return g_ptr_array_new_with_free_func (photo_job_free);
}

/* Queues the photo @sha256, to be drawn at most @max_width × @max_height
 * pixels, into *@target. The smallest copy in the library that is large
 * enough is read: decoding a 2400-pixel print copy for a 400-pixel
 * picture wastes most of a report's time. */
void
dc_report_photo_jobs_add (GPtrArray        *jobs,
                          const char       *photo_dir,
                          const char       *sha256,
                          int               max_width,
                          int               max_height,
                          cairo_surface_t **target)
{
  PhotoJob *job = g_new0 (PhotoJob, 1);
  int needed = MAX (max_width, max_height);
  DcPhotoDerivative derivative = DC_PHOTO_DERIVATIVE_PRINT;

  if (needed <= dc_photo_derivative_get_size (DC_PHOTO_DERIVATIVE_THUMBNAIL))
    derivative = DC_PHOTO_DERIVATIVE_THUMBNAIL;
  else if (needed <= dc_photo_derivative_get_size (DC_PHOTO_DERIVATIVE_DISPLAY))
    derivative = DC_PHOTO_DERIVATIVE_DISPLAY;

  job->path = dc_photo_library_get_derivative_path (photo_dir, sha256, derivative);
  job->max_width = max_width;
  job->max_height = max_height;
  job->unique_id = g_strdup_printf ("%s-%dx%d", sha256, max_width, max_height);
  job->target = target;
  g_ptr_array_add (jobs, job);
}

static void
run_photo_job (gpointer data,
               gpointer user_data)
{
  PhotoJob *job = data;

  *job->target = dc_report_load_photo (job->path, job->max_width, job->max_height,
                                       job->unique_id);
}

/* Loads the queued photos, in parallel, and returns when all are done. */
void
dc_report_photo_jobs_run (GPtrArray *jobs)
{
  GThreadPool *pool;

  if (jobs->len == 0)
    return;

  pool = g_thread_pool_new (run_photo_job, NULL, MIN ((guint) g_get_num_processors (), jobs->len),
                            FALSE, NULL);
  for (guint i = 0; i < jobs->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (jobs, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
}

static void
draw_photo_row (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  user_data)
{
  PhotoRow *row = user_data;
  double gap = 10;
  double cell = (width - gap * 2) / 3;

  for (guint i = 0; i < row->photos->len; i++)
    {
      Photo *photo = g_ptr_array_index (row->photos, i);
      double x = i * (cell + gap);
      PangoLayout *layout;
      PangoFontDescription *font;

      if (photo->surface != NULL)
        {
          double sw = cairo_image_surface_get_width (photo->surface);
          double sh = cairo_image_surface_get_height (photo->surface);
          double scale = MIN (cell / sw, row->photo_height / sh);
          double dx = x + (cell - sw * scale) / 2;

          cairo_save (cr);
          cairo_translate (cr, dx, 0);
          cairo_scale (cr, scale, scale);
          cairo_set_source_surface (cr, photo->surface, 0, 0);
          cairo_paint (cr);
          cairo_restore (cr);
        }
      else
        {
          cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
          cairo_rectangle (cr, x, 0, cell, row->photo_height);
          cairo_fill (cr);
        }

      layout = pango_cairo_create_layout (cr);
      /* Points, not pixels, and unrounded glyph positions: the same text
       * on screen, paper and in the PDF (DESIGN.md, Pango in PDF). */
      pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
      pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
      pango_layout_context_changed (layout);
      font = pango_font_description_from_string ("DejaVu Sans 8");
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) (cell * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (layout, photo->caption, -1);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      cairo_move_to (cr, x, row->photo_height + 4);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
}

static int
compare_photos (gconstpointer a,
                gconstpointer b)
{
  DcPhoto *pa = *(DcPhoto **) a;
  DcPhoto *pb = *(DcPhoto **) b;
  int order = (int) dc_photo_get_view (pa) - (int) dc_photo_get_view (pb);

  if (order == 0)
    order = (int) dc_photo_get_phase (pa) - (int) dc_photo_get_phase (pb);
  return order;
}

static void
add_photos (DcReportDocument *document,
            DcSessionFacts   *facts,
            const char       *photo_dir,
            double            width)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) jobs = dc_report_photo_jobs_new ();
  double cell = (width - 20) / 3;
  double photo_height = cell * 1.25;
  PhotoRow *row = NULL;

  for (guint i = 0; i < facts->photos->len; i++)
    g_ptr_array_add (photos, g_object_ref (g_ptr_array_index (facts->photos, i)));
  g_ptr_array_sort (photos, compare_photos);

  for (guint i = 0; i < photos->len; i++)
    {
      DcPhoto *record = g_ptr_array_index (photos, i);
      Photo *photo = g_new0 (Photo, 1);
      int max_width = (int) (cell / POINTS_PER_INCH * PHOTO_PPI);
      int max_height = (int) (photo_height / POINTS_PER_INCH * PHOTO_PPI);

      dc_report_photo_jobs_add (jobs, photo_dir, dc_photo_get_sha256 (record), max_width,
                                max_height, &photo->surface);
      /* TRANSLATORS: a photo's view and phase, "Frontal · Before" */
      photo->caption = g_strdup_printf (C_("photo", "%s · %s"),
                                        dc_enum_get_label (DC_TYPE_PHOTO_VIEW,
                                                           dc_photo_get_view (record)),
                                        dc_enum_get_label (DC_TYPE_PHOTO_PHASE,
                                                           dc_photo_get_phase (record)));

      if (row == NULL)
        {
          row = g_new0 (PhotoRow, 1);
          row->photos = g_ptr_array_new_with_free_func (photo_free);
          row->photo_height = photo_height;
        }
      g_ptr_array_add (row->photos, photo);
      if (row->photos->len == 3 || i == photos->len - 1)
        {
          dc_report_document_add_image (document, width, photo_height + 18, draw_photo_row,
                                        row, photo_row_free);
          row = NULL;
        }
    }

  dc_report_photo_jobs_run (jobs);
}

/* The report ------------------------------------------------------------- */

static void
add_session_facts (DcReportDocument *document,
                   DcPatientFacts   *patient_facts,
                   DcSessionFacts   *facts)
{
  DcSession *session = facts->session;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) devices = g_string_new (NULL);
  g_autoptr(GString) products = g_string_new (NULL);
  GHashTableIter iter;
  gpointer value;

#define PAIR(key, val) G_STMT_START {                     \
    g_ptr_array_add (pairs, g_strdup (key));              \
    g_ptr_array_add (pairs, (val));                        \
  } G_STMT_END

  PAIR (_("Date"), dc_report_format_timestamp (dc_session_get_started_at (session)));
  if (facts->practitioner != NULL)
    PAIR (_("Practitioner"), g_strdup (dc_practitioner_get_name (facts->practitioner)));
  if (dc_session_get_indication (session) != 0)
    PAIR (_("Treated for"), flags_text (DC_TYPE_INDICATION, dc_session_get_indication (session)));

  g_hash_table_iter_init (&iter, facts->devices);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autofree char *text = device_text (value);

      if (devices->len > 0)
        g_string_append (devices, "\n");
      g_string_append (devices, text);
    }
  if (devices->len > 0)
    PAIR (g_hash_table_size (facts->devices) > 1 ? _("Devices") : _("Device"),
          g_strdup (devices->str));

  if (dc_session_get_anaesthetic_lot_id (session) != 0)
    {
      g_autofree char *lot = lot_text (facts, dc_session_get_anaesthetic_lot_id (session));
      const char *strength = dc_session_get_anaesthetic_strength (session);

      PAIR (_("Numbing cream"), strength != NULL && lot != NULL
                                ? g_strdup_printf (C_("report", "%s (%s)"), lot, strength)
                                : g_strdup (lot != NULL ? lot : ""));
    }

  for (guint i = 0; i < facts->product_uses->len; i++)
    {
      DcProductUse *use = g_ptr_array_index (facts->product_uses, i);
      g_autofree char *lot = lot_text (facts, dc_product_use_get_lot_id (use));

      if (lot == NULL)
        continue;
      if (products->len > 0)
        g_string_append (products, "\n");
      g_string_append (products, lot);
      if (dc_product_use_get_amount (use) != NULL)
        g_string_append_printf (products, C_("report", " (%s)"), dc_product_use_get_amount (use));
    }
  if (products->len > 0)
    PAIR (_("Products applied"), g_strdup (products->str));

  if (dc_session_get_endpoint (session) != 0)
    PAIR (_("Endpoint reached"), flags_text (DC_TYPE_ENDPOINT, dc_session_get_endpoint (session)));

  if (dc_session_get_status (session) == DC_SESSION_SIGNED && facts->signer != NULL)
    {
      g_autofree char *when = dc_report_format_timestamp (dc_session_get_signed_at (session));

      /* TRANSLATORS: who signed the record, and when */
      PAIR (_("Signed"), g_strdup_printf (_("%s, %s"), dc_practitioner_get_name (facts->signer),
                                          when));
    }
  else
    {
      PAIR (_("Record"), g_strdup (_("Draft, not yet signed")));
    }

#undef PAIR

  g_ptr_array_add (pairs, NULL);
  dc_report_document_add_facts (document, (const char *const *) pairs->pdata);
}

/* Corrections made after signing: kept with the record, and shown. */
static void
add_addenda (DcReportDocument *document,
             DcSessionFacts   *facts)
{
  dc_report_document_add_heading (document, 1, _("Addenda"));
  dc_report_document_add_paragraph (document, _("Added after the record was signed. The record "
                                                "itself stays as it was signed."));

  for (guint i = 0; i < facts->addenda->len; i++)
    {
      DcAddendum *addendum = g_ptr_array_index (facts->addenda, i);
      g_autofree char *when = dc_report_format_timestamp (dc_addendum_get_written_at (addendum));
      const char *author = dc_session_facts_person_name (facts,
                                                         dc_addendum_get_author_id (addendum));
      const char *pairs[7];
      g_autofree char *byline = NULL;

      /* TRANSLATORS: who wrote an addendum, and when */
      byline = g_strdup_printf (_("%s, %s"), author != NULL ? author : "", when);
      pairs[0] = _("Written");
      pairs[1] = byline;
      pairs[2] = _("Reason");
      pairs[3] = dc_addendum_get_reason (addendum);
      pairs[4] = _("Addendum");
      pairs[5] = dc_addendum_get_text (addendum);
      pairs[6] = NULL;
      dc_report_document_add_facts (document, pairs);
    }
}

static void
add_zone_table (DcReportDocument *document,
                DcSessionFacts   *facts)
{
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  const char *headers[] = {
    _("Zone"), _("Device"), _("Depth"), _("Passes"), _("Settings"), NULL,
  };
  static const double weights[] = { 2.1, 1.8, 1.25, 1.05, 2.5 };

  dc_report_document_add_table (document, headers, weights);
  for (guint i = 0; i < facts->zones->len; i++)
    {
      DcZoneTreatment *zone = g_ptr_array_index (facts->zones, i);
      const DcZone *info = dc_zone_catalogue_lookup (catalogue, dc_zone_treatment_get_zone (zone));
      DcDevice *device = dc_session_facts_device (facts, dc_zone_treatment_get_device_id (zone));
      g_autofree char *depth = format_mm (dc_zone_treatment_get_depth_mm (zone));
      g_autofree char *passes = g_strdup_printf ("%d", dc_zone_treatment_get_passes (zone));
      g_autofree char *settings = settings_text (zone, device);
      g_autofree char *name = NULL;
      const char *cells[6];

      /* A depth outside the usual range is shown with the reason given. */
      const char *zone_name = info != NULL ? dc_zone_get_name (info)
                                           : dc_zone_treatment_get_zone (zone);

      if (dc_zone_treatment_get_guidance_reason (zone) != NULL)
        name = g_strdup_printf (C_("report", "%s*"), zone_name);
      else
        name = g_strdup (zone_name);

      cells[0] = name;
      cells[1] = device != NULL ? dc_device_get_model (device) : "";
      cells[2] = depth;
      cells[3] = passes;
      cells[4] = settings;
      cells[5] = NULL;
      dc_report_document_add_table_row (document, cells);
    }

  for (guint i = 0; i < facts->zones->len; i++)
    {
      DcZoneTreatment *zone = g_ptr_array_index (facts->zones, i);
      const DcZone *info = dc_zone_catalogue_lookup (catalogue, dc_zone_treatment_get_zone (zone));
      g_autofree char *note = NULL;

      if (dc_zone_treatment_get_guidance_reason (zone) == NULL)
        continue;
      /* TRANSLATORS: a zone treated outside the usual depth, and why */
      note = g_strdup_printf (_("* %s: deeper or shallower than usual for this zone, because: %s"),
                              info != NULL ? dc_zone_get_name (info) : "",
                              dc_zone_treatment_get_guidance_reason (zone));
      dc_report_document_add_paragraph (document, note);
    }
}

static void
add_aftercare (DcReportDocument *document,
               DcSessionFacts   *facts)
{
  g_autoptr(GPtrArray) sections = dc_aftercare_get_sections (facts->families);

  dc_report_document_add_heading (document, 1, _("Aftercare"));
  for (guint i = 0; i < sections->len; i++)
    {
      DcAftercareSection *section = g_ptr_array_index (sections, i);

      dc_report_document_add_heading (document, 2, section->title);
      for (guint j = 0; section->items[j] != NULL; j++)
        {
          /* TRANSLATORS: a bullet point */
          g_autofree char *item = g_strdup_printf (_("• %s"), section->items[j]);

          dc_report_document_add_paragraph (document, item);
        }
    }
}

static void
add_next_visit (DcReportDocument *document,
                DcSessionFacts   *facts)
{
  const char *booked = dc_session_get_next_visit (facts->session);
  g_autofree char *text = NULL;

  dc_report_document_add_heading (document, 1, _("Your Next Visit"));
  if (booked != NULL)
    {
      g_autofree char *date = dc_report_format_date (booked);

      /* TRANSLATORS: %s is a date */
      text = g_strdup_printf (_("Your next session is planned for %s."), date);
    }
  else
    {
      const char *started_at = dc_session_get_started_at (facts->session);
      g_autoptr(GDateTime) started = dc_timestamp_parse (started_at);
      g_autoptr(GDateTime) from = started != NULL ? g_date_time_add_weeks (started, 4) : NULL;
      g_autoptr(GDateTime) to = started != NULL ? g_date_time_add_weeks (started, 6) : NULL;
      g_autofree char *format = dc_report_date_format ();
      g_autofree char *from_text = from != NULL ? g_date_time_format (from, format) : NULL;
      g_autofree char *to_text = to != NULL ? g_date_time_format (to, format) : NULL;

      if (facts->families == (1u << DC_DEVICE_RF))
        text = g_strdup (_("We recommend your next session in four to six weeks. Please call "
                           "the clinic to book it."));
      else if (from_text != NULL && to_text != NULL)
        /* TRANSLATORS: two dates, four and six weeks after the session */
        text = g_strdup_printf (_("We recommend your next session in four to six weeks, between "
                                  "%s and %s. Please call the clinic to book it."),
                                from_text, to_text);
      else
        text = g_strdup (_("We recommend your next session in four to six weeks. Please call "
                           "the clinic to book it."));
    }

  dc_report_document_add_paragraph (document, text);
}

/* The clinic in the header, the patient and the confidentiality line in
 * the footer: the same on every report. */
void
dc_report_set_header (DcReportDocument *document,
                      DcPatientFacts   *facts)
{
  DcClinic *clinic = facts->clinic;
  g_autoptr(GStrvBuilder) contact = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *name = g_strdup_printf ("%s %s", dc_patient_get_given_name (facts->patient),
                                           dc_patient_get_family_name (facts->patient));
  g_autofree char *birth = dc_report_format_date (dc_patient_get_birth_date (facts->patient));

  if (dc_clinic_get_address (clinic) != NULL)
    {
      g_auto(GStrv) address = g_strsplit (dc_clinic_get_address (clinic), "\n", -1);
      g_autofree char *one_line = g_strjoinv (_(", "), address);

      g_strv_builder_add (contact, one_line);
    }
  if (dc_clinic_get_phone (clinic) != NULL || dc_clinic_get_email (clinic) != NULL)
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      if (dc_clinic_get_phone (clinic) != NULL)
        g_ptr_array_add (parts, (gpointer) dc_clinic_get_phone (clinic));
      if (dc_clinic_get_email (clinic) != NULL)
        g_ptr_array_add (parts, (gpointer) dc_clinic_get_email (clinic));
      if (dc_clinic_get_website (clinic) != NULL)
        g_ptr_array_add (parts, (gpointer) dc_clinic_get_website (clinic));
      g_ptr_array_add (parts, NULL);
      joined = g_strjoinv (" · ", (char **) parts->pdata);
      g_strv_builder_add (contact, joined);
    }
  lines = g_strv_builder_end (contact);

  dc_report_document_set_clinic (document,
                                 dc_clinic_get_name (clinic) != NULL ? dc_clinic_get_name (clinic)
                                                                     : "",
                                 (const char *const *) lines, dc_clinic_get_logo (clinic));
  dc_report_document_set_patient (document, name, birth);
  dc_report_document_set_confidentiality (document,
                                          _("Confidential: this report is part of your medical "
                                            "record. Keep it safe and share it only with people "
                                            "who treat you."));
}

/**
 * dc_session_report_build:
 * @facts: a patient with the one session to report
 * @photo_dir: the photo library
 *
 * Returns: (transfer full): the report, laid out
 */
DcReportDocument *
dc_session_report_build (DcPatientFacts *facts,
                         DcReportPaper   paper,
                         const char     *photo_dir)
{
  DcReportDocument *document;
  DcSessionFacts *session;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (facts != NULL && facts->sessions->len > 0, NULL);
  g_return_val_if_fail (photo_dir != NULL, NULL);

  session = g_ptr_array_index (facts->sessions, facts->sessions->len - 1);
  document = dc_report_document_new (paper);

  date = dc_report_format_timestamp (dc_session_get_started_at (session->session));
  /* TRANSLATORS: the title of a session report; %s is a date and time */
  title = g_strdup_printf (_("Microneedling Treatment, %s"), date);
  dc_report_document_set_title (document, title);
  subject = g_strdup_printf ("%s %s", dc_patient_get_given_name (facts->patient),
                             dc_patient_get_family_name (facts->patient));
  dc_report_document_set_subject (document, subject);
  dc_report_set_header (document, facts);

  dc_report_document_add_heading (document, 1, title);
  add_session_facts (document, facts, session);

  dc_report_document_add_heading (document, 1, _("Treated Zones"));
  if (session->zones->len > 0)
    {
      add_diagram (document, session, dc_report_document_get_content_width (document));
      add_zone_table (document, session);
    }
  else
    {
      dc_report_document_add_paragraph (document, _("No zones were recorded for this session."));
    }

  if (session->photos->len > 0)
    {
      dc_report_document_add_heading (document, 1, _("Photos"));
      add_photos (document, session, photo_dir,
                  dc_report_document_get_content_width (document));
    }

  if (session->addenda->len > 0)
    add_addenda (document, session);

  add_aftercare (document, session);
  add_next_visit (document, session);

  return document;
}
