/* errors.c: status texts and the error log kept on a model. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "gasdep/gasdep.h"
#include "util.h"

const char *gasdep_strerror(int status)
{
    switch (status) {
#define GASDEP_X_TEXT(name, code, text) \
    case name:                          \
        return text;
        GASDEP_STATUS_LIST(GASDEP_X_TEXT)
#undef GASDEP_X_TEXT
    }
    return "unknown status";
}

void err_free(errlog *m)
{
    free(m->msg);
    for (int i = 0; i < m->n_files; i++)
        free(m->files[i]);
    free(m->files);
    free(m->warn);
    memset(m, 0, sizeof *m);
}

int err_add_file(errlog *m, const char *name)
{
    char **f = realloc(m->files, (size_t)(m->n_files + 1) * sizeof *f);
    if (!f)
        return -1;
    m->files = f;
    if (!(m->files[m->n_files] = xstrdup(name)))
        return -1;
    return m->n_files++;
}

void err_reset(errlog *m)
{
    m->len = 0;
    m->n_errors = 0;
    if (m->msg)
        m->msg[0] = '\0';
}

static void buf_vappend(char **buf, size_t *blen, size_t *bcap,
                        const char *prefix, const char *fmt, va_list ap);

static void err_vappend(errlog *m, const char *prefix, const char *fmt,
                        va_list ap)
{
    buf_vappend(&m->msg, &m->len, &m->cap, prefix, fmt, ap);
}

void warn_reset(errlog *m)
{
    m->wlen = 0;
    m->n_warnings = 0;
    if (m->warn)
        m->warn[0] = '\0';
}

static void warn_vappend(errlog *m, const char *prefix, const char *fmt,
                         va_list ap)
{
    if (++m->n_warnings > MAX_INPUT_ERRORS)
        return;
    buf_vappend(&m->warn, &m->wlen, &m->wcap, prefix, fmt, ap);
}

void warn_at(errlog *m, srcloc at, const char *fmt, ...)
{
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s:%d: ", err_file(m, at), at.line);
    va_list ap;
    va_start(ap, fmt);
    warn_vappend(m, prefix, fmt, ap);
    va_end(ap);
}

static void buf_vappend(char **buf, size_t *blen, size_t *bcap,
                        const char *prefix, const char *fmt, va_list ap)
{
    char line[1024];
    int k = snprintf(line, sizeof line, "%s", prefix);
    if (k < 0)
        return;
    vsnprintf(line + k, sizeof line - (size_t)k, fmt, ap);
    size_t len = strlen(line);
    if (*blen + len + 2 > *bcap) {
        size_t cap = (*bcap ? *bcap * 2 : 1024) + len + 2;
        char *p = realloc(*buf, cap);
        if (!p)
            return;
        *buf = p;
        *bcap = cap;
    }
    if (*blen > 0)
        (*buf)[(*blen)++] = '\n';
    memcpy(*buf + *blen, line, len + 1);
    *blen += len;
}

int err_fail(errlog *m, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vappend(m, "", fmt, ap);
    va_end(ap);
    m->n_errors++;
    return status;
}

const char *err_file(const errlog *m, srcloc at)
{
    if (at.file < 0 || at.file >= m->n_files)
        return "--set";
    return m->files[at.file];
}

/* Input errors are collected up to a cap, each as "file:line: message". */
void err_at(errlog *m, srcloc at, const char *fmt, ...)
{
    m->n_errors++;
    if (m->n_errors > MAX_INPUT_ERRORS)
        return;
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s:%d: ", err_file(m, at), at.line);
    va_list ap;
    va_start(ap, fmt);
    err_vappend(m, prefix, fmt, ap);
    va_end(ap);
}
