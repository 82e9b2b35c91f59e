/* dates.h: civil dates and the recurring MM-DD dates of storage targets. */
#ifndef GASDEP_CORE_DATES_H
#define GASDEP_CORE_DATES_H

#define DAY_NONE_LO (-2000000000) /* "always" lower date bound */
#define DAY_NONE_HI (2000000000)  /* "never" upper date bound */

/* The engine's date window: gasdep_date_parse accepts years 1900..2200. */
#define DATES_FIRST_YEAR 1900
#define DATES_LAST_YEAR 2200

/* gasdep_date_parse with the reason on failure (format, no such day, or
 * outside the window). */
int dates_parse(const char *s, int *day, const char **why);
/* Civil date of a day number (days since 1970-01-01). */
void gasdep_civil(int day, int *y, int *m, int *d);
/* "MM-DD" as a day of the 365-day year, or -1. */
int dates_parse_mmdd(const char *s);
/* Day of a 365-day year (0..364; 29 Feb counts as 28 Feb). */
int dates_doy365(int day);
/* Day number (days since 1970-01-01) of a civil date. */
int dates_from_civil(int y, int m, int d);
/* A storage target date: "MM-DD" (recurring, *year = 0) or "YYYY-MM-DD";
 * 0, or -1 if invalid. */
int dates_parse_target(const char *s, int *year, int *month, int *day);

#endif
