/* dc-cli.h: the headless command line (dermachart VERB …). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int      dc_cli_run     (int    argc,
                         char **argv);

G_END_DECLS
