/* dc-timeline-report.c: a patient's course of sessions, on paper.
 *
 * A time axis with every session and the weeks between them (under four
 * weeks is flagged, as protocols space pen sessions four to six weeks
 * apart); the sessions in a table; the depth of every zone in every
 * session as a heat map; the side effects and how long they lasted
 * against their usual duration; and each standard photo view across the
 * sessions, at one scale. Long histories are cut into pieces of at most
 * SESSIONS_PER_FIGURE sessions, so that nothing is squeezed or clipped. */

#include "config.h"

#include "dc-timeline-report.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "dc-face-renderer.h"
#include "dc-photo-library.h"
#include "dc-session-report.h"
#include "dc-util.h"
#include "dc-zone-catalogue.h"

#define SESSIONS_PER_FIGURE 8
#define MIN_INTERVAL_DAYS 28
#define PHOTOS_PER_ROW 4
#define PHOTO_PPI 200.0
#define FONT_FAMILY "DejaVu Sans, Noto Sans"

/* Text on the figures -------------------------------------------------- */

static void
show_text (cairo_t        *cr,
           const char     *text,
           double          x,
           double          y,
           double          width,
           double          size,
           gboolean        bold,
           PangoAlignment  alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  /* Points, unrounded: the same on paper, in the PDF and on screen. */
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);

  pango_font_description_free (font);
  g_object_unref (layout);
}

static GDateTime *
session_time (DcSessionFacts *session)
{
  return dc_timestamp_parse (dc_session_get_started_at (session->session));
}

static char *
session_date (DcSessionFacts *session)
{
  g_autoptr(GDateTime) utc = session_time (session);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *format = dc_report_date_format ();

  return local != NULL ? g_date_time_format (local, format) : g_strdup ("");
}

/* Whole days between two sessions' local dates. */
static int
days_between (DcSessionFacts *earlier,
              DcSessionFacts *later)
{
  g_autoptr(GDateTime) a = session_time (earlier);
  g_autoptr(GDateTime) b = session_time (later);
  g_autoptr(GDateTime) la = NULL;
  g_autoptr(GDateTime) lb = NULL;
  g_autoptr(GDateTime) da = NULL;
  g_autoptr(GDateTime) db = NULL;

  if (a == NULL || b == NULL)
    return -1;
  la = g_date_time_to_local (a);
  lb = g_date_time_to_local (b);
  da = g_date_time_new_local (g_date_time_get_year (la), g_date_time_get_month (la),
                              g_date_time_get_day_of_month (la), 12, 0, 0);
  db = g_date_time_new_local (g_date_time_get_year (lb), g_date_time_get_month (lb),
                              g_date_time_get_day_of_month (lb), 12, 0, 0);
  return (int) round (g_date_time_difference (db, da) / (double) G_TIME_SPAN_DAY);
}

static char *
weeks_text (int days)
{
  int weeks = (int) round (days / 7.0);

  /* TRANSLATORS: an interval between two sessions, "6 weeks" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", weeks), weeks);
}

/* A colour per device family, for the time axis and its key. */
static void
family_colour (DcSessionFacts *session,
               double          rgb[3])
{
  static const double colours[][3] = {
    { 0.17, 0.45, 0.65 },   /* pen */
    { 0.36, 0.58, 0.33 },   /* roller */
    { 0.61, 0.29, 0.55 },   /* RF */
  };
  int kind = DC_DEVICE_PEN;

  if (session->families & (1u << DC_DEVICE_RF))
    kind = DC_DEVICE_RF;
  else if (session->families & (1u << DC_DEVICE_ROLLER))
    kind = DC_DEVICE_ROLLER;
  rgb[0] = colours[kind][0];
  rgb[1] = colours[kind][1];
  rgb[2] = colours[kind][2];
}

static char *
families_text (DcSessionFacts *session)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int kind = DC_DEVICE_PEN; kind <= DC_DEVICE_RF; kind++)
    {
      if ((session->families & (1u << kind)) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, dc_enum_get_label (DC_TYPE_DEVICE_KIND, kind));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A piece of the course: sessions [first, first + n). */
typedef struct
{
  GPtrArray *sessions;   /* DcSessionFacts, not owned */
  guint      first;
  guint      n;
  GPtrArray *zone_ids;   /* the zones treated in any session, catalogue order */
} Piece;

static void
piece_free (gpointer data)
{
  Piece *piece = data;

  g_ptr_array_unref (piece->sessions);
  if (piece->zone_ids != NULL)
    g_ptr_array_unref (piece->zone_ids);
  g_free (piece);
}

static Piece *
piece_new (GPtrArray *sessions,
           guint      first,
           guint      n,
           GPtrArray *zone_ids)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->sessions = g_ptr_array_ref (sessions);
  piece->first = first;
  piece->n = n;
  piece->zone_ids = zone_ids != NULL ? g_ptr_array_ref (zone_ids) : NULL;
  return piece;
}

