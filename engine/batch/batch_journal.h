/* batch_journal.h: journal records (one per finished run: a checksummed header
 * and sections) and the journal file that keeps them, for --resume. */
#ifndef GASDEP_BATCH_BATCH_JOURNAL_H
#define GASDEP_BATCH_BATCH_JOURNAL_H

#include <stdint.h>
#include <sys/types.h>

#include "batch_state.h"
#include "buf.h"

/* ---- records */
enum { SEC_STATUS, SEC_ROWS, SEC_SERIES, SEC_BANDS, SEC_PROB, SEC_COUNT };
#define REC_MAGIC 0x4a524447u /* "GDRJ" little-endian */
typedef struct rec_header {
    uint32_t magic;
    uint32_t nsec;
    uint64_t run;
    uint64_t len; /* payload bytes after this header */
    uint64_t sum; /* FNV-1a 64 of run and payload */
} rec_header;

/* Build a record from sections. */
int rec_build(bbuf *out, long run, bbuf *const sec[SEC_COUNT]);
uint64_t rec_checksum(uint64_t run, const void *payload, size_t len);

/* ---- the journal file */
typedef struct journal {
    int fd;
    char *path;
    off_t end;
    long n_runs;
    int64_t *off; /* per run (index run-1): record offset, -1 if missing;
                     grown as records arrive (runs not started take none) */
    long off_cap;
    long n_have;
    long damaged_record; /* resume: 1-based record where the scan stopped on
                            a damaged record (0: none); later ones dropped */
    double last_sync;
} journal;
int journal_open(journal *j, const char *dir, const gasdep_batch *b,
                 int keep_series, int resume, int *discarded, bbuf *err);
int journal_append(journal *j, const void *rec, size_t len);
int journal_sync(journal *j);
/* Read the payload section table and a byte range of section `sec` of run. */
int journal_section(journal *j, long run, int sec, size_t off, size_t len,
                    void *dst, size_t *sec_len);
/* Whole section of run into out (appended). */
int journal_section_all(journal *j, long run, int sec, bbuf *out);
void journal_close(journal *j, int remove_file);
/* 1 if the journal holds run's record. */
int journal_has(const journal *j, long run);
/* Mark the end of every valid record in [base, base+len) (MPI receive). */
int rec_valid(const void *rec, size_t len, long n_runs, long *run);

#endif
