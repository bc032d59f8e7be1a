/* dc-aftercare.h: what a patient is told to expect and do after a session,
 * for the device families used in it. */
#pragma once

#include <glib.h>

#include "dc-enums.h"

G_BEGIN_DECLS

typedef struct
{
  char  *title;
  GStrv  items;
} DcAftercareSection;

void       dc_aftercare_section_free (DcAftercareSection *section);
GPtrArray *dc_aftercare_get_sections (guint               families);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcAftercareSection, dc_aftercare_section_free)

G_END_DECLS