/* The time axis ---------------------------------------------------------- */

static void
draw_axis (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  Piece *piece = user_data;
  /* Sessions that take more than one row are spaced alike in every row,
   * and a row that goes on from the one above starts with half a step,
   * where the interval from the session before it is written. */
  gboolean wraps = piece->sessions->len > SESSIONS_PER_FIGURE;
  gboolean last = piece->first + piece->n == piece->sessions->len;
  double lead = piece->first > 0 ? 0.5 : 0;
  double left = wraps ? 40 : 30, right = width - 30;
  double axis_y = height * 0.5;
  double slots = wraps ? SESSIONS_PER_FIGURE - 0.5 : piece->n - 1;
  double step = slots > 0 ? (right - left) / slots : 0;
  double end = wraps && last ? left + (piece->n - 1 + lead) * step : right;

  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, left - 12, axis_y);
  cairo_line_to (cr, end + 12, axis_y);
  cairo_stroke (cr);

  for (guint i = 0; i < piece->n; i++)
    {
      guint index = piece->first + i;
      DcSessionFacts *session = g_ptr_array_index (piece->sessions, index);
      double x = slots > 0 ? left + (i + lead) * step : width / 2;
      g_autofree char *date = session_date (session);
      double rgb[3];

      /* The interval from the one before, above the axis, between them. */
      if (index > 0)
        {
          DcSessionFacts *previous = g_ptr_array_index (piece->sessions, index - 1);
          int days = days_between (previous, session);
          g_autofree char *interval = days >= 0 ? weeks_text (days) : NULL;
          /* Between the dots, and before the first of a row. */
          double mid = x - step / 2;
          gboolean short_interval = days >= 0 && days < MIN_INTERVAL_DAYS;

          if (interval != NULL)
            {
              if (short_interval)
                cairo_set_source_rgb (cr, 0.75, 0.35, 0.0);
              else
                cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
              show_text (cr, interval, mid - 40, axis_y - 26, 80, 7.5, short_interval,
                         PANGO_ALIGN_CENTER);
            }
        }

      family_colour (session, rgb);
      /* Text leaves a current point; the dot must not start from it. */
      cairo_new_path (cr);
      cairo_arc (cr, x, axis_y, 6, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      show_text (cr, date, x - 40, axis_y + 12, 80, 7.5, FALSE, PANGO_ALIGN_CENTER);
    }
}

static void
add_axis (DcReportDocument *document,
          GPtrArray        *sessions,
          double            width)
{
  for (guint first = 0; first < sessions->len; first += SESSIONS_PER_FIGURE)
    {
      guint n = MIN (SESSIONS_PER_FIGURE, sessions->len - first);

      dc_report_document_add_image (document, width, 64, draw_axis,
                                    piece_new (sessions, first, n, NULL), piece_free);
    }
}

static void
add_sessions_table (DcReportDocument *document,
                    GPtrArray        *sessions)
{
  const char *headers[] = {
    _("Date"), _("Interval"), _("Device"), _("Zones"), _("Deepest"), _("Practitioner"), NULL,
  };
  static const double weights[] = { 1.4, 1.2, 1.8, 0.8, 1.0, 1.8 };

  dc_report_document_add_table (document, headers, weights);
  for (guint i = 0; i < sessions->len; i++)
    {
      DcSessionFacts *session = g_ptr_array_index (sessions, i);
      g_autofree char *date = session_date (session);
      g_autofree char *interval = NULL;
      g_autofree char *families = families_text (session);
      g_autofree char *zones = g_strdup_printf ("%u", session->zones->len);
      g_autofree char *deepest = NULL;
      double max = 0;
      const char *cells[7];

      if (i > 0)
        {
          int days = days_between (g_ptr_array_index (sessions, i - 1), session);
          g_autofree char *weeks = days >= 0 ? weeks_text (days) : g_strdup ("");

          interval = days >= 0 && days < MIN_INTERVAL_DAYS
                     /* TRANSLATORS: an interval shorter than protocols advise */
                     ? g_strdup_printf (_("%s (short)"), weeks)
                     : g_steal_pointer (&weeks);
        }
      for (guint z = 0; z < session->zones->len; z++)
        max = MAX (max, dc_zone_treatment_get_depth_mm (g_ptr_array_index (session->zones, z)));
      if (max > 0)
        {
          g_autofree char *number = dc_format_decimal (max);

          deepest = g_strdup_printf (_("%s mm"), number);
        }

      cells[0] = date;
      cells[1] = interval != NULL ? interval : "—";
      cells[2] = families;
      cells[3] = zones;
      cells[4] = deepest != NULL ? deepest : "—";
      cells[5] = session->practitioner != NULL
                 ? dc_practitioner_get_name (session->practitioner) : "";
      cells[6] = NULL;
      dc_report_document_add_table_row (document, cells);
    }
}

