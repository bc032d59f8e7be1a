/* dc-history-item.h: one line of a patient's history, as the history
 * window shows it: a change in the practitioner's words, or the heading of
 * a day. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DC_TYPE_HISTORY_ITEM (dc_history_item_get_type ())

G_DECLARE_FINAL_TYPE (DcHistoryItem, dc_history_item, DC, HISTORY_ITEM, GObject)

DcHistoryItem *dc_history_item_new            (GDateTime     *at,
                                               const char    *actor,
                                               const char    *icon_name,
                                               const char    *title,
                                               const char    *context,
                                               const char    *details);
DcHistoryItem *dc_history_item_new_day        (GDateTime     *day);

gboolean       dc_history_item_is_day         (DcHistoryItem *self);
GDateTime     *dc_history_item_get_at         (DcHistoryItem *self);
const char    *dc_history_item_get_day_label  (DcHistoryItem *self);
const char    *dc_history_item_get_time       (DcHistoryItem *self);
const char    *dc_history_item_get_actor      (DcHistoryItem *self);
const char    *dc_history_item_get_icon_name  (DcHistoryItem *self);
const char    *dc_history_item_get_title      (DcHistoryItem *self);
const char    *dc_history_item_get_context    (DcHistoryItem *self);
const char    *dc_history_item_get_details    (DcHistoryItem *self);
gboolean       dc_history_item_same_day       (DcHistoryItem *self,
                                               DcHistoryItem *other);
gboolean       dc_history_item_matches        (DcHistoryItem *self,
                                               const char    *folded_text);

gboolean       dc_history_item_get_expanded   (DcHistoryItem *self);
void           dc_history_item_set_expanded   (DcHistoryItem *self,
                                               gboolean       expanded);

G_END_DECLS
