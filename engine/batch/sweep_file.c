/* sweep_file.c: [sweep] files (libinih): each key given to the batch's
 * public setters with its file:line, as --vary and --set are from the
 * command line. Above batch.c and sweep.c, which it calls. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "batch_state.h"
#include "util.h"

#define MAX_RUNS GASDEP_BATCH_MAX_RUNS

int gasdep_batch_is_sweep_file(const char *path)
{
    char *text;
    size_t len;
    int rf = read_regular_file(path, MAX_INPUT_BYTES, &text, &len);
    if (rf != RF_OK)
        return -1;
    int found = 0;
    for (char *line = text + utf8_bom_len(text); !found && line && *line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *t = str_trim(line);
        char *e = *t == '[' ? strchr(t, ']') : NULL;
        if (e) {
            *e = '\0';
            found = !strcasecmp(str_trim(t + 1), "sweep");
        }
        line = next;
    }
    free(text);
    return found;
}

typedef struct file_ctx {
    gasdep_batch *b;
    const char *path;
    const char *p; /* next line of the text */
    int line;
    int errors;
    int fatal;
    int foreign; /* in a section other than [sweep] (reported at its header) */
} file_ctx;

/* fgets-style reader for inih over the text in memory: counts lines,
 * rejects lines longer than inih's buffer (rather than letting it split
 * them) and reports a section other than [sweep] at its header, keys or
 * not. */
static char *counting_reader(char *str, int num, void *stream)
{
    file_ctx *c = stream;
    if (!*c->p)
        return NULL;
    const char *e = strchr(c->p, '\n');
    size_t len = e ? (size_t)(e - c->p) + 1 : strlen(c->p);
    c->line++;
    if (len + 1 > (size_t)num - 2) {
        batch_err(c->b, "%s:%d: line longer than %d characters", c->path, c->line,
                  num - 4);
        c->errors++;
        c->p += len;
        strcpy(str, "\n");
        return str;
    }
    memcpy(str, c->p, len);
    str[len] = '\0';
    c->p += len;
    char sect[256];
    const char *t = str;
    while (isspace((unsigned char)*t))
        t++;
    const char *close = *t == '[' ? strchr(t, ']') : NULL;
    if (close && (size_t)(close - t) < sizeof sect) {
        memcpy(sect, t + 1, (size_t)(close - t - 1));
        sect[close - t - 1] = '\0';
        char *name = str_trim(sect);
        c->foreign = strcasecmp(name, "sweep") != 0;
        if (c->foreign) {
            batch_err(c->b, "%s:%d: section [%s]: a sweep file has one [sweep] "
                      "section", c->path, c->line, name);
            c->errors++;
        }
    }
    return str;
}

static int file_handler(void *user, const char *section, const char *name,
                        const char *value)
{
    file_ctx *c = user;
    gasdep_batch *b = c->b;
    if (strcasecmp(section, "sweep")) {
        if (!c->foreign) { /* a key before any section */
            batch_err(b, "%s:%d: '%s' outside the [sweep] section", c->path,
                      c->line, name);
            c->errors++;
        }
        return 1;
    }
    int before = (int)b->err.n;
    int rc = GASDEP_OK;
    if (!strcmp(name, "scenario")) {
        char full[4096];
        const char *slash = strrchr(c->path, '/');
        if (value[0] == '/' || !slash)
            snprintf(full, sizeof full, "%s", value);
        else
            snprintf(full, sizeof full, "%.*s/%s", (int)(slash - c->path),
                     c->path, value);
        rc = gasdep_batch_set_scenario(b, full);
        b->scenario_line = c->line;
    } else if (!strcmp(name, "vary")) {
        rc = gasdep_batch_vary(b, value);
        if (rc == GASDEP_OK)
            b->par[b->n_par - 1].line = c->line;
    } else if (!strcmp(name, "set")) {
        rc = gasdep_batch_set(b, value);
        if (rc == GASDEP_OK)
            b->set_line[b->n_sets - 1] = c->line;
    } else if (!strcmp(name, "design")) {
        rc = gasdep_batch_set_design(b, value);
        b->design_line = c->line;
    } else if (!strcmp(name, "samples") || !strcmp(name, "seed")) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(value, &end, 10);
        while (isspace((unsigned char)*end))
            end++;
        if (end == value || *end || errno || value[0] == '-') {
            batch_err(b, "%s:%d: %s: expected a whole number", c->path, c->line,
                      name);
            c->errors++;
            return 1;
        }
        if (!strcmp(name, "seed"))
            rc = gasdep_batch_set_seed(b, (uint64_t)v);
        else {
            rc = gasdep_batch_set_samples(b, v > (unsigned long long)MAX_RUNS
                                                 ? MAX_RUNS + 1 /* refused */
                                                 : (long)v);
            b->samples_line = c->line;
        }
    } else {
        batch_err(b, "%s:%d: unknown key '%s' (scenario, vary, set, design, "
                  "samples, seed)", c->path, c->line, name);
        c->errors++;
        return 1;
    }
    if (rc == GASDEP_ENOMEM) {
        c->fatal = 1;
        return 0;
    }
    if (rc != GASDEP_OK) {
        /* prefix the message just added with file:line */
        if ((size_t)before < b->err.n) {
            char *msg = strdup(b->err.p + before + (before ? 1 : 0));
            b->err.n = (size_t)before;
            b->err.p[before] = '\0';
            batch_err(b, "%s:%d: %s", c->path, c->line, msg ? msg : "");
            free(msg);
        }
        c->errors++;
    }
    return 1;
}

int gasdep_batch_load_file(gasdep_batch *b, const char *path)
{
    if (!b || !path)
        return GASDEP_EARG;
    if (b->kind != GASDEP_SWEEP) {
        batch_err(b, "%s: sweep files are for sweeps", path);
        return GASDEP_EARG;
    }
    char *text;
    size_t len;
    int rf = read_regular_file(path, MAX_INPUT_BYTES, &text, &len);
    if (rf == RF_NOMEM)
        return GASDEP_ENOMEM;
    if (rf != RF_OK) {
        batch_err(b, "%s: %s", path,
                  rf == RF_OPEN ? strerror(errno) : read_file_why(rf));
        return rf == RF_OPEN ? GASDEP_EIO : GASDEP_EINPUT;
    }
    if (memchr(text, '\0', len)) {
        free(text);
        batch_err(b, "%s: not a text file", path);
        return GASDEP_EINPUT;
    }
    char *name = strdup(path);
    if (!name) {
        free(text);
        return GASDEP_ENOMEM;
    }
    free(b->src_file);
    b->src_file = name;
    file_ctx c = {b, path, text + utf8_bom_len(text), 0, 0, 0, 0};
    int rc = ini_parse_stream(counting_reader, &c, file_handler, &c);
    free(text);
    if (c.fatal)
        return GASDEP_ENOMEM;
    if (rc > 0 && !c.errors) {
        batch_err(b, "%s:%d: syntax error (expected [sweep] or key = value)", path, rc);
        c.errors++;
    }
    if (!c.errors && !b->scenario) {
        batch_err(b, "%s: no 'scenario =' in [sweep]", path);
        c.errors++;
    }
    return c.errors ? GASDEP_EINPUT : GASDEP_OK;
}
