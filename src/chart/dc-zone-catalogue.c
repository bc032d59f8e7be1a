/* dc-zone-catalogue.c: loads the zone catalogue (data/dc-zones.xml) with
 * GMarkup and answers questions about zones. The file's order is the
 * anatomical order the API promises, so lists and reports follow it. */

#include "config.h"

#include "dc-zone-catalogue.h"
#include "dc-zone-catalogue-private.h"

#include "dc-error.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define CATALOGUE_RESOURCE RESOURCE_PREFIX "/chart/dc-zones.xml"
#define N_FAMILIES 3

/* Grid step (view units) and line-art clearance for the label anchors. */
#define ANCHOR_STEP      4.0
#define ANCHOR_CLEARANCE 7.0

typedef struct
{
  char      *msgid;
  char      *context;    /* msgctxt, or NULL when not translatable */
} Text;

typedef struct
{
  char      *id;
  Text       name;
  double     width;
  double     height;
  GPtrArray *outlines;   /* of DcOutline */
} View;

typedef struct
{
  gboolean   present;
  double     min_mm;
  double     max_mm;
  Text       note;
  Text       source;
} Guidance;

typedef struct
{
  char      *view;
  DcPath    *path;
  gboolean   have_anchor;
  double     anchor_x;
  double     anchor_y;
} Region;

struct _DcZone
{
  char      *id;
  Text       name;
  DcZoneSide side;
  char      *mirror_id;
  GPtrArray *regions;    /* of Region */
  Guidance   guidance[N_FAMILIES];
};

struct _DcZoneCatalogue
{
  GObject     parent_instance;

  GPtrArray  *views;     /* of View */
  GPtrArray  *zones;     /* of DcZone, in anatomical order */
  GHashTable *zone_by_id;
  char      **zone_ids;  /* strings owned by the zones */
  char      **view_ids;  /* strings owned by the views */
};

G_DEFINE_FINAL_TYPE (DcZoneCatalogue, dc_zone_catalogue, G_TYPE_OBJECT)

static void
text_clear (Text *text)
{
  g_clear_pointer (&text->msgid, g_free);
  g_clear_pointer (&text->context, g_free);
}

static const char *
text_get (const Text *text)
{
  if (text->msgid == NULL)
    return NULL;
  if (text->context == NULL)
    return text->msgid;
  return g_dpgettext2 (GETTEXT_PACKAGE, text->context, text->msgid);
}

static void
outline_free (DcOutline *outline)
{
  g_clear_pointer (&outline->path, dc_path_unref);
  g_free (outline);
}

static void
view_free (View *view)
{
  g_free (view->id);
  text_clear (&view->name);
  g_ptr_array_unref (view->outlines);
  g_free (view);
}

static void
region_free (Region *region)
{
  g_free (region->view);
  g_clear_pointer (&region->path, dc_path_unref);
  g_free (region);
}

static void
zone_free (DcZone *zone)
{
  g_free (zone->id);
  text_clear (&zone->name);
  g_free (zone->mirror_id);
  g_ptr_array_unref (zone->regions);
  for (guint i = 0; i < N_FAMILIES; i++)
    {
      text_clear (&zone->guidance[i].note);
      text_clear (&zone->guidance[i].source);
    }
  g_free (zone);
}

static void
dc_zone_catalogue_finalize (GObject *object)
{
  DcZoneCatalogue *self = DC_ZONE_CATALOGUE (object);

  g_free (self->zone_ids);
  g_free (self->view_ids);
  g_clear_pointer (&self->zone_by_id, g_hash_table_unref);
  g_clear_pointer (&self->zones, g_ptr_array_unref);
  g_clear_pointer (&self->views, g_ptr_array_unref);

  G_OBJECT_CLASS (dc_zone_catalogue_parent_class)->finalize (object);
}

static void
dc_zone_catalogue_class_init (DcZoneCatalogueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dc_zone_catalogue_finalize;
}

