/* dc-error.h: the error domain shared by the whole program. Messages are
 * translated and written for the practitioner; codes are for the program. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DC_ERROR (dc_error_quark ())

typedef enum
{
  DC_ERROR_FAILED,
  DC_ERROR_INVALID,        /* a value the record must not hold */
  DC_ERROR_NOT_FOUND,
  DC_ERROR_EXISTS,
  DC_ERROR_NEWER_SCHEMA,   /* written by a newer Dermachart */
  DC_ERROR_CORRUPT,        /* not a Dermachart database, or damaged */
  DC_ERROR_READ_ONLY,
  DC_ERROR_NO_SPACE,
  DC_ERROR_BUSY,
  DC_ERROR_CONSTRAINT,     /* refused by the database's own rules */
  DC_ERROR_NOT_EMPTY,
  DC_ERROR_LOCKED,         /* the record is signed */
  DC_ERROR_UNACKNOWLEDGED, /* allowed only with a stated reason */
} DcError;

GQuark   dc_error_quark      (void);

/* Sets a DC_ERROR_INVALID error and returns FALSE, for validators. */
gboolean dc_validation_error (GError     **error,
                              const char  *format,
                              ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
