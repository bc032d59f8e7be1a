/* dc-record-json.h: a patient's whole record as JSON, out and back in.
 * The format is described in docs/record-format.md. */
#pragma once

#include "dc-store.h"

G_BEGIN_DECLS

#define DC_RECORD_FORMAT_NAME    "dermachart-record"
#define DC_RECORD_FORMAT_VERSION 1

char      *dc_record_json_export_patient (DcStore      *store,
                                          gint64        patient_id,
                                          GError      **error);
DcPatient *dc_record_json_import         (DcStore      *store,
                                          const char   *data,
                                          gssize        length,
                                          GError      **error);

G_END_DECLS
