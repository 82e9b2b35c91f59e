/* ofile.c: batch result files written whole: a temporary name, fsync and
 * rename. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ofile.h"

int of_open(ofile *o, const char *dir, const char *name, bbuf *err)
{
    size_t n = strlen(dir) + strlen(name) + 64;
    o->tmp = malloc(n);
    o->final = malloc(n);
    o->f = NULL;
    if (!o->tmp || !o->final) {
        bb_puts(err, "out of memory");
        return GASDEP_ENOMEM;
    }
    snprintf(o->final, n, "%s/%s", dir, name);
    snprintf(o->tmp, n, "%s/.%s.tmp.%ld", dir, name, (long)getpid());
    /* O_NOFOLLOW | O_EXCL: never write through a symlink planted at the
     * temporary name (a stale one of a killed run is removed first) */
    unlink(o->tmp);
    int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    o->f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!o->f) {
        bb_printf(err, "%s: %s", o->tmp, strerror(errno));
        if (fd >= 0)
            close(fd);
        return GASDEP_EIO;
    }
    setvbuf(o->f, NULL, _IOFBF, 1 << 16);
    return GASDEP_OK;
}

void of_abort(ofile *o)
{
    if (o->f) {
        fclose(o->f);
        unlink(o->tmp);
    }
    free(o->tmp);
    free(o->final);
    memset(o, 0, sizeof *o);
}

int of_commit(ofile *o, gasdep_batch_report *r, bbuf *err)
{
    int bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
    bad |= fclose(o->f) != 0;
    o->f = NULL;
    if (bad || rename(o->tmp, o->final)) {
        bb_printf(err, "%s: %s", o->final, strerror(errno));
        unlink(o->tmp);
        free(o->tmp);
        free(o->final);
        return GASDEP_EIO;
    }
    size_t used = strlen(r->files);
    snprintf(r->files + used, sizeof r->files - used, "%s%s", used ? " " : "",
             o->final);
    free(o->tmp);
    free(o->final);
    memset(o, 0, sizeof *o);
    return GASDEP_OK;
}
