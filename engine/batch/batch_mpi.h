/* batch_mpi.h: MPI transport of batch records (stubs when built without MPI). */
#ifndef GASDEP_BATCH_BATCH_MPI_H
#define GASDEP_BATCH_BATCH_MPI_H

#include <stddef.h>

#include "buf.h"

int bmpi_active(void);
int bmpi_rank(void);
int bmpi_size(void);
int bmpi_local_size(void);
void bmpi_bcast(void *buf, size_t len);
void bmpi_bcast_long(long *v);
int bmpi_send(const void *buf, size_t len);
/* Rank 0: receive one record if one is waiting (1), none (0), error (-1). */
int bmpi_poll(bbuf *out);
long bmpi_sum_long(long v);

#endif