static void
dc_zone_catalogue_init (DcZoneCatalogue *self)
{
  self->views = g_ptr_array_new_with_free_func ((GDestroyNotify) view_free);
  self->zones = g_ptr_array_new_with_free_func ((GDestroyNotify) zone_free);
  self->zone_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Parsing */

typedef struct
{
  DcZoneCatalogue *self;
  gboolean         seen_root;
  View            *view;       /* the open <view>, if any */
  DcZone          *zone;       /* the open <zone>, if any */
  Guidance        *guidance;   /* the open <guidance>, if any */
  Text            *text;       /* where the open text element goes */
  GString         *buffer;     /* its collected text */
  DcOutlineClass   outline_class;
  char            *region_view;
} ParseData;

static gboolean
parse_double (const char  *string,
              double      *value)
{
  char *end = NULL;

  if (string == NULL || *string == '\0')
    return FALSE;
  *value = g_ascii_strtod (string, &end);
  return *end == '\0' && isfinite (*value);
}

static gboolean
markup_fail (GMarkupParseContext  *context,
             GError              **error,
             const char           *format,
             ...) G_GNUC_PRINTF (3, 4);

static gboolean
markup_fail (GMarkupParseContext  *context,
             GError              **error,
             const char           *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;
  int line, column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_markup_parse_context_get_position (context, &line, &column);
  g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
               "Zone catalogue, line %d: %s", line, message);
  return FALSE;
}

/* A text element: translatable="yes" requires a context, so that every
 * string reaches the translators with its msgctxt (see po/dermachart.its). */
static gboolean
start_text (ParseData            *data,
            GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            Text                 *text,
            GError              **error)
{
  const char *translatable = NULL;
  const char *msgctxt = NULL;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                    "translatable", &translatable,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                    "context", &msgctxt,
                                    G_MARKUP_COLLECT_INVALID))
    return FALSE;
  if (text->msgid != NULL)
    return markup_fail (context, error, "<%s> given twice", element);
  if (translatable != NULL && g_strcmp0 (translatable, "yes") != 0)
    return markup_fail (context, error, "translatable must be \"yes\" or absent");
  if (translatable != NULL && msgctxt == NULL)
    return markup_fail (context, error, "a translatable <%s> needs a context", element);

  text_clear (text);
  text->context = translatable != NULL ? g_strdup (msgctxt) : NULL;
  data->text = text;
  g_string_truncate (data->buffer, 0);
  return TRUE;
}

static gboolean
parse_side (const char *string,
            DcZoneSide *side)
{
  if (string == NULL || g_str_equal (string, "none"))
    *side = DC_ZONE_SIDE_NONE;
  else if (g_str_equal (string, "left"))
    *side = DC_ZONE_SIDE_LEFT;
  else if (g_str_equal (string, "right"))
    *side = DC_ZONE_SIDE_RIGHT;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_family (const char *string,
              guint      *family)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (DC_TYPE_DEVICE_KIND);
  GEnumValue *value = string != NULL ? g_enum_get_value_by_nick (klass, string) : NULL;

  if (value == NULL || value->value < 0 || value->value >= N_FAMILIES)
    return FALSE;
  *family = value->value;
  return TRUE;
}

static gboolean
parse_outline_class (const char     *string,
                     DcOutlineClass *klass)
{
  static const char *const names[] = {
    "skin", "hair", "shade", "contour", "feature", "detail", "solid",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (string, names[i]) == 0)
      {
        *klass = i;
        return TRUE;
      }
  return FALSE;
}

