/* test-model.c: records without a database: fields, copies, validation and
 * the text formats of dates and vocabularies. */

#include "config.h"

#include "dc-model.h"

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_fields (void)
{
  g_autoptr(DcPatient) patient = dc_patient_new ();
  g_autoptr(DcRecord) copy = NULL;
  guint notifications = 0;

  g_assert_cmpint (dc_record_get_id (DC_RECORD (patient)), ==, 0);
  g_assert_true (g_uuid_string_is_valid (dc_record_get_uuid (DC_RECORD (patient))));

  g_signal_connect (patient, "notify::family-name", G_CALLBACK (notify_cb), &notifications);
  dc_patient_set_family_name (patient, "Nakamura");
  dc_patient_set_family_name (patient, "Nakamura");
  g_assert_cmpuint (notifications, ==, 1);

  /* Empty text is no text. */
  dc_patient_set_email (patient, "");
  g_assert_null (dc_patient_get_email (patient));

  /* The property and the accessor are the same field. */
  g_object_set (patient, "fitzpatrick", 5, "medical-flags", DC_MEDICAL_KELOID, NULL);
  g_assert_cmpint (dc_patient_get_fitzpatrick (patient), ==, 5);
  g_assert_cmpuint (dc_patient_get_medical_flags (patient), ==, DC_MEDICAL_KELOID);

  copy = dc_record_copy (DC_RECORD (patient));
  g_assert_true (dc_record_fields_equal (copy, DC_RECORD (patient)));
  dc_patient_set_fitzpatrick (DC_PATIENT (copy), 6);
  g_assert_false (dc_record_fields_equal (copy, DC_RECORD (patient)));
  g_assert_cmpint (dc_patient_get_fitzpatrick (patient), ==, 5);
}

