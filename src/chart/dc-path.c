/* dc-path.c: a small SVG path-data parser that replays into cairo. */

#include "config.h"

#include "dc-path.h"

#include "dc-error.h"

#include <math.h>
#include <string.h>

struct _DcPath
{
  gatomicrefcount ref_count;
  cairo_path_t    path;
  double          x1, y1, x2, y2;
};

G_DEFINE_BOXED_TYPE (DcPath, dc_path, dc_path_ref, dc_path_unref)

typedef struct
{
  const char *data;
  const char *p;
  GArray     *segments;   /* of cairo_path_data_t */
  double      x1, y1, x2, y2;
  gboolean    have_points;
} Parser;

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
skip_wsp (Parser *parser)
{
  while (is_wsp (*parser->p))
    parser->p++;
}

/* Skips white space and at most one comma, as the SVG grammar's comma-wsp. */
static void
skip_comma_wsp (Parser *parser)
{
  skip_wsp (parser);
  if (*parser->p == ',')
    {
      parser->p++;
      skip_wsp (parser);
    }
}

static gboolean
at_number (Parser *parser)
{
  char c = *parser->p;

  return g_ascii_isdigit (c) || c == '.' || c == '-' || c == '+';
}

static gboolean
fail (Parser      *parser,
      GError     **error,
      const char  *what)
{
  g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
               "Malformed path data at offset %d: %s",
               (int) (parser->p - parser->data), what);
  return FALSE;
}

/* Scans one number by the SVG grammar, so that "3.5.5" is two numbers and
 * "1e" is an error, then converts it without regard to the locale. */
static gboolean
parse_number (Parser  *parser,
              double  *value,
              GError **error)
{
  const char *start = parser->p;
  const char *q = start;
  gboolean digits = FALSE;
  char buffer[64];

  if (*q == '+' || *q == '-')
    q++;
  while (g_ascii_isdigit (*q))
    {
      q++;
      digits = TRUE;
    }
  if (*q == '.')
    {
      q++;
      while (g_ascii_isdigit (*q))
        {
          q++;
          digits = TRUE;
        }
    }
  if (!digits)
    return fail (parser, error, "expected a number");
  if (*q == 'e' || *q == 'E')
    {
      const char *e = q + 1;

      if (*e == '+' || *e == '-')
        e++;
      if (!g_ascii_isdigit (*e))
        return fail (parser, error, "incomplete exponent");
      while (g_ascii_isdigit (*e))
        e++;
      q = e;
    }
  if ((gsize) (q - start) >= sizeof buffer)
    return fail (parser, error, "number too long");

  memcpy (buffer, start, q - start);
  buffer[q - start] = '\0';
  *value = g_ascii_strtod (buffer, NULL);
  if (!isfinite (*value))
    return fail (parser, error, "number out of range");

  parser->p = q;
  skip_comma_wsp (parser);
  return TRUE;
}

static gboolean
parse_numbers (Parser  *parser,
               double  *values,
               guint    n,
               GError **error)
{
  for (guint i = 0; i < n; i++)
    if (!parse_number (parser, &values[i], error))
      return FALSE;
  return TRUE;
}

static void
add_point (Parser *parser,
           double  x,
           double  y)
{
  cairo_path_data_t point;

  point.point.x = x;
  point.point.y = y;
  g_array_append_val (parser->segments, point);

  if (!parser->have_points)
    {
      parser->x1 = parser->x2 = x;
      parser->y1 = parser->y2 = y;
      parser->have_points = TRUE;
    }
  parser->x1 = MIN (parser->x1, x);
  parser->y1 = MIN (parser->y1, y);
  parser->x2 = MAX (parser->x2, x);
  parser->y2 = MAX (parser->y2, y);
}

static void
add_header (Parser                 *parser,
            cairo_path_data_type_t  type,
            int                     length)
{
  cairo_path_data_t header;

  header.header.type = type;
  header.header.length = length;
  g_array_append_val (parser->segments, header);
}

