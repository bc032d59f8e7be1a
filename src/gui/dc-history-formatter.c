/* dc-history-formatter.c: rows of the audit trail told in the
 * practitioner's terms.
 *
 * An audit row holds a table name, an action and the row's columns before
 * and after, as JSON objects (see dc-store-migrations.c). The columns are
 * the record classes' fields, so a field's type says how to show its value:
 * an enum by its translated label, a reference by the name of what it
 * points at, a date in the user's format. What the formatter does not know
 * (a table or a column of a later version) is shown as it was written.
 *
 * Pure: no store and no widgets. The names of referenced records (the
 * practitioner, the product and its lot) are given to it; the days of
 * sessions it learns from the trail itself, so that the zones of a session
 * deleted since are still said to belong to "the session of 3 March". */

#include "config.h"

#include "dc-history-formatter.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dc-gui-util.h"
#include "dc-zone-catalogue.h"

/* Values longer than this are cut short in a sentence, not in details. */
#define MAX_VALUE_CHARS 60

struct _DcHistoryFormatter
{
  GObject     parent_instance;

  GHashTable *names;      /* "table:id" → name */
  GHashTable *sessions;   /* session id (gint64 *) → started_at */
};

G_DEFINE_FINAL_TYPE (DcHistoryFormatter, dc_history_formatter, G_TYPE_OBJECT)

static void
dc_history_formatter_finalize (GObject *object)
{
  DcHistoryFormatter *self = DC_HISTORY_FORMATTER (object);

  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);

  G_OBJECT_CLASS (dc_history_formatter_parent_class)->finalize (object);
}

static void
dc_history_formatter_class_init (DcHistoryFormatterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dc_history_formatter_finalize;
}

