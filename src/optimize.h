/*
 * optimize.h
 *		The small numerical toolkit behind the customer-lifetime-value family
 *		(fitstate.c, btyd.c, discrete.c): a derivative-free Nelder-Mead
 *		minimiser with restarts and a log-sum-exp helper.
 */
#ifndef ENGAGEMENT_OPTIMIZE_H
#define ENGAGEMENT_OPTIMIZE_H

/* Largest number of free parameters nm_minimize accepts. */
#define NM_MAX_DIM 4

/* Objective: returns the value to minimise at theta, or a non-finite value
 * (treated as +infinity) where the objective is undefined. */
typedef double (*nm_objective) (const double *theta, void *arg);

/* Stopping rules for nm_minimize. */
typedef struct NMOptions
{
	double		step;			/* edge length of each fresh simplex */
	double		ftol;			/* relative spread of f values that counts as flat */
	double		xtol;			/* absolute spread of vertices that counts as small */
	int			max_iter;		/* iteration budget over all restarts */
	int			max_restarts;	/* fresh simplices allowed after the first */
} NMOptions;

/* What nm_minimize reports back. */
typedef struct NMResult
{
	double		fmin;			/* objective at the returned point */
	int			iterations;		/* simplex iterations over all restarts */
	bool		converged;		/* a restart confirmed the optimum */
} NMResult;

extern void nm_minimize(nm_objective f, void *arg, int n, double *theta,
						const NMOptions *opt, NMResult *res);
extern double log_add_exp(double u, double v);

#endif							/* ENGAGEMENT_OPTIMIZE_H */