/* The depth heat map ----------------------------------------------------- */

#define HEAT_LABEL_WIDTH 120.0
#define HEAT_ROW 16.0
#define HEAT_HEADER 22.0

static double
depth_of (DcSessionFacts *session,
          const char     *zone_id)
{
  for (guint z = 0; z < session->zones->len; z++)
    {
      DcZoneTreatment *zone = g_ptr_array_index (session->zones, z);

      if (g_strcmp0 (dc_zone_treatment_get_zone (zone), zone_id) == 0)
        return dc_zone_treatment_get_depth_mm (zone);
    }
  return -1;
}

static double
course_depth_max (GPtrArray *sessions)
{
  double max = 0;

  for (guint i = 0; i < sessions->len; i++)
    {
      DcSessionFacts *session = g_ptr_array_index (sessions, i);

      for (guint z = 0; z < session->zones->len; z++)
        max = MAX (max, dc_zone_treatment_get_depth_mm (g_ptr_array_index (session->zones, z)));
    }
  /* The scale the face chart uses for the same depth, so that colours
   * mean the same on both reports. */
  {
    g_autoptr(GHashTable) deepest = g_hash_table_new (g_str_hash, g_str_equal);
    DcFaceRenderOptions options = { .depth_by_zone = deepest };

    g_hash_table_insert (deepest, (gpointer) "deepest", &max);
    return dc_face_get_depth_max (&options);
  }
}

static void
draw_heat_map (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  Piece *piece = user_data;
  DcZoneCatalogue *catalogue = dc_zone_catalogue_get_default ();
  double depth_max = course_depth_max (piece->sessions);
  /* As wide as a few sessions need, as narrow as ten can share. */
  double cell = MIN (64, (width - HEAT_LABEL_WIDTH) / MIN (piece->sessions->len,
                                                            SESSIONS_PER_FIGURE));

  for (guint i = 0; i < piece->n; i++)
    {
      DcSessionFacts *session = g_ptr_array_index (piece->sessions, piece->first + i);
      g_autofree char *date = session_date (session);

      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      show_text (cr, date, HEAT_LABEL_WIDTH + i * cell, 6, cell, 6, FALSE, PANGO_ALIGN_CENTER);
    }

  for (guint r = 0; r < piece->zone_ids->len; r++)
    {
      const char *zone_id = g_ptr_array_index (piece->zone_ids, r);
      const DcZone *zone = dc_zone_catalogue_lookup (catalogue, zone_id);
      double y = HEAT_HEADER + r * HEAT_ROW;

      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      show_text (cr, zone != NULL ? dc_zone_get_name (zone) : zone_id, 0, y + 3,
                 HEAT_LABEL_WIDTH - 6, 7.5, FALSE, PANGO_ALIGN_LEFT);

      for (guint i = 0; i < piece->n; i++)
        {
          DcSessionFacts *session = g_ptr_array_index (piece->sessions, piece->first + i);
          double depth = depth_of (session, zone_id);
          double x = HEAT_LABEL_WIDTH + i * cell;
          double rgba[4];

          cairo_rectangle (cr, x + 1, y + 1, cell - 2, HEAT_ROW - 2);
          if (depth < 0)
            {
              cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
              cairo_fill (cr);
              continue;
            }

          dc_depth_color (depth, depth_max, FALSE, rgba);
          cairo_set_source_rgb (cr, rgba[0], rgba[1], rgba[2]);
          cairo_fill (cr);
          {
            g_autofree char *number = dc_format_decimal (depth);
            double luminance = 0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2];

            /* Readable on every colour of the scale. */
            if (luminance > 0.5)
              cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
            else
              cairo_set_source_rgb (cr, 1, 1, 1);
            show_text (cr, number, x, y + 3.5, cell, 7, FALSE, PANGO_ALIGN_CENTER);
          }
        }
    }
}

