/* batch_mpi.c: the MPI transport of batches (cmake -DGASDEP_MPI=ON), and
 * stubs (one rank) without it. Only the main thread of each rank calls MPI
 * (MPI_THREAD_FUNNELED): worker threads never do. Records travel as bytes
 * (MPI_BYTE), so ranks must share byte order and floating-point format. */
#include <stdlib.h>
#include <string.h>

#include "batch_mpi.h"
#include "gasdep/batch.h"
#include "gasdep/gasdep.h"
#include "buf.h"

#ifdef GASDEP_MPI
#include <mpi.h>

#define TAG_REC 17

static int began; /* MPI_Init called by gasdep_batch_mpi_begin */

int gasdep_batch_have_mpi(void)
{
    return 1;
}

int gasdep_batch_mpi_begin(int *argc, char ***argv)
{
    int inited = 0;
    MPI_Initialized(&inited);
    if (inited)
        return GASDEP_OK;
    /* only under a launcher: a plain start needs no MPI runtime */
    if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMI_SIZE") &&
        !getenv("PMIX_RANK") && !getenv("MPI_LOCALNRANKS"))
        return GASDEP_OK;
    int provided;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return GASDEP_EIO;
    began = 1;
    return GASDEP_OK;
}

void gasdep_batch_mpi_end(void)
{
    int fin = 0;
    MPI_Finalized(&fin);
    if (began && !fin)
        MPI_Finalize();
    began = 0;
}

void gasdep_batch_mpi_abort(int code)
{
    if (bmpi_active())
        MPI_Abort(MPI_COMM_WORLD, code);
}

int bmpi_active(void)
{
    int inited = 0, fin = 0;
    MPI_Initialized(&inited);
    MPI_Finalized(&fin);
    return inited && !fin && bmpi_size() > 1;
}

int bmpi_rank(void)
{
    int inited = 0, fin = 0, r = 0;
    MPI_Initialized(&inited);
    MPI_Finalized(&fin);
    if (inited && !fin)
        MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

int bmpi_size(void)
{
    int inited = 0, fin = 0, s = 1;
    MPI_Initialized(&inited);
    MPI_Finalized(&fin);
    if (inited && !fin)
        MPI_Comm_size(MPI_COMM_WORLD, &s);
    return s;
}

int bmpi_local_size(void)
{
    if (!bmpi_active())
        return 1;
    MPI_Comm local;
    int n = 1;
    if (MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0,
                            MPI_INFO_NULL, &local) == MPI_SUCCESS) {
        MPI_Comm_size(local, &n);
        MPI_Comm_free(&local);
    }
    return n > 0 ? n : 1;
}

void bmpi_bcast(void *buf, size_t len)
{
    char *p = buf;
    while (len) {
        int n = len > (1u << 30) ? (1 << 30) : (int)len;
        MPI_Bcast(p, n, MPI_BYTE, 0, MPI_COMM_WORLD);
        p += n;
        len -= (size_t)n;
    }
}

void bmpi_bcast_long(long *v)
{
    MPI_Bcast(v, 1, MPI_LONG, 0, MPI_COMM_WORLD);
}

int bmpi_send(const void *buf, size_t len)
{
    if (len > (size_t)0x7fffffff)
        return -1;
    return MPI_Send(buf, (int)len, MPI_BYTE, 0, TAG_REC, MPI_COMM_WORLD) ==
                   MPI_SUCCESS
               ? 0
               : -1;
}

int bmpi_poll(bbuf *out)
{
    int flag = 0;
    MPI_Status st;
    if (MPI_Iprobe(MPI_ANY_SOURCE, TAG_REC, MPI_COMM_WORLD, &flag, &st) != MPI_SUCCESS)
        return -1;
    if (!flag)
        return 0;
    int count = 0;
    MPI_Get_count(&st, MPI_BYTE, &count);
    out->n = 0;
    bb_reserve(out, (size_t)count);
    if (out->oom)
        return -1;
    if (MPI_Recv(out->p, count, MPI_BYTE, st.MPI_SOURCE, TAG_REC, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE) != MPI_SUCCESS)
        return -1;
    out->n = (size_t)count;
    return 1;
}

long bmpi_sum_long(long v)
{
    long s = v;
    MPI_Allreduce(&v, &s, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
    return s;
}

#else /* no MPI: one rank */

int gasdep_batch_have_mpi(void) { return 0; }
int gasdep_batch_mpi_begin(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return GASDEP_OK;
}
void gasdep_batch_mpi_end(void) {}
void gasdep_batch_mpi_abort(int code) { (void)code; }
int bmpi_active(void) { return 0; }
int bmpi_rank(void) { return 0; }
int bmpi_size(void) { return 1; }
int bmpi_local_size(void) { return 1; }
void bmpi_bcast(void *buf, size_t len) { (void)buf, (void)len; }
void bmpi_bcast_long(long *v) { (void)v; }
int bmpi_send(const void *buf, size_t len)
{
    (void)buf, (void)len;
    return -1;
}
int bmpi_poll(bbuf *out)
{
    (void)out;
    return 0;
}
long bmpi_sum_long(long v) { return v; }

#endif

int gasdep_batch_mpi_rank(void)
{
    return bmpi_rank();
}

int gasdep_batch_mpi_size(void)
{
    return bmpi_size();
}
