/* test_dates.c: ISO gas days <-> days since 1970-01-01 (engine/core/dates.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"

static int parse(const char *s)
{
    int d = -12345;
    cr_assert_eq(gasdep_date_parse(s, &d), 0, "'%s' rejected", s);
    return d;
}

static void rejected(const char *s)
{
    int d;
    cr_expect_neq(gasdep_date_parse(s, &d), 0, "'%s' accepted", s);
}

Test(dates, epoch_is_day_zero)
{
    cr_expect_eq(parse("1970-01-01"), 0);
    cr_expect_eq(parse("1970-01-02"), 1);
    /* 1969 is not a leap year: 1969-01-01 = -365 */
    cr_expect_eq(parse("1969-12-31"), -1);
    cr_expect_eq(parse("1969-01-01"), -365);
}

Test(dates, known_day_numbers)
{
    /* 1970..1999: 30 years, leap years 1972..1996 = 7 -> 30*365+7 = 10957 */
    cr_expect_eq(parse("2000-01-01"), 10957);
    /* + January 31 + February 29 (2000 is leap: divisible by 400) */
    cr_expect_eq(parse("2000-03-01"), 11017);
    cr_expect_eq(parse("2000-02-29"), 11016);
    /* 1970..2023: 54 years, leap years 1972..2020 = 13 -> 19723 */
    cr_expect_eq(parse("2024-01-01"), 19723);
    cr_expect_eq(parse("2024-02-29"), 19723 + 31 + 28);
    cr_expect_eq(parse("2024-03-01"), 19723 + 31 + 29);
}

Test(dates, leap_years)
{
    int d;
    cr_expect_eq(gasdep_date_parse("2024-02-29", &d), 0);
    rejected("2023-02-29");
    rejected("2100-02-29"); /* divisible by 100, not by 400 */
    cr_expect_eq(gasdep_date_parse("2000-02-29", &d), 0);
    rejected("1900-02-29");
    /* year lengths: 2024 has 366 days, 2023 and 2100 have 365 */
    cr_expect_eq(parse("2025-01-01") - parse("2024-01-01"), 366);
    cr_expect_eq(parse("2024-01-01") - parse("2023-01-01"), 365);
    cr_expect_eq(parse("2101-01-01") - parse("2100-01-01"), 365);
    cr_expect_eq(parse("2001-01-01") - parse("2000-01-01"), 366);
}

Test(dates, malformed_dates_are_rejected)
{
    rejected("2022-1-01");
    rejected("2022-01-1");
    rejected("2022/01/01");
    rejected("2022-13-01");
    rejected("2022-00-10");
    rejected("2022-01-00");
    rejected("2022-01-32");
    rejected("2022-04-31");
    rejected("2022-01-01x");
    rejected("22-01-01");
    rejected("");
    rejected("abcd-ef-gh");
    int d;
    cr_expect_neq(gasdep_date_parse(NULL, &d), 0);
}

Test(dates, format_known_days)
{
    char buf[16];
    gasdep_date_format(0, buf);
    cr_expect_str_eq(buf, "1970-01-01");
    gasdep_date_format(11017, buf);
    cr_expect_str_eq(buf, "2000-03-01");
    gasdep_date_format(-1, buf);
    cr_expect_str_eq(buf, "1969-12-31");
    gasdep_date_format(19723 + 31 + 28, buf);
    cr_expect_str_eq(buf, "2024-02-29");
}

Test(dates, round_trip_every_day_1900_to_2200)
{
    int first = parse("1900-01-01"), last = parse("2200-12-31");
    /* 301 years; leap years 1904..2196 by 4 = 74, minus 2100 = 73 */
    cr_assert_eq(last - first + 1, 301 * 365 + 73);
    char buf[16], prev[16] = "";
    for (int d = first; d <= last; d++) {
        gasdep_date_format(d, buf);
        cr_assert_eq(strlen(buf), 10u);
        int back;
        cr_assert_eq(gasdep_date_parse(buf, &back), 0, "%s rejected", buf);
        cr_assert_eq(back, d, "%s -> %d, expected %d", buf, back, d);
        /* ISO dates sort like the days they name */
        cr_assert_gt(strcmp(buf, prev), 0, "%s after %s", buf, prev);
        strcpy(prev, buf);
    }
}

Test(dates, signs_and_spaces_inside_a_date_are_rejected)
{
    /* ISO 8601 YYYY-MM-DD has digits only: sscanf-style leniency (a sign or
     * a space before a field) must not let these through */
    rejected("2022-01-+1");
    rejected("2022-+1-01");
    rejected("2022- 1-01");
    rejected("2022-01- 1");
    rejected(" 2022-1-01");
}
