/* dc-enums.h: the closed vocabularies of the clinical record.
 *
 * Enums are stored and exported by their nick, flags as lists of nicks, so
 * the numeric values may change between versions but the nicks never may. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  DC_SEX_UNKNOWN,
  DC_SEX_FEMALE,
  DC_SEX_MALE,
  DC_SEX_OTHER,
} DcSex;

typedef enum /*< flags >*/
{
  DC_MEDICAL_NONE               = 0,
  DC_MEDICAL_ACTIVE_INFECTION   = 1 << 0,
  DC_MEDICAL_HSV                = 1 << 1,
  DC_MEDICAL_ACTIVE_DERMATOSIS  = 1 << 2,
  DC_MEDICAL_KELOID             = 1 << 3,
  DC_MEDICAL_ANTICOAGULANTS     = 1 << 4,
  DC_MEDICAL_DIABETES           = 1 << 5,
  DC_MEDICAL_IMMUNOSUPPRESSION  = 1 << 6,
  DC_MEDICAL_PREGNANCY          = 1 << 7,
  DC_MEDICAL_METAL_ALLERGY      = 1 << 8,
  DC_MEDICAL_ANAESTHETIC_ALLERGY = 1 << 9,
  DC_MEDICAL_RECENT_PROCEDURE   = 1 << 10,
  DC_MEDICAL_TANNED             = 1 << 11,
  DC_MEDICAL_PACEMAKER          = 1 << 12,
  DC_MEDICAL_METAL_IMPLANTS     = 1 << 13,
  DC_MEDICAL_COPPER_IUD         = 1 << 14,
} DcMedicalFlags;

typedef enum /*< flags >*/
{
  DC_CONSENT_NONE      = 0,
  DC_CONSENT_CLINICAL  = 1 << 0,
  DC_CONSENT_TEACHING  = 1 << 1,
  DC_CONSENT_MARKETING = 1 << 2,
} DcConsentScope;

typedef enum /*< flags >*/
{
  DC_INDICATION_NONE             = 0,
  DC_INDICATION_ACNE_SCARS       = 1 << 0,
  DC_INDICATION_FINE_LINES       = 1 << 1,
  DC_INDICATION_TEXTURE          = 1 << 2,
  DC_INDICATION_PORES            = 1 << 3,
  DC_INDICATION_HYPERPIGMENTATION = 1 << 4,
  DC_INDICATION_LAXITY           = 1 << 5,
} DcIndication;

typedef enum /*< flags >*/
{
  DC_ENDPOINT_NONE              = 0,
  DC_ENDPOINT_EVEN_ERYTHEMA     = 1 << 0,
  DC_ENDPOINT_PINPOINT_BLEEDING = 1 << 1,
  DC_ENDPOINT_MILD_SWELLING     = 1 << 2,
} DcEndpoint;

typedef enum
{
  DC_SESSION_DRAFT,
  DC_SESSION_SIGNED,
} DcSessionStatus;

typedef enum
{
  DC_DEVICE_PEN,
  DC_DEVICE_ROLLER,
  DC_DEVICE_RF,
} DcDeviceKind;

typedef enum
{
  DC_ENERGY_NONE,
  DC_ENERGY_LEVEL,
  DC_ENERGY_WATT,
} DcEnergyUnit;

typedef enum
{
  DC_RF_MODE_NONE,
  DC_RF_MODE_BIPOLAR,
  DC_RF_MODE_MONOPOLAR,
} DcRfMode;

typedef enum
{
  DC_PRODUCT_SERUM,
  DC_PRODUCT_HYALURONIC_ACID,
  DC_PRODUCT_PRP,
  DC_PRODUCT_GROWTH_FACTORS,
  DC_PRODUCT_ANAESTHETIC,
  DC_PRODUCT_CARTRIDGE,
  DC_PRODUCT_RF_TIP,
  DC_PRODUCT_OTHER,
} DcProductKind;

typedef enum
{
  DC_PHOTO_VIEW_FRONTAL,
  DC_PHOTO_VIEW_OBLIQUE_LEFT,
  DC_PHOTO_VIEW_OBLIQUE_RIGHT,
  DC_PHOTO_VIEW_LATERAL_LEFT,
  DC_PHOTO_VIEW_LATERAL_RIGHT,
  DC_PHOTO_VIEW_CLOSE_UP,
} DcPhotoView;

typedef enum
{
  DC_PHOTO_PHASE_BEFORE,
  DC_PHOTO_PHASE_AFTER,
  DC_PHOTO_PHASE_FOLLOW_UP,
} DcPhotoPhase;

