/* rng.h: the per-run random streams of sweeps and Monte Carlo. */
#ifndef GASDEP_BATCH_RNG_H
#define GASDEP_BATCH_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

/* xoshiro256** as a GSL generator type: 64-bit seeds. */
extern const gsl_rng_type *gasdep_rng_xoshiro;
/* The seed of stream `stream` of run `run` (splitmix64 mixing). */
uint64_t mc_mix(uint64_t seed, uint64_t run, uint64_t stream);
/* A stream id from a name (an element path, "weather", ...). */
uint64_t mc_stream(const char *name);
/* A new generator for (seed, run, stream); NULL when out of memory. */
gsl_rng *mc_rng(uint64_t seed, long run, uint64_t stream);

#endif
