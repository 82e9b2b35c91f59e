/* fuzz_values.c: libFuzzer harness for --set and --vary values. The first
 * byte picks the use: even, a --set assignment on a small scenario followed
 * by init and a day; odd, a --vary spec prepared as a sweep of it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "gasdep/batch.h"
#include "gasdep/gasdep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *s = malloc(size);
    if (!s)
        return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    if (data[0] % 2 == 0) {
        gasdep_model *m = gasdep_create();
        if (m && gasdep_load_string(m, "fuzz.ini", FUZZ_SCENARIO) == GASDEP_OK &&
            gasdep_set_assignment(m, s) == GASDEP_OK && gasdep_init(m) == GASDEP_OK)
            (void)gasdep_step(m);
        gasdep_destroy(m);
    } else {
        gasdep_batch *b = gasdep_batch_create(GASDEP_SWEEP);
        if (b && gasdep_batch_set_scenario(b, fuzz_scenario_path()) == GASDEP_OK &&
            gasdep_batch_vary(b, s) == GASDEP_OK)
            (void)gasdep_batch_prepare(b);
        gasdep_batch_destroy(b);
    }
    free(s);
    return 0;
}
