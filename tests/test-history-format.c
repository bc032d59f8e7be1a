/* test-history-format.c: audit rows told in the practitioner's terms, as
 * the history window shows them: a sentence per change, references by
 * name, bookkeeping left out, and rows this version cannot read told as
 * well as they can be rather than dropped. No display, no database: the
 * rows are written here as the store's triggers write them. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dc-history-formatter.h"
#include "dc-model.h"

#define AT "2001-03-03T10:15:00.000Z"

/* Every session below starts on 3 March 2001, at 09:30 UTC. */
#define SESSION_AFTER \
  "{\"id\":7,\"uuid\":\"s-7\",\"created_at\":\"2001-03-03T09:00:00Z\"," \
  "\"updated_at\":\"2001-03-03T09:00:00Z\",\"patient_id\":1,\"practitioner_id\":2," \
  "\"started_at\":\"2001-03-03T09:30:00Z\",\"indication\":\"acne-scars\"," \
  "\"anaesthetic_lot_id\":null,\"notes\":null,\"next_visit\":null,\"status\":\"draft\"," \
  "\"signed_by\":null,\"signed_at\":null}"

#define SESSION_SIGNED \
  "{\"id\":7,\"uuid\":\"s-7\",\"created_at\":\"2001-03-03T09:00:00Z\"," \
  "\"updated_at\":\"2001-03-03T11:00:00Z\",\"patient_id\":1,\"practitioner_id\":2," \
  "\"started_at\":\"2001-03-03T09:30:00Z\",\"indication\":\"acne-scars\"," \
  "\"anaesthetic_lot_id\":null,\"notes\":null,\"next_visit\":null,\"status\":\"signed\"," \
  "\"signed_by\":2,\"signed_at\":\"2001-03-03T11:00:00Z\"}"

#define ZONE_BEFORE \
  "{\"id\":3,\"uuid\":\"z-3\",\"created_at\":\"2001-03-03T09:40:00Z\"," \
  "\"updated_at\":\"2001-03-03T09:40:00Z\",\"session_id\":7,\"zone\":\"cheek-left\"," \
  "\"device_id\":4,\"depth_mm\":1.5,\"passes\":2,\"needle_count\":16,\"speed\":3," \
  "\"cartridge_lot_id\":null,\"energy\":0.0,\"pulse_ms\":0.0,\"rf_mode\":\"none\"," \
  "\"tip_pins\":0,\"insulated\":0,\"guidance_reason\":null,\"note\":null}"

#define ZONE_AFTER \
  "{\"id\":3,\"uuid\":\"z-3\",\"created_at\":\"2001-03-03T09:40:00Z\"," \
  "\"updated_at\":\"2001-03-03T09:45:00Z\",\"session_id\":7,\"zone\":\"cheek-left\"," \
  "\"device_id\":4,\"depth_mm\":2.0,\"passes\":2,\"needle_count\":16,\"speed\":3," \
  "\"cartridge_lot_id\":null,\"energy\":0.0,\"pulse_ms\":0.0,\"rf_mode\":\"none\"," \
  "\"tip_pins\":0,\"insulated\":0,\"guidance_reason\":null,\"note\":null}"

static DcHistoryFormatter *
new_formatter (void)
{
  DcHistoryFormatter *formatter = dc_history_formatter_new ();

  dc_history_formatter_add_name (formatter, DC_TYPE_PRACTITIONER, 2, "Dr. Ada Okafor");
  dc_history_formatter_add_name (formatter, DC_TYPE_DEVICE, 4, "Dermapen 4");
  dc_history_formatter_add_name (formatter, DC_TYPE_LOT, 5, "Hyaluronic serum, lot HA-2291");
  return formatter;
}

static DcAuditEntry *
entry (const char *table,
       const char *action,
       const char *before,
       const char *after)
{
  return dc_audit_entry_new (1, AT, "Dr. Ada Okafor", table, "uuid", action, before, after);
}

/* The item for one row, the session of 3 March 2001 known. */
static DcHistoryItem *
format (const char *table,
        const char *action,
        const char *before,
        const char *after)
{
  g_autoptr(DcHistoryFormatter) formatter = new_formatter ();
  g_autoptr(DcAuditEntry) session = entry ("session", "insert", NULL, SESSION_AFTER);
  g_autoptr(DcAuditEntry) row = entry (table, action, before, after);

  dc_history_formatter_learn (formatter, session);
  return dc_history_formatter_format (formatter, row);
}

