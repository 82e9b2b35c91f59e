/* fuzz_rundir.c: libFuzzer harness for the readers of run directories:
 * the input, split at "\n====\n", becomes balance.csv, shares.csv and
 * summary.csv of a run directory (manifest.csv fixed), which gasdep
 * aggregate (by month) and gasdep diff (the run with itself) read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "gasdep/gasdep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const FILES[] = {"run/balance.csv", "run/shares.csv",
                                    "run/summary.csv"};
static const char *const OUT[] = {"balance.csv", "shares.csv", "group_shares.csv",
                                  "flows.csv", "supply.csv", "storage.csv"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_dir();
    if (!dir)
        return 0;
    char run[128], out[160], p[200];
    snprintf(run, sizeof run, "%s/run", dir);
    snprintf(out, sizeof out, "%s/month", run);
    mkdir(run, 0755);
    static const char SEP[] = "\n====\n";
    const uint8_t *s = data, *end = data + size;
    for (int i = 0; i < 3; i++) {
        const uint8_t *cut = s;
        while (cut + 6 <= end && memcmp(cut, SEP, 6))
            cut++;
        if (cut + 6 > end)
            cut = end;
        fuzz_write_input(FILES[i], s, (size_t)(cut - s));
        s = cut + 6 <= end ? cut + 6 : end;
    }
    const char *man = "key,value\nengine,gasdep\n";
    fuzz_write_input("run/manifest.csv", (const uint8_t *)man, strlen(man));
    char msg[1024];
    gasdep_aggregate(run, "month", out, msg, sizeof msg);
    for (size_t i = 0; i < sizeof OUT / sizeof OUT[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", out, OUT[i]);
        unlink(p);
    }
    rmdir(out);
    FILE *sink = fopen("/dev/null", "w");
    gasdep_diff(run, run, NULL, sink, sink, msg, sizeof msg);
    if (sink)
        fclose(sink);
    return 0;
}
