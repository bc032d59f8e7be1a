/* dc-demo.c: the demo clinic.
 *
 * Invented people only. Session dates are counted back from today so the
 * demo always looks like a clinic in use: courses spaced four to six weeks
 * apart, one interval deliberately too short. Past sessions are signed, one
 * corrected by an addendum; each patient's latest session is a draft. */

#include "config.h"

#include "dc-demo.h"

#include <glib/gi18n-lib.h>

#include "dc-device-presets.h"

typedef struct
{
  const char *zone;
  double      depth;
  int         passes;
  const char *guidance_reason;
} DemoZone;

enum { PEN_FINE_STEPS, PEN_QUARTER_STEPS, ROLLER, RF };

G_STATIC_ASSERT (DC_DEMO_N_DEVICES == RF + 1);

/* The devices the demo clinic owns from the presets (data/dc-device-presets.ini),
 * in the order of the enumeration above; the RF handpiece is its own. */
static const char *const preset_uuids[] = {
  "d2b47e2d-4f7f-451f-b525-ec6860abf869",   /* Dermapen 4 */
  "39116290-ad19-48ee-9017-e7efbdd4e4c0",   /* SkinPen Precision */
  "e865643a-e82d-400c-a338-b35080f37bde",   /* Roller 0.5 mm */
};

G_STATIC_ASSERT (G_N_ELEMENTS (preset_uuids) == RF);

typedef struct
{
  int           weeks_ago;
  int           device;       /* index into the demo devices */
  guint         indication;
  guint         endpoint;
  const char   *notes;
  gboolean      draft;
  const DemoZone *zones;
  /* A side effect reported at follow-up, or 0. */
  DcSideEffectKind effect;
  int           effect_days;
} DemoSession;

typedef struct
{
  const char   *family_name;
  const char   *given_name;
  const char   *birth_date;
  DcSex         sex;
  int           fitzpatrick;
  const char   *language;
  const char   *email;
  const char   *phone;
  guint         medical_flags;
  guint         consent;
  const char   *notes;
  const DemoSession *sessions;
} DemoPatient;

/* Depths on each device's own steps (0.1 mm for the Dermapen 4, 0.25 mm
 * for the SkinPen, 0.5 mm for the RF handpiece, the needle length for the
 * roller) and within the zones' guidance unless a reason says why not. */
static const DemoZone fine_lines_pen[] = {
  { "forehead", 0.5, 2, NULL },
  { "periorbital-right", 0.2, 2, NULL },
  { "periorbital-left", 0.2, 2, NULL },
  { "nasolabial-right", 0.8, 2, NULL },
  { "nasolabial-left", 0.8, 2, NULL },
  { "neck", 0.3, 2, NULL },
  { NULL }
};

static const DemoZone full_face_pen[] = {
  { "forehead", 0.5, 2, NULL },
  { "glabella", 0.3, 2, NULL },
  { "cheek-right", 1.0, 3, NULL },
  { "cheek-left", 1.0, 3, NULL },
  { "nose", 0.5, 2, NULL },
  { "upper-lip", 0.4, 2, NULL },
  { "chin", 0.8, 2, NULL },
  { NULL }
};

static const DemoZone acne_scars_pen[] = {
  { "forehead", 0.5, 2, NULL },
  { "cheek-right", 1.5, 3, "Rolling acne scars; deeper needling per the clinic’s scar protocol" },
  { "cheek-left", 1.5, 3, "Rolling acne scars; deeper needling per the clinic’s scar protocol" },
  { "chin", 1.0, 2, NULL },
  { "jawline-right", 0.8, 2, NULL },
  { "jawline-left", 0.8, 2, NULL },
  { NULL }
};

