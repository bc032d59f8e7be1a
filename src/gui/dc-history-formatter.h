/* dc-history-formatter.h: rows of the audit trail told in the
 * practitioner's terms: "Session of 3 March signed", "Zone Left cheek:
 * Depth 1.5 → 2 mm", "Report emailed to …". */
#pragma once

#include <gio/gio.h>

#include "dc-history-item.h"
#include "dc-model.h"

G_BEGIN_DECLS

#define DC_TYPE_HISTORY_FORMATTER (dc_history_formatter_get_type ())

G_DECLARE_FINAL_TYPE (DcHistoryFormatter, dc_history_formatter, DC, HISTORY_FORMATTER, GObject)

DcHistoryFormatter *dc_history_formatter_new        (void);
void                dc_history_formatter_add_name   (DcHistoryFormatter *self,
                                                     GType               type,
                                                     gint64              id,
                                                     const char         *name);
void                dc_history_formatter_learn      (DcHistoryFormatter *self,
                                                     DcAuditEntry       *entry);
DcHistoryItem      *dc_history_formatter_format     (DcHistoryFormatter *self,
                                                     DcAuditEntry       *entry);
GListModel         *dc_history_formatter_format_all (DcHistoryFormatter *self,
                                                     GListModel         *entries);

G_END_DECLS
