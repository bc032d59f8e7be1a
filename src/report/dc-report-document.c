/* dc-report-document.c: blocks of report content laid out onto pages.
 *
 * The caller appends blocks (headings, paragraphs, fact lists, tables,
 * pictures); the first question about pages lays them all out once with
 * Pango, and every page is then drawn by dc_report_document_draw_page() on
 * whatever cairo_t it is given: a PDF surface, the on-screen preview or a
 * print context. Layout never looks at the target surface: the document has
 * its own font map at 72 dpi with unhinted metrics and unrounded glyph
 * positions, so a page breaks the same way wherever it is drawn. */

#include "config.h"

#include "dc-report-document.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

/* A fixed list of static fonts: cairo 1.16 loses the weights of variable
 * fonts such as Cantarell, and a report must not change with the desktop. */
#define FONT_FAMILIES "DejaVu Sans, Noto Sans"

#define BODY_SIZE       9.5
#define SMALL_SIZE      7.5
#define CLINIC_SIZE     14.0
#define H1_SIZE         15.0
#define H2_SIZE         11.5

#define LOGO_MAX_WIDTH  150.0
#define LOGO_MAX_HEIGHT 46.0
#define HEADER_GAP      20.0 /* header rule to the first block */
#define FOOTER_GAP      18.0 /* last block to the footer rule */
#define CELL_PAD_X      5.0
#define CELL_PAD_Y      3.5
#define FACT_GAP        12.0
#define KEEP_WITH_HEADING 40.0 /* room a heading needs below it */

typedef struct { double r, g, b; } Rgb;

static const Rgb ink = { 0.114, 0.137, 0.153 };
static const Rgb muted = { 0.373, 0.420, 0.447 };
static const Rgb accent = { 0.122, 0.361, 0.400 };
static const Rgb rule = { 0.788, 0.827, 0.839 };
static const Rgb header_fill = { 0.910, 0.937, 0.941 };
static const Rgb zebra_fill = { 0.961, 0.969, 0.973 };

typedef enum
{
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_FACTS,
  BLOCK_TABLE,
  BLOCK_IMAGE,
} BlockKind;

typedef struct
{
  BlockKind         kind;
  int               level;
  char             *text;
  GPtrArray        *cells;      /* facts: key, value, …; table: a row of cells per row */
  char            **headers;
  double           *weights;
  gboolean         *end_aligned;
  guint             n_columns;
  double            width;
  double            height;
  DcReportDrawFunc  draw;
  gpointer          user_data;
  GDestroyNotify    destroy;

  /* Results of the layout */
  PangoLayout      *layout;       /* heading, paragraph */
  GArray           *line_top;     /* paragraph: per line, in points */
  GArray           *line_bottom;
  GArray           *line_baseline;
  GPtrArray        *layouts;      /* facts: 2 per row; table: n_columns per row, header first */
  GArray           *row_height;   /* facts, table (header first) */
  double           *column_x;
  double           *column_width;
  double            scale;        /* image */
} Block;

typedef struct
{
  Block  *block;
  double  y;
  guint   first;  /* lines of a paragraph, rows of facts or a table */
  guint   last;   /* one past */
} Placement;

typedef struct
{
  char   *title;
  int     level;
  guint   page;
  double  y;
} OutlineEntry;

struct _DcReportDocument
{
  GObject           parent_instance;

  DcReportPaper     paper;
  double            page_width;
  double            page_height;
  double            margin_top;
  double            margin_right;
  double            margin_bottom;
  double            margin_left;

  char             *title;
  char             *subject;
  GDateTime        *creation_date;
  char             *clinic_name;
  char            **contact_lines;
  GBytes           *logo_bytes;
  char             *patient_name;
  char             *birth_date;
  char             *confidentiality;

  GPtrArray        *blocks;

  /* Results of the layout, dropped whenever the content changes */
  gboolean          laid_out;
  PangoFontMap     *font_map;
  PangoContext     *context;
  cairo_surface_t  *logo;
  double            logo_width;
  double            logo_height;
  PangoLayout      *clinic_layout;
  double            header_height;
  PangoLayout      *patient_layout;
  PangoLayout      *confidentiality_layout;
  double            footer_height;
  double            body_top;
  double            body_bottom;
  GPtrArray        *pages;        /* of GArray of Placement */
  GPtrArray        *page_labels;  /* "Page N of M", in the language of the layout */
  gboolean          rtl;          /* laid out right to left (Arabic) */
  GArray           *outline;      /* of OutlineEntry */
};

G_DEFINE_FINAL_TYPE (DcReportDocument, dc_report_document, G_TYPE_OBJECT)

static void
block_free (gpointer data)
{
  Block *block = data;

  if (block->destroy != NULL)
    block->destroy (block->user_data);
  g_free (block->text);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_strfreev (block->headers);
  g_free (block->weights);
  g_free (block->end_aligned);
  g_clear_object (&block->layout);
  g_clear_pointer (&block->line_top, g_array_unref);
  g_clear_pointer (&block->line_bottom, g_array_unref);
  g_clear_pointer (&block->line_baseline, g_array_unref);
  g_clear_pointer (&block->layouts, g_ptr_array_unref);
  g_clear_pointer (&block->row_height, g_array_unref);
  g_free (block->column_x);
  g_free (block->column_width);
  g_free (block);
}