/* Skin types V–VI: a quarter millimetre shallower, on the SkinPen's steps. */
static const DemoZone acne_scars_dark_skin[] = {
  { "forehead", 0.5, 2, NULL },
  { "cheek-right", 1.25, 3, "Boxcar acne scars; deeper than usual, agreed with the patient" },
  { "cheek-left", 1.25, 3, "Boxcar acne scars; deeper than usual, agreed with the patient" },
  { "chin", 0.75, 2, NULL },
  { "jawline-right", 0.5, 2, NULL },
  { "jawline-left", 0.5, 2, NULL },
  { NULL }
};

static const DemoZone fine_lines_dark_skin[] = {
  { "forehead", 0.5, 2, NULL },
  { "periorbital-right", 0.25, 2, NULL },
  { "periorbital-left", 0.25, 2, NULL },
  { "nasolabial-right", 0.5, 2, NULL },
  { "nasolabial-left", 0.5, 2, NULL },
  { "neck", 0.25, 2, NULL },
  { NULL }
};

static const DemoZone roller_face[] = {
  { "forehead", 0.5, 4, NULL },
  { "nose", 0.5, 3, NULL },
  { "cheek-right", 0.5, 4, NULL },
  { "cheek-left", 0.5, 4, NULL },
  { "chin", 0.5, 4, NULL },
  { "neck", 0.5, 3, NULL },
  { NULL }
};

static const DemoZone rf_lower_face[] = {
  { "forehead", 1.5, 1, NULL },
  { "cheek-right", 2.0, 2, NULL },
  { "cheek-left", 2.0, 2, NULL },
  { "upper-lip", 0.5, 1, NULL },
  { "chin", 1.5, 2, NULL },
  { "jawline-right", 2.5, 2, NULL },
  { "jawline-left", 2.5, 2, NULL },
  { NULL }
};

#define ERYTHEMA_BLEEDING (DC_ENDPOINT_EVEN_ERYTHEMA | DC_ENDPOINT_PINPOINT_BLEEDING)

static const DemoSession sessions_weber[] = {
  { 22, PEN_FINE_STEPS, DC_INDICATION_FINE_LINES | DC_INDICATION_TEXTURE, DC_ENDPOINT_EVEN_ERYTHEMA,
    "First session. Tolerated well.", FALSE, fine_lines_pen, DC_SIDE_EFFECT_REDNESS, 2 },
  { 16, PEN_FINE_STEPS, DC_INDICATION_FINE_LINES | DC_INDICATION_TEXTURE, ERYTHEMA_BLEEDING,
    "Redness settled within two days after the first session.", FALSE, fine_lines_pen, 0, 0 },
  { 10, PEN_FINE_STEPS, DC_INDICATION_FINE_LINES | DC_INDICATION_TEXTURE, ERYTHEMA_BLEEDING,
    NULL, FALSE, full_face_pen, DC_SIDE_EFFECT_SWELLING, 2 },
  { 4, RF, DC_INDICATION_FINE_LINES | DC_INDICATION_TEXTURE, ERYTHEMA_BLEEDING,
    "Visible improvement of forehead lines; patient satisfied.", FALSE, rf_lower_face, 0, 0 },
  { 0 }
};

static const DemoSession sessions_navarro[] = {
  { 17, PEN_FINE_STEPS, DC_INDICATION_ACNE_SCARS, ERYTHEMA_BLEEDING,
    "Antiviral prophylaxis taken as prescribed (history of cold sores).", FALSE, acne_scars_pen,
    DC_SIDE_EFFECT_REDNESS, 3 },
  { 11, PEN_FINE_STEPS, DC_INDICATION_ACNE_SCARS, ERYTHEMA_BLEEDING, NULL, FALSE, acne_scars_pen,
    DC_SIDE_EFFECT_FLAKING, 5 },
  { 5, RF, DC_INDICATION_ACNE_SCARS | DC_INDICATION_TEXTURE, ERYTHEMA_BLEEDING,
    "Scar depth visibly reduced on both cheeks.", FALSE, rf_lower_face, 0, 0 },
  { 0 }
};

