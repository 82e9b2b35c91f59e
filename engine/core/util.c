/* util.c: small allocation and hashing helpers. */
#include <stdlib.h>
#include <string.h>

#include "util.h"

void *xcalloc(size_t n, size_t size)
{
    return calloc(n ? n : 1, size);
}

char *xstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

uint64_t fnv1a64(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}