static void
outline_entry_clear (gpointer data)
{
  OutlineEntry *entry = data;

  g_free (entry->title);
}

static void
invalidate_layout (DcReportDocument *self)
{
  self->laid_out = FALSE;
  g_clear_object (&self->clinic_layout);
  g_clear_object (&self->patient_layout);
  g_clear_object (&self->confidentiality_layout);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->page_labels, g_ptr_array_unref);
  g_clear_pointer (&self->outline, g_array_unref);
}

static void
dc_report_document_finalize (GObject *object)
{
  DcReportDocument *self = DC_REPORT_DOCUMENT (object);

  invalidate_layout (self);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_free (self->title);
  g_free (self->subject);
  g_clear_pointer (&self->creation_date, g_date_time_unref);
  g_free (self->clinic_name);
  g_strfreev (self->contact_lines);
  g_clear_pointer (&self->logo_bytes, g_bytes_unref);
  g_free (self->patient_name);
  g_free (self->birth_date);
  g_free (self->confidentiality);

  G_OBJECT_CLASS (dc_report_document_parent_class)->finalize (object);
}

static void
dc_report_document_class_init (DcReportDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dc_report_document_finalize;
}

static void
dc_report_document_init (DcReportDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->creation_date = g_date_time_new_now_utc ();

  /* 15 mm at the top and bottom, 18 mm at the sides. */
  self->margin_top = 42.5;
  self->margin_bottom = 42.5;
  self->margin_left = 51.0;
  self->margin_right = 51.0;
}

/**
 * dc_report_document_new:
 * @paper: the paper to lay the report out on
 *
 * Returns: (transfer full): an empty report
 */
DcReportDocument *
dc_report_document_new (DcReportPaper paper)
{
  DcReportDocument *self = g_object_new (DC_TYPE_REPORT_DOCUMENT, NULL);

  self->paper = paper;
  dc_report_paper_get_size (paper, &self->page_width, &self->page_height);

  return self;
}

DcReportPaper
dc_report_document_get_paper (DcReportDocument *self)
{
  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (self), DC_REPORT_PAPER_A4);

  return self->paper;
}

/**
 * dc_report_document_get_page_size:
 * @width: (out) (optional): in points
 * @height: (out) (optional): in points
 */
void
dc_report_document_get_page_size (DcReportDocument *self,
                                  double           *width,
                                  double           *height)
{
  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));

  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

/* Margins in points, from the edges of the paper. */
/* The width the margins leave for the body, in points. */
double
dc_report_document_get_content_width (DcReportDocument *self)
{
  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (self), 0);

  return self->page_width - self->margin_left - self->margin_right;
}

void
dc_report_document_set_margins (DcReportDocument *self,
                                double            top,
                                double            right,
                                double            bottom,
                                double            left)
{
  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (top >= 0 && right >= 0 && bottom >= 0 && left >= 0);
  g_return_if_fail (left + right < self->page_width / 2);
  g_return_if_fail (top + bottom < self->page_height / 2);

  self->margin_top = top;
  self->margin_right = right;
  self->margin_bottom = bottom;
  self->margin_left = left;
  invalidate_layout (self);
}

void
dc_report_document_set_title (DcReportDocument *self,
                              const char       *title)
{
  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));

  g_free (self->title);
  self->title = g_strdup (title);
}

const char *
dc_report_document_get_title (DcReportDocument *self)
{
  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (self), NULL);

  return self->title;
}

void
dc_report_document_set_subject (DcReportDocument *self,
                                const char       *subject)
{
  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));

  g_free (self->subject);
  self->subject = g_strdup (subject);
}

const char *
dc_report_document_get_subject (DcReportDocument *self)
{
  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (self), NULL);

  return self->subject;
}

/* The moment the report is dated; now, unless set (tests, re-exports). */
void
dc_report_document_set_creation_date (DcReportDocument *self,
                                      GDateTime        *date)
{
  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (date != NULL);

  g_clear_pointer (&self->creation_date, g_date_time_unref);
  self->creation_date = g_date_time_ref (date);
}

/**
 * dc_report_document_get_creation_date:
 *
 * Returns: (transfer none): when the report is dated
 */
GDateTime *
dc_report_document_get_creation_date (DcReportDocument *self)
{
  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (self), NULL);

  return self->creation_date;
}

/**
 * dc_report_document_set_clinic:
 * @name: the clinic's name
 * @contact_lines: (nullable) (array zero-terminated=1): address, phone, email…
 * @logo: (nullable): the logo as PNG or JPEG bytes
 *
 * Sets what the header of every page shows. The clinic is also the PDF's
 * author.
 */
void
dc_report_document_set_clinic (DcReportDocument  *self,
                               const char        *name,
                               const char *const *contact_lines,
                               GBytes            *logo)
{
  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));

  g_free (self->clinic_name);
  self->clinic_name = g_strdup (name);
  g_strfreev (self->contact_lines);
  self->contact_lines = g_strdupv ((char **) contact_lines);
  g_clear_pointer (&self->logo_bytes, g_bytes_unref);
  self->logo_bytes = logo != NULL ? g_bytes_ref (logo) : NULL;
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  invalidate_layout (self);
}

