/* ofile.h: a batch result file written to a temporary name, fsync'ed and
 * renamed when complete (a result file is complete or absent). */
#ifndef GASDEP_BATCH_OFILE_H
#define GASDEP_BATCH_OFILE_H

#include <stdio.h>

#include "buf.h"
#include "gasdep/batch.h"

typedef struct ofile {
    FILE *f;
    char *tmp, *final;
} ofile;

/* Open DIR/.NAME.tmp.PID for writing. */
int of_open(ofile *o, const char *dir, const char *name, bbuf *err);
/* Close and remove the temporary file. */
void of_abort(ofile *o);
/* Flush, fsync and rename into place; the name is added to r->files. */
int of_commit(ofile *o, gasdep_batch_report *r, bbuf *err);

#endif
