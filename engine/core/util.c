/* util.c: small allocation, hashing and file-reading helpers. */
#include <errno.h>
#include <fcntl.h>
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
