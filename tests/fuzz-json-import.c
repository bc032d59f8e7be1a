/* fuzz-json-import.c: mutated patient records through the JSON import.
 *
 * Seeds are the demo clinic's patients as `dermachart export` writes them,
 * and hand-made edge cases. Mutations are those of dc-fuzz.c plus ones that
 * know JSON: a value replaced by an odd one of another type, a huge or
 * out-of-range number, an overlong or invalid UTF-8 string, a member
 * dropped, duplicated or renamed, an array element repeated, nesting
 * thousands deep.
 *
 * Every input is imported into a real store, with the chart's depth rules
 * installed as the command line does. The oracles: an import either
 * succeeds or fails with a readable error; a refused import commits
 * nothing (SQLite's data_version of the file does not move and no table
 * gains a row); an accepted one exports again, and that export imports
 * into a second store and exports from there to the same text. Every few
 * seconds and at the end, both stores pass integrity and foreign key
 * checks. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "dc-demo.h"
#include "dc-fuzz.h"
#include "dc-record-json.h"
#include "dc-test-util.h"
#include "dc-zone-rules.h"

/* Stores are replaced by fresh ones after this many inputs, so that they
 * stay small and every generation starts from an empty clinic. */
#define INPUTS_PER_GENERATION 3000

#define MAX_INPUT_LENGTH (4 * 1024 * 1024)

/* Stands in for a raw piece of text in a generated document. */
#define RAW_MARK "@@dc-fuzz-raw@@"

typedef struct
{
  char          *dir;
  guint          generation;
  guint          n_inputs;
  DcStore       *store;   /* inputs are imported here */
  DcStore       *mirror;  /* re-exports of accepted inputs, here */
  sqlite3       *reader;  /* a second connection to the store's file */
  GPtrArray     *counts;  /* "SELECT count(*)" of every table */
  sqlite3_stmt  *data_version;
} JsonFuzz;

/* Stores ------------------------------------------------------------------- */

static DcStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  DcStore *store = dc_store_open (path, &error);

  g_assert_no_error (error);
  dc_zone_rules_install (store);
  dc_store_set_actor (store, "fuzz-json-import");
  return store;
}

static void
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
}

static gint64
step_int (sqlite3_stmt *stmt)
{
  gint64 value;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
open_generation (JsonFuzz *fuzz)
{
  g_autofree char *folder = g_strdup_printf ("%s/%u", fuzz->dir, ++fuzz->generation);
  g_autofree char *path = g_build_filename (folder, "store", "dermachart.db", NULL);
  g_autofree char *mirror_path = g_build_filename (folder, "mirror", "dermachart.db", NULL);
  sqlite3_stmt *tables = NULL;

  fuzz->store = open_store (path);
  fuzz->mirror = open_store (mirror_path);
  fuzz->n_inputs = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &fuzz->reader, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  prepare (fuzz->reader, "PRAGMA data_version", &fuzz->data_version);

  /* Table names come from the schema, never from an input. */
  fuzz->counts = g_ptr_array_new_with_free_func (finalize_stmt);
  prepare (fuzz->reader, "SELECT name FROM sqlite_schema WHERE type = 'table'", &tables);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"",
                                              sqlite3_column_text (tables, 0));
      sqlite3_stmt *count = NULL;

      prepare (fuzz->reader, sql, &count);
      g_ptr_array_add (fuzz->counts, count);
    }
  sqlite3_finalize (tables);
  g_assert_cmpuint (fuzz->counts->len, >, 5);
}

