/* dc-addendum.c: a correction to a signed session.
 *
 * A signed session never changes. What was wrong or missing is added
 * afterwards as an addendum: who wrote it, when, why, and what it says.
 * The database refuses addenda to drafts (edit those directly) and any
 * change to an addendum once written. */

#include "config.h"

#include "dc-addendum.h"

#include <glib/gi18n-lib.h>

#include "dc-error.h"
#include "dc-model.h"
#include "dc-record-private.h"
#include "dc-util.h"

struct _DcAddendum
{
  DcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (DcAddendum, dc_addendum, DC_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_SESSION_ID,
  PROP_AUTHOR_ID,
  PROP_WRITTEN_AT,
  PROP_REASON,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
dc_addendum_validate (DcRecord  *record,
                      GError   **error)
{
  DcAddendum *self = DC_ADDENDUM (record);

  if (dc_addendum_get_session_id (self) == 0)
    return dc_validation_error (error, _("An addendum belongs to a session"));
  if (dc_addendum_get_author_id (self) == 0)
    return dc_validation_error (error, _("An addendum needs its author"));
  if (!dc_timestamp_is_valid (dc_addendum_get_written_at (self)))
    return dc_validation_error (error, _("An addendum needs the time it was written"));
  if (dc_addendum_get_reason (self) == NULL)
    return dc_validation_error (error, _("Give the reason for the addendum"));
  if (dc_addendum_get_text (self) == NULL)
    return dc_validation_error (error, _("The addendum has no text"));

  return TRUE;
}

static void
dc_addendum_class_init (DcAddendumClass *klass)
{
  DcRecordClass *record_class = DC_RECORD_CLASS (klass);

  record_class->table = "addendum";
  record_class->parent_field = "session-id";
  record_class->sort_field = "written-at";
  record_class->validate = dc_addendum_validate;

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR_ID] =
    g_param_spec_int64 ("author-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WRITTEN_AT] =
    g_param_spec_string ("written-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  dc_record_class_install_fields (record_class, properties, N_PROPS);
  dc_record_class_add_reference (record_class, "session-id", DC_TYPE_SESSION);
  dc_record_class_add_reference (record_class, "author-id", DC_TYPE_PRACTITIONER);
}

static void
dc_addendum_init (DcAddendum *self)
{
}

DcAddendum *
dc_addendum_new (void)
{
  return g_object_new (DC_TYPE_ADDENDUM, NULL);
}

gint64
dc_addendum_get_session_id (DcAddendum *self)
{
  g_return_val_if_fail (DC_IS_ADDENDUM (self), 0);

  return _dc_record_get_int64 (self, PROP_SESSION_ID);
}

void
dc_addendum_set_session_id (DcAddendum *self,
                            gint64      session_id)
{
  g_return_if_fail (DC_IS_ADDENDUM (self));

  _dc_record_set (self, PROP_SESSION_ID, session_id);
}

gint64
dc_addendum_get_author_id (DcAddendum *self)
{
  g_return_val_if_fail (DC_IS_ADDENDUM (self), 0);

  return _dc_record_get_int64 (self, PROP_AUTHOR_ID);
}

void
dc_addendum_set_author_id (DcAddendum *self,
                           gint64      author_id)
{
  g_return_if_fail (DC_IS_ADDENDUM (self));

  _dc_record_set (self, PROP_AUTHOR_ID, author_id);
}

const char *
dc_addendum_get_written_at (DcAddendum *self)
{
  g_return_val_if_fail (DC_IS_ADDENDUM (self), NULL);

  return _dc_record_get_string (self, PROP_WRITTEN_AT);
}

void
dc_addendum_set_written_at (DcAddendum *self,
                            const char *written_at)
{
  g_return_if_fail (DC_IS_ADDENDUM (self));

  _dc_record_set (self, PROP_WRITTEN_AT, written_at);
}

const char *
dc_addendum_get_reason (DcAddendum *self)
{
  g_return_val_if_fail (DC_IS_ADDENDUM (self), NULL);

  return _dc_record_get_string (self, PROP_REASON);
}

void
dc_addendum_set_reason (DcAddendum *self,
                        const char *reason)
{
  g_return_if_fail (DC_IS_ADDENDUM (self));

  _dc_record_set (self, PROP_REASON, reason);
}

const char *
dc_addendum_get_text (DcAddendum *self)
{
  g_return_val_if_fail (DC_IS_ADDENDUM (self), NULL);

  return _dc_record_get_string (self, PROP_TEXT);
}

void
dc_addendum_set_text (DcAddendum *self,
                      const char *text_)
{
  g_return_if_fail (DC_IS_ADDENDUM (self));

  _dc_record_set (self, PROP_TEXT, text_);
}
