/*
 * bgbb.c
 *		The beta-geometric/beta-Bernoulli (BG/BB) model of repeat transactions
 *		at discrete opportunities (Fader, Hardie & Shang 2010, "Customer-base
 *		analysis in a discrete-time noncontractual setting"): while alive, a
 *		customer transacts at each opportunity with probability p ~ Beta(alpha,
 *		beta); before each opportunity an alive customer dies with probability
 *		theta ~ Beta(gamma, delta).
 *
 * A customer is (x, t_x, n): x repeat transactions in n opportunities, the
 * last at opportunity t_x (0 when x = 0).  With the beta-function ratios
 *	A(x, m) = B(alpha + x, beta + m) / B(alpha, beta),
 *	D(k) = B(gamma, delta + k) / B(gamma, delta)   (P(alive at opportunity k)),
 * the likelihood is
 *	L = A(x, n-x) D(n) + sum_{i=0}^{n-t_x-1} A(x, t_x-x+i) gamma/(gamma+delta+t_x+i) D(t_x+i),
 * (alive throughout, or died just before opportunity t_x+i+1), evaluated as
 * log-sum-exp with the sum's terms carried as ratios to its first (they
 * shrink, so no term overflows).  Everything else follows from it:
 *	P(alive at n+1) = A(x, n-x) D(n+1) / L                            (FHS eq. 11),
 *	E[X(n, n+h) | x, t_x, n] = P(alive at n+1) (alpha+x)/(alpha+beta+n)
 *		sum_{k=0}^{h-1} D(n+1+k) / D(n+1),
 *	E[X(n)] = alpha/(alpha+beta) sum_{k=1}^{n} D(k),
 * sums of positive terms (the paper's closed forms divide by gamma - 1).
 * Fits and standard errors are shared with sBG (discrete.c); the aggregate
 * state, with every model fit (fitstate.c): rows (x, t_x, n_periods);
 * bgbb_summary buffers opportunities in the event buffer.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "miscadmin.h"

#include "btyd.h"
#include "discrete.h"
#include "engagement.h"
#include "event_buffer.h"
#include "optimize.h"

PG_FUNCTION_INFO_V1(bgbb_fit_trans);
PG_FUNCTION_INFO_V1(bgbb_fit_final);
PG_FUNCTION_INFO_V1(bgbb_se_trans);
PG_FUNCTION_INFO_V1(bgbb_se_final);
PG_FUNCTION_INFO_V1(bgbb_log_likelihood);
PG_FUNCTION_INFO_V1(bgbb_p_alive);
PG_FUNCTION_INFO_V1(bgbb_conditional_expected_purchases);
PG_FUNCTION_INFO_V1(bgbb_expected_purchases);
PG_FUNCTION_INFO_V1(bgbb_summary_trans);
PG_FUNCTION_INFO_V1(bgbb_summary_final);

/* most opportunities one expected-purchases sum runs over */
#define BGBB_MAX_HORIZON 10000000

/*
 * bgbb_log_a
 *		ln A(x, m) = ln (alpha)_x (beta)_m / (alpha+beta)_(x+m), split as
 *		(beta)_m / (alpha+beta)_m times (alpha)_x / (alpha+beta+m)_x.
 */
static double
bgbb_log_a(const double *th, double x, double m)
{
	return disc_log_rising_ratio(th[1], th[0] + th[1], m) +
		disc_log_rising_ratio(th[0], th[0] + th[1] + m, x);
}

/*
 * bgbb_log_d
 *		ln D(k) = ln (delta)_k / (gamma+delta)_k: the probability of being
 *		alive at opportunity k.
 */
static double
bgbb_log_d(const double *th, double k)
{
	return disc_log_rising_ratio(th[3], th[2] + th[3], k);
}

/*
 * bgbb_loglik_value
 *		ln L of (x, t_x, n) (file header).  Term i+1 of the sum is term i times
 *		(beta+t_x-x+i)/(alpha+beta+t_x+i) * (delta+t_x+i)/(gamma+delta+t_x+i+1).
 */
static double
bgbb_loglik_value(const double *th, double x, double tx, double n)
{
	double		a = th[0],
				b = th[1],
				g = th[2],
				d = th[3];
	double		alive = bgbb_log_a(th, x, n - x) + bgbb_log_d(th, n);
	double		first,
				ratio = 1.0,
				s = 0.0;

	if (tx == n)
		return alive;
	first = bgbb_log_a(th, x, tx - x) + log(g) - log(g + d + tx) + bgbb_log_d(th, tx);
	for (double i = 0; i < n - tx; i++)
	{
		s += ratio;
		ratio *= (b + tx - x + i) / (a + b + tx + i) * (d + tx + i) / (g + d + tx + i + 1.0);
	}
	return log_add_exp(alive, first + log(s));
}

