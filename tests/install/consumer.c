/* consumer.c: an outside program built against an installed gasdep (through
 * pkg-config or find_package): runs the scenario named on the command line
 * and prints each day's share of origin 'a' in region R. */
#include <stdio.h>
#include <string.h>

#include <gasdep/gasdep.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    if (strcmp(gasdep_version(), GASDEP_VERSION) != 0) {
        fprintf(stderr, "header %s, library %s\n", GASDEP_VERSION, gasdep_version());
        return 1;
    }
    gasdep_model *m = gasdep_create();
    if (gasdep_load(m, argv[1]) != GASDEP_OK || gasdep_init(m) != GASDEP_OK) {
        fprintf(stderr, "%s\n", gasdep_errmsg(m));
        gasdep_destroy(m);
        return 2;
    }
    int r = gasdep_find(m, GASDEP_AREA, "R"), a = gasdep_find(m, GASDEP_ORIGIN, "a");
    while (gasdep_step(m) == GASDEP_OK) {
        gasdep_area_day d;
        gasdep_area_result(m, r, &d);
        char date[11];
        gasdep_date_format(gasdep_day(m), date);
        printf("%s %.6f\n", date, gasdep_area_origin_mcm(m, r, a) / d.supplied_mcm);
    }
    gasdep_finish(m);
    gasdep_destroy(m);
    return 0;
}
