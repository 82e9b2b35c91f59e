/* fuzz_common.h: what the harnesses share: a small scenario and temporary
 * files for the inputs that must come from a file. */
#ifndef GASDEP_FUZZ_COMMON_H
#define GASDEP_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Two regions, one source, a pipeline, storage, LNG and an event. */
#define FUZZ_SCENARIO                                                        \
    "[scenario]\nname = fuzz\nstart = 2022-01-01\nend = 2022-01-10\n"          \
    "[origin RU]\n[origin LNG]\n"                                            \
    "[node H]\n[region A]\ndemand = 10 mcm/d\n[region B]\ndemand = 5 mcm/d\n" \
    "[source S]\nnode = H\norigin = RU\ncapacity = 12 mcm/d\ncost = 20\n"    \
    "[pipeline P]\nfrom = H\nto = A\ncapacity = 20 mcm/d\n"                  \
    "[pipeline Q]\nfrom = A\nto = B\ncapacity = 4 mcm/d\ntariff = 1\n"       \
    "[storage G]\nnode = A\nvolume = 100 mcm\ninjection = 2 mcm/d\n"         \
    "withdrawal = 3 mcm/d\n"                                                 \
    "[lng T]\nnode = B\ncapacity = 2 mcm/d\norigins = LNG\ncosts = 40\n"     \
    "[event cut]\ntarget = source.S\nstart = 2022-01-05\nfactor = 50%\n"

/* Path of a file holding FUZZ_SCENARIO (written once per process). */
const char *fuzz_scenario_path(void);
/* The per-process temporary directory (removed at exit with the files the
 * harnesses write there); NULL if it cannot be made. */
const char *fuzz_dir(void);
/* Write data to a per-process temporary file named after `name`; its path,
 * or NULL on failure. */
const char *fuzz_write_input(const char *name, const uint8_t *data, size_t size);

#endif
