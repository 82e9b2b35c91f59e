/* batch_journal.c: the crash-safe journal of finished runs.
 *
 * DIR/KIND.journal (sweep, montecarlo, dependence, criticality) starts with one header line that
 * names the batch (kind, identity hash, keep-series flag), followed by
 * records appended as runs finish, in any order:
 *     rec_header {magic, nsec, run, len, checksum}  (32 bytes)
 *     uint64 section lengths [nsec], then the section bytes.
 * A record is written with one pwrite; the checksum (rec_checksum: the run id
 * and the payload in 64-bit words over four lanes) and the length detect a
 * record torn by SIGKILL or a crash, which is cut off on resume. Data reach the page cache at once (a killed process
 * loses nothing) and are fdatasync'ed at most once a second and at the end
 * (power loss may cost the last second of runs, never consistency).
 * The journal is flock'ed: two processes cannot write one directory.
 * Records are native-endian: a journal is resumed on the machine (or
 * homogeneous cluster) that wrote it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch_journal.h"
#include "batch_state.h"
#include "buf.h"
#include "util.h"

static void header_line(const gasdep_batch *b, int keep, char *buf, size_t len)
{
    snprintf(buf, len, "gasdep-journal 2 %s %016llx series=%d\n",
             batch_kind_word(b->kind), (unsigned long long)b->identity, keep ? 1 : 0);
}

static int pread_all(int fd, void *buf, size_t len, off_t off)
{
    char *p = buf;
    while (len) {
        ssize_t n = pread(fd, p, len, off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
        off += n;
    }
    return 0;
}

static int pwrite_all(int fd, const void *buf, size_t len, off_t off)
{
    const char *p = buf;
    while (len) {
        ssize_t n = pwrite(fd, p, len, off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
        off += n;
    }
    return 0;
}

/* Four lanes of 64-bit words, each xor-multiply-shift, joined by FNV-1a
 * with the run id and the tail bytes. A record's payload is ~0.4 MB a
 * European winter: FNV-1a a byte at a time (a multiply's latency per byte)
 * was 2 % of a Monte Carlo run; this is about 16 times fewer dependent
 * steps. Format 2 of the journal (format 1 used FNV-1a). */
uint64_t rec_checksum(uint64_t run, const void *payload, size_t len)
{
    static const uint64_t K = 0x9e3779b97f4a7c15ULL;
    uint64_t lane[4] = {run, run ^ K, run + K, ~run};
    const unsigned char *p = payload;
    for (; len >= 32; p += 32, len -= 32)
        for (int i = 0; i < 4; i++) {
            uint64_t w;
            memcpy(&w, p + 8 * i, sizeof w);
            lane[i] = (lane[i] ^ w) * K;
            lane[i] ^= lane[i] >> 29;
        }
    uint64_t h = fnv1a64(FNV_OFFSET, lane, sizeof lane);
    return fnv1a64(h, p, len);
}

int rec_build(bbuf *out, long run, bbuf *const sec[SEC_COUNT])
{
    out->n = 0;
    size_t len = SEC_COUNT * sizeof(uint64_t);
    for (int i = 0; i < SEC_COUNT; i++)
        len += sec[i]->n;
    rec_header h = {REC_MAGIC, SEC_COUNT, (uint64_t)run, len, 0};
    bb_reserve(out, sizeof h + len);
    if (out->oom)
        return -1;
    out->n = sizeof h;
    for (int i = 0; i < SEC_COUNT; i++) {
        uint64_t l = sec[i]->n;
        bb_put(out, &l, sizeof l);
    }
    for (int i = 0; i < SEC_COUNT; i++)
        bb_put(out, sec[i]->p, sec[i]->n);
    h.sum = rec_checksum(h.run, out->p + sizeof h, len);
    memcpy(out->p, &h, sizeof h);
    return out->oom ? -1 : 0;
}

/* 1 when the section lengths at the start of a payload of `len` bytes add up
 * to the rest of it (each at most what is left: no sum can wrap). A record
 * whose checksum holds but whose table does not would send the readers past
 * its end (journal_section) or wrap their buffer sizes. */
