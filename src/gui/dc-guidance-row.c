/* dc-guidance-row.c: a zone's depth guidance for one device family in the
 * preferences. It shows the guidance in force: the clinic's own where it
 * has one, the catalogue's default otherwise. The first edit of a default
 * makes the clinic's own guidance, which ::own-created hands to the window
 * to save; "Restore Default" asks the window, through ::restore-default, to
 * delete it. A source or reason is required, as the record says; the row
 * shows why the record was refused. */

#include "config.h"

#include "dc-guidance-row.h"

#include <glib/gi18n-lib.h>

#include "dc-model.h"

struct _DcGuidanceRow
{
  AdwExpanderRow   parent_instance;

  GtkSpinButton   *min_spin;
  GtkSpinButton   *max_spin;
  AdwEntryRow     *source_row;
  AdwActionRow    *default_row;
  GtkButton       *restore_button;

  const DcZone    *zone;       /* the default catalogue's, which lives forever */
  DcDeviceKind     family;
  DcDepthGuidance *own;        /* the clinic's, or NULL */
  GError          *error;
  gboolean         updating;   /* showing, not editing */
};

G_DEFINE_FINAL_TYPE (DcGuidanceRow, dc_guidance_row, ADW_TYPE_EXPANDER_ROW)

enum
{
  OWN_CREATED,
  RESTORE_DEFAULT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_guidance (double      min_mm,
                 double      max_mm,
                 const char *source)
{
  g_autofree char *min = dc_format_decimal (min_mm);
  g_autofree char *max = dc_format_decimal (max_mm);

  if (source == NULL)
    /* TRANSLATORS: a depth range, e.g. "0.5–1 mm" */
    return g_strdup_printf (_("%s–%s mm"), min, max);
  /* TRANSLATORS: a depth range and where it comes from, e.g.
   * "0.5–1 mm · Typical pen depths from clinical reviews" */
  return g_strdup_printf (_("%s–%s mm · %s"), min, max, source);
}

static void
update_subtitle (DcGuidanceRow *self)
{
  DcZoneGuidance guidance = { 0 };
  g_autofree char *subtitle = NULL;
  g_autofree char *default_text = NULL;
  gboolean has_default = dc_zone_get_guidance (self->zone, self->family, &guidance);

  /* The source is the user's text, not markup (set in the template). */
  if (self->error != NULL)
    subtitle = g_strdup (self->error->message);
  else if (self->own != NULL)
    subtitle = format_guidance (dc_depth_guidance_get_depth_min (self->own),
                                dc_depth_guidance_get_depth_max (self->own),
                                dc_depth_guidance_get_source (self->own));
  else if (has_default)
    subtitle = format_guidance (guidance.min_mm, guidance.max_mm, guidance.source);
  else
    subtitle = g_strdup (_("No guidance"));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  if (self->error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error-subtitle");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error-subtitle");

  default_text = has_default ? format_guidance (guidance.min_mm, guidance.max_mm, guidance.source)
                             : g_strdup (_("None"));
  adw_action_row_set_subtitle (self->default_row, default_text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), self->own != NULL);
}

static void
own_notify_cb (DcGuidanceRow *self)
{
  update_subtitle (self);
}

