/* dc-audit-entry.h: one row of the append-only audit trail. */
#pragma once

#include <glib-object.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_AUDIT_ENTRY (dc_audit_entry_get_type ())

G_DECLARE_FINAL_TYPE (DcAuditEntry, dc_audit_entry, DC, AUDIT_ENTRY, GObject)

DcAuditEntry *dc_audit_entry_new            (gint64       id,
                                             const char  *at,
                                             const char  *actor,
                                             const char  *table_name,
                                             const char  *row_uuid,
                                             const char  *action,
                                             const char  *before,
                                             const char  *after);
gint64        dc_audit_entry_get_id         (DcAuditEntry *self);
const char   *dc_audit_entry_get_at         (DcAuditEntry *self);
const char   *dc_audit_entry_get_actor      (DcAuditEntry *self);
const char   *dc_audit_entry_get_table_name (DcAuditEntry *self);
const char   *dc_audit_entry_get_row_uuid   (DcAuditEntry *self);
const char   *dc_audit_entry_get_action     (DcAuditEntry *self);
const char   *dc_audit_entry_get_before     (DcAuditEntry *self);
const char   *dc_audit_entry_get_after      (DcAuditEntry *self);

G_END_DECLS
