/* dc-depth-guidance.c: a clinic's own depth guidance for a zone. */

#include "config.h"

#include "dc-depth-guidance.h"

#include <glib/gi18n-lib.h>

#include "dc-error.h"
#include "dc-record-private.h"

struct _DcDepthGuidance
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcDepthGuidance, dc_depth_guidance, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_ZONE,
  PROP_FAMILY,
  PROP_DEPTH_MIN,
  PROP_DEPTH_MAX,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_depth_guidance_validate (DcRecord  *record,
                            GError   **error)
{
  DcDepthGuidance *self = DC_DEPTH_GUIDANCE (record);

  if (dc_depth_guidance_get_zone (self) == NULL)
    return dc_validation_error (error, _("The depth guidance names no zone"));
  if (dc_depth_guidance_get_depth_max (self) <= 0
      || dc_depth_guidance_get_depth_min (self) > dc_depth_guidance_get_depth_max (self))
    return dc_validation_error (error, _("The guidance’s depth range is empty"));
  /* Guidance that differs from the published defaults must say why. */
  if (dc_depth_guidance_get_source (self) == NULL)
    return dc_validation_error (error, _("The guidance needs its source or reason"));

  return TRUE;
}

static void
dc_depth_guidance_class_init (DcDepthGuidanceClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "depth_guidance";
  record_class->sort_field = "zone";
  record_class->validate = dc_depth_guidance_validate;

  properties[PROP_ZONE] =
    g_param_spec_string ("zone", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAMILY] =
    g_param_spec_enum ("family", NULL, NULL, DC_TYPE_DEVICE_KIND, DC_DEVICE_PEN,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH_MIN] =
    g_param_spec_double ("depth-min", NULL, NULL, 0.0, 10.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH_MAX] =
    g_param_spec_double ("depth-max", NULL, NULL, 0.0, 10.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
}

static void
dc_depth_guidance_init (DcDepthGuidance *self)
{
}

DcDepthGuidance *
dc_depth_guidance_new (void)
{
  return g_object_new (DC_TYPE_DEPTH_GUIDANCE, NULL);
}

const char *
dc_depth_guidance_get_zone (DcDepthGuidance *self)
{
  g_return_val_if_fail (DC_IS_DEPTH_GUIDANCE (self), NULL);

  return _dc_record_get_string (self, PROP_ZONE);
}

void
dc_depth_guidance_set_zone (DcDepthGuidance *self,
                            const char      *zone)
{
  g_return_if_fail (DC_IS_DEPTH_GUIDANCE (self));

  _dc_record_set (self, PROP_ZONE, zone);
}

DcDeviceKind
dc_depth_guidance_get_family (DcDepthGuidance *self)
{
  g_return_val_if_fail (DC_IS_DEPTH_GUIDANCE (self), 0);

  return (DcDeviceKind) _dc_record_get_enum (self, PROP_FAMILY);
}

void
dc_depth_guidance_set_family (DcDepthGuidance *self,
                              DcDeviceKind     family)
{
  g_return_if_fail (DC_IS_DEPTH_GUIDANCE (self));

  _dc_record_set (self, PROP_FAMILY, family);
}

double
dc_depth_guidance_get_depth_min (DcDepthGuidance *self)
{
  g_return_val_if_fail (DC_IS_DEPTH_GUIDANCE (self), 0);

  return _dc_record_get_double (self, PROP_DEPTH_MIN);
}

void
dc_depth_guidance_set_depth_min (DcDepthGuidance *self,
                                 double           depth_min)
{
  g_return_if_fail (DC_IS_DEPTH_GUIDANCE (self));

  _dc_record_set (self, PROP_DEPTH_MIN, depth_min);
}

double
dc_depth_guidance_get_depth_max (DcDepthGuidance *self)
{
  g_return_val_if_fail (DC_IS_DEPTH_GUIDANCE (self), 0);

  return _dc_record_get_double (self, PROP_DEPTH_MAX);
}

void
dc_depth_guidance_set_depth_max (DcDepthGuidance *self,
                                 double           depth_max)
{
  g_return_if_fail (DC_IS_DEPTH_GUIDANCE (self));

  _dc_record_set (self, PROP_DEPTH_MAX, depth_max);
}

const char *
dc_depth_guidance_get_source (DcDepthGuidance *self)
{
  g_return_val_if_fail (DC_IS_DEPTH_GUIDANCE (self), NULL);

  return _dc_record_get_string (self, PROP_SOURCE);
}

void
dc_depth_guidance_set_source (DcDepthGuidance *self,
                              const char      *source)
{
  g_return_if_fail (DC_IS_DEPTH_GUIDANCE (self));

  _dc_record_set (self, PROP_SOURCE, source);
}
