/* helpers.c: small helpers shared by the Criterion suites. */
#include <criterion/criterion.h>

#include "helpers.h"

int th_try(const char *text, gasdep_model **out)
{
    gasdep_model *m = gasdep_create();
    cr_assert_not_null(m);
    int rc = gasdep_load_string(m, "test.ini", text);
    if (rc == GASDEP_OK)
        rc = gasdep_init(m);
    if (out)
        *out = m;
    else
        gasdep_destroy(m);
    return rc;
}

gasdep_model *th_model(const char *text)
{
    gasdep_model *m = NULL;
    int rc = th_try(text, &m);
    cr_assert_eq(rc, GASDEP_OK, "scenario failed: %s", gasdep_errmsg(m));
    return m;
}

void th_run(gasdep_model *m)
{
    int rc;
    while ((rc = gasdep_step(m)) == GASDEP_OK)
        ;
    cr_assert_eq(rc, GASDEP_DONE, "step failed: %s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_finish(m), GASDEP_OK);
}

static int idx(gasdep_model *m, int kind, const char *name)
{
    int i = gasdep_find(m, kind, name);
    cr_assert_geq(i, 0, "no element '%s'", name);
    return i;
}

int th_area(gasdep_model *m, const char *name) { return idx(m, GASDEP_AREA, name); }
int th_pipe(gasdep_model *m, const char *name) { return idx(m, GASDEP_PIPELINE, name); }
int th_origin(gasdep_model *m, const char *name) { return idx(m, GASDEP_ORIGIN, name); }
int th_group(gasdep_model *m, const char *name) { return idx(m, GASDEP_ORIGIN_GROUP, name); }

int th_day(const char *iso)
{
    int d;
    cr_assert_eq(gasdep_date_parse(iso, &d), 0);
    return d;
}