static View *
find_view (DcZoneCatalogue *self,
           const char      *id)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      View *view = g_ptr_array_index (self->views, i);

      if (g_strcmp0 (view->id, id) == 0)
        return view;
    }
  return NULL;
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseData *data = user_data;
  DcZoneCatalogue *self = data->self;
  const char *parent = NULL;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);

  if (stack->next != NULL)
    parent = stack->next->data;

  if (g_str_equal (element, "zones") && parent == NULL)
    {
      const char *version = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "version", &version,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!g_str_equal (version, "1"))
        {
          markup_fail (context, error, "unsupported version %s", version);
          return;
        }
      data->seen_root = TRUE;
    }
  else if (g_str_equal (element, "view") && g_strcmp0 (parent, "zones") == 0)
    {
      const char *id, *width, *height;
      View *view;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING, "width", &width,
                                        G_MARKUP_COLLECT_STRING, "height", &height,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (find_view (self, id) != NULL)
        {
          markup_fail (context, error, "view %s defined twice", id);
          return;
        }
      view = g_new0 (View, 1);
      view->id = g_strdup (id);
      view->outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) outline_free);
      g_ptr_array_add (self->views, view);
      if (!parse_double (width, &view->width) || !parse_double (height, &view->height)
          || view->width <= 0 || view->height <= 0)
        {
          markup_fail (context, error, "view %s has an invalid size", id);
          return;
        }
      data->view = view;
    }
  else if (g_str_equal (element, "outline") && g_strcmp0 (parent, "view") == 0)
    {
      const char *klass = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "class", &klass,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!parse_outline_class (klass, &data->outline_class))
        {
          markup_fail (context, error, "unknown outline class %s", klass);
          return;
        }
      g_string_truncate (data->buffer, 0);
    }
  else if (g_str_equal (element, "zone") && g_strcmp0 (parent, "zones") == 0)
    {
      const char *id, *side = NULL;
      DcZone *zone;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "side", &side,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (*id == '\0' || g_hash_table_contains (self->zone_by_id, id))
        {
          markup_fail (context, error, "zone id \"%s\" is empty or given twice", id);
          return;
        }
      zone = g_new0 (DcZone, 1);
      zone->id = g_strdup (id);
      zone->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
      g_ptr_array_add (self->zones, zone);
      g_hash_table_insert (self->zone_by_id, zone->id, zone);
      if (!parse_side (side, &zone->side))
        {
          markup_fail (context, error, "zone %s has an unknown side %s", id, side);
          return;
        }
      data->zone = zone;
    }
  else if (g_str_equal (element, "name") && g_strcmp0 (parent, "view") == 0)
    start_text (data, context, element, names, values, &data->view->name, error);
  else if (g_str_equal (element, "name") && g_strcmp0 (parent, "zone") == 0)
    start_text (data, context, element, names, values, &data->zone->name, error);
  else if (g_str_equal (element, "region") && g_strcmp0 (parent, "zone") == 0)
    {
      const char *view;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "view", &view,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (dc_zone_get_region (data->zone, view) != NULL)
        {
          markup_fail (context, error, "zone %s has two regions in view %s",
                       data->zone->id, view);
          return;
        }
      data->region_view = g_strdup (view);
      g_string_truncate (data->buffer, 0);
    }
  else if (g_str_equal (element, "guidance") && g_strcmp0 (parent, "zone") == 0)
    {
      const char *family, *min, *max;
      Guidance *guidance;
      guint index;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "family", &family,
                                        G_MARKUP_COLLECT_STRING, "min", &min,
                                        G_MARKUP_COLLECT_STRING, "max", &max,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!parse_family (family, &index))
        {
          markup_fail (context, error, "unknown device family %s", family);
          return;
        }
      guidance = &data->zone->guidance[index];
      if (guidance->present)
        {
          markup_fail (context, error, "zone %s has two %s guidances", data->zone->id, family);
          return;
        }
      guidance->present = TRUE;
      if (!parse_double (min, &guidance->min_mm) || !parse_double (max, &guidance->max_mm)
          || guidance->min_mm < 0 || guidance->min_mm > guidance->max_mm)
        {
          markup_fail (context, error, "zone %s has an invalid %s depth range",
                       data->zone->id, family);
          return;
        }
      data->guidance = guidance;
    }
  else if (g_str_equal (element, "note") && g_strcmp0 (parent, "guidance") == 0)
    start_text (data, context, element, names, values, &data->guidance->note, error);
  else if (g_str_equal (element, "source") && g_strcmp0 (parent, "guidance") == 0)
    start_text (data, context, element, names, values, &data->guidance->source, error);
  else
    markup_fail (context, error, "unexpected <%s>%s%s%s", element,
                 parent ? " in <" : "", parent ? parent : "", parent ? ">" : "");
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  ParseData *data = user_data;
  g_autoptr(GError) path_error = NULL;

  if (g_str_equal (element, "outline"))
    {
      DcOutline *outline;
      DcPath *path = dc_path_parse (data->buffer->str, &path_error);

      if (path == NULL)
        {
          markup_fail (context, error, "view %s: %s", data->view->id, path_error->message);
          return;
        }
      outline = g_new0 (DcOutline, 1);
      outline->klass = data->outline_class;
      outline->path = path;
      g_ptr_array_add (data->view->outlines, outline);
    }
  else if (g_str_equal (element, "region"))
    {
      Region *region;
      DcPath *path = dc_path_parse (data->buffer->str, &path_error);

      if (path == NULL)
        {
          markup_fail (context, error, "zone %s: %s", data->zone->id, path_error->message);
          return;
        }
      region = g_new0 (Region, 1);
      region->view = g_steal_pointer (&data->region_view);
      region->path = path;
      g_ptr_array_add (data->zone->regions, region);
    }
  else if (data->text != NULL)
    {
      g_strstrip (data->buffer->str);
      if (data->buffer->str[0] == '\0')
        {
          markup_fail (context, error, "<%s> is empty", element);
          return;
        }
      data->text->msgid = g_strdup (data->buffer->str);
      data->text = NULL;
    }
  else if (g_str_equal (element, "view"))
    data->view = NULL;
  else if (g_str_equal (element, "zone"))
    {
      if (data->zone->name.msgid == NULL)
        markup_fail (context, error, "zone %s has no name", data->zone->id);
      else if (data->zone->regions->len == 0)
        markup_fail (context, error, "zone %s has no region", data->zone->id);
      data->zone = NULL;
    }
  else if (g_str_equal (element, "guidance"))
    data->guidance = NULL;
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  ParseData *data = user_data;
  const char *element = g_markup_parse_context_get_element (context);

  if (data->text != NULL || g_strcmp0 (element, "outline") == 0
      || g_strcmp0 (element, "region") == 0)
    g_string_append_len (data->buffer, text, length);
  else
    for (gsize i = 0; i < length; i++)
      if (!g_ascii_isspace (text[i]))
        {
          markup_fail (context, error, "unexpected text in <%s>", element);
          return;
        }
}

