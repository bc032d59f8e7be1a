/* dc-flags-group.h: a preferences group with one check row per flag of a
 * flags type, for the clinical checklists (medical history, consent,
 * indication, endpoint). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DC_TYPE_FLAGS_GROUP (dc_flags_group_get_type ())

G_DECLARE_FINAL_TYPE (DcFlagsGroup, dc_flags_group, DC, FLAGS_GROUP, AdwPreferencesGroup)

guint dc_flags_group_get_value (DcFlagsGroup *self);
void  dc_flags_group_set_value (DcFlagsGroup *self,
                                guint         value);

gboolean dc_flags_group_transform_to_value   (GBinding     *binding,
                                              const GValue *from_value,
                                              GValue       *to_value,
                                              gpointer      user_data);
gboolean dc_flags_group_transform_from_value (GBinding     *binding,
                                              const GValue *from_value,
                                              GValue       *to_value,
                                              gpointer      user_data);

G_END_DECLS
