/* dc-product-use-row.h: one product used in a session: which product and
 * lot, how much, and a note. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_PRODUCT_USE_ROW (dc_product_use_row_get_type ())

G_DECLARE_FINAL_TYPE (DcProductUseRow, dc_product_use_row, DC, PRODUCT_USE_ROW, AdwExpanderRow)

GtkWidget    *dc_product_use_row_new             (DcProductUse    *product_use,
                                                  GListModel      *lot_choices);
DcProductUse *dc_product_use_row_get_product_use (DcProductUseRow *self);

G_END_DECLS
