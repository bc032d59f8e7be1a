/* dc-types.h: forward declarations of every Dermachart type, so that headers
 * never need to include each other just to name a type. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DcRecord          DcRecord;
typedef struct _DcPatient         DcPatient;
typedef struct _DcPractitioner    DcPractitioner;
typedef struct _DcClinic          DcClinic;
typedef struct _DcDepthGuidance   DcDepthGuidance;
typedef struct _DcDevice          DcDevice;
typedef struct _DcProduct         DcProduct;
typedef struct _DcLot             DcLot;
typedef struct _DcSession         DcSession;
typedef struct _DcProductUse      DcProductUse;
typedef struct _DcZoneTreatment   DcZoneTreatment;
typedef struct _DcPhoto           DcPhoto;
typedef struct _DcSideEffect      DcSideEffect;
typedef struct _DcDisclosure      DcDisclosure;
typedef struct _DcAuditEntry      DcAuditEntry;
typedef struct _DcStore           DcStore;

typedef struct _DcApplication     DcApplication;
typedef struct _DcWindow          DcWindow;

G_END_DECLS
