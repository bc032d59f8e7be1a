/* dc-zone-rules.c: the limits of a zone treatment, shared by the session
 * page, the importer and the command line.
 *
 * A device's limits are physical: a depth it cannot be set to is an error.
 * A zone's guidance is clinical advice: going outside it is the
 * practitioner's decision, allowed once a reason is recorded with the
 * treatment. */

#include "config.h"

#include "dc-zone-rules.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* Depths are entered in steps of at least 0.05 mm; anything closer than
 * this to a step is that step (binary fractions: 0.1 × 3 ≠ 0.3). */
#define EPSILON 1e-6

static gboolean
outside (double value,
         double min,
         double max)
{
  return value < min - EPSILON || value > max + EPSILON;
}

/* "3.5 mm", or "80" for a quantity without a unit (an RF energy level). */
static char *
with_unit (const char *number,
           const char *unit)
{
  if (unit == NULL || *unit == '\0')
    return g_strdup (number);
  /* TRANSLATORS: a number and its unit, "3.5 mm" */
  return g_strdup_printf (C_("quantity", "%s %s"), number, unit);
}

/* The numbers of a "value outside min–max" message, as people read them. */
typedef struct
{
  char *value;
  char *min;
  char *max;
} RangeText;

static void
range_text_clear (RangeText *text)
{
  g_free (text->value);
  g_free (text->min);
  g_free (text->max);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RangeText, range_text_clear)

static void
range_text_init (RangeText  *text,
                 double      value,
                 double      min,
                 double      max,
                 const char *unit)
{
  g_autofree char *value_number = dc_format_decimal (value);
  g_autofree char *max_number = dc_format_decimal (max);

  text->value = with_unit (value_number, unit);
  text->min = dc_format_decimal (min);
  text->max = with_unit (max_number, unit);
}

static const char *
zone_name (DcZoneCatalogue *catalogue,
           DcZoneTreatment *treatment)
{
  const DcZone *zone = dc_zone_catalogue_lookup (catalogue,
                                                 dc_zone_treatment_get_zone (treatment));

  return zone != NULL ? dc_zone_get_name (zone) : dc_zone_treatment_get_zone (treatment);
}

/**
 * dc_zone_rules_check_device:
 *
 * Checks what the device makes impossible: a depth outside its range or
 * between its steps (a roller's depth is its needle length), a speed or an
 * RF energy or pulse it cannot be set to, and RF settings on a device
 * without RF.
 */