/* Checks what only the whole file can tell, and derives the mirror ids. */
static gboolean
finish_catalogue (DcZoneCatalogue  *self,
                  GError          **error)
{
  if (self->zones->len == 0)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT, "Zone catalogue: no zones");
      return FALSE;
    }

  for (guint i = 0; i < self->zones->len; i++)
    {
      DcZone *zone = g_ptr_array_index (self->zones, i);

      for (guint j = 0; j < zone->regions->len; j++)
        {
          Region *region = g_ptr_array_index (zone->regions, j);

          if (find_view (self, region->view) == NULL)
            {
              g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                           "Zone catalogue: zone %s refers to an unknown view %s",
                           zone->id, region->view);
              return FALSE;
            }
        }

      if (zone->side != DC_ZONE_SIDE_NONE)
        {
          const char *own = zone->side == DC_ZONE_SIDE_LEFT ? "-left" : "-right";
          const char *other = zone->side == DC_ZONE_SIDE_LEFT ? "-right" : "-left";
          g_autofree char *stem = NULL;
          DcZone *mirror;

          if (!g_str_has_suffix (zone->id, own))
            {
              g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                           "Zone catalogue: the id of zone %s does not end in %s",
                           zone->id, own);
              return FALSE;
            }
          stem = g_strndup (zone->id, strlen (zone->id) - strlen (own));
          zone->mirror_id = g_strconcat (stem, other, NULL);
          mirror = g_hash_table_lookup (self->zone_by_id, zone->mirror_id);
          if (mirror == NULL || mirror->side == zone->side)
            {
              g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT,
                           "Zone catalogue: zone %s has no mirror %s",
                           zone->id, zone->mirror_id);
              return FALSE;
            }
        }
    }

  self->zone_ids = g_new0 (char *, self->zones->len + 1);
  for (guint i = 0; i < self->zones->len; i++)
    self->zone_ids[i] = ((DcZone *) g_ptr_array_index (self->zones, i))->id;
  self->view_ids = g_new0 (char *, self->views->len + 1);
  for (guint i = 0; i < self->views->len; i++)
    self->view_ids[i] = ((View *) g_ptr_array_index (self->views, i))->id;

  return TRUE;
}