static const DemoSession sessions_haddad[] = {
  { 14, PEN_QUARTER_STEPS, DC_INDICATION_ACNE_SCARS | DC_INDICATION_PORES, ERYTHEMA_BLEEDING,
    "Skin type V: conservative depths, strict sun protection discussed.",
    FALSE, acne_scars_dark_skin,
    DC_SIDE_EFFECT_HYPERPIGMENTATION, 21 },
  { 8, PEN_QUARTER_STEPS, DC_INDICATION_ACNE_SCARS | DC_INDICATION_PORES, DC_ENDPOINT_EVEN_ERYTHEMA,
    "Mild post-inflammatory hyperpigmentation on the left cheek has faded.",
    FALSE, acne_scars_dark_skin,
    0, 0 },
  { 5, PEN_QUARTER_STEPS, DC_INDICATION_ACNE_SCARS, DC_ENDPOINT_EVEN_ERYTHEMA,
    "Interval shorter than four weeks at the patient’s request (travel).",
    FALSE, acne_scars_dark_skin,
    0, 0 },
  { 0 }
};

static const DemoSession sessions_lefevre[] = {
  { 6, ROLLER, DC_INDICATION_PORES | DC_INDICATION_TEXTURE, DC_ENDPOINT_EVEN_ERYTHEMA, NULL, FALSE,
    roller_face, DC_SIDE_EFFECT_REDNESS, 1 },
  { 0, PEN_FINE_STEPS, DC_INDICATION_PORES | DC_INDICATION_TEXTURE, ERYTHEMA_BLEEDING,
    "Session in progress.", TRUE, full_face_pen, 0, 0 },
  { 0 }
};

static const DemoSession sessions_mensah[] = {
  { 3, PEN_QUARTER_STEPS, DC_INDICATION_HYPERPIGMENTATION | DC_INDICATION_TEXTURE,
    DC_ENDPOINT_EVEN_ERYTHEMA,
    "Skin type VI: shallow depths only; pre-treatment skin priming for four weeks.", FALSE,
    fine_lines_dark_skin, 0, 0 },
  { 0 }
};

static const DemoPatient patients[] = {
  { "Weber", "Annika", "1986-04-12", DC_SEX_FEMALE, 2, "de", "annika.weber@example.org",
    "+49 30 5550 1234", DC_MEDICAL_NONE, DC_CONSENT_CLINICAL | DC_CONSENT_TEACHING,
    "Prefers morning appointments.", sessions_weber },
  { "Navarro Gil", "Lucía", "1991-09-03", DC_SEX_FEMALE, 4, "es", "lucia.navarro@example.org",
    "+34 910 555 321", DC_MEDICAL_HSV, DC_CONSENT_CLINICAL,
    NULL, sessions_navarro },
  { "Haddad", "Karim", "1979-01-25", DC_SEX_MALE, 5, "ar", "karim.haddad@example.org",
    "+33 1 5550 2468", DC_MEDICAL_NONE, DC_CONSENT_CLINICAL,
    NULL, sessions_haddad },
  { "Lefèvre", "Élodie", "1995-06-30", DC_SEX_FEMALE, 1, "fr", "elodie.lefevre@example.org",
    "+33 6 5550 1357", DC_MEDICAL_TANNED, DC_CONSENT_CLINICAL | DC_CONSENT_MARKETING,
    "Returned from holiday with light tan; reviewed at consultation.", sessions_lefevre },
  { "Mensah", "Daniel", "1988-11-08", DC_SEX_MALE, 6, "en", "daniel.mensah@example.org",
    "+44 20 7946 0321", DC_MEDICAL_KELOID, DC_CONSENT_CLINICAL,
    "Keloid on the chest after surgery in 2015; none on the face.", sessions_mensah },
};

typedef struct
{
  DcDemoCatalogue  catalogue;
  GPtrArray       *to_sign;      /* DcSession: signed copies to save */
} Demo;