gboolean
dc_zone_rules_check_device (DcZoneCatalogue  *catalogue,
                            DcZoneTreatment  *treatment,
                            DcDevice         *device,
                            GError          **error)
{
  const char *name;
  const char *model;
  double depth;

  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (catalogue), FALSE);
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (treatment), FALSE);

  if (dc_zone_catalogue_lookup (catalogue, dc_zone_treatment_get_zone (treatment)) == NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID, _("“%s” is not a known zone"),
                   dc_zone_treatment_get_zone (treatment));
      return FALSE;
    }

  name = zone_name (catalogue, treatment);
  if (device == NULL)
    {
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID, _("%s: no device is chosen"), name);
      return FALSE;
    }

  model = dc_device_get_model (device);
  depth = dc_zone_treatment_get_depth_mm (treatment);

  switch (dc_device_get_kind (device))
    {
    case DC_DEVICE_ROLLER:
      {
        double length = dc_device_get_needle_length (device);

        if (fabs (depth - length) > EPSILON)
          {
            g_autofree char *depth_text = dc_format_decimal (depth);
            g_autofree char *length_text = dc_format_decimal (length);

            g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                         _("%s: the %s has fixed %s mm needles, so the depth cannot be %s mm"),
                         name, model, length_text, depth_text);
            return FALSE;
          }
      }
      break;

    case DC_DEVICE_PEN:
    case DC_DEVICE_RF:
      {
        double min = dc_device_get_depth_min (device);
        double max = dc_device_get_depth_max (device);
        double step = dc_device_get_depth_step (device);
        double steps = (depth - min) / step;

        if (outside (depth, min, max))
          {
            g_auto(RangeText) text = { NULL };

            range_text_init (&text, depth, min, max, _("mm"));
            /* TRANSLATORS: "Left cheek: a depth of 3.5 mm is outside what the
             * Dermapen 4 allows (0.2–3 mm)" */
            g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                         _("%s: a depth of %s is outside what the %s allows (%s–%s)"),
                         name, text.value, model, text.min, text.max);
            return FALSE;
          }
        if (step > 0 && fabs (steps - round (steps)) * step > EPSILON)
          {
            g_autofree char *depth_text = dc_format_decimal (depth);
            g_autofree char *step_text = dc_format_decimal (step);

            g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                         _("%s: the %s is set in steps of %s mm, so the depth cannot be %s mm"),
                         name, model, step_text, depth_text);
            return FALSE;
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (dc_device_get_speed_max (device) > 0 && dc_zone_treatment_get_speed (treatment) != 0
      && outside (dc_zone_treatment_get_speed (treatment), dc_device_get_speed_min (device),
                  dc_device_get_speed_max (device)))
    {
      g_auto(RangeText) text = { NULL };

      range_text_init (&text, dc_zone_treatment_get_speed (treatment),
                       dc_device_get_speed_min (device), dc_device_get_speed_max (device), NULL);
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("%s: speed setting %s is outside what the %s allows (%s–%s)"),
                   name, text.value, model, text.min, text.max);
      return FALSE;
    }

  if (dc_device_get_kind (device) != DC_DEVICE_RF)
    {
      if (dc_zone_treatment_get_energy (treatment) != 0
          || dc_zone_treatment_get_pulse_ms (treatment) != 0
          || dc_zone_treatment_get_rf_mode (treatment) != DC_RF_MODE_NONE)
        {
          g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                       _("%s: the %s has no radiofrequency, so RF settings cannot be recorded"),
                       name, model);
          return FALSE;
        }
      return TRUE;
    }

  /* A range the clinic has not set (all zero) checks nothing. */
  if (dc_device_get_energy_max (device) > 0
      && outside (dc_zone_treatment_get_energy (treatment), dc_device_get_energy_min (device),
                  dc_device_get_energy_max (device)))
    {
      g_auto(RangeText) text = { NULL };

      range_text_init (&text, dc_zone_treatment_get_energy (treatment),
                       dc_device_get_energy_min (device), dc_device_get_energy_max (device),
                       dc_device_get_energy_unit (device) == DC_ENERGY_WATT ? _("W") : NULL);
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("%s: an energy of %s is outside what the %s allows (%s–%s)"),
                   name, text.value, model, text.min, text.max);
      return FALSE;
    }

  if (dc_device_get_pulse_max (device) > 0
      && outside (dc_zone_treatment_get_pulse_ms (treatment), dc_device_get_pulse_min (device),
                  dc_device_get_pulse_max (device)))
    {
      g_auto(RangeText) text = { NULL };

      range_text_init (&text, dc_zone_treatment_get_pulse_ms (treatment),
                       dc_device_get_pulse_min (device), dc_device_get_pulse_max (device),
                       _("ms"));
      g_set_error (error, DC_ERROR, DC_ERROR_INVALID,
                   _("%s: a pulse of %s is outside what the %s allows (%s–%s)"),
                   name, text.value, model, text.min, text.max);
      return FALSE;
    }

  return TRUE;
}

/**
 * dc_zone_rules_get_guidance:
 * @overrides: (nullable): the clinic's DcDepthGuidance records
 * @guidance: (out): the guidance that applies; its strings belong to the
 *   catalogue or to @overrides
 *
 * The clinic's own guidance for the zone and family where it has one, the
 * catalogue's default otherwise.
 *
 * Returns: whether there is guidance for the zone and family
 */
gboolean
dc_zone_rules_get_guidance (DcZoneCatalogue *catalogue,
                            GListModel      *overrides,
                            const char      *zone_id,
                            DcDeviceKind     family,
                            DcZoneGuidance  *guidance)
{
  const DcZone *zone;

  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (catalogue), FALSE);
  g_return_val_if_fail (zone_id != NULL, FALSE);
  g_return_val_if_fail (guidance != NULL, FALSE);

  for (guint i = 0; overrides != NULL && i < g_list_model_get_n_items (overrides); i++)
    {
      g_autoptr(DcDepthGuidance) own = g_list_model_get_item (overrides, i);

      if (g_strcmp0 (dc_depth_guidance_get_zone (own), zone_id) == 0
          && dc_depth_guidance_get_family (own) == family)
        {
          guidance->min_mm = dc_depth_guidance_get_depth_min (own);
          guidance->max_mm = dc_depth_guidance_get_depth_max (own);
          guidance->note = NULL;
          /* The list keeps the record, and so the string, alive. */
          guidance->source = dc_depth_guidance_get_source (own);
          return TRUE;
        }
    }

  zone = dc_zone_catalogue_lookup (catalogue, zone_id);
  return zone != NULL && dc_zone_get_guidance (zone, family, guidance);
}

