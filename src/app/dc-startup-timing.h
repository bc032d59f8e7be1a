/* dc-startup-timing.h: how long the window takes to appear, for the
 * start-up benchmark. */
#pragma once

#include "dc-window.h"

G_BEGIN_DECLS

void dc_startup_timing_begin (void);
void dc_startup_timing_watch (DcWindow *window);

G_END_DECLS