/* Label anchors */

/* The point of the region farthest from its edge and from the line art
 * (a chamfer distance transform on a coarse grid), nudged towards the
 * region's middle so labels sit where a reader expects them. */
static void
compute_anchor (View   *view,
                Region *region)
{
  double x1, y1, x2, y2;
  int width, height, stride;
  cairo_surface_t *surface;
  cairo_t *cr;
  guchar *pixels;
  g_autofree float *distance = NULL;
  double sum_x = 0, sum_y = 0, count = 0;
  double best = -G_MAXDOUBLE;

  dc_path_get_extents (region->path, &x1, &y1, &x2, &y2);
  width = (int) ceil ((x2 - x1) / ANCHOR_STEP) + 3;
  height = (int) ceil ((y2 - y1) / ANCHOR_STEP) + 3;

  for (int pass = 0; pass < 2 && count == 0; pass++)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
      cr = cairo_create (surface);
      cairo_scale (cr, 1.0 / ANCHOR_STEP, 1.0 / ANCHOR_STEP);
      cairo_translate (cr, -x1 + ANCHOR_STEP, -y1 + ANCHOR_STEP);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      dc_path_append (region->path, cr);
      cairo_fill (cr);

      /* Keep clear of the line art, unless the zone is too small for that. */
      if (pass == 0)
        {
          cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
          cairo_set_line_width (cr, 2 * ANCHOR_CLEARANCE);
          for (guint i = 0; i < view->outlines->len; i++)
            {
              DcOutline *outline = g_ptr_array_index (view->outlines, i);

              if (outline->klass == DC_OUTLINE_SHADE || outline->klass == DC_OUTLINE_HAIR
                  || outline->klass == DC_OUTLINE_SKIN)
                continue;
              dc_path_append (outline->path, cr);
              if (outline->klass == DC_OUTLINE_SOLID)
                cairo_fill_preserve (cr);
              cairo_stroke (cr);
            }
        }
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      pixels = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      g_free (distance);
      distance = g_new (float, width * height);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            gboolean inside = pixels[y * stride + x] >= 128;

            distance[y * width + x] = inside ? G_MAXFLOAT / 2 : 0;
            if (inside)
              {
                sum_x += x;
                sum_y += y;
                count++;
              }
          }
      cairo_surface_destroy (surface);
    }

  if (count == 0)
    {
      region->anchor_x = (x1 + x2) / 2;
      region->anchor_y = (y1 + y2) / 2;
      region->have_anchor = TRUE;
      return;
    }

#define D(x, y) distance[(y) * width + (x)]
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        float d = D (x, y);

        if (x > 0)
          d = MIN (d, D (x - 1, y) + 1.0f);
        if (y > 0)
          d = MIN (d, D (x, y - 1) + 1.0f);
        if (x > 0 && y > 0)
          d = MIN (d, D (x - 1, y - 1) + 1.4142f);
        if (x + 1 < width && y > 0)
          d = MIN (d, D (x + 1, y - 1) + 1.4142f);
        D (x, y) = d;
      }
  for (int y = height - 1; y >= 0; y--)
    for (int x = width - 1; x >= 0; x--)
      {
        float d = D (x, y);

        if (x + 1 < width)
          d = MIN (d, D (x + 1, y) + 1.0f);
        if (y + 1 < height)
          d = MIN (d, D (x, y + 1) + 1.0f);
        if (x + 1 < width && y + 1 < height)
          d = MIN (d, D (x + 1, y + 1) + 1.4142f);
        if (x > 0 && y + 1 < height)
          d = MIN (d, D (x - 1, y + 1) + 1.4142f);
        D (x, y) = d;
      }

  sum_x /= count;
  sum_y /= count;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double score;

        if (D (x, y) <= 0)
          continue;
        score = D (x, y) - 0.15 * hypot (x - sum_x, y - sum_y);
        if (score > best)
          {
            best = score;
            region->anchor_x = x1 + (x - 1) * ANCHOR_STEP + ANCHOR_STEP / 2;
            region->anchor_y = y1 + (y - 1) * ANCHOR_STEP + ANCHOR_STEP / 2;
          }
      }
