/* dc-record.h: base class of every stored clinical record.
 *
 * A record is an id (the store's row id, 0 until saved), a UUID that names
 * it across databases and exports, two timestamps, and the fields its
 * subclass declares as GParamSpecs. The store maps fields to columns and the
 * exporter maps them to JSON members by name, so the list of fields in a
 * class_init is the one place a field is defined. */
#pragma once

#include <glib-object.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_RECORD (dc_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (DcRecord, dc_record, DC, RECORD, GObject)

struct _DcRecordClass
{
  GObjectClass parent_class;

  /* Name of the table and of the JSON member holding such records. */
  const char *table;
  /* The field naming the owning record ("session-id"), or NULL. */
  const char *parent_field;
  /* SQL-free ordering hint for lists of these records: a field name,
   * optionally prefixed with '-' for descending order. */
  const char *sort_field;

  gboolean (*validate) (DcRecord  *self,
                        GError   **error);

  /*< private >*/
  GPtrArray *fields;
  GHashTable *references;
  gpointer padding[6];
};

void          dc_record_class_install_fields  (DcRecordClass  *klass,
                                               GParamSpec    **pspecs,
                                               guint           n_pspecs);
void          dc_record_class_add_reference   (DcRecordClass  *klass,
                                               const char     *field,
                                               GType           target);
GType         dc_record_class_get_reference   (DcRecordClass  *klass,
                                               GParamSpec     *field);
GParamSpec  **dc_record_class_get_fields      (DcRecordClass  *klass,
                                               guint          *n_fields);
GParamSpec   *dc_record_class_find_field      (DcRecordClass  *klass,
                                               const char     *name);

gint64        dc_record_get_id                (DcRecord       *self);
void          dc_record_set_id                (DcRecord       *self,
                                               gint64          id);
const char   *dc_record_get_uuid              (DcRecord       *self);
void          dc_record_set_uuid              (DcRecord       *self,
                                               const char     *uuid);
const char   *dc_record_get_created_at        (DcRecord       *self);
const char   *dc_record_get_updated_at        (DcRecord       *self);
void          dc_record_set_timestamps        (DcRecord       *self,
                                               const char     *created_at,
                                               const char     *updated_at);

const GValue *dc_record_get_field             (DcRecord       *self,
                                               GParamSpec     *field);
void          dc_record_set_field             (DcRecord       *self,
                                               GParamSpec     *field,
                                               const GValue   *value);

DcRecord     *dc_record_copy                  (DcRecord       *self);
void          dc_record_assign                (DcRecord       *self,
                                               DcRecord       *from);
gboolean      dc_record_fields_equal          (DcRecord       *a,
                                               DcRecord       *b);
gboolean      dc_record_validate              (DcRecord       *self,
                                               GError        **error);

char         *dc_record_field_column_name     (GParamSpec     *field);

G_END_DECLS
