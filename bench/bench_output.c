/* bench_output.c: the per-day CSV writer (output.c) against the floor of a
 * plain fixed-point writer that emits the same bytes.
 *
 * The writer is timed on a whole run (output_day only, the day's steps and
 * the end-of-run files apart). Its daily tables are then read back and split
 * into fields; the floor writes exactly those bytes again from the parsed
 * fields: text copied, numbers formatted by csv_fixed from doubles, rows
 * gathered in a 64 KiB buffer and handed to stdio (1 MiB buffers), as the
 * writer does. It is what any writer of
 * these numbers must do (format them, write them), without the accessors,
 * the shares and the names' look-ups of the real one. The floor's files are
 * compared with the writer's, so both write the same bytes. Both are timed
 * in the thread's CPU time (user and system), so that other load on a shared
 * machine changes the figures less than it changes wall time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_output.h"
#include "csvnum.h"
#include "gasdep/gasdep.h"
#include "model.h"
#include "output.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static const char *const DAILY[] = {"balance.csv", "shares.csv", "group_shares.csv",
                                    "flows.csv",   "supply.csv", "storage.csv",
                                    "via_shares.csv", NULL};

/* A table's fields after its header: text (off, len into the file's text)
 * or a number; a field ends its row or not. */
typedef struct field {
    double x;
    unsigned off, len;
    unsigned char num, eol;
} field;

typedef struct table {
    char *text; /* the whole file */
    size_t size, head; /* bytes; header length */
    field *f;
    size_t n;
} table;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s)
        s[n] = '\0', *len = (size_t)n;
    return s;
}

/* A field that csv_fixed writes back to the same text: digits with an
 * optional sign and point, at most 6 decimals, no trailing zero after the
 * point, no leading zero but "0". */
static int plain_number(const char *s, size_t n, double *x)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    *x = strtod(buf, &end);
    if (end != buf + n)
        return 0;
    char back[64];
    *csv_fixed(back, *x, 6) = '\0';
    return strlen(back) == n && !memcmp(back, buf, n);
}

static int parse_table(const char *path, table *t)
{
    memset(t, 0, sizeof *t);
    if (!(t->text = slurp(path, &t->size)))
        return -1;
    char *nl = memchr(t->text, '\n', t->size);
    t->head = nl ? (size_t)(nl - t->text) + 1 : t->size;
    size_t cap = 1024;
    t->f = malloc(cap * sizeof *t->f);
    for (size_t i = t->head; i < t->size && t->f;) {
        size_t j = i;
        while (j < t->size && t->text[j] != ',' && t->text[j] != '\n')
            j++;
        if (t->n == cap)
            t->f = realloc(t->f, (cap *= 2) * sizeof *t->f);
        if (!t->f)
            return -1;
        field *f = &t->f[t->n++];
        f->off = (unsigned)i;
        f->len = (unsigned)(j - i);
        f->num = (unsigned char)plain_number(t->text + i, j - i, &f->x);
        f->eol = j < t->size && t->text[j] == '\n';
        i = j + 1;
    }
    return t->f ? 0 : -1;
}

/* The floor: t's bytes written again to path, with the same stdio
 * buffering as the writer; *secs: the time of the rows (the header, opening
 * and closing apart, as the writer's open and close are). */
static int plain_write(const table *t, const char *path, char *buf, size_t cap,
                       double *secs)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    fwrite(t->text, 1, t->head, f);
    double t0 = now();
    char *p = buf;
    for (size_t i = 0; i < t->n; i++) {
        const field *x = &t->f[i];
        if (x->num)
            p = csv_fixed(p, x->x, 6);
        else {
            memcpy(p, t->text + x->off, x->len);
            p += x->len;
        }
        *p++ = x->eol ? '\n' : ',';
        if ((size_t)(p - buf) + 256 > cap) {
            fwrite(buf, 1, (size_t)(p - buf), f);
            p = buf;
        }
    }
    fwrite(buf, 1, (size_t)(p - buf), f);
    *secs = now() - t0;
    return fclose(f);
}

int bench_output(const char *path, output_figures *r)
{
    memset(r, 0, sizeof *r);
    gasdep_model *m = gasdep_create();
    char dir[] = "/tmp/gasdep-bench-out-XXXXXX", cmd[256];
    if (!m || gasdep_load(m, path) || gasdep_init(m) || !mkdtemp(dir)) {
        fprintf(stderr, "bench: %s\n", m ? gasdep_errmsg(m) : "out of memory");
        gasdep_destroy(m);
        return -1;
    }
    struct output *o = output_open(m, &m->err, dir, NULL, NULL);
    double t_out = 0;
    int rc = GASDEP_OK, days = 0;
    while (o && (rc = gasdep_step(m)) == GASDEP_OK) {
        double t0 = now();
        output_day(o, m);
        t_out += now() - t0;
        days++;
    }
    if (o)
        output_close(o, m, &m->err, rc == GASDEP_DONE);
    gasdep_destroy(m);
    int bad = !o || rc != GASDEP_DONE || days == 0;
    /* the floor: once, as the writer ran once (gasdep_bench --repeat N
     * takes the medians of both); rows gathered in 64 KiB, as the writer's */
    size_t cap = (size_t)1 << 16, bytes = 0;
    char *buf = malloc(cap);
    double t = 0;
    for (int i = 0; DAILY[i] && !bad; i++) {
        char src[512], dst[512];
        snprintf(src, sizeof src, "%s/%s", dir, DAILY[i]);
        snprintf(dst, sizeof dst, "%s/plain-%s", dir, DAILY[i]);
        if (access(src, R_OK))
            continue;
        table tb;
        bad |= parse_table(src, &tb) != 0 || !buf;
        double secs = 0;
        bad |= bad || plain_write(&tb, dst, buf, cap, &secs) != 0;
        t += secs;
        if (!bad) {
            bytes += tb.size - tb.head;
            size_t n2;
            char *again = slurp(dst, &n2);
            bad |= !again || n2 != tb.size || memcmp(again, tb.text, n2);
            if (bad)
                fprintf(stderr, "bench: the plain writer's %s differs\n", DAILY[i]);
            free(again);
        }
        free(tb.text);
        free(tb.f);
    }
    free(buf);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    if (bad)
        return -1;
    r->days = days;
    r->writer_us = 1e6 * t_out / days;
    r->floor_us = 1e6 * t / days;
    r->kb_per_day = (double)bytes / 1024.0 / days;
    return 0;
}
