/* storage.h: storage sites (their data, rate curves and fill-target paths)
 * and the mixing tank that carries each store's origin mix. */
#ifndef GASDEP_CORE_STORAGE_H
#define GASDEP_CORE_STORAGE_H

#include "scenario.h"

typedef struct net net;
typedef struct arena arena;

/* Storage sites: k < count. Rate curves are (fill, factor) points, fill
 * ascending; the target path is n_days values per site (day-major within a
 * site: path[k * n_days + t]). */
typedef struct storage_set {
    int count;
    char **name;
    int *node;
    double *vol, *inj, *wd;   /* mcm; mcm/d at full curve factor */
    double *init_fill;        /* 0..1 of vol at the start */
    double *icost, *wcost;    /* EUR/MWh per injection, withdrawal */
    double *init_mix;         /* count x origins: origin shares at the start */
    double **wx, **wy, **ix, **iy; /* withdrawal and injection curves */
    int *wn, *in;             /* points in each curve */
    const list **tlist;       /* fill-target points as written (borrowed) */
    unsigned char *hard;      /* 1: target met unless demand would go unserved */
    double *value;            /* EUR/MWh: valuation of a withdrawal (FORMAT.md) */
    double *path;             /* count x n_days: fill target at day end; NaN none */
    unsigned char *pdate;     /* count x n_days: 1 on the dates of target points */
    unsigned char *phard;     /* count x n_days: 1 where the day's target is hard */
} storage_set;

/* Every enabled storage site of the scenario, after nodes and origins. */
int storage_build_sites(net *n, arena *a, const scenario *scn);
/* The daily fill-target paths, after events are resolved. */
int storage_paths_build(net *n, arena *a, const scenario *scn);
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
