/*
 * sbg.c
 *		The shifted-beta-geometric (sBG) model of contractual churn (Fader &
 *		Hardie 2007, "How to project customer retention"): each customer renews
 *		at the end of every period with probability 1 - theta until the first
 *		time they do not, and theta ~ Beta(alpha, beta) across customers.
 *
 * A customer row is (periods, churned): churned after 'periods' periods
 * (lifetime T = periods >= 1), or still active after 'periods' periods
 * (censored: T > periods).  With S(t) = B(alpha, beta + t) / B(alpha, beta),
 *	P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta),
 *	r(t) = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1),
 * and the discounted expected residual lifetime after n renewals (Fader &
 * Hardie 2010, "Customer-base valuation in a contractual setting")
 *	DERL(d | n) = sum_{k >= 0} S(n + 1 + k) / S(n) / (1 + d)^k.
 * Fits and standard errors are shared with BG/BB (discrete.c); the aggregate
 * state, with every model fit (fitstate.c): rows (periods, churned, 0).
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"

#include "btyd.h"
#include "discrete.h"
#include "engagement.h"

PG_FUNCTION_INFO_V1(sbg_fit_trans);
PG_FUNCTION_INFO_V1(sbg_fit_final);
PG_FUNCTION_INFO_V1(sbg_se_trans);
PG_FUNCTION_INFO_V1(sbg_se_final);
PG_FUNCTION_INFO_V1(sbg_survival);
PG_FUNCTION_INFO_V1(sbg_retention_rate);
PG_FUNCTION_INFO_V1(sbg_log_likelihood);
PG_FUNCTION_INFO_V1(sbg_derl);

/* terms of a DERL series before it gives up (a discount rate near 0) */
#define DERL_MAX_TERMS 10000000

/* a DERL series stops once a bound on its tail is below this fraction of the sum */
#define DERL_TAIL_TOL 1e-17

/*
 * sbg_row_loglik
 *		ln P(T = t) for a churned row, ln S(t) for a censored one, from rising
 *		factorials: ln alpha - ln(alpha+beta+t-1) + ln (beta)_(t-1)/(alpha+beta)_(t-1)
 *		and ln (beta)_t/(alpha+beta)_t.
 */
static double
sbg_row_loglik(const double *theta, const FitRow *row)
{
	double		a = theta[0],
				b = theta[1],
				t = row->x;

	if (row->u != 0)
		return log(a) - log(a + b + t - 1.0) + disc_log_rising_ratio(b, a + b, t - 1.0);
	return disc_log_rising_ratio(b, a + b, t);
}

static const char *const sbg_names[2] = {"alpha", "beta"};
static const char *const sbg_to_zero[2] = {
	"Almost no customer churned: the churn probabilities pile up at zero.",
	"Almost every customer churned at the first renewal: the churn probabilities pile up at one."
};
static const char *const sbg_to_infinity[2] = {
	"Retention does not rise with tenure in these data: every customer seems to churn with the same probability, which sBG can only express with alpha and beta growing together without bound (a plain geometric model fits).",
	"Retention does not rise with tenure in these data: every customer seems to churn with the same probability, which sBG can only express with alpha and beta growing together without bound (a plain geometric model fits)."
};

/*
 * sbg_geometric_ll
 *		The log-likelihood of sBG's limit as alpha and beta grow with
 *		alpha / (alpha + beta) fixed: one churn probability theta for every
 *		customer (geometric lifetimes), at its maximum theta = C / (C + E), C
 *		the churned customers and E the renewals observed,
 *			C ln theta + E ln(1 - theta).
 */
static double
sbg_geometric_ll(const FitData *d)
{
	double		churned = 0.0,
				renewals = 0.0,
				theta;

	for (int64 i = 0; i < d->nrows; i++)
	{
		const FitRow *r = &d->rows[i];

		churned += r->u != 0 ? r->w : 0.0;
		renewals += r->w * (r->u != 0 ? r->x - 1.0 : r->x);
	}
	theta = churned / (churned + renewals);
	return churned * log(theta) + (renewals > 0 ? renewals * log1p(-theta) : 0.0);
}

/*
 * sbg_check_row
 *		A churned customer needs periods >= 1 (a lifetime of at least one
 *		period); periods is within the shared range.
 */
static void
sbg_check_row(const char *fn, int32 periods, bool churned)
{
	disc_check_periods(fn, "periods", periods);
	if (churned && periods < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: a churned customer needs periods >= 1, got %d", fn, periods),
				 errhint("periods is the number of periods the customer paid for: churned after the first period is periods = 1.")));
}

