/* dc-safety-dialog.h: the safety warnings of a session, to acknowledge. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *dc_safety_dialog_new (GtkWindow  *parent,
                                 const char *heading,
                                 const char *body,
                                 GPtrArray  *warnings,
                                 const char *confirm_label);

G_END_DECLS