typedef enum
{
  DC_SIDE_EFFECT_REDNESS,
  DC_SIDE_EFFECT_SWELLING,
  DC_SIDE_EFFECT_FLAKING,
  DC_SIDE_EFFECT_BRUISING,
  DC_SIDE_EFFECT_INFECTION,
  DC_SIDE_EFFECT_HYPERPIGMENTATION,
  DC_SIDE_EFFECT_ACNE_FLARE,
  DC_SIDE_EFFECT_OTHER,
} DcSideEffectKind;

/* What left the clinic's records, and how: kept for the record (who was
 * sent what, when, protected or not). */
typedef enum
{
  DC_DISCLOSURE_SESSION_REPORT,
  DC_DISCLOSURE_TIMELINE,
} DcDisclosureDocument;

typedef enum
{
  DC_DISCLOSURE_FILE,
  DC_DISCLOSURE_PRINT,
  DC_DISCLOSURE_EMAIL,
} DcDisclosureChannel;

/* A safety check the practitioner acknowledged, and when it was shown. */
typedef enum
{
  DC_SAFETY_CONTRAINDICATION,  /* a recorded condition that applies */
  DC_SAFETY_ISOTRETINOIN,      /* last dose within six months */
  DC_SAFETY_PIH,               /* Fitzpatrick IV–VI */
  DC_SAFETY_SHORT_INTERVAL,    /* under four weeks since the last session */
} DcSafetyKind;

typedef enum
{
  DC_SAFETY_AT_CREATION,
  DC_SAFETY_AT_SIGNING,
} DcSafetyStage;

#define DC_TYPE_SEX (dc_sex_get_type ())
#define DC_TYPE_MEDICAL_FLAGS (dc_medical_flags_get_type ())
#define DC_TYPE_CONSENT_SCOPE (dc_consent_scope_get_type ())
#define DC_TYPE_INDICATION (dc_indication_get_type ())
#define DC_TYPE_ENDPOINT (dc_endpoint_get_type ())
#define DC_TYPE_SESSION_STATUS (dc_session_status_get_type ())
#define DC_TYPE_DEVICE_KIND (dc_device_kind_get_type ())
#define DC_TYPE_ENERGY_UNIT (dc_energy_unit_get_type ())
#define DC_TYPE_RF_MODE (dc_rf_mode_get_type ())
#define DC_TYPE_PRODUCT_KIND (dc_product_kind_get_type ())
#define DC_TYPE_PHOTO_VIEW (dc_photo_view_get_type ())
#define DC_TYPE_PHOTO_PHASE (dc_photo_phase_get_type ())
#define DC_TYPE_SIDE_EFFECT_KIND (dc_side_effect_kind_get_type ())
#define DC_TYPE_DISCLOSURE_DOCUMENT (dc_disclosure_document_get_type ())
#define DC_TYPE_DISCLOSURE_CHANNEL (dc_disclosure_channel_get_type ())
#define DC_TYPE_SAFETY_KIND (dc_safety_kind_get_type ())
#define DC_TYPE_SAFETY_STAGE (dc_safety_stage_get_type ())

GType dc_sex_get_type (void) G_GNUC_CONST;
GType dc_medical_flags_get_type (void) G_GNUC_CONST;
GType dc_consent_scope_get_type (void) G_GNUC_CONST;
GType dc_indication_get_type (void) G_GNUC_CONST;
GType dc_endpoint_get_type (void) G_GNUC_CONST;
GType dc_session_status_get_type (void) G_GNUC_CONST;
GType dc_device_kind_get_type (void) G_GNUC_CONST;
GType dc_energy_unit_get_type (void) G_GNUC_CONST;
GType dc_rf_mode_get_type (void) G_GNUC_CONST;
GType dc_product_kind_get_type (void) G_GNUC_CONST;
GType dc_photo_view_get_type (void) G_GNUC_CONST;
GType dc_photo_phase_get_type (void) G_GNUC_CONST;
GType dc_side_effect_kind_get_type (void) G_GNUC_CONST;
GType dc_disclosure_document_get_type (void) G_GNUC_CONST;
GType dc_disclosure_channel_get_type (void) G_GNUC_CONST;
GType dc_safety_kind_get_type (void) G_GNUC_CONST;
GType dc_safety_stage_get_type (void) G_GNUC_CONST;

/* Translated, human-readable label of one enum value or one flag bit. */
const char *dc_enum_get_label (GType enum_type,
                               int   value);
const char *dc_flag_get_label (GType flags_type,
                               guint bit);

/* Comma-separated nicks ("hsv,keloid") and back. */
char       *dc_flags_to_nicks (GType  flags_type,
                               guint  value);
gboolean    dc_flags_from_nicks (GType        flags_type,
                                 const char  *nicks,
                                 guint       *value,
                                 GError     **error);

const char *dc_fitzpatrick_to_roman (int type);

G_END_DECLS