/**
 * dc_zone_rules_within_guidance:
 * @overrides: (nullable): the clinic's DcDepthGuidance records
 * @guidance: (out) (optional): the guidance that applies
 *
 * Returns: whether the depth lies within the zone's guidance for the
 *   device family; %TRUE where the zone has none for it.
 */
gboolean
dc_zone_rules_within_guidance (DcZoneCatalogue *catalogue,
                               GListModel      *overrides,
                               DcZoneTreatment *treatment,
                               DcDeviceKind     family,
                               DcZoneGuidance  *guidance)
{
  DcZoneGuidance local;

  g_return_val_if_fail (DC_IS_ZONE_CATALOGUE (catalogue), TRUE);
  g_return_val_if_fail (DC_IS_ZONE_TREATMENT (treatment), TRUE);

  if (guidance == NULL)
    guidance = &local;

  if (!dc_zone_rules_get_guidance (catalogue, overrides, dc_zone_treatment_get_zone (treatment),
                                   family, guidance))
    return TRUE;

  return !outside (dc_zone_treatment_get_depth_mm (treatment), guidance->min_mm,
                   guidance->max_mm);
}

/**
 * dc_zone_rules_check:
 *
 * All the rules: the device's limits, and for a depth outside the zone's
 * guidance a recorded reason (DC_ERROR_UNACKNOWLEDGED without one).
 */
gboolean
dc_zone_rules_check (DcZoneCatalogue  *catalogue,
                     GListModel       *overrides,
                     DcZoneTreatment  *treatment,
                     DcDevice         *device,
                     GError          **error)
{
  DcZoneGuidance guidance;

  if (!dc_zone_rules_check_device (catalogue, treatment, device, error))
    return FALSE;

  if (!dc_zone_rules_within_guidance (catalogue, overrides, treatment,
                                      dc_device_get_kind (device), &guidance)
      && dc_zone_treatment_get_guidance_reason (treatment) == NULL)
    {
      g_autofree char *depth = dc_format_decimal (dc_zone_treatment_get_depth_mm (treatment));
      g_autofree char *min = dc_format_decimal (guidance.min_mm);
      g_autofree char *max = dc_format_decimal (guidance.max_mm);

      g_set_error (error, DC_ERROR, DC_ERROR_UNACKNOWLEDGED,
                   _("%s: %s mm is outside the usual %s–%s mm for this zone; record the "
                     "reason to go ahead"),
                   zone_name (catalogue, treatment), depth, min, max);
      return FALSE;
    }

  return TRUE;
}

static gboolean
store_check (DcStore   *store,
             DcRecord  *record,
             gpointer   user_data,
             GError   **error)
{
  DcZoneTreatment *treatment = DC_ZONE_TREATMENT (record);
  g_autoptr(DcDevice) device = NULL;
  g_autoptr(GListModel) overrides = NULL;
  gint64 device_id = dc_zone_treatment_get_device_id (treatment);

  if (device_id != 0)
    {
      device = dc_store_load (store, DC_TYPE_DEVICE, device_id, error);
      if (device == NULL)
        return FALSE;
    }

  /* A handful of rows at most: one per zone and family a clinic changed. */
  overrides = dc_store_list (store, DC_TYPE_DEPTH_GUIDANCE, 0, error);
  if (overrides == NULL)
    return FALSE;

  return dc_zone_rules_check (dc_zone_catalogue_get_default (), overrides, treatment, device,
                              error);
}

/**
 * dc_zone_rules_install:
 *
 * Makes @store refuse zone treatments that break the rules, whichever way
 * they arrive. Call right after opening it.
 */
void
dc_zone_rules_install (DcStore *store)
{
  dc_store_add_check (store, DC_TYPE_ZONE_TREATMENT, store_check, NULL);
}
