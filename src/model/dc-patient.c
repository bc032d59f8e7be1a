/* dc-patient.c: the Patient record. */

#include "config.h"

#include "dc-patient.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dc-error.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcPatient
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcPatient, dc_patient, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_FAMILY_NAME,
  PROP_GIVEN_NAME,
  PROP_BIRTH_DATE,
  PROP_SEX,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_FITZPATRICK,
  PROP_LANGUAGE,
  PROP_MEDICAL_FLAGS,
  PROP_ISOTRETINOIN_LAST_DOSE,
  PROP_ALLERGIES,
  PROP_CONSENT,
  PROP_NOTES,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_patient_validate (DcRecord  *record,
                     GError   **error)
{
  DcPatient       *self = DC_PATIENT (record);
  const char      *birth_date = dc_patient_get_birth_date (self);
  const char      *email = dc_patient_get_email (self);
  const char      *isotretinoin = dc_patient_get_isotretinoin_last_dose (self);
  g_autofree char *today = dc_date_today ();
  int              fitzpatrick = dc_patient_get_fitzpatrick (self);

  if (dc_patient_get_family_name (self) == NULL || dc_patient_get_given_name (self) == NULL)
    return dc_validation_error (error, _("The patient needs a family name and a given name"));
  if (birth_date == NULL || !dc_date_is_valid (birth_date))
    return dc_validation_error (error, _("The date of birth is missing or not a real date"));
  if (strcmp (birth_date, "1900-01-01") < 0 || strcmp (birth_date, today) > 0)
    return dc_validation_error (error, _("The date of birth %s is not plausible"), birth_date);
  /* The pspec clamps, but an import checks the raw value before setting it;
   * this catches any other path. */
  if (fitzpatrick < 0 || fitzpatrick > 6)
    return dc_validation_error (error, _("The Fitzpatrick skin type must be between I and VI"));
  if (email != NULL && (strchr (email, '@') == NULL || strchr (email, ' ') != NULL))
    return dc_validation_error (error, _("“%s” is not an email address"), email);
  if (!dc_language_is_valid (dc_patient_get_language (self)))
    return dc_validation_error (error, _("The report language is missing or not a language code"));
  if (isotretinoin != NULL && !dc_date_is_valid (isotretinoin))
    return dc_validation_error (error,
                                _("The date of the last isotretinoin dose is not a real date"));

  return TRUE;
}

static void
dc_patient_class_init (DcPatientClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "patient";
  record_class->sort_field = "family-name";
  record_class->validate = dc_patient_validate;

  properties[PROP_FAMILY_NAME] =
    g_param_spec_string ("family-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GIVEN_NAME] =
    g_param_spec_string ("given-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BIRTH_DATE] =
    g_param_spec_string ("birth-date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEX] =
    g_param_spec_enum ("sex", NULL, NULL, DC_TYPE_SEX, DC_SEX_UNKNOWN,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FITZPATRICK] =
    g_param_spec_int ("fitzpatrick", NULL, NULL, 0, 6, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEDICAL_FLAGS] =
    g_param_spec_flags ("medical-flags", NULL, NULL, DC_TYPE_MEDICAL_FLAGS, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISOTRETINOIN_LAST_DOSE] =
    g_param_spec_string ("isotretinoin-last-dose", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALLERGIES] =
    g_param_spec_string ("allergies", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT] =
    g_param_spec_flags ("consent", NULL, NULL, DC_TYPE_CONSENT_SCOPE, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
}

static void
dc_patient_init (DcPatient *self)
{
}

DcPatient *
dc_patient_new (void)
{
  return g_object_new (DC_TYPE_PATIENT, NULL);
}

const char *
dc_patient_get_family_name (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), NULL);

  return _dc_record_get_string (self, PROP_FAMILY_NAME);
}

void
dc_patient_set_family_name (DcPatient  *self,
                            const char *family_name)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_FAMILY_NAME, family_name);
}

const char *
dc_patient_get_given_name (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), NULL);

  return _dc_record_get_string (self, PROP_GIVEN_NAME);
}

void
dc_patient_set_given_name (DcPatient  *self,
                           const char *given_name)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_GIVEN_NAME, given_name);
}

const char *
dc_patient_get_birth_date (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), NULL);

  return _dc_record_get_string (self, PROP_BIRTH_DATE);
}

void
dc_patient_set_birth_date (DcPatient  *self,
                           const char *birth_date)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_BIRTH_DATE, birth_date);
}

DcSex
dc_patient_get_sex (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), 0);

  return (DcSex)_dc_record_get_enum (self, PROP_SEX);
}

void
dc_patient_set_sex (DcPatient *self,
                    DcSex      sex)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_SEX, sex);
}

const char *
dc_patient_get_email (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), NULL);

  return _dc_record_get_string (self, PROP_EMAIL);
}

void
dc_patient_set_email (DcPatient  *self,
                      const char *email)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_EMAIL, email);
}

const char *
dc_patient_get_phone (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), NULL);

  return _dc_record_get_string (self, PROP_PHONE);
}

void
dc_patient_set_phone (DcPatient  *self,
                      const char *phone)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_PHONE, phone);
}

int
dc_patient_get_fitzpatrick (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), 0);

  return _dc_record_get_int (self, PROP_FITZPATRICK);
}

void
dc_patient_set_fitzpatrick (DcPatient *self,
                            int        fitzpatrick)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_FITZPATRICK, fitzpatrick);
}

const char *
dc_patient_get_language (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), NULL);

  return _dc_record_get_string (self, PROP_LANGUAGE);
}

void
dc_patient_set_language (DcPatient  *self,
                         const char *language)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_LANGUAGE, language);
}

DcMedicalFlags
dc_patient_get_medical_flags (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), 0);

  return _dc_record_get_flags (self, PROP_MEDICAL_FLAGS);
}

void
dc_patient_set_medical_flags (DcPatient      *self,
                              DcMedicalFlags  medical_flags)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_MEDICAL_FLAGS, medical_flags);
}

const char *
dc_patient_get_isotretinoin_last_dose (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), NULL);

  return _dc_record_get_string (self, PROP_ISOTRETINOIN_LAST_DOSE);
}

void
dc_patient_set_isotretinoin_last_dose (DcPatient  *self,
                                       const char *isotretinoin_last_dose)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_ISOTRETINOIN_LAST_DOSE, isotretinoin_last_dose);
}

const char *
dc_patient_get_allergies (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), NULL);

  return _dc_record_get_string (self, PROP_ALLERGIES);
}

void
dc_patient_set_allergies (DcPatient  *self,
                          const char *allergies)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_ALLERGIES, allergies);
}

DcConsentScope
dc_patient_get_consent (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), 0);

  return _dc_record_get_flags (self, PROP_CONSENT);
}

void
dc_patient_set_consent (DcPatient      *self,
                        DcConsentScope  consent)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_CONSENT, consent);
}

const char *
dc_patient_get_notes (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), NULL);

  return _dc_record_get_string (self, PROP_NOTES);
}

void
dc_patient_set_notes (DcPatient  *self,
                      const char *notes)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_NOTES, notes);
}

gboolean
dc_patient_get_archived (DcPatient *self)
{
  g_return_val_if_fail (DC_IS_PATIENT (self), 0);

  return _dc_record_get_boolean (self, PROP_ARCHIVED);
}

void
dc_patient_set_archived (DcPatient *self,
                         gboolean   archived)
{
  g_return_if_fail (DC_IS_PATIENT (self));

  _dc_record_set (self, PROP_ARCHIVED, archived);
}
