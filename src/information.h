/*
 * information.h
 *		Standard errors of maximum-likelihood parameters from the observed
 *		information matrix, shared by every fitted model (sBG, BG/BB, and the
 *		BTYD families).
 *
 * The caller supplies its sample log-likelihood as a callback over the natural
 * (positive) parameters; info_covariance differentiates it numerically twice
 * (central differences on log-parameters with Richardson extrapolation),
 * forms the observed information -d2 ll / d theta2 in natural parameters,
 * inverts it by Cholesky and returns the covariance matrix; info_standard_errors
 * returns the square roots of its diagonal.  Nothing assumes the parameters
 * are a maximum: a hand-built model gets the inverse observed information at
 * exactly the parameters given (the gradient term of the change of variables
 * is included).  Errors (ereport, SQLSTATE 22023) name the function and, where
 * one is to blame, the parameter.
 */
#ifndef ENGAGEMENT_INFORMATION_H
#define ENGAGEMENT_INFORMATION_H

/* Largest number of parameters info_covariance handles. */
#define INFO_MAX_DIM 6

/*
 * Sample log-likelihood at natural parameters theta[0..np-1] (every one > 0):
 * the weighted sum over customers, sum w_i ln L_i (not a mean).  May return a
 * non-finite value where the likelihood cannot be evaluated; info_covariance
 * turns that into an error.  arg is passed through untouched.
 */
typedef double (*info_loglik) (const double *theta, void *arg);

/*
 * info_covariance(fn, f, arg, np, theta, names, cov)
 *		Inverse observed information at theta (np <= INFO_MAX_DIM positive,
 *		finite parameters named names[i] in messages of function fn) into the
 *		row-major np x np matrix cov.  Raises 22023 when the log-likelihood is
 *		not finite near theta, or when the information is not positive
 *		definite ("the model is not identified at these parameters").
 */
extern void info_covariance(const char *fn, info_loglik f, void *arg, int np,
							const double *theta, const char *const *names,
							double *cov);

/*
 * info_standard_errors(fn, f, arg, np, theta, names, se)
 *		se[i] = sqrt(cov[i][i]) of info_covariance, in parameter order.
 */
extern void info_standard_errors(const char *fn, info_loglik f, void *arg, int np,
								 const double *theta, const char *const *names,
								 double *se);

#endif							/* ENGAGEMENT_INFORMATION_H */
