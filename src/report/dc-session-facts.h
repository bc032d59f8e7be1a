/* dc-session-facts.h: everything a report says about a session, read from
 * the store in one go, so that drawing the pages needs no store. */
#pragma once

#include <gio/gio.h>

#include "dc-model.h"
#include "dc-store.h"

G_BEGIN_DECLS

typedef struct
{
  DcSession      *session;
  DcPractitioner *practitioner;   /* who treated, or NULL */
  DcPractitioner *signer;         /* who signed, or NULL for a draft */
  GPtrArray      *zones;          /* DcZoneTreatment, in the catalogue's order */
  GHashTable     *devices;        /* gint64 * id → DcDevice, those the zones use */
  GPtrArray      *product_uses;   /* DcProductUse */
  GHashTable     *lots;           /* gint64 * id → DcLot: products, cartridges, anaesthetic */
  GHashTable     *products;       /* gint64 * id → DcProduct, of those lots */
  GPtrArray      *photos;         /* DcPhoto */
  GPtrArray      *side_effects;   /* DcSideEffect */
  GPtrArray      *safety_acks;    /* DcSafetyAck, oldest first */
  GPtrArray      *addenda;        /* DcAddendum, oldest first */
  GHashTable     *people;         /* gint64 * id → DcPractitioner: authors of those */
  guint           families;       /* 1 << DcDeviceKind for each family used */
} DcSessionFacts;

typedef struct
{
  DcClinic       *clinic;
  DcPatient      *patient;
  GListModel     *guidance;       /* the clinic's own DcDepthGuidance */
  GPtrArray      *sessions;       /* DcSessionFacts, oldest first */
} DcPatientFacts;

DcSessionFacts *dc_session_facts_load  (DcStore        *store,
                                        DcSession      *session,
                                        GError        **error);
void            dc_session_facts_free  (DcSessionFacts *facts);
DcLot          *dc_session_facts_lot   (DcSessionFacts *facts,
                                        gint64          lot_id);
DcProduct      *dc_session_facts_product_of (DcSessionFacts *facts,
                                             gint64          lot_id);
DcDevice       *dc_session_facts_device (DcSessionFacts *facts,
                                         gint64          device_id);
const char     *dc_session_facts_person_name (DcSessionFacts *facts,
                                              gint64          practitioner_id);

DcPatientFacts *dc_patient_facts_load  (DcStore        *store,
                                        gint64          patient_id,
                                        gint64          only_session_id,
                                        GError        **error);
void            dc_patient_facts_free  (DcPatientFacts *facts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcSessionFacts, dc_session_facts_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcPatientFacts, dc_patient_facts_free)

G_END_DECLS
