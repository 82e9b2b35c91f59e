/* scenario_read.c: reading scenario files and text (libinih): sections,
 * keys with their file:line, base files (up to MAX_BASE_DEPTH deep), the
 * not-a-scenario check and the content hash. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/stat.h>

#include <ini.h>

#include "dates.h"
#include "scenario.h"
#include "scenario_keys.h"
#include "scenario_values.h"
#include "suggest.h"
#include "util.h"

#define MAX_BASE_DEPTH SCENARIO_MAX_BASE_DEPTH

/* ---- reading files ---------------------------------------------------- */

typedef struct reader {
    scenario *scn;
    const char *p;
} reader;

static void section_begin(scenario *scn, const char *text)
{
    srcloc at = {scn->cur_file, scn->cur_line};
    char buf[256], word[256], name[256], extra[8];
    snprintf(buf, sizeof buf, "%s", text);
    snprintf(scn->cur_section, sizeof scn->cur_section, "%s", text);
    scn->section_seq++;
    scn->file_sections++;
    scn->n_seen = 0;
    scn->cur_kind = -2; /* ignore keys of a bad section */
    scn->cur_elem = NULL;
    name[0] = '\0';
    int nw = sscanf(buf, "%255s %255s %7s", word, name, extra);
    if (nw < 1) {
        err_at(scn->err, at, "empty section name");
        return;
    }
    const kind_def *kd = NULL;
    for (const kind_def *k = KINDS; k->word; k++)
        if (strcmp(k->word, word) == 0)
            kd = k;
    if (!kd) {
        char near[128];
        err_at(scn->err, at, "unknown section kind '%s' (expected scenario, weather, "
                      "origin, source, node, region, pipeline, storage, lng or "
                      "event)%s", word, scenario_near_kind(word, near, sizeof near));
        return;
    }
    if (kd->kind >= SK_COUNT) {
        if (nw > 1) {
            err_at(scn->err, at, "[%s] takes no name", word);
            return;
        }
        scn->cur_kind = kd->kind;
        if (kd->kind == SK_SCENARIO && scn->sc_at.line == 0)
            scn->sc_at = at;
        return;
    }
    if (nw != 2) {
        err_at(scn->err, at, nw == 1 ? "[%s] needs a name, e.g. [%s NAME]"
                              : "[%s NAME]: names contain no spaces", word, word);
        return;
    }
    if (!scenario_valid_name(name)) {
        err_at(scn->err, at, "%s '%s': names use letters, digits, '-' and '_'", word,
               name);
        return;
    }
    void *el = scenario_find(scn, kd->kind, name);
    if (el && kd->kind == SK_NODE &&
        ((node_el *)el)->is_region != kd->is_region) {
        err_at(scn->err, at, "'%s' is declared both as [node] and [region]", name);
        return;
    }
    if (!el) {
        el = scenario_element_new(scn, kd->kind, kd->size, name, at);
        if (!el) {
            err_at(scn->err, at, "out of memory");
            return;
        }
        if (kd->kind == SK_NODE)
            ((node_el *)el)->is_region = kd->is_region;
    }
    scn->cur_kind = kd->kind;
    scn->cur_elem = el;
}

/* 1 if any section kind has this key. */
static int known_key(const char *key, size_t len)
{
    for (const key_def *k = KEYS; k->key; k++)
        if (strlen(k->key) == len && strncmp(k->key, key, len) == 0)
            return 1;
    return (len == 4 && !strncmp(key, "base", 4)) ||
           (len == 7 && !strncmp(key, "enabled", 7)) ||
           (len == 11 && !strncmp(key, "description", 11));
}

/* A line before any section of the file: a file whose first line is
 * neither a section nor a known key, or that has three lines before its
 * first section, is some other file (stop, rather than echo it back). */
