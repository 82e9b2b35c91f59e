/* fuzz_series.c: libFuzzer harness for the daily demand series reader
 * (CSV through libcsv) on a ten-day horizon. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "demand.h"
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
    errlog err;
    memset(&n, 0, sizeof n);
    memset(&err, 0, sizeof err);
    gasdep_date_parse("2022-01-01", &n.first_day);
    n.n_days = 10;
    n.last_day = n.first_day + n.n_days - 1;
    n.n_regions = 1;
    n.reg_mean = net_alloc(&n, 1, sizeof *n.reg_mean);
    n.reg_series = net_alloc(&n, 1, sizeof *n.reg_series);
    if (n.reg_mean && n.reg_series) {
        n.reg_mean[0] = 5.0;
        srcloc at = {-1, 1};
        demand_parse_series(&n, &err, 0, "fuzz.csv", text, size, at);
    }
    network_free(&n);
    err_free(&err);
    free(text);
    return 0;
}
