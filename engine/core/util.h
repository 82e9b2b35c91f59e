/* util.h: small allocation and hashing helpers shared by every module. */
#ifndef GASDEP_CORE_UTIL_H
#define GASDEP_CORE_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* calloc that never returns NULL for a zero count (allocates one). */
void *xcalloc(size_t n, size_t size);
/* strdup that passes NULL through. */
char *xstrdup(const char *s);
/* FNV-1a 64-bit hash of `len` bytes, continuing from `h`. */
uint64_t fnv1a64(uint64_t h, const void *data, size_t len);
#define FNV_OFFSET 1469598103934665603ULL

#endif