static gboolean
parse (Parser  *parser,
       GError **error)
{
  double cx = 0, cy = 0;         /* current point */
  double sx = 0, sy = 0;         /* start of the subpath */
  double ctrl_x = 0, ctrl_y = 0; /* last control point, for S and T */
  char command = 0;
  char previous = 0;
  gboolean need_move = FALSE;

  skip_wsp (parser);
  if (*parser->p == '\0')
    return fail (parser, error, "empty path");

  while (*parser->p != '\0')
    {
      gboolean explicit_command = FALSE;
      gboolean relative;
      double v[6];
      char upper;

      if (g_ascii_isalpha (*parser->p))
        {
          command = *parser->p++;
          explicit_command = TRUE;
          skip_wsp (parser);
        }
      else if (command == 0)
        return fail (parser, error, "path data must start with a moveto");
      else if (!at_number (parser))
        return fail (parser, error, "unexpected character");
      else if (command == 'Z' || command == 'z')
        return fail (parser, error, "closepath takes no numbers");
      else if (command == 'M')
        command = 'L';
      else if (command == 'm')
        command = 'l';

      upper = g_ascii_toupper (command);
      relative = command != upper;

      if (previous == 0 && upper != 'M')
        return fail (parser, error, "path data must start with a moveto");

      if (upper != 'Z' && upper != 'M' && need_move)
        {
          /* After a closepath the next segment starts at the subpath's start;
           * say so explicitly rather than relying on cairo's implicit move. */
          add_header (parser, CAIRO_PATH_MOVE_TO, 2);
          add_point (parser, sx, sy);
        }
      if (upper != 'Z')
        need_move = FALSE;

      switch (upper)
        {
        case 'M':
          if (!parse_numbers (parser, v, 2, error))
            return FALSE;
          cx = relative ? cx + v[0] : v[0];
          cy = relative ? cy + v[1] : v[1];
          sx = cx;
          sy = cy;
          add_header (parser, CAIRO_PATH_MOVE_TO, 2);
          add_point (parser, cx, cy);
          break;

        case 'L':
        case 'H':
        case 'V':
          if (upper == 'L')
            {
              if (!parse_numbers (parser, v, 2, error))
                return FALSE;
              cx = relative ? cx + v[0] : v[0];
              cy = relative ? cy + v[1] : v[1];
            }
          else if (!parse_numbers (parser, v, 1, error))
            return FALSE;
          else if (upper == 'H')
            cx = relative ? cx + v[0] : v[0];
          else
            cy = relative ? cy + v[0] : v[0];
          add_header (parser, CAIRO_PATH_LINE_TO, 2);
          add_point (parser, cx, cy);
          break;

        case 'C':
        case 'S':
          {
            double x1, y1, x2, y2, x, y;

            if (upper == 'C')
              {
                if (!parse_numbers (parser, v, 6, error))
                  return FALSE;
                x1 = relative ? cx + v[0] : v[0];
                y1 = relative ? cy + v[1] : v[1];
                x2 = relative ? cx + v[2] : v[2];
                y2 = relative ? cy + v[3] : v[3];
                x = relative ? cx + v[4] : v[4];
                y = relative ? cy + v[5] : v[5];
              }
            else
              {
                if (!parse_numbers (parser, v, 4, error))
                  return FALSE;
                /* The first control point mirrors the previous curve's second,
                 * or is the current point after anything but a cubic. */
                if (previous == 'C' || previous == 'S')
                  {
                    x1 = 2 * cx - ctrl_x;
                    y1 = 2 * cy - ctrl_y;
                  }
                else
                  {
                    x1 = cx;
                    y1 = cy;
                  }
                x2 = relative ? cx + v[0] : v[0];
                y2 = relative ? cy + v[1] : v[1];
                x = relative ? cx + v[2] : v[2];
                y = relative ? cy + v[3] : v[3];
              }
            add_header (parser, CAIRO_PATH_CURVE_TO, 4);
            add_point (parser, x1, y1);
            add_point (parser, x2, y2);
            add_point (parser, x, y);
            ctrl_x = x2;
            ctrl_y = y2;
            cx = x;
            cy = y;
          }
          break;

        case 'Q':
        case 'T':
          {
            double qx, qy, x, y;

            if (upper == 'Q')
              {
                if (!parse_numbers (parser, v, 4, error))
                  return FALSE;
                qx = relative ? cx + v[0] : v[0];
                qy = relative ? cy + v[1] : v[1];
                x = relative ? cx + v[2] : v[2];
                y = relative ? cy + v[3] : v[3];
              }
            else
              {
                if (!parse_numbers (parser, v, 2, error))
                  return FALSE;
                if (previous == 'Q' || previous == 'T')
                  {
                    qx = 2 * cx - ctrl_x;
                    qy = 2 * cy - ctrl_y;
                  }
                else
                  {
                    qx = cx;
                    qy = cy;
                  }
                x = relative ? cx + v[0] : v[0];
                y = relative ? cy + v[1] : v[1];
              }
            /* cairo has no quadratic curves; this cubic is the same curve. */
            add_header (parser, CAIRO_PATH_CURVE_TO, 4);
            add_point (parser, cx + 2.0 / 3.0 * (qx - cx), cy + 2.0 / 3.0 * (qy - cy));
            add_point (parser, x + 2.0 / 3.0 * (qx - x), y + 2.0 / 3.0 * (qy - y));
            add_point (parser, x, y);
            ctrl_x = qx;
            ctrl_y = qy;
            cx = x;
            cy = y;
          }
          break;

        case 'Z':
          if (!explicit_command)
            return fail (parser, error, "closepath takes no numbers");
          add_header (parser, CAIRO_PATH_CLOSE_PATH, 1);
          cx = sx;
          cy = sy;
          need_move = TRUE;
          skip_comma_wsp (parser);
          break;

        case 'A':
          return fail (parser, error, "arcs are not supported");

        default:
          parser->p--;
          return fail (parser, error, "unknown command");
        }

      previous = upper;
    }

  return TRUE;
}

