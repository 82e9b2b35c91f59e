/* suggest.h: "did you mean ...?": the known name closest to an unknown one
 * by edit distance (case-insensitive; a name that starts with the word
 * counts as near). Offer the candidates one by one. */
#ifndef GASDEP_CORE_SUGGEST_H
#define GASDEP_CORE_SUGGEST_H

#include <stddef.h>

#define SUGGEST_MAX 3 /* names shown when several are equally close */

typedef struct suggest {
    const char *word;
    const char *best[SUGGEST_MAX]; /* closest so far (borrowed), in order */
    int n_best;
    int dist;
} suggest;

void suggest_begin(suggest *s, const char *word);
void suggest_offer(suggest *s, const char *candidate);
/* The closest candidate if it is near enough to be a likely typo, else NULL. */
const char *suggest_result(const suggest *s);
/* " (did you mean 'A'?)", " (did you mean 'A' or 'B'?)", ... for the
 * equally close candidates, or "" when none is near; returns buf. */
const char *suggest_format(const suggest *s, char *buf, size_t len);

#endif
