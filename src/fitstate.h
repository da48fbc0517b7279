/*
 * fitstate.h
 *		The aggregate state every model fit and standard-error aggregate
 *		shares (fitstate.c): a weighted multiset of customer rows of up to three
 *		numbers, with the group's penalizer and model, its combine, serialize
 *		and deserialize functions (btyd_fit_*), and what a final function needs
 *		from it.  Used by the (x, t_x, t) models and Gamma-Gamma (btyd.c,
 *		bgnbd.c, pareto_nbd.c, mbgnbd.c, gamma_gamma.c) and by the discrete
 *		models (discrete.c, sbg.c, bgbb.c), whose whole-number rows are stored
 *		exactly as float8.
 */
#ifndef ENGAGEMENT_FITSTATE_H
#define ENGAGEMENT_FITSTATE_H

#include "fmgr.h"

#include "optimize.h"

/* fewest customers (sum of weights) a fit accepts */
#define FIT_MIN_CUSTOMERS 10.0

/*
 * log-parameters are confined to |theta| <= FIT_LOG_BOUND while optimising;
 * an optimum within FIT_LOG_MARGIN of that box means "not identified"
 */
#define FIT_LOG_BOUND 30.0
#define FIT_LOG_MARGIN 5.0

/* the Nelder-Mead settings of every fit: simplex edge, flatness, spread, budget, restarts */
#define FIT_NM_OPTIONS {0.5, 1e-13, 1e-9, 20000, 20}

/*
 * One distinct row and its weight: (x, t_x, t) of an (x, t_x, t) model,
 * (x, monetary, 0) of Gamma-Gamma, (periods, churned, 0) of sBG, (x, t_x,
 * n_periods) of BG/BB.
 */
typedef struct FitRow
{
	double		x;
	double		u;
	double		v;
	double		w;
} FitRow;

/* transition state of every fit and standard-error aggregate */
typedef struct FitState
{
	int64		nrows;
	int64		capacity;
	FitRow	   *rows;
	MemoryContext ctx;			/* the aggregate context that owns rows */
	bool		penalized;		/* a penalizer argument was given */
	double		penalizer;		/* its value (0 when not penalized) */
	int			nmodel;			/* parameters of the model argument, 0 if none */
	double		model[NM_MAX_DIM];
} FitState;

/* what an objective function sees: the distinct rows and the group's constants */
typedef struct FitData
{
	const FitRow *rows;
	int64		nrows;
	double		total_w;
	double		scale;			/* multiplies t_x, t (BG/NBD) or monetary (GG) */
	double		penalizer;		/* c of the penalty c * sum(param^2) */
	const void *model;			/* the model description of a generic objective */
	const FitState *state;		/* the state the rows belong to (its model) */
} FitData;

extern FitState *fit_transition_state(FunctionCallInfo fcinfo, const char *fn);
extern void fit_add(FitState *st, double x, double u, double v, double w);
extern void fit_set_penalizer(FunctionCallInfo fcinfo, FitState *st, int argno, const char *fn);
extern void fit_merge_model(FitState *st, int n, const double *p, const char *fn);
extern bool fit_final_rows(FunctionCallInfo fcinfo, const char *fn, FitData *d, bool skip_zero_x);
extern bool fit_outside_box(const double *theta, int n);
extern double fit_penalty(const FitData *d, const double *theta, int n);
extern void fit_too_few_customers(const char *fn, const char *who, double n);
extern void fit_run(const char *fn, nm_objective f, FitData *d, int n, double *theta,
					const char *const *names, NMResult *res);
extern Datum fit_model_tuple(FunctionCallInfo fcinfo, const double *params, int np, double ll,
							 double n, const NMResult *res);
extern Datum fit_se_array(const double *se, int np);

#endif							/* ENGAGEMENT_FITSTATE_H */
