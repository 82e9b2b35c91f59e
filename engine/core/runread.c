/* runread.c: the CSV files of a finished run directory read with the
 * loader's discipline: regular files only (a FIFO or /dev/zero is refused
 * before a byte is read), a size cap, file lines counted the way the series
 * reader counts them, malformed quoting, NUL bytes, overlong records and a
 * truncated last line refused with "file:line: what is wrong". */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "gasdep/gasdep.h"
#include "runread.h"
#include "util.h"

int runread_fail(char *msg, size_t len, int rc, const char *fmt, ...)
{
    if (msg && len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, len, fmt, ap);
        va_end(ap);
    }
    return rc;
}

int runread_number(const char *s, double *x)
{
    if (!*s)
        return 0;
    /* only what a CSV writer of numbers writes: strtod alone would take
     * "nan", "inf", "0x1p3" and leading spaces */
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    int digits = 0;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p)
        return -1;
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v))
        return -1;
    *x = v;
    return 1;
}

typedef struct reader {
    char **f;
    int n, cap;
    runread_row_fn fn;
    void *ctx;
    int rc;        /* first non-zero status (callback or a limit) */
    long line;     /* file line being fed (1-based) */
    long row_line; /* line where the current record started */
    int row_open;  /* a record has started (bytes fed since the last row) */
    size_t since;  /* bytes of the current record */
    const char *path;
    char *msg;
    size_t len;
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->rc)
        return;
    if (r->n == r->cap) {
        if (r->cap >= RUN_MAX_FIELDS) {
            r->rc = runread_fail(r->msg, r->len, -1, "%s:%ld: more than %d fields",
                                 r->path, r->row_line, RUN_MAX_FIELDS);
            return;
        }
        int nc = r->cap ? 2 * r->cap : 64;
        char **nf = realloc(r->f, (size_t)nc * sizeof *nf);
        if (!nf) {
            r->rc = runread_fail(r->msg, r->len, -1, "out of memory");
            return;
        }
        r->f = nf;
        r->cap = nc;
    }
    char *c = malloc(len + 1);
    if (!c) {
        r->rc = runread_fail(r->msg, r->len, -1, "out of memory");
        return;
    }
    memcpy(c, s, len);
    c[len] = '\0';
    r->f[r->n++] = c;
}

static void on_row(int ch, void *data)
{
    (void)ch;
    reader *r = data;
    if (!r->rc)
        r->rc = r->fn(r->ctx, r->f, r->n, r->row_line);
    for (int i = 0; i < r->n; i++)
        free(r->f[i]);
    r->n = 0;
    r->row_open = 0;
    r->since = 0;
}

/* Feed one piece of a line (ending at its '\n' or at the buffer's end). */
static void feed(reader *r, struct csv_parser *p, const char *s, size_t n)
{
    if (memchr(s, '\0', n)) {
        r->rc = runread_fail(r->msg, r->len, -1, "%s:%ld: NUL byte (not a text file)",
                             r->path, r->line);
        return;
    }
    if (!r->row_open && !(n == 1 && s[0] == '\n') && !(n == 2 && !memcmp(s, "\r\n", 2))) {
        r->row_open = 1;
        r->row_line = r->line;
    }
    r->since += n;
    if (csv_parse(p, s, n, on_field, on_row, r) != n && !r->rc) {
        r->rc = runread_fail(r->msg, r->len, -1, "%s:%ld: %s", r->path,
                             csv_error(p) == CSV_EPARSE ? r->row_line : r->line,
                             csv_error(p) == CSV_EPARSE ? "malformed quoting"
                                                        : csv_strerror(csv_error(p)));
        return;
    }
    if (!r->rc && r->row_open && r->since > RUN_RECORD_MAX_BYTES)
        r->rc = runread_fail(r->msg, r->len, -1, "%s:%ld: record longer than %zu bytes",
                             r->path, r->row_line, RUN_RECORD_MAX_BYTES);
}

int runread_file(const char *path, uint64_t max, runread_row_fn fn, void *ctx,
                 char *msg, size_t len)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return 1;
        return runread_fail(msg, len, -1, "%s: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return runread_fail(msg, len, -1, "%s: not a regular file", path);
    }
    if ((uintmax_t)st.st_size > (uintmax_t)max) {
        close(fd);
        return runread_fail(msg, len, -1, "%s: file too large (over %llu MiB)", path,
                            (unsigned long long)(max >> 20));
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI) != 0) {
        close(fd);
        return runread_fail(msg, len, -1, "out of memory");
    }
    reader r = {NULL, 0, 0, fn, ctx, 0, 1, 1, 0, 0, path, msg, len};
    static const size_t BUF = 1 << 16;
    char *buf = malloc(BUF);
    uint64_t total = 0;
    char last = '\n';
    if (!buf)
        r.rc = runread_fail(msg, len, -1, "out of memory");
    while (!r.rc) {
        ssize_t got = read(fd, buf, BUF);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            r.rc = runread_fail(msg, len, -1, "%s: read error: %s", path, strerror(errno));
            break;
        }
        if (got == 0)
            break;
        total += (uint64_t)got;
        if (total > max) { /* grew while being read */
            r.rc = runread_fail(msg, len, -1, "%s: file too large (over %llu MiB)", path,
                                (unsigned long long)(max >> 20));
            break;
        }
        /* a line at a time, so that records know the line they start on */
        for (size_t pos = 0; pos < (size_t)got && !r.rc;) {
            const char *nl = memchr(buf + pos, '\n', (size_t)got - pos);
            size_t piece = nl ? (size_t)(nl - (buf + pos)) + 1 : (size_t)got - pos;
            feed(&r, &p, buf + pos, piece);
            if (nl)
                r.line++;
            pos += piece;
        }
        last = buf[got - 1];
    }
    close(fd);
    free(buf);
    if (!r.rc && last != '\n')
        r.rc = runread_fail(msg, len, -1, "%s:%ld: the last line has no end of line "
                            "(a truncated file?)", path, r.row_open ? r.row_line : r.line);
    if (!r.rc && csv_fini(&p, on_field, on_row, &r) != 0 && !r.rc)
        r.rc = runread_fail(msg, len, -1, "%s:%ld: malformed quoting", path, r.row_line);
    for (int i = 0; i < r.n; i++)
        free(r.f[i]);
    free(r.f);
    csv_free(&p);
    return r.rc;
}

