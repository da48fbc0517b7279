/*
 * funnel_optional.c
 *		The ordered scan of window_funnel / funnel_times when the options name
 *		optional steps ("optional": [2, ...]), which a chain may skip.
 *
 * A chain reaches an increasing set of steps that holds step 1 and every
 * non-optional step below its last one, at non-decreasing times in the
 * scan's (timestamp, step) order, with its last step within the window of
 * step 1, each reached step within its step window (the entry into that step)
 * of the previous reached step, no exclusion event strictly between the two
 * (never optional) steps of an exclusion pair, and under first_time step 1
 * the group's first.  The reported chain is the best in this order: deepest
 * last step, then most steps reached, then earliest last step, then the
 * later times compared from the last step back to step 1, a skipped step
 * earlier than any time ("reverse lexicographic").  Without optional steps
 * that is funnel_options.c's chain: the first to reach the level, each
 * earlier step as late as possible.
 *
 * Chains that reach different sets of steps are incomparable, so one chain
 * per slot (funnel_options.c) is not enough.  Events are visited in
 * (timestamp, step) order and every live chain is kept unless another live
 * chain with the same last step dominates it: at least as many steps, step 1
 * and the last step no earlier, no exclusion target blocked that the other
 * may still reach, for each pending exclusion pair its first step at the
 * current time if the other's is (an exclusion event at that same time does
 * not void it), and at the same count no smaller in the reverse
 * lexicographic order.  Every extension of the dominated chain then extends
 * the dominating one into a chain at least as good, so dropping it loses
 * nothing; each new chain is also compared with the best found so far as a
 * finished chain.  Chains whose step 1 fell out of the window are dropped.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "port/pg_bitutils.h"

#include "funnel_options.h"

/* a live chain: its last step, the steps it reached and when */
typedef struct FoChain
{
	int32		last;			/* 0-based deepest step reached */
	int32		count;			/* number of steps reached */
	uint32		reached;		/* bit s: step s reached (times[s] valid) */
	uint32		blocked;		/* steps above last an exclusion event bars */
	int64		times[FO_MAX];
} FoChain;

/* a growable array of chains, allocated on its first chain, freed by the scan */
typedef struct FoChains
{
	FoChain    *c;
	int			n;
	int			cap;
} FoChains;

/*
 * fo_push
 *		Append a copy of chain x to the array, allocating or doubling it when
 *		full.
 */
static void
fo_push(FoChains *a, const FoChain *x)
{
	if (a->n == a->cap)
	{
		a->cap = a->cap == 0 ? 8 : a->cap * 2;
		a->c = a->c == NULL ? palloc(a->cap * sizeof(FoChain)) :
			repalloc(a->c, a->cap * sizeof(FoChain));
	}
	a->c[a->n++] = *x;
}

/*
 * fo_revlex
 *		Compare two chains' times from step 'top' down to step 1, a skipped step
 *		earlier than any time (timestamps are finite, so PG_INT64_MIN stands
 *		for it): > 0 when a is later at the first difference.  (Written
 *		without comparing two bools: GCC 12.2 -O2 miscompiled that form.)
 */
static int
fo_revlex(const FoChain *a, const FoChain *b, int top)
{
	for (int s = top; s >= 0; s--)
	{
		int64		va = (a->reached & (1u << s)) ? a->times[s] : PG_INT64_MIN;
		int64		vb = (b->reached & (1u << s)) ? b->times[s] : PG_INT64_MIN;

		if (va != vb)
			return va > vb ? 1 : -1;
	}
	return 0;
}

/*
 * fo_dominates
 *		Whether chain p (same last step as q) is at least as good as q for
 *		every continuation of the scan at time t (see the header).
 */
static bool
fo_dominates(const FoOptions *o, const FoChain *p, const FoChain *q, int64 t)
{
	int			l = p->last;

	if (p->count < q->count || p->times[0] < q->times[0] || p->times[l] < q->times[l] ||
		(p->blocked & ~q->blocked) != 0)
		return false;
	for (int e = 0; e < o->nexcl; e++)
		if (o->excl_from[e] <= l && l < o->excl_to[e] &&
			!(q->blocked & (1u << o->excl_to[e])) &&
			q->times[o->excl_from[e]] == t && p->times[o->excl_from[e]] != t)
			return false;
	return p->count > q->count || fo_revlex(p, q, l) >= 0;
}

/*
 * fo_offer
 *		Keep chain x (just reached its last step at time t) as the best
 *		finished chain if it beats the current one; then add it to 'live', the
 *		live chains with its last step, unless one of them dominates it,
 *		dropping those it dominates.
 */
