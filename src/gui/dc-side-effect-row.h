/* dc-side-effect-row.h: a side effect seen after a session: what, how
 * bad, from when to when, and a note. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_SIDE_EFFECT_ROW (dc_side_effect_row_get_type ())

G_DECLARE_FINAL_TYPE (DcSideEffectRow, dc_side_effect_row, DC, SIDE_EFFECT_ROW, AdwExpanderRow)

GtkWidget    *dc_side_effect_row_new             (DcSideEffect    *side_effect);
DcSideEffect *dc_side_effect_row_get_side_effect (DcSideEffectRow *self);

G_END_DECLS
