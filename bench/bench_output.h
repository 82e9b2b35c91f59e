/* bench_output.h: the CSV writer against a plain fixed-point writer. */
#ifndef GASDEP_BENCH_OUTPUT_H
#define GASDEP_BENCH_OUTPUT_H

typedef struct output_figures {
    int days;
    double writer_us;  /* output_day per day */
    double floor_us;   /* the plain writer per day, same bytes */
    double kb_per_day; /* daily tables */
} output_figures;

/* Run `scenario` with its CSV output and time the writer and its floor. */
int bench_output(const char *scenario, output_figures *r);

#endif
