/* dc-lot-choice.h: a product lot as offered in the session page's
 * choosers: the lot with its product and a label naming both. */
#pragma once

#include <gio/gio.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_LOT_CHOICE (dc_lot_choice_get_type ())

G_DECLARE_FINAL_TYPE (DcLotChoice, dc_lot_choice, DC, LOT_CHOICE, GObject)

DcLotChoice *dc_lot_choice_new         (DcProduct   *product,
                                        DcLot       *lot);
DcProduct   *dc_lot_choice_get_product (DcLotChoice *self);
DcLot       *dc_lot_choice_get_lot     (DcLotChoice *self);
const char  *dc_lot_choice_get_label   (DcLotChoice *self);
guint        dc_lot_choice_find        (GListModel  *choices,
                                        gint64       lot_id);

G_END_DECLS
