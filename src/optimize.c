/*
 * optimize.c
 *		Numerical building blocks for the customer-lifetime-value models:
 *		a Nelder-Mead simplex minimiser with restarts (used on log-parameters,
 *		so every model parameter stays positive) and a stable log-sum-exp.
 *
 * Nothing here touches PostgreSQL data types; the minimiser only calls
 * CHECK_FOR_INTERRUPTS() so that long runs stay cancellable.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "optimize.h"

/*
 * Evaluate the objective, mapping NaN and infinities to +infinity so the
 * simplex simply treats undefined regions as very bad points.
 */
static double
nm_eval(nm_objective f, void *arg, const double *theta)
{
	double		v = f(theta, arg);

	return isfinite(v) ? v : HUGE_VAL;
}

/*
 * Order the simplex vertices by objective value (best first); ties keep
 * their index order, so the search path is fully deterministic.
 */
static void
nm_order(int n, double fv[], int idx[])
{
	for (int i = 0; i <= n; i++)
		idx[i] = i;
	for (int i = 1; i <= n; i++)
	{
		int			k = idx[i];
		int			j = i - 1;

		while (j >= 0 && fv[idx[j]] > fv[k])
		{
			idx[j + 1] = idx[j];
			j--;
		}
		idx[j + 1] = k;
	}
}

/*
 * One Nelder-Mead run from theta with a fresh axis-aligned simplex of edge
 * opt->step.  Stops when both the spread of objective values and the spread
 * of vertices are below tolerance, or when *iters reaches the budget.
 * Leaves the best vertex in theta and returns its objective value; sets
 * *flat when the tolerances (not the budget) ended the run.
 */
static double
nm_run(nm_objective f, void *arg, int n, double *theta,
	   const NMOptions *opt, int *iters, bool *flat)
{
	double		v[NM_MAX_DIM + 1][NM_MAX_DIM];
	double		fv[NM_MAX_DIM + 1];
	int			idx[NM_MAX_DIM + 1];
	double		c[NM_MAX_DIM],
				xr[NM_MAX_DIM],
				xe[NM_MAX_DIM],
				xc[NM_MAX_DIM];

	*flat = false;
	for (int i = 0; i <= n; i++)
	{
		for (int j = 0; j < n; j++)
			v[i][j] = theta[j] + ((i == j + 1) ? opt->step : 0.0);
		fv[i] = nm_eval(f, arg, v[i]);
	}

	for (;;)
	{
		int			best,
					worst,
					second;
		double		fr,
					spread = 0.0;

		nm_order(n, fv, idx);
		best = idx[0];
		worst = idx[n];
		second = idx[n - 1];

		for (int i = 1; i <= n; i++)
			for (int j = 0; j < n; j++)
				spread = Max(spread, fabs(v[idx[i]][j] - v[best][j]));
		if (isfinite(fv[worst]) &&
			fv[worst] - fv[best] <= opt->ftol * (fabs(fv[best]) + opt->ftol) &&
			spread <= opt->xtol)
		{
			*flat = true;
			break;
		}
		if (*iters >= opt->max_iter)
			break;
		(*iters)++;
		CHECK_FOR_INTERRUPTS();

		/* centroid of every vertex except the worst */
		for (int j = 0; j < n; j++)
		{
			c[j] = 0.0;
			for (int i = 0; i < n; i++)
				c[j] += v[idx[i]][j];
			c[j] /= n;
		}

		for (int j = 0; j < n; j++)
			xr[j] = c[j] + (c[j] - v[worst][j]);
		fr = nm_eval(f, arg, xr);

		if (fr < fv[best])
		{
			double		fe;

			for (int j = 0; j < n; j++)
				xe[j] = c[j] + 2.0 * (c[j] - v[worst][j]);
			fe = nm_eval(f, arg, xe);
			if (fe < fr)
			{
				memcpy(v[worst], xe, sizeof(double) * n);
				fv[worst] = fe;
			}
			else
			{
				memcpy(v[worst], xr, sizeof(double) * n);
				fv[worst] = fr;
			}
			continue;
		}
		if (fr < fv[second])
		{
			memcpy(v[worst], xr, sizeof(double) * n);
			fv[worst] = fr;
			continue;
		}

		/* contract: outside when the reflection helped a little, else inside */
		{
			bool		outside = fr < fv[worst];
			double		fc;

			for (int j = 0; j < n; j++)
				xc[j] = outside ? c[j] + 0.5 * (xr[j] - c[j])
					: c[j] + 0.5 * (v[worst][j] - c[j]);
			fc = nm_eval(f, arg, xc);
			if (outside ? fc <= fr : fc < fv[worst])
			{
				memcpy(v[worst], xc, sizeof(double) * n);
				fv[worst] = fc;
				continue;
			}
		}

		/* shrink every vertex halfway towards the best one */
		for (int i = 0; i <= n; i++)
		{
			if (i == best)
				continue;
			for (int j = 0; j < n; j++)
				v[i][j] = v[best][j] + 0.5 * (v[i][j] - v[best][j]);
			fv[i] = nm_eval(f, arg, v[i]);
		}
	}

	nm_order(n, fv, idx);
	memcpy(theta, v[idx[0]], sizeof(double) * n);
	return fv[idx[0]];
}

/*
 * Minimise f over n <= NM_MAX_DIM parameters starting from theta.
 *
 * Nelder-Mead can stall on a ridge with a collapsed simplex, so a converged
 * run is followed by a fresh simplex around its best point; the search counts
 * as converged only when such a restart fails to improve the objective
 * beyond the tolerance.  On return theta holds the best point found and res
 * says whether convergence was confirmed within the iteration budget.
 */
void
nm_minimize(nm_objective f, void *arg, int n, double *theta,
			const NMOptions *opt, NMResult *res)
{
	double		fbest;
	bool		flat;

	Assert(n >= 1 && n <= NM_MAX_DIM);
	res->iterations = 0;
	res->converged = false;
	fbest = nm_run(f, arg, n, theta, opt, &res->iterations, &flat);

	for (int restart = 0; flat && restart < opt->max_restarts; restart++)
	{
		double		trial[NM_MAX_DIM];
		double		ftrial;

		memcpy(trial, theta, sizeof(double) * n);
		ftrial = nm_run(f, arg, n, trial, opt, &res->iterations, &flat);
		if (ftrial < fbest)
		{
			bool		small = fbest - ftrial <= opt->ftol * (fabs(fbest) + opt->ftol);

			memcpy(theta, trial, sizeof(double) * n);
			fbest = ftrial;
			if (small && flat)
			{
				res->converged = true;
				break;
			}
		}
		else if (flat)
		{
			res->converged = true;
			break;
		}
	}
	res->fmin = fbest;
}

/*
 * log(exp(u) + exp(v)) without overflow or needless loss of precision.
 */
double
log_add_exp(double u, double v)
{
	double		m = Max(u, v);

	if (m == -HUGE_VAL)
		return m;
	return m + log1p(exp(-fabs(u - v)));
}
