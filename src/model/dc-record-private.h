/* dc-record-private.h: typed field accessors for DcRecord subclasses.
 * prop_id is the subclass's own property id (first field is 1). */
#pragma once

#include "dc-record.h"

G_BEGIN_DECLS

const char *_dc_record_get_string  (gpointer    self,
                                    guint       prop_id);
int         _dc_record_get_int     (gpointer    self,
                                    guint       prop_id);
gint64      _dc_record_get_int64   (gpointer    self,
                                    guint       prop_id);
double      _dc_record_get_double  (gpointer    self,
                                    guint       prop_id);
gboolean    _dc_record_get_boolean (gpointer    self,
                                    guint       prop_id);
int         _dc_record_get_enum    (gpointer    self,
                                    guint       prop_id);
guint       _dc_record_get_flags   (gpointer    self,
                                    guint       prop_id);
GBytes     *_dc_record_get_bytes   (gpointer    self,
                                    guint       prop_id);
void        _dc_record_set         (gpointer    self,
                                    guint       prop_id,
                                    ...);

G_END_DECLS
