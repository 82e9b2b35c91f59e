/* output_stale.c: what a new run into a directory removes of the previous
 * run's derived files (aggregates, figures, a diff), so that a directory
 * never shows tables of one scenario beside figures of another. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "output.h"

/* Remove dir/sub/NAME for each NAME ending in one of the suffixes, then
 * dir/sub itself if nothing else is left in it. Counts removals in *n. */
static void remove_files(const char *dir, const char *sub, const char *const suffixes[],
                         int *n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        for (int i = 0; suffixes[i]; i++) {
            size_t sl = strlen(suffixes[i]);
            if (len > sl && !strcmp(e->d_name + len - sl, suffixes[i])) {
                char f[4096 + 256];
                snprintf(f, sizeof f, "%s/%s", path, e->d_name);
                *n += unlink(f) == 0;
                break;
            }
        }
    }
    closedir(d);
    *n += rmdir(path) == 0;
}

int output_remove_stale(const char *dir)
{
    static const char *const csv[] = {".csv", NULL};
    static const char *const fig[] = {".png", ".svg", ".dat", NULL};
    /* the periods of gasdep aggregate and run --period, render.sh's figures */
    static const char *const subs[] = {"month", "quarter", "gas-year", "year", NULL};
    int n = 0;
    for (int i = 0; subs[i]; i++)
        remove_files(dir, subs[i], csv, &n);
    remove_files(dir, "figures", fig, &n);
    char f[4096];
    snprintf(f, sizeof f, "%s/diff.csv", dir);
    n += unlink(f) == 0;
    return n;
}