void
dc_demo_catalogue_clear (DcDemoCatalogue *catalogue)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalogue->practitioners); i++)
    g_clear_object (&catalogue->practitioners[i]);
  for (guint i = 0; i < G_N_ELEMENTS (catalogue->devices); i++)
    g_clear_object (&catalogue->devices[i]);
  g_clear_object (&catalogue->anaesthetic_lot);
  g_clear_object (&catalogue->serum_lot);
  g_clear_object (&catalogue->cartridge_lot);
}

static void
demo_clear (Demo *demo)
{
  dc_demo_catalogue_clear (&demo->catalogue);
  g_clear_pointer (&demo->to_sign, g_ptr_array_unref);
}

static DcLot *
add_product (DcStore        *store,
             DcProductKind   kind,
             const char     *name,
             const char     *manufacturer,
             gboolean        intradermal,
             const char     *lot_number,
             const char     *expiry,
             GError        **error)
{
  g_autoptr(DcProduct) product = dc_product_new ();
  g_autoptr(DcLot) lot = dc_lot_new ();

  dc_product_set_kind (product, kind);
  dc_product_set_name (product, name);
  dc_product_set_manufacturer (product, manufacturer);
  dc_product_set_intradermal (product, intradermal);
  if (!dc_store_save (store, DC_RECORD (product), error))
    return NULL;

  dc_lot_set_product_id (lot, dc_record_get_id (DC_RECORD (product)));
  dc_lot_set_lot_number (lot, lot_number);
  dc_lot_set_expiry (lot, expiry);
  if (!dc_store_save (store, DC_RECORD (lot), error))
    return NULL;

  return g_steal_pointer (&lot);
}

/**
 * dc_demo_add_catalogue:
 *
 * Saves the demo clinic's details, staff, devices and product lots, and
 * gives them in @catalogue (cleared with dc_demo_catalogue_clear()). For
 * the demo clinics; call within a store transaction.
 */
