# palette.gp: the fixed colours used by every gasdep figure.
#
# This is the single place where colours are set. Every figure script loads it
# (through common.gp). render.sh and compare.sh also read GROUP_NAMES and
# ORIGIN_NAMES from this file (with sed) so that stacking and legend order is
# the same everywhere. Keep each *_NAMES / *_COLORS pair on one line each, and
# the two lists of a pair the same length.

# Origin groups (group_shares.csv `group` column), in stacking/legend order.
GROUP_NAMES  = "russia caspian norway lng north-africa domestic other untraced unknown"
GROUP_COLORS = "#d62728 #e8a317 #1f5fb4 #17a5a0 #8c5a2b #7f7f7f #8e5cc4 #d8cbb0 #c8c8c8"

# Individual origins (shares.csv `origin` column), each a shade of its group's
# hue. Every origin and origin group of the shipped scenarios has its fixed
# colour here (tests/plots/test_plots.sh fails when one has none); `untraced`
# (gas whose origin is not traced, e.g. stored-2024, in store at the start) is
# a pale sand, apart from every supply hue. An origin not listed here takes its group colour if it is named like a
# group, a teal shade (LNG_SHADES) if it starts with "lng", and a colour from
# EXTRA_COLORS otherwise.
ORIGIN_NAMES  = "russia azerbaijan turkmenistan kazakhstan iran norway uk lng lng-us lng-qatar lng-nigeria lng-algeria lng-egypt russia-lng lng-other algeria libya egypt domestic other untraced stored-2024 unknown rest"
ORIGIN_COLORS = "#d62728 #e8a317 #f5c542 #c07f00 #b8860b #1f5fb4 #6a9fd8 #17a5a0 #0f8a85 #0b5e5a #5fcfc6 #3b9c8e #7fb8a8 #f08080 #a6dcd8 #8c5a2b #b5844f #5e3b1a #7f7f7f #8e5cc4 #d8cbb0 #c9b78f #c8c8c8 #a9a9a9"

# Fallbacks for groups/origins not listed above (kept clear of the group hues),
# and shades for unlisted LNG origins.
EXTRA_COLORS = "#e377c2 #bcbd22 #393b79 #637939 #ad494a #7b4173 #17becf #843c39"
LNG_SHADES   = "#17a5a0 #0b5e5a #5fcfc6 #3b9c8e #a6dcd8 #0f8a85"

# Cycle for series that have no fixed colour (regions, pipelines).
SERIES_COLORS = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2 #17becf #bcbd22 #393b79 #ad494a #637939"

# Dash types and point types cycled to tell runs apart in the comparison
# figure, where colour = origin group.
RUN_DASHTYPES = 5
RUN_POINTTYPES = "7 5 9 13 11 6 4 8"

# --- look-up helpers ---------------------------------------------------------
# position of word s in the space-separated list `names` (0 if absent)
pal_find(s, names, i) = i > words(names) ? 0 : (word(names, i) eq s ? i : pal_find(s, names, i + 1))
# n-th word of a list, wrapping around (n >= 1)
nth(list, n) = word(list, int(n - 1) % words(list) + 1)
# colour of the n-th series without a fixed colour (regions, pipelines)
scol(n) = nth(SERIES_COLORS, n)
# colour of origin group g; n = fallback index used for unknown groups
gcol(g, n) = pal_find(g, GROUP_NAMES, 1) > 0 ? word(GROUP_COLORS, pal_find(g, GROUP_NAMES, 1)) : nth(EXTRA_COLORS, n)
# colour of origin o; n = fallback index used for unknown origins
ocol(o, n) = pal_find(o, ORIGIN_NAMES, 1) > 0 ? word(ORIGIN_COLORS, pal_find(o, ORIGIN_NAMES, 1)) : \
             (pal_find(o, GROUP_NAMES, 1) > 0 ? gcol(o, n) : \
             (strstrt(o, "lng") == 1 ? nth(LNG_SHADES, n) : nth(EXTRA_COLORS, n)))