/*
 * sbg_check_fit_row
 *		The DiscModel row check: a fit row (periods, churned 0 or 1, 0).
 */
static void
sbg_check_fit_row(const char *fn, const FitRow *row)
{
	if ((row->u != 0 && row->u != 1) || row->v != 0)
		eng_forged_state(fn, "a customer's churned flag is not 0 or 1");
	sbg_check_row(fn, (int32) row->x, row->u != 0);
}

static const DiscModel sbg_model_desc = {
	"sbg_fit", "sbg_model", 2, sbg_names, sbg_row_loglik, sbg_to_zero, sbg_to_infinity,
	sbg_geometric_ll, sbg_check_fit_row
};

/*
 * sbg_add_row
 *		The shared part of both transition functions: arguments first (periods)
 *		and first + 1 (churned), weight at first + 2; NULL arguments and zero
 *		weights skip the row.
 */
static void
sbg_add_row(FunctionCallInfo fcinfo, FitState *st, int first, const char *fn)
{
	double		w = eng_row_weight(fcinfo, first + 2, fn);
	int32		periods;
	bool		churned;

	if (PG_ARGISNULL(first) || PG_ARGISNULL(first + 1) || w <= 0)
		return;
	periods = PG_GETARG_INT32(first);
	churned = PG_GETARG_BOOL(first + 1);
	sbg_check_row(fn, periods, churned);
	fit_add(st, periods, churned ? 1 : 0, 0, w);
}

/*
 * sbg_fit_trans(internal, periods int, churned bool [, weight float8
 *				 [, penalizer float8]])
 *		Add one customer (sbg_add_row); the penalizer must be constant.
 */
Datum
sbg_fit_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "sbg_fit";
	FitState   *st = fit_transition_state(fcinfo, fn);

	fit_set_penalizer(fcinfo, st, 4, fn);
	sbg_add_row(fcinfo, st, 1, fn);
	PG_RETURN_POINTER(st);
}

/*
 * sbg_fit_final(internal) -> sbg_model
 *		Check that the data can identify sBG (some customer churned; some row
 *		spans two periods or more, else only alpha / (alpha + beta) is
 *		identified), then fit (discrete.c).
 */
Datum
sbg_fit_final(PG_FUNCTION_ARGS)
{
	const char *fn = "sbg_fit";
	FitData		d;
	bool		churn = false;
	int32		max_periods = 0;

	if (!fit_final_rows(fcinfo, fn, &d, false))
		PG_RETURN_NULL();
	disc_check_rows(&sbg_model_desc, &d, fn);
	for (int64 i = 0; i < d.nrows; i++)
	{
		churn |= d.rows[i].u != 0;
		max_periods = Max(max_periods, (int32) d.rows[i].x);
	}
	if (!churn)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sbg_fit found no churned customer: parameter alpha cannot be estimated"),
				 errhint("sBG learns the churn probabilities from customers who left; include them (churned = true) or observe the cohort for longer.")));
	if (max_periods < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sbg_fit needs a customer observed for at least 2 periods: with one period only alpha / (alpha + beta) is identified, not alpha and beta"),
				 errhint("Observe the cohort over several renewals.")));
	PG_RETURN_DATUM(disc_fit(fcinfo, &sbg_model_desc, &d));
}

/*
 * sbg_se_trans(internal, model sbg_model, periods int, churned bool
 *				[, weight float8])
 *		Capture the model (constant per group) and add one customer.
 */
Datum
sbg_se_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "sbg_standard_errors";
	FitState   *st = fit_transition_state(fcinfo, fn);

	disc_set_model(st, fcinfo, 1, &sbg_model_desc, fn);
	sbg_add_row(fcinfo, st, 2, fn);
	PG_RETURN_POINTER(st);
}

/*
 * sbg_se_final(internal) -> float8[]
 *		{se(alpha), se(beta)} at the group's model; NULL without rows.
 */