/*
 * bgbb_row_loglik
 *		The DiscModel callback: ln L of a row (x, t_x, n).
 */
static double
bgbb_row_loglik(const double *theta, const FitRow *row)
{
	return bgbb_loglik_value(theta, row->x, row->u, row->v);
}

static const char *const bgbb_names[4] = {"alpha", "beta", "gamma", "delta"};
static const char *const bgbb_to_zero[4] = {
	"Almost no customer made a repeat transaction: the transaction probabilities pile up at zero.",
	"Customers transact at almost every opportunity while alive: the transaction probabilities pile up at one.",
	"Nothing in the data suggests that customers die: their transactions continue to the last opportunities.",
	"Customers appear to die almost at once: hardly any transacts after the first opportunities."
};
static const char *const bgbb_to_infinity[4] = {
	"Customers do not differ in how often they transact (no heterogeneity in p): alpha and beta grow together without bound.",
	"Customers do not differ in how often they transact (no heterogeneity in p): alpha and beta grow together without bound.",
	"Customers do not differ in how soon they die (no heterogeneity in theta): gamma and delta grow together without bound.",
	"Customers do not differ in how soon they die (no heterogeneity in theta), or none dies: delta grows without bound."
};

/*
 * bgbb_check_customer
 *		0 <= x <= t_x <= n within the shared range, t_x = 0 exactly when x = 0.
 */
static void
bgbb_check_customer(const char *fn, int32 x, int32 tx, int32 n)
{
	disc_check_periods(fn, "n_periods", n);
	if (x < 0 || tx < 0 || x > tx || tx > n || (x == 0) != (tx == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid customer summary in %s: x = %d, t_x = %d, n_periods = %d", fn, x, tx, n),
				 errhint("x is the number of opportunities 1..n_periods with a transaction and t_x the last of them (0 when x = 0), so 0 <= x <= t_x <= n_periods; bgbb_summary() builds them.")));
}

/*
 * bgbb_check_row
 *		The DiscModel row check: a fit row (x, t_x, n) of whole numbers.
 */
static void
bgbb_check_row(const char *fn, const FitRow *row)
{
	bgbb_check_customer(fn, (int32) row->x, (int32) row->u, (int32) row->v);
}

static const DiscModel bgbb_model_desc = {
	"bgbb_fit", "bgbb_model", 4, bgbb_names, bgbb_row_loglik, bgbb_to_zero, bgbb_to_infinity, NULL,
	bgbb_check_row
};

/*
 * bgbb_add_row
 *		The shared part of both transition functions: x, t_x, n at arguments
 *		first .. first+2, weight at first+3; NULL arguments and zero weights
 *		skip the row.
 */
static void
bgbb_add_row(FunctionCallInfo fcinfo, FitState *st, int first, const char *fn)
{
	double		w = eng_row_weight(fcinfo, first + 3, fn);
	int32		x,
				tx,
				n;

	if (PG_ARGISNULL(first) || PG_ARGISNULL(first + 1) || PG_ARGISNULL(first + 2) || w <= 0)
		return;
	x = PG_GETARG_INT32(first);
	tx = PG_GETARG_INT32(first + 1);
	n = PG_GETARG_INT32(first + 2);
	bgbb_check_customer(fn, x, tx, n);
	fit_add(st, x, tx, n, w);
}

/*
 * bgbb_fit_trans(internal, x int, t_x int, n_periods int [, weight float8
 *				  [, penalizer float8]])
 *		Add one customer (bgbb_add_row); the penalizer must be constant.
 */
Datum
bgbb_fit_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "bgbb_fit";
	FitState   *st = fit_transition_state(fcinfo, fn);

	fit_set_penalizer(fcinfo, st, 5, fn);
	bgbb_add_row(fcinfo, st, 1, fn);
	PG_RETURN_POINTER(st);
}

/*
 * bgbb_fit_final(internal) -> bgbb_model
 *		Check that the data can identify BG/BB (some repeat transaction, some
 *		opportunity without one, more than one opportunity), then fit
 *		(discrete.c).
 */