static void
dc_history_formatter_init (DcHistoryFormatter *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sessions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

DcHistoryFormatter *
dc_history_formatter_new (void)
{
  return g_object_new (DC_TYPE_HISTORY_FORMATTER, NULL);
}

/* Record classes and fields ---------------------------------------------- */

/* The record class stored in @table, or NULL for a table this version
 * does not know. Classes of static types live as long as the program. */
static DcRecordClass *
find_record_class (const char *table)
{
  static GType (*const get_types[]) (void) = {
    dc_addendum_get_type, dc_clinic_get_type, dc_depth_guidance_get_type, dc_device_get_type,
    dc_disclosure_get_type, dc_lot_get_type, dc_patient_get_type, dc_photo_get_type,
    dc_practitioner_get_type, dc_product_get_type, dc_product_use_get_type,
    dc_safety_ack_get_type, dc_session_get_type, dc_side_effect_get_type,
    dc_zone_treatment_get_type,
  };

  if (table == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (get_types); i++)
    {
      DcRecordClass *klass = g_type_class_ref (get_types[i] ());

      g_type_class_unref (klass);
      if (g_strcmp0 (klass->table, table) == 0)
        return klass;
    }

  return NULL;
}

static GParamSpec *
find_field (DcRecordClass *klass,
            const char    *column)
{
  g_autofree char *name = NULL;

  if (klass == NULL)
    return NULL;

  name = g_strdup (column);
  g_strdelimit (name, "_", '-');
  return dc_record_class_find_field (klass, name);
}

/* Columns every row has, which say nothing about the record. */
static gboolean
is_bookkeeping (const char *column)
{
  return g_str_equal (column, "id") || g_str_equal (column, "uuid")
         || g_str_equal (column, "created_at") || g_str_equal (column, "updated_at")
         || g_str_equal (column, "hash");
}

/* Columns left out of what a new or deleted record held: the record it
 * belongs to (said otherwise) and the photo library's own bookkeeping.
 * A change to them is still shown. */
static gboolean
is_implied (const char *table,
            const char *column)
{
  if (g_str_equal (column, "patient_id") || g_str_equal (column, "session_id"))
    return TRUE;

  return g_strcmp0 (table, "photo") == 0
         && (g_str_equal (column, "sha256") || g_str_equal (column, "file_name")
             || g_str_equal (column, "width") || g_str_equal (column, "height"));
}

static double node_get_double (JsonNode *node);

/* Settings of a zone that only some devices have (RF energy, a pen's
 * speed), left at nothing: not worth a line about a new zone. */
static gboolean
is_unset_setting (const char *table,
                  const char *column,
                  JsonNode   *node)
{
  static const char *const settings[] = {
    "speed", "needle_count", "energy", "pulse_ms", "tip_pins", "insulated", "rf_mode", NULL,
  };

  if (g_strcmp0 (table, "zone_treatment") != 0
      || !g_strv_contains (settings, column)
      || node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (node), "none") == 0;
  return json_node_get_value_type (node) != G_TYPE_STRING && node_get_double (node) == 0;
}

typedef struct
{
  const char *table;    /* NULL: in any table */
  const char *column;
  const char *label;
} FieldLabel;

static const FieldLabel field_labels[] = {
  { "patient", "family_name", N_("Family name") },
  { "patient", "given_name", N_("Given name") },
  { "patient", "birth_date", N_("Date of birth") },
  { "patient", "sex", N_("Sex") },
  { "patient", "email", N_("Email") },
  { "patient", "phone", N_("Phone") },
  { "patient", "fitzpatrick", N_("Fitzpatrick skin type") },
  { "patient", "language", N_("Report language") },
  { "patient", "medical_flags", N_("Contraindications and cautions") },
  { "patient", "isotretinoin_last_dose", N_("Last isotretinoin dose") },
  { "patient", "allergies", N_("Allergies") },
  { "patient", "consent", N_("Photo consent") },
  { "patient", "archived", N_("Archived") },
  { "session", "practitioner_id", N_("Practitioner") },
  { "session", "started_at", N_("Date and time") },
  { "session", "indication", N_("Indication") },
  { "session", "anaesthetic_lot_id", N_("Anaesthetic") },
  { "session", "anaesthetic_strength", N_("Anaesthetic strength") },
  { "session", "anaesthetic_area", N_("Anaesthetic area") },
  { "session", "anaesthetic_on", N_("Anaesthetic applied") },
  { "session", "anaesthetic_off", N_("Anaesthetic removed") },
  { "session", "endpoint", N_("Endpoint") },
  { "session", "next_visit", N_("Next visit") },
  { "session", "status", N_("Status") },
  { "session", "signed_by", N_("Signed by") },
  { "session", "signed_at", N_("Signed at") },
  { "zone_treatment", "device_id", N_("Device") },
  { "zone_treatment", "depth_mm", N_("Depth") },
  { "zone_treatment", "passes", N_("Passes") },
  { "zone_treatment", "needle_count", N_("Needles") },
  { "zone_treatment", "speed", N_("Speed") },
  { "zone_treatment", "cartridge_lot_id", N_("Cartridge") },
  { "zone_treatment", "energy", N_("Energy") },
  { "zone_treatment", "pulse_ms", N_("Pulse") },
  { "zone_treatment", "rf_mode", N_("RF mode") },
  { "zone_treatment", "tip_pins", N_("Tip pins") },
  { "zone_treatment", "insulated", N_("Insulated needles") },
  { "zone_treatment", "guidance_reason", N_("Reason for leaving the usual depth") },
  { "photo", "view", N_("View") },
  { "photo", "phase", N_("Phase") },
  { "photo", "taken_at", N_("Taken") },
  { "photo", "width", N_("Width") },
  { "photo", "height", N_("Height") },
  { "photo", "sha256", N_("Checksum") },
  { "photo", "file_name", N_("File") },
  { "product_use", "lot_id", N_("Product") },
  { "product_use", "amount", N_("Amount") },
  { "side_effect", "kind", N_("Effect") },
  { "side_effect", "severity", N_("Severity") },
  { "side_effect", "onset", N_("Began") },
  { "side_effect", "resolved", N_("Resolved") },
  { "safety_ack", "kind", N_("Warning") },
  { "safety_ack", "detail", N_("Detail") },
  { "safety_ack", "stage", N_("Shown") },
  { "safety_ack", "acknowledged_by", N_("Acknowledged by") },
  { "safety_ack", "acknowledged_at", N_("Acknowledged at") },
  { "addendum", "author_id", N_("Author") },
  { "addendum", "written_at", N_("Written") },
  { "addendum", "reason", N_("Reason") },
  { "addendum", "text", N_("Text") },
  { "disclosure", "document", N_("Document") },
  { "disclosure", "channel", N_("Sent") },
  { "disclosure", "target", N_("Recipient") },
  { "disclosure", "protected", N_("Password-protected") },
  { "disclosure", "language", N_("Language") },
  { NULL, "patient_id", N_("Patient") },
  { NULL, "session_id", N_("Session") },
  { NULL, "zone", N_("Zone") },
  { NULL, "consent", N_("Consent") },
  { NULL, "note", N_("Note") },
  { NULL, "notes", N_("Notes") },
};

/* A field's translated label; an unknown column is named as it is. */
static const char *
get_field_label (const char *table,
                 const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if ((field_labels[i].table == NULL || g_strcmp0 (field_labels[i].table, table) == 0)
        && g_str_equal (field_labels[i].column, column))
      return g_dgettext (GETTEXT_PACKAGE, field_labels[i].label);

  return column;
}

/* Values ------------------------------------------------------------------ */

static gint64
node_get_int64 (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (type == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return 0;
}

static double
node_get_double (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (type == G_TYPE_STRING)
    return g_ascii_strtod (json_node_get_string (node), NULL);
  return (double) node_get_int64 (node);
}

/* A value as it was written: for columns and types not known here. */
static char *
node_to_text (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_DOUBLE)
    return dc_format_decimal (json_node_get_double (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

/* "24/11/2026 at 09:30". Timestamps without a zone (a camera's clock) are
 * local time already. */
static char *
format_timestamp (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, local);
  g_autoptr(GDateTime) at = parsed != NULL ? g_date_time_to_local (parsed) : NULL;
  g_autofree char *format = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (at == NULL)
    return NULL;

  format = dc_gui_dup_date_format ();
  date = g_date_time_format (at, format);
  time = g_date_time_format (at, "%R");
  /* Translators: a date and a time of day, as in "24/11/2026 at 09:30" */
  return g_strdup_printf (C_("date and time", "%s at %s"), date, time);
}

/* "the session of 3 March", from a session's started_at. */
static char *
format_session_day (const char *started_at)
{
  g_autoptr(GDateTime) local = dc_gui_timestamp_to_local (started_at);

  if (local == NULL)
    /* Translators: the day of a session whose date is not known */
    return g_strdup (C_("session day", "unknown day"));
  return dc_gui_format_day (local);
}

static char *
session_label (DcHistoryFormatter *self,
               gint64              session_id)
{
  const char *started_at = g_hash_table_lookup (self->sessions, &session_id);
  g_autofree char *day = format_session_day (started_at);

  /* Translators: a session named by its day, "Session of 3 March" */
  return g_strdup_printf (_("Session of %s"), day);
}

static char *
format_reference (DcHistoryFormatter *self,
                  GType               target,
                  gint64              id)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autofree char *key = NULL;
  const char *name;

  if (id == 0)
    return NULL;
  if (target == DC_TYPE_SESSION)
    return session_label (self, id);

  klass = g_type_class_ref (target);
  key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, DC_RECORD_CLASS (klass)->table, id);
  name = g_hash_table_lookup (self->names, key);
  if (name != NULL)
    return g_strdup (name);

  /* Translators: a record whose name is not known, by its number */
  return g_strdup_printf (_("No. %lld"), (long long) id);
}

static char *
format_enum (GType       type,
             const char *nick)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *value = g_enum_get_value_by_nick (klass, nick);
  const char *label = value != NULL ? dc_enum_get_label (type, value->value) : NULL;

  return g_strdup (label != NULL ? label : nick);
}

