/* resolve.h: what every builder of the network needs while it turns the
 * scenario's elements into indexed arrays: references resolved to indices
 * (with did-you-mean), required quantities in mcm/d, growing name lists.
 * Below network.c, market.c, demand.c and storage.c, so none of them calls
 * into another to build. */
#ifndef GASDEP_CORE_RESOLVE_H
#define GASDEP_CORE_RESOLVE_H

#include "arena.h"
#include "scenario.h"

/* ptr = a zeroed array of count elements from arena a, or return
 * GASDEP_ENOMEM with "out of memory" on err from the calling function. */
#define BUILD_ALLOC(a, err, ptr, count)                                      \
    do {                                                                     \
        (ptr) = arena_alloc((a), (size_t)(count), sizeof *(ptr));            \
        if (!(ptr))                                                          \
            return err_fail((err), GASDEP_ENOMEM, "out of memory");          \
    } while (0)

/* Resolve a reference to an enabled element of `kind` (nodes or origins,
 * looked up in idx); -1 with an error (unknown or disabled, with the nearest
 * names). */
int resolve_ref(const scenario *scn, const ref *r, int kind, const strmap *idx,
                const char *who, const char *key, srcloc at);
/* A required quantity in mcm/d (or mcm); 0 with an error when not set. */
double resolve_qty(const scenario *scn, const qty *q, const char *who,
                   const char *key, srcloc at);
/* Index of name in a growing list of names (idx maps them), added if new;
 * -1 when out of memory. */
int resolve_add_name(arena *a, char ***names, int *count, int *cap,
                     strmap *idx, const char *name);

#endif
