/* fuzz_sweep.c: libFuzzer harness for sweep files: the input is written to a
 * temporary file and read with gasdep_batch_load_file; a file that loads is
 * prepared against a small fixed scenario (values checked, design expanded). */
#include <stdint.h>

#include "batch_state.h"
#include "fuzz_common.h"
#include "gasdep/batch.h"

/* A sampled design of 10^7 points takes seconds to draw: a valid input, but
 * not one that finds bugs faster; such files are read, not prepared. */
#define FUZZ_MAX_SAMPLES 100000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *scenario = fuzz_scenario_path();
    const char *path = fuzz_write_input("sweep.ini", data, size);
    gasdep_batch *b = gasdep_batch_create(GASDEP_SWEEP);
    if (path && b && gasdep_batch_load_file(b, path) == GASDEP_OK &&
        b->samples <= FUZZ_MAX_SAMPLES &&
        gasdep_batch_set_scenario(b, scenario) == GASDEP_OK)
        (void)gasdep_batch_prepare(b);
    if (b)
        (void)gasdep_batch_errmsg(b);
    gasdep_batch_destroy(b);
    return 0;
}