static void
check_database (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  prepare (db, "PRAGMA integrity_check", &stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  prepare (db, "PRAGMA foreign_key_check", &stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_error ("%s: a row of %s refers to a missing row of %s", path,
             sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
check_cb (gpointer data)
{
  JsonFuzz *fuzz = data;

  check_database (dc_store_get_path (fuzz->store));
  check_database (dc_store_get_path (fuzz->mirror));
}

static void
close_generation (JsonFuzz *fuzz)
{
  g_autofree char *folder = g_strdup_printf ("%s/%u", fuzz->dir, fuzz->generation);

  check_cb (fuzz);
  g_clear_pointer (&fuzz->counts, g_ptr_array_unref);
  g_clear_pointer (&fuzz->data_version, sqlite3_finalize);
  g_clear_pointer (&fuzz->reader, sqlite3_close);
  g_assert_finalize_object (g_steal_pointer (&fuzz->store));
  g_assert_finalize_object (g_steal_pointer (&fuzz->mirror));
  rm_rf (folder);
}

static gint64 *
count_rows (JsonFuzz *fuzz)
{
  gint64 *counts = g_new (gint64, fuzz->counts->len);

  for (guint i = 0; i < fuzz->counts->len; i++)
    counts[i] = step_int (g_ptr_array_index (fuzz->counts, i));
  return counts;
}

/* Running an input --------------------------------------------------------- */

static DcFuzzVerdict
run_cb (gpointer      data,
        const guint8 *input,
        gsize         length)
{
  JsonFuzz *fuzz = data;
  g_autoptr(DcPatient) patient = NULL;
  g_autoptr(DcPatient) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *counts_before = NULL;
  g_autofree gint64 *counts_after = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *exported_again = NULL;
  gint64 version_before;

  if (fuzz->n_inputs++ == INPUTS_PER_GENERATION)
    {
      close_generation (fuzz);
      open_generation (fuzz);
    }

  version_before = step_int (fuzz->data_version);
  counts_before = count_rows (fuzz);

  patient = dc_record_json_import (fuzz->store, (const char *) input, length, &error);
  if (patient == NULL)
    {
      dc_fuzz_assert_error (error);

      /* Nothing was committed, and nothing was added. */
      g_assert_cmpint (step_int (fuzz->data_version), ==, version_before);
      counts_after = count_rows (fuzz);
      g_assert_cmpmem (counts_before, fuzz->counts->len * sizeof (gint64),
                       counts_after, fuzz->counts->len * sizeof (gint64));
      return DC_FUZZ_REFUSED;
    }

  g_assert_no_error (error);
  g_assert_cmpint (dc_record_get_id (DC_RECORD (patient)), >, 0);
  g_assert_cmpint (step_int (fuzz->data_version), !=, version_before);

  /* What was accepted is a record like any other: it exports, and the
   * export makes the same record elsewhere. */
  exported = dc_record_json_export_patient (fuzz->store, dc_record_get_id (DC_RECORD (patient)),
                                            &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (exported, -1, NULL));
  copy = dc_record_json_import (fuzz->mirror, exported, -1, &error);
  if (error != NULL)
    g_error ("An accepted record does not import again from its export: %s\n%s",
             error->message, exported);
  exported_again = dc_record_json_export_patient (fuzz->mirror,
                                                  dc_record_get_id (DC_RECORD (copy)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exported_again, ==, exported);

  return DC_FUZZ_ACCEPTED;
}

/* Seeds -------------------------------------------------------------------- */

static const char *const hand_made_seeds[] = {
  /* The least a record can be. */
  "{\"format\":\"dermachart-record\",\"version\":1,\"patient\":{"
  "\"uuid\":\"0b5b4a4e-2f1c-4d8e-9c39-5d9a1c1e2f3a\",\"family-name\":\"Minimal\","
  "\"given-name\":\"Mo\",\"birth-date\":\"1990-01-01\"}}",
  /* A session with a child, refering to a catalogue record in the file. */
  "{\"format\":\"dermachart-record\",\"version\":1,\"patient\":{"
  "\"uuid\":\"1c6c5b5f-3a2d-4e9f-8d4a-6e0b2d2f3a4b\",\"family-name\":\"Edge\","
  "\"given-name\":\"Case\",\"birth-date\":\"2000-02-29\",\"fitzpatrick\":6,"
  "\"medical-flags\":[\"hsv\",\"keloid\"],\"consent\":[\"clinical\"],\"notes\":"
  "\"\\u00dcn\\u00efcode \\ud83d\\ude00 \\\"quoted\\\" \\u0645\\u0631\\u062d\\u0628\\u0627\"},"
  "\"sessions\":[{\"uuid\":\"2d7d6c60-4b3e-4fa0-9e5b-7f1c3e304b5c\","
  "\"started-at\":\"2026-01-31T23:59:59Z\",\"practitioner-id\":"
  "\"3e8e7d71-5c4f-4a01-8f6c-801d4f415c6d\",\"status\":\"draft\",\"side-effects\":[],"
  "\"zone-treatments\":[],\"photos\":[],\"product-uses\":[]}],"
  "\"practitioners\":[{\"uuid\":\"3e8e7d71-5c4f-4a01-8f6c-801d4f415c6d\","
  "\"name\":\"Dr. Edge\"}],\"devices\":[],\"products\":[],\"lots\":[]}",
  /* Not records at all. */
  "{}",
  "[]",
  "null",
  "\"dermachart-record\"",
  "{\"format\":\"dermachart-record\",\"version\":2}",
  "{\"format\":\"dermachart-record\",\"version\":1}",
  "{\"format\":{\"nested\":true},\"version\":[1],\"patient\":[]}",
};

static GPtrArray *
make_seeds_cb (gpointer data)
{
  JsonFuzz *fuzz = data;
  g_autofree char *demo_dir = g_build_filename (fuzz->dir, "demo", NULL);
  g_autofree char *path = g_build_filename (demo_dir, "dermachart.db", NULL);
  g_autoptr(DcStore) demo = open_store (path);
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_assert_true (dc_demo_fill (demo, NULL, NULL, &error));
  g_assert_no_error (error);
  patients = dc_store_search_patients (demo, NULL, TRUE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(DcPatient) patient = g_list_model_get_item (patients, i);
      char *json = dc_record_json_export_patient (demo, dc_record_get_id (DC_RECORD (patient)),
                                                  &error);

      g_assert_no_error (error);
      g_ptr_array_add (seeds, g_bytes_new_take (json, strlen (json)));
    }
  g_assert_cmpuint (seeds->len, >=, 3);

  for (guint i = 0; i < G_N_ELEMENTS (hand_made_seeds); i++)
    g_ptr_array_add (seeds, g_bytes_new_static (hand_made_seeds[i],
                                                strlen (hand_made_seeds[i])));

  g_assert_finalize_object (g_steal_pointer (&demo));
  rm_rf (demo_dir);
  return seeds;
}

/* Structured mutations ----------------------------------------------------- */

/* Nodes are numbered in pre-order, the order both collect() and rebuild()
 * walk them in. */
typedef struct
{
  JsonNode *node;
  gboolean  in_object;  /* a member, not an array element or the root */
  char     *member;
} Slot;

static void
slot_clear (gpointer data)
{
  g_free (((Slot *) data)->member);
}

static void
collect (JsonNode   *node,
         gboolean    in_object,
         const char *member,
         GArray     *slots,
         GPtrArray  *strings,
         GPtrArray  *names)
{
  Slot slot = { node, in_object, g_strdup (member) };

  g_array_append_val (slots, slot);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_ptr_array_add (names, g_strdup (l->data));
          collect (json_object_get_member (object, l->data), TRUE, l->data, slots, strings,
                   names);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect (json_array_get_element (array, i), FALSE, NULL, slots, strings, names);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
}

/* A deep copy: json_node_copy() shares objects and arrays. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

typedef enum
{
  EDIT_REPLACE,
  EDIT_DROP,       /* a member or an element */
  EDIT_REPEAT,     /* an element, twice */
  EDIT_RENAME,     /* a member, under another name too or instead */
} EditKind;

typedef struct
{
  EditKind  kind;
  guint     target;
  guint     counter;
  JsonNode *replacement;  /* owned */
  char     *name;
  gboolean  keep_old_name;
} Edit;

/* New nodes that take the container's reference. */
static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_init (json_node_alloc (), JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
array_node (JsonArray *array)
{
  JsonNode *node = json_node_init (json_node_alloc (), JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

/* Copies @node with @edit applied. The tree is built afresh rather than
 * changed in place: json-glib 1.6 keeps a stale pointer when a node that
 * held an object is re-initialised, and frees it twice later. */
static JsonNode *
rebuild (JsonNode *node,
         Edit     *edit)
{
  guint index = edit->counter++;

  if (index == edit->target && edit->kind == EDIT_REPLACE && edit->replacement != NULL)
    return g_steal_pointer (&edit->replacement);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *copy = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          guint child_index = edit->counter;
          JsonNode *child = rebuild (json_object_get_member (object, l->data), edit);

          if (child_index != edit->target || edit->kind == EDIT_REPLACE)
            json_object_set_member (copy, l->data, child);
          else if (edit->kind == EDIT_RENAME)
            {
              if (edit->keep_old_name)
                json_object_set_member (copy, l->data, deep_copy (child));
              json_object_set_member (copy, edit->name, child);
            }
          else
            json_node_unref (child);
        }
      return object_node (copy);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint child_index = edit->counter;
          JsonNode *child = rebuild (json_array_get_element (array, i), edit);

          if (child_index == edit->target && edit->kind == EDIT_DROP)
            {
              json_node_unref (child);
              continue;
            }
          if (child_index == edit->target && edit->kind == EDIT_REPEAT)
            json_array_add_element (copy, deep_copy (child));
          json_array_add_element (copy, child);
        }
      return array_node (copy);
    }

  return json_node_copy (node);
}

static char *
random_string (GRand *rand,
               gsize  length,
               char   fill)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789 ";
  char *text = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    text[i] = fill != 0 ? fill : alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
  text[length] = '\0';
  return text;
}

/* Raw JSON text for an odd value: numbers JSON can write but the model
 * cannot hold, strings that are not what they claim, nesting. */
static char *
odd_raw_value (GRand *rand)
{
  static const char *const raw[] = {
    "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551616", "2147483647", "2147483648",
    "-2147483649", "4294967296", "1e308", "1e309", "-1e309", "1e-400", "-0", "-0.0",
    "0.1e1", "5e-324", "1.7976931348623157e308", "NaN", "Infinity", "-Infinity", "nan",
    "0x10", "01", "1.", ".5", "+1", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"a\\u0000b\"",
    "\"\\u0000\"", "\"\xff\xfe\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
    "\"%s%s%n%x\"", "\"'); DROP TABLE patient; --\"", "\"\\u202eevil\"", "\"\\r\\n\\t\"",
    "\"2024-02-30\"", "\"0000-00-00\"", "\"9999-12-31T23:59:60Z\"", "\"2026-13-01T00:00:00Z\"",
    "\"2026-01-01T00:00:00+02:00\"", "\"2026-01-01 00:00:00\"", "\"-0001-01-01\"",
    "\"00000000-0000-0000-0000-000000000000\"", "\"ffffffff-ffff-ffff-ffff-ffffffffffff\"",
    "\"=\"", "\"====\"", "\"QUJD\"", "\"////\"", "[\"hsv\",\"hsv\"]", "[null]", "[[]]",
    "{\"\":null}", "true", "false", "null", "\"\"", "[]", "{}",
  };
  guint choice = g_rand_int_range (rand, 0, G_N_ELEMENTS (raw) + 4);

  if (choice < G_N_ELEMENTS (raw))
    return g_strdup (raw[choice]);

  switch (choice - G_N_ELEMENTS (raw))
    {
    case 0:  /* nesting, from plausible to stack-breaking */
    case 1:
      {
        static const guint depths[] = { 64, 200, 1000, 10000, 100000, 1000000 };
        guint depth = depths[g_rand_int_range (rand, 0, G_N_ELEMENTS (depths))];
        gboolean objects = choice - G_N_ELEMENTS (raw) == 1;
        GString *text = g_string_sized_new (depth * (objects ? 7 : 2));

        for (guint i = 0; i < depth; i++)
          g_string_append (text, objects ? "{\"a\":" : "[");
        g_string_append (text, "1");
        for (guint i = 0; i < depth; i++)
          g_string_append_c (text, objects ? '}' : ']');
        return g_string_free (text, FALSE);
      }
    case 2:  /* an overlong string */
      {
        static const gsize lengths[] = { 256, 4096, 65536, 1024 * 1024 };
        g_autofree char *body = random_string (rand, lengths[g_rand_int_range (rand, 0, 4)],
                                               g_rand_boolean (rand) ? 'x' : 0);

        return g_strdup_printf ("\"%s\"", body);
      }
    default:  /* a big random integer */
      return g_strdup_printf ("%" G_GINT64_FORMAT,
                              (gint64) ((guint64) g_rand_int (rand) << 32 | g_rand_int (rand)));
    }
}

/* Replaces every RAW_MARK string in @text with the raw texts, in order. */
static GBytes *
substitute_raw (const char *text,
                GPtrArray  *raws)
{
  GString *out = g_string_new (NULL);
  const char *quoted = "\"" RAW_MARK "\"";
  const char *p = text;
  guint next = 0;

  for (;;)
    {
      const char *found = strstr (p, quoted);

      if (found == NULL || next >= raws->len)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, found - p);
      g_string_append (out, g_ptr_array_index (raws, next++));
      p = found + strlen (quoted);
    }

  return g_string_free_to_bytes (out);
}

/* How deep the brackets of @text nest, strings aside. The harness's own
 * parsing must not meet the nesting it feeds the import. */
static guint
nesting_depth (const char *text,
               gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0, max = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (in_string)
        {
          if (text[i] == '\\')
            i++;
          else if (text[i] == '"')
            in_string = FALSE;
        }
      else if (text[i] == '"')
        in_string = TRUE;
      else if (text[i] == '[' || text[i] == '{')
        max = MAX (max, ++depth);
      else if ((text[i] == ']' || text[i] == '}') && depth > 0)
        depth--;
    }
  return max;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
quote (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

  return json_to_string (node, FALSE);
}

static JsonNode *
parse (GBytes *input)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length;
  const char *data = g_bytes_get_data (input, &length);
  JsonNode *root;

  if (data == NULL || length == 0 || length > 256 * 1024 || nesting_depth (data, length) > 256
      || !json_parser_load_from_data (parser, data, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL ? deep_copy (root) : NULL;
}

static GBytes *
mutate_cb (gpointer   data,
           GRand     *rand,
           GBytes    *input,
           GPtrArray *corpus)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) raws = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  guint n_mutations = 1 + g_rand_int_range (rand, 0, 4);

  root = parse (input);
  if (root == NULL)
    return NULL;
  g_array_set_clear_func (slots, slot_clear);

  for (guint m = 0; m < n_mutations; m++)
    {
      Edit edit = { EDIT_REPLACE };
      Slot *slot;
      JsonNode *rebuilt;

      g_array_set_size (slots, 0);
      g_ptr_array_set_size (strings, 0);
      g_ptr_array_set_size (names, 0);
      collect (root, FALSE, NULL, slots, strings, names);
      edit.target = g_rand_int_range (rand, 0, slots->len);
      slot = &g_array_index (slots, Slot, edit.target);

      switch (g_rand_int_range (rand, 0, 9))
        {
        case 0:  /* an odd value, as raw text */
        case 1:
          g_ptr_array_add (raws, odd_raw_value (rand));
          edit.replacement = json_node_init_string (json_node_alloc (), RAW_MARK);
          break;

        case 2:  /* a string from elsewhere in the file: references mixed up */
          if (strings->len > 0)
            edit.replacement = json_node_init_string (
              json_node_alloc (), g_ptr_array_index (strings,
                                                     g_rand_int_range (rand, 0, strings->len)));
          break;

        case 3:  /* a member or element dropped */
          edit.kind = EDIT_DROP;
          break;

        case 4:  /* an element repeated: the same UUID twice in one file */
          edit.kind = EDIT_REPEAT;
          break;

        case 5:  /* a member twice, with different values: raw text again */
          if (slot->in_object)
            {
              g_autofree char *value = json_to_string (slot->node, FALSE);
              g_autofree char *odd = odd_raw_value (rand);
              g_autofree char *name = quote (slot->member);

              g_ptr_array_add (raws, g_rand_boolean (rand)
                               ? g_strdup_printf ("%s,%s:%s", value, name, odd)
                               : g_strdup_printf ("%s,%s:%s", odd, name, value));
              edit.replacement = json_node_init_string (json_node_alloc (), RAW_MARK);
            }
          break;

        case 6:  /* a member renamed to another's name, or a new member */
          edit.kind = EDIT_RENAME;
          edit.keep_old_name = g_rand_boolean (rand);
          edit.name = g_rand_int_range (rand, 0, 4) == 0 || names->len == 0
                      ? "x-unknown-member"
                      : g_ptr_array_index (names, g_rand_int_range (rand, 0, names->len));
          break;

        case 7:  /* a subtree from another input, or from this one */
          {
            GBytes *other = g_ptr_array_index (corpus, g_rand_int_range (rand, 0, corpus->len));
            g_autoptr(JsonNode) other_root = g_rand_boolean (rand) ? parse (other) : NULL;
            g_autoptr(GArray) other_slots = g_array_new (FALSE, FALSE, sizeof (Slot));
            g_autoptr(GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);
            GArray *from = slots;

            g_array_set_clear_func (other_slots, slot_clear);
            if (other_root != NULL)
              {
                collect (other_root, FALSE, NULL, other_slots, ignored, ignored);
                from = other_slots;
              }
            edit.replacement = deep_copy (g_array_index (from, Slot,
                                                         g_rand_int_range (rand, 0,
                                                                           from->len)).node);
          }
          break;

        default:  /* a change of type */
          {
            JsonNode *node = json_node_alloc ();

            switch (g_rand_int_range (rand, 0, 6))
              {
              case 0:
                json_node_init_null (node);
                break;
              case 1:
                json_node_init_boolean (node, g_rand_boolean (rand));
                break;
              case 2:
                json_node_init_int (node, g_rand_int_range (rand, -10, 10));
                break;
              case 3:
                json_node_init_double (node, g_rand_double_range (rand, -1e6, 1e6));
                break;
              case 4:
                json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), json_array_new ());
                break;
              default:
                json_node_take_object (json_node_init (node, JSON_NODE_OBJECT),
                                       json_object_new ());
                break;
              }
            edit.replacement = node;
          }
          break;
        }

      rebuilt = rebuild (root, &edit);
      g_clear_pointer (&edit.replacement, json_node_unref);
      json_node_unref (root);
      root = rebuilt;
    }

  text = json_to_string (root, FALSE);
  return substitute_raw (text, raws);
}