const char *
dc_report_document_get_clinic_name (DcReportDocument *self)
{
  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (self), NULL);

  return self->clinic_name;
}

/* @birth_date is shown as given: the caller formats it for the report's
 * language. */
void
dc_report_document_set_patient (DcReportDocument *self,
                                const char       *name,
                                const char       *birth_date)
{
  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));

  g_free (self->patient_name);
  self->patient_name = g_strdup (name);
  g_free (self->birth_date);
  self->birth_date = g_strdup (birth_date);
  invalidate_layout (self);
}

/* Replaces the default confidentiality line of the footer. */
void
dc_report_document_set_confidentiality (DcReportDocument *self,
                                        const char       *line)
{
  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));

  g_free (self->confidentiality);
  self->confidentiality = g_strdup (line);
  invalidate_layout (self);
}

static Block *
add_block (DcReportDocument *self,
           BlockKind         kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);
  invalidate_layout (self);

  return block;
}

/* A section (level 1) or subsection (level 2) heading; each one is also an
 * entry in the PDF's outline. */
void
dc_report_document_add_heading (DcReportDocument *self,
                                int               level,
                                const char       *text)
{
  Block *block;

  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (level == 1 || level == 2);
  g_return_if_fail (text != NULL);

  block = add_block (self, BLOCK_HEADING);
  block->level = level;
  block->text = g_strdup (text);
}

/* Plain text, wrapped; it may break across pages between lines. */
void
dc_report_document_add_paragraph (DcReportDocument *self,
                                  const char       *text)
{
  Block *block;

  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  block = add_block (self, BLOCK_PARAGRAPH);
  block->text = g_strdup (text);
}

/**
 * dc_report_document_add_facts:
 * @pairs: (array zero-terminated=1): label, value, label, value…
 *
 * A list of labelled values; a %NULL or empty value shows as a dash.
 */
void
dc_report_document_add_facts (DcReportDocument  *self,
                              const char *const *pairs)
{
  Block *block;

  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (pairs != NULL);
  g_return_if_fail (g_strv_length ((char **) pairs) % 2 == 0);

  block = add_block (self, BLOCK_FACTS);
  block->cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; pairs[i] != NULL; i++)
    g_ptr_array_add (block->cells, g_strdup (pairs[i]));
}

/**
 * dc_report_document_add_table:
 * @headers: (array zero-terminated=1): the column headers
 * @weights: (nullable): one relative width per column; equal if %NULL
 *
 * Starts a table; add its rows with dc_report_document_add_table_row().
 * Tables break between rows and repeat the header row on each page.
 */
