/* dc-lot.h: the Lot record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_LOT (dc_lot_get_type ())

G_DECLARE_FINAL_TYPE (DcLot, dc_lot, DC, LOT, DcRecord)

DcLot      *dc_lot_new            (void);
gint64      dc_lot_get_product_id (DcLot      *self);
void        dc_lot_set_product_id (DcLot      *self,
                                   gint64      product_id);
const char *dc_lot_get_lot_number (DcLot      *self);
void        dc_lot_set_lot_number (DcLot      *self,
                                   const char *lot_number);
const char *dc_lot_get_expiry     (DcLot      *self);
void        dc_lot_set_expiry     (DcLot      *self,
                                   const char *expiry);

G_END_DECLS
