/* dc-product.h: the Product record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_PRODUCT (dc_product_get_type ())

G_DECLARE_FINAL_TYPE (DcProduct, dc_product, DC, PRODUCT, DcRecord)

DcProduct     *dc_product_new              (void);
DcProductKind  dc_product_get_kind         (DcProduct *self);
const char    *dc_product_get_name         (DcProduct *self);
const char    *dc_product_get_manufacturer (DcProduct *self);
gboolean       dc_product_get_intradermal  (DcProduct *self);
const char    *dc_product_get_notes        (DcProduct *self);
gboolean       dc_product_get_archived     (DcProduct *self);

void dc_product_set_kind (DcProduct *self,
    DcProductKind  kind);
void dc_product_set_name (DcProduct *self,
    const char *name);
void dc_product_set_manufacturer (DcProduct *self,
    const char *manufacturer);
void dc_product_set_intradermal (DcProduct *self,
    gboolean intradermal);
void dc_product_set_notes (DcProduct *self,
    const char *notes);
void dc_product_set_archived (DcProduct *self,
    gboolean archived);

G_END_DECLS
