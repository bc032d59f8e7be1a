/* dc-safety.c: the patient's conditions that apply to a device family. */

#include "config.h"

#include "dc-safety.h"

#include <glib/gi18n-lib.h>

#include "dc-util.h"

/**
 * dc_safety_flags_for_family:
 *
 * Returns: the recorded conditions that are contraindications or cautions
 *   for a treatment with @family: all of them for RF; without the RF-only
 *   ones (pacemaker, metal implants, copper IUD) for pens and rollers.
 */
DcMedicalFlags
dc_safety_flags_for_family (DcMedicalFlags flags,
                            DcDeviceKind   family)
{
  if (family == DC_DEVICE_RF)
    return flags;
  return flags & ~DC_MEDICAL_RF_ONLY;
}

/**
 * dc_safety_pih_risk:
 *
 * Returns: whether the skin type carries a higher risk of post-inflammatory
 *   hyperpigmentation (Fitzpatrick IV–VI), which the session shows
 *   prominently.
 */
gboolean
dc_safety_pih_risk (int fitzpatrick)
{
  return fitzpatrick >= 4 && fitzpatrick <= 6;
}

void
dc_safety_warning_free (DcSafetyWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->detail);
  g_free (warning->title);
  g_free (warning->body);
  g_free (warning);
}

static const char *const fitzpatrick_numerals[] = { NULL, "I", "II", "III", "IV", "V", "VI" };

/**
 * dc_safety_describe:
 * @detail: (nullable): the detail kept with the warning
 *
 * Returns: (transfer full): the warning's title, in the current language,
 *   from what an acknowledgement keeps of it: for the timeline, the session
 *   and the history.
 */
char *
dc_safety_describe (DcSafetyKind  kind,
                    const char   *detail)
{
  switch (kind)
    {
    case DC_SAFETY_CONTRAINDICATION:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (DC_TYPE_MEDICAL_FLAGS);
        GFlagsValue *value = detail != NULL ? g_flags_get_value_by_nick (klass, detail) : NULL;
        const char *label = value != NULL ? dc_flag_get_label (DC_TYPE_MEDICAL_FLAGS,
                                                               value->value) : NULL;

        /* Translators: %s is a condition from the medical history */
        return g_strdup_printf (_("Medical history: %s"), label != NULL ? label : detail);
      }

    case DC_SAFETY_ISOTRETINOIN:
      {
        GDate date;
        char text[64] = "";

        if (detail != NULL && dc_date_parse (detail, &date))
          g_date_strftime (text, sizeof text, "%x", &date);
        /* Translators: %s is a date */
        return g_strdup_printf (_("Isotretinoin last taken on %s, within six months"),
                                text[0] != '\0' ? text : detail);
      }

    case DC_SAFETY_PIH:
      /* Translators: %s is a Fitzpatrick skin type in Roman numerals, IV to VI */
      return g_strdup_printf (_("Fitzpatrick %s: higher risk of post-inflammatory "
                                "hyperpigmentation"), detail != NULL ? detail : "");

    case DC_SAFETY_SHORT_INTERVAL:
      {
        guint64 days = 0;

        if (detail != NULL)
          g_ascii_string_to_unsigned (detail, 10, 0, G_MAXINT, &days, NULL);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Only %d day since the previous session",
                                             "Only %d days since the previous session",
                                             (gulong) days), (int) days);
      }

    default:
      return g_strdup (dc_enum_get_label (DC_TYPE_SAFETY_KIND, kind));
    }
}

static void
add_warning (GPtrArray    *warnings,
             DcSafetyKind  kind,
             char         *detail,
             const char   *body)
{
  DcSafetyWarning *warning = g_new0 (DcSafetyWarning, 1);

  warning->kind = kind;
  warning->detail = detail;
  warning->title = dc_safety_describe (kind, detail);
  warning->body = g_strdup (body);
  g_ptr_array_add (warnings, warning);
}

static const char *
condition_advice (DcMedicalFlags flag)
{
  switch (flag)
    {
    case DC_MEDICAL_HSV:
      return _("Consider antiviral prophylaxis before treating the face.");
    case DC_MEDICAL_PACEMAKER:
    case DC_MEDICAL_METAL_IMPLANTS:
    case DC_MEDICAL_COPPER_IUD:
      return _("A contraindication for radiofrequency: the current passes through the tissue.");
    case DC_MEDICAL_ACTIVE_INFECTION:
    case DC_MEDICAL_ACTIVE_DERMATOSIS:
      return _("Do not treat an area with active infection or inflammation.");
    case DC_MEDICAL_ANTICOAGULANTS:
      return _("Expect more bleeding and bruising; consider shallower depths.");
    default:
      return _("Confirm that it does not rule out today’s treatment.");
    }
}

/**
 * dc_safety_check:
 * @session_day: the day of the session
 * @previous_day: (nullable): the day of the patient's previous session
 * @concerning: the recorded conditions that concern the devices of the
 *   session (see dc_safety_flags_for_family())
 *
 * The checks run when a session is started and when it is signed
 * (DOMAIN.md, "Contraindications and cautions" and "Intervals"). None of
 * them forbids the treatment; each is shown, and acknowledged.
 *
 * Returns: (transfer full) (element-type DcSafetyWarning): the warnings,
 *   perhaps none
 */
GPtrArray *
dc_safety_check (DcPatient      *patient,
                 const GDate    *session_day,
                 const GDate    *previous_day,
                 DcMedicalFlags  concerning)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_safety_warning_free);
  g_autoptr(GFlagsClass) klass = g_type_class_ref (DC_TYPE_MEDICAL_FLAGS);
  const char *last_dose = dc_patient_get_isotretinoin_last_dose (patient);
  int fitzpatrick = dc_patient_get_fitzpatrick (patient);
  GDate dose;

  g_return_val_if_fail (DC_IS_PATIENT (patient), warnings);
  g_return_val_if_fail (session_day != NULL && g_date_valid (session_day), warnings);

  concerning &= dc_patient_get_medical_flags (patient);
  for (guint i = 0; i < klass->n_values; i++)
    {
      GFlagsValue *value = &klass->values[i];

      if (value->value != 0 && (concerning & value->value) == value->value)
        add_warning (warnings, DC_SAFETY_CONTRAINDICATION, g_strdup (value->value_nick),
                     condition_advice (value->value));
    }

  if (last_dose != NULL && dc_date_parse (last_dose, &dose))
    {
      GDate until = dose;

      g_date_add_months (&until, 6);
      if (g_date_compare (session_day, &until) < 0 && g_date_compare (&dose, session_day) <= 0)
        add_warning (warnings, DC_SAFETY_ISOTRETINOIN, g_strdup (last_dose),
                     _("The label advises waiting six months after the last dose; a 2017 "
                       "consensus found too little evidence to delay superficial procedures. "
                       "Decide, and note why."));
    }

  if (dc_safety_pih_risk (fitzpatrick))
    add_warning (warnings, DC_SAFETY_PIH, g_strdup (fitzpatrick_numerals[fitzpatrick]),
                 _("Choose conservative depths and consider priming the skin."));

  if (previous_day != NULL && g_date_valid (previous_day))
    {
      int days = g_date_days_between (previous_day, session_day);

      if (days >= 0 && days < DC_SAFETY_SHORT_INTERVAL_DAYS)
        add_warning (warnings, DC_SAFETY_SHORT_INTERVAL, g_strdup_printf ("%d", days),
                     _("Sessions are usually four to six weeks apart, so that the skin can "
                       "recover in between."));
    }

  return warnings;
}