static void
assert_has_line (const char *text,
                 const char *line)
{
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (text);
  lines = g_strsplit (text, "\n", -1);
  if (!g_strv_contains ((const char *const *) lines, line))
    g_error ("“%s” is not a line of:\n%s", line, text);
}

static void
assert_no_line_starts (const char *text,
                       const char *start)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      g_error ("“%s” should not be in:\n%s", lines[i], text);
}

static void
test_patient (void)
{
  g_autoptr(DcHistoryItem) created = NULL;
  g_autoptr(DcHistoryItem) changed = NULL;
  g_autoptr(DcHistoryItem) several = NULL;
  g_autoptr(DcHistoryItem) archived = NULL;
  const char *before =
    "{\"id\":1,\"uuid\":\"p-1\",\"created_at\":\"2001-03-01T08:00:00Z\","
    "\"updated_at\":\"2001-03-01T08:00:00Z\",\"family_name\":\"Okoye\",\"given_name\":\"Chioma\","
    "\"birth_date\":\"1988-05-21\",\"sex\":\"female\",\"email\":\"c.okoye@example.org\","
    "\"phone\":null,\"fitzpatrick\":5,\"language\":\"de\",\"medical_flags\":\"hsv,keloid\","
    "\"isotretinoin_last_dose\":null,\"allergies\":null,\"consent\":\"clinical\","
    "\"notes\":null,\"archived\":0}";
  const char *new_email =
    "{\"id\":1,\"uuid\":\"p-1\",\"created_at\":\"2001-03-01T08:00:00Z\","
    "\"updated_at\":\"2001-03-02T08:00:00Z\",\"family_name\":\"Okoye\",\"given_name\":\"Chioma\","
    "\"birth_date\":\"1988-05-21\",\"sex\":\"female\",\"email\":\"chioma@example.org\","
    "\"phone\":null,\"fitzpatrick\":5,\"language\":\"de\",\"medical_flags\":\"hsv,keloid\","
    "\"isotretinoin_last_dose\":null,\"allergies\":null,\"consent\":\"clinical\","
    "\"notes\":null,\"archived\":0}";
  const char *new_phone_and_flags =
    "{\"id\":1,\"uuid\":\"p-1\",\"created_at\":\"2001-03-01T08:00:00Z\","
    "\"updated_at\":\"2001-03-02T08:00:00Z\",\"family_name\":\"Okoye\",\"given_name\":\"Chioma\","
    "\"birth_date\":\"1988-05-21\",\"sex\":\"female\",\"email\":\"c.okoye@example.org\","
    "\"phone\":\"+49 30 1234567\",\"fitzpatrick\":5,\"language\":\"de\","
    "\"medical_flags\":\"hsv\",\"isotretinoin_last_dose\":null,\"allergies\":null,"
    "\"consent\":\"clinical\",\"notes\":null,\"archived\":0}";
  const char *now_archived =
    "{\"id\":1,\"uuid\":\"p-1\",\"created_at\":\"2001-03-01T08:00:00Z\","
    "\"updated_at\":\"2001-03-02T08:00:00Z\",\"family_name\":\"Okoye\",\"given_name\":\"Chioma\","
    "\"birth_date\":\"1988-05-21\",\"sex\":\"female\",\"email\":\"c.okoye@example.org\","
    "\"phone\":null,\"fitzpatrick\":5,\"language\":\"de\",\"medical_flags\":\"hsv,keloid\","
    "\"isotretinoin_last_dose\":null,\"allergies\":null,\"consent\":\"clinical\","
    "\"notes\":null,\"archived\":1}";

  /* A new record: every field it was created with, by its label and in
   * words; no row ids, uuids or timestamps. */
  created = format ("patient", "insert", NULL, before);
  g_assert_cmpstr (dc_history_item_get_title (created), ==, "Patient record created");
  g_assert_cmpstr (dc_history_item_get_actor (created), ==, "Dr. Ada Okafor");
  g_assert_null (dc_history_item_get_context (created));
  assert_has_line (dc_history_item_get_details (created), "Family name: Okoye");
  assert_has_line (dc_history_item_get_details (created), "Sex: Female");
  assert_has_line (dc_history_item_get_details (created), "Date of birth: 05/21/1988");
  assert_has_line (dc_history_item_get_details (created), "Fitzpatrick skin type: V");
  assert_has_line (dc_history_item_get_details (created), "Report language: Deutsch");
  assert_has_line (dc_history_item_get_details (created),
                   "Contraindications and cautions: Herpes simplex (cold sores), "
                   "Keloid tendency");
  assert_has_line (dc_history_item_get_details (created), "Archived: No");
  assert_no_line_starts (dc_history_item_get_details (created), "id");
  assert_no_line_starts (dc_history_item_get_details (created), "uuid");
  assert_no_line_starts (dc_history_item_get_details (created), "created_at");
  assert_no_line_starts (dc_history_item_get_details (created), "Phone");

  /* One change is the sentence; nothing more to expand. */
  changed = format ("patient", "update", before, new_email);
  g_assert_cmpstr (dc_history_item_get_title (changed), ==,
                   "Patient details: Email c.okoye@example.org → chioma@example.org");
  g_assert_null (dc_history_item_get_details (changed));
  g_assert_cmpstr (dc_history_item_get_icon_name (changed), ==, "document-edit-symbolic");

  /* Several: named in the sentence, each in the details; updated_at,
   * which changed too, is not one of them. */
  several = format ("patient", "update", before, new_phone_and_flags);
  g_assert_cmpstr (dc_history_item_get_title (several), ==,
                   "Patient details changed: Phone, Contraindications and cautions");
  g_assert_cmpstr (dc_history_item_get_details (several), ==,
                   "Phone: — → +49 30 1234567\n"
                   "Contraindications and cautions: Herpes simplex (cold sores), "
                   "Keloid tendency → Herpes simplex (cold sores)");

  archived = format ("patient", "update", before, now_archived);
  g_assert_cmpstr (dc_history_item_get_title (archived), ==, "Patient archived");
}

