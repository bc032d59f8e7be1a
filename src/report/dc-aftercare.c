/* dc-aftercare.c: what a patient is told to expect and do after a session.
 *
 * Written for the patient, in plain words, from the clinic's reference
 * (DOMAIN.md, "Side effects and usual durations" and "Aftercare facts").
 * The text depends on the device families used in the session: after RF
 * microneedling the skin takes longer to settle, so make-up waits longer
 * and the grid of small marks it leaves is described. The durations after
 * which the patient should call the clinic are the ones the practice flags
 * as unusual. Strings are looked up when called, so a report rendered
 * under another locale gets the patient's language. */

#include "config.h"

#include "dc-aftercare.h"

#include <glib/gi18n-lib.h>

/* @families: a bit per DcDeviceKind, (1 << kind) */
#define USED(families, kind) (((families) & (1u << (kind))) != 0)

void
dc_aftercare_section_free (DcAftercareSection *section)
{
  if (section == NULL)
    return;

  g_free (section->title);
  g_strfreev (section->items);
  g_free (section);
}

static void
add_section (GPtrArray     *sections,
             const char    *title,
             GStrvBuilder  *builder)
{
  DcAftercareSection *section = g_new0 (DcAftercareSection, 1);

  section->title = g_strdup (title);
  section->items = g_strv_builder_end (builder);
  g_ptr_array_add (sections, section);
}

/**
 * dc_aftercare_get_sections:
 * @families: the device families used, a bit per DcDeviceKind
 *   (`1 << DC_DEVICE_RF` …); 0 is taken as a needling pen
 *
 * Returns: (transfer full) (element-type DcAftercareSection): the
 *   sections in the order they are printed
 */
GPtrArray *
dc_aftercare_get_sections (guint families)
{
  GPtrArray *sections = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                        dc_aftercare_section_free);
  gboolean rf = USED (families, DC_DEVICE_RF);
  gboolean needling = families == 0 || USED (families, DC_DEVICE_PEN)
                      || USED (families, DC_DEVICE_ROLLER);
  g_autoptr(GStrvBuilder) expect = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) care = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) call = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) results = g_strv_builder_new ();

  /* What is normal, and for how long. */
  if (rf)
    g_strv_builder_add (expect, _("Your skin will be red and warm, like a mild sunburn, for one "
                                  "to three days."));
  else
    g_strv_builder_add (expect, _("Your skin will be red, like a mild sunburn, for one to three "
                                  "days (24 to 72 hours)."));
  g_strv_builder_add (expect, _("Some swelling is normal for one to three days, most of all "
                                "around the eyes and the first morning."));
  if (rf)
    g_strv_builder_add (expect, _("A fine grid of tiny dots or small crusts may show where the "
                                  "tip touched the skin. They flake off by themselves between "
                                  "the second and the seventh day."));
  if (needling)
    g_strv_builder_add (expect, _("From the second day your skin may feel tight and dry and "
                                  "flake a little; this settles within a week."));
  g_strv_builder_add (expect, _("Small bruises can appear and fade within a few days."));
  add_section (sections, _("What to Expect"), expect);

  /* What to do and avoid. */
  g_strv_builder_add (care, _("Keep your hands off the treated skin, and do not pick or scrub "
                              "flaking skin."));
  if (rf)
    g_strv_builder_add (care, _("No make-up for 72 hours."));
  else
    g_strv_builder_add (care, _("No make-up for 24 to 48 hours."));
  g_strv_builder_add (care, _("After about 24 hours, go back to a gentle cleanser and a plain "
                              "moisturiser."));
  g_strv_builder_add (care, _("For 5 to 7 days, no retinoids (retinol, tretinoin), no acids "
                              "(AHA, BHA) and no vitamin C serums."));
  g_strv_builder_add (care, _("Stay out of direct sun and use a mineral sunscreen of SPF 30 or "
                              "more every day, also when it is cloudy."));
  g_strv_builder_add (care, _("For 24 to 48 hours, avoid sport that makes you sweat, saunas, "
                              "steam rooms and swimming pools."));
  g_strv_builder_add (care, _("If you were prescribed an antiviral medicine, keep taking it "
                              "exactly as prescribed."));
  add_section (sections, _("Caring for Your Skin"), care);

  /* When it is not normal any more. */
  g_strv_builder_add (call, _("Pain that gets worse instead of better, warmth, pus or yellow "
                              "crusts, or a fever: these can be signs of an infection."));
  g_strv_builder_add (call, _("Blisters or cold sores."));
  g_strv_builder_add (call, _("Patches of skin that turn darker than the skin around them."));
  g_strv_builder_add (call, _("Redness or swelling that lasts longer than three days, or "
                              "flaking, crusts or bruises that last longer than a week."));
  add_section (sections, _("Call the Clinic If You Notice"), call);

  /* What to expect of the course. */
  g_strv_builder_add (results, _("Your skin renews itself over the following weeks: results "
                                 "build gradually over weeks to months."));
  if (rf && !needling)
    g_strv_builder_add (results, _("A course is usually three to five sessions."));
  else if (rf)
    g_strv_builder_add (results, _("A course is usually three to six sessions, three to five "
                                   "with RF microneedling."));
  else
    g_strv_builder_add (results, _("A course is usually three to six sessions, four to six "
                                   "weeks apart, then a maintenance session every 6 to 12 "
                                   "months."));
  add_section (sections, _("Your Results"), results);

  return sections;
}
