/* dc-addendum.h: a correction to a signed session. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_ADDENDUM (dc_addendum_get_type ())

G_DECLARE_FINAL_TYPE (DcAddendum, dc_addendum, DC, ADDENDUM, DcRecord)

DcAddendum  *dc_addendum_new            (void);
gint64       dc_addendum_get_session_id (DcAddendum *self);
gint64       dc_addendum_get_author_id  (DcAddendum *self);
const char  *dc_addendum_get_written_at (DcAddendum *self);
const char  *dc_addendum_get_reason     (DcAddendum *self);
const char  *dc_addendum_get_text       (DcAddendum *self);

void dc_addendum_set_session_id (DcAddendum *self,
                                 gint64      session_id);
void dc_addendum_set_author_id  (DcAddendum *self,
                                 gint64      author_id);
void dc_addendum_set_written_at (DcAddendum *self,
                                 const char *written_at);
void dc_addendum_set_reason     (DcAddendum *self,
                                 const char *reason);
void dc_addendum_set_text       (DcAddendum *self,
                                 const char *text);

G_END_DECLS