static void
test_session (void)
{
  g_autoptr(DcHistoryItem) created = format ("session", "insert", NULL, SESSION_AFTER);
  g_autoptr(DcHistoryItem) signed_ = format ("session", "update", SESSION_AFTER, SESSION_SIGNED);
  g_autoptr(DcHistoryItem) deleted = format ("session", "delete", SESSION_AFTER, NULL);

  g_assert_cmpstr (dc_history_item_get_title (created), ==, "Session of 3 March 2001 created");
  /* The practitioner by name, not by row id. */
  assert_has_line (dc_history_item_get_details (created), "Practitioner: Dr. Ada Okafor");
  assert_has_line (dc_history_item_get_details (created), "Indication: Acne scars");
  assert_has_line (dc_history_item_get_details (created), "Status: Draft");
  assert_has_line (dc_history_item_get_details (created),
                   "Date and time: 03/03/2001 at 10:30");
  assert_no_line_starts (dc_history_item_get_details (created), "Patient");

  g_assert_cmpstr (dc_history_item_get_title (signed_), ==, "Session of 3 March 2001 signed");
  g_assert_cmpstr (dc_history_item_get_icon_name (signed_), ==, "emblem-ok-symbolic");
  assert_has_line (dc_history_item_get_details (signed_), "Status: Draft → Signed");
  assert_has_line (dc_history_item_get_details (signed_), "Signed by: — → Dr. Ada Okafor");

  g_assert_cmpstr (dc_history_item_get_title (deleted), ==, "Session of 3 March 2001 deleted");
  g_assert_cmpstr (dc_history_item_get_icon_name (deleted), ==, "user-trash-symbolic");
}