static int not_a_scenario(scenario *scn, const char *line)
{
    size_t klen = strcspn(line, "=:\r\n");
    int keyish = line[klen] == '=' || line[klen] == ':';
    while (klen > 0 && isspace((unsigned char)line[klen - 1]))
        klen--;
    scn->pre_lines++;
    if ((scn->pre_lines == 1 && !(keyish && known_key(line, klen))) ||
        scn->pre_lines >= 3) {
        srcloc at = {scn->cur_file, scn->cur_line};
        err_at(scn->err, at, "not a gasdep scenario file (expected a section "
               "such as [scenario] first)");
        scn->stop_file = 1;
        return 1;
    }
    return 0;
}

/* fgets-style reader for inih: counts lines for messages, rejects lines
 * longer than inih's buffer, and opens sections (inih calls no handler for a
 * section without keys, and `[node TR]` alone must still create the node). */
static char *reader_line(char *str, int num, void *stream)
{
    reader *r = stream;
    if (!*r->p || r->scn->stop_file)
        return NULL;
    const char *e = strchr(r->p, '\n');
    size_t len = e ? (size_t)(e - r->p) + 1 : strlen(r->p);
    r->scn->cur_line++;
    size_t content = len;
    while (content > 0 && (r->p[content - 1] == '\n' || r->p[content - 1] == '\r'))
        content--;
    if (content > (size_t)num - 3 || len + 1 > (size_t)num) {
        srcloc at = {r->scn->cur_file, r->scn->cur_line};
        err_at(r->scn->err, at, "line longer than %d characters", num - 3);
        r->p += len;
        strcpy(str, "\n");
        return str;
    }
    memcpy(str, r->p, len);
    str[len] = '\0';
    r->p += len;
    const char *s = str;
    while (isspace((unsigned char)*s))
        s++;
    if (*s && *s != '[' && *s != ';' && *s != '#' && r->scn->file_sections == 0 &&
        not_a_scenario(r->scn, s))
        return NULL;
    if (*s == '[') {
        const char *close = strchr(s, ']');
        if (close) {
            char sect[256];
            size_t n = (size_t)(close - s - 1);
            if (n >= sizeof sect)
                n = sizeof sect - 1;
            memcpy(sect, s + 1, n);
            sect[n] = '\0';
            section_begin(r->scn, sect);
        }
    }
    return str;
}

static int load_file_into(scenario *scn, const char *path, srcloc from);

static int on_key(void *user, const char *section, const char *name,
                       const char *value)
{
    scenario *scn = user;
    srcloc at = {scn->cur_file, scn->cur_line};
    (void)section;
    int first_key = scn->keys_in_file++ == 0;
    if (scn->cur_kind == -1) {
        err_at(scn->err, at, "'%s' outside any section", name);
        return 1;
    }
    if (scn->cur_kind == -2)
        return 1;
    if (scn->cur_kind == SK_SCENARIO && strcmp(name, "base") == 0) {
        if (!first_key) {
            err_at(scn->err, at, "'base' must be the first key of the file");
            return 1;
        }
        char *p = scenario_path_join(scn->err->files[scn->cur_file], value);
        int saved_file = scn->cur_file, saved_line = scn->cur_line;
        int saved_keys = scn->keys_in_file, saved_sections = scn->file_sections;
        load_file_into(scn, p, at);
        free(p);
        scn->cur_file = saved_file;
        scn->cur_line = saved_line;
        scn->keys_in_file = saved_keys;
        scn->file_sections = saved_sections;
        scn->pre_lines = 0;
        scn->stop_file = 0;
        scn->n_seen = 0;
        scn->cur_kind = SK_SCENARIO;
        scn->cur_elem = NULL;
        return 1;
    }
    for (int i = 0; i < scn->n_seen; i++)
        if (strcmp(scn->seen_key[i], name) == 0) {
            err_at(scn->err, at, "'%s' given twice in one section (first on "
                   "line %d)", name, scn->seen_line[i]);
            return 1;
        }
    if (scn->n_seen < 64 && strlen(name) < sizeof scn->seen_key[0]) {
        strcpy(scn->seen_key[scn->n_seen], name);
        scn->seen_line[scn->n_seen++] = scn->cur_line;
    }
    scenario_apply_key(scn, scn->cur_kind, scn->cur_elem, name, value, at);
    return 1;
}

