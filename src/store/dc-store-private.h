/* dc-store-private.h: what the store's own files share. Nothing outside
 * src/store/ includes this. */
#pragma once

#include <sqlite3.h>

#include "dc-store.h"

G_BEGIN_DECLS

/* "DCHT" — marks the file as a Dermachart database. */
#define DC_STORE_APPLICATION_ID 0x44434854

gboolean _dc_store_migrate         (sqlite3      *db,
                                    int           from_version,
                                    GError      **error);
gboolean _dc_store_exec            (sqlite3      *db,
                                    const char   *sql,
                                    GError      **error);
gboolean _dc_store_set_error       (sqlite3      *db,
                                    int           rc,
                                    GError      **error);

G_END_DECLS