static void
test_zone (void)
{
  g_autoptr(DcHistoryItem) added = format ("zone_treatment", "insert", NULL, ZONE_BEFORE);
  g_autoptr(DcHistoryItem) deeper = format ("zone_treatment", "update", ZONE_BEFORE, ZONE_AFTER);
  g_autoptr(DcHistoryItem) removed = format ("zone_treatment", "delete", ZONE_AFTER, NULL);

  /* The zone by the catalogue's name, its session by its day. */
  g_assert_cmpstr (dc_history_item_get_title (added), ==, "Zone Left cheek added at 1.5 mm");
  g_assert_cmpstr (dc_history_item_get_context (added), ==, "Session of 3 March 2001");
  assert_has_line (dc_history_item_get_details (added), "Device: Dermapen 4");
  assert_has_line (dc_history_item_get_details (added), "Passes: 2");
  assert_has_line (dc_history_item_get_details (added), "Speed: 3");
  /* A pen's zone: nothing about RF settings it does not have. */
  assert_no_line_starts (dc_history_item_get_details (added), "RF mode");
  assert_no_line_starts (dc_history_item_get_details (added), "Energy");
  assert_no_line_starts (dc_history_item_get_details (added), "Insulated");
  assert_no_line_starts (dc_history_item_get_details (added), "Session");
  assert_no_line_starts (dc_history_item_get_details (added), "Cartridge");

  g_assert_cmpstr (dc_history_item_get_title (deeper), ==,
                   "Zone Left cheek: Depth 1.5 mm → 2 mm");
  g_assert_cmpstr (dc_history_item_get_context (deeper), ==, "Session of 3 March 2001");

  g_assert_cmpstr (dc_history_item_get_title (removed), ==, "Zone Left cheek removed");
  assert_has_line (dc_history_item_get_details (removed), "Depth: 2 mm");
}

static void
test_photo_product_side_effect (void)
{
  const char *photo =
    "{\"id\":9,\"uuid\":\"f-9\",\"created_at\":\"2001-03-03T09:35:00Z\","
    "\"updated_at\":\"2001-03-03T09:35:00Z\",\"session_id\":7,\"sha256\":\"ab12\","
    "\"file_name\":\"ab12.jpg\",\"view\":\"frontal\",\"zone\":null,\"phase\":\"before\","
    "\"taken_at\":\"2001-03-03T09:31:00\",\"width\":800,\"height\":1000,"
    "\"consent\":\"clinical,teaching\",\"note\":null}";
  const char *product =
    "{\"id\":2,\"uuid\":\"u-2\",\"created_at\":\"2001-03-03T09:50:00Z\","
    "\"updated_at\":\"2001-03-03T09:50:00Z\",\"session_id\":7,\"lot_id\":5,"
    "\"amount\":\"2 ml\",\"note\":null}";
  const char *effect =
    "{\"id\":4,\"uuid\":\"e-4\",\"created_at\":\"2001-03-05T09:00:00Z\","
    "\"updated_at\":\"2001-03-05T09:00:00Z\",\"session_id\":7,\"kind\":\"swelling\","
    "\"severity\":2,\"onset\":\"2001-03-03\",\"resolved\":null,\"note\":null}";
  const char *resolved =
    "{\"id\":4,\"uuid\":\"e-4\",\"created_at\":\"2001-03-05T09:00:00Z\","
    "\"updated_at\":\"2001-03-09T09:00:00Z\",\"session_id\":7,\"kind\":\"swelling\","
    "\"severity\":2,\"onset\":\"2001-03-03\",\"resolved\":\"2001-03-08\",\"note\":null}";
  g_autoptr(DcHistoryItem) photo_added = format ("photo", "insert", NULL, photo);
  g_autoptr(DcHistoryItem) product_used = format ("product_use", "insert", NULL, product);
  g_autoptr(DcHistoryItem) effect_recorded = format ("side_effect", "insert", NULL, effect);
  g_autoptr(DcHistoryItem) effect_resolved = format ("side_effect", "update", effect, resolved);

  g_assert_cmpstr (dc_history_item_get_title (photo_added), ==, "Photo added (Frontal, Before)");
  g_assert_cmpstr (dc_history_item_get_icon_name (photo_added), ==, "camera-photo-symbolic");
  /* A camera's clock is local time already. */
  assert_has_line (dc_history_item_get_details (photo_added), "Taken: 03/03/2001 at 09:31");
  assert_has_line (dc_history_item_get_details (photo_added),
                   "Consent: Clinical record, Teaching");
  assert_no_line_starts (dc_history_item_get_details (photo_added), "Checksum");
  assert_no_line_starts (dc_history_item_get_details (photo_added), "File");

  g_assert_cmpstr (dc_history_item_get_title (product_used), ==,
                   "Product used: Hyaluronic serum, lot HA-2291");
  assert_has_line (dc_history_item_get_details (product_used), "Amount: 2 ml");

  g_assert_cmpstr (dc_history_item_get_title (effect_recorded), ==,
                   "Side effect recorded: Swelling");
  assert_has_line (dc_history_item_get_details (effect_recorded), "Began: 03/03/2001");
  g_assert_cmpstr (dc_history_item_get_title (effect_resolved), ==,
                   "Side effect Swelling: Resolved set to 03/08/2001");
}