void
dc_report_document_add_table (DcReportDocument  *self,
                              const char *const *headers,
                              const double      *weights)
{
  Block *block;
  guint  n_columns;

  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (headers != NULL && headers[0] != NULL);

  n_columns = g_strv_length ((char **) headers);
  block = add_block (self, BLOCK_TABLE);
  block->n_columns = n_columns;
  block->headers = g_strdupv ((char **) headers);
  block->weights = g_new (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    block->weights[i] = weights != NULL && weights[i] > 0 ? weights[i] : 1.0;
  block->end_aligned = g_new0 (gboolean, n_columns);
  block->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/**
 * dc_report_document_add_table_row:
 * @cells: (array zero-terminated=1): one text per column
 *
 * Adds a row to the table added last; it must be the last block.
 */
void
dc_report_document_add_table_row (DcReportDocument  *self,
                                  const char *const *cells)
{
  Block *block;
  char **row;
  guint  n_cells;

  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (cells != NULL);
  g_return_if_fail (self->blocks->len > 0);

  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  g_return_if_fail (block->kind == BLOCK_TABLE);

  n_cells = g_strv_length ((char **) cells);
  row = g_new0 (char *, block->n_columns + 1);
  for (guint i = 0; i < block->n_columns; i++)
    row[i] = g_strdup (i < n_cells ? cells[i] : "");
  g_ptr_array_add (block->cells, row);
  invalidate_layout (self);
}

/* Aligns a column of the table added last to the end of its cells, for
 * numbers such as depths. */
void
dc_report_document_set_column_end_aligned (DcReportDocument *self,
                                           guint             column,
                                           gboolean          end_aligned)
{
  Block *block;

  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (self->blocks->len > 0);

  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  g_return_if_fail (block->kind == BLOCK_TABLE);
  g_return_if_fail (column < block->n_columns);

  block->end_aligned[column] = !!end_aligned;
  invalidate_layout (self);
}

/**
 * dc_report_document_add_image:
 * @width: in points
 * @height: in points
 * @draw: (scope notified): draws the picture
 * @destroy: (nullable): frees @user_data with the document
 *
 * A picture drawn by the caller, kept whole on one page. It is scaled down
 * (keeping its proportions) if it is wider than the text or taller than a
 * page; @draw gets the size it is drawn at.
 */
void
dc_report_document_add_image (DcReportDocument *self,
                              double            width,
                              double            height,
                              DcReportDrawFunc  draw,
                              gpointer          user_data,
                              GDestroyNotify    destroy)
{
  Block *block;

  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (draw != NULL);

  block = add_block (self, BLOCK_IMAGE);
  block->width = width;
  block->height = height;
  block->draw = draw;
  block->user_data = user_data;
  block->destroy = destroy;
}

/* Layout */

static PangoLayout *
new_layout (DcReportDocument *self,
            double            size,
            PangoWeight       weight,
            double            width)
{
  PangoLayout                      *layout = pango_layout_new (self->context);
  g_autoptr (PangoFontDescription)  font = pango_font_description_from_string (FONT_FAMILIES);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Right to left, every paragraph is, even one that starts with a name
   * in Latin letters, and lines up on the right. */
  if (self->rtl)
    {
      pango_layout_set_auto_dir (layout, FALSE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
    }

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
ensure_context (DcReportDocument *self)
{
  cairo_font_options_t *options;

  if (self->context != NULL)
    return;

  /* A font map of its own, so that a document laid out in a worker thread
   * can be drawn in another one. */
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_base_dir (self->context,
                              self->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);

  /* Metrics must not depend on the device: no hinting at all. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
}

/* Decodes the logo into a surface drawn on every page: the same surface,
 * so the PDF holds the image once. */
static void
ensure_logo (DcReportDocument *self)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GdkPixbuf)    pixbuf = NULL;
  g_autoptr (GError)       error = NULL;
  const guint8            *data;
  gsize                    size;
  int                      width, height, n_channels, stride, out_stride;
  const guint8            *pixels;
  guint8                  *out;
  gboolean                 alpha;
  double                   scale;

  if (self->logo != NULL || self->logo_bytes == NULL)
    return;

  stream = g_memory_input_stream_new_from_bytes (self->logo_bytes);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);
  if (pixbuf == NULL)
    {
      g_debug ("Report logo not shown: %s", error->message);
      return;
    }

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);

  self->logo = cairo_image_surface_create (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                           width, height);
  cairo_surface_flush (self->logo);
  out = cairo_image_surface_get_data (self->logo);
  out_stride = cairo_image_surface_get_stride (self->logo);
  for (int y = 0; y < height; y++)
    {
      const guint8 *src = pixels + (gsize) y * stride;
      guint32      *dst = (guint32 *) (gpointer) (out + (gsize) y * out_stride);

      for (int x = 0; x < width; x++, src += n_channels)
        {
          guint a = alpha ? src[3] : 255;
          guint r = (src[0] * a + 127) / 255;
          guint g = (src[1] * a + 127) / 255;
          guint b = (src[2] * a + 127) / 255;

          dst[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (self->logo);

  /* An opaque JPEG goes into the PDF as the JPEG itself; mime data must be
   * attached after the last mark_dirty, which would drop it. */
  data = g_bytes_get_data (self->logo_bytes, &size);
  if (!alpha && size > 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    cairo_surface_set_mime_data (self->logo, CAIRO_MIME_TYPE_JPEG,
                                 g_bytes_get_data (self->logo_bytes, NULL), size,
                                 (cairo_destroy_func_t) g_bytes_unref,
                                 g_bytes_ref (self->logo_bytes));

  scale = MIN (LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height);
  self->logo_width = width * scale;
  self->logo_height = height * scale;
}

static void
layout_header_footer (DcReportDocument *self)
{
  double             content_width = self->page_width - self->margin_left - self->margin_right;
  double             text_width;
  g_autoptr (GString) markup = g_string_new (NULL);
  g_autofree char    *patient = NULL;

  ensure_logo (self);

  /* Clinic name and contact lines, right-aligned beside the logo. */
  text_width = content_width - (self->logo != NULL ? self->logo_width + 18 : 0);
  self->clinic_layout = new_layout (self, SMALL_SIZE + 0.5, PANGO_WEIGHT_NORMAL, text_width);
  /* The clinic's own lines keep their own direction (a phone number, an
   * address in Latin letters). */
  pango_layout_set_auto_dir (self->clinic_layout, TRUE);
  pango_layout_set_alignment (self->clinic_layout,
                              self->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
  if (self->clinic_name != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (self->clinic_name, -1);

      g_string_append_printf (markup,
                              "<span size='%d' weight='bold' foreground='#1f5c66'>%s</span>",
                              (int) (CLINIC_SIZE * PANGO_SCALE), escaped);
    }
  for (guint i = 0; self->contact_lines != NULL && self->contact_lines[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (self->contact_lines[i], -1);

      g_string_append_printf (markup, "%s<span foreground='#5f6b72'>%s</span>",
                              markup->len > 0 ? "\n" : "", escaped);
    }
  pango_layout_set_markup (self->clinic_layout, markup->str, -1);
  self->header_height = MAX (layout_height (self->clinic_layout), self->logo_height);

  /* Patient line on the left; "Page N of M" goes on the right at draw time. */
  self->patient_layout = new_layout (self, SMALL_SIZE + 0.5, PANGO_WEIGHT_NORMAL,
                                     content_width * 0.7);
  pango_layout_set_ellipsize (self->patient_layout, PANGO_ELLIPSIZE_END);
  if (self->patient_name != NULL && self->birth_date != NULL)
    /* Translators: report footer: patient name, then date of birth */
    patient = g_strdup_printf (_("%s · born %s"), self->patient_name, self->birth_date);
  else
    patient = g_strdup (self->patient_name != NULL ? self->patient_name : "");
  pango_layout_set_text (self->patient_layout, patient, -1);

  self->confidentiality_layout = new_layout (self, SMALL_SIZE - 0.5, PANGO_WEIGHT_NORMAL,
                                             content_width);
  pango_layout_set_text (self->confidentiality_layout,
                         self->confidentiality != NULL
                         ? self->confidentiality
                         : _("Confidential medical record, for the patient named above and "
                             "the professionals treating them. If you received it in error, "
                             "please tell the clinic and delete it."),
                         -1);
  self->footer_height = 5 + layout_height (self->patient_layout) + 2
                        + layout_height (self->confidentiality_layout);

  self->body_top = self->margin_top + self->header_height + HEADER_GAP;
  self->body_bottom = self->page_height - self->margin_bottom - self->footer_height - FOOTER_GAP;
}

/* The space a block wants above and below it. */
static double
space_before (const Block *block)
{
  switch (block->kind)
    {
    case BLOCK_HEADING:
      return block->level == 1 ? 16 : 11;
    case BLOCK_PARAGRAPH:
    case BLOCK_FACTS:
      return 4;
    case BLOCK_TABLE:
    case BLOCK_IMAGE:
    default:
      return 8;
    }
}

static double
space_after (const Block *block)
{
  switch (block->kind)
    {
    case BLOCK_HEADING:
      return block->level == 1 ? 7 : 5;
    case BLOCK_PARAGRAPH:
      return 6;
    case BLOCK_FACTS:
    case BLOCK_TABLE:
    case BLOCK_IMAGE:
    default:
      return 10;
    }
}

typedef struct
{
  DcReportDocument *self;
  GArray           *page;   /* the current page's placements */
  double            y;
  gboolean          at_top; /* nothing placed on the page yet */
} Cursor;

static void
cursor_new_page (Cursor *cursor)
{
  cursor->page = g_array_new (FALSE, TRUE, sizeof (Placement));
  g_ptr_array_add (cursor->self->pages, cursor->page);
  cursor->y = cursor->self->body_top;
  cursor->at_top = TRUE;
}

static void
cursor_place (Cursor *cursor,
              Block  *block,
              guint   first,
              guint   last,
              double  height)
{
  Placement placement = { block, cursor->y, first, last };

  g_array_append_val (cursor->page, placement);
  cursor->y += height;
  cursor->at_top = FALSE;
}

static double
cursor_room (Cursor *cursor)
{
  return cursor->self->body_bottom - cursor->y;
}

static void
measure_lines (Block *block)
{
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);

  block->line_top = g_array_new (FALSE, FALSE, sizeof (double));
  block->line_bottom = g_array_new (FALSE, FALSE, sizeof (double));
  block->line_baseline = g_array_new (FALSE, FALSE, sizeof (double));
  do
    {
      int            y0, y1;
      double         top, bottom, baseline;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      bottom = (double) y1 / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      g_array_append_val (block->line_top, top);
      g_array_append_val (block->line_bottom, bottom);
      g_array_append_val (block->line_baseline, baseline);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
place_paragraph (Cursor *cursor,
                 Block  *block)
{
  guint n_lines = block->line_top->len;
  guint first = 0;

  while (first < n_lines)
    {
      double top = g_array_index (block->line_top, double, first);
      double room = cursor_room (cursor);
      guint  last = first;

      while (last < n_lines && g_array_index (block->line_bottom, double, last) - top <= room)
        last++;

      /* No lone first line at the foot of a page, no lone last line at the
       * head of the next one. */
      if (last < n_lines && last - first == 1 && !cursor->at_top)
        last = first;
      else if (last + 1 == n_lines && last - first > 2)
        last--;

      if (last == first)
        {
          if (cursor->at_top)
            last = first + 1; /* a line taller than a page: place it anyway */
          else
            {
              cursor_new_page (cursor);
              continue;
            }
        }

      cursor_place (cursor, block, first, last,
                    g_array_index (block->line_bottom, double, last - 1) - top);
      first = last;
      if (first < n_lines)
        cursor_new_page (cursor);
    }
}

/* Facts and table rows: rows never split; @repeat_header keeps row 0 (the
 * header) at the top of every page. */
static void
place_rows (Cursor   *cursor,
            Block    *block,
            gboolean  repeat_header)
{
  guint  n_rows = block->row_height->len;
  guint  first = repeat_header ? 1 : 0;
  double header = repeat_header ? g_array_index (block->row_height, double, 0) : 0;

  if (first >= n_rows)
    {
      if (repeat_header)
        cursor_place (cursor, block, 0, 0, header);
      return;
    }

  while (first < n_rows)
    {
      double height = header;
      guint  last = first;

      while (last < n_rows
             && height + g_array_index (block->row_height, double, last) <= cursor_room (cursor))
        height += g_array_index (block->row_height, double, last++);

      if (last == first)
        {
          if (cursor->at_top)
            height += g_array_index (block->row_height, double, last++);
          else
            {
              cursor_new_page (cursor);
              continue;
            }
        }

      cursor_place (cursor, block, first, last, height);
      first = last;
      if (first < n_rows)
        cursor_new_page (cursor);
    }
}

static void
layout_table (DcReportDocument *self,
              Block            *block,
              double            width)
{
  double total = 0;
  double x = 0;

  block->column_x = g_new (double, block->n_columns);
  block->column_width = g_new (double, block->n_columns);
  for (guint i = 0; i < block->n_columns; i++)
    total += block->weights[i];
  for (guint i = 0; i < block->n_columns; i++)
    {
      block->column_width[i] = width * block->weights[i] / total;
      /* Right to left, the first column is the rightmost. */
      block->column_x[i] = self->rtl ? width - x - block->column_width[i] : x;
      x += block->column_width[i];
    }

  block->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  block->row_height = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint row = 0; row <= block->cells->len; row++)
    {
      char   **texts = row == 0 ? block->headers : g_ptr_array_index (block->cells, row - 1);
      double   height = 0;

      for (guint i = 0; i < block->n_columns; i++)
        {
          PangoLayout *layout = new_layout (self, row == 0 ? BODY_SIZE - 1 : BODY_SIZE - 0.5,
                                            row == 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                            block->column_width[i] - 2 * CELL_PAD_X);

          if (block->end_aligned[i])
            pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
          pango_layout_set_text (layout, texts[i], -1);
          height = MAX (height, layout_height (layout));
          g_ptr_array_add (block->layouts, layout);
        }
      height += 2 * CELL_PAD_Y;
      g_array_append_val (block->row_height, height);
    }
}

static void
layout_facts (DcReportDocument *self,
              Block            *block,
              double            width)
{
  double key_width = 0;

  block->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  block->row_height = g_array_new (FALSE, FALSE, sizeof (double));

  /* The labels' column is as wide as the widest label, within reason. */
  for (guint i = 0; i < block->cells->len; i += 2)
    {
      PangoLayout *layout = new_layout (self, BODY_SIZE, PANGO_WEIGHT_NORMAL, -1);
      int          w;

      pango_layout_set_text (layout, g_ptr_array_index (block->cells, i), -1);
      pango_layout_get_size (layout, &w, NULL);
      key_width = MAX (key_width, (double) w / PANGO_SCALE);
      g_object_unref (layout);
    }
  key_width = MIN (key_width + 1, width * 0.38);
  block->column_x = g_new (double, 2);
  block->column_width = g_new (double, 2);
  block->column_width[0] = key_width;
  block->column_width[1] = width - key_width - FACT_GAP;
  /* Right to left, the keys are on the right. */
  block->column_x[0] = self->rtl ? width - key_width : 0;
  block->column_x[1] = self->rtl ? 0 : key_width + FACT_GAP;

  for (guint i = 0; i < block->cells->len; i += 2)
    {
      const char  *value = g_ptr_array_index (block->cells, i + 1);
      PangoLayout *key = new_layout (self, BODY_SIZE, PANGO_WEIGHT_NORMAL, key_width);
      PangoLayout *val = new_layout (self, BODY_SIZE, PANGO_WEIGHT_BOLD,
                                     block->column_width[1]);
      double       height;

      pango_layout_set_text (key, g_ptr_array_index (block->cells, i), -1);
      pango_layout_set_text (val, value != NULL && *value != '\0' ? value : "—", -1);
      height = MAX (layout_height (key), layout_height (val)) + 4;
      g_ptr_array_add (block->layouts, key);
      g_ptr_array_add (block->layouts, val);
      g_array_append_val (block->row_height, height);
    }
}

static void
ensure_layout (DcReportDocument *self)
{
  Cursor       cursor = { self, NULL, 0, TRUE };
  double       width = self->page_width - self->margin_left - self->margin_right;
  const Block *previous = NULL;

  if (self->laid_out)
    return;

  /* The direction of the language the report is laid out in, as GTK
   * tells it: translators of right-to-left languages say "default:RTL". */
  self->rtl = g_strcmp0 (C_("text direction", "default:LTR"), "default:RTL") == 0;

  ensure_context (self);
  layout_header_footer (self);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->outline = g_array_new (FALSE, TRUE, sizeof (OutlineEntry));
  g_array_set_clear_func (self->outline, outline_entry_clear);
  cursor_new_page (&cursor);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      g_clear_object (&block->layout);
      g_clear_pointer (&block->line_top, g_array_unref);
      g_clear_pointer (&block->line_bottom, g_array_unref);
      g_clear_pointer (&block->line_baseline, g_array_unref);
      g_clear_pointer (&block->layouts, g_ptr_array_unref);
      g_clear_pointer (&block->row_height, g_array_unref);
      g_clear_pointer (&block->column_x, g_free);
      g_clear_pointer (&block->column_width, g_free);

      if (!cursor.at_top)
        cursor.y += MAX (space_before (block), previous != NULL ? space_after (previous) : 0);

      switch (block->kind)
        {
        case BLOCK_HEADING:
          {
            OutlineEntry entry;
            double       height;
            double       keep;

            block->layout = new_layout (self, block->level == 1 ? H1_SIZE : H2_SIZE,
                                        PANGO_WEIGHT_BOLD, width);
            pango_layout_set_text (block->layout, block->text, -1);
            height = layout_height (block->layout);
            keep = KEEP_WITH_HEADING;
            /* A picture right under a heading goes with it: a heading
             * alone at the foot of a page, its picture overleaf, reads as
             * a mistake. (Pictures are scaled to at most a page body.) */
            if (i + 1 < self->blocks->len)
              {
                Block *next = g_ptr_array_index (self->blocks, i + 1);

                if (next->kind == BLOCK_IMAGE)
                  keep = MAX (keep, MIN (next->height * MIN (1.0, width / next->width),
                                         self->body_bottom - self->body_top - height));
              }
            if (!cursor.at_top && height + keep > cursor_room (&cursor))
              cursor_new_page (&cursor);

            entry.title = g_strdup (block->text);
            entry.level = block->level;
            entry.page = self->pages->len - 1;
            entry.y = cursor.y;
            g_array_append_val (self->outline, entry);
            cursor_place (&cursor, block, 0, 0, height + (block->level == 1 ? 4 : 0));
          }
          break;

        case BLOCK_PARAGRAPH:
          block->layout = new_layout (self, BODY_SIZE, PANGO_WEIGHT_NORMAL, width);
          pango_layout_set_spacing (block->layout, (int) (2.5 * PANGO_SCALE));
          pango_layout_set_text (block->layout, block->text, -1);
          measure_lines (block);
          place_paragraph (&cursor, block);
          break;

        case BLOCK_FACTS:
          layout_facts (self, block, width);
          place_rows (&cursor, block, FALSE);
          break;

        case BLOCK_TABLE:
          layout_table (self, block, width);
          place_rows (&cursor, block, TRUE);
          break;

        case BLOCK_IMAGE:
          {
            double max_height = self->body_bottom - self->body_top;

            block->scale = MIN (1.0, MIN (width / block->width, max_height / block->height));
            if (!cursor.at_top && block->height * block->scale > cursor_room (&cursor))
              cursor_new_page (&cursor);
            cursor_place (&cursor, block, 0, 0, block->height * block->scale);
          }
          break;

        default:
          g_assert_not_reached ();
        }

      previous = block;
    }

  /* Translated now, with the rest: the pages may be drawn later, in a
   * thread with another language (the window's, a printer's). */
  g_clear_pointer (&self->page_labels, g_ptr_array_unref);
  self->page_labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->pages->len; i++)
    /* Translators: report footer; the first number is this page's, the
     * second the number of pages */
    g_ptr_array_add (self->page_labels,
                     g_strdup_printf (_("Page %u of %u"), i + 1, self->pages->len));

  self->laid_out = TRUE;
}

/**
 * dc_report_document_get_n_pages:
 *
 * Lays the report out if it has changed since the last time.
 *
 * Returns: the number of pages, at least 1
 */
guint
dc_report_document_get_n_pages (DcReportDocument *self)
{
  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (self), 0);

  ensure_layout (self);

  return self->pages->len;
}

guint
dc_report_document_get_n_outline_entries (DcReportDocument *self)
{
  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (self), 0);

  ensure_layout (self);

  return self->outline->len;
}

/**
 * dc_report_document_get_outline_entry:
 *
 * Returns: (transfer none): the @index-th heading, valid until the document
 *   changes
 */
const DcReportOutlineEntry *
dc_report_document_get_outline_entry (DcReportDocument *self,
                                      guint             index)
{
  g_return_val_if_fail (DC_IS_REPORT_DOCUMENT (self), NULL);

  ensure_layout (self);
  g_return_val_if_fail (index < self->outline->len, NULL);

  G_STATIC_ASSERT (sizeof (OutlineEntry) == sizeof (DcReportOutlineEntry));
  return (const DcReportOutlineEntry *) &g_array_index (self->outline, OutlineEntry, index);
}

/* Drawing */

static void
set_color (cairo_t   *cr,
           const Rgb *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

static void
draw_hline (cairo_t   *cr,
            double     x0,
            double     x1,
            double     y,
            double     width,
            const Rgb *color)
{
  cairo_save (cr);
  set_color (cr, color);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_header (DcReportDocument *self,
             cairo_t          *cr)
{
  double left = self->margin_left;
  double right = self->page_width - self->margin_right;
  double top = self->margin_top;

  if (self->logo != NULL)
    {
      double scale = self->logo_width / cairo_image_surface_get_width (self->logo);

      cairo_save (cr);
      cairo_translate (cr, self->rtl ? right - self->logo_width : left,
                       top + (self->header_height - self->logo_height) / 2);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, self->logo, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
    }

  /* The layout is as wide as the space beside the logo, on the other side
   * (right-aligned left to right, left-aligned right to left). */
  set_color (cr, &ink);
  show_layout_at (cr, self->clinic_layout,
                  self->rtl ? left
                  : right - (double) pango_layout_get_width (self->clinic_layout) / PANGO_SCALE,
                  top);

  draw_hline (cr, left, right, top + self->header_height + 7, 1.0, &accent);
}

static void
draw_footer (DcReportDocument *self,
             cairo_t          *cr,
             guint             page)
{
  double           left = self->margin_left;
  double           right = self->page_width - self->margin_right;
  double           top = self->page_height - self->margin_bottom - self->footer_height;
  g_autoptr (PangoLayout) number = NULL;
  g_autofree char *text = NULL;
  int              width;

  draw_hline (cr, left, right, top, 0.5, &rule);

  set_color (cr, &muted);
  /* Right to left, the patient is on the right and the page number on the
   * left. */
  show_layout_at (cr, self->patient_layout,
                  self->rtl ? right - (double) pango_layout_get_width (self->patient_layout)
                                      / PANGO_SCALE
                            : left,
                  top + 5);

  text = g_strdup (g_ptr_array_index (self->page_labels, page));
  number = new_layout (self, SMALL_SIZE + 0.5, PANGO_WEIGHT_NORMAL, -1);
  pango_layout_set_text (number, text, -1);
  pango_layout_get_size (number, &width, NULL);
  show_layout_at (cr, number, self->rtl ? left : right - (double) width / PANGO_SCALE, top + 5);

  show_layout_at (cr, self->confidentiality_layout, left,
                  top + 5 + layout_height (self->patient_layout) + 2);
}

static void
draw_paragraph (cairo_t         *cr,
                const Placement *placement,
                double           x)
{
  Block  *block = placement->block;
  double  top = g_array_index (block->line_top, double, placement->first);

  set_color (cr, &ink);
  for (guint i = placement->first; i < placement->last; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (block->layout, i);

      cairo_move_to (cr, x, placement->y + g_array_index (block->line_baseline, double, i) - top);
      pango_cairo_show_layout_line (cr, line);
    }
}

static void
draw_facts (cairo_t         *cr,
            const Placement *placement,
            double           x)
{
  Block  *block = placement->block;
  double  y = placement->y;

  for (guint row = placement->first; row < placement->last; row++)
    {
      set_color (cr, &muted);
      show_layout_at (cr, g_ptr_array_index (block->layouts, 2 * row),
                      x + block->column_x[0], y + 2);
      set_color (cr, &ink);
      show_layout_at (cr, g_ptr_array_index (block->layouts, 2 * row + 1),
                      x + block->column_x[1], y + 2);
      y += g_array_index (block->row_height, double, row);
    }
}

static double
draw_table_row (cairo_t *cr,
                Block   *block,
                guint    row,
                double   x,
                double   y,
                double   width)
{
  double height = g_array_index (block->row_height, double, row);

  if (row == 0 || row % 2 == 0)
    {
      set_color (cr, row == 0 ? &header_fill : &zebra_fill);
      cairo_rectangle (cr, x, y, width, height);
      cairo_fill (cr);
    }

  set_color (cr, row == 0 ? &accent : &ink);
  for (guint i = 0; i < block->n_columns; i++)
    show_layout_at (cr, g_ptr_array_index (block->layouts, row * block->n_columns + i),
                    x + block->column_x[i] + CELL_PAD_X, y + CELL_PAD_Y);

  return height;
}

static void
draw_table (cairo_t         *cr,
            const Placement *placement,
            double           x,
            double           width)
{
  Block  *block = placement->block;
  double  y = placement->y;

  y += draw_table_row (cr, block, 0, x, y, width);
  draw_hline (cr, x, x + width, y, 0.75, &accent);
  for (guint row = placement->first; row < placement->last; row++)
    y += draw_table_row (cr, block, row, x, y, width);
  draw_hline (cr, x, x + width, y, 0.5, &rule);
}

static void
draw_image (cairo_t         *cr,
            const Placement *placement,
            double           x)
{
  Block  *block = placement->block;
  double  width = block->width * block->scale;
  double  height = block->height * block->scale;

  cairo_save (cr);
  cairo_translate (cr, x, placement->y);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  block->draw (cr, width, height, block->user_data);
  cairo_restore (cr);
}

/**
 * dc_report_document_draw_page:
 * @cr: where to draw, in points with the origin at the page's top left
 * @page: 0-based
 *
 * Draws one page. The same function serves the PDF writer, the preview
 * (which scales @cr) and printing (with the print operation's
 * use-full-page set, so that the origin is the paper's corner).
 */
void
dc_report_document_draw_page (DcReportDocument *self,
                              cairo_t          *cr,
                              guint             page)
{
  GArray *placements;
  double  x, width;

  g_return_if_fail (DC_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (cr != NULL);

  ensure_layout (self);
  g_return_if_fail (page < self->pages->len);

  placements = g_ptr_array_index (self->pages, page);
  x = self->margin_left;
  width = self->page_width - self->margin_left - self->margin_right;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, self->page_width, self->page_height);
  cairo_fill (cr);

  draw_header (self, cr);

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *placement = &g_array_index (placements, Placement, i);

      switch (placement->block->kind)
        {
        case BLOCK_HEADING:
          set_color (cr, placement->block->level == 1 ? &accent : &ink);
          show_layout_at (cr, placement->block->layout, x, placement->y);
          break;

        case BLOCK_PARAGRAPH:
          draw_paragraph (cr, placement, x);
          break;

        case BLOCK_FACTS:
          draw_facts (cr, placement, x);
          break;

        case BLOCK_TABLE:
          draw_table (cr, placement, x, width);
          break;

        case BLOCK_IMAGE:
          draw_image (cr, placement, x);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  draw_footer (self, cr, page);
  cairo_restore (cr);
}
