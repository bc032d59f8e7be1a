/* test-record-json.c: a patient's record as JSON: export → import into an
 * empty database → export is identical, and bad files change nothing. */

#include "config.h"

#include "dc-demo.h"
#include "dc-record-json.h"
#include "dc-test-util.h"

typedef struct
{
  StoreFixture source;
  StoreFixture target;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  store_fixture_setup (&fixture->source, data);
  store_fixture_setup (&fixture->target, data);
  g_assert_true (dc_demo_fill (fixture->source.store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  store_fixture_teardown (&fixture->source, data);
  store_fixture_teardown (&fixture->target, data);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GListModel) patients = dc_store_search_patients (fixture->source.store, NULL,
                                                             TRUE, NULL);
  guint n = g_list_model_get_n_items (patients);

  g_assert_cmpuint (n, >=, 3);

  /* The demo is recorded as such in the audit trail. */
  {
    g_autoptr(GListModel) trail = dc_store_list_audit (fixture->source.store, NULL, NULL);
    g_autoptr(DcAuditEntry) first = g_list_model_get_item (trail, 0);

    g_assert_cmpstr (dc_audit_entry_get_actor (first), ==, "Dermachart demo");
  }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DcPatient) patient = g_list_model_get_item (patients, i);
      g_autoptr(DcPatient) imported = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;

      first = dc_record_json_export_patient (fixture->source.store,
                                             dc_record_get_id (DC_RECORD (patient)), &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (first, "\"zone-treatments\""));

      imported = dc_record_json_import (fixture->target.store, first, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dc_record_get_uuid (DC_RECORD (imported)), ==,
                       dc_record_get_uuid (DC_RECORD (patient)));

      second = dc_record_json_export_patient (fixture->target.store,
                                              dc_record_get_id (DC_RECORD (imported)), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (first, ==, second);

      /* The same record twice is refused, and changes nothing. */
      g_assert_null (dc_record_json_import (fixture->target.store, first, -1, &error));
      g_assert_error (error, DC_ERROR, DC_ERROR_EXISTS);
    }

  g_assert_cmpint (dc_store_count (fixture->target.store, DC_TYPE_PATIENT, 0, NULL), ==, n);
}

/* Imports @text and expects it refused with nothing written. */
static void
assert_refused (Fixture    *fixture,
                const char *text,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit_before = dc_store_list_audit (fixture->target.store, NULL, NULL);
  g_autoptr(GListModel) audit_after = NULL;
  gint64 patients_before = dc_store_count (fixture->target.store, DC_TYPE_PATIENT, 0, NULL);

  g_assert_null (dc_record_json_import (fixture->target.store, text, -1, &error));
  g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("refused: %s", error->message);
  if (message_part != NULL)
    g_assert_nonnull (strstr (error->message, message_part));

  audit_after = dc_store_list_audit (fixture->target.store, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (audit_after), ==,
                    g_list_model_get_n_items (audit_before));
  g_assert_cmpint (dc_store_count (fixture->target.store, DC_TYPE_PATIENT, 0, NULL), ==,
                   patients_before);
  g_assert_cmpint (dc_store_count (fixture->target.store, DC_TYPE_PRACTITIONER, 0, NULL), ==, 0);
}

