/* dc-flags-group.c: a preferences group with one check row per flag of a
 * flags type, for the clinical checklists (medical history, consent,
 * indication, endpoint). The rows and their labels come from the type, so a
 * flag added to the model appears here without touching the UI. */

#include "config.h"

#include "dc-flags-group.h"

#include "dc-model.h"

struct _DcFlagsGroup
{
  AdwPreferencesGroup parent_instance;

  GType      flags_type;
  guint      value;
  GPtrArray *checks;    /* GtkCheckButton, owned, in the order of the type's values */
  gboolean   updating;
};

G_DEFINE_FINAL_TYPE (DcFlagsGroup, dc_flags_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_FLAGS_TYPE,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sync_checks (DcFlagsGroup *self)
{
  if (self->checks == NULL)
    return;

  self->updating = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      guint bit = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "dc-flag"));

      gtk_check_button_set_active (check, (self->value & bit) != 0);
    }
  self->updating = FALSE;
}

static void
check_toggled_cb (GtkCheckButton *check,
                  DcFlagsGroup   *self)
{
  guint bit = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "dc-flag"));

  if (self->updating)
    return;

  if (gtk_check_button_get_active (check))
    dc_flags_group_set_value (self, self->value | bit);
  else
    dc_flags_group_set_value (self, self->value & ~bit);
}

static void
add_rows (DcFlagsGroup *self)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (self->flags_type);

  for (guint i = 0; i < klass->n_values; i++)
    {
      guint bit = klass->values[i].value;
      const char *label;
      GtkWidget *row;
      GtkWidget *check;

      /* Multi-bit aliases ("none", "all") are no row of their own. */
      if (bit == 0 || (bit & (bit - 1)) != 0)
        continue;

      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      label = dc_flag_get_label (self->flags_type, bit);

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "dc-flag", GUINT_TO_POINTER (bit));
      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, 0);
      /* The check button has no label of its own (the row's title is not
       * one): without a name, screen readers announce just "check box". */
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);

      /* Labels come from the model's translations, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);

      g_ptr_array_add (self->checks, g_object_ref (check));
    }

  sync_checks (self);
}

static void
dc_flags_group_constructed (GObject *object)
{
  DcFlagsGroup *self = DC_FLAGS_GROUP (object);

  G_OBJECT_CLASS (dc_flags_group_parent_class)->constructed (object);

  g_return_if_fail (G_TYPE_IS_FLAGS (self->flags_type));
  add_rows (self);
}

static void
dc_flags_group_dispose (GObject *object)
{
  DcFlagsGroup *self = DC_FLAGS_GROUP (object);

  /* The rows, and the check buttons in them, go with the group. */
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (dc_flags_group_parent_class)->dispose (object);
}

static void
dc_flags_group_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DcFlagsGroup *self = DC_FLAGS_GROUP (object);

  switch (prop_id)
    {
    case PROP_FLAGS_TYPE:
      g_value_set_gtype (value, self->flags_type);
      break;

    case PROP_VALUE:
      g_value_set_uint (value, self->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_flags_group_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DcFlagsGroup *self = DC_FLAGS_GROUP (object);

  switch (prop_id)
    {
    case PROP_FLAGS_TYPE:
      self->flags_type = g_value_get_gtype (value);
      break;

    case PROP_VALUE:
      dc_flags_group_set_value (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_flags_group_class_init (DcFlagsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dc_flags_group_constructed;
  object_class->dispose = dc_flags_group_dispose;
  object_class->get_property = dc_flags_group_get_property;
  object_class->set_property = dc_flags_group_set_property;

  /**
   * DcFlagsGroup:flags-type:
   *
   * The flags type whose single-bit values get a check row each.
   */
  properties[PROP_FLAGS_TYPE] =
    g_param_spec_gtype ("flags-type", NULL, NULL,
                        G_TYPE_FLAGS,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DcFlagsGroup:value:
   *
   * The flags checked, as a value of #DcFlagsGroup:flags-type.
   */
  properties[PROP_VALUE] =
    g_param_spec_uint ("value", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dc_flags_group_init (DcFlagsGroup *self)
{
  self->checks = g_ptr_array_new_with_free_func (g_object_unref);
}

guint
dc_flags_group_get_value (DcFlagsGroup *self)
{
  g_return_val_if_fail (DC_IS_FLAGS_GROUP (self), 0);

  return self->value;
}

void
dc_flags_group_set_value (DcFlagsGroup *self,
                          guint         value)
{
  g_return_if_fail (DC_IS_FLAGS_GROUP (self));

  if (self->value == value)
    return;

  self->value = value;
  sync_checks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/* For binding a record's flags field to DcFlagsGroup:value. */
gboolean
dc_flags_group_transform_to_value (GBinding     *binding,
                                   const GValue *from_value,
                                   GValue       *to_value,
                                   gpointer      user_data)
{
  g_value_set_uint (to_value, g_value_get_flags (from_value));
  return TRUE;
}

gboolean
dc_flags_group_transform_from_value (GBinding     *binding,
                                     const GValue *from_value,
                                     GValue       *to_value,
                                     gpointer      user_data)
{
  g_value_set_flags (to_value, g_value_get_uint (from_value));
  return TRUE;
}