static void
fo_offer(const FoOptions *o, FoChains *live, FoChain *best, const FoChain *x, int64 t)
{
	if (x->last > best->last ||
		(x->last == best->last &&
		 (x->count > best->count ||
		  (x->count == best->count && best->times[best->last] == t &&
		   fo_revlex(x, best, x->last) > 0))))
		*best = *x;
	for (int k = 0; k < live->n; k++)
		if (fo_dominates(o, &live->c[k], x, t))
			return;
	for (int k = 0; k < live->n;)
		if (fo_dominates(o, x, &live->c[k], t))
			live->c[k] = live->c[--live->n];
		else
			k++;
	fo_push(live, x);
}

/*
 * fo_scan_optional
 *		Level and reported chain of sorted events ev[0 .. n) (one key's events
 *		in the keyed variant) when some steps are optional; steps the chain
 *		skipped get PG_INT64_MIN (NULL in funnel_times).
 */
void
fo_scan_optional(const FoOptions *o, const EngEvent *ev, int64 n, FoResult *res)
{
	FoChains	live[FO_MAX];	/* live[l]: the live chains whose last step is l */
	FoChains	cand;
	FoChain		best;
	int			lowest[FO_MAX];	/* lowest last step a chain extended to step s may have */
	uint32		stepmask = o->nsteps == 32 ? ~0u : (1u << o->nsteps) - 1;
	uint32		condmask = o->nsteps + o->nexcl == 32 ? ~0u : (1u << (o->nsteps + o->nexcl)) - 1;
	bool		started = false;
	int64		i = 0;

	for (int s = 1; s < o->nsteps; s++)
		lowest[s] = (o->optional & (1u << (s - 1))) ? lowest[s - 1] : s - 1;
	memset(live, 0, sizeof(live));
	memset(&cand, 0, sizeof(cand));
	memset(&best, 0, sizeof(best));
	best.last = -1;
	while (i < n && !(best.last == o->nsteps - 1 && best.count == o->nsteps))
	{
		int64		t = ev[i].ts;
		uint32		u = 0;
		uint32		excl;

		/* every timestamp: a step may extend hundreds of live chains */
		CHECK_FOR_INTERRUPTS();
		for (; i < n && ev[i].ts == t; i++)
			u |= ev[i].flags;
		u &= condmask;
		/* a chain whose step 1 is out of the window reaches no further step */
		for (int l = 0; l < o->nsteps; l++)
			for (int k = 0; k < live[l].n;)
				if (fo_within(t, live[l].c[k].times[0], o->window))
					k++;
				else
					live[l].c[k] = live[l].c[--live[l].n];
		for (uint32 rest = u & stepmask; rest != 0; rest &= rest - 1)
		{
			int			s = pg_rightmost_one_pos32(rest);
			uint32		above = s == 31 ? 0 : ~((2u << s) - 1);

			cand.n = 0;
			if (s == 0)
			{
				FoChain		x;

				if (o->first_time && started)
					continue;
				started = true;
				x.last = 0;
				x.count = 1;
				x.reached = 1;
				x.blocked = 0;
				x.times[0] = t;
				fo_push(&cand, &x);
			}
			else
				for (int l = lowest[s]; l < s; l++)
					for (int k = 0; k < live[l].n; k++)
					{
						const FoChain *p = &live[l].c[k];
						FoChain    *x;

						if ((p->blocked & (1u << s)) ||
							(o->gap[s] != 0 && !fo_within(t, p->times[l], o->gap[s])))
							continue;
						fo_push(&cand, p);
						x = &cand.c[cand.n - 1];
						x->last = s;
						x->count++;
						x->reached |= 1u << s;
						x->blocked &= above;
						x->times[s] = t;
					}
			for (int k = 0; k < cand.n; k++)
				fo_offer(o, &live[s], &best, &cand.c[k], t);
		}
		/* an exclusion event bars step j to chains past step i whose step i is earlier */
		excl = o->nsteps == 32 ? 0 : u >> o->nsteps;
		for (; excl != 0; excl &= excl - 1)
		{
			int			e = pg_rightmost_one_pos32(excl);

			for (int l = o->excl_from[e]; l < o->excl_to[e]; l++)
				for (int k = 0; k < live[l].n; k++)
					if (live[l].c[k].times[o->excl_from[e]] < t)
						live[l].c[k].blocked |= 1u << o->excl_to[e];
		}
	}
	res->level = best.last + 1;
	for (int s = 0; s < o->nsteps; s++)
		res->times[s] = s <= best.last && (best.reached & (1u << s)) ? best.times[s] : PG_INT64_MIN;
	for (int l = 0; l < o->nsteps; l++)
		if (live[l].c != NULL)
			pfree(live[l].c);
	if (cand.c != NULL)
		pfree(cand.c);
}

/*
 * fo_optional_reached
 *		Number of steps a scan's reported chain reached (its non-NULL times),
 *		which breaks ties of level between keys in the keyed variant.
 */
int
fo_optional_reached(const FoResult *res)
{
	int			count = 0;

	for (int s = 0; s < res->level; s++)
		count += res->times[s] != PG_INT64_MIN;
	return count;
}
