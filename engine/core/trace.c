/* trace.c: origin and route tracing by proportional mixing at every node.
 * The day's flow graph is split into strongly connected components
 * (Tarjan); acyclic parts are solved by substitution in topological order,
 * loops (e.g. from reverse flows) by a dense LU solve with GSL. One solver
 * (mix_solve) serves both passes: origins (every arc passes its sender's
 * mix on) and corridors (an arc of a member pipeline delivers gas that has
 * passed the corridor, whatever its sender's mix; docs/ROUTES.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_vector.h>

#include "trace.h"

#define FLOW_EPS 1e-12 /* mcm: arcs below this carry nothing */

struct trace {
    int n_nodes, n_orig;
    /* CSR of arcs into each node, rebuilt daily from the flows */
    int *in_first, *in_from, *in_cnt, *in_pipe;
    double *in_w;
    double *cw;       /* coupling weight of each arc in the current pass */
    double *col;      /* n_nodes: one corridor's fractions */
    unsigned char *member; /* per pipeline: of the corridor being traced */
    /* all corridors at once on a day without loops (trace_corridors) */
    unsigned char *pmember; /* n_pipe x C: pipeline p is a member of c */
    double *vsup, *vmix;    /* n_nodes x C */
    int n_comp;       /* components of the day's graph (tarjan) */
    int *out_first, *out_to, *out_cnt; /* arcs out, for Tarjan */
    double *inflow;   /* total gas entering each node (mcm) */
    double *supply;   /* n_nodes x n_orig local supply by origin */
    /* Tarjan */
    int *index, *low, *stack, *on_stack, *comp, *order, *comp_first, *cs,
        *local;
    int *call_node, *call_edge;
    /* dense workspace for loops; grows to the largest component seen */
    int dense_cap;
    gsl_matrix *A;
    gsl_permutation *perm;
    gsl_vector *b, *x;
};

void trace_destroy(struct trace *tr)
{
    if (!tr)
        return;
    free(tr->in_first), free(tr->in_from), free(tr->in_cnt), free(tr->in_w);
    free(tr->in_pipe), free(tr->cw), free(tr->col), free(tr->member);
    free(tr->pmember), free(tr->vsup), free(tr->vmix);
    free(tr->out_first), free(tr->out_to), free(tr->out_cnt);
    free(tr->inflow), free(tr->supply);
    free(tr->index), free(tr->low), free(tr->stack), free(tr->on_stack);
    free(tr->comp), free(tr->order), free(tr->comp_first), free(tr->cs);
    free(tr->local), free(tr->call_node), free(tr->call_edge);
    if (tr->A)
        gsl_matrix_free(tr->A);
    if (tr->perm)
        gsl_permutation_free(tr->perm);
    if (tr->b)
        gsl_vector_free(tr->b);
    if (tr->x)
        gsl_vector_free(tr->x);
    free(tr);
}