Datum
bgbb_fit_final(PG_FUNCTION_ARGS)
{
	const char *fn = "bgbb_fit";
	FitData		d;
	bool		repeat = false,
				gap = false;
	int32		max_n = 0;

	if (!fit_final_rows(fcinfo, fn, &d, false))
		PG_RETURN_NULL();
	disc_check_rows(&bgbb_model_desc, &d, fn);
	for (int64 i = 0; i < d.nrows; i++)
	{
		repeat |= d.rows[i].x > 0;
		gap |= d.rows[i].x < d.rows[i].v;
		max_n = Max(max_n, (int32) d.rows[i].v);
	}
	if (!repeat)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bgbb_fit found no repeat transaction (every x is 0): parameter alpha cannot be estimated"),
				 errhint("BG/BB learns transaction and dropout probabilities from repeat transactions; observe the cohort over more opportunities.")));
	if (!gap)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bgbb_fit found no opportunity without a transaction (every x = n_periods): parameters beta and gamma cannot be estimated"),
				 errhint("Every customer transacted at every opportunity; the model has nothing to separate inactivity from death with.")));
	if (max_n < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bgbb_fit needs a customer with at least 2 opportunities, got at most %d", max_n),
				 errhint("With one opportunity, transacting and being alive cannot be told apart.")));
	PG_RETURN_DATUM(disc_fit(fcinfo, &bgbb_model_desc, &d));
}

/*
 * bgbb_se_trans(internal, model bgbb_model, x int, t_x int, n_periods int
 *				 [, weight float8])
 *		Capture the model (constant per group) and add one customer.
 */
Datum
bgbb_se_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "bgbb_standard_errors";
	FitState   *st = fit_transition_state(fcinfo, fn);

	disc_set_model(st, fcinfo, 1, &bgbb_model_desc, fn);
	bgbb_add_row(fcinfo, st, 2, fn);
	PG_RETURN_POINTER(st);
}

/*
 * bgbb_se_final(internal) -> float8[]
 *		{se(alpha), se(beta), se(gamma), se(delta)} at the group's model; NULL
 *		without rows.
 */
Datum
bgbb_se_final(PG_FUNCTION_ARGS)
{
	FitData		d;

	if (!fit_final_rows(fcinfo, "bgbb_standard_errors", &d, false) || d.state->nmodel == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(disc_standard_errors(&bgbb_model_desc, &d));
}

/*
 * bgbb_customer
 *		The (model, x, t_x, n_periods) arguments 0..3 of a point function,
 *		validated, as doubles.
 */
static void
bgbb_customer(FunctionCallInfo fcinfo, const char *fn, double *th, double *x, double *tx, double *n)
{
	disc_model_params(fcinfo, 0, &bgbb_model_desc, th);
	bgbb_check_customer(fn, PG_GETARG_INT32(1), PG_GETARG_INT32(2), PG_GETARG_INT32(3));
	*x = PG_GETARG_INT32(1);
	*tx = PG_GETARG_INT32(2);
	*n = PG_GETARG_INT32(3);
}

/*
 * bgbb_p_alive_value
 *		P(alive at opportunity n+1 | x, t_x, n) = A(x, n-x) D(n+1) / L, at most
 *		1 since A(x, n-x) D(n+1) is a part of L's first term.
 */
static double
bgbb_p_alive_value(const double *th, double x, double tx, double n)
{
	double		v = exp(bgbb_log_a(th, x, n - x) + bgbb_log_d(th, n + 1.0) - bgbb_loglik_value(th, x, tx, n));

	return Min(v, 1.0);
}

/*
 * bgbb_survival_sum
 *		sum_{k=0}^{h-1} D(m+k) / D(m): expected opportunities among the next h
 *		(from m on) at which a customer alive at m is still alive; 54000 past
 *		BGBB_MAX_HORIZON terms.
 */
static double
bgbb_survival_sum(const char *fn, const double *th, double m, int32 h)
{
	double		term = 1.0,
				s = 0.0,
				comp = 0.0;		/* Neumaier's compensation: 10^6 terms keep 1e-15 */

	if (h > BGBB_MAX_HORIZON)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s horizon %d is more than %d opportunities", fn, h, BGBB_MAX_HORIZON),
				 errhint("Use a shorter horizon.")));
	for (int32 k = 0; k < h; k++)
	{
		double		t = s + term;

		comp += (fabs(s) >= term) ? (s - t) + term : (term - t) + s;
		s = t;
		term *= (th[3] + m + k) / (th[2] + th[3] + m + k);
		if ((k & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
	return s + comp;
}

/*
 * bgbb_log_likelihood(model, x int, t_x int, n_periods int) -> float8
 *		ln L of one customer; summed over customers it is the sample
 *		log-likelihood.
 */
Datum
bgbb_log_likelihood(PG_FUNCTION_ARGS)
{
	const char *fn = "bgbb_log_likelihood";
	double		th[4],
				x,
				tx,
				n;

	bgbb_customer(fcinfo, fn, th, &x, &tx, &n);
	PG_RETURN_FLOAT8(check_result_range(fn, bgbb_loglik_value(th, x, tx, n)));
}

/*
 * bgbb_p_alive(model, x int, t_x int, n_periods int) -> float8
 *		Probability that the customer is alive at opportunity n_periods + 1
 *		(FHS 2010 eq. 11, BTYD's bgbb.PAlive).
 */
Datum
bgbb_p_alive(PG_FUNCTION_ARGS)
{
	const char *fn = "bgbb_p_alive";
	double		th[4],
				x,
				tx,
				n;

	bgbb_customer(fcinfo, fn, th, &x, &tx, &n);
	PG_RETURN_FLOAT8(check_result_range(fn, bgbb_p_alive_value(th, x, tx, n)));
}

/*
 * bgbb_conditional_expected_purchases(model, x, t_x, n_periods, horizon int)
 *		-> float8
 *		Expected transactions at opportunities n+1 .. n+horizon (file header).
 */
Datum
bgbb_conditional_expected_purchases(PG_FUNCTION_ARGS)
{
	const char *fn = "bgbb_conditional_expected_purchases";
	double		th[4],
				x,
				tx,
				n;
	int32		h = PG_GETARG_INT32(4);
	double		alive;

	bgbb_customer(fcinfo, fn, th, &x, &tx, &n);
	if (h < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s horizon must be >= 0, got %d", fn, h),
				 errhint("horizon is the number of future opportunities.")));
	alive = bgbb_p_alive_value(th, x, tx, n);
	PG_RETURN_FLOAT8(check_result_range(fn, alive / (1.0 + (th[1] + n - x) / (th[0] + x))
									   * bgbb_survival_sum(fn, th, n + 1.0, h)));
}

/*
 * bgbb_expected_purchases(model, n_periods int) -> float8
 *		E[X(n)]: expected repeat transactions of a new customer over the first
 *		n opportunities, alpha/(alpha+beta) times the expected opportunities
 *		alive, sum_{k=1}^{n} D(k).
 */
Datum
bgbb_expected_purchases(PG_FUNCTION_ARGS)
{
	const char *fn = "bgbb_expected_purchases";
	double		th[4];
	int32		n = PG_GETARG_INT32(1);

	disc_model_params(fcinfo, 0, &bgbb_model_desc, th);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s n_periods must be >= 0, got %d", fn, n),
				 errhint("n_periods is a number of opportunities.")));
	PG_RETURN_FLOAT8(check_result_range(fn, 1.0 / (1.0 + th[1] / th[0]) / (1.0 + th[2] / th[3])
									   * bgbb_survival_sum(fn, th, 1.0, n)));
}

