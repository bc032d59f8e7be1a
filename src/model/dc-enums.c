/* dc-enums.c: GTypes, nicks and translated labels of the record vocabularies. */

#include "config.h"

#include "dc-enums.h"

#include <glib/gi18n-lib.h>

#include "dc-error.h"

G_DEFINE_ENUM_TYPE (DcSex, dc_sex,
  G_DEFINE_ENUM_VALUE (DC_SEX_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (DC_SEX_FEMALE, "female"),
  G_DEFINE_ENUM_VALUE (DC_SEX_MALE, "male"),
  G_DEFINE_ENUM_VALUE (DC_SEX_OTHER, "other"))

G_DEFINE_FLAGS_TYPE (DcMedicalFlags, dc_medical_flags,
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_ACTIVE_INFECTION, "active-infection"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_HSV, "hsv"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_ACTIVE_DERMATOSIS, "active-dermatosis"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_KELOID, "keloid"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_ANTICOAGULANTS, "anticoagulants"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_DIABETES, "diabetes"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_IMMUNOSUPPRESSION, "immunosuppression"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_PREGNANCY, "pregnancy"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_METAL_ALLERGY, "metal-allergy"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_ANAESTHETIC_ALLERGY, "anaesthetic-allergy"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_RECENT_PROCEDURE, "recent-procedure"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_TANNED, "tanned"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_PACEMAKER, "pacemaker"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_METAL_IMPLANTS, "metal-implants"),
  G_DEFINE_ENUM_VALUE (DC_MEDICAL_COPPER_IUD, "copper-iud"))

G_DEFINE_FLAGS_TYPE (DcConsentScope, dc_consent_scope,
  G_DEFINE_ENUM_VALUE (DC_CONSENT_CLINICAL, "clinical"),
  G_DEFINE_ENUM_VALUE (DC_CONSENT_TEACHING, "teaching"),
  G_DEFINE_ENUM_VALUE (DC_CONSENT_MARKETING, "marketing"))

G_DEFINE_FLAGS_TYPE (DcIndication, dc_indication,
  G_DEFINE_ENUM_VALUE (DC_INDICATION_ACNE_SCARS, "acne-scars"),
  G_DEFINE_ENUM_VALUE (DC_INDICATION_FINE_LINES, "fine-lines"),
  G_DEFINE_ENUM_VALUE (DC_INDICATION_TEXTURE, "texture"),
  G_DEFINE_ENUM_VALUE (DC_INDICATION_PORES, "pores"),
  G_DEFINE_ENUM_VALUE (DC_INDICATION_HYPERPIGMENTATION, "hyperpigmentation"),
  G_DEFINE_ENUM_VALUE (DC_INDICATION_LAXITY, "laxity"))

G_DEFINE_FLAGS_TYPE (DcEndpoint, dc_endpoint,
  G_DEFINE_ENUM_VALUE (DC_ENDPOINT_EVEN_ERYTHEMA, "even-erythema"),
  G_DEFINE_ENUM_VALUE (DC_ENDPOINT_PINPOINT_BLEEDING, "pinpoint-bleeding"),
  G_DEFINE_ENUM_VALUE (DC_ENDPOINT_MILD_SWELLING, "mild-swelling"))