struct trace *trace_create(const net *n)
{
    struct trace *tr = calloc(1, sizeof *tr);
    if (!tr)
        return NULL;
    size_t N = (size_t)n->node.count + 1, E = 2 * (size_t)n->pipe.count + 1;
    tr->n_nodes = n->node.count;
    tr->n_orig = n->origin.count;
    tr->in_first = calloc(N + 1, sizeof(int));
    tr->in_cnt = calloc(N, sizeof(int));
    tr->in_from = calloc(E, sizeof(int));
    tr->in_w = calloc(E, sizeof(double));
    tr->in_pipe = calloc(E, sizeof(int));
    tr->cw = calloc(E, sizeof(double));
    tr->col = calloc(N, sizeof(double));
    tr->member = calloc((size_t)n->pipe.count + 1, 1);
    size_t C = (size_t)n->corr.count + 1;
    tr->pmember = calloc(((size_t)n->pipe.count + 1) * C, 1);
    tr->vsup = calloc(N * C, sizeof(double));
    tr->vmix = calloc(N * C, sizeof(double));
    tr->out_first = calloc(N + 1, sizeof(int));
    tr->out_cnt = calloc(N, sizeof(int));
    tr->out_to = calloc(E, sizeof(int));
    tr->inflow = calloc(N, sizeof(double));
    tr->supply = calloc(N * ((size_t)n->origin.count + 1), sizeof(double));
    tr->index = calloc(N, sizeof(int));
    tr->low = calloc(N, sizeof(int));
    tr->stack = calloc(N, sizeof(int));
    tr->on_stack = calloc(N, sizeof(int));
    tr->comp = calloc(N, sizeof(int));
    tr->order = calloc(N, sizeof(int));
    tr->comp_first = calloc(N + 1, sizeof(int));
    tr->cs = calloc(N, sizeof(int));
    tr->local = calloc(N, sizeof(int));
    tr->call_node = calloc(N, sizeof(int));
    tr->call_edge = calloc(N, sizeof(int));
    if (!tr->in_first || !tr->in_cnt || !tr->in_from || !tr->in_w ||
        !tr->in_pipe || !tr->cw || !tr->col || !tr->member || !tr->pmember ||
        !tr->vsup || !tr->vmix ||
        !tr->out_first || !tr->out_cnt || !tr->out_to || !tr->inflow ||
        !tr->supply || !tr->index || !tr->low || !tr->stack ||
        !tr->on_stack || !tr->comp || !tr->order || !tr->comp_first ||
        !tr->cs || !tr->local || !tr->call_node || !tr->call_edge) {
        trace_destroy(tr);
        return NULL;
    }
    for (int c = 0; c < n->corr.count; c++)
        for (int j = n->corr.pipe_first[c]; j < n->corr.pipe_first[c + 1]; j++)
            tr->pmember[(size_t)n->corr.pipes[j] * (C - 1) + c] = 1;
    return tr;
}

/* Build in/out arc lists of the day's positive deliveries. */
static void build_arcs(struct trace *tr, const net *n, const day_state *d)
{
    int N = n->node.count;
    memset(tr->in_cnt, 0, (size_t)N * sizeof(int));
    memset(tr->out_cnt, 0, (size_t)N * sizeof(int));
    for (int p = 0; p < n->pipe.count; p++) {
        if (d->fwd[p] > FLOW_EPS)
            tr->in_cnt[n->pipe.to[p]]++, tr->out_cnt[n->pipe.from[p]]++;
        if (d->rev[p] > FLOW_EPS)
            tr->in_cnt[n->pipe.from[p]]++, tr->out_cnt[n->pipe.to[p]]++;
    }
    tr->in_first[0] = tr->out_first[0] = 0;
    for (int i = 0; i < N; i++) {
        tr->in_first[i + 1] = tr->in_first[i] + tr->in_cnt[i];
        tr->out_first[i + 1] = tr->out_first[i] + tr->out_cnt[i];
        tr->in_cnt[i] = tr->out_cnt[i] = 0;
    }
    for (int p = 0; p < n->pipe.count; p++) {
        double keep = 1.0 - n->pipe.loss[p];
        for (int dir = 0; dir < 2; dir++) {
            double f = dir ? d->rev[p] : d->fwd[p];
            if (f <= FLOW_EPS)
                continue;
            int a = dir ? n->pipe.to[p] : n->pipe.from[p];
            int b = dir ? n->pipe.from[p] : n->pipe.to[p];
            int k = tr->in_first[b] + tr->in_cnt[b]++;
            tr->in_from[k] = a;
            tr->in_pipe[k] = p;
            tr->in_w[k] = f * keep;
            tr->inflow[b] += f * keep;
            tr->out_to[tr->out_first[a] + tr->out_cnt[a]++] = b;
        }
    }
}

/* Iterative Tarjan; components come out sinks first, so the reverse of the
 * emission order is a topological order of the condensation. */
