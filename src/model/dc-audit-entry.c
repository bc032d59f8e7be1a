/* dc-audit-entry.c: one row of the audit trail, as read back for display. */

#include "config.h"

#include "dc-audit-entry.h"

struct _DcAuditEntry
{
  GObject  parent_instance;

  gint64   id;
  char    *at;
  char    *actor;
  char    *table_name;
  char    *row_uuid;
  char    *action;
  char    *before;
  char    *after;
};

G_DEFINE_FINAL_TYPE (DcAuditEntry, dc_audit_entry, G_TYPE_OBJECT)

static void
dc_audit_entry_finalize (GObject *object)
{
  DcAuditEntry *self = DC_AUDIT_ENTRY (object);

  g_free (self->at);
  g_free (self->actor);
  g_free (self->table_name);
  g_free (self->row_uuid);
  g_free (self->action);
  g_free (self->before);
  g_free (self->after);

  G_OBJECT_CLASS (dc_audit_entry_parent_class)->finalize (object);
}

static void
dc_audit_entry_class_init (DcAuditEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dc_audit_entry_finalize;
}

static void
dc_audit_entry_init (DcAuditEntry *self)
{
}

DcAuditEntry *
dc_audit_entry_new (gint64      id,
                    const char *at,
                    const char *actor,
                    const char *table_name,
                    const char *row_uuid,
                    const char *action,
                    const char *before,
                    const char *after)
{
  DcAuditEntry *self = g_object_new (DC_TYPE_AUDIT_ENTRY, NULL);

  self->id = id;
  self->at = g_strdup (at);
  self->actor = g_strdup (actor);
  self->table_name = g_strdup (table_name);
  self->row_uuid = g_strdup (row_uuid);
  self->action = g_strdup (action);
  self->before = g_strdup (before);
  self->after = g_strdup (after);

  return self;
}

gint64
dc_audit_entry_get_id (DcAuditEntry *self)
{
  g_return_val_if_fail (DC_IS_AUDIT_ENTRY (self), 0);
  return self->id;
}

const char *
dc_audit_entry_get_at (DcAuditEntry *self)
{
  g_return_val_if_fail (DC_IS_AUDIT_ENTRY (self), NULL);
  return self->at;
}

const char *
dc_audit_entry_get_actor (DcAuditEntry *self)
{
  g_return_val_if_fail (DC_IS_AUDIT_ENTRY (self), NULL);
  return self->actor;
}

const char *
dc_audit_entry_get_table_name (DcAuditEntry *self)
{
  g_return_val_if_fail (DC_IS_AUDIT_ENTRY (self), NULL);
  return self->table_name;
}

const char *
dc_audit_entry_get_row_uuid (DcAuditEntry *self)
{
  g_return_val_if_fail (DC_IS_AUDIT_ENTRY (self), NULL);
  return self->row_uuid;
}

const char *
dc_audit_entry_get_action (DcAuditEntry *self)
{
  g_return_val_if_fail (DC_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

const char *
dc_audit_entry_get_before (DcAuditEntry *self)
{
  g_return_val_if_fail (DC_IS_AUDIT_ENTRY (self), NULL);
  return self->before;
}

const char *
dc_audit_entry_get_after (DcAuditEntry *self)
{
  g_return_val_if_fail (DC_IS_AUDIT_ENTRY (self), NULL);
  return self->after;
}
