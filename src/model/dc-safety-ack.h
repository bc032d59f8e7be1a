/* dc-safety-ack.h: a safety warning the practitioner acknowledged. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_SAFETY_ACK (dc_safety_ack_get_type ())

G_DECLARE_FINAL_TYPE (DcSafetyAck, dc_safety_ack, DC, SAFETY_ACK, DcRecord)

DcSafetyAck  *dc_safety_ack_new                 (void);
gint64        dc_safety_ack_get_session_id      (DcSafetyAck *self);
DcSafetyKind  dc_safety_ack_get_kind            (DcSafetyAck *self);
const char   *dc_safety_ack_get_detail          (DcSafetyAck *self);
DcSafetyStage dc_safety_ack_get_stage           (DcSafetyAck *self);
gint64        dc_safety_ack_get_acknowledged_by (DcSafetyAck *self);
const char   *dc_safety_ack_get_acknowledged_at (DcSafetyAck *self);
const char   *dc_safety_ack_get_note            (DcSafetyAck *self);

void dc_safety_ack_set_session_id      (DcSafetyAck *self,
                                        gint64       session_id);
void dc_safety_ack_set_kind            (DcSafetyAck  *self,
                                        DcSafetyKind  kind);
void dc_safety_ack_set_detail          (DcSafetyAck *self,
                                        const char  *detail);
void dc_safety_ack_set_stage           (DcSafetyAck   *self,
                                        DcSafetyStage  stage);
void dc_safety_ack_set_acknowledged_by (DcSafetyAck *self,
                                        gint64       acknowledged_by);
void dc_safety_ack_set_acknowledged_at (DcSafetyAck *self,
                                        const char  *acknowledged_at);
void dc_safety_ack_set_note            (DcSafetyAck *self,
                                        const char  *note);

G_END_DECLS
