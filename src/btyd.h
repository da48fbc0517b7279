/*
 * btyd.h
 *		What the "buy 'til you die" families share (btyd.c): the generic fit
 *		and standard-error machinery of the (x, t_x, t) models (BG/NBD in
 *		bgnbd.c, Pareto/NBD in pareto_nbd.c, MBG/NBD in mbgnbd.c) on the fit
 *		state of fitstate.h, argument checks and numerically careful building
 *		blocks; and what BG/NBD lends the CLV of gamma_gamma.c.
 */
#ifndef ENGAGEMENT_BTYD_H
#define ENGAGEMENT_BTYD_H

#include "fmgr.h"

#include "access/htup_details.h"

#include "fitstate.h"
#include "optimize.h"

/* BG/NBD parameters: purchase rate ~ Gamma(r, alpha), dropout ~ Beta(a, b) */
typedef struct BgnbdParams
{
	double		r;
	double		alpha;
	double		a;
	double		b;
} BgnbdParams;

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
extern double bgnbd_alive_expectation(const BgnbdParams *m, double x, double t, double h,
									  const char *family);
extern double bgnbd_alive_exponent(const BgnbdParams *m, double x, double tx, double t);
extern double bgnbd_p_alive_value(const BgnbdParams *m, double x, double tx, double t);
extern void get_bgnbd_model(FunctionCallInfo fcinfo, int argno, BgnbdParams *m);
extern double alive_from_exponent(double u);
extern double check_result_range(const char *fn, double v);
extern void check_frequency(const char *fn, double x);
extern void check_customer(const char *fn, double x, double tx, double t);
extern void check_time_arg(const char *fn, const char *what, double v);
extern double model_field(HeapTupleHeader tup, const char *type, const char *field);
extern void get_model_params(FunctionCallInfo fcinfo, int argno, const CustomerModel *cm,
							 double *p);
extern void get_customer_args(FunctionCallInfo fcinfo, const char *fn, const CustomerModel *cm,
							  double *p, double *x, double *tx, double *t);
extern Datum customer_fit_trans(FunctionCallInfo fcinfo, const char *fn);
extern Datum customer_fit_final(FunctionCallInfo fcinfo, const CustomerModel *cm);
extern Datum customer_se_trans(FunctionCallInfo fcinfo, const CustomerModel *cm);
extern Datum customer_se_final(FunctionCallInfo fcinfo, const CustomerModel *cm);

#endif							/* ENGAGEMENT_BTYD_H */