static int parse_text(scenario *scn, const char *name, const char *text)
{
    int file = err_add_file(scn->err, name);
    if (file < 0)
        return GASDEP_ENOMEM;
    scn->cur_file = file;
    scn->cur_line = 0;
    scn->cur_kind = -1;
    scn->cur_elem = NULL;
    scn->keys_in_file = 0;
    scn->file_sections = scn->pre_lines = scn->stop_file = scn->n_seen = 0;
    SHA256Update(&scn->sha, (const uint8_t *)text, strlen(text));
    scenario_hash(scn);
    reader r = {scn, text + utf8_bom_len(text)}; /* a UTF-8 BOM is no text */
    int file_index = scn->cur_file;
    int rc = ini_parse_stream(reader_line, &r, on_key, scn);
    if (rc > 0 && !scn->stop_file) {
        srcloc at = {file_index, rc};
        err_at(scn->err, at, "syntax error: expected '[kind name]' or 'key = value'");
    }
    return GASDEP_OK;
}

static int load_file_into(scenario *scn, const char *path, srcloc from)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    if (stat(path, &st) == 0)
        for (int i = 0; i < scn->depth; i++)
            if (scn->open_dev[i] == (unsigned long long)st.st_dev &&
                scn->open_ino[i] == (unsigned long long)st.st_ino &&
                scn->open_file[i] >= 0) {
                char chain[512];
                size_t k = 0;
                chain[0] = '\0';
                for (int j = i; j < scn->depth && k < sizeof chain; j++)
                    k += (size_t)snprintf(chain + k, sizeof chain - k, "%s -> ",
                                          scn->err->files[scn->open_file[j]]);
                err_at(scn->err, from, "base files form a cycle: %s%s", chain,
                       path);
                return GASDEP_EINPUT;
            }
    if (scn->depth >= MAX_BASE_DEPTH) {
        err_at(scn->err, from, "base files nested more than %d deep (a cycle?)",
               MAX_BASE_DEPTH);
        return GASDEP_EINPUT;
    }
    char *text;
    size_t len;
    int rf = read_regular_file(path, MAX_INPUT_BYTES, &text, &len);
    if (rf == RF_NOMEM)
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    if (rf != RF_OK) {
        const char *why = rf == RF_OPEN ? "cannot open" : read_file_why(rf);
        if (from.line > 0 && rf == RF_OPEN)
            err_at(scn->err, from, "cannot open '%s'", path);
        else if (from.line > 0)
            err_at(scn->err, from, "'%s': %s", path, why);
        else
            err_fail(scn->err, rf == RF_OPEN ? GASDEP_EIO : GASDEP_EINPUT,
                     "%s: %s", path,
                     rf == RF_OPEN ? "cannot open scenario file" : why);
        return rf == RF_OPEN ? GASDEP_EIO : GASDEP_EINPUT;
    }
    if (memchr(text, '\0', len)) {
        free(text);
        err_fail(scn->err, GASDEP_EINPUT, "%s: not a text file", path);
        return GASDEP_EINPUT;
    }
    scn->open_dev[scn->depth] = (unsigned long long)st.st_dev;
    scn->open_ino[scn->depth] = (unsigned long long)st.st_ino;
    scn->open_file[scn->depth] = scn->err->n_files; /* parse_text adds it */
    scn->depth++;
    int rc = parse_text(scn, path, text);
    scn->depth--;
    free(text);
    return rc;
}

int scenario_load_file(scenario *scn, const char *path, srcloc from)
{
    int rc = load_file_into(scn, path, from);
    if (rc == GASDEP_OK && scn->err->n_errors > 0)
        rc = GASDEP_EINPUT;
    return rc;
}

int scenario_load_text(scenario *scn, const char *name, const char *text)
{
    scn->open_file[scn->depth] = -1; /* no file: never part of a cycle */
    scn->depth++;
    int rc = parse_text(scn, name, text);
    scn->depth--;
    if (rc == GASDEP_OK && scn->err->n_errors > 0)
        rc = GASDEP_EINPUT;
    return rc;
}