static int sections_fit(const void *payload, uint64_t len)
{
    uint64_t lens[SEC_COUNT];
    if (len < sizeof lens)
        return 0;
    memcpy(lens, payload, sizeof lens);
    uint64_t left = len - sizeof lens;
    for (int i = 0; i < SEC_COUNT; i++) {
        if (lens[i] > left)
            return 0;
        left -= lens[i];
    }
    return left == 0;
}

int rec_valid(const void *rec, size_t len, long n_runs, long *run)
{
    rec_header h;
    if (len < sizeof h)
        return 0;
    memcpy(&h, rec, sizeof h);
    if (h.magic != REC_MAGIC || h.nsec != SEC_COUNT || h.len != len - sizeof h ||
        h.len < SEC_COUNT * sizeof(uint64_t) || h.run < 1 ||
        (n_runs > 0 && h.run > (uint64_t)n_runs))
        return 0;
    if (rec_checksum(h.run, (const char *)rec + sizeof h, h.len) != h.sum ||
        !sections_fit((const char *)rec + sizeof h, h.len))
        return 0;
    *run = (long)h.run;
    return 1;
}

int journal_has(const journal *j, long run)
{
    return run >= 1 && run <= j->off_cap && j->off[run - 1] >= 0;
}

/* Record run's offset unless known; grows the table. -1 out of memory. */
static int off_note(journal *j, uint64_t run, off_t off)
{
    if (run < 1 || run > (uint64_t)j->n_runs)
        return 0;
    if ((long)run > j->off_cap) {
        long cap = j->off_cap ? j->off_cap : 1024;
        while (cap < (long)run)
            cap = cap > j->n_runs / 2 ? j->n_runs : 2 * cap;
        int64_t *p = realloc(j->off, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        for (long i = j->off_cap; i < cap; i++)
            p[i] = -1;
        j->off = p;
        j->off_cap = cap;
    }
    if (j->off[run - 1] < 0) {
        j->off[run - 1] = off;
        j->n_have++;
    }
    return 0;
}

/* Scan records from `off`; cut the file at the first torn or corrupt one
 * (its number is kept in damaged_record, for the caller to say so). */
static int scan(journal *j, off_t off, off_t size)
{
    char *buf = NULL;
    size_t cap = 0;
    long record = 0; /* records read whole */
    while (off + (off_t)sizeof(rec_header) <= size) {
        rec_header h;
        if (pread_all(j->fd, &h, sizeof h, off))
            break;
        if (h.magic != REC_MAGIC || h.nsec != SEC_COUNT || h.run < 1 ||
            h.len > (uint64_t)(size - off - (off_t)sizeof h) ||
            h.len < SEC_COUNT * sizeof(uint64_t))
            break;
        if (h.len > cap) {
            char *nb = realloc(buf, h.len);
            if (!nb) {
                free(buf);
                return -1;
            }
            buf = nb;
            cap = h.len;
        }
        if (pread_all(j->fd, buf, h.len, off + (off_t)sizeof h) ||
            rec_checksum(h.run, buf, h.len) != h.sum || !sections_fit(buf, h.len))
            break;
        /* runs beyond this batch (a Monte Carlo resumed with fewer runs)
         * stay in the file but are not used */
        if (off_note(j, h.run, off)) {
            free(buf);
            return -1;
        }
        off += (off_t)(sizeof h + h.len);
        record++; /* the one a break above leaves is record + 1 */
    }
    free(buf);
    if (off < size)
        j->damaged_record = record + 1;
    if (off < size && ftruncate(j->fd, off))
        return -1;
    j->end = off;
    return 0;
}

int journal_open(journal *j, const char *dir, const gasdep_batch *b,
                 int keep_series, int resume, int *discarded, bbuf *err)
{
    memset(j, 0, sizeof *j);
    j->fd = -1;
    *discarded = 0;
    size_t plen = strlen(dir) + 32;
    j->path = malloc(plen);
    j->n_runs = b->n_runs;
    if (!j->path) {
        bb_puts(err, "out of memory");
        return GASDEP_ENOMEM;
    }
    snprintf(j->path, plen, "%s/%s.journal", dir, batch_kind_word(b->kind));
    /* O_NOFOLLOW: a symlink planted at the journal's name must not make it
     * overwrite the link's target */
    j->fd = open(j->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (j->fd < 0) {
        bb_printf(err, "%s: %s", j->path,
                  errno == ELOOP ? "is a symbolic link (refused)" : strerror(errno));
        return GASDEP_EIO;
    }
    if (flock(j->fd, LOCK_EX | LOCK_NB)) {
        bb_printf(err, "%s: %s", j->path,
                  errno == EWOULDBLOCK ? "another gasdep process is writing this "
                                         "directory"
                                       : strerror(errno));
        return GASDEP_EIO;
    }
    char want[128], have[128];
    header_line(b, keep_series, want, sizeof want);
    size_t hlen = strlen(want);
    struct stat st;
    if (fstat(j->fd, &st)) {
        bb_printf(err, "%s: %s", j->path, strerror(errno));
        return GASDEP_EIO;
    }
    off_t size = st.st_size;
    int fresh = 1;
    if (size > 0) {
        size_t n = (size_t)size < hlen ? (size_t)size : hlen;
        memset(have, 0, sizeof have);
        if (pread_all(j->fd, have, n, 0)) {
            bb_printf(err, "%s: cannot read", j->path);
            return GASDEP_EIO;
        }
        int same = (size_t)size >= hlen && !memcmp(have, want, hlen);
        int torn_header = (size_t)size < hlen && !memcmp(have, want, n);
        if (resume && !same && !torn_header) {
            bb_printf(err, "%s belongs to another batch (the scenario, the "
                      "design or --keep-series changed); remove it or run "
                      "without --resume", j->path);
            return GASDEP_EINPUT;
        }
        if (resume && same)
            fresh = 0;
        else if (!resume)
            *discarded = 1;
    }
    if (fresh) {
        if (ftruncate(j->fd, 0) || pwrite_all(j->fd, want, hlen, 0)) {
            bb_printf(err, "%s: %s", j->path, strerror(errno));
            return GASDEP_EIO;
        }
        j->end = (off_t)hlen;
    } else if (scan(j, (off_t)hlen, size)) {
        bb_printf(err, "%s: cannot read the journal", j->path);
        return GASDEP_EIO;
    }
    j->last_sync = batch_now();
    return GASDEP_OK;
}

int journal_sync(journal *j)
{
    j->last_sync = batch_now();
    return fdatasync(j->fd);
}

int journal_append(journal *j, const void *rec, size_t len)
{
    rec_header h;
    memcpy(&h, rec, sizeof h);
    if (pwrite_all(j->fd, rec, len, j->end))
        return -1;
    if (off_note(j, h.run, j->end))
        return -1;
    j->end += (off_t)len;
    if (batch_now() - j->last_sync > 1.0)
        return journal_sync(j);
    return 0;
}

int journal_section(journal *j, long run, int sec, size_t off, size_t len,
                    void *dst, size_t *sec_len)
{
    if (!journal_has(j, run))
        return -1;
    off_t base = (off_t)j->off[run - 1];
    uint64_t lens[SEC_COUNT];
    if (pread_all(j->fd, lens, sizeof lens, base + (off_t)sizeof(rec_header)))
        return -1;
    off_t start = base + (off_t)(sizeof(rec_header) + sizeof lens);
    for (int i = 0; i < sec; i++)
        start += (off_t)lens[i];
    if (sec_len)
        *sec_len = lens[sec];
    if (off + len > lens[sec])
        return -1;
    return len ? pread_all(j->fd, dst, len, start + (off_t)off) : 0;
}

int journal_section_all(journal *j, long run, int sec, bbuf *out)
{
    size_t n;
    if (journal_section(j, run, sec, 0, 0, NULL, &n))
        return -1;
    bb_reserve(out, n);
    if (out->oom)
        return -1;
    if (journal_section(j, run, sec, 0, n, out->p + out->n, NULL))
        return -1;
    out->n += n;
    out->p[out->n] = '\0';
    return 0;
}

void journal_close(journal *j, int remove_file)
{
    if (j->fd >= 0) {
        if (remove_file)
            unlink(j->path);
        close(j->fd);
    }
    free(j->path);
    free(j->off);
    memset(j, 0, sizeof *j);
    j->fd = -1;
}