static int tarjan(struct trace *tr)
{
    int N = tr->n_nodes, idx = 0, sp = 0, nc = 0, pos = 0;
    for (int i = 0; i < N; i++)
        tr->index[i] = -1, tr->on_stack[i] = 0;
    for (int root = 0; root < N; root++) {
        if (tr->index[root] >= 0)
            continue;
        int depth = 0;
        tr->call_node[0] = root;
        tr->call_edge[0] = tr->out_first[root];
        tr->index[root] = tr->low[root] = idx++;
        tr->stack[sp++] = root;
        tr->on_stack[root] = 1;
        while (depth >= 0) {
            int v = tr->call_node[depth];
            if (tr->call_edge[depth] < tr->out_first[v + 1]) {
                int w = tr->out_to[tr->call_edge[depth]++];
                if (tr->index[w] < 0) {
                    tr->index[w] = tr->low[w] = idx++;
                    tr->stack[sp++] = w;
                    tr->on_stack[w] = 1;
                    depth++;
                    tr->call_node[depth] = w;
                    tr->call_edge[depth] = tr->out_first[w];
                } else if (tr->on_stack[w] && tr->index[w] < tr->low[v]) {
                    tr->low[v] = tr->index[w];
                }
                continue;
            }
            if (tr->low[v] == tr->index[v]) {
                tr->comp_first[nc] = pos;
                int w;
                do {
                    w = tr->stack[--sp];
                    tr->on_stack[w] = 0;
                    tr->comp[w] = nc;
                    tr->order[pos++] = w;
                } while (w != v);
                nc++;
            }
            depth--;
            if (depth >= 0) {
                int u = tr->call_node[depth];
                if (tr->low[v] < tr->low[u])
                    tr->low[u] = tr->low[v];
            }
        }
    }
    tr->comp_first[nc] = pos;
    return nc;
}

static int ensure_dense(struct trace *tr, int k)
{
    if (k <= tr->dense_cap)
        return 0;
    if (tr->A)
        gsl_matrix_free(tr->A), gsl_permutation_free(tr->perm),
            gsl_vector_free(tr->b), gsl_vector_free(tr->x);
    int cap = k > 2 * tr->dense_cap ? k : 2 * tr->dense_cap;
    tr->A = gsl_matrix_alloc((size_t)cap, (size_t)cap);
    tr->perm = gsl_permutation_alloc((size_t)cap);
    tr->b = gsl_vector_alloc((size_t)cap);
    tr->x = gsl_vector_alloc((size_t)cap);
    if (!tr->A || !tr->perm || !tr->b || !tr->x) {
        tr->dense_cap = 0;
        return -1;
    }
    tr->dense_cap = cap;
    return 0;
}

/* Solve one component of k > 1 nodes: T_i x_i - sum_{j in comp} w_ji x_j =
 * S_i + sum_{j outside} w_ji x_j, for each of O channels (one LU, O
 * solves); w the coupling weights cw of the pass, S its supply (n x O). */
static int solve_loop(struct trace *tr, const int *nodes, int k, int c, int O,
                      const double *supply, double *mix)
{
    if (ensure_dense(tr, k))
        return GASDEP_ENOMEM;
    gsl_matrix_view A = gsl_matrix_submatrix(tr->A, 0, 0, (size_t)k, (size_t)k);
    gsl_permutation perm = {(size_t)k, tr->perm->data};
    gsl_vector_view b = gsl_vector_subvector(tr->b, 0, (size_t)k);
    gsl_vector_view x = gsl_vector_subvector(tr->x, 0, (size_t)k);
    gsl_matrix_set_zero(&A.matrix);
    for (int i = 0; i < k; i++)
        tr->local[nodes[i]] = i;
    for (int i = 0; i < k; i++) {
        int v = nodes[i];
        double T = tr->inflow[v];
        gsl_matrix_set(&A.matrix, (size_t)i, (size_t)i, T > 0 ? T : 1.0);
        for (int e = tr->in_first[v]; e < tr->in_first[v + 1]; e++) {
            int u = tr->in_from[e];
            if (tr->comp[u] == c)
                *gsl_matrix_ptr(&A.matrix, (size_t)i, (size_t)tr->local[u]) -=
                    tr->cw[e];
        }
    }
    int sign;
    if (gsl_linalg_LU_decomp(&A.matrix, &perm, &sign) != 0)
        return GASDEP_ENUMERIC;
    for (int o = 0; o < O; o++) {
        for (int i = 0; i < k; i++) {
            int v = nodes[i];
            double rhs = supply[(size_t)v * O + o];
            for (int e = tr->in_first[v]; e < tr->in_first[v + 1]; e++) {
                int u = tr->in_from[e];
                if (tr->comp[u] != c)
                    rhs += tr->cw[e] * mix[(size_t)u * O + o];
            }
            gsl_vector_set(&b.vector, (size_t)i, rhs);
        }
        if (gsl_linalg_LU_solve(&A.matrix, &perm, &b.vector, &x.vector) != 0)
            return GASDEP_ENUMERIC;
        for (int i = 0; i < k; i++) {
            double xv = gsl_vector_get(&x.vector, (size_t)i);
            if (!isfinite(xv))
                return GASDEP_ENUMERIC;
            mix[(size_t)nodes[i] * O + o] = xv < 0 ? 0 : xv;
        }
    }
    return GASDEP_OK;
}

