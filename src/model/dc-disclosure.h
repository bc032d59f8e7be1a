/* dc-disclosure.h: a report that left the clinic's records. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_DISCLOSURE (dc_disclosure_get_type ())

G_DECLARE_FINAL_TYPE (DcDisclosure, dc_disclosure, DC, DISCLOSURE, DcRecord)

DcDisclosure         *dc_disclosure_new           (void);
gint64                dc_disclosure_get_patient_id (DcDisclosure *self);
gint64                dc_disclosure_get_session_id (DcDisclosure *self);
DcDisclosureDocument  dc_disclosure_get_document   (DcDisclosure *self);
DcDisclosureChannel   dc_disclosure_get_channel    (DcDisclosure *self);
const char           *dc_disclosure_get_target     (DcDisclosure *self);
gboolean              dc_disclosure_get_protected  (DcDisclosure *self);
const char           *dc_disclosure_get_language   (DcDisclosure *self);

void dc_disclosure_set_patient_id (DcDisclosure         *self,
                                   gint64                patient_id);
void dc_disclosure_set_session_id (DcDisclosure         *self,
                                   gint64                session_id);
void dc_disclosure_set_document   (DcDisclosure         *self,
                                   DcDisclosureDocument  document);
void dc_disclosure_set_channel    (DcDisclosure         *self,
                                   DcDisclosureChannel   channel);
void dc_disclosure_set_target     (DcDisclosure         *self,
                                   const char           *target);
void dc_disclosure_set_protected  (DcDisclosure         *self,
                                   gboolean              protected_);
void dc_disclosure_set_language   (DcDisclosure         *self,
                                   const char           *language);

G_END_DECLS