/* Gives the patient and everything nested in it fresh UUIDs, all through
 * the text, so that an accepted import does not make every later mutant of
 * the same seed a duplicate. Catalogue records keep theirs: they are
 * shared between patients by design. */
static GBytes *
fix_up_cb (gpointer  data,
           GRand    *rand,
           GBytes   *input)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  JsonObject *object;
  JsonNode *patient;
  JsonNode *sessions;
  gsize length;
  const guint8 *data_in = g_bytes_get_data (input, &length);
  guint8 *copy;

  /* Sometimes a duplicate is what we want to see refused. */
  if (g_rand_int_range (rand, 0, 8) == 0)
    return g_bytes_ref (input);

  root = parse (input);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_bytes_ref (input);
  object = json_node_get_object (root);

  patient = json_object_get_member (object, "patient");
  if (patient != NULL && JSON_NODE_HOLDS_OBJECT (patient))
    g_ptr_array_add (uuids, (gpointer) string_member (json_node_get_object (patient), "uuid"));

  sessions = json_object_get_member (object, "sessions");
  if (sessions != NULL && JSON_NODE_HOLDS_ARRAY (sessions))
    {
      JsonArray *array = json_node_get_array (sessions);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *session = json_array_get_element (array, i);
          g_autoptr(GList) members = NULL;
          JsonObject *session_object;

          if (!JSON_NODE_HOLDS_OBJECT (session))
            continue;
          session_object = json_node_get_object (session);
          g_ptr_array_add (uuids, (gpointer) string_member (session_object, "uuid"));
          members = json_object_get_members (session_object);
          for (GList *l = members; l != NULL; l = l->next)
            {
              JsonNode *member = json_object_get_member (session_object, l->data);
              JsonArray *children;

              if (!JSON_NODE_HOLDS_ARRAY (member))
                continue;
              children = json_node_get_array (member);
              for (guint j = 0; j < json_array_get_length (children); j++)
                {
                  JsonNode *child = json_array_get_element (children, j);

                  if (JSON_NODE_HOLDS_OBJECT (child))
                    g_ptr_array_add (uuids, (gpointer) string_member (json_node_get_object (child),
                                                                      "uuid"));
                }
            }
        }
    }

  copy = g_memdup2 (data_in, length);
  for (guint i = 0; i < uuids->len; i++)
    {
      const char *uuid = g_ptr_array_index (uuids, i);
      char fresh[37];
      guint8 *at;

      if (uuid == NULL || !g_uuid_string_is_valid (uuid))
        continue;
      /* A version 4 UUID from our own generator, so runs repeat. */
      g_snprintf (fresh, sizeof fresh, "%08x-%04x-4%03x-%04x-%04x%08x", g_rand_int (rand),
                  g_rand_int (rand) & 0xffff, g_rand_int (rand) & 0xfff,
                  0x8000 | (g_rand_int (rand) & 0x3fff), g_rand_int (rand) & 0xffff,
                  g_rand_int (rand));
      for (guint8 *p = copy; (at = memmem (p, length - (p - copy), uuid, 36)) != NULL; p = at + 36)
        memcpy (at, fresh, 36);
    }

  return g_bytes_new_take (copy, length);
}