Datum
sbg_se_final(PG_FUNCTION_ARGS)
{
	FitData		d;

	if (!fit_final_rows(fcinfo, "sbg_standard_errors", &d, false) || d.state->nmodel == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(disc_standard_errors(&sbg_model_desc, &d));
}

/*
 * sbg_survival(model, t int) -> float8
 *		S(t): probability that a new customer is still active after t periods.
 */
Datum
sbg_survival(PG_FUNCTION_ARGS)
{
	const char *fn = "sbg_survival";
	double		theta[2];
	int32		t = PG_GETARG_INT32(1);

	disc_model_params(fcinfo, 0, &sbg_model_desc, theta);
	disc_check_periods(fn, "t", t);
	PG_RETURN_FLOAT8(exp(disc_log_rising_ratio(theta[1], theta[0] + theta[1], t)));
}

/*
 * sbg_retention_rate(model, t int) -> float8
 *		r(t) = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1): the
 *		share of period t-1's survivors that renew at t; rises towards 1 with
 *		t as the customers most likely to churn leave first.
 */
Datum
sbg_retention_rate(PG_FUNCTION_ARGS)
{
	const char *fn = "sbg_retention_rate";
	double		theta[2];
	int32		t = PG_GETARG_INT32(1);
	double		c;

	disc_model_params(fcinfo, 0, &sbg_model_desc, theta);
	disc_check_periods(fn, "t", t);
	if (t < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s t must be >= 1, got %d", fn, t),
				 errhint("r(t) is the retention from period t-1 to period t; the first renewal is t = 1.")));
	c = theta[1] + (t - 1);
	/* 1 / (1 + alpha / c) stays exact when alpha + c would overflow */
	PG_RETURN_FLOAT8(1.0 / (1.0 + theta[0] / c));
}

/*
 * sbg_log_likelihood(model, periods int, churned bool) -> float8
 *		ln L of one customer (sbg_row_loglik).
 */
Datum
sbg_log_likelihood(PG_FUNCTION_ARGS)
{
	const char *fn = "sbg_log_likelihood";
	double		theta[2];
	int32		periods = PG_GETARG_INT32(1);
	bool		churned = PG_GETARG_BOOL(2);
	FitRow		row = {periods, churned ? 1.0 : 0.0, 0.0, 1.0};

	disc_model_params(fcinfo, 0, &sbg_model_desc, theta);
	sbg_check_row(fn, periods, churned);
	PG_RETURN_FLOAT8(check_result_range(fn, sbg_row_loglik(theta, &row)));
}

/*
 * sbg_derl(model, renewals int, discount_rate float8) -> float8
 *		Discounted expected residual lifetime, in periods, of a customer who
 *		has renewed n times, just before the next renewal decision:
 *		sum_{k >= 0} S(n+1+k) / S(n) / (1+d)^k (each future period counted
 *		once if the customer is still there, the next one undiscounted); the
 *		same as (beta+n)/(alpha+beta+n) 2F1(1, beta+n+1; alpha+beta+n+1;
 *		1/(1+d)) of Fader & Hardie (2010) with their n-1 renewals = our n.
 *		Summed term by term (every term positive; term k+1 / term k =
 *		(beta+n+1+k) / (alpha+beta+n+1+k) / (1+d) < 1/(1+d), so the tail after
 *		a term is at most term / d, and the sum stops when that is below 1e-17
 *		of the sum).  d = 0 gives the expected residual lifetime
 *		(beta+n) / (alpha-1), infinite (an error) for alpha <= 1.  Multiply by
 *		the margin per period for a residual value.
 */
Datum
sbg_derl(PG_FUNCTION_ARGS)
{
	const char *fn = "sbg_derl";
	double		theta[2];
	int32		n = PG_GETARG_INT32(1);
	double		d = PG_GETARG_FLOAT8(2);
	double		a,
				b,
				term,
				sum = 0.0;

	disc_model_params(fcinfo, 0, &sbg_model_desc, theta);
	disc_check_periods(fn, "renewals", n);
	if (!isfinite(d) || d < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s discount_rate must be finite and >= 0, got %g", fn, d),
				 errhint("Pass the discount rate per period as a fraction, e.g. 0.1 for 10%% a year.")));
	a = theta[0];
	b = theta[1] + n;
	if (d == 0)
	{
		if (a <= 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the expected residual lifetime is infinite for alpha = %g <= 1 without discounting", fn, a),
					 errhint("Pass a positive discount rate.")));
		PG_RETURN_FLOAT8(check_result_range(fn, b / (a - 1.0)));
	}
	term = 1.0 / (1.0 + a / b);
	for (int64 k = 0;; k++)
	{
		sum += term;
		if (term / d <= DERL_TAIL_TOL * sum)
			break;
		if (k >= DERL_MAX_TERMS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s needs more than %d terms at discount_rate %g", fn, DERL_MAX_TERMS, d),
					 errhint("Use a discount rate of at least about 1e-5 per period, or 0 for the undiscounted lifetime.")));
		if ((k & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		term *= (b + 1.0 + k) / (a + b + 1.0 + k) / (1.0 + d);
	}
	PG_RETURN_FLOAT8(check_result_range(fn, sum));
}