static GPtrArray *
treated_zones (GPtrArray *sessions)
{
  const char *const *ids = dc_zone_catalogue_get_zone_ids (dc_zone_catalogue_get_default ());
  GPtrArray *zone_ids = g_ptr_array_new ();

  for (guint z = 0; ids[z] != NULL; z++)
    for (guint i = 0; i < sessions->len; i++)
      if (depth_of (g_ptr_array_index (sessions, i), ids[z]) >= 0)
        {
          g_ptr_array_add (zone_ids, (gpointer) ids[z]);
          break;
        }

  return zone_ids;
}

static void
add_heat_map (DcReportDocument *document,
              GPtrArray        *sessions,
              double            width)
{
  g_autoptr(GPtrArray) zone_ids = treated_zones (sessions);

  if (zone_ids->len == 0)
    {
      dc_report_document_add_paragraph (document, _("No zones were recorded in these sessions."));
      return;
    }

  dc_report_document_add_paragraph (document, _("Needle depth in millimetres, zone by zone; "
                                                "darker is deeper."));
  for (guint first = 0; first < sessions->len; first += SESSIONS_PER_FIGURE)
    {
      guint n = MIN (SESSIONS_PER_FIGURE, sessions->len - first);

      dc_report_document_add_image (document, width, HEAT_HEADER + zone_ids->len * HEAT_ROW + 4,
                                    draw_heat_map, piece_new (sessions, first, n, zone_ids),
                                    piece_free);
    }
}

/* Side effects ----------------------------------------------------------- */

static void
add_side_effects (DcReportDocument *document,
                  GPtrArray        *sessions)
{
  const char *headers[] = { _("Session"), _("Effect"), _("Lasted"), _("Note"), NULL };
  static const double weights[] = { 1.2, 1.6, 1.6, 2.6 };
  gboolean any = FALSE;

  for (guint i = 0; i < sessions->len; i++)
    {
      DcSessionFacts *session = g_ptr_array_index (sessions, i);
      g_autofree char *date = session_date (session);

      for (guint e = 0; e < session->side_effects->len; e++)
        {
          DcSideEffect *effect = g_ptr_array_index (session->side_effects, e);
          const char *onset = dc_side_effect_get_onset (effect);
          const char *resolved = dc_side_effect_get_resolved (effect);
          DcSideEffectKind kind = dc_side_effect_get_kind (effect);
          g_autofree char *lasted = NULL;
          const char *cells[5];

          if (!any)
            {
              dc_report_document_add_table (document, headers, weights);
              any = TRUE;
            }

          if (onset != NULL && resolved != NULL)
            {
              int days = dc_side_effect_get_days (effect, NULL);

              lasted = days < 0 ? g_strdup ("")
                       : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                                       days), days);
              if (dc_side_effect_is_longer_than_usual (effect, NULL))
                {
                  g_autofree char *plain = g_steal_pointer (&lasted);

                  /* TRANSLATORS: a side effect that lasted longer than usual */
                  lasted = g_strdup_printf (_("%s, longer than usual"), plain);
                }
            }
          else
            {
              lasted = g_strdup (_("Not resolved yet"));
            }

          cells[0] = date;
          cells[1] = dc_enum_get_label (DC_TYPE_SIDE_EFFECT_KIND, kind);
          cells[2] = lasted;
          cells[3] = dc_side_effect_get_note (effect) != NULL ? dc_side_effect_get_note (effect)
                                                             : "";
          cells[4] = NULL;
          dc_report_document_add_table_row (document, cells);
        }
    }

  if (!any)
    dc_report_document_add_paragraph (document, _("No side effects were reported."));
}

/* The safety warnings acknowledged at the start and the signing of each
 * session, and the addenda: what the record holds besides the chart. */