#undef D
  region->have_anchor = TRUE;
}

static void
compute_anchors (DcZoneCatalogue *self)
{
  for (guint i = 0; i < self->zones->len; i++)
    {
      DcZone *zone = g_ptr_array_index (self->zones, i);

      for (guint j = 0; j < zone->regions->len; j++)
        {
          Region *region = g_ptr_array_index (zone->regions, j);

          compute_anchor (find_view (self, region->view), region);
        }
    }
}

/**
 * dc_zone_catalogue_new_from_data:
 * @data: the catalogue XML
 * @length: its length, or -1 if nul-terminated
 * @error: return location for a DC_ERROR_CORRUPT error
 *
 * Returns: (transfer full): a new catalogue, or %NULL if @data is malformed
 */
DcZoneCatalogue *
dc_zone_catalogue_new_from_data (const char  *data,
                                 gssize       length,
                                 GError     **error)
{
  static const GMarkupParser parser = {
    start_element_cb, end_element_cb, text_cb, NULL, NULL,
  };
  g_autoptr(DcZoneCatalogue) self = NULL;
  GMarkupParseContext *context;
  ParseData parse_data = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (DC_TYPE_ZONE_CATALOGUE, NULL);
  parse_data.self = self;
  parse_data.buffer = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION,
                                        &parse_data, NULL);
  ok = g_markup_parse_context_parse (context, data, length, &local_error)
       && g_markup_parse_context_end_parse (context, &local_error);
  g_markup_parse_context_free (context);
  g_string_free (parse_data.buffer, TRUE);
  g_free (parse_data.region_view);

  if (ok && !parse_data.seen_root)
    {
      g_set_error (&local_error, DC_ERROR, DC_ERROR_CORRUPT,
                   "Zone catalogue: the document is not a <zones> catalogue");
      ok = FALSE;
    }
  if (ok)
    ok = finish_catalogue (self, &local_error);

  if (!ok)
    {
      /* GMarkup's own errors become ours, so callers see one domain. */
      if (local_error->domain != DC_ERROR)
        {
          g_set_error (error, DC_ERROR, DC_ERROR_CORRUPT, "Zone catalogue: %s",
                       local_error->message);
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  compute_anchors (self);
  return g_steal_pointer (&self);
}

DcZoneCatalogue *
dc_zone_catalogue_new_from_resource (const char  *path,
                                     GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_NOT_FOUND, "Zone catalogue %s: %s",
                   path, local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  return dc_zone_catalogue_new_from_data (data, size, error);
}

/**
 * dc_zone_catalogue_get_default:
 *
 * The catalogue compiled into the program. It is created on first use, from
 * any thread, and never freed; failing to load it is a build defect.
 *
 * Returns: (transfer none): the default catalogue
 */
DcZoneCatalogue *
dc_zone_catalogue_get_default (void)
{
  static DcZoneCatalogue *catalogue;

  if (g_once_init_enter (&catalogue))
    {
      g_autoptr(GError) error = NULL;
      DcZoneCatalogue *loaded = dc_zone_catalogue_new_from_resource (CATALOGUE_RESOURCE,
                                                                     &error);

      if (loaded == NULL)
        g_error ("The built-in zone catalogue is broken: %s", error->message);
      g_once_init_leave (&catalogue, loaded);
    }

  return catalogue;
}

const char *const *
dc_zone_catalogue_get_zone_ids (DcZoneCatalogue *self)
{
  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (self), NULL);

  return (const char *const *) self->zone_ids;
}

