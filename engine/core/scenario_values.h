/* scenario_values.h: one key's value checked and stored by its type in the
 * key table: what the readers of scenario files and --set share. */
#ifndef GASDEP_CORE_SCENARIO_VALUES_H
#define GASDEP_CORE_SCENARIO_VALUES_H

#include "scenario.h"
#include "scenario_keys.h"

/* The key table's entry for key in a section of kind; NULL if none. */
const key_def *scenario_key_lookup(int kind, const char *key);
/* rel as a path from the directory of naming_file (rel itself when absolute
 * or naming_file is NULL); malloc'd, NULL when out of memory. */
char *scenario_path_join(const char *naming_file, const char *rel);
/* Set key of element el (a section of kind) to value, written at `at`;
 * errors go to the scenario's log with that location. */
void scenario_apply_key(scenario *s, int kind, void *el, const char *key,
                        const char *value, srcloc at);

#endif