static void
set_own (DcGuidanceRow   *self,
         DcDepthGuidance *own)
{
  if (self->own == own)
    return;

  if (self->own != NULL)
    g_signal_handlers_disconnect_by_data (self->own, self);
  g_set_object (&self->own, own);
  if (own != NULL)
    g_signal_connect_object (own, "notify", G_CALLBACK (own_notify_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
edited_cb (DcGuidanceRow *self)
{
  const char *source = gtk_editable_get_text (GTK_EDITABLE (self->source_row));
  double min = gtk_spin_button_get_value (self->min_spin);
  double max = gtk_spin_button_get_value (self->max_spin);
  g_autoptr(DcDepthGuidance) own = NULL;

  if (self->updating)
    return;

  if (self->own != NULL)
    {
      dc_depth_guidance_set_depth_min (self->own, min);
      dc_depth_guidance_set_depth_max (self->own, max);
      dc_depth_guidance_set_source (self->own, source);
      return;
    }

  own = dc_depth_guidance_new ();
  dc_depth_guidance_set_zone (own, dc_zone_get_id (self->zone));
  dc_depth_guidance_set_family (own, self->family);
  dc_depth_guidance_set_depth_min (own, min);
  dc_depth_guidance_set_depth_max (own, max);
  dc_depth_guidance_set_source (own, source);
  set_own (self, own);
  update_subtitle (self);
  g_signal_emit (self, signals[OWN_CREATED], 0, own);
}

static void
restore_clicked_cb (DcGuidanceRow *self)
{
  if (self->own != NULL)
    g_signal_emit (self, signals[RESTORE_DEFAULT], 0, self->own);
}

static void
dc_guidance_row_dispose (GObject *object)
{
  DcGuidanceRow *self = DC_GUIDANCE_ROW (object);

  set_own (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_GUIDANCE_ROW);

  G_OBJECT_CLASS (dc_guidance_row_parent_class)->dispose (object);
}

static void
dc_guidance_row_finalize (GObject *object)
{
  DcGuidanceRow *self = DC_GUIDANCE_ROW (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (dc_guidance_row_parent_class)->finalize (object);
}

static void
dc_guidance_row_class_init (DcGuidanceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_guidance_row_dispose;
  object_class->finalize = dc_guidance_row_finalize;

  /**
   * DcGuidanceRow::own-created:
   * @own: the clinic's new guidance, not yet saved
   */
  signals[OWN_CREATED] = g_signal_new ("own-created", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, DC_TYPE_DEPTH_GUIDANCE);
  /**
   * DcGuidanceRow::restore-default:
   * @own: the clinic's guidance to delete
   */
  signals[RESTORE_DEFAULT] = g_signal_new ("restore-default", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, DC_TYPE_DEPTH_GUIDANCE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-guidance-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcGuidanceRow, min_spin);
  gtk_widget_class_bind_template_child (widget_class, DcGuidanceRow, max_spin);
  gtk_widget_class_bind_template_child (widget_class, DcGuidanceRow, source_row);
  gtk_widget_class_bind_template_child (widget_class, DcGuidanceRow, default_row);
  gtk_widget_class_bind_template_child (widget_class, DcGuidanceRow, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
}

static void
dc_guidance_row_init (DcGuidanceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @zone belongs to the default catalogue. */
GtkWidget *
dc_guidance_row_new (const DcZone *zone)
{
  DcGuidanceRow *self;

  g_return_val_if_fail (zone != NULL, NULL);

  self = g_object_new (DC_TYPE_GUIDANCE_ROW, NULL);
  self->zone = zone;
  /* Zone names come from the catalogue, translated; not markup either. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), dc_zone_get_name (zone));
  dc_guidance_row_set_guidance (self, DC_DEVICE_PEN, NULL);

  return GTK_WIDGET (self);
}

const char *
dc_guidance_row_get_zone_id (DcGuidanceRow *self)
{
  g_return_val_if_fail (DC_IS_GUIDANCE_ROW (self), NULL);

  return dc_zone_get_id (self->zone);
}

/* Shows the guidance for @family: @own, the clinic's, or the default. */
void
dc_guidance_row_set_guidance (DcGuidanceRow   *self,
                              DcDeviceKind     family,
                              DcDepthGuidance *own)
{
  DcZoneGuidance guidance = { 0 };
  const char *source = NULL;

  g_return_if_fail (DC_IS_GUIDANCE_ROW (self));
  g_return_if_fail (own == NULL || DC_IS_DEPTH_GUIDANCE (own));

  self->family = family;
  set_own (self, own);
  g_clear_error (&self->error);

  if (own != NULL)
    {
      guidance.min_mm = dc_depth_guidance_get_depth_min (own);
      guidance.max_mm = dc_depth_guidance_get_depth_max (own);
      source = dc_depth_guidance_get_source (own);
    }
  else
    dc_zone_get_guidance (self->zone, family, &guidance);

  /* A default's source is the catalogue's: the clinic's own must give its
   * own, so the entry starts empty. */
  self->updating = TRUE;
  gtk_spin_button_set_value (self->min_spin, guidance.min_mm);
  gtk_spin_button_set_value (self->max_spin, guidance.max_mm);
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), source != NULL ? source : "");
  self->updating = FALSE;

  update_subtitle (self);
}

DcDepthGuidance *
dc_guidance_row_get_own (DcGuidanceRow *self)
{
  g_return_val_if_fail (DC_IS_GUIDANCE_ROW (self), NULL);

  return self->own;
}

/* Marks the row: @error says why its guidance could not be saved, or is
 * %NULL once it was. */
void
dc_guidance_row_set_error (DcGuidanceRow *self,
                           const GError  *error)
{
  g_return_if_fail (DC_IS_GUIDANCE_ROW (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);

  /* The source is what the clinic's guidance most often lacks. */
  if (error != NULL && self->own != NULL && dc_depth_guidance_get_source (self->own) == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->source_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->source_row), "error");
  if (error != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  update_subtitle (self);
}

gboolean
dc_guidance_row_get_invalid (DcGuidanceRow *self)
{
  g_return_val_if_fail (DC_IS_GUIDANCE_ROW (self), FALSE);

  return self->error != NULL;
}

GtkSpinButton *
_dc_guidance_row_get_min_spin (DcGuidanceRow *self)
{
  return self->min_spin;
}

GtkSpinButton *
_dc_guidance_row_get_max_spin (DcGuidanceRow *self)
{
  return self->max_spin;
}

GtkEditable *
_dc_guidance_row_get_source_row (DcGuidanceRow *self)
{
  return GTK_EDITABLE (self->source_row);
}

GtkButton *
_dc_guidance_row_get_restore_button (DcGuidanceRow *self)
{
  return self->restore_button;
}