gboolean
dc_demo_add_catalogue (DcStore          *store,
                       DcDemoCatalogue  *catalogue,
                       GError          **error)
{
  g_autoptr(DcClinic) clinic = dc_clinic_new ();
  static const struct { const char *name; const char *qualification; } staff[] = {
    { "Dr. Clara Lindqvist", "Dermatologist" },
    { "Sofia Marchetti", "Aesthetic nurse practitioner" },
  };
  DcDevice *device;

  dc_clinic_set_name (clinic, "Lindenhof Skin Clinic");
  dc_clinic_set_address (clinic, "Lindenallee 12\n10115 Berlin\nGermany");
  dc_clinic_set_phone (clinic, "+49 30 5550 0100");
  dc_clinic_set_email (clinic, "reception@lindenhof-clinic.example");
  dc_clinic_set_website (clinic, "https://lindenhof-clinic.example");
  if (!dc_store_save (store, DC_RECORD (clinic), error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      catalogue->practitioners[i] = dc_practitioner_new ();
      dc_practitioner_set_name (catalogue->practitioners[i], staff[i].name);
      dc_practitioner_set_qualification (catalogue->practitioners[i], staff[i].qualification);
      if (!dc_store_save (store, DC_RECORD (catalogue->practitioners[i]), error))
        return FALSE;
    }

  /* The presets a clinic would add for the devices it owns. */
  for (guint i = 0; i < G_N_ELEMENTS (preset_uuids); i++)
    {
      DcDevice *preset = dc_device_presets_lookup (preset_uuids[i]);

      g_assert (preset != NULL);
      catalogue->devices[i] = dc_device_presets_instantiate (preset);
      if (!dc_store_save (store, DC_RECORD (catalogue->devices[i]), error))
        return FALSE;
    }

  /* An invented handpiece: its energy scale is the demo's own. */
  device = catalogue->devices[RF] = dc_device_new ();
  dc_device_set_kind (device, DC_DEVICE_RF);
  dc_device_set_make (device, "Demo devices");
  dc_device_set_model (device, "RF handpiece (demo)");
  dc_device_set_depth_min (device, 0.5);
  dc_device_set_depth_max (device, 3.5);
  dc_device_set_depth_step (device, 0.5);
  dc_device_set_energy_unit (device, DC_ENERGY_LEVEL);
  dc_device_set_energy_min (device, 1);
  dc_device_set_energy_max (device, 10);
  dc_device_set_pulse_min (device, 100);
  dc_device_set_pulse_max (device, 800);
  dc_device_set_tips (device, "12-pin, 24-pin, 40-pin");
  if (!dc_store_save (store, DC_RECORD (device), error))
    return FALSE;

  catalogue->anaesthetic_lot = add_product (store, DC_PRODUCT_ANAESTHETIC,
                                       "Lidocaine 23% / tetracaine 7% cream", "Demo Pharma",
                                       FALSE, "LT-24-0815", "2027-06-30", error);
  catalogue->serum_lot = add_product (store, DC_PRODUCT_HYALURONIC_ACID,
                                 "Sterile hyaluronic acid glide serum", "Demo Pharma",
                                 TRUE, "HA-25-1102", "2027-03-31", error);
  catalogue->cartridge_lot = add_product (store, DC_PRODUCT_CARTRIDGE, "16-pin needle cartridge",
                                     "Dermapen", FALSE, "C16-25-0420", "2028-01-31", error);

  return catalogue->anaesthetic_lot != NULL && catalogue->serum_lot != NULL
         && catalogue->cartridge_lot != NULL;
}

/* A time of @day, in local time, as records hold it. */
char *
dc_demo_local_timestamp (GDateTime *day,
                         int        hour,
                         int        minute)
{
  g_autoptr(GDateTime) local = g_date_time_new_local (g_date_time_get_year (day),
                                                      g_date_time_get_month (day),
                                                      g_date_time_get_day_of_month (day),
                                                      hour, minute, 0);

  return dc_timestamp_format (local);
}

static void
sign_session (DcSession      *session,
              DcPractitioner *practitioner,
              GDateTime      *day,
              int             hour)
{
  g_autofree char *signed_at = dc_demo_local_timestamp (day, hour + 1, 15);

  dc_session_set_status (session, DC_SESSION_SIGNED);
  dc_session_set_signed_by (session, dc_record_get_id (DC_RECORD (practitioner)));
  dc_session_set_signed_at (session, signed_at);
}

static GDate *
local_date (GDateTime *date_time)
{
  return g_date_new_dmy (g_date_time_get_day_of_month (date_time),
                         g_date_time_get_month (date_time), g_date_time_get_year (date_time));
}

/**
 * dc_demo_acknowledge_warnings:
 * @previous_day: (nullable): when the patient's session before was
 *
 * Saves the warnings shown when @session was started, as its practitioner
 * acknowledged them. For the demo clinics; call within a store transaction.
 */
gboolean
dc_demo_acknowledge_warnings (DcStore         *store,
                              DcPatient       *patient,
                              DcSession       *session,
                              DcPractitioner  *practitioner,
                              DcDevice        *device,
                              GDateTime       *day,
                              GDateTime       *previous_day,
                              GError         **error)
{
  g_autoptr(GDate) session_date = local_date (day);
  g_autoptr(GDate) previous_date = previous_day != NULL ? local_date (previous_day) : NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  warnings = dc_safety_check (patient, session_date, previous_date,
                              dc_safety_flags_for_family (~DC_MEDICAL_NONE,
                                                          dc_device_get_kind (device)));
  for (guint i = 0; i < warnings->len; i++)
    {
      DcSafetyWarning *warning = g_ptr_array_index (warnings, i);
      g_autoptr(DcSafetyAck) ack = dc_safety_ack_new ();

      dc_safety_ack_set_session_id (ack, dc_record_get_id (DC_RECORD (session)));
      dc_safety_ack_set_kind (ack, warning->kind);
      dc_safety_ack_set_detail (ack, warning->detail);
      dc_safety_ack_set_stage (ack, DC_SAFETY_AT_CREATION);
      dc_safety_ack_set_acknowledged_by (ack, dc_record_get_id (DC_RECORD (practitioner)));
      dc_safety_ack_set_acknowledged_at (ack, dc_session_get_started_at (session));
      if (!dc_store_save (store, DC_RECORD (ack), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * dc_demo_set_device_settings:
 *
 * Gives @zone, whose device and depth are set, the settings the demo
 * clinics use with that kind of device.
 */
void
dc_demo_set_device_settings (DcZoneTreatment       *zone,
                             DcDevice              *device,
                             const DcDemoCatalogue *catalogue)
{
  switch (dc_device_get_kind (device))
    {
    case DC_DEVICE_PEN:
      dc_zone_treatment_set_needle_count (zone, 16);
      dc_zone_treatment_set_speed (zone, dc_device_get_speed_max (device));
      dc_zone_treatment_set_cartridge_lot_id (
        zone, dc_record_get_id (DC_RECORD (catalogue->cartridge_lot)));
      break;

    case DC_DEVICE_ROLLER:
      dc_zone_treatment_set_needle_count (zone, dc_device_get_needle_count (device));
      break;

    case DC_DEVICE_RF:
      /* Less energy where the skin is thin. */
      dc_zone_treatment_set_energy (zone, dc_zone_treatment_get_depth_mm (zone) <= 1.0 ? 3 : 5);
      dc_zone_treatment_set_pulse_ms (zone, 300);
      dc_zone_treatment_set_rf_mode (zone, DC_RF_MODE_BIPOLAR);
      dc_zone_treatment_set_tip_pins (zone, 24);
      dc_zone_treatment_set_insulated (zone, TRUE);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Refuses (DC_ERROR_NOT_EMPTY) a store that holds patients: a demo clinic
 * is never mixed into real records. */
gboolean
dc_demo_check_empty (DcStore  *store,
                     GError  **error)
{
  gboolean has_patients = FALSE;

  if (!dc_store_has_patients (store, &has_patients, error))
    return FALSE;
  if (has_patients)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_NOT_EMPTY,
                   _("The demo clinic can only be added to an empty database; this one "
                     "already holds patients"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_session (DcStore            *store,
             Demo               *demo,
             DcPatient          *patient,
             const DemoSession  *info_session,
             const DemoSession  *previous_session,
             int                 index,
             gboolean            latest,
             GError            **error)
{
  g_autoptr(DcSession) session = dc_session_new ();
  g_autoptr(DcProductUse) use = dc_product_use_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_weeks (now, -info_session->weeks_ago);
  g_autoptr(GDateTime) next = g_date_time_add_weeks (day, 6);
  g_autoptr(GDateTime) previous_day = NULL;
  const DcDemoCatalogue *catalogue = &demo->catalogue;
  DcPractitioner *practitioner = demo->catalogue.practitioners[index % 2];
  DcDevice *device = demo->catalogue.devices[info_session->device];
  int hour = 9 + index * 2;
  g_autofree char *started_at = dc_demo_local_timestamp (day, hour, 30);
  g_autofree char *anaesthetic_on = dc_demo_local_timestamp (day, hour - 1, 25);
  g_autofree char *anaesthetic_off = dc_demo_local_timestamp (day, hour, 25);
  g_autofree char *next_visit = g_date_time_format (next, "%Y-%m-%d");

  dc_session_set_patient_id (session, dc_record_get_id (DC_RECORD (patient)));
  dc_session_set_practitioner_id (session, dc_record_get_id (DC_RECORD (practitioner)));
  dc_session_set_started_at (session, started_at);
  dc_session_set_indication (session, info_session->indication);
  dc_session_set_anaesthetic_lot_id (session,
                                     dc_record_get_id (DC_RECORD (catalogue->anaesthetic_lot)));
  dc_session_set_anaesthetic_strength (session, "23% / 7%");
  dc_session_set_anaesthetic_area (session, "Full face, under occlusion");
  dc_session_set_anaesthetic_on (session, anaesthetic_on);
  dc_session_set_anaesthetic_off (session, anaesthetic_off);
  dc_session_set_endpoint (session, info_session->endpoint);
  dc_session_set_notes (session, info_session->notes);
  dc_session_set_next_visit (session, next_visit);
  if (previous_session != NULL)
    previous_day = g_date_time_add_weeks (now, -previous_session->weeks_ago);
  if (!dc_store_save (store, DC_RECORD (session), error)
      || !dc_demo_acknowledge_warnings (store, patient, session, practitioner, device, day,
                                        previous_day, error))
    return FALSE;
  /* Signed last, once it holds everything: a signed session takes no more
   * zones or photos. Each patient's latest session is still open. */
  if (!info_session->draft && !latest)
    {
      DcSession *signed_copy = DC_SESSION (dc_record_copy (DC_RECORD (session)));

      sign_session (signed_copy, practitioner, day, hour);
      g_ptr_array_add (demo->to_sign, signed_copy);
    }

  dc_product_use_set_session_id (use, dc_record_get_id (DC_RECORD (session)));
  dc_product_use_set_lot_id (use, dc_record_get_id (DC_RECORD (demo->catalogue.serum_lot)));
  dc_product_use_set_amount (use, "2 ml");
  if (!dc_store_save (store, DC_RECORD (use), error))
    return FALSE;

  for (const DemoZone *z = info_session->zones; z->zone != NULL; z++)
    {
      g_autoptr(DcZoneTreatment) zone = dc_zone_treatment_new ();

      dc_zone_treatment_set_session_id (zone, dc_record_get_id (DC_RECORD (session)));
      dc_zone_treatment_set_zone (zone, z->zone);
      dc_zone_treatment_set_device_id (zone, dc_record_get_id (DC_RECORD (device)));
      dc_zone_treatment_set_depth_mm (zone, z->depth);
      dc_zone_treatment_set_passes (zone, z->passes);
      dc_demo_set_device_settings (zone, device, catalogue);
      dc_zone_treatment_set_guidance_reason (zone, z->guidance_reason);
      if (!dc_store_save (store, DC_RECORD (zone), error))
        return FALSE;
    }

  if (info_session->effect_days > 0)
    {
      g_autoptr(DcSideEffect) effect = dc_side_effect_new ();
      g_autoptr(GDateTime) resolved = g_date_time_add_days (day, info_session->effect_days);
      g_autofree char *onset_text = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *resolved_text = g_date_time_format (resolved, "%Y-%m-%d");

      dc_side_effect_set_session_id (effect, dc_record_get_id (DC_RECORD (session)));
      dc_side_effect_set_kind (effect, info_session->effect);
      dc_side_effect_set_severity (effect, 1);
      dc_side_effect_set_onset (effect, onset_text);
      dc_side_effect_set_resolved (effect, resolved_text);
      if (!dc_store_save (store, DC_RECORD (effect), error))
        return FALSE;
    }

  return TRUE;
}

/* Saves the signed copies, then corrects the first with an addendum, as
 * a practitioner would the day after. */
static gboolean
sign_all (DcStore    *store,
          GPtrArray  *to_sign,
          GError    **error)
{
  g_autoptr(DcAddendum) addendum = dc_addendum_new ();
  g_autoptr(GDateTime) signed_at = NULL;
  g_autoptr(GDateTime) next_day = NULL;
  g_autofree char *written_at = NULL;
  DcSession *first;

  for (guint i = 0; i < to_sign->len; i++)
    if (!dc_store_save (store, g_ptr_array_index (to_sign, i), error))
      return FALSE;
  if (to_sign->len == 0)
    return TRUE;

  first = g_ptr_array_index (to_sign, 0);
  signed_at = dc_timestamp_parse (dc_session_get_signed_at (first));
  next_day = g_date_time_add_hours (signed_at, 21);
  written_at = dc_timestamp_format (next_day);
  dc_addendum_set_session_id (addendum, dc_record_get_id (DC_RECORD (first)));
  dc_addendum_set_author_id (addendum, dc_session_get_signed_by (first));
  dc_addendum_set_written_at (addendum, written_at);
  dc_addendum_set_reason (addendum, "Endpoint recorded incompletely");
  dc_addendum_set_text (addendum, "On review of the after photos, pinpoint bleeding was also "
                                  "reached on the forehead, not only even erythema.");
  return dc_store_save (store, DC_RECORD (addendum), error);
}

static gboolean
fill_locked (DcStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  GPtrArray *to_sign = data;
  Demo demo = { 0 };
  gboolean ret = FALSE;

  if (!dc_demo_check_empty (store, error))
    return FALSE;

  demo.to_sign = g_ptr_array_new_with_free_func (g_object_unref);
  if (!dc_demo_add_catalogue (store, &demo.catalogue, error))
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      const DemoPatient *info = &patients[i];
      g_autoptr(DcPatient) patient = dc_patient_new ();
      int index = 0;

      dc_patient_set_family_name (patient, info->family_name);
      dc_patient_set_given_name (patient, info->given_name);
      dc_patient_set_birth_date (patient, info->birth_date);
      dc_patient_set_sex (patient, info->sex);
      dc_patient_set_fitzpatrick (patient, info->fitzpatrick);
      dc_patient_set_language (patient, info->language);
      dc_patient_set_email (patient, info->email);
      dc_patient_set_phone (patient, info->phone);
      dc_patient_set_medical_flags (patient, info->medical_flags);
      dc_patient_set_consent (patient, info->consent);
      dc_patient_set_notes (patient, info->notes);
      if (!dc_store_save (store, DC_RECORD (patient), error))
        goto out;

      for (const DemoSession *s = info->sessions; s->weeks_ago > 0 || s->draft; s++, index++)
        if (!add_session (store, &demo, patient, s, index > 0 ? s - 1 : NULL, index,
                          s[1].weeks_ago == 0 && !s[1].draft, error))
          goto out;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }

  if (to_sign != NULL)
    {
      g_ptr_array_extend_and_steal (to_sign, g_steal_pointer (&demo.to_sign));
    }
  else if (!sign_all (store, demo.to_sign, error))
    {
      goto out;
    }

  ret = TRUE;

out:
  demo_clear (&demo);
  return ret;
}

gboolean
dc_demo_fill (DcStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_return_val_if_fail (DC_IS_STORE (store), FALSE);

  return dc_store_transaction_as (store, "Dermachart demo", fill_locked, NULL, cancellable,
                                  error);
}

/**
 * dc_demo_fill_unsigned:
 * @to_sign: (element-type DcSession): where to add the sessions to sign
 *
 * Like dc_demo_fill(), but the sessions the demo shows as signed are left
 * drafts, so that photos can still be added to them; their signed copies
 * are added to @to_sign, for dc_demo_sign().
 */
gboolean
dc_demo_fill_unsigned (DcStore       *store,
                       GPtrArray     *to_sign,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (DC_IS_STORE (store), FALSE);
  g_return_val_if_fail (to_sign != NULL, FALSE);

  return dc_store_transaction_as (store, "Dermachart demo", fill_locked, to_sign, cancellable,
                                  error);
}

static gboolean
sign_locked (DcStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return sign_all (store, data, error);
}

/* Signs the sessions dc_demo_fill_unsigned() left, all or none. */
gboolean
dc_demo_sign (DcStore    *store,
              GPtrArray  *to_sign,
              GError    **error)
{
  g_return_val_if_fail (DC_IS_STORE (store), FALSE);
  g_return_val_if_fail (to_sign != NULL, FALSE);

  return dc_store_transaction_as (store, "Dermachart demo", sign_locked, to_sign, NULL, error);
}
