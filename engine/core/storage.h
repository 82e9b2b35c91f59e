/* storage.h: storage curves (GSL interpolation), fill-target paths and the
 * mixing tank that carries each store's origin mix. */
#ifndef GASDEP_CORE_STORAGE_H
#define GASDEP_CORE_STORAGE_H

#include "network.h"

/* Resolve storage k of the network from its element. */
int storage_build(net *n, const scenario *sc, int k, const storage_el *s);
/* Rate factor (0..1) of storage k at fill (withdrawal or injection curve). */
double storage_rate_factor(const net *n, int k, int injection, double fill);
/* The daily fill-target paths, after events are resolved. */
int storage_paths_build(net *n, const scenario *scn);
/* Fill target (0..1) of storage k at the end of day (0 where none). */
double storage_target_fill(const net *n, int k, int day);
/* 1 when storage k's target on day is hard (its own flag or the ruling
 * target-path event's). */
int storage_target_hard(const net *n, int k, int day);
/* 1 when one of storage k's target points falls on day. */
int storage_target_date(const net *n, int k, int day);
/* Mixing tank: the origin mix after injecting inj of inj_mix and withdrawing
 * wd from inventory inv. */
void storage_mix_update(double *mix, double inv, double inj,
                        const double *inj_mix, double wd, int n_orig);

#endif
