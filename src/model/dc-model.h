/* dc-model.h: every record type of the clinical model. */
#pragma once

#include "dc-audit-entry.h"
#include "dc-clinic.h"
#include "dc-device.h"
#include "dc-enums.h"
#include "dc-error.h"
#include "dc-lot.h"
#include "dc-patient.h"
#include "dc-photo.h"
#include "dc-practitioner.h"
#include "dc-product.h"
#include "dc-product-use.h"
#include "dc-record.h"
#include "dc-session.h"
#include "dc-side-effect.h"
#include "dc-util.h"
#include "dc-zone-treatment.h"
