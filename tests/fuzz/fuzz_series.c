/* fuzz_series.c: libFuzzer harness for the daily demand series reader
 * (CSV through libcsv) on a ten-day horizon. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "network.h"
#include "gasdep/gasdep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    net n;
    arena a;
    errlog err;
    memset(&n, 0, sizeof n);
    memset(&a, 0, sizeof a);
    memset(&err, 0, sizeof err);
    gasdep_date_parse("2022-01-01", &n.first_day);
    n.n_days = 10;
    n.last_day = n.first_day + n.n_days - 1;
    n.area.n_regions = 1;
    n.dem.mean = arena_alloc(&a, 1, sizeof *n.dem.mean);
    n.dem.series = arena_alloc(&a, 1, sizeof *n.dem.series);
    if (n.dem.mean && n.dem.series) {
        n.dem.mean[0] = 5.0;
        srcloc at = {-1, 1};
        demand_parse_series(&n, &a, &err, 0, "fuzz.csv", text, size, at);
    }
    network_free(&n);
    arena_free(&a);
    err_free(&err);
    free(text);
    return 0;
}
