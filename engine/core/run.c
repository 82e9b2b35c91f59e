/* run.c: a whole run (gasdep_run, gasdep_run_to): init, every step, finish,
 * with each day's results written by the output writer. Above model.c and
 * output.c, which it drives, so that neither calls the other. */
#include <stdio.h>

#include "model.h"
#include "output.h"

int gasdep_run(gasdep_model *m, const char *outdir)
{
    return gasdep_run_to(m, outdir, NULL, NULL);
}

int gasdep_run_to(gasdep_model *m, const char *outdir, const char *table,
                  FILE *stream)
{
    if (!m)
        return GASDEP_EARG;
    int rc = GASDEP_OK;
    if (m->state == ST_LOADED)
        rc = gasdep_init(m);
    if (rc != GASDEP_OK)
        return rc;
    struct output *o = NULL;
    if (outdir || stream) {
        o = output_open(m, &m->err, outdir, table, stream);
        if (!o)
            return GASDEP_EIO;
    }
    while ((rc = gasdep_step(m)) == GASDEP_OK) {
        if (o && (rc = output_day(o, m)) != GASDEP_OK)
            break;
        if (m->progress)
            m->progress(m->progress_ctx, m->day - m->n.first_day + 1,
                        m->n.last_day - m->n.first_day + 1);
    }
    if (rc == GASDEP_DONE)
        rc = gasdep_finish(m);
    if (o) {
        int orc = output_close(o, m, &m->err, rc == GASDEP_OK);
        if (rc == GASDEP_OK)
            rc = orc;
    }
    return rc;
}