static void
test_patient_validation (void)
{
  g_autoptr(DcPatient) patient = dc_patient_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (dc_record_validate (DC_RECORD (patient), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_clear_error (&error);

  dc_patient_set_family_name (patient, "Nakamura");
  dc_patient_set_given_name (patient, "Yui");
  dc_patient_set_birth_date (patient, "1993-08-14");
  dc_patient_set_language (patient, "en");
  g_assert_true (dc_record_validate (DC_RECORD (patient), &error));
  g_assert_no_error (error);

  dc_patient_set_language (patient, "English");
  g_assert_false (dc_record_validate (DC_RECORD (patient), &error));
  g_clear_error (&error);
  dc_patient_set_language (patient, "pt_BR");
  g_assert_true (dc_record_validate (DC_RECORD (patient), NULL));

  dc_patient_set_isotretinoin_last_dose (patient, "last spring");
  g_assert_false (dc_record_validate (DC_RECORD (patient), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
}

static void
test_session_validation (void)
{
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(GError) error = NULL;

  dc_session_set_patient_id (session, 1);
  dc_session_set_started_at (session, "2026-11-24T10:00:00Z");
  g_assert_true (dc_record_validate (DC_RECORD (session), NULL));

  dc_session_set_anaesthetic_on (session, "2026-11-24T09:30:00Z");
  dc_session_set_anaesthetic_off (session, "2026-11-24T09:00:00Z");
  g_assert_false (dc_record_validate (DC_RECORD (session), &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_clear_error (&error);

  dc_session_set_anaesthetic_off (session, "2026-11-24T09:55:00Z");
  dc_session_set_status (session, DC_SESSION_SIGNED);
  g_assert_false (dc_record_validate (DC_RECORD (session), &error));
  g_clear_error (&error);
  dc_session_set_signed_by (session, 3);
  dc_session_set_signed_at (session, "2026-11-24T11:00:00Z");
  g_assert_true (dc_record_validate (DC_RECORD (session), NULL));
}

static void
test_device_validation (void)
{
  g_autoptr(DcDevice) device = dc_device_new ();

  dc_device_set_model (device, "Pen");
  dc_device_set_depth_min (device, 0.2);
  dc_device_set_depth_max (device, 3.0);
  g_assert_false (dc_record_validate (DC_RECORD (device), NULL));
  dc_device_set_depth_step (device, 0.1);
  g_assert_true (dc_record_validate (DC_RECORD (device), NULL));

  /* RF ranges may be "not set" (all zero), but a range needs its unit. */
  dc_device_set_kind (device, DC_DEVICE_RF);
  g_assert_true (dc_record_validate (DC_RECORD (device), NULL));
  dc_device_set_energy_max (device, 40);
  g_assert_false (dc_record_validate (DC_RECORD (device), NULL));
  dc_device_set_energy_unit (device, DC_ENERGY_WATT);
  g_assert_true (dc_record_validate (DC_RECORD (device), NULL));
  dc_device_set_energy_min (device, 50);
  g_assert_false (dc_record_validate (DC_RECORD (device), NULL));
  dc_device_set_energy_min (device, 5);
  dc_device_set_pulse_min (device, 10);
  g_assert_false (dc_record_validate (DC_RECORD (device), NULL));
  dc_device_set_pulse_max (device, 400);
  g_assert_true (dc_record_validate (DC_RECORD (device), NULL));
  /* A pen needs its step; an RF handpiece's may be unknown. */
  dc_device_set_depth_step (device, 0);
  g_assert_true (dc_record_validate (DC_RECORD (device), NULL));
  dc_device_set_kind (device, DC_DEVICE_PEN);
  g_assert_false (dc_record_validate (DC_RECORD (device), NULL));
  dc_device_set_depth_step (device, 0.1);

  dc_device_set_kind (device, DC_DEVICE_ROLLER);
  g_assert_false (dc_record_validate (DC_RECORD (device), NULL));
  dc_device_set_needle_length (device, 0.5);
  g_assert_true (dc_record_validate (DC_RECORD (device), NULL));
}

static void
test_dates (void)
{
  const char *good[] = { "2024-02-29", "1900-01-01", "2026-12-31" };
  const char *bad[] = { "2023-02-29", "2026-13-01", "26-01-01", "2026-1-1", "2026/01/01",
                        "+2026-01-0", "2026-01-01x", "", " 2026-01-01" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (dc_date_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (dc_date_is_valid (bad[i]));
  g_assert_false (dc_date_is_valid (NULL));

  g_assert_true (dc_timestamp_is_valid ("2026-11-24T09:30:00Z"));
  g_assert_false (dc_timestamp_is_valid ("yesterday"));
}

static void
test_vocabularies (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nicks = dc_flags_to_nicks (DC_TYPE_MEDICAL_FLAGS,
                                              DC_MEDICAL_HSV | DC_MEDICAL_PACEMAKER);
  guint flags = 0;

  g_assert_cmpstr (nicks, ==, "hsv,pacemaker");
  g_assert_true (dc_flags_from_nicks (DC_TYPE_MEDICAL_FLAGS, nicks, &flags, NULL));
  g_assert_cmpuint (flags, ==, DC_MEDICAL_HSV | DC_MEDICAL_PACEMAKER);
  g_assert_false (dc_flags_from_nicks (DC_TYPE_MEDICAL_FLAGS, "hsv,flu", &flags, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);

  g_assert_cmpstr (dc_enum_get_label (DC_TYPE_DEVICE_KIND, DC_DEVICE_RF), ==, "RF microneedling");
  g_assert_cmpstr (dc_flag_get_label (DC_TYPE_MEDICAL_FLAGS, DC_MEDICAL_COPPER_IUD), ==,
                   "Copper IUD");
  g_assert_cmpstr (dc_fitzpatrick_to_roman (4), ==, "IV");

  /* Every value of every vocabulary has a label. */
  {
    GType enums[] = { DC_TYPE_SEX, DC_TYPE_SESSION_STATUS, DC_TYPE_DEVICE_KIND,
                      DC_TYPE_ENERGY_UNIT, DC_TYPE_RF_MODE, DC_TYPE_PRODUCT_KIND,
                      DC_TYPE_PHOTO_VIEW, DC_TYPE_PHOTO_PHASE, DC_TYPE_SIDE_EFFECT_KIND };
    GType flag_types[] = { DC_TYPE_MEDICAL_FLAGS, DC_TYPE_CONSENT_SCOPE, DC_TYPE_INDICATION,
                           DC_TYPE_ENDPOINT };

    for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (enums[i]);

        for (guint j = 0; j < klass->n_values; j++)
          g_assert_nonnull (dc_enum_get_label (enums[i], klass->values[j].value));
      }
    for (guint i = 0; i < G_N_ELEMENTS (flag_types); i++)
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (flag_types[i]);

        for (guint j = 0; j < klass->n_values; j++)
          g_assert_nonnull (dc_flag_get_label (flag_types[i], klass->values[j].value));
      }
  }
}

static void
test_safety (void)
{
  DcMedicalFlags flags = DC_MEDICAL_HSV | DC_MEDICAL_PACEMAKER | DC_MEDICAL_COPPER_IUD;

  g_assert_cmpuint (dc_safety_flags_for_family (flags, DC_DEVICE_RF), ==, flags);
  g_assert_cmpuint (dc_safety_flags_for_family (flags, DC_DEVICE_PEN), ==, DC_MEDICAL_HSV);
  g_assert_cmpuint (dc_safety_flags_for_family (flags, DC_DEVICE_ROLLER), ==, DC_MEDICAL_HSV);
  g_assert_cmpuint (dc_safety_flags_for_family (DC_MEDICAL_NONE, DC_DEVICE_RF), ==, 0);

  g_assert_false (dc_safety_pih_risk (0));
  g_assert_false (dc_safety_pih_risk (3));
  g_assert_true (dc_safety_pih_risk (4));
  g_assert_true (dc_safety_pih_risk (6));
}

static gboolean
has_warning (GPtrArray    *warnings,
             DcSafetyKind  kind,
             const char   *detail)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      DcSafetyWarning *warning = g_ptr_array_index (warnings, i);

      if (warning->kind == kind && g_strcmp0 (warning->detail, detail) == 0)
        {
          g_assert_nonnull (warning->title);
          g_assert_nonnull (warning->body);
          return TRUE;
        }
    }
  return FALSE;
}

/* The checks at the start and the signing of a session, from DOMAIN.md. */
static void
test_safety_check (void)
{
  g_autoptr(DcPatient) patient = dc_patient_new ();
  g_autoptr(GPtrArray) pen = NULL;
  g_autoptr(GPtrArray) rf = NULL;
  g_autoptr(GPtrArray) later = NULL;
  GDate day, previous, much_later;

  dc_patient_set_medical_flags (patient, DC_MEDICAL_HSV | DC_MEDICAL_PACEMAKER);
  dc_patient_set_fitzpatrick (patient, 5);
  dc_patient_set_isotretinoin_last_dose (patient, "2026-08-20");
  g_date_set_dmy (&day, 20, G_DATE_NOVEMBER, 2026);
  g_date_set_dmy (&previous, 31, G_DATE_OCTOBER, 2026);
  g_date_set_dmy (&much_later, 21, G_DATE_FEBRUARY, 2027);

  /* A pen: the pacemaker does not matter, the rest does. */
  pen = dc_safety_check (patient, &day, &previous,
                         dc_safety_flags_for_family (~0u, DC_DEVICE_PEN));
  g_assert_cmpuint (pen->len, ==, 4);
  g_assert_true (has_warning (pen, DC_SAFETY_CONTRAINDICATION, "hsv"));
  g_assert_true (has_warning (pen, DC_SAFETY_ISOTRETINOIN, "2026-08-20"));
  g_assert_true (has_warning (pen, DC_SAFETY_PIH, "V"));
  g_assert_true (has_warning (pen, DC_SAFETY_SHORT_INTERVAL, "20"));

  rf = dc_safety_check (patient, &day, &previous,
                        dc_safety_flags_for_family (~0u, DC_DEVICE_RF));
  g_assert_cmpuint (rf->len, ==, 5);
  g_assert_true (has_warning (rf, DC_SAFETY_CONTRAINDICATION, "pacemaker"));

  /* Six months and a day after the last dose, a first session. */
  dc_patient_set_medical_flags (patient, DC_MEDICAL_NONE);
  dc_patient_set_fitzpatrick (patient, 2);
  later = dc_safety_check (patient, &much_later, NULL, ~0u);
  g_assert_cmpuint (later->len, ==, 0);
}

static DcSideEffect *
make_effect (DcSideEffectKind  kind,
             const char       *onset,
             const char       *resolved)
{
  DcSideEffect *effect = dc_side_effect_new ();

  dc_side_effect_set_kind (effect, kind);
  dc_side_effect_set_onset (effect, onset);
  dc_side_effect_set_resolved (effect, resolved);
  return effect;
}

/* The usual durations of DOMAIN.md: swelling 1–3 days, flaking up to 7,
 * infection never usual, acne flare without a usual duration. */
static void
test_side_effect_durations (void)
{
  g_autoptr(DcSideEffect) swelling = make_effect (DC_SIDE_EFFECT_SWELLING, "2026-03-03",
                                                  "2026-03-06");
  g_autoptr(DcSideEffect) long_swelling = make_effect (DC_SIDE_EFFECT_SWELLING, "2026-03-03",
                                                       "2026-03-08");
  g_autoptr(DcSideEffect) flaking = make_effect (DC_SIDE_EFFECT_FLAKING, "2026-02-27", NULL);
  g_autoptr(DcSideEffect) infection = make_effect (DC_SIDE_EFFECT_INFECTION, "2026-03-03",
                                                   "2026-03-03");
  g_autoptr(DcSideEffect) flare = make_effect (DC_SIDE_EFFECT_ACNE_FLARE, "2026-01-01", NULL);
  g_autoptr(DcSideEffect) future = make_effect (DC_SIDE_EFFECT_REDNESS, "2026-03-09", NULL);

  g_assert_cmpint (dc_side_effect_kind_get_usual_days (DC_SIDE_EFFECT_REDNESS), ==, 3);
  g_assert_cmpint (dc_side_effect_kind_get_usual_days (DC_SIDE_EFFECT_BRUISING), ==, 7);
  g_assert_cmpint (dc_side_effect_kind_get_usual_days (DC_SIDE_EFFECT_HYPERPIGMENTATION), ==, 0);
  g_assert_cmpint (dc_side_effect_kind_get_usual_days (DC_SIDE_EFFECT_OTHER), ==, -1);
  g_assert_cmpint (dc_side_effect_get_usual_days (swelling), ==, 3);

  /* Three days is within the usual, five is not. */
  g_assert_cmpint (dc_side_effect_get_days (swelling, NULL), ==, 3);
  g_assert_false (dc_side_effect_is_longer_than_usual (swelling, NULL));
  g_assert_cmpint (dc_side_effect_get_days (long_swelling, "2027-01-01"), ==, 5);
  g_assert_true (dc_side_effect_is_longer_than_usual (long_swelling, NULL));

  /* Not resolved: counted up to today, and flagged once past the usual. */
  g_assert_cmpint (dc_side_effect_get_days (flaking, NULL), ==, -1);
  g_assert_false (dc_side_effect_is_longer_than_usual (flaking, NULL));
  g_assert_cmpint (dc_side_effect_get_days (flaking, "2026-03-06"), ==, 7);
  g_assert_false (dc_side_effect_is_longer_than_usual (flaking, "2026-03-06"));
  g_assert_cmpint (dc_side_effect_get_days (flaking, "2026-03-07"), ==, 8);
  g_assert_true (dc_side_effect_is_longer_than_usual (flaking, "2026-03-07"));

  /* Never usual, however short; no usual duration, never flagged. */
  g_assert_true (dc_side_effect_is_longer_than_usual (infection, NULL));
  g_assert_false (dc_side_effect_is_longer_than_usual (flare, "2026-12-31"));

  /* An onset after today has lasted nothing yet. */
  g_assert_cmpint (dc_side_effect_get_days (future, "2026-03-07"), ==, 0);
  g_assert_false (dc_side_effect_is_longer_than_usual (future, "2026-03-07"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/fields", test_fields);
  g_test_add_func ("/model/validation/patient", test_patient_validation);
  g_test_add_func ("/model/validation/session", test_session_validation);
  g_test_add_func ("/model/validation/device", test_device_validation);
  g_test_add_func ("/model/dates", test_dates);
  g_test_add_func ("/model/vocabularies", test_vocabularies);
  g_test_add_func ("/model/safety", test_safety);
  g_test_add_func ("/model/side-effect-durations", test_side_effect_durations);

  g_test_add_func ("/model/safety-check", test_safety_check);

  return g_test_run ();
}