static void
test_addendum_and_disclosures (void)
{
  const char *addendum =
    "{\"id\":1,\"uuid\":\"a-1\",\"created_at\":\"2001-03-04T09:00:00Z\","
    "\"updated_at\":\"2001-03-04T09:00:00Z\",\"session_id\":7,\"author_id\":2,"
    "\"written_at\":\"2001-03-04T09:00:00Z\",\"reason\":\"Depth of the left cheek\","
    "\"text\":\"The left cheek was treated at 2.0 mm, not 1.5 mm.\"}";
  const char *emailed =
    "{\"id\":1,\"uuid\":\"d-1\",\"created_at\":\"2001-03-04T10:00:00Z\","
    "\"updated_at\":\"2001-03-04T10:00:00Z\",\"patient_id\":1,\"session_id\":7,"
    "\"document\":\"session-report\",\"channel\":\"email\","
    "\"target\":\"c.okoye@example.org\",\"protected\":1,\"language\":\"de\"}";
  const char *printed =
    "{\"id\":2,\"uuid\":\"d-2\",\"created_at\":\"2001-03-04T10:00:00Z\","
    "\"updated_at\":\"2001-03-04T10:00:00Z\",\"patient_id\":1,\"session_id\":7,"
    "\"document\":\"session-report\",\"channel\":\"print\",\"target\":null,"
    "\"protected\":0,\"language\":\"en\"}";
  const char *saved =
    "{\"id\":3,\"uuid\":\"d-3\",\"created_at\":\"2001-03-04T10:00:00Z\","
    "\"updated_at\":\"2001-03-04T10:00:00Z\",\"patient_id\":1,\"session_id\":null,"
    "\"document\":\"timeline\",\"channel\":\"file\","
    "\"target\":\"/home/clinic/Documents/okoye-timeline.pdf\",\"protected\":0,"
    "\"language\":\"en\"}";
  g_autoptr(DcHistoryItem) written = format ("addendum", "insert", NULL, addendum);
  g_autoptr(DcHistoryItem) email = format ("disclosure", "insert", NULL, emailed);
  g_autoptr(DcHistoryItem) print = format ("disclosure", "insert", NULL, printed);
  g_autoptr(DcHistoryItem) file = format ("disclosure", "insert", NULL, saved);

  g_assert_cmpstr (dc_history_item_get_title (written), ==,
                   "Addendum written: Depth of the left cheek");
  assert_has_line (dc_history_item_get_details (written), "Author: Dr. Ada Okafor");
  assert_has_line (dc_history_item_get_details (written),
                   "Text: The left cheek was treated at 2.0 mm, not 1.5 mm.");

  g_assert_cmpstr (dc_history_item_get_title (email), ==,
                   "Report emailed to c.okoye@example.org");
  g_assert_cmpstr (dc_history_item_get_icon_name (email), ==, "mail-send-symbolic");
  g_assert_cmpstr (dc_history_item_get_context (email), ==, "Session of 3 March 2001");
  assert_has_line (dc_history_item_get_details (email), "Password-protected: Yes");
  assert_has_line (dc_history_item_get_details (email), "Language: Deutsch");

  g_assert_cmpstr (dc_history_item_get_title (print), ==, "Report printed");
  g_assert_cmpstr (dc_history_item_get_title (file), ==,
                   "Progress timeline saved as okoye-timeline.pdf");
  g_assert_null (dc_history_item_get_context (file));
}