static void
add_acknowledgements (DcReportDocument *document,
                      GPtrArray        *sessions)
{
  const char *headers[] = { _("Session"), _("Warning"), _("Acknowledged"), NULL };
  static const double weights[] = { 1.2, 3.0, 2.8 };
  gboolean any = FALSE;

  for (guint i = 0; i < sessions->len; i++)
    {
      DcSessionFacts *session = g_ptr_array_index (sessions, i);
      g_autofree char *date = session_date (session);

      for (guint a = 0; a < session->safety_acks->len; a++)
        {
          DcSafetyAck *ack = g_ptr_array_index (session->safety_acks, a);
          g_autofree char *warning = dc_safety_describe (dc_safety_ack_get_kind (ack),
                                                         dc_safety_ack_get_detail (ack));
          const char *who = dc_session_facts_person_name (session,
                                                          dc_safety_ack_get_acknowledged_by (ack));
          g_autofree char *by = NULL;
          const char *stage;
          const char *cells[4];

          if (!any)
            {
              dc_report_document_add_table (document, headers, weights);
              any = TRUE;
            }

          stage = dc_enum_get_label (DC_TYPE_SAFETY_STAGE, dc_safety_ack_get_stage (ack));
          /* Whoever it was may be unknown (a practitioner since deleted): the
           * stage alone then, not "At signing, by ". */
          if (who != NULL && *who != '\0')
            /* TRANSLATORS: "At signing, by Dr. Name" */
            by = g_strdup_printf (_("%s, by %s"), stage, who);
          else
            by = g_strdup (stage);
          cells[0] = date;
          cells[1] = warning;
          cells[2] = by;
          cells[3] = NULL;
          dc_report_document_add_table_row (document, cells);
        }
    }

  if (!any)
    dc_report_document_add_paragraph (document, _("No safety warnings were shown."));
}

/* Photo progression ------------------------------------------------------ */

typedef struct
{
  cairo_surface_t *surface;
  char            *caption;
  int              width;      /* the original's, upright */
  int              height;
} TimelinePhoto;

typedef struct
{
  GPtrArray *photos;           /* TimelinePhoto, up to PHOTOS_PER_ROW */
  double     scale;            /* points per original pixel, one for the view */
  double     cell_width;
  double     photo_height;
} PhotoRow;