/* Mix O channels through the day's components (tarjan's order), sinks
 * last: x_v = (S_v + sum over arcs e into v of cw_e x_u) / T_v. */
static int mix_solve(struct trace *tr, int O, const double *supply, double *mix)
{
    for (int c = tr->n_comp - 1; c >= 0; c--) {
        const int *nodes = tr->order + tr->comp_first[c];
        int k = tr->comp_first[c + 1] - tr->comp_first[c];
        if (k > 1) {
            int rc = solve_loop(tr, nodes, k, c, O, supply, mix);
            if (rc)
                return rc;
            continue;
        }
        int v = nodes[0];
        double T = tr->inflow[v];
        double *xv = mix + (size_t)v * O;
        if (T <= FLOW_EPS) {
            memset(xv, 0, (size_t)O * sizeof(double));
            continue;
        }
        for (int o = 0; o < O; o++)
            xv[o] = supply[(size_t)v * O + o];
        for (int e = tr->in_first[v]; e < tr->in_first[v + 1]; e++) {
            const double *xu = mix + (size_t)tr->in_from[e] * O;
            double w = tr->cw[e];
            for (int o = 0; o < O; o++)
                xv[o] += w * xu[o];
        }
        for (int o = 0; o < O; o++)
            xv[o] /= T;
    }
    return GASDEP_OK;
}

/* Corridor c's pass: the fraction of the gas at every node that has passed
 * it. Supply: member sources and LNG terminals at 1, storage withdrawals at
 * their store's fraction, other supply at 0; an arc of a member pipeline
 * delivers fraction 1 (its weight moves from coupling into supply). */
static int trace_corridor(struct trace *tr, const net *n, day_state *d, int c)
{
    const corridor_set *cs = &n->corr;
    int N = n->node.count, C = cs->count;
    double *S = tr->supply; /* n_nodes x 1 here */
    memset(S, 0, (size_t)N * sizeof(double));
    for (int j = cs->src_first[c]; j < cs->src_first[c + 1]; j++)
        S[n->src.node[cs->srcs[j]]] += d->src[cs->srcs[j]];
    for (int j = cs->lng_first[c]; j < cs->lng_first[c + 1]; j++)
        for (int s = n->lng.slot_first[cs->lngs[j]];
             s < n->lng.slot_first[cs->lngs[j] + 1]; s++)
            S[n->lng.node[cs->lngs[j]]] += d->slot[s];
    for (int k = 0; k < n->sto.count; k++)
        if (d->wd[k] > 0)
            S[n->sto.node[k]] += d->wd[k] * d->sto_via[(size_t)k * C + c];
    for (int j = cs->pipe_first[c]; j < cs->pipe_first[c + 1]; j++)
        tr->member[cs->pipes[j]] = 1;
    for (int v = 0; v < N; v++)
        for (int e = tr->in_first[v]; e < tr->in_first[v + 1]; e++) {
            int on = tr->member[tr->in_pipe[e]];
            tr->cw[e] = on ? 0.0 : tr->in_w[e];
            if (on)
                S[v] += tr->in_w[e];
        }
    for (int j = cs->pipe_first[c]; j < cs->pipe_first[c + 1]; j++)
        tr->member[cs->pipes[j]] = 0;
    int rc = mix_solve(tr, 1, S, tr->col);
    for (int v = 0; rc == GASDEP_OK && v < N; v++)
        d->node_via[(size_t)v * C + c] = tr->col[v] > 1.0 ? 1.0 : tr->col[v];
    return rc;
}

/* Every corridor's pass at once, on a day whose flows have no loop (every
 * component one node): the same sums in the same order as trace_corridor
 * for each corridor (a member arc adds 0 x its sender's fraction there,
 * nothing here), so the same fractions, with one walk through the nodes
 * instead of one per corridor. */