/* Long text is cut short in the sentence, whole in the details. */
static void
test_long_text (void)
{
  const char *before =
    "{\"id\":7,\"uuid\":\"s-7\",\"started_at\":\"2001-03-03T09:30:00Z\","
    "\"status\":\"draft\",\"notes\":null}";
  const char *after =
    "{\"id\":7,\"uuid\":\"s-7\",\"started_at\":\"2001-03-03T09:30:00Z\","
    "\"status\":\"draft\",\"notes\":\"Tolerated well.\\nSlight pinpoint bleeding on the "
    "forehead, settled within minutes; patient asked about the next session.\"}";
  g_autoptr(DcHistoryItem) item = format ("session", "update", before, after);
  const char *title = dc_history_item_get_title (item);

  g_assert_true (g_str_has_prefix (title, "Session of 3 March 2001: Notes set to Tolerated "
                                          "well. Slight"));
  g_assert_true (g_str_has_suffix (title, "…"));
  g_assert_null (strchr (title, '\n'));
  g_assert_cmpstr (dc_history_item_get_details (item), ==,
                   "Notes: — → Tolerated well.\nSlight pinpoint bleeding on the forehead, "
                   "settled within minutes; patient asked about the next session.");
}

/* Practitioners by their name; the others as the trail names them. */
static void
test_actors (void)
{
  static const char *const actors[][2] = {
    { "Dr. Ada Okafor (0b9d5f1e-3c1a-4f7e-9a55-2f7f3e0c6b11)", "Dr. Ada Okafor" },
    { "Dr. Ann (Bo) & Partner (0b9d5f1e-3c1a-4f7e-9a55-2f7f3e0c6b11)",
      "Dr. Ann (Bo) & Partner" },
    { "jo (no practitioner chosen)", "jo (no practitioner chosen)" },
    { "jo (command line)", "jo (command line)" },
    { "Dermachart demo", "Dermachart demo" },
    { "Dr. Ann (Bo)", "Dr. Ann (Bo)" },
    { "", "" },
  };
  g_autoptr(DcHistoryFormatter) formatter = new_formatter ();

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      g_autoptr(DcAuditEntry) row = dc_audit_entry_new (1, AT, actors[i][0], "session", "s-7",
                                                        "insert", NULL, SESSION_AFTER);
      g_autoptr(DcHistoryItem) item = dc_history_formatter_format (formatter, row);

      g_assert_cmpstr (dc_history_item_get_actor (item), ==, actors[i][1]);
    }
}

/* What this version cannot read is shown as it was written, never
 * dropped, never a crash. */
static void
test_unknown (void)
{
  g_autoptr(DcHistoryItem) table = format ("gizmo", "insert", NULL,
                                           "{\"id\":1,\"uuid\":\"g-1\",\"colour\":\"blue\"}");
  g_autoptr(DcHistoryItem) column = format ("zone_treatment", "update", ZONE_BEFORE,
                                            "{\"id\":3,\"zone\":\"cheek-left\",\"session_id\":7,"
                                            "\"depth_mm\":1.5,\"laser_colour\":\"red\"}");
  g_autoptr(DcHistoryItem) zone = format ("zone_treatment", "insert", NULL,
                                          "{\"zone\":\"ear-left\",\"depth_mm\":0.5,"
                                          "\"session_id\":99,\"device_id\":42}");
  g_autoptr(DcHistoryItem) action = format ("session", "merge", NULL, SESSION_AFTER);
  g_autoptr(DcHistoryItem) broken = format ("session", "update", "{not json", "[1, 2]");

  g_assert_cmpstr (dc_history_item_get_title (table), ==, "Record added to “gizmo”");
  assert_has_line (dc_history_item_get_details (table), "colour: blue");

  /* The new column by its name; columns gone from the row, as cleared. */
  assert_has_line (dc_history_item_get_details (column), "laser_colour: — → red");
  assert_has_line (dc_history_item_get_details (column), "Passes: 2 → —");

  /* A zone the catalogue lacks, a device and a session not known. */
  g_assert_cmpstr (dc_history_item_get_title (zone), ==, "Zone ear-left added at 0.5 mm");
  g_assert_cmpstr (dc_history_item_get_context (zone), ==, "Session of unknown day");
  assert_has_line (dc_history_item_get_details (zone), "Device: No. 42");

  g_assert_cmpstr (dc_history_item_get_title (action), ==, "Record in “session”: merge");
  g_assert_cmpstr (dc_history_item_get_title (broken), ==, "Unreadable change to “session”");
  g_assert_null (dc_history_item_get_details (broken));
}

