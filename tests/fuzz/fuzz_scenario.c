/* fuzz_scenario.c: libFuzzer harness for the scenario loader: load the input
 * as scenario text, then init and a few days of stepping. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gasdep/gasdep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    gasdep_model *m = gasdep_create();
    if (m && gasdep_load_string(m, "fuzz.ini", text) == GASDEP_OK &&
        gasdep_init(m) == GASDEP_OK)
        for (int day = 0; day < 3 && gasdep_step(m) == GASDEP_OK; day++)
            (void)gasdep_errmsg(m);
    if (m)
        (void)gasdep_errmsg(m);
    gasdep_destroy(m);
    free(text);
    return 0;
}
