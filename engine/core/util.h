/* util.h: small allocation and hashing helpers shared by every module. */
#ifndef GASDEP_CORE_UTIL_H
#define GASDEP_CORE_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* calloc that never returns NULL for a zero count (allocates one). */
void *xcalloc(size_t n, size_t size);
/* strdup that passes NULL through. */
char *xstrdup(const char *s);
/* "dir/name", malloc'd; NULL when out of memory. */
char *path_join(const char *dir, const char *name);
/* s without its leading and trailing white space (cut in place). */
char *str_trim(char *s);
/* FNV-1a 64-bit hash of `len` bytes, continuing from `h`. */
uint64_t fnv1a64(uint64_t h, const void *data, size_t len);
#define FNV_OFFSET 1469598103934665603ULL

/* A hash map from borrowed, NUL-terminated names to non-negative ints (open
 * addressing, FNV-1a): name look-up of parser and network in O(1), so that
 * 100,000 elements load in seconds, not minutes. Zero-initialise to start. */
typedef struct strmap {
    const char **key;
    int *val;
    size_t cap, n; /* cap is 0 or a power of two */
} strmap;
/* Map key to val (replacing an earlier value); -1 when out of memory. */
int strmap_put(strmap *m, const char *key, int val);
/* The value of key, or -1. */
int strmap_get(const strmap *m, const char *key);
void strmap_free(strmap *m);

/* Largest input file read (scenario, base, CSV series, sweep file). */
#define MAX_INPUT_BYTES ((size_t)64 << 20)

enum read_status { RF_OK, RF_OPEN, RF_NOTREG, RF_TOOBIG, RF_READ, RF_NOMEM };
/* Read a whole regular file (at most `max` bytes) into a NUL-terminated
 * buffer *text of *len bytes (caller frees). Directories, devices and FIFOs
 * are refused without reading; a read error is an error, not an end. */
int read_regular_file(const char *path, size_t max, char **text, size_t *len);
/* Why read_regular_file failed, for a message ("is not a regular file"). */
const char *read_file_why(int status);
/* Length of a UTF-8 byte-order mark at the start of s (3 or 0). */
size_t utf8_bom_len(const char *s);

#endif
