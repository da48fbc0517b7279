/*
 * information.c
 *		Observed information and standard errors of maximum-likelihood
 *		parameters (information.h): a numerical Hessian of the caller's sample
 *		log-likelihood, inverted by Cholesky.
 *
 * Derivatives are taken on log-parameters phi = ln theta, where every
 * model's likelihood is smooth and a relative step suits parameters of any
 * magnitude: central differences at steps h and h/2 combined by Richardson
 * extrapolation (error O(h^4), rounding about 1e-12 relative for
 * h = INFO_STEP).  The chain rule brings them back to natural parameters,
 *		d2 ll / d theta_i d theta_j
 *			= (d2 ll / d phi_i d phi_j - [i = j] d ll / d phi_i) / (theta_i theta_j),
 * so the result is the observed information at the parameters given, also
 * where the gradient is not zero (a hand-built model).  The inverse is formed
 * from the information on log-parameters equilibrated to unit diagonal, which
 * keeps the Cholesky factorisation well scaled whatever the units.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "information.h"

/* step on log-parameters of the coarser difference (2^-8); the finer one is half */
#define INFO_STEP 0.00390625

/*
 * smallest Cholesky pivot of the equilibrated information (unit diagonal) that
 * counts as positive definite: a parameter whose information is within this of
 * a combination of the others' (a correlation of 1 - 5e-9) is not identified.
 * Pivots within this of 0 are "singular", below it "not concave"; the Hessian's
 * own error is about 1e-9 there (an exactly singular case gives |pivot| < 1e-9).
 */
#define INFO_PIVOT_MIN 1e-8

/* what the difference quotients need: the callback and the point */
typedef struct InfoPoint
{
	const char *fn;
	info_loglik f;
	void	   *arg;
	int			np;
	const double *theta;
	const char *const *names;
} InfoPoint;

/*
 * info_eval
 *		The log-likelihood at theta with log-parameters i and j moved by di and
 *		dj (j = -1: only i; i = -1: the point itself); 22023 when it is not
 *		finite there.
 */
static double
info_eval(const InfoPoint *p, int i, double di, int j, double dj)
{
	double		t[INFO_MAX_DIM];
	double		v;

	CHECK_FOR_INTERRUPTS();
	memcpy(t, p->theta, sizeof(double) * p->np);
	if (i >= 0)
		t[i] *= exp(di);
	if (j >= 0)
		t[j] *= exp(dj);
	v = p->f(t, p->arg);
	if (!isfinite(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot evaluate the log-likelihood near these parameters%s%s",
						p->fn, i >= 0 ? ": parameter " : "", i >= 0 ? p->names[i] : ""),
				 errhint("The parameters are too extreme for these data; check how the model was built.")));
	return v;
}

/*
 * info_derivatives
 *		Gradient g and Hessian H (row-major) of the log-likelihood on
 *		log-parameters by central differences of step h, around the value f0
 *		at the point.
 */
static void
info_derivatives(const InfoPoint *p, double h, double f0, double *g, double *H)
{
	int			n = p->np;

	for (int i = 0; i < n; i++)
	{
		double		fp = info_eval(p, i, h, -1, 0.0);
		double		fm = info_eval(p, i, -h, -1, 0.0);

		g[i] = (fp - fm) / (2.0 * h);
		H[i * n + i] = (fp - 2.0 * f0 + fm) / (h * h);
		for (int j = 0; j < i; j++)
		{
			double		fpp = info_eval(p, i, h, j, h);
			double		fpm = info_eval(p, i, h, j, -h);
			double		fmp = info_eval(p, i, -h, j, h);
			double		fmm = info_eval(p, i, -h, j, -h);

			H[i * n + j] = H[j * n + i] = (fpp - fpm - fmp + fmm) / (4.0 * h * h);
		}
	}
}

/*
 * not_identified
 *		The 22023 error of an information matrix that is not positive
 *		definite: singular (a pivot within INFO_PIVOT_MIN of 0) or not concave
 *		(a non-positive diagonal, a pivot below -INFO_PIVOT_MIN); detail names
 *		the parameter whose diagonal or pivot failed.
 */
static void
not_identified(const InfoPoint *p, int k, bool singular)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: the model is not identified at these parameters", p->fn),
			 singular
			 ? errdetail("The information about parameter %s is (nearly) a combination of that about the parameters before it (the observed information is singular).",
						 p->names[k])
			 : errdetail("The log-likelihood is not concave there along parameter %s (the observed information is not positive definite).",
						 p->names[k]),
			 errhint("Standard errors exist only where the log-likelihood is curved in every direction: pass the parameters of a fit on these data, or fit on more varied customers.")));
}

