/*
 * btyd.h
 *		What the "buy 'til you die" families share with btyd.c: the fit state
 *		(a weighted multiset of customer summaries, with an optional penalizer
 *		and, for the standard-error aggregates, the model), the generic fit and
 *		standard-error machinery of the (x, t_x, t) models (BG/NBD in btyd.c,
 *		Pareto/NBD in pareto_nbd.c, MBG/NBD in mbgnbd.c), argument checks and
 *		numerically careful building blocks.
 */
#ifndef ENGAGEMENT_BTYD_H
#define ENGAGEMENT_BTYD_H

#include "fmgr.h"

#include "optimize.h"

/* BG/NBD parameters: purchase rate ~ Gamma(r, alpha), dropout ~ Beta(a, b) */
typedef struct BgnbdParams
{
	double		r;
	double		alpha;
	double		a;
	double		b;
} BgnbdParams;

/* one distinct fit row: (x, t_x, t) or (x, monetary, 0), and its weight */
typedef struct FitRow
{
	double		x;
	double		u;				/* t_x, or monetary for Gamma-Gamma */
	double		v;				/* t, or 0 for Gamma-Gamma */
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

/* what an objective function sees: the distinct rows and the rescaling */
typedef struct FitData
{
	const FitRow *rows;
	int64		nrows;
	double		total_w;
	double		scale;			/* multiplies t_x, t (BG/NBD) or monetary (GG) */
	double		penalizer;		/* c of the penalty c * sum(param^2) */
	const void *model;			/* the CustomerModel of a generic objective */
} FitData;

/* ln L of one customer (x, t_x, t) at natural parameters p */
typedef double (*customer_loglik) (const double *p, double x, double tx, double t);

/*
 * A model of (x, t_x, t) customer summaries: its names, its parameters (those
 * with time_unit[i] are in the time unit, e.g. alpha, and rescale with time),
 * and its per-customer log-likelihood.
 */
typedef struct CustomerModel
{
	const char *label;			/* "BG/NBD" */
	const char *fit_fn;			/* "bgnbd_fit" */
	const char *se_fn;			/* "bgnbd_standard_errors" */
	const char *type;			/* "bgnbd_model" */
	int			np;
	const char *const *names;
	const bool *time_unit;
	customer_loglik loglik;
} CustomerModel;

extern double log_of_sum(double u, double v);
extern double lgamma_ratio(double s1, double s2, double x);
extern double bgnbd_alive_expectation(const BgnbdParams *m, double x, double t, double h);
extern double alive_from_exponent(double u);
extern double check_result_range(const char *fn, double v);
extern void check_customer(const char *fn, double x, double tx, double t);
extern void check_time_arg(const char *fn, const char *what, double v);
extern void get_model_params(FunctionCallInfo fcinfo, int argno, const CustomerModel *cm,
							 double *p);
extern void get_customer_args(FunctionCallInfo fcinfo, const char *fn, const CustomerModel *cm,
							  double *p, double *x, double *tx, double *t);
extern Datum customer_fit_trans(FunctionCallInfo fcinfo, const char *fn);
extern Datum customer_fit_final(FunctionCallInfo fcinfo, const CustomerModel *cm);
extern Datum customer_se_trans(FunctionCallInfo fcinfo, const CustomerModel *cm);
extern Datum customer_se_final(FunctionCallInfo fcinfo, const CustomerModel *cm);

#endif							/* ENGAGEMENT_BTYD_H */
