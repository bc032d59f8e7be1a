/* dc-side-effect.h: the SideEffect record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_SIDE_EFFECT (dc_side_effect_get_type ())

G_DECLARE_FINAL_TYPE (DcSideEffect, dc_side_effect, DC, SIDE_EFFECT, DcRecord)

DcSideEffect     *dc_side_effect_new            (void);
gint64            dc_side_effect_get_session_id (DcSideEffect *self);
DcSideEffectKind  dc_side_effect_get_kind       (DcSideEffect *self);
int               dc_side_effect_get_severity   (DcSideEffect *self);
const char       *dc_side_effect_get_onset      (DcSideEffect *self);
const char       *dc_side_effect_get_resolved   (DcSideEffect *self);
const char       *dc_side_effect_get_note       (DcSideEffect *self);

void dc_side_effect_set_session_id (DcSideEffect *self,
    gint64 session_id);
void dc_side_effect_set_kind (DcSideEffect *self,
    DcSideEffectKind  kind);
void dc_side_effect_set_severity (DcSideEffect *self,
    int severity);
void dc_side_effect_set_onset (DcSideEffect *self,
    const char *onset);
void dc_side_effect_set_resolved (DcSideEffect *self,
    const char *resolved);
void dc_side_effect_set_note (DcSideEffect *self,
    const char *note);

int               dc_side_effect_kind_get_usual_days   (DcSideEffectKind  kind);
int               dc_side_effect_get_usual_days        (DcSideEffect     *self);
int               dc_side_effect_get_days              (DcSideEffect     *self,
                                                        const char       *today);
gboolean          dc_side_effect_is_longer_than_usual  (DcSideEffect     *self,
                                                        const char       *today);

G_END_DECLS
