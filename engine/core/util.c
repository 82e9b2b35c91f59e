/* util.c: small allocation, hashing and file-reading helpers. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

void *xcalloc(size_t n, size_t size)
{
    return calloc(n ? n : 1, size);
}

char *xstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

uint64_t fnv1a64(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int read_regular_file(const char *path, size_t max, char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return RF_OPEN;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return RF_NOTREG;
    }
    if ((uintmax_t)st.st_size > (uintmax_t)max) {
        close(fd);
        return RF_TOOBIG;
    }
    size_t cap = (size_t)st.st_size + 2, n = 0; /* room to see the end */
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return RF_NOMEM;
    }
    for (;;) {
        if (n + 1 == cap) { /* the file grew while being read */
            if (cap > max) {
                free(buf);
                close(fd);
                return RF_TOOBIG;
            }
            size_t c2 = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *b2 = realloc(buf, c2 + 1);
            if (!b2) {
                free(buf);
                close(fd);
                return RF_NOMEM;
            }
            buf = b2;
            cap = c2 + 1;
        }
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            free(buf);
            close(fd);
            return RF_READ;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (n > max) {
        free(buf);
        return RF_TOOBIG;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return RF_OK;
}

const char *read_file_why(int status)
{
    switch (status) {
    case RF_OPEN:
        return "cannot open";
    case RF_NOTREG:
        return "not a regular file";
    case RF_TOOBIG:
        return "file too large (over 64 MiB)";
    case RF_READ:
        return "read error";
    case RF_NOMEM:
        return "out of memory";
    default:
        return "ok";
    }
}

size_t utf8_bom_len(const char *s)
{
    return s[0] == '\xEF' && s[1] == '\xBB' && s[2] == '\xBF' ? 3 : 0;
}

static size_t strmap_slot(const strmap *m, const char *key)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)fnv1a64(FNV_OFFSET, key, strlen(key)) & mask;
    while (m->key[i] && strcmp(m->key[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

int strmap_put(strmap *m, const char *key, int val)
{
    if (2 * (m->n + 1) > m->cap) { /* keep the load under one half */
        strmap g = {0};
        g.cap = m->cap ? 2 * m->cap : 64;
        g.key = calloc(g.cap, sizeof *g.key);
        g.val = calloc(g.cap, sizeof *g.val);
        if (!g.key || !g.val) {
            free(g.key);
            free(g.val);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->key[i]) {
                size_t j = strmap_slot(&g, m->key[i]);
                g.key[j] = m->key[i];
                g.val[j] = m->val[i];
                g.n++;
            }
        strmap_free(m);
        *m = g;
    }
    size_t i = strmap_slot(m, key);
    if (!m->key[i]) {
        m->key[i] = key;
        m->n++;
    }
    m->val[i] = val;
    return 0;
}

int strmap_get(const strmap *m, const char *key)
{
    if (m->cap == 0)
        return -1;
    size_t i = strmap_slot(m, key);
    return m->key[i] ? m->val[i] : -1;
}

void strmap_free(strmap *m)
{
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

char *str_trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}