static char *
export_first (Fixture *fixture)
{
  g_autoptr(GListModel) patients = dc_store_search_patients (fixture->source.store, "haddad",
                                                             FALSE, NULL);
  g_autoptr(DcPatient) patient = g_list_model_get_item (patients, 0);

  return dc_record_json_export_patient (fixture->source.store,
                                        dc_record_get_id (DC_RECORD (patient)), NULL);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (strstr (text, from));
  parts = g_strsplit (text, from, 2);
  return g_strjoin (to, parts[0], parts[1], NULL);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *good = export_first (fixture);
  g_autofree char *truncated = g_strndup (good, strlen (good) / 2);
  g_autofree char *fitzpatrick = replace (good, "\"fitzpatrick\" : 5", "\"fitzpatrick\" : 9");
  g_autofree char *depth = replace (good, "\"depth-mm\" : 1.25", "\"depth-mm\" : -1.0");
  g_autofree char *kind = replace (good, "\"status\" : \"signed\"", "\"status\" : \"sealed\"");
  g_autofree char *type = replace (good, "\"given-name\" : \"Karim\"", "\"given-name\" : 42");
  g_autofree char *unknown = replace (good, "\"given-name\"",
                                      "\"nickname\" : \"K\", \"given-name\"");
  g_autofree char *date = replace (good, "\"birth-date\" : \"1979-01-25\"",
                                   "\"birth-date\" : \"1979-02-30\"");
  g_autofree char *lot_ref = NULL;

  /* A reference to a lot the file does not carry. */
  {
    const char *at = strstr (good, "\"lot-id\" : \"");

    g_assert_nonnull (at);
    lot_ref = g_strdup (good);
    memcpy (lot_ref + (at - good) + strlen ("\"lot-id\" : \""), "00000000", 8);
  }

  assert_refused (fixture, "{ not json", "not valid JSON");
  assert_refused (fixture, truncated, NULL);
  assert_refused (fixture, "[1, 2, 3]", "not a Dermachart record");
  assert_refused (fixture, "{\"format\": \"dermachart-record\", \"version\": 7}", "version");
  assert_refused (fixture, fitzpatrick, "fitzpatrick");
  assert_refused (fixture, depth, "depth-mm");
  assert_refused (fixture, kind, "status");
  assert_refused (fixture, type, "given-name");
  assert_refused (fixture, unknown, "nickname");
  assert_refused (fixture, date, "date of birth");
  assert_refused (fixture, lot_ref, "lot-id");

  /* The untouched file still imports. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DcPatient) patient = dc_record_json_import (fixture->target.store, good, -1,
                                                          &error);

    g_assert_no_error (error);
  }
}

/* An object or a list where the file should hold text or a number is
 * refused like any other wrong value, without a warning on the way. */
static void
test_refused_wrong_kinds (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *good = export_first (fixture);
  /* The patient's, the first in the file. */
  g_autofree char *uuid = replace (good, "\"uuid\" : \"", "\"uuid\" : {}, \"x\" : \"");

  assert_refused (fixture, "{\"format\": {\"name\": \"dermachart-record\"}, \"version\": 1}",
                  "not a Dermachart record");
  assert_refused (fixture, "{\"format\": [\"dermachart-record\"], \"version\": 1}",
                  "not a Dermachart record");
  assert_refused (fixture, "{\"format\": \"dermachart-record\", \"version\": [1]}", "version");
  assert_refused (fixture, "{\"format\": \"dermachart-record\", \"version\": {}}", "version");
  assert_refused (fixture, uuid, "uuid");

  /* The place is named once. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (dc_record_json_import (fixture->target.store,
                                          "{\"format\": \"dermachart-record\", \"version\": 1, "
                                          "\"practitioners\": [{\"uuid\": "
                                          "\"3e8e7d71-5c4f-4a01-8f6c-801d4f415c6d\", "
                                          "\"nickname\": \"Doc\"}]}", -1, &error));
    g_assert_error (error, DC_ERROR, DC_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "practitioners 1: unknown member “nickname”");
  }
}

/* Brackets nested far deeper than a record's are refused before json-glib
 * parses them: its parser recurses per level, and a million levels
 * overflowed the stack. Brackets in text are only text. */
static void
test_refused_deep (Fixture       *fixture,
                   gconstpointer  data)
{
  const guint depths[] = { 33, 100000, 1000000 };
  g_autofree char *good = export_first (fixture);
  g_autofree char *brackets = g_strnfill (100, '[');
  g_autofree char *with = g_strdup_printf ("\"family-name\" : \"%s", brackets);
  g_autofree char *bracketed_name = replace (good, "\"family-name\" : \"", with);
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      GString *text = g_string_new ("{\"format\": \"dermachart-record\", \"version\": 1, "
                                    "\"patient\": ");
      g_autofree char *owned = NULL;

      for (guint j = 0; j < depths[i]; j++)
        g_string_append_c (text, j % 2 ? '[' : '{');
      owned = g_string_free (text, FALSE);
      assert_refused (fixture, owned, "deeper");
    }

  patient = dc_record_json_import (fixture->target.store, bracketed_name, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (dc_patient_get_family_name (patient), brackets));
}

/* Text that json-glib would take but change or break: bytes that are not
 * UTF-8 (its messages quoted them), a NUL escape (it cut the name short
 * there) and half a surrogate pair (it stored invalid UTF-8). */
static void
test_refused_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *good = export_first (fixture);
  const char *name = "\"given-name\" : \"Karim\"";
  g_autofree char *latin1 = replace (good, name, "\"given-name\" : \"K\xe4rim\"");
  /* A surrogate encoded as UTF-8, which json-glib let through to quote it. */
  g_autofree char *cesu = replace (good, name, "\"given-name\" : \"Karim\"\xed\xa0\x80");
  g_autofree char *nul = replace (good, name, "\"given-name\" : \"Karim\\u0000Eve\"");
  g_autofree char *high = replace (good, name, "\"given-name\" : \"Karim\\ud83d\"");
  g_autofree char *low = replace (good, name, "\"given-name\" : \"\\ude00Karim\"");
  g_autofree char *reversed = replace (good, name, "\"given-name\" : \"\\ude00\\ud83d\"");
  g_autofree char *short_escape = replace (good, "\"family-name\"", "\"\\udate\"");
  g_autofree char *pair = replace (good, name, "\"given-name\" : \"Karim \\ud83d\\ude00\"");
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (fixture, latin1, "not UTF-8");
  assert_refused (fixture, cesu, "not UTF-8");
  assert_refused (fixture, nul, "NUL");
  assert_refused (fixture, high, "UTF-16");
  assert_refused (fixture, low, "UTF-16");
  assert_refused (fixture, reversed, "UTF-16");
  /* json-glib made a surrogate of a member's name "\udate". */
  assert_refused (fixture, short_escape, "four hex digits");
  /* json-glib's message quotes the bad string cut short inside "ح". */
  assert_refused (fixture, "{\"n\":\"\\u00dcn\\u00efcode \\ud83d\\ude00 \\\"quoted\\\" "
                  "\\u0645\\u0631\\u062d\\u0628\\s\":1}", "not valid JSON");

  /* A whole pair is one character. */
  patient = dc_record_json_import (fixture->target.store, pair, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dc_patient_get_given_name (patient), ==, "Karim \xf0\x9f\x98\x80");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/record-json/round-trip", Fixture, NULL, fixture_setup, test_round_trip,
              fixture_teardown);
  g_test_add ("/record-json/refused", Fixture, NULL, fixture_setup, test_refused,
              fixture_teardown);
  g_test_add ("/record-json/refused/wrong-kinds", Fixture, NULL, fixture_setup,
              test_refused_wrong_kinds, fixture_teardown);
  g_test_add ("/record-json/refused/deep", Fixture, NULL, fixture_setup, test_refused_deep,
              fixture_teardown);
  g_test_add ("/record-json/refused/text", Fixture, NULL, fixture_setup, test_refused_text,
              fixture_teardown);

  return g_test_run ();
}
