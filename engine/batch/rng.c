/* rng.c: the per-run random streams of sweeps and Monte Carlo: one
 * generator per (seed, run, stream), independent of every other stream. */
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "rng.h"
#include "util.h"

/* ---- a 64-bit-seeded generator for GSL ----------------------------------------
 * GSL's mt19937 keeps only 32 bits of its seed: with 10^6 runs, hashed seeds
 * would collide (birthday bound: ~100 pairs of identical runs). xoshiro256**
 * seeded through splitmix64 takes all 64 bits and is fast; it plugs into
 * every GSL distribution as a gsl_rng_type. */

typedef struct xo_state {
    uint64_t s[4];
} xo_state;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t xo_next(xo_state *st)
{
    uint64_t *s = st->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void xo_set(void *vstate, unsigned long int seed)
{
    xo_state *st = vstate;
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        st->s[i] = splitmix64(&x);
}

static unsigned long int xo_get(void *vstate)
{
    return (unsigned long int)(xo_next(vstate) >> 32);
}

static double xo_get_double(void *vstate)
{
    return (double)(xo_next(vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xo_type = {"gasdep-xoshiro256**", 0xffffffffUL, 0,
                                     sizeof(xo_state), xo_set, xo_get,
                                     xo_get_double};
const gsl_rng_type *gasdep_rng_xoshiro = &xo_type;

uint64_t mc_mix(uint64_t seed, uint64_t run, uint64_t stream)
{
    uint64_t x = seed;
    uint64_t h = splitmix64(&x);
    x = h ^ run;
    h = splitmix64(&x);
    x = h ^ stream;
    return splitmix64(&x);
}

uint64_t mc_stream(const char *name)
{
    return fnv1a64(FNV_OFFSET, name, strlen(name));
}

gsl_rng *mc_rng(uint64_t seed, long run, uint64_t stream)
{
    gsl_rng *r = gsl_rng_alloc(gasdep_rng_xoshiro);
    if (r)
        gsl_rng_set(r, (unsigned long)mc_mix(seed, (uint64_t)run, stream));
    return r;
}

