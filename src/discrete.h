/*
 * discrete.h
 *		Shared machinery of the discrete-time customer models, the sBG model of
 *		contractual churn (sbg.c) and the BG/BB model of repeat transactions at
 *		discrete opportunities (bgbb.c): the aggregate state that collects
 *		weighted integer customer rows, the maximum-likelihood driver with
 *		lifetimes' penalizer, and small numerical and argument helpers.
 */
#ifndef ENGAGEMENT_DISCRETE_H
#define ENGAGEMENT_DISCRETE_H

#include "fmgr.h"

/* most parameters a discrete model has (BG/BB: alpha, beta, gamma, delta) */
#define DISC_MAX_PARAMS 4

/* largest number of periods (sBG) or opportunities (BG/BB) a customer row may span */
#define DISC_MAX_PERIODS 100000

/* one distinct customer row: up to three integers and its weight */
typedef struct DiscRow
{
	int32		k[3];			/* sBG: periods, churned; BG/BB: x, t_x, n */
	double		w;
} DiscRow;

/*
 * Transition state of every discrete fit and standard-error aggregate: the
 * weighted multiset of rows (collapsed: identical rows merged, weights added,
 * whenever the array fills up and in the final function), and the constants
 * of the group: the penalizer of a penalized fit, the model of a
 * standard-error aggregate.
 */
typedef struct DiscState
{
	int64		nrows;
	int64		capacity;
	DiscRow    *rows;
	bool		has_penalizer;
	double		penalizer;
	int			nmodel;			/* 0 until a standard-error row sets the model */
	double		model[DISC_MAX_PARAMS];
	MemoryContext ctx;
} DiscState;

/* what a likelihood sees: the collapsed rows and their total weight */
typedef struct DiscData
{
	const DiscRow *rows;
	int64		nrows;
	double		total_w;
} DiscData;

/* ln L of one row at natural parameters theta */
typedef double (*disc_row_loglik) (const double *theta, const DiscRow *row);

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
	double		(*limit_ll) (const DiscData *d);
} DiscModel;

/* state helpers */
extern DiscState *disc_transition_state(FunctionCallInfo fcinfo, const char *fn);
extern void disc_add(DiscState *st, int32 k0, int32 k1, int32 k2, double w);
extern void disc_set_penalizer(DiscState *st, FunctionCallInfo fcinfo, int argno, const char *fn);
extern void disc_set_model(DiscState *st, FunctionCallInfo fcinfo, int argno, const DiscModel *dm,
						   const char *fn);
extern bool disc_final_data(FunctionCallInfo fcinfo, const char *fn, DiscState **st, DiscData *d);

/* sum of w ln L over the rows */
extern double disc_loglik(const DiscModel *dm, const DiscData *d, const double *theta);

/* fitting and standard errors */
extern Datum disc_fit(FunctionCallInfo fcinfo, const DiscModel *dm, DiscState *st,
					  const DiscData *d);
extern Datum disc_standard_errors(const DiscModel *dm, DiscState *st,
								  const DiscData *d);

/* models and arguments */
extern void disc_model_params(FunctionCallInfo fcinfo, int argno, const DiscModel *dm, double *theta);
extern void disc_check_periods(const char *fn, const char *what, int32 v);
extern double disc_check_result(const char *fn, double v);

/* ln [(b)_k / (c)_k], rising factorials, for b, c > 0 and a whole number k >= 0 */
extern double disc_log_rising_ratio(double b, double c, double k);

#endif							/* ENGAGEMENT_DISCRETE_H */
