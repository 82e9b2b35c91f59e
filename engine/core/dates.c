/* dates.c: ISO 8601 gas days <-> days since 1970-01-01 (proleptic Gregorian). */
#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "gasdep/gasdep.h"

/* Howard Hinnant's days_from_civil / civil_from_days. */
int dates_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void gasdep_civil(int z, int *yy, int *mm, int *dd)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    *yy = y + (m <= 2);
    *mm = m;
    *dd = d;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : dm[m - 1];
}

int gasdep_date_parse(const char *s, int *day)
{
    int y, m, d, n = 0;
    *day = 0;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
        return -1;
    if (y < DATES_FIRST_YEAR || y > DATES_LAST_YEAR || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return -1;
    *day = dates_from_civil(y, m, d);
    return 0;
}

int dates_parse(const char *s, int *day, const char **why)
{
    if (gasdep_date_parse(s, day) == 0)
        return 0;
    int y, m, d, n = 0;
    int shape = s && strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; shape && i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            shape = 0;
    if (!shape || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3) {
        *why = "expected a date YYYY-MM-DD";
        return -1;
    }
    if (y < DATES_FIRST_YEAR || y > DATES_LAST_YEAR)
        *why = "date outside the engine's window 1900-01-01..2200-12-31";
    else
        *why = "no such day (month 01-12, day within the month)";
    return -1;
}

void gasdep_date_format(int day, char *buf)
{
    int y, m, d;
    gasdep_civil(day, &y, &m, &d);
    /* fixed-width digits: faster than snprintf, and this runs per output row */
    buf[0] = (char)('0' + y / 1000 % 10);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

int dates_doy365(int day)
{
    static const int cum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int y, m, d;
    gasdep_civil(day, &y, &m, &d);
    if (m == 2 && d == 29)
        d = 28;
    return cum[m - 1] + d - 1;
}

/* "MM-DD" -> 0-based day of a 365-day year; -1 if invalid. */
int dates_parse_mmdd(const char *s)
{
    int m, d, n = 0;
    if (strlen(s) != 5 || s[2] != '-' || s[0] < '0' || s[0] > '9' ||
        s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '9' || s[4] < '0' ||
        s[4] > '9')
        return -1;
    if (sscanf(s, "%2d-%2d%n", &m, &d, &n) != 2 || s[n] != '\0' || m < 1 ||
        m > 12 || d < 1 || d > days_in_month(2001, m))
        return -1;
    static const int cum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    return cum[m - 1] + d - 1;
}

/* "MM-DD" (recurring: *year = 0) or "YYYY-MM-DD" (dated) target dates:
 * month and day (and year); -1 if invalid. */
int dates_parse_target(const char *s, int *year, int *month, int *day)
{
    int doy = dates_parse_mmdd(s);
    if (doy >= 0) {
        *year = 0;
        sscanf(s, "%2d-%2d", month, day);
        return 0;
    }
    int z;
    if (strlen(s) != 10 || gasdep_date_parse(s, &z) != GASDEP_OK)
        return -1;
    gasdep_civil(z, year, month, day);
    return 0;
}