guint
dc_zone_catalogue_get_n_zones (DcZoneCatalogue *self)
{
  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (self), 0);

  return self->zones->len;
}

const DcZone *
dc_zone_catalogue_lookup (DcZoneCatalogue *self,
                          const char      *zone_id)
{
  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (self), NULL);

  if (zone_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->zone_by_id, zone_id);
}

const char *const *
dc_zone_catalogue_get_view_ids (DcZoneCatalogue *self)
{
  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (self), NULL);

  return (const char *const *) self->view_ids;
}

gboolean
dc_zone_catalogue_has_view (DcZoneCatalogue *self,
                            const char      *view)
{
  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (self), FALSE);

  return view != NULL && find_view (self, view) != NULL;
}

const char *
dc_zone_catalogue_get_view_name (DcZoneCatalogue *self,
                                 const char      *view_id)
{
  View *view;

  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (self), NULL);

  view = find_view (self, view_id);
  if (view == NULL)
    return NULL;
  return view->name.msgid != NULL ? text_get (&view->name) : view->id;
}

gboolean
dc_zone_catalogue_get_view_size (DcZoneCatalogue *self,
                                 const char      *view_id,
                                 double          *width,
                                 double          *height)
{
  View *view;

  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (self), FALSE);

  view = find_view (self, view_id);
  if (view == NULL)
    return FALSE;
  if (width != NULL)
    *width = view->width;
  if (height != NULL)
    *height = view->height;
  return TRUE;
}

GPtrArray *
_dc_zone_catalogue_get_outlines (DcZoneCatalogue *self,
                                 const char      *view_id)
{
  View *view = find_view (self, view_id);

  return view != NULL ? view->outlines : NULL;
}

const char *
dc_zone_get_id (const DcZone *zone)
{
  g_return_val_if_fail (zone != NULL, NULL);

  return zone->id;
}

const char *
dc_zone_get_name (const DcZone *zone)
{
  g_return_val_if_fail (zone != NULL, NULL);

  return text_get (&zone->name);
}

DcZoneSide
dc_zone_get_side (const DcZone *zone)
{
  g_return_val_if_fail (zone != NULL, DC_ZONE_SIDE_NONE);

  return zone->side;
}

const char *
dc_zone_get_mirror_id (const DcZone *zone)
{
  g_return_val_if_fail (zone != NULL, NULL);

  return zone->mirror_id;
}

/**
 * dc_zone_get_guidance:
 * @zone: a zone
 * @family: the device family
 * @guidance: (out): the catalogue's default guidance
 *
 * Returns: %TRUE if the catalogue has guidance for @family in @zone
 */
gboolean
dc_zone_get_guidance (const DcZone   *zone,
                      DcDeviceKind    family,
                      DcZoneGuidance *guidance)
{
  const Guidance *g;

  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (guidance != NULL, FALSE);

  if ((guint) family >= N_FAMILIES || !zone->guidance[family].present)
    return FALSE;

  g = &zone->guidance[family];
  guidance->min_mm = g->min_mm;
  guidance->max_mm = g->max_mm;
  guidance->note = text_get (&g->note);
  guidance->source = text_get (&g->source);
  return TRUE;
}

const DcPath *
dc_zone_get_region (const DcZone *zone,
                    const char   *view)
{
  g_return_val_if_fail (zone != NULL, NULL);

  for (guint i = 0; i < zone->regions->len; i++)
    {
      Region *region = g_ptr_array_index (zone->regions, i);

      if (g_strcmp0 (region->view, view) == 0)
        return region->path;
    }
  return NULL;
}

gboolean
_dc_zone_get_anchor (DcZoneCatalogue *self,
                     const DcZone    *zone,
                     const char      *view,
                     double          *x,
                     double          *y)
{
  for (guint i = 0; i < zone->regions->len; i++)
    {
      Region *region = g_ptr_array_index (zone->regions, i);

      if (g_strcmp0 (region->view, view) == 0 && region->have_anchor)
        {
          *x = region->anchor_x;
          *y = region->anchor_y;
          return TRUE;
        }
    }
  return FALSE;
}