G_DEFINE_ENUM_TYPE (DcSessionStatus, dc_session_status,
  G_DEFINE_ENUM_VALUE (DC_SESSION_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (DC_SESSION_SIGNED, "signed"))

G_DEFINE_ENUM_TYPE (DcDeviceKind, dc_device_kind,
  G_DEFINE_ENUM_VALUE (DC_DEVICE_PEN, "pen"),
  G_DEFINE_ENUM_VALUE (DC_DEVICE_ROLLER, "roller"),
  G_DEFINE_ENUM_VALUE (DC_DEVICE_RF, "rf"))

G_DEFINE_ENUM_TYPE (DcEnergyUnit, dc_energy_unit,
  G_DEFINE_ENUM_VALUE (DC_ENERGY_NONE, "none"),
  G_DEFINE_ENUM_VALUE (DC_ENERGY_LEVEL, "level"),
  G_DEFINE_ENUM_VALUE (DC_ENERGY_WATT, "watt"))

G_DEFINE_ENUM_TYPE (DcRfMode, dc_rf_mode,
  G_DEFINE_ENUM_VALUE (DC_RF_MODE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (DC_RF_MODE_BIPOLAR, "bipolar"),
  G_DEFINE_ENUM_VALUE (DC_RF_MODE_MONOPOLAR, "monopolar"))

G_DEFINE_ENUM_TYPE (DcProductKind, dc_product_kind,
  G_DEFINE_ENUM_VALUE (DC_PRODUCT_SERUM, "serum"),
  G_DEFINE_ENUM_VALUE (DC_PRODUCT_HYALURONIC_ACID, "hyaluronic-acid"),
  G_DEFINE_ENUM_VALUE (DC_PRODUCT_PRP, "prp"),
  G_DEFINE_ENUM_VALUE (DC_PRODUCT_GROWTH_FACTORS, "growth-factors"),
  G_DEFINE_ENUM_VALUE (DC_PRODUCT_ANAESTHETIC, "anaesthetic"),
  G_DEFINE_ENUM_VALUE (DC_PRODUCT_CARTRIDGE, "cartridge"),
  G_DEFINE_ENUM_VALUE (DC_PRODUCT_RF_TIP, "rf-tip"),
  G_DEFINE_ENUM_VALUE (DC_PRODUCT_OTHER, "other"))

G_DEFINE_ENUM_TYPE (DcPhotoView, dc_photo_view,
  G_DEFINE_ENUM_VALUE (DC_PHOTO_VIEW_FRONTAL, "frontal"),
  G_DEFINE_ENUM_VALUE (DC_PHOTO_VIEW_OBLIQUE_LEFT, "oblique-left"),
  G_DEFINE_ENUM_VALUE (DC_PHOTO_VIEW_OBLIQUE_RIGHT, "oblique-right"),
  G_DEFINE_ENUM_VALUE (DC_PHOTO_VIEW_LATERAL_LEFT, "lateral-left"),
  G_DEFINE_ENUM_VALUE (DC_PHOTO_VIEW_LATERAL_RIGHT, "lateral-right"),
  G_DEFINE_ENUM_VALUE (DC_PHOTO_VIEW_CLOSE_UP, "close-up"))

G_DEFINE_ENUM_TYPE (DcPhotoPhase, dc_photo_phase,
  G_DEFINE_ENUM_VALUE (DC_PHOTO_PHASE_BEFORE, "before"),
  G_DEFINE_ENUM_VALUE (DC_PHOTO_PHASE_AFTER, "after"),
  G_DEFINE_ENUM_VALUE (DC_PHOTO_PHASE_FOLLOW_UP, "follow-up"))

G_DEFINE_ENUM_TYPE (DcSideEffectKind, dc_side_effect_kind,
  G_DEFINE_ENUM_VALUE (DC_SIDE_EFFECT_REDNESS, "redness"),
  G_DEFINE_ENUM_VALUE (DC_SIDE_EFFECT_SWELLING, "swelling"),
  G_DEFINE_ENUM_VALUE (DC_SIDE_EFFECT_FLAKING, "flaking"),
  G_DEFINE_ENUM_VALUE (DC_SIDE_EFFECT_BRUISING, "bruising"),
  G_DEFINE_ENUM_VALUE (DC_SIDE_EFFECT_INFECTION, "infection"),
  G_DEFINE_ENUM_VALUE (DC_SIDE_EFFECT_HYPERPIGMENTATION, "hyperpigmentation"),
  G_DEFINE_ENUM_VALUE (DC_SIDE_EFFECT_ACNE_FLARE, "acne-flare"),
  G_DEFINE_ENUM_VALUE (DC_SIDE_EFFECT_OTHER, "other"))

G_DEFINE_ENUM_TYPE (DcDisclosureDocument, dc_disclosure_document,
  G_DEFINE_ENUM_VALUE (DC_DISCLOSURE_SESSION_REPORT, "session-report"),
  G_DEFINE_ENUM_VALUE (DC_DISCLOSURE_TIMELINE, "timeline"))

G_DEFINE_ENUM_TYPE (DcDisclosureChannel, dc_disclosure_channel,
  G_DEFINE_ENUM_VALUE (DC_DISCLOSURE_FILE, "file"),
  G_DEFINE_ENUM_VALUE (DC_DISCLOSURE_PRINT, "print"),
  G_DEFINE_ENUM_VALUE (DC_DISCLOSURE_EMAIL, "email"))

G_DEFINE_ENUM_TYPE (DcSafetyKind, dc_safety_kind,
  G_DEFINE_ENUM_VALUE (DC_SAFETY_CONTRAINDICATION, "contraindication"),
  G_DEFINE_ENUM_VALUE (DC_SAFETY_ISOTRETINOIN, "isotretinoin"),
  G_DEFINE_ENUM_VALUE (DC_SAFETY_PIH, "pih"),
  G_DEFINE_ENUM_VALUE (DC_SAFETY_SHORT_INTERVAL, "short-interval"))

G_DEFINE_ENUM_TYPE (DcSafetyStage, dc_safety_stage,
  G_DEFINE_ENUM_VALUE (DC_SAFETY_AT_CREATION, "creation"),
  G_DEFINE_ENUM_VALUE (DC_SAFETY_AT_SIGNING, "signing"))

/* Labels are kept beside the types, indexed by enum value or by flag bit
 * number, so that every vocabulary has exactly one translated wording. */
typedef struct
{
  GType      (*get_type) (void);
  const char *context;
  const char *labels[16];
} LabelTable;

static const LabelTable label_tables[] = {
  { dc_sex_get_type, "sex",
    {
      NC_("sex", "Not stated"),
      NC_("sex", "Female"),
      NC_("sex", "Male"),
      NC_("sex", "Other"),
    } },
  { dc_medical_flags_get_type, "medical",
    {
      NC_("medical", "Active infection in the area"),
      NC_("medical", "Herpes simplex (cold sores)"),
      NC_("medical", "Active acne, eczema, psoriasis or rosacea"),
      NC_("medical", "Keloid tendency"),
      NC_("medical", "Bleeding disorder or anticoagulants"),
      NC_("medical", "Uncontrolled diabetes"),
      NC_("medical", "Immunosuppression, chemotherapy or radiotherapy"),
      NC_("medical", "Pregnant or breastfeeding"),
      NC_("medical", "Allergy to steel, nickel or gold"),
      NC_("medical", "Allergy to anaesthetics"),
      NC_("medical", "Recent filler, toxin or peel"),
      NC_("medical", "Tanned skin"),
      NC_("medical", "Pacemaker or ICD"),
      NC_("medical", "Metal implants in the treatment area"),
      NC_("medical", "Copper IUD"),
    } },
  { dc_consent_scope_get_type, "consent",
    {
      NC_("consent", "Clinical record"),
      NC_("consent", "Teaching"),
      NC_("consent", "Marketing"),
    } },
  { dc_indication_get_type, "indication",
    {
      NC_("indication", "Acne scars"),
      NC_("indication", "Fine lines"),
      NC_("indication", "Texture"),
      NC_("indication", "Enlarged pores"),
      NC_("indication", "Hyperpigmentation"),
      NC_("indication", "Skin laxity"),
    } },
  { dc_endpoint_get_type, "endpoint",
    {
      NC_("endpoint", "Even erythema"),
      NC_("endpoint", "Pinpoint bleeding"),
      NC_("endpoint", "Mild swelling"),
    } },
  { dc_session_status_get_type, "session-status",
    {
      NC_("session-status", "Draft"),
      NC_("session-status", "Signed"),
    } },
  { dc_device_kind_get_type, "device-kind",
    {
      NC_("device-kind", "Motorized pen"),
      NC_("device-kind", "Manual roller"),
      NC_("device-kind", "RF microneedling"),
    } },
  { dc_energy_unit_get_type, "energy-unit",
    {
      NC_("energy-unit", "None"),
      NC_("energy-unit", "Level"),
      NC_("energy-unit", "Watts"),
    } },
  { dc_rf_mode_get_type, "rf-mode",
    {
      NC_("rf-mode", "None"),
      NC_("rf-mode", "Bipolar"),
      NC_("rf-mode", "Monopolar"),
    } },
  { dc_product_kind_get_type, "product-kind",
    {
      NC_("product-kind", "Serum"),
      NC_("product-kind", "Hyaluronic acid"),
      NC_("product-kind", "PRP kit"),
      NC_("product-kind", "Growth factors"),
      NC_("product-kind", "Topical anaesthetic"),
      NC_("product-kind", "Needle cartridge"),
      NC_("product-kind", "RF tip"),
      NC_("product-kind", "Other"),
    } },
  { dc_photo_view_get_type, "photo-view",
    {
      NC_("photo-view", "Frontal"),
      NC_("photo-view", "Oblique left 45°"),
      NC_("photo-view", "Oblique right 45°"),
      NC_("photo-view", "Lateral left 90°"),
      NC_("photo-view", "Lateral right 90°"),
      NC_("photo-view", "Close-up"),
    } },
  { dc_photo_phase_get_type, "photo-phase",
    {
      NC_("photo-phase", "Before"),
      NC_("photo-phase", "Immediately after"),
      NC_("photo-phase", "Follow-up"),
    } },
  { dc_side_effect_kind_get_type, "side-effect",
    {
      NC_("side-effect", "Redness"),
      NC_("side-effect", "Swelling"),
      NC_("side-effect", "Flaking or crusting"),
      NC_("side-effect", "Bruising"),
      NC_("side-effect", "Infection"),
      NC_("side-effect", "Hyperpigmentation"),
      NC_("side-effect", "Acne flare"),
      NC_("side-effect", "Other"),
    } },
  { dc_disclosure_document_get_type, "disclosure-document",
    {
      NC_("disclosure-document", "Session report"),
      NC_("disclosure-document", "Progress timeline"),
    } },
  { dc_disclosure_channel_get_type, "disclosure-channel",
    {
      NC_("disclosure-channel", "Saved as a file"),
      NC_("disclosure-channel", "Printed"),
      NC_("disclosure-channel", "Emailed"),
    } },
  { dc_safety_kind_get_type, "safety-kind",
    {
      NC_("safety-kind", "Contraindication"),
      NC_("safety-kind", "Isotretinoin within six months"),
      NC_("safety-kind", "Risk of hyperpigmentation"),
      NC_("safety-kind", "Short interval"),
    } },
  { dc_safety_stage_get_type, "safety-stage",
    {
      NC_("safety-stage", "At the start of the session"),
      NC_("safety-stage", "At signing"),
    } },
};

static const char *
lookup_label (GType type,
              guint index)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_tables); i++)
    {
      const LabelTable *table = &label_tables[i];

      if (table->get_type () != type)
        continue;
      if (index >= G_N_ELEMENTS (table->labels) || table->labels[index] == NULL)
        return NULL;
      return g_dpgettext2 (GETTEXT_PACKAGE, table->context, table->labels[index]);
    }

  return NULL;
}