/**
 * dc_path_parse:
 * @data: SVG path data
 * @error: return location for a DC_ERROR_INVALID error
 *
 * Returns: (transfer full): the parsed path, or %NULL if @data is malformed
 */
DcPath *
dc_path_parse (const char  *data,
               GError     **error)
{
  Parser parser = { 0 };
  DcPath *self;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser.data = data;
  parser.p = data;
  parser.segments = g_array_new (FALSE, FALSE, sizeof (cairo_path_data_t));

  if (!parse (&parser, error))
    {
      g_array_unref (parser.segments);
      return NULL;
    }

  self = g_new0 (DcPath, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->path.status = CAIRO_STATUS_SUCCESS;
  self->path.num_data = parser.segments->len;
  self->path.data = (cairo_path_data_t *) (void *) g_array_free (parser.segments, FALSE);
  self->x1 = parser.x1;
  self->y1 = parser.y1;
  self->x2 = parser.x2;
  self->y2 = parser.y2;

  return self;
}

DcPath *
dc_path_ref (DcPath *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
dc_path_unref (DcPath *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->path.data);
      g_free (self);
    }
}

void
dc_path_append (const DcPath *self,
                cairo_t      *cr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_append_path (cr, &self->path);
}

void
dc_path_get_extents (const DcPath *self,
                     double       *x1,
                     double       *y1,
                     double       *x2,
                     double       *y2)
{
  g_return_if_fail (self != NULL);

  if (x1 != NULL)
    *x1 = self->x1;
  if (y1 != NULL)
    *y1 = self->y1;
  if (x2 != NULL)
    *x2 = self->x2;
  if (y2 != NULL)
    *y2 = self->y2;
}

const cairo_path_t *
dc_path_get_cairo_path (const DcPath *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->path;
}