/*
 * info_covariance
 *		See information.h.  Builds J = -(H_phi - diag g_phi) by Richardson
 *		extrapolation of the h and h/2 differences, equilibrates it to
 *		C = S J S with S = diag(J_ii^-1/2), factorises C = L L' (a pivot at or
 *		below INFO_PIVOT_MIN is "not identified"), and returns
 *		cov_ij = theta_i theta_j S_i S_j (C^-1)_ij.
 */
void
info_covariance(const char *fn, info_loglik f, void *arg, int np,
				const double *theta, const char *const *names, double *cov)
{
	InfoPoint	p = {fn, f, arg, np, theta, names};
	double		g1[INFO_MAX_DIM],
				g2[INFO_MAX_DIM],
				H1[INFO_MAX_DIM * INFO_MAX_DIM],
				H2[INFO_MAX_DIM * INFO_MAX_DIM],
				J[INFO_MAX_DIM * INFO_MAX_DIM],
				L[INFO_MAX_DIM * INFO_MAX_DIM] = {0},
				Li[INFO_MAX_DIM * INFO_MAX_DIM] = {0},
				s[INFO_MAX_DIM];
	double		f0;

	Assert(np >= 1 && np <= INFO_MAX_DIM);
	for (int i = 0; i < np; i++)
		if (!isfinite(theta[i]) || theta[i] <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s parameter %s must be positive and finite, got %g", fn, names[i], theta[i]),
					 errhint("Pass a model returned by the fit aggregate, or one built from published parameters.")));
	f0 = info_eval(&p, -1, 0.0, -1, 0.0);
	info_derivatives(&p, INFO_STEP, f0, g1, H1);
	info_derivatives(&p, INFO_STEP / 2.0, f0, g2, H2);

	for (int i = 0; i < np; i++)
	{
		double		g = (4.0 * g2[i] - g1[i]) / 3.0;

		for (int j = 0; j < np; j++)
			J[i * np + j] = -(4.0 * H2[i * np + j] - H1[i * np + j]) / 3.0;
		J[i * np + i] += g;
		if (!(J[i * np + i] > 0))
			not_identified(&p, i, false);
		s[i] = 1.0 / sqrt(J[i * np + i]);
	}

	/* Cholesky of the equilibrated matrix C = S J S */
	for (int j = 0; j < np; j++)
	{
		double		d = 1.0;

		for (int k = 0; k < j; k++)
			d -= L[j * np + k] * L[j * np + k];
		if (!(d > INFO_PIVOT_MIN))
			not_identified(&p, j, d >= -INFO_PIVOT_MIN);
		L[j * np + j] = sqrt(d);
		for (int i = j + 1; i < np; i++)
		{
			double		c = J[i * np + j] * s[i] * s[j];

			for (int k = 0; k < j; k++)
				c -= L[i * np + k] * L[j * np + k];
			L[i * np + j] = c / L[j * np + j];
		}
	}

	/* L^-1 by forward substitution, then C^-1 = L^-T L^-1 */
	for (int j = 0; j < np; j++)
	{
		Li[j * np + j] = 1.0 / L[j * np + j];
		for (int i = j + 1; i < np; i++)
		{
			double		c = 0.0;

			for (int k = j; k < i; k++)
				c -= L[i * np + k] * Li[k * np + j];
			Li[i * np + j] = c / L[i * np + i];
		}
	}
	for (int i = 0; i < np; i++)
		for (int j = 0; j <= i; j++)
		{
			double		c = 0.0;

			for (int k = i; k < np; k++)
				c += Li[k * np + i] * Li[k * np + j];
			cov[i * np + j] = cov[j * np + i] = c * s[i] * s[j] * theta[i] * theta[j];
		}
}

/*
 * info_standard_errors
 *		See information.h: the square roots of the covariance's diagonal.
 */
void
info_standard_errors(const char *fn, info_loglik f, void *arg, int np,
					 const double *theta, const char *const *names, double *se)
{
	double		cov[INFO_MAX_DIM * INFO_MAX_DIM];

	info_covariance(fn, f, arg, np, theta, names, cov);
	for (int i = 0; i < np; i++)
		se[i] = sqrt(cov[i * np + i]);
}
