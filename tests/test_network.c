/* test_network.c: building the network from the scenario (engine/core/network.c,
 * market.c, resolve.c): areas and region groups, name look-up, a scenario
 * without regions. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

Test(network, every_name_of_a_large_scenario_resolves_to_its_element)
{
    /* 2,000 nodes in a chain and 20,000 pipelines, each node i feeding
     * i+1..i+10: pipeline k runs from node k/10 to node k/10 + k%10 + 1
     * (mod 2000), so every end is known in closed form. The hash-table
     * look-up must give each reference its own node. */
    enum { NODES = 2000, PIPES = 20000 };
    size_t cap = 64 * (size_t)PIPES + 64 * NODES + 512, n = 0;
    char *t = malloc(cap);
    cr_assert_not_null(t);
    n += (size_t)snprintf(t + n, cap - n, "[scenario]\nstart = 2022-01-01\n"
                          "end = 2022-01-01\n[origin o]\n[source s]\nnode = N0\n"
                          "origin = o\ncapacity = 1 mcm/d\n[region R]\n"
                          "demand = 1 mcm/d\n");
    for (int i = 0; i < NODES; i++)
        n += (size_t)snprintf(t + n, cap - n, "[node N%d]\n", i);
    for (int k = 0; k < PIPES; k++)
        n += (size_t)snprintf(t + n, cap - n,
                              "[pipeline P%d]\nfrom = N%d\nto = N%d\n"
                              "capacity = 1 mcm/d\n",
                              k, k / 10 % NODES, (k / 10 + k % 10 + 1) % NODES);
    n += (size_t)snprintf(t + n, cap - n, "[pipeline P7]\ncapacity = 2 mcm/d\n");
    cr_assert_lt(n, cap);
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "big.ini", t), GASDEP_OK, "%s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_count(m, GASDEP_PIPELINE), PIPES); /* P7 upserted */
    for (int k = 0; k < PIPES; k += 997) {
        char name[32], want_from[32], want_to[32];
        snprintf(name, sizeof name, "P%d", k);
        snprintf(want_from, sizeof want_from, "N%d", k / 10 % NODES);
        snprintf(want_to, sizeof want_to, "N%d", (k / 10 + k % 10 + 1) % NODES);
        int p = gasdep_find(m, GASDEP_PIPELINE, name), from, to;
        cr_assert_eq(p, k, "%s at %d", name, p);
        cr_assert_eq(gasdep_pipeline_ends(m, p, &from, &to), GASDEP_OK);
        cr_expect_str_eq(gasdep_name(m, GASDEP_NODE, from), want_from, "%s", name);
        cr_expect_str_eq(gasdep_name(m, GASDEP_NODE, to), want_to, "%s", name);
    }
    double c;
    cr_expect_eq(gasdep_get(m, "pipeline.P7.capacity", &c), GASDEP_OK);
    cr_expect_float_eq(c, 2.0, 1e-12);
    gasdep_destroy(m);
    free(t);
}

Test(network, areas_are_regions_then_groups)
{
    gasdep_model *m = th_model(TH_GROUPS);
    cr_expect_eq(gasdep_count(m, GASDEP_REGION), 2);
    cr_expect_eq(gasdep_count(m, GASDEP_AREA), 4);
    cr_expect_str_eq(gasdep_name(m, GASDEP_AREA, 0), "A");
    cr_expect_str_eq(gasdep_name(m, GASDEP_AREA, 1), "B");
    cr_expect_str_eq(gasdep_name(m, GASDEP_AREA, 2), "EU");
    cr_expect_str_eq(gasdep_name(m, GASDEP_AREA, 3), "SEE");
    cr_expect(gasdep_area_is_group(m, 2) && gasdep_area_is_group(m, 3));
    cr_expect(!gasdep_area_is_group(m, 0) && !gasdep_area_is_group(m, 1));
    const int *mem;
    cr_expect_eq(gasdep_area_members(m, 0, &mem), 1); /* a region: itself */
    cr_expect_eq(mem[0], 0);
    cr_expect_eq(gasdep_area_members(m, 2, &mem), 2); /* EU = A, B */
    cr_expect(mem[0] == 0 && mem[1] == 1);
    cr_expect_eq(gasdep_area_members(m, 3, &mem), 1); /* SEE = A */
    cr_expect_eq(mem[0], 0);
    cr_expect_eq(gasdep_area_members(m, 4, &mem), -1);
    gasdep_destroy(m);
}

Test(network, no_region_is_an_error)
{
    gasdep_model *m = NULL;
    int rc = th_try("[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
                    "[origin o]\n[node H]\n",
                    &m);
    cr_expect_eq(rc, GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "no [region]") != NULL, "%s",
              gasdep_errmsg(m));
    gasdep_destroy(m);
}