/* Main --------------------------------------------------------------------- */

static const char *dictionary[] = {
  "\"", "\\", "\\u", "\\ud800", "\\u0000", "{", "}", "[", "]", ":", ",", "null", "true",
  "false", "-", "e999", "1e309", "\"format\"", "\"version\"", "\"patient\"", "\"sessions\"",
  "\"uuid\"", "\"dermachart-record\"", "\xff", "\xc3", "\xe2\x80\xae", "\"\":",
};

int
main (int   argc,
      char *argv[])
{
  gsize lengths[G_N_ELEMENTS (dictionary)];
  DcFuzzTarget target = {
    .name = "fuzz-json-import",
    .max_length = MAX_INPUT_LENGTH,
    .dictionary = dictionary,
    .dictionary_lengths = lengths,
    .n_dictionary = G_N_ELEMENTS (dictionary),
    .make_seeds = make_seeds_cb,
    .run = run_cb,
    .mutate = mutate_cb,
    .fix_up = fix_up_cb,
    .check = check_cb,
  };
  JsonFuzz fuzz = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dictionary); i++)
    lengths[i] = strlen (dictionary[i]);

  fuzz.dir = dc_fuzz_scratch_dir ("fuzz-json");
  open_generation (&fuzz);

  status = dc_fuzz_main (&target, &fuzz, argc, argv);

  close_generation (&fuzz);
  rm_rf (fuzz.dir);
  g_free (fuzz.dir);
  return status;
}
