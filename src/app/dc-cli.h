/* dc-cli.h: the headless command line (dermachart VERB …). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean dc_cli_is_verb (const char *arg);
int      dc_cli_run     (int    argc,
                         char **argv);

G_END_DECLS
