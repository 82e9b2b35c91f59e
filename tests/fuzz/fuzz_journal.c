/* fuzz_journal.c: libFuzzer harness for the batch journal reader (resume):
 * the input follows a valid journal header line; its first byte chooses the
 * batch kind and whether the checksums of record-shaped chunks are fixed up
 * (so that the fuzzer reaches past the checksum into the section table),
 * then every section of every run is read back as the output writers do. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_journal.h"
#include "batch_state.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RUNS 8

/* Recompute the checksum of each chunk that has a record's shape. */
static void fix_checksums(uint8_t *p, size_t n)
{
    size_t off = 0;
    while (off + sizeof(rec_header) <= n) {
        rec_header h;
        memcpy(&h, p + off, sizeof h);
        if (h.magic != REC_MAGIC || h.len > n - off - sizeof h)
            return;
        h.sum = rec_checksum(h.run, p + off + sizeof h, (size_t)h.len);
        memcpy(p + off, &h, sizeof h);
        off += sizeof h + (size_t)h.len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    gasdep_batch *b = calloc(1, sizeof *b);
    if (!b)
        return 0;
    b->kind = data[0] & 1 ? GASDEP_MONTECARLO : GASDEP_SWEEP;
    b->identity = 0x123456789abcdefULL;
    b->n_runs = RUNS;
    int keep = (data[0] >> 1) & 1;
    char head[128];
    int hl = snprintf(head, sizeof head, "gasdep-journal 2 %s %016llx series=%d\n",
                      b->kind == GASDEP_SWEEP ? "sweep" : "montecarlo",
                      (unsigned long long)b->identity, keep);
    uint8_t *file = malloc((size_t)hl + size);
    if (!file) {
        free(b);
        return 0;
    }
    memcpy(file, head, (size_t)hl);
    memcpy(file + hl, data + 1, size - 1);
    if (data[0] & 4)
        fix_checksums(file + hl, size - 1);
    const char *name = b->kind == GASDEP_SWEEP ? "sweep.journal" : "montecarlo.journal";
    const char *path = fuzz_write_input(name, file, (size_t)hl + size - 1);
    free(file);
    journal j;
    bbuf err = {0};
    int discarded;
    if (path && journal_open(&j, fuzz_dir(), b, keep, 1, &discarded, &err) == GASDEP_OK) {
        bbuf out = {0};
        for (long run = 1; run <= RUNS + 1; run++)
            for (int sec = 0; sec < SEC_COUNT; sec++) {
                out.n = 0;
                size_t n = 0;
                journal_section_all(&j, run, sec, &out);
                if (journal_section(&j, run, sec, 0, 0, NULL, &n) == 0 && n >= 8) {
                    double x;
                    journal_section(&j, run, sec, n - 8, 8, &x, NULL);
                }
            }
        bb_free(&out);
        journal_close(&j, 1);
    } else if (path) {
        journal_close(&j, 0);
    }
    bb_free(&err);
    free(b);
    return 0;
}