/* Newest first, each day under its heading; zones of a session deleted
 * since still name its day. */
static void
test_format_all (void)
{
  g_autoptr(DcHistoryFormatter) formatter = new_formatter ();
  g_autoptr(GListStore) entries = g_list_store_new (DC_TYPE_AUDIT_ENTRY);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(DcAuditEntry) e1 = NULL;
  g_autoptr(DcAuditEntry) e2 = NULL;
  g_autoptr(DcAuditEntry) e3 = NULL;
  g_autoptr(DcAuditEntry) e4 = NULL;
  g_autoptr(DcHistoryItem) item = NULL;

  e1 = dc_audit_entry_new (1, "2001-03-03T09:00:00.000Z", "Dr. Ada Okafor", "session", "s-7",
                           "insert", NULL, SESSION_AFTER);
  e2 = dc_audit_entry_new (2, "2001-03-03T09:40:00.000Z", "Dr. Ada Okafor", "zone_treatment",
                           "z-3", "insert", NULL, ZONE_BEFORE);
  e3 = dc_audit_entry_new (3, "2001-03-04T08:00:00.000Z", "Dr. Ada Okafor", "zone_treatment",
                           "z-3", "delete", ZONE_BEFORE, NULL);
  e4 = dc_audit_entry_new (4, "2001-03-04T08:01:00.000Z", "user (command line)", "session",
                           "s-7", "delete", SESSION_AFTER, NULL);
  g_list_store_append (entries, e1);
  g_list_store_append (entries, e2);
  g_list_store_append (entries, e3);
  g_list_store_append (entries, e4);

  items = dc_history_formatter_format_all (formatter, G_LIST_MODEL (entries));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 6);

  item = g_list_model_get_item (items, 0);
  g_assert_true (dc_history_item_is_day (item));
  g_assert_cmpstr (dc_history_item_get_title (item), ==, "Sunday, 4 March 2001");
  g_clear_object (&item);

  item = g_list_model_get_item (items, 1);
  g_assert_cmpstr (dc_history_item_get_title (item), ==, "Session of 3 March 2001 deleted");
  g_assert_cmpstr (dc_history_item_get_actor (item), ==, "user (command line)");
  g_assert_cmpstr (dc_history_item_get_time (item), ==, "09:01");
  g_clear_object (&item);

  item = g_list_model_get_item (items, 2);
  g_assert_cmpstr (dc_history_item_get_title (item), ==, "Zone Left cheek removed");
  g_assert_cmpstr (dc_history_item_get_context (item), ==, "Session of 3 March 2001");
  g_clear_object (&item);

  item = g_list_model_get_item (items, 3);
  g_assert_true (dc_history_item_is_day (item));
  g_assert_cmpstr (dc_history_item_get_title (item), ==, "Saturday, 3 March 2001");
  g_clear_object (&item);

  item = g_list_model_get_item (items, 5);
  g_assert_cmpstr (dc_history_item_get_title (item), ==, "Session of 3 March 2001 created");
  g_assert_cmpstr (dc_history_item_get_time (item), ==, "10:00");

  /* Found by what it says, who did it and its details, in any case. */
  g_assert_true (dc_history_item_matches (item, "session of 3"));
  g_assert_true (dc_history_item_matches (item, "ada okafor"));
  g_assert_true (dc_history_item_matches (item, "acne scars"));
  g_assert_false (dc_history_item_matches (item, "cheek"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-format/patient", test_patient);
  g_test_add_func ("/history-format/session", test_session);
  g_test_add_func ("/history-format/zone", test_zone);
  g_test_add_func ("/history-format/photo-product-side-effect", test_photo_product_side_effect);
  g_test_add_func ("/history-format/addendum-and-disclosures", test_addendum_and_disclosures);
  g_test_add_func ("/history-format/long-text", test_long_text);
  g_test_add_func ("/history-format/actors", test_actors);
  g_test_add_func ("/history-format/unknown", test_unknown);
  g_test_add_func ("/history-format/format-all", test_format_all);

  return g_test_run ();
}
