/* validate.h: checks of the parsed scenario that need no network: dates in
 * order, required settings, one of factor or value, list lengths. */
#ifndef GASDEP_CORE_VALIDATE_H
#define GASDEP_CORE_VALIDATE_H

#include "scenario.h"

/* Report every problem of the parsed scenario that needs no name
 * resolution into s->err. With complete = 0 (after a failed load) the
 * checks for missing keys are skipped: a key given with a bad value reads
 * as missing, and would be reported twice. Returns the number found. */
int scenario_check(const scenario *s, int complete);

#endif