int runread_header(runread_head *h, char **f, int n, const char *path, long line,
                   char *msg, size_t len)
{
    memset(h, 0, sizeof *h);
    h->name = calloc((size_t)n + 1, sizeof *h->name);
    h->type = calloc((size_t)n + 1, 1);
    if (!h->name || !h->type)
        return runread_fail(msg, len, -1, "out of memory");
    for (int i = 0; i < n; i++) {
        if (!*f[i])
            return runread_fail(msg, len, -1, "%s:%ld: column %d has no name", path,
                                line, i + 1);
        for (int j = 0; j < i; j++)
            if (!strcmp(f[i], f[j]))
                return runread_fail(msg, len, -1, "%s:%ld: column '%s' given twice",
                                    path, line, f[i]);
        if (!(h->name[i] = xstrdup(f[i])))
            return runread_fail(msg, len, -1, "out of memory");
        h->n = i + 1;
    }
    return 0;
}

int runread_col(const runread_head *h, const char *name)
{
    for (int i = 0; i < h->n; i++)
        if (!strcmp(h->name[i], name))
            return i;
    return -1;
}

int runread_check_row(const runread_head *h, char **f, int n, const char *path,
                      long line, char *msg, size_t len)
{
    if (n != h->n)
        return runread_fail(msg, len, -1, "%s:%ld: %d field%s, the header has %d "
                            "(a truncated or damaged row)", path, line, n,
                            n == 1 ? "" : "s", h->n);
    for (int i = 0; i < n; i++) {
        double x;
        int day;
        switch (h->type[i]) {
        case RR_DATE:
            if (gasdep_date_parse(f[i], &day) != 0)
                return runread_fail(msg, len, -1, "%s:%ld: column '%s': '%.40s' is not "
                                    "a date (YYYY-MM-DD)", path, line, h->name[i], f[i]);
            break;
        case RR_TEXT:
            if (!*f[i])
                return runread_fail(msg, len, -1, "%s:%ld: column '%s' is empty", path,
                                    line, h->name[i]);
            break;
        default: {
            int k = runread_number(f[i], &x);
            if (k < 0)
                return runread_fail(msg, len, -1, "%s:%ld: column '%s': '%.40s' is not "
                                    "a number", path, line, h->name[i], f[i]);
            if (k == 0 && h->type[i] == RR_NUM)
                return runread_fail(msg, len, -1, "%s:%ld: column '%s' is empty (it "
                                    "always holds a number)", path, line, h->name[i]);
        }
        }
    }
    return 0;
}

void runread_head_free(runread_head *h)
{
    for (int i = 0; h->name && i < h->n; i++)
        free(h->name[i]);
    free(h->name);
    free(h->type);
    memset(h, 0, sizeof *h);
}

static int has_file(const char *dir, const char *name, int *regular)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p)
        return -1;
    snprintf(p, n, "%s/%s", dir, name);
    struct stat st;
    int yes = stat(p, &st) == 0;
    *regular = yes && S_ISREG(st.st_mode);
    free(p);
    return yes;
}

int runread_complete_run(const char *dir, char *msg, size_t len)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return runread_fail(msg, len, GASDEP_EINPUT, "%s: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return runread_fail(msg, len, GASDEP_EINPUT, "%s: not a run directory (not a "
                            "directory)", dir);
    int reg;
    int marker = has_file(dir, ".gasdep-commit", &reg);
    if (marker < 0)
        return runread_fail(msg, len, GASDEP_ENOMEM, "out of memory");
    if (marker)
        return runread_fail(msg, len, GASDEP_EINPUT, "%s: a run's commit was "
                            "interrupted there (.gasdep-commit): rerun the scenario "
                            "into it first", dir);
    static const char *const NEED[] = {"balance.csv", "summary.csv", "manifest.csv"};
    for (int i = 0; i < 3; i++) {
        int have = has_file(dir, NEED[i], &reg);
        if (have < 0)
            return runread_fail(msg, len, GASDEP_ENOMEM, "out of memory");
        if (!have)
            return runread_fail(msg, len, GASDEP_EINPUT, "%s: not a complete run "
                                "directory (no %s)", dir, NEED[i]);
        if (!reg)
            return runread_fail(msg, len, GASDEP_EINPUT, "%s/%s: not a regular file",
                                dir, NEED[i]);
    }
    return 0;
}
