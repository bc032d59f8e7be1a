/* dc-product-use.h: the ProductUse record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_PRODUCT_USE (dc_product_use_get_type ())

G_DECLARE_FINAL_TYPE (DcProductUse, dc_product_use, DC, PRODUCT_USE, DcRecord)

DcProductUse *dc_product_use_new            (void);
gint64        dc_product_use_get_session_id (DcProductUse *self);
gint64        dc_product_use_get_lot_id     (DcProductUse *self);
const char   *dc_product_use_get_amount     (DcProductUse *self);
const char   *dc_product_use_get_note       (DcProductUse *self);

void dc_product_use_set_session_id (DcProductUse *self,
    gint64 session_id);
void dc_product_use_set_lot_id (DcProductUse *self,
    gint64 lot_id);
void dc_product_use_set_amount (DcProductUse *self,
    const char *amount);
void dc_product_use_set_note (DcProductUse *self,
    const char *note);

G_END_DECLS
