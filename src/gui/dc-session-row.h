/* dc-session-row.h: one session in a patient's history. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_SESSION_ROW (dc_session_row_get_type ())

G_DECLARE_FINAL_TYPE (DcSessionRow, dc_session_row, DC, SESSION_ROW, AdwActionRow)

GtkWidget *dc_session_row_new         (DcSession  *session,
                                       const char *practitioner_name,
                                       DcSession  *previous);
DcSession *dc_session_row_get_session (DcSessionRow *self);

G_END_DECLS