static void
timeline_photo_free (gpointer data)
{
  TimelinePhoto *photo = data;

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
draw_photo_row (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  user_data)
{
  PhotoRow *row = user_data;

  for (guint i = 0; i < row->photos->len; i++)
    {
      TimelinePhoto *photo = g_ptr_array_index (row->photos, i);
      double x = i * row->cell_width;
      /* Every photo of the view at one scale: faces taken at the same
       * distance come out the same size. */
      double w = photo->width * row->scale;
      double h = photo->height * row->scale;
      double dx = x + (row->cell_width - 8 - w) / 2;

      if (photo->surface != NULL)
        {
          cairo_save (cr);
          cairo_translate (cr, dx, row->photo_height - h);
          cairo_scale (cr, w / cairo_image_surface_get_width (photo->surface),
                       h / cairo_image_surface_get_height (photo->surface));
          cairo_set_source_surface (cr, photo->surface, 0, 0);
          cairo_paint (cr);
          cairo_restore (cr);
        }

      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      show_text (cr, photo->caption, x, row->photo_height + 4, row->cell_width - 8, 7.5, FALSE,
                 PANGO_ALIGN_CENTER);
    }
}

/* The photo of @view a session is best compared by: before treatment, or
 * else the first there is. */
static DcPhoto *
photo_of_view (DcSessionFacts *session,
               DcPhotoView     view)
{
  DcPhoto *found = NULL;

  for (guint i = 0; i < session->photos->len; i++)
    {
      DcPhoto *photo = g_ptr_array_index (session->photos, i);

      if (dc_photo_get_view (photo) != view)
        continue;
      if (dc_photo_get_phase (photo) == DC_PHOTO_PHASE_BEFORE)
        return photo;
      if (found == NULL)
        found = photo;
    }
  return found;
}

static void
add_photo_progression (DcReportDocument *document,
                       GPtrArray        *sessions,
                       const char       *photo_dir,
                       double            width)
{
  g_autoptr(GPtrArray) jobs = dc_report_photo_jobs_new ();
  double cell_width = width / PHOTOS_PER_ROW;
  double photo_height = (cell_width - 8) * 1.3;
  gboolean any = FALSE;

  for (int view = DC_PHOTO_VIEW_FRONTAL; view <= DC_PHOTO_VIEW_LATERAL_RIGHT; view++)
    {
      g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
      g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
      double scale = G_MAXDOUBLE;
      PhotoRow *row = NULL;

      for (guint i = 0; i < sessions->len; i++)
        {
          DcSessionFacts *session = g_ptr_array_index (sessions, i);
          DcPhoto *photo = photo_of_view (session, view);

          if (photo == NULL || dc_photo_get_width (photo) <= 0 || dc_photo_get_height (photo) <= 0)
            continue;
          g_ptr_array_add (chosen, photo);
          g_ptr_array_add (dates, session_date (session));
          scale = MIN (scale, MIN ((cell_width - 8) / dc_photo_get_width (photo),
                                   photo_height / dc_photo_get_height (photo)));
        }
      if (chosen->len == 0)
        continue;

      any = TRUE;
      dc_report_document_add_heading (document, 2, dc_enum_get_label (DC_TYPE_PHOTO_VIEW, view));
      for (guint i = 0; i < chosen->len; i++)
        {
          DcPhoto *record = g_ptr_array_index (chosen, i);
          TimelinePhoto *photo = g_new0 (TimelinePhoto, 1);
          int max_width, max_height;

          photo->width = dc_photo_get_width (record);
          photo->height = dc_photo_get_height (record);
          max_width = (int) ceil (photo->width * scale / 72.0 * PHOTO_PPI);
          max_height = (int) ceil (photo->height * scale / 72.0 * PHOTO_PPI);
          dc_report_photo_jobs_add (jobs, photo_dir, dc_photo_get_sha256 (record), max_width,
                                    max_height, &photo->surface);
          photo->caption = g_strdup (g_ptr_array_index (dates, i));

          if (row == NULL)
            {
              row = g_new0 (PhotoRow, 1);
              row->photos = g_ptr_array_new_with_free_func (timeline_photo_free);
              row->scale = scale;
              row->cell_width = cell_width;
              row->photo_height = photo_height;
            }
          g_ptr_array_add (row->photos, photo);
          if (row->photos->len == PHOTOS_PER_ROW || i == chosen->len - 1)
            {
              dc_report_document_add_image (document, width, photo_height + 18, draw_photo_row,
                                            row, photo_row_free);
              row = NULL;
            }
        }
    }

  dc_report_photo_jobs_run (jobs);
  if (!any)
    dc_report_document_add_paragraph (document, _("No photos were taken in these sessions."));
}

/* The report ------------------------------------------------------------- */

/**
 * dc_timeline_report_build:
 * @facts: a patient with every session, oldest first
 *
 * Returns: (transfer full): the timeline, laid out
 */
DcReportDocument *
dc_timeline_report_build (DcPatientFacts *facts,
                          DcReportPaper   paper,
                          const char     *photo_dir)
{
  DcReportDocument *document;
  GPtrArray *sessions;
  double width;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (photo_dir != NULL, NULL);

  sessions = facts->sessions;
  document = dc_report_document_new (paper);
  width = dc_report_document_get_content_width (document);
  name = g_strdup_printf ("%s %s", dc_patient_get_given_name (facts->patient),
                          dc_patient_get_family_name (facts->patient));
  dc_report_document_set_title (document, _("Treatment Progress"));
  dc_report_document_set_subject (document, name);
  dc_report_set_header (document, facts);

  dc_report_document_add_heading (document, 1, _("Treatment Progress"));
  g_ptr_array_add (pairs, g_strdup (_("Sessions")));
  g_ptr_array_add (pairs, g_strdup_printf ("%u", sessions->len));
  if (sessions->len > 0)
    {
      g_ptr_array_add (pairs, g_strdup (_("First session")));
      g_ptr_array_add (pairs, session_date (g_ptr_array_index (sessions, 0)));
      g_ptr_array_add (pairs, g_strdup (_("Latest session")));
      g_ptr_array_add (pairs, session_date (g_ptr_array_index (sessions, sessions->len - 1)));
    }
  g_ptr_array_add (pairs, NULL);
  dc_report_document_add_facts (document, (const char *const *) pairs->pdata);

  if (sessions->len == 0)
    {
      dc_report_document_add_paragraph (document, _("No sessions yet."));
      return document;
    }

  dc_report_document_add_heading (document, 1, _("Sessions"));
  add_axis (document, sessions, width);
  add_sessions_table (document, sessions);

  dc_report_document_add_heading (document, 1, _("Depth by Zone"));
  add_heat_map (document, sessions, width);

  dc_report_document_add_heading (document, 1, _("Side Effects"));
  add_side_effects (document, sessions);

  dc_report_document_add_heading (document, 1, _("Safety Warnings Acknowledged"));
  add_acknowledgements (document, sessions);

  dc_report_document_add_heading (document, 1, _("Photo Progression"));
  add_photo_progression (document, sessions, photo_dir, width);

  return document;
}
