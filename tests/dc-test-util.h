/* dc-test-util.h: helpers shared by the test programs. */
#pragma once

#include <sqlite3.h>

#include "dc-store.h"

G_BEGIN_DECLS

typedef struct
{
  char    *dir;
  char    *path;
  DcStore *store;
} StoreFixture;

void       store_fixture_setup     (StoreFixture  *fixture,
                                    gconstpointer  data);
void       store_fixture_teardown  (StoreFixture  *fixture,
                                    gconstpointer  data);
void       rm_rf                   (const char    *path);
DcPatient *make_patient            (const char    *family_name,
                                    const char    *given_name,
                                    const char    *birth_date);
gboolean   make_read_only          (const char    *path,
                                    gboolean       read_only);
typedef gboolean (*DcTestPredicate) (gpointer data);

void       wait_until              (DcTestPredicate  predicate,
                                    gpointer         data);
void       wait_for                (gboolean      *flag);
void       wait_for_store          (DcStore       *store);

void       dc_test_undo_to_version_3 (sqlite3      *db);

G_END_DECLS
