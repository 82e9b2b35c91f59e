/* arena.c: the memory of one run (arena.h). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"

void *arena_alloc(arena *a, size_t count, size_t size)
{
    if (a->fail_in > 0 && --a->fail_in == 0)
        a->failing = 1;
    if (a->failing)
        return NULL;
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        void **p = realloc(a->block, cap * sizeof *p);
        if (!p)
            return NULL;
        a->block = p;
        a->cap = cap;
    }
    void *p = calloc(count ? count : 1, size);
    if (p)
        a->block[a->n++] = p;
    return p;
}

void arena_free(arena *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->block[i]);
    free(a->block);
    memset(a, 0, sizeof *a);
}

void arena_fail_after(arena *a, long after)
{
    a->fail_in = after < 0 ? 0 : after + 1;
    a->failing = 0;
}
