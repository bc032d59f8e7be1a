/* dc-practitioner.h: the Practitioner record. */
#pragma once

#include "dc-enums.h"
#include "dc-record.h"

G_BEGIN_DECLS

#define DC_TYPE_PRACTITIONER (dc_practitioner_get_type ())

G_DECLARE_FINAL_TYPE (DcPractitioner, dc_practitioner, DC, PRACTITIONER, DcRecord)

DcPractitioner *dc_practitioner_new               (void);
const char     *dc_practitioner_get_name          (DcPractitioner *self);
const char     *dc_practitioner_get_qualification (DcPractitioner *self);
gboolean        dc_practitioner_get_archived      (DcPractitioner *self);

void dc_practitioner_set_name (DcPractitioner *self,
    const char *name);
void dc_practitioner_set_qualification (DcPractitioner *self,
    const char *qualification);
void dc_practitioner_set_archived (DcPractitioner *self,
    gboolean archived);

G_END_DECLS
