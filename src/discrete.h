/*
 * discrete.h
 *		Shared machinery of the discrete-time customer models, the sBG model of
 *		contractual churn (sbg.c) and the BG/BB model of repeat transactions at
 *		discrete opportunities (bgbb.c): their rows in the shared fit state
 *		(fitstate.h; sBG (periods, churned, 0), BG/BB (x, t_x, n_periods),
 *		whole numbers held exactly as float8), the maximum-likelihood driver
 *		with lifetimes' penalizer, and small numerical and argument helpers.
 */
#ifndef ENGAGEMENT_DISCRETE_H
#define ENGAGEMENT_DISCRETE_H

#include "fmgr.h"

#include "fitstate.h"

/* most parameters a discrete model has (BG/BB: alpha, beta, gamma, delta) */
#define DISC_MAX_PARAMS NM_MAX_DIM

/* largest number of periods (sBG) or opportunities (BG/BB) a customer row may span */
#define DISC_MAX_PERIODS 100000

/* ln L of one row at natural parameters theta */
typedef double (*disc_row_loglik) (const double *theta, const FitRow *row);

/* a model family: its name, SQL model type, parameters and row likelihood */
typedef struct DiscModel
{
	const char *fit_name;		/* "sbg_fit" */
	const char *type_name;		/* "sbg_model" */
	int			np;
	const char *const *names;	/* parameter names in order */
	disc_row_loglik row_ll;
	/* what it means, in the data, when names[i] runs to zero / without bound */
	const char *const *to_zero;
	const char *const *to_infinity;
	/*
	 * optional: the log-likelihood of the model's limit as every parameter grows
	 * without bound (no heterogeneity); an unpenalized fit that does not beat it
	 * is not identified (to_infinity[0] says why)
	 */
	double		(*limit_ll) (const FitData *d);
	/*
	 * the transition function's check of one customer, applied again to the
	 * rows a fit or standard-error final function gets: rows read back from a
	 * serial form (a partial_state) were never checked when added
	 */
	void		(*check_row) (const char *fn, const FitRow *row);
} DiscModel;

/* the model argument of a standard-error transition, recorded in the state */
extern void disc_check_rows(const DiscModel *dm, const FitData *d, const char *fn);
extern void disc_set_model(FitState *st, FunctionCallInfo fcinfo, int argno, const DiscModel *dm,
						   const char *fn);

/* sum of w ln L over the rows */
extern double disc_loglik(const DiscModel *dm, const FitData *d, const double *theta);

/* fitting and standard errors */
extern Datum disc_fit(FunctionCallInfo fcinfo, const DiscModel *dm, const FitData *d);
extern Datum disc_standard_errors(const DiscModel *dm, const FitData *d);

/* models and arguments */
extern void disc_model_params(FunctionCallInfo fcinfo, int argno, const DiscModel *dm, double *theta);
extern void disc_check_periods(const char *fn, const char *what, int32 v);

/* ln [(b)_k / (c)_k], rising factorials, for b, c > 0 and a whole number k >= 0 */
extern double disc_log_rising_ratio(double b, double c, double k);

#endif							/* ENGAGEMENT_DISCRETE_H */
