/* suggest.c: the known name closest to an unknown one (Levenshtein distance,
 * case-insensitive), for "did you mean ...?" in input errors. */
#include <ctype.h>
#include <string.h>

#include "suggest.h"
#include "gasdep/gasdep.h"

#define MAX_LEN 64 /* longer names are compared on their first 64 bytes */

static int lower(int c)
{
    return tolower((unsigned char)c);
}

/* Edit distance (insert, delete, substitute one character), two rows. */
static int distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > MAX_LEN)
        la = MAX_LEN;
    if (lb > MAX_LEN)
        lb = MAX_LEN;
    int row[2][MAX_LEN + 1];
    for (int j = 0; j <= lb; j++)
        row[0][j] = j;
    for (int i = 1; i <= la; i++) {
        int *cur = row[i & 1], *prev = row[(i - 1) & 1];
        cur[0] = i;
        for (int j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (lower(a[i - 1]) != lower(b[j - 1]));
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    }
    return row[la & 1][lb];
}

static int starts_with(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (lower(*s) != lower(*prefix))
            return 0;
    return 1;
}

void suggest_begin(suggest *s, const char *word)
{
    s->word = word;
    s->n_best = 0;
    s->dist = 1 << 30;
}

void suggest_offer(suggest *s, const char *c)
{
    if (!c || !s->word || !strcmp(c, s->word))
        return;
    int d = distance(s->word, c);
    /* "TAP" for "TAP-AL-IT": a prefix of at least 2 characters is near */
    if (strlen(s->word) >= 2 && starts_with(c, s->word) && d > 1)
        d = 1;
    if (d < s->dist) {
        s->dist = d;
        s->n_best = 0;
    }
    if (d == s->dist && s->n_best < SUGGEST_MAX) {
        for (int i = 0; i < s->n_best; i++)
            if (!strcmp(s->best[i], c))
                return;
        s->best[s->n_best++] = c;
    }
}

const char *suggest_result(const suggest *s)
{
    if (!s->n_best)
        return NULL;
    int len = (int)strlen(s->word);
    int limit = len <= 3 ? 1 : len <= 8 ? 2 : 3;
    return s->dist <= limit ? s->best[0] : NULL;
}

const char *suggest_format(const suggest *s, char *buf, size_t len)
{
    if (!len)
        return buf;
    buf[0] = '\0';
    if (!suggest_result(s))
        return buf;
    size_t k = (size_t)snprintf(buf, len, " (did you mean ");
    for (int i = 0; i < s->n_best && k < len; i++)
        k += (size_t)snprintf(buf + k, len - k, "%s'%s'",
                              i == 0 ? "" : i == s->n_best - 1 ? " or " : ", ",
                              s->best[i]);
    if (k < len)
        snprintf(buf + k, len - k, "?)");
    return buf;
}

const char *gasdep_suggest(const char *word, const char *const *names, int n)
{
    if (!word || !names)
        return NULL;
    suggest s;
    suggest_begin(&s, word);
    for (int i = 0; n < 0 ? names[i] != NULL : i < n; i++)
        suggest_offer(&s, names[i]);
    return suggest_result(&s);
}
