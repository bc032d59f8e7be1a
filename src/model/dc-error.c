/* dc-error.c: the Dermachart error domain. */

#include "config.h"

#include "dc-error.h"

G_DEFINE_QUARK (dc-error-quark, dc_error)

gboolean
dc_validation_error (GError     **error,
                     const char  *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (DC_ERROR, DC_ERROR_INVALID, format, args);
  va_end (args);

  return FALSE;
}