/*
 * bgbb_summary_trans(internal, opportunity int, n_periods int)
 *		Buffer one transaction at an opportunity (its number as the event's
 *		time): 0 is the customer's first transaction and carries nothing,
 *		opportunities after n_periods belong to a holdout and are skipped,
 *		NULL opportunities are skipped; n_periods must be constant per group.
 */
Datum
bgbb_summary_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "bgbb_summary";
	EventBuffer *eb = eb_transition_state(fcinfo, fn);
	int64		params[1];
	int32		k;

	if (PG_ARGISNULL(2))
		eng_null_argument("n_periods", fn);
	params[0] = PG_GETARG_INT32(2);
	disc_check_periods(fn, "n_periods", (int32) params[0]);
	eb_set_params(eb, params, 1, fn);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(eb);
	k = PG_GETARG_INT32(1);
	if (k < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s opportunity must be >= 0, got %d", fn, k),
				 errhint("Number the opportunities 1, 2, ... after the one of the customer's first transaction (0).")));
	if (k >= 1 && k <= params[0])
		eb_append(eb, k, 0, 0);
	PG_RETURN_POINTER(eb);
}

/*
 * bgbb_summary_final(internal) -> bgbb_summary
 *		x = number of distinct opportunities 1..n_periods with a transaction,
 *		t_x = the last of them (0 when none), n_periods; NULL for a group
 *		without rows.
 */
Datum
bgbb_summary_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "bgbb_summary");
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	int32		x = 0;

	if (eb == NULL || eb->nparams != 1)
		PG_RETURN_NULL();
	for (int64 i = 0; i < eb->nevents; i++)
		if (i == 0 || eb->events[i].ts != eb->events[i - 1].ts)
			x++;
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "bgbb_summary_final must return a composite type");
	values[0] = Int32GetDatum(x);
	values[1] = Int32GetDatum(x == 0 ? 0 : (int32) eb->events[eb->nevents - 1].ts);
	values[2] = Int32GetDatum((int32) eb->params[0]);
	tupdesc = BlessTupleDesc(tupdesc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
