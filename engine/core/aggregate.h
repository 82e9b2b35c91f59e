/* aggregate.h: reading finished run directories back (gasdep_aggregate and
 * gasdep_diff, declared in include/gasdep/gasdep.h). */
#ifndef GASDEP_CORE_AGGREGATE_H
#define GASDEP_CORE_AGGREGATE_H

#include <stddef.h>

#include "gasdep/gasdep.h"

/* Label of the period (0 month "2022-01", 1 quarter "2022-Q1", 2 gas year
 * "2021/2022" from 1 October, 3 year "2022") that holds `day`. */
void aggregate_period_label(int period, int day, char *buf, size_t len);

#endif
