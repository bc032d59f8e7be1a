/* dc-session.h: the Session record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_SESSION (dc_session_get_type ())

G_DECLARE_FINAL_TYPE (DcSession, dc_session, DC, SESSION, DcRecord)

DcSession       *dc_session_new                      (void);
gint64           dc_session_get_patient_id           (DcSession *self);
gint64           dc_session_get_practitioner_id      (DcSession *self);
const char      *dc_session_get_started_at           (DcSession *self);
DcIndication     dc_session_get_indication           (DcSession *self);
gint64           dc_session_get_anaesthetic_lot_id   (DcSession *self);
const char      *dc_session_get_anaesthetic_strength (DcSession *self);
const char      *dc_session_get_anaesthetic_area     (DcSession *self);
const char      *dc_session_get_anaesthetic_on       (DcSession *self);
const char      *dc_session_get_anaesthetic_off      (DcSession *self);
DcEndpoint       dc_session_get_endpoint             (DcSession *self);
const char      *dc_session_get_notes                (DcSession *self);
const char      *dc_session_get_next_visit           (DcSession *self);
DcSessionStatus  dc_session_get_status               (DcSession *self);
gint64           dc_session_get_signed_by            (DcSession *self);
const char      *dc_session_get_signed_at            (DcSession *self);

void dc_session_set_patient_id (DcSession *self,
    gint64 patient_id);
void dc_session_set_practitioner_id (DcSession *self,
    gint64 practitioner_id);
void dc_session_set_started_at (DcSession *self,
    const char *started_at);
void dc_session_set_indication (DcSession *self,
    DcIndication  indication);
void dc_session_set_anaesthetic_lot_id (DcSession *self,
    gint64 anaesthetic_lot_id);
void dc_session_set_anaesthetic_strength (DcSession *self,
    const char *anaesthetic_strength);
void dc_session_set_anaesthetic_area (DcSession *self,
    const char *anaesthetic_area);
void dc_session_set_anaesthetic_on (DcSession *self,
    const char *anaesthetic_on);
void dc_session_set_anaesthetic_off (DcSession *self,
    const char *anaesthetic_off);
void dc_session_set_endpoint (DcSession *self,
    DcEndpoint  endpoint);
void dc_session_set_notes (DcSession *self,
    const char *notes);
void dc_session_set_next_visit (DcSession *self,
    const char *next_visit);
void dc_session_set_status (DcSession *self,
    DcSessionStatus  status);
void dc_session_set_signed_by (DcSession *self,
    gint64 signed_by);
void dc_session_set_signed_at (DcSession *self,
    const char *signed_at);

G_END_DECLS