static char *
format_flags (GType       type,
              const char *nicks)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint value;

  if (!dc_flags_from_nicks (type, nicks, &value, NULL))
    return g_strdup (nicks);
  if (value == 0)
    return NULL;

  for (guint bit = 1; bit != 0 && bit <= value; bit <<= 1)
    if ((value & bit) != 0)
      {
        const char *label = dc_flag_get_label (type, bit);

        if (text->len > 0)
          /* Translators: between the items of a list, "Teaching, Marketing" */
          g_string_append (text, C_("list", ", "));
        g_string_append (text, label != NULL ? label : "?");
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_string (const char *column,
               const char *text)
{
  if (*text == '\0')
    return NULL;

  if (g_str_equal (column, "zone"))
    {
      const DcZone *zone = dc_zone_catalogue_lookup (dc_zone_catalogue_get_default (), text);

      return g_strdup (zone != NULL ? dc_zone_get_name (zone) : text);
    }

  if (g_str_equal (column, "language"))
    {
      guint position = dc_gui_find_language (text);

      if (position != GTK_INVALID_LIST_POSITION && position < dc_gui_get_n_languages ())
        return g_strdup (dc_gui_get_language_name (position));
      return g_strdup (text);
    }

  if (dc_date_is_valid (text))
    {
      char *date = dc_gui_format_date (text);

      return date != NULL ? date : g_strdup (text);
    }

  /* Timestamps: "2026-11-24T09:30:00Z", a camera's "2026-10-21T13:15:00". */
  if (strlen (text) >= 16 && text[4] == '-' && text[10] == 'T')
    {
      char *formatted = format_timestamp (text);

      if (formatted != NULL)
        return formatted;
    }

  return g_strdup (text);
}

/**
 * format_value:
 *
 * A column's value as the practitioner reads it, or %NULL for no value.
 */
static char *
format_value (DcHistoryFormatter *self,
              DcRecordClass      *klass,
              const char         *column,
              JsonNode           *node)
{
  GParamSpec *field;
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return node_to_text (node);

  field = find_field (klass, column);
  if (field == NULL)
    return node_to_text (node);

  type = G_PARAM_SPEC_VALUE_TYPE (field);
  if (G_TYPE_IS_ENUM (type) && json_node_get_value_type (node) == G_TYPE_STRING)
    return format_enum (type, json_node_get_string (node));
  if (G_TYPE_IS_FLAGS (type) && json_node_get_value_type (node) == G_TYPE_STRING)
    return format_flags (type, json_node_get_string (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (node_get_int64 (node) != 0 ? _("Yes") : _("No"));
  if (type == G_TYPE_INT64)
    {
      GType target = dc_record_class_get_reference (klass, field);

      if (target != G_TYPE_INVALID)
        return format_reference (self, target, node_get_int64 (node));
      return node_to_text (node);
    }
  if (type == G_TYPE_DOUBLE)
    {
      g_autofree char *number = dc_format_decimal (node_get_double (node));

      if (g_str_equal (column, "depth_mm"))
        /* Translators: a needle depth, "1.5 mm" */
        return g_strdup_printf (_("%s mm"), number);
      if (g_str_equal (column, "pulse_ms"))
        /* Translators: a pulse duration, "20 ms" */
        return g_strdup_printf (_("%s ms"), number);
      return g_steal_pointer (&number);
    }
  if (type == G_TYPE_INT && g_str_equal (column, "fitzpatrick"))
    {
      int fitzpatrick = (int) node_get_int64 (node);

      if (fitzpatrick <= 0)
        return g_strdup (_("Not assessed"));
      return g_strdup (dc_fitzpatrick_to_roman (fitzpatrick));
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return format_string (column, json_node_get_string (node));

  return node_to_text (node);
}

/* One line, and not too long for a sentence. */
static char *
shorten (const char *text)
{
  g_autofree char *line = g_strdup (text);

  g_strdelimit (line, "\r\n\t", ' ');
  if (g_utf8_strlen (line, -1) <= MAX_VALUE_CHARS)
    return g_steal_pointer (&line);
  {
    g_autofree char *start = g_utf8_substring (line, 0, MAX_VALUE_CHARS - 1);

    return g_strconcat (g_strchomp (start), "…", NULL);
  }
}

/* The event ---------------------------------------------------------------- */

typedef struct
{
  const char *column;
  const char *label;
  char       *before;    /* as shown, NULL for no value */
  char       *after;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

typedef struct
{
  const char    *table;
  const char    *action;
  DcRecordClass *klass;     /* NULL for a table not known here */
  JsonNode      *before_node;
  JsonNode      *after_node;
  JsonObject    *before;    /* NULL for an insert */
  JsonObject    *after;     /* NULL for a delete */
  JsonObject    *row;       /* after, or before for a delete */
  GPtrArray     *changes;   /* Change, of an update */
} Event;

static void
event_clear (Event *event)
{
  g_clear_pointer (&event->before_node, json_node_unref);
  g_clear_pointer (&event->after_node, json_node_unref);
  g_clear_pointer (&event->changes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Event, event_clear)

static JsonNode *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return NULL;
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return g_steal_pointer (&node);
}

static JsonNode *
get_member (JsonObject *object,
            const char *column)
{
  return object != NULL ? json_object_get_member (object, column) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *column)
{
  JsonNode *node = get_member (object, column);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
get_int64 (JsonObject *object,
           const char *column)
{
  JsonNode *node = get_member (object, column);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return node_get_int64 (node);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null == b_null;
  return json_node_equal (a, b);
}

/* The columns an update changed, in the order of the table. */
static GPtrArray *
find_changes (DcHistoryFormatter *self,
              Event              *event)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (change_free);
  g_autoptr(GList) columns = NULL;

  if (event->after == NULL)
    return changes;

  columns = json_object_get_members (event->after);
  for (GList *l = event->before != NULL ? json_object_get_members (event->before) : NULL;
       l != NULL;
       l = g_list_delete_link (l, l))
    if (!json_object_has_member (event->after, l->data))
      columns = g_list_append (columns, l->data);

  for (GList *l = columns; l != NULL; l = l->next)
    {
      const char *column = l->data;
      JsonNode *before = get_member (event->before, column);
      JsonNode *after = get_member (event->after, column);
      Change *change;

      if (is_bookkeeping (column) || nodes_equal (before, after))
        continue;

      change = g_new0 (Change, 1);
      change->column = column;
      change->label = get_field_label (event->table, column);
      change->before = format_value (self, event->klass, column, before);
      change->after = format_value (self, event->klass, column, after);
      g_ptr_array_add (changes, change);
    }

  return changes;
}

static Change *
find_change (Event      *event,
             const char *column)
{
  for (guint i = 0; event->changes != NULL && i < event->changes->len; i++)
    {
      Change *change = g_ptr_array_index (event->changes, i);

      if (g_str_equal (change->column, column))
        return change;
    }

  return NULL;
}

/* "Depth 1.5 mm → 2 mm", "Resolved set to 5 March", "Note cleared (was …)"
 * in a sentence; "Depth: 1.5 mm → 2 mm", "Resolved: — → 5 March" on a line
 * of its own. */
static char *
format_change (Change   *change,
               gboolean  in_sentence)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (change->before != NULL)
    before = in_sentence ? shorten (change->before) : g_strdup (change->before);
  if (change->after != NULL)
    after = in_sentence ? shorten (change->after) : g_strdup (change->after);

  /* On a line of its own, a change reads as a diff; "—" is no value. */
  if (!in_sentence)
    /* Translators: a field with its old and its new value, on a line of
     * its own: "Depth: 1.5 mm → 2 mm" */
    return g_strdup_printf (_("%s: %s → %s"), change->label,
                            before != NULL ? before : C_("no value", "—"),
                            after != NULL ? after : C_("no value", "—"));
  if (before != NULL && after != NULL)
    /* Translators: a field with its old and its new value, in a sentence:
     * "Zone Left cheek: Depth 1.5 mm → 2 mm" */
    return g_strdup_printf (_("%s %s → %s"), change->label, before, after);
  if (after != NULL)
    /* Translators: a field that had no value, "Resolved set to 5 March" */
    return g_strdup_printf (_("%s set to %s"), change->label, after);
  if (before != NULL)
    /* Translators: a field whose value was removed, "Note cleared (was …)" */
    return g_strdup_printf (_("%s cleared (was %s)"), change->label, before);
  /* Translators: a field changed between two ways of saying nothing */
  return g_strdup_printf (_("%s changed"), change->label);
}

/* What changed, for a sentence: the one change, or the fields' names. */
static char *
summarize_changes (Event *event)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  if (event->changes->len == 0)
    return g_strdup (_("saved without changes"));
  if (event->changes->len == 1)
    return format_change (g_ptr_array_index (event->changes, 0), TRUE);

  for (guint i = 0; i < event->changes->len; i++)
    {
      Change *change = g_ptr_array_index (event->changes, i);

      if (i > 0)
        g_string_append (labels, C_("list", ", "));
      g_string_append (labels, change->label);
    }
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* Every field of a new or deleted record, or every change of an update,
 * one per line; NULL when the sentence already says it all. */
static char *
describe_details (DcHistoryFormatter *self,
                  Event              *event,
                  gboolean            said_all)
{
  g_autoptr(GString) details = g_string_new (NULL);

  if (event->changes != NULL)
    {
      if (said_all)
        return NULL;
      for (guint i = 0; i < event->changes->len; i++)
        {
          g_autofree char *line = format_change (g_ptr_array_index (event->changes, i), FALSE);

          if (details->len > 0)
            g_string_append_c (details, '\n');
          g_string_append (details, line);
        }
    }
  else if (event->row != NULL)
    {
      g_autoptr(GList) columns = json_object_get_members (event->row);

      for (GList *l = columns; l != NULL; l = l->next)
        {
          const char *column = l->data;
          g_autofree char *value = NULL;

          if (is_bookkeeping (column) || is_implied (event->table, column)
              || is_unset_setting (event->table, column, get_member (event->row, column)))
            continue;
          value = format_value (self, event->klass, column, get_member (event->row, column));
          if (value == NULL)
            continue;

          if (details->len > 0)
            g_string_append_c (details, '\n');
          /* Translators: a field and its value, "Depth: 1.5 mm" */
          g_string_append_printf (details, _("%s: %s"), get_field_label (event->table, column),
                                  value);
        }
    }

  if (details->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&details), FALSE);
}

/* Sentences ------------------------------------------------------------------ */

static char *
describe_patient (Event       *event,
                  const char **icon_name)
{
  g_autofree char *summary = NULL;
  Change *archived;

  if (g_str_equal (event->action, "insert"))
    return g_strdup (_("Patient record created"));
  if (g_str_equal (event->action, "delete"))
    {
      *icon_name = "user-trash-symbolic";
      return g_strdup (_("Patient record deleted"));
    }

  archived = find_change (event, "archived");
  if (archived != NULL && event->changes->len == 1)
    return g_strdup (get_int64 (event->after, "archived") != 0 ? _("Patient archived")
                     : _("Patient restored"));

  summary = summarize_changes (event);
  if (event->changes->len > 1)
    /* Translators: %s lists fields, "Email, Phone" */
    return g_strdup_printf (_("Patient details changed: %s"), summary);
  /* Translators: %s is one change, "Email a@example.org → b@example.org" */
  return g_strdup_printf (_("Patient details: %s"), summary);
}

static char *
describe_session (Event       *event,
                  const char **icon_name)
{
  g_autofree char *day = format_session_day (get_string (event->row, "started_at"));
  g_autofree char *summary = NULL;
  Change *status;

  if (g_str_equal (event->action, "insert"))
    /* Translators: %s is a day, "3 March" */
    return g_strdup_printf (_("Session of %s created"), day);
  if (g_str_equal (event->action, "delete"))
    /* Translators: %s is a day, "3 March" */
    return g_strdup_printf (_("Session of %s deleted"), day);

  status = find_change (event, "status");
  if (status != NULL && g_strcmp0 (get_string (event->after, "status"), "signed") == 0)
    {
      *icon_name = "emblem-ok-symbolic";
      /* Translators: %s is a day, "3 March" */
      return g_strdup_printf (_("Session of %s signed"), day);
    }

  summary = summarize_changes (event);
  if (event->changes->len > 1)
    /* Translators: a day and a list of fields, "Session of 3 March changed:
     * Notes, Next visit" */
    return g_strdup_printf (_("Session of %s changed: %s"), day, summary);
  /* Translators: a day and one change, "Session of 3 March: Next visit set
   * to 14/04/2026" */
  return g_strdup_printf (_("Session of %s: %s"), day, summary);
}

static char *
describe_zone (DcHistoryFormatter *self,
               Event              *event)
{
  g_autofree char *zone = format_value (self, event->klass, "zone",
                                        get_member (event->row, "zone"));
  g_autofree char *summary = NULL;

  if (zone == NULL)
    zone = g_strdup ("?");

  if (g_str_equal (event->action, "insert"))
    {
      g_autofree char *depth = format_value (self, event->klass, "depth_mm",
                                             get_member (event->row, "depth_mm"));

      if (depth != NULL)
        /* Translators: a zone of the face and a needle depth, "Zone Left cheek
         * added at 1.5 mm" */
        return g_strdup_printf (_("Zone %s added at %s"), zone, depth);
      /* Translators: %s is a zone of the face, "Left cheek" */
      return g_strdup_printf (_("Zone %s added"), zone);
    }
  if (g_str_equal (event->action, "delete"))
    /* Translators: %s is a zone of the face, "Left cheek" */
    return g_strdup_printf (_("Zone %s removed"), zone);

  summary = summarize_changes (event);
  if (event->changes->len > 1)
    /* Translators: a zone and a list of fields, "Zone Left cheek changed:
     * Depth, Passes" */
    return g_strdup_printf (_("Zone %s changed: %s"), zone, summary);
  /* Translators: a zone and one change, "Zone Left cheek: Depth 1.5 mm →
   * 2 mm" */
  return g_strdup_printf (_("Zone %s: %s"), zone, summary);
}

static char *
describe_photo (DcHistoryFormatter *self,
                Event              *event,
                const char        **icon_name)
{
  g_autofree char *view = format_value (self, event->klass, "view",
                                        get_member (event->row, "view"));
  g_autofree char *phase = format_value (self, event->klass, "phase",
                                         get_member (event->row, "phase"));
  g_autofree char *summary = NULL;

  if (view == NULL)
    view = g_strdup ("?");
  if (phase == NULL)
    phase = g_strdup ("?");

  if (g_str_equal (event->action, "insert"))
    {
      *icon_name = "camera-photo-symbolic";
      /* Translators: a photo's view and phase, "Photo added (Frontal,
       * Before)" */
      return g_strdup_printf (_("Photo added (%s, %s)"), view, phase);
    }
  if (g_str_equal (event->action, "delete"))
    /* Translators: a photo's view and phase, "Photo removed (Frontal,
     * Before)" */
    return g_strdup_printf (_("Photo removed (%s, %s)"), view, phase);

  summary = summarize_changes (event);
  if (event->changes->len > 1)
    /* Translators: a photo's view and phase, and a list of fields */
    return g_strdup_printf (_("Photo (%s, %s) changed: %s"), view, phase, summary);
  /* Translators: a photo's view and phase, and one change, "Photo (Frontal,
   * Before): Taken set to 21/10/2026 at 13:15" */
  return g_strdup_printf (_("Photo (%s, %s): %s"), view, phase, summary);
}

static char *
describe_product_use (DcHistoryFormatter *self,
                      Event              *event)
{
  g_autofree char *product = format_value (self, event->klass, "lot_id",
                                           get_member (event->row, "lot_id"));
  g_autofree char *summary = NULL;

  if (product == NULL)
    product = g_strdup ("?");

  if (g_str_equal (event->action, "insert"))
    /* Translators: %s is a product and its lot */
    return g_strdup_printf (_("Product used: %s"), product);
  if (g_str_equal (event->action, "delete"))
    /* Translators: %s is a product and its lot */
    return g_strdup_printf (_("Product removed: %s"), product);

  summary = summarize_changes (event);
  if (event->changes->len > 1)
    /* Translators: a product and a list of fields */
    return g_strdup_printf (_("Product %s changed: %s"), product, summary);
  /* Translators: a product and one change, "Product Serum, lot 22: Amount
   * 1 ml → 2 ml" */
  return g_strdup_printf (_("Product %s: %s"), product, summary);
}

static char *
describe_side_effect (DcHistoryFormatter *self,
                      Event              *event,
                      const char        **icon_name)
{
  g_autofree char *kind = format_value (self, event->klass, "kind",
                                        get_member (event->row, "kind"));
  g_autofree char *summary = NULL;

  if (kind == NULL)
    kind = g_strdup ("?");

  if (g_str_equal (event->action, "insert"))
    {
      *icon_name = "dialog-warning-symbolic";
      /* Translators: %s is a side effect, "Swelling" */
      return g_strdup_printf (_("Side effect recorded: %s"), kind);
    }
  if (g_str_equal (event->action, "delete"))
    /* Translators: %s is a side effect, "Swelling" */
    return g_strdup_printf (_("Side effect removed: %s"), kind);

  summary = summarize_changes (event);
  if (event->changes->len > 1)
    /* Translators: a side effect and a list of fields */
    return g_strdup_printf (_("Side effect %s changed: %s"), kind, summary);
  /* Translators: a side effect and one change, "Side effect Swelling:
   * Resolved set to 5 March" */
  return g_strdup_printf (_("Side effect %s: %s"), kind, summary);
}

static char *
describe_safety_ack (DcHistoryFormatter *self,
                     Event              *event,
                     const char        **icon_name)
{
  g_autofree char *kind = format_value (self, event->klass, "kind",
                                        get_member (event->row, "kind"));
  g_autofree char *summary = NULL;

  if (kind == NULL)
    kind = g_strdup ("?");

  if (g_str_equal (event->action, "insert"))
    {
      *icon_name = "dialog-warning-symbolic";
      /* Translators: %s is a safety warning, "Short interval" */
      return g_strdup_printf (_("Warning acknowledged: %s"), kind);
    }
  if (g_str_equal (event->action, "delete"))
    /* Translators: %s is a safety warning, "Short interval" */
    return g_strdup_printf (_("Acknowledged warning removed: %s"), kind);

  summary = summarize_changes (event);
  /* Translators: a safety warning and what changed in its acknowledgement */
  return g_strdup_printf (_("Acknowledged warning %s: %s"), kind, summary);
}

static char *
describe_addendum (Event *event)
{
  const char *reason = get_string (event->row, "reason");
  g_autofree char *short_reason = shorten (reason != NULL ? reason : "");

  if (g_str_equal (event->action, "insert"))
    /* Translators: %s is the reason given for an addendum */
    return g_strdup_printf (_("Addendum written: %s"), short_reason);

  /* Addenda are never changed or deleted: the database refuses it. Should
   * a trail say otherwise, it says so plainly. */
  if (g_str_equal (event->action, "delete"))
    /* Translators: %s is the reason given for an addendum */
    return g_strdup_printf (_("Addendum removed: %s"), short_reason);
  /* Translators: %s is the reason given for an addendum */
  return g_strdup_printf (_("Addendum changed: %s"), short_reason);
}

static char *
describe_disclosure (Event       *event,
                     const char **icon_name)
{
  const char *document = get_string (event->row, "document");
  const char *channel = get_string (event->row, "channel");
  const char *target = get_string (event->row, "target");
  gboolean timeline = g_strcmp0 (document, "timeline") == 0;
  g_autofree char *name = NULL;

  if (!g_str_equal (event->action, "insert"))
    {
      /* Disclosures are never changed or deleted either. */
      if (g_str_equal (event->action, "delete"))
        return g_strdup (_("Record of a report sent removed"));
      return g_strdup (_("Record of a report sent changed"));
    }

  if (g_strcmp0 (channel, "email") == 0)
    {
      *icon_name = "mail-send-symbolic";
      if (target == NULL)
        return g_strdup (timeline ? _("Progress timeline emailed") : _("Report emailed"));
      return timeline
             /* Translators: %s is an email address */
             ? g_strdup_printf (_("Progress timeline emailed to %s"), target)
             /* Translators: %s is an email address */
             : g_strdup_printf (_("Report emailed to %s"), target);
    }

  if (g_strcmp0 (channel, "print") == 0)
    {
      *icon_name = "printer-symbolic";
      return g_strdup (timeline ? _("Progress timeline printed") : _("Report printed"));
    }

  *icon_name = "document-save-symbolic";
  if (target == NULL)
    return g_strdup (timeline ? _("Progress timeline saved") : _("Report saved"));
  name = g_path_get_basename (target);
  return timeline
         /* Translators: %s is a file name */
         ? g_strdup_printf (_("Progress timeline saved as %s"), name)
         /* Translators: %s is a file name */
         : g_strdup_printf (_("Report saved as %s"), name);
}

/* A table this version does not know, or whose rows are not a patient's;
 * an action or a row that cannot be read. */
static char *
describe_other (Event *event)
{
  g_autofree char *summary = NULL;

  if (event->row == NULL)
    /* Translators: %s is the name of a database table */
    return g_strdup_printf (_("Unreadable change to “%s”"), event->table);
  if (g_str_equal (event->action, "insert"))
    /* Translators: %s is the name of a database table */
    return g_strdup_printf (_("Record added to “%s”"), event->table);
  if (g_str_equal (event->action, "delete"))
    /* Translators: %s is the name of a database table */
    return g_strdup_printf (_("Record removed from “%s”"), event->table);
  if (event->changes == NULL)
    /* Translators: a change the program does not know, with the table and
     * what the audit trail calls it */
    return g_strdup_printf (_("Record in “%s”: %s"), event->table, event->action);

  summary = summarize_changes (event);
  /* Translators: the name of a database table and what changed */
  return g_strdup_printf (_("Record in “%s” changed: %s"), event->table, summary);
}

/* Who made a change, as the audit trail names them: "Dr. Ann Bo (<uuid>)"
 * for a practitioner chosen in the window, "jo (no practitioner chosen)",
 * "jo (command line)". The practitioner's name, as it was then, is
 * enough to read; the others are said in the user's language. */
static char *
format_actor (const char *actor)
{
  const char *open;
  g_autofree char *name = NULL;
  g_autofree char *inside = NULL;
  gsize length;

  if (actor == NULL)
    return g_strdup ("");

  length = strlen (actor);
  open = g_strrstr (actor, " (");
  if (open == NULL || length == 0 || actor[length - 1] != ')')
    return g_strdup (actor);

  name = g_strndup (actor, open - actor);
  inside = g_strndup (open + 2, actor + length - 1 - (open + 2));
  if (g_uuid_string_is_valid (inside))
    return g_steal_pointer (&name);
  if (g_str_equal (inside, "no practitioner chosen"))
    /* Translators: a user of the computer who made a change without
     * choosing who they are among the practitioners */
    return g_strdup_printf (C_("actor", "%s (no practitioner chosen)"), name);
  if (g_str_equal (inside, "command line"))
    /* Translators: a user of the computer who made a change with the
     * dermachart command */
    return g_strdup_printf (C_("actor", "%s (command line)"), name);

  return g_strdup (actor);
}

/* Public ------------------------------------------------------------------- */

/**
 * dc_history_formatter_add_name:
 * @type: a DcRecord type
 * @name: what to call the record of @type with row id @id
 *
 * Names a record that audit rows refer to by id: a practitioner, a
 * device, a lot ("Hyaluronic serum, lot HA-2291").
 */
void
dc_history_formatter_add_name (DcHistoryFormatter *self,
                               GType               type,
                               gint64              id,
                               const char         *name)
{
  g_autoptr(GTypeClass) klass = NULL;

  g_return_if_fail (DC_IS_HISTORY_FORMATTER (self));
  g_return_if_fail (g_type_is_a (type, DC_TYPE_RECORD));
  g_return_if_fail (name != NULL);

  klass = g_type_class_ref (type);
  g_hash_table_replace (self->names,
                        g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                         DC_RECORD_CLASS (klass)->table, id),
                        g_strdup (name));
}

/**
 * dc_history_formatter_learn:
 *
 * Remembers what later rows refer to: the day of each session, so that
 * the rows of its zones, photos and side effects name it, even once it
 * is deleted. The last day a session had is the one used.
 */
void
dc_history_formatter_learn (DcHistoryFormatter *self,
                            DcAuditEntry       *entry)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *row;
  const char *started_at;
  gint64 id;

  g_return_if_fail (DC_IS_HISTORY_FORMATTER (self));
  g_return_if_fail (DC_IS_AUDIT_ENTRY (entry));

  if (g_strcmp0 (dc_audit_entry_get_table_name (entry), "session") != 0)
    return;

  node = parse_object (dc_audit_entry_get_after (entry));
  if (node == NULL)
    node = parse_object (dc_audit_entry_get_before (entry));
  if (node == NULL)
    return;

  row = json_node_get_object (node);
  id = get_int64 (row, "id");
  started_at = get_string (row, "started_at");
  if (id != 0 && started_at != NULL)
    g_hash_table_replace (self->sessions, g_memdup2 (&id, sizeof id), g_strdup (started_at));
}

/**
 * dc_history_formatter_format:
 *
 * Tells one audit row in a sentence, with every field it set or changed
 * as details. Rows that cannot be read (unknown tables, columns or
 * actions, broken JSON) are told as well as they can be, never dropped.
 *
 * Returns: (transfer full): the row as a history item
 */
DcHistoryItem *
dc_history_formatter_format (DcHistoryFormatter *self,
                             DcAuditEntry       *entry)
{
  g_auto(Event) event = { 0 };
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  g_autofree char *context = NULL;
  g_autofree char *actor = NULL;
  const char *icon_name = NULL;
  gint64 session_id;

  g_return_val_if_fail (DC_IS_HISTORY_FORMATTER (self), NULL);
  g_return_val_if_fail (DC_IS_AUDIT_ENTRY (entry), NULL);

  event.table = dc_audit_entry_get_table_name (entry);
  event.action = dc_audit_entry_get_action (entry);
  if (event.table == NULL)
    event.table = "";
  if (event.action == NULL)
    event.action = "";
  event.klass = find_record_class (event.table);
  event.before_node = parse_object (dc_audit_entry_get_before (entry));
  event.after_node = parse_object (dc_audit_entry_get_after (entry));
  event.before = event.before_node != NULL ? json_node_get_object (event.before_node) : NULL;
  event.after = event.after_node != NULL ? json_node_get_object (event.after_node) : NULL;
  event.row = event.after != NULL ? event.after : event.before;
  if (g_str_equal (event.action, "update"))
    event.changes = find_changes (self, &event);

  if (g_str_equal (event.action, "insert"))
    icon_name = "list-add-symbolic";
  else if (g_str_equal (event.action, "delete"))
    icon_name = "user-trash-symbolic";
  else
    icon_name = "document-edit-symbolic";

  if (event.klass == NULL || event.row == NULL
      || (event.changes == NULL && !g_str_equal (event.action, "insert")
          && !g_str_equal (event.action, "delete")))
    title = describe_other (&event);
  else if (g_str_equal (event.table, "patient"))
    title = describe_patient (&event, &icon_name);
  else if (g_str_equal (event.table, "session"))
    title = describe_session (&event, &icon_name);
  else if (g_str_equal (event.table, "zone_treatment"))
    title = describe_zone (self, &event);
  else if (g_str_equal (event.table, "photo"))
    title = describe_photo (self, &event, &icon_name);
  else if (g_str_equal (event.table, "product_use"))
    title = describe_product_use (self, &event);
  else if (g_str_equal (event.table, "side_effect"))
    title = describe_side_effect (self, &event, &icon_name);
  else if (g_str_equal (event.table, "safety_ack"))
    title = describe_safety_ack (self, &event, &icon_name);
  else if (g_str_equal (event.table, "addendum"))
    title = describe_addendum (&event);
  else if (g_str_equal (event.table, "disclosure"))
    title = describe_disclosure (&event, &icon_name);
  else
    title = describe_other (&event);

  /* A single change is in the sentence, unless it had to be cut short
   * there. A signature's details say who signed and when. */
  {
    gboolean said_all = FALSE;

    if (event.changes != NULL && event.changes->len == 1)
      {
        Change *change = g_ptr_array_index (event.changes, 0);
        g_autofree char *before = change->before != NULL ? shorten (change->before) : NULL;
        g_autofree char *after = change->after != NULL ? shorten (change->after) : NULL;

        said_all = g_strcmp0 (before, change->before) == 0
                   && g_strcmp0 (after, change->after) == 0;
      }
    details = describe_details (self, &event, said_all);
  }

  session_id = get_int64 (event.row, "session_id");
  if (session_id != 0 && find_field (event.klass, "session_id") != NULL)
    context = session_label (self, session_id);

  utc = dc_timestamp_parse (dc_audit_entry_get_at (entry));
  at = utc != NULL ? g_date_time_to_local (utc) : g_date_time_new_now_local ();

  actor = format_actor (dc_audit_entry_get_actor (entry));
  return dc_history_item_new (at, actor, icon_name, title, context, details);
}

/**
 * dc_history_formatter_format_all:
 * @entries: (element-type DcAuditEntry): audit rows, oldest first
 *
 * Tells a whole history, newest first, with the heading of each day
 * before the changes made on it. Sessions are learnt from all @entries
 * first.
 *
 * Returns: (transfer full) (element-type DcHistoryItem): the items
 */
GListModel *
dc_history_formatter_format_all (DcHistoryFormatter *self,
                                 GListModel         *entries)
{
  GListStore *items;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(DcHistoryItem) previous = NULL;
  guint n_entries;

  g_return_val_if_fail (DC_IS_HISTORY_FORMATTER (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);

  n_entries = g_list_model_get_n_items (entries);
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(DcAuditEntry) entry = g_list_model_get_item (entries, i);

      dc_history_formatter_learn (self, entry);
    }

  /* Appended in one splice: a list view told of each item alone would
   * do the work thousands of times. */
  batch = g_ptr_array_new_full (n_entries + n_entries / 8 + 1, g_object_unref);
  for (guint i = n_entries; i > 0; i--)
    {
      g_autoptr(DcAuditEntry) entry = g_list_model_get_item (entries, i - 1);
      g_autoptr(DcHistoryItem) item = dc_history_formatter_format (self, entry);

      if (previous == NULL || !dc_history_item_same_day (previous, item))
        g_ptr_array_add (batch, dc_history_item_new_day (dc_history_item_get_at (item)));
      g_ptr_array_add (batch, g_object_ref (item));
      g_set_object (&previous, item);
    }

  items = g_list_store_new (DC_TYPE_HISTORY_ITEM);
  g_list_store_splice (items, 0, 0, batch->pdata, batch->len);

  return G_LIST_MODEL (items);
}
