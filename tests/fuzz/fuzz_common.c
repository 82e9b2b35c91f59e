/* fuzz_common.c: temporary files for the fuzz harnesses (one directory per
 * process, removed at exit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"

static char dir[64];

static void cleanup(void)
{
    char p[128];
    const char *names[] = {"scenario.ini", "sweep.ini", "sweep.journal",
                           "montecarlo.journal", "run/balance.csv", "run/shares.csv",
                           "run/summary.csv", "run/manifest.csv", "run/month",
                           "run", NULL};
    for (int i = 0; names[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        if (unlink(p) != 0)
            rmdir(p);
    }
    rmdir(dir);
}

static const char *tmpdir(void)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/gasdep-fuzz-XXXXXX");
        if (!mkdtemp(dir)) {
            dir[0] = '\0';
            return NULL;
        }
        atexit(cleanup);
    }
    return dir;
}

const char *fuzz_dir(void)
{
    return tmpdir();
}

const char *fuzz_write_input(const char *name, const uint8_t *data, size_t size)
{
    static char path[128];
    if (!tmpdir())
        return NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    int ok = fwrite(data, 1, size, f) == size;
    ok &= fclose(f) == 0;
    return ok ? path : NULL;
}

const char *fuzz_scenario_path(void)
{
    static char path[128];
    if (!path[0]) {
        const char *p = fuzz_write_input("scenario.ini", (const uint8_t *)FUZZ_SCENARIO,
                                         strlen(FUZZ_SCENARIO));
        if (!p)
            return "/nonexistent";
        snprintf(path, sizeof path, "%s", p);
    }
    return path;
}
