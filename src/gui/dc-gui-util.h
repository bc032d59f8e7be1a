/* dc-gui-util.h: small helpers shared by the widgets: locale formatting of
 * record dates, times and names, property-binding transforms, toasts and
 * dialogs, and decoding images off the main thread. */
#pragma once

#include <adwaita.h>

#include "dc-report-paper.h"
#include "dc-types.h"

G_BEGIN_DECLS

/* The report languages a patient can choose, as codes and endonyms. */
guint        dc_gui_get_n_languages          (void);
const char  *dc_gui_get_language_code        (guint        position);
const char  *dc_gui_get_language_name        (guint        position);
guint        dc_gui_find_language            (const char  *code);
const char  *dc_gui_get_default_language     (void);

GListModel  *dc_gui_new_sex_model            (void);
GListModel  *dc_gui_new_fitzpatrick_model    (void);
GListModel  *dc_gui_new_language_model       (void);

char        *dc_gui_dup_date_format          (void);
char        *dc_gui_format_date              (const char  *iso_date);
char        *dc_gui_format_timestamp         (const char  *timestamp);
char        *dc_gui_format_day               (GDateTime   *date_time);
GDateTime   *dc_gui_timestamp_to_local       (const char  *timestamp);
int          dc_gui_get_age                  (const char  *iso_birth_date);
char        *dc_gui_dup_full_name            (DcPatient   *patient);
char        *dc_gui_dup_sort_name            (DcPatient   *patient);

gboolean     dc_gui_transform_string_to_text (GBinding     *binding,
                                              const GValue *from_value,
                                              GValue       *to_value,
                                              gpointer      user_data);
gboolean     dc_gui_transform_to_position    (GBinding     *binding,
                                              const GValue *from_value,
                                              GValue       *to_value,
                                              gpointer      user_data);
gboolean     dc_gui_transform_from_position  (GBinding     *binding,
                                              const GValue *from_value,
                                              GValue       *to_value,
                                              gpointer      user_data);
gboolean     dc_gui_transform_language_to_position (GBinding     *binding,
                                                    const GValue *from_value,
                                                    GValue       *to_value,
                                                    gpointer      user_data);
gboolean     dc_gui_transform_position_to_language (GBinding     *binding,
                                                    const GValue *from_value,
                                                    GValue       *to_value,
                                                    gpointer      user_data);

gpointer     dc_gui_find_record              (GListModel   *records,
                                              gint64        id);
void         dc_gui_update_save_label        (GtkLabel     *label,
                                              gboolean      busy,
                                              const GError *error);

void         dc_gui_add_toast                (GtkWidget    *widget,
                                              AdwToast     *toast);
void         dc_gui_show_error               (GtkWidget    *widget,
                                              const GError *error);
GtkWidget   *dc_gui_new_discard_dialog       (GtkWindow    *parent,
                                              const GError *error);

void         dc_gui_decode_image_async       (GBytes              *bytes,
                                              int                  width,
                                              int                  height,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GdkTexture  *dc_gui_decode_image_finish      (GAsyncResult        *result,
                                              GError             **error);

DcReportPaper dc_gui_get_report_paper       (void);

G_END_DECLS
