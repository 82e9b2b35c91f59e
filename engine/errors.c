/* errors.c: status texts and the error log kept on the model handle. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

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

void err_reset(gasdep_model *m)
{
    m->errlen = 0;
    m->n_errors = 0;
    if (m->errmsg)
        m->errmsg[0] = '\0';
}

static void err_vappend(gasdep_model *m, const char *prefix, const char *fmt,
                        va_list ap)
{
    char line[1024];
    int k = snprintf(line, sizeof line, "%s", prefix);
    if (k < 0)
        return;
    vsnprintf(line + k, sizeof line - (size_t)k, fmt, ap);
    size_t len = strlen(line);
    if (m->errlen + len + 2 > m->errcap) {
        size_t cap = (m->errcap ? m->errcap * 2 : 1024) + len + 2;
        char *p = realloc(m->errmsg, cap);
        if (!p)
            return;
        m->errmsg = p;
        m->errcap = cap;
    }
    if (m->errlen > 0)
        m->errmsg[m->errlen++] = '\n';
    memcpy(m->errmsg + m->errlen, line, len + 1);
    m->errlen += len;
}

int err_fail(gasdep_model *m, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vappend(m, "", fmt, ap);
    va_end(ap);
    m->n_errors++;
    return status;
}

const char *err_file(const gasdep_model *m, srcloc at)
{
    if (at.file < 0 || at.file >= m->n_files)
        return "--set";
    return m->files[at.file];
}

/* Input errors are collected up to a cap, each as "file:line: message". */
void err_at(gasdep_model *m, srcloc at, const char *fmt, ...)
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

const char *gasdep_errmsg(const gasdep_model *m)
{
    if (!m || !m->errmsg)
        return "";
    return m->errmsg;
}

int gasdep_error_count(const gasdep_model *m)
{
    return m ? m->n_errors : 0;
}
