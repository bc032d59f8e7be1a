/* dc-application.h: the Dermachart application. */
#pragma once

#include <adwaita.h>

#include "dc-types.h"

G_BEGIN_DECLS

#define DC_TYPE_APPLICATION (dc_application_get_type ())

G_DECLARE_FINAL_TYPE (DcApplication, dc_application, DC, APPLICATION, AdwApplication)

DcApplication *dc_application_new (void);
int            dc_application_run (DcApplication  *self,
                                   int             argc,
                                   char          **argv);

G_END_DECLS
