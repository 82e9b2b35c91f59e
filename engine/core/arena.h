/* arena.h: the memory of one run: zeroed arrays handed out one by one and
 * freed together. Owned by the model (struct gasdep_model, field mem); every
 * module that builds or steps a run allocates from the arena it is given, so
 * none calls back into another module to allocate. Below every module. */
#ifndef GASDEP_CORE_ARENA_H
#define GASDEP_CORE_ARENA_H

#include <stddef.h>

typedef struct arena {
    void **block;    /* every allocation, freed by arena_free */
    size_t n, cap;
    long fail_in;    /* tests: 0 off; k > 0: the k-th allocation from now fails */
    int failing;     /* tests: the hook has fired; every allocation fails */
} arena;

/* A zeroed struct arena is an empty arena. */
/* A zeroed array of count elements of size bytes (one element when count is
 * 0), owned by a; NULL when out of memory or when the fault hook fires. */
void *arena_alloc(arena *a, size_t count, size_t size);
/* Free every allocation and empty a (hook off; it can be used again). */
void arena_free(arena *a);
/* Fault injection for tests: the allocation after the next `after` ones
 * fails (and every one after it); after < 0 switches the hook off. */
void arena_fail_after(arena *a, long after);

/* ptr = a zeroed array of count elements from arena a, or return
 * GASDEP_ENOMEM from the calling function. */
#define ARENA_ALLOC(a, ptr, count)                                           \
    do {                                                                     \
        (ptr) = arena_alloc((a), (size_t)(count), sizeof *(ptr));            \
        if (!(ptr))                                                          \
            return GASDEP_ENOMEM;                                            \
    } while (0)

#endif