const char *
dc_enum_get_label (GType enum_type,
                   int   value)
{
  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);
  g_return_val_if_fail (value >= 0, NULL);

  return lookup_label (enum_type, (guint) value);
}

const char *
dc_flag_get_label (GType flags_type,
                   guint bit)
{
  g_return_val_if_fail (G_TYPE_IS_FLAGS (flags_type), NULL);
  g_return_val_if_fail (bit != 0 && (bit & (bit - 1)) == 0, NULL);

  return lookup_label (flags_type, (guint) g_bit_nth_lsf (bit, -1));
}

char *
dc_flags_to_nicks (GType flags_type,
                   guint value)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (flags_type);
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if ((value & klass->values[i].value) == 0)
        continue;
      if (str->len > 0)
        g_string_append_c (str, ',');
      g_string_append (str, klass->values[i].value_nick);
    }

  return g_string_free (str, FALSE);
}

gboolean
dc_flags_from_nicks (GType        flags_type,
                     const char  *nicks,
                     guint       *value,
                     GError     **error)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (flags_type);
  g_auto(GStrv) parts = NULL;
  guint result = 0;

  g_return_val_if_fail (value != NULL, FALSE);

  if (nicks == NULL || *nicks == '\0')
    {
      *value = 0;
      return TRUE;
    }

  parts = g_strsplit (nicks, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      GFlagsValue *fv = g_flags_get_value_by_nick (klass, g_strstrip (parts[i]));

      if (fv == NULL)
        {
          g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                       _("“%s” is not a known value"), parts[i]);
          return FALSE;
        }
      result |= fv->value;
    }

  *value = result;
  return TRUE;
}

const char *
dc_fitzpatrick_to_roman (int type)
{
  static const char *roman[] = { "", "I", "II", "III", "IV", "V", "VI" };

  if (type < 0 || type > 6)
    return "";
  return roman[type];
}