static void trace_corridors(struct trace *tr, const net *n, day_state *d)
{
    const corridor_set *cs = &n->corr;
    int N = n->node.count, C = cs->count;
    double *S = tr->vsup, *X = tr->vmix;
    memset(S, 0, (size_t)N * C * sizeof(double));
    for (int c = 0; c < C; c++) {
        for (int j = cs->src_first[c]; j < cs->src_first[c + 1]; j++)
            S[(size_t)n->src.node[cs->srcs[j]] * C + c] += d->src[cs->srcs[j]];
        for (int j = cs->lng_first[c]; j < cs->lng_first[c + 1]; j++)
            for (int s = n->lng.slot_first[cs->lngs[j]];
                 s < n->lng.slot_first[cs->lngs[j] + 1]; s++)
                S[(size_t)n->lng.node[cs->lngs[j]] * C + c] += d->slot[s];
        for (int k = 0; k < n->sto.count; k++)
            if (d->wd[k] > 0)
                S[(size_t)n->sto.node[k] * C + c] +=
                    d->wd[k] * d->sto_via[(size_t)k * C + c];
    }
    for (int v = 0; v < N; v++)
        for (int e = tr->in_first[v]; e < tr->in_first[v + 1]; e++) {
            const unsigned char *mem = tr->pmember + (size_t)tr->in_pipe[e] * C;
            for (int c = 0; c < C; c++)
                if (mem[c])
                    S[(size_t)v * C + c] += tr->in_w[e];
        }
    for (int i = tr->n_comp - 1; i >= 0; i--) {
        int v = tr->order[tr->comp_first[i]];
        double T = tr->inflow[v], *xv = X + (size_t)v * C;
        if (T <= FLOW_EPS) {
            memset(xv, 0, (size_t)C * sizeof(double));
            continue;
        }
        for (int c = 0; c < C; c++)
            xv[c] = S[(size_t)v * C + c];
        for (int e = tr->in_first[v]; e < tr->in_first[v + 1]; e++) {
            const double *xu = X + (size_t)tr->in_from[e] * C;
            const unsigned char *mem = tr->pmember + (size_t)tr->in_pipe[e] * C;
            double w = tr->in_w[e];
            for (int c = 0; c < C; c++)
                if (!mem[c])
                    xv[c] += w * xu[c];
        }
        for (int c = 0; c < C; c++)
            xv[c] /= T;
    }
    for (size_t i = 0; i < (size_t)N * C; i++)
        d->node_via[i] = X[i] > 1.0 ? 1.0 : X[i];
}

int trace_day(struct trace *tr, const net *n, day_state *d)
{
    int N = n->node.count, O = n->origin.count;
    memset(tr->inflow, 0, (size_t)N * sizeof(double));
    memset(tr->supply, 0, (size_t)N * (size_t)O * sizeof(double));
    /* local supply by origin: sources, LNG, storage withdrawals */
    for (int i = 0; i < n->src.count; i++) {
        int v = n->src.node[i];
        tr->inflow[v] += d->src[i];
        tr->supply[(size_t)v * O + n->src.origin[i]] += d->src[i];
    }
    for (int s = 0; s < n->slot.count; s++) {
        int v = n->lng.node[n->slot.lng[s]];
        tr->inflow[v] += d->slot[s];
        tr->supply[(size_t)v * O + n->slot.origin[s]] += d->slot[s];
    }
    for (int k = 0; k < n->sto.count; k++) {
        int v = n->sto.node[k];
        double w = d->wd[k];
        if (w <= 0)
            continue;
        tr->inflow[v] += w;
        const double *sm = d->sto_mix + (size_t)k * O;
        for (int o = 0; o < O; o++)
            tr->supply[(size_t)v * O + o] += w * sm[o];
    }
    build_arcs(tr, n, d);
    tr->n_comp = tarjan(tr);
    memcpy(tr->cw, tr->in_w, (size_t)tr->in_first[N] * sizeof(double));
    int rc = mix_solve(tr, O, tr->supply, d->node_mix);
    if (rc == GASDEP_OK && n->corr.count > 0 && tr->n_comp == N) {
        trace_corridors(tr, n, d); /* no loop today */
        return GASDEP_OK;
    }
    for (int c = 0; rc == GASDEP_OK && c < n->corr.count; c++)
        rc = trace_corridor(tr, n, d, c);
    return rc;
}
