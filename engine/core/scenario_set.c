/* scenario_set.c: --set overrides and numeric look-up by a kind.name.key
 * path (scenario_set, scenario_get). */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/stat.h>


#include "dates.h"
#include "scenario.h"
#include "scenario_keys.h"
#include "scenario_values.h"
#include "suggest.h"
#include "util.h"

#define MAX_BASE_DEPTH SCENARIO_MAX_BASE_DEPTH

/* ---- paths: kind.name.key --------------------------------------------- */

static int split_path(const scenario *scn, const char *path, int *kind,
                      void **el, const key_def **kd, char *keybuf,
                      size_t keylen, const char **why)
{
    char buf[512], *parts[4];
    if (strlen(path) >= sizeof buf) {
        *why = "path too long";
        return -1;
    }
    strcpy(buf, path);
    int n = 0;
    for (char *p = buf, *dot; n < 4; p = dot + 1) {
        parts[n++] = p;
        dot = strchr(p, '.');
        if (!dot)
            break;
        *dot = '\0';
    }
    const kind_def *kdef = NULL;
    for (const kind_def *k = KINDS; k->word; k++)
        if (strcmp(k->word, parts[0]) == 0)
            kdef = k;
    if (!kdef) {
        char near[128];
        /* keybuf is free on failure: it holds the message with a hint */
        snprintf(keybuf, keylen, "unknown element kind (scenario, weather, origin, "
                 "source, node, region, pipeline, storage, lng, event)%s",
                 scenario_near_kind(parts[0], near, sizeof near));
        *why = keybuf;
        return -1;
    }
    *kind = kdef->kind;
    *el = NULL;
    const char *key;
    if (kdef->kind >= SK_COUNT) {
        if (n != 2) {
            *why = "expected scenario.KEY or weather.KEY";
            return -1;
        }
        key = parts[1];
    } else {
        if (n != 3) {
            *why = "expected KIND.NAME.KEY";
            return -1;
        }
        *el = scenario_find(scn, kdef->kind, parts[1]);
        if (!*el) {
            char near[300];
            snprintf(keybuf, keylen, "no such element in the scenario%s",
                     scenario_near_element(scn, kdef->kind, parts[1], near, sizeof near));
            *why = keybuf;
            return -1;
        }
        key = parts[2];
    }
    snprintf(keybuf, keylen, "%s", key);
    *kd = scenario_key_lookup(kdef->kind, key);
    if (!*kd && strcmp(key, "enabled") != 0 && strcmp(key, "description") != 0) {
        char near[128];
        scenario_near_key(kdef->kind, key, near, sizeof near);
        snprintf(keybuf, keylen, "unknown key%s", near);
        *why = keybuf;
        return -1;
    }
    return 0;
}

/* group.NAME.initial_fill = F (a --set path): the initial_fill of every
 * storage at a region of group NAME (its `groups`), `group.*` for every
 * storage; one line for "all EU storages at 90 %" instead of one override
 * per site. A storage named later by its own path still wins. */
static int set_group_initial_fill(scenario *scn, const char *group, const char *value,
                                  srcloc at)
{
    const elist *st = &scn->el[SK_STORAGE];
    int hit = 0;
    for (int i = 0; i < st->n; i++) {
        storage_el *sto = st->v[i];
        const node_el *r = sto->node.name ? scenario_find(scn, SK_NODE, sto->node.name)
                                          : NULL;
        int in = strcmp(group, "*") == 0;
        for (int g = 0; r && r->is_region && !in && g < r->groups.n; g++)
            in = r->groups.key[g] && strcmp(r->groups.key[g], group) == 0;
        if (in) {
            scenario_apply_key(scn, SK_STORAGE, sto, "initial_fill", value, at);
            hit++;
        }
    }
    if (!hit)
        err_at(scn->err, at, "'group.%s.initial_fill': no storage at a region of group "
               "'%s'", group, group);
    return hit;
}

int scenario_set(scenario *scn, const char *path, const char *value)
{
    int kind;
    void *el;
    const key_def *kd;
    const char *why;
    char key[256];
    char **o = realloc(scn->overrides, (size_t)(scn->n_overrides + 1) * sizeof *o);
    if (!o)
        return GASDEP_ENOMEM;
    scn->overrides = o;
    size_t len = strlen(path) + strlen(value) + 2;
    char *s = malloc(len);
    if (!s)
        return GASDEP_ENOMEM;
    snprintf(s, len, "%s=%s", path, value);
    scn->overrides[scn->n_overrides++] = s;
    srcloc at = {-1, scn->n_overrides};
    int before = scn->err->n_errors;
    scn->section_seq++;
    const char *last = strrchr(path, '.');
    if (strncmp(path, "group.", 6) == 0 && last > path + 6 &&
        strcmp(last, ".initial_fill") == 0 && (size_t)(last - path - 6) < sizeof key) {
        memcpy(key, path + 6, (size_t)(last - path - 6));
        key[last - path - 6] = '\0';
        set_group_initial_fill(scn, key, value, at);
        return scn->err->n_errors > before ? GASDEP_EINPUT : GASDEP_OK;
    }
    if (split_path(scn, path, &kind, &el, &kd, key, sizeof key, &why)) {
        err_at(scn->err, at, "'%s': %s", path, why);
        return GASDEP_EINPUT;
    }
    scenario_apply_key(scn, kind, el, key, value, at);
    return scn->err->n_errors > before ? GASDEP_EINPUT : GASDEP_OK;
}

int scenario_get(const scenario *scn, const char *path, double *value)
{
    int kind;
    void *el;
    const key_def *k;
    const char *why;
    char key[256];
    *value = NAN;
    if (split_path(scn, path, &kind, &el, &k, key, sizeof key, &why))
        return GASDEP_EARG;
    if (!k) {
        *value = ((elem *)el)->enabled;
        return strcmp(key, "enabled") == 0 ? GASDEP_OK : GASDEP_EARG;
    }
    const char *field = (const char *)(el ? el : (const void *)&scn->sc) + k->off;
    switch (k->type) {
    case T_FLOW:
    case T_VOLUME:
        *value = units_mcm((const qty *)field, scn->sc.gcv);
        return GASDEP_OK;
    case T_PRICE:
    case T_FRACTION:
    case T_FRACTION01:
    case T_FACTOR:
    case T_NUMBER:
    case T_GCV:
    case T_KELVIN:
    case T_PER_YEAR:
    case T_DAYS_REAL:
        *value = *(const double *)field;
        return GASDEP_OK;
    case T_DAYS:
    case T_DATE:
    case T_CURTAIL:
    case T_DIST:
    case T_FORESIGHT:
    case T_BOOL:
    case T_DAYS_POS:
    case T_SOLVER:
    case T_PROFILE:
    case T_VALUATION:
        *value = *(const int *)field;
        return GASDEP_OK;
    default:
        return GASDEP_EARG; /* text and lists have no single number */
    }
}
