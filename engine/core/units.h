/* units.h: quantities as written (mcm or GWh, per day or per year) and their
 * conversion to canonical units (mcm/d, mcm, EUR/MWh, fractions). */
#ifndef GASDEP_CORE_UNITS_H
#define GASDEP_CORE_UNITS_H

/* A flow or volume as written: v in mcm(/d), or in GWh(/d) when energy is
 * set; converted with the scenario's GCV at init, when all files are read. */
typedef struct qty {
    double v;
    unsigned char energy;
    unsigned char set;
} qty;

enum qclass { Q_FLOW, Q_VOLUME };
int units_parse_qty(const char *s, int qclass, qty *out, const char **why);
int units_parse_number(const char *s, const char *unit, double *out,
                       const char **why);
int units_parse_fraction(const char *s, double *out, const char **why);
/* Bare number in 0..1, or NN% in 0..max (max 1 for plain fractions,
 * UNITS_MAX_FACTOR for factors such as 130%). */
int units_parse_share(const char *s, double max, double *out, const char **why);

/* Documented ranges: every quantity that reaches the solver is finite and
 * within these (scenarios/FORMAT.md, "Ranges"). */
#define UNITS_MAX_FLOW 1e6    /* mcm/d or GWh/d */
#define UNITS_MAX_VOLUME 1e8  /* mcm or GWh */
#define UNITS_MAX_NUMBER 1e9  /* any plain number */
#define UNITS_MAX_PRICE 1e6   /* EUR/MWh, either sign */
#define UNITS_MAX_FACTOR 10.0 /* 1000 %: factors, curves, sensitivities */

/* q in mcm(/d), converting energy with the gross calorific value. */
double units_mcm(const qty *q, double gwh_per_mcm);

#endif
