/*
 * engagement.c
 *		Module magic and the helpers every family shares: argument checks that
 *		raise specific SQLSTATEs, interval and numeric conversions, the per-call
 *		cache.  The generic I/O of the state types is in state_io.c.
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "engagement.h"

PG_MODULE_MAGIC;

/*
 * eng_interval_usecs
 *		Convert a window / gap / half-life interval to microseconds the way
 *		EXTRACT(epoch FROM interval) does: whole years of months count 365.25
 *		days, the remaining months 30 days, days 24 hours; so the result does not
 *		depend on a calendar or a time zone.  Zero, negative and overflowing
 *		intervals are rejected, naming the argument.
 */
int64
eng_interval_usecs(const Interval *iv, const char *what)
{
	int128		us = (int128) iv->time +
		(int128) iv->day * USECS_PER_DAY +
		(int128) (iv->month / MONTHS_PER_YEAR) * (int64) (DAYS_PER_YEAR * USECS_PER_DAY) +
		(int128) (iv->month % MONTHS_PER_YEAR) * DAYS_PER_MONTH * USECS_PER_DAY;

	if (us <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a positive interval", what),
				 errhint("Pass a duration greater than zero, for example '30 minutes'.")));
	if (us > PG_INT64_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s is too large", what),
				 errhint("Use an interval shorter than 290,000 years.")));
	return (int64) us;
}

/*
 * eng_fn_cache
 *		The function's EngFnCache in fn_extra, allocated zeroed in fn_mcxt on
 *		first use (one interval slot per argument and the user pointer), so it
 *		lives as long as the query's call site.
 */
EngFnCache *
eng_fn_cache(FunctionCallInfo fcinfo)
{
	EngFnCache *c = (EngFnCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
								   offsetof(EngFnCache, arg) +
								   sizeof(EngIntervalCache) * PG_NARGS());
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/*
 * eng_interval_arg_convert
 *		Slow path of eng_interval_arg: convert interval argument argno and
 *		remember the result in the function's EngFnCache.  A rejected interval
 *		is not cached, so it raises its error again on the next row.
 */
int64
eng_interval_arg_convert(FunctionCallInfo fcinfo, int argno, const char *what)
{
	const Interval *iv = PG_GETARG_INTERVAL_P(argno);
	int64		us = eng_interval_usecs(iv, what);
	EngFnCache *c = eng_fn_cache(fcinfo);

	c->arg[argno].iv = *iv;
	c->arg[argno].us = us;
	return us;
}

/*
 * eng_infinite_ts_error
 *		Reject +/-infinity timestamps (eng_check_finite_ts): no duration, decay
 *		or window can be computed from them, and silently skipping them would
 *		change counts.
 */
void
eng_infinite_ts_error(const char *fn)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("%s does not accept infinite timestamps", fn),
			 errhint("Filter the rows out first, for example WHERE isfinite(ts).")));
}

/*
 * eng_nonfinite_float_error
 *		Reject NaN and +/-infinity in a numeric argument, a weight or an amount
 *		(eng_check_finite_float): one such value would poison every sum it
 *		enters.
 */
void
eng_nonfinite_float_error(double v, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must be a finite number, not %s", what,
					isnan(v) ? "NaN" : (v > 0 ? "infinity" : "-infinity")),
			 errhint("Filter the rows out first, or replace the value with coalesce/nullif.")));
}

/*
 * numeric_to_double_exact
 *		Fast path of numeric -> float8 for the usual amounts (up to 15 or 16
 *		significant digits): read the numeric's stored form (a varlena of a
 *		header word, in the long form a weight word, then base-10000 digits,
 *		most significant first; the form every PostgreSQL version keeps on
 *		disk), gather the digits into an integer N < 2^53 and a power of ten
 *		10^e with |e| <= 22.  Both are exact doubles, so the one multiply or
 *		divide rounds correctly, giving the same double as numeric_float8's
 *		decimal text through strtod.  Returns false (leaving *result alone) for
 *		NaN, infinities, more digits or a larger exponent: the caller then
 *		takes the general conversion.
 */
static bool
numeric_to_double_exact(Datum d, double *result)
{
	static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
		1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	struct varlena *v = PG_DETOAST_DATUM_PACKED(d);
	const uint8 *p = (const uint8 *) VARDATA_ANY(v);
	int			len = VARSIZE_ANY_EXHDR(v);
	uint16		header;
	int			weight;
	bool		negative;
	int			ndigits;
	int64		n = 0;
	int			e10;
	double		r;

	if (len < (int) sizeof(uint16))
		return false;
	memcpy(&header, p, sizeof(uint16));
	if ((header & 0xC000) == 0xC000)	/* NaN, +-Infinity */
		return false;
	if (header & 0x8000)		/* short form: sign, scale, weight in the header */
	{
		negative = (header & 0x2000) != 0;
		weight = (header & 0x003F) | ((header & 0x0040) ? ~0x003F : 0);
		p += sizeof(uint16);
		len -= sizeof(uint16);
	}
	else
	{
		int16		w;

		if (len < (int) (2 * sizeof(uint16)))
			return false;
		negative = (header & 0x4000) != 0;
		memcpy(&w, p + sizeof(uint16), sizeof(int16));
		weight = w;
		p += 2 * sizeof(uint16);
		len -= 2 * sizeof(uint16);
	}
	ndigits = len / (int) sizeof(int16);
	if (ndigits == 0)
	{
		*result = 0.0;
		return true;
	}
	if (ndigits > 4)
		return false;
	for (int i = 0; i < ndigits; i++)
	{
		int16		digit;

		memcpy(&digit, p + i * sizeof(int16), sizeof(int16));
		n = n * 10000 + digit;
	}
	if (n > ((int64) 1 << 53))
		return false;
	e10 = 4 * (weight - (ndigits - 1));
	if (e10 < -22 || e10 > 22)
		return false;
	r = e10 >= 0 ? (double) n * pow10[e10] : (double) n / pow10[-e10];
	*result = negative ? -r : r;
	return true;
}

/*
 * eng_arg_type
 *		The type of argument argno: from the call expression, or, when the
 *		caller gave none (Citus calls transition functions through fmgr_info
 *		alone in worker_partial_agg), as the function declares it.  Without
 *		this an integer or numeric overload would read its argument as float8.
 */
static Oid
eng_arg_type(FunctionCallInfo fcinfo, int argno)
{
	Oid			t = get_fn_expr_argtype(fcinfo->flinfo, argno);
	HeapTuple	tup;

	if (OidIsValid(t))
		return t;
	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fcinfo->flinfo->fn_oid));
	if (HeapTupleIsValid(tup))
	{
		Form_pg_proc proc = (Form_pg_proc) GETSTRUCT(tup);

		if (argno < proc->pronargs)
			t = proc->proargtypes.values[argno];
		ReleaseSysCache(tup);
	}
	return t;
}

/*
 * eng_arg_float8
 *		Argument argno as a double, whatever numeric type the call's signature
 *		declares it with: float8, or integer or numeric for the exact-type
 *		overloads (weights and amounts), so that one C function serves every
 *		overload.  A numeric too large for float8 raises 22003, NaN stays NaN
 *		for the caller's own finiteness check.
 */
double
eng_arg_float8(FunctionCallInfo fcinfo, int argno)
{
	switch (eng_arg_type(fcinfo, argno))
	{
		case INT4OID:
			return (double) PG_GETARG_INT32(argno);
		case NUMERICOID:
			{
				double		r;

				if (numeric_to_double_exact(PG_GETARG_DATUM(argno), &r))
					return r;
				return DatumGetFloat8(DirectFunctionCall1(numeric_float8, PG_GETARG_DATUM(argno)));
			}
		default:
			return PG_GETARG_FLOAT8(argno);
	}
}

/*
 * eng_arg_int32
 *		Argument argno as an int32, declared integer or (the exact-type
 *		overloads of survey scores) smallint.
 */
int32
eng_arg_int32(FunctionCallInfo fcinfo, int argno)
{
	if (eng_arg_type(fcinfo, argno) == INT2OID)
		return (int32) PG_GETARG_INT16(argno);
	return PG_GETARG_INT32(argno);
}

/*
 * eng_count_overflow_error
 *		A count of a state (eng_add_count) would pass the bigint range: refuse
 *		it rather than store a wrapped, negative count.
 */
void
eng_count_overflow_error(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s is out of range for type bigint", what),
			 errhint("The counts of one state cannot add up past 9223372036854775807; roll up fewer states together.")));
}

/*
 * eng_span_interval
 *		later - earlier the way timestamptz subtraction writes it (whole days
 *		and a time part under one day, both with the sign of the difference),
 *		computed in 128 bits: two valid timestamps can be up to ~299,000 years
 *		apart, more microseconds than an int64 holds, but never more days than
 *		an interval's int32 day field holds, so the result is always exact.
 */
Interval *
eng_span_interval(TimestampTz later, TimestampTz earlier)
{
	int128		us = (int128) later - earlier;
	Interval   *iv = palloc0(sizeof(Interval));

	iv->day = (int32) (us / USECS_PER_DAY);
	iv->time = (int64) (us % USECS_PER_DAY);
	return iv;
}

/*
 * eng_span_days
 *		later - earlier in days as a double, from the exact 128-bit difference
 *		(see eng_span_interval), so that no span between valid timestamps wraps.
 */
double
eng_span_days(TimestampTz later, TimestampTz earlier)
{
	return (double) ((int128) later - earlier) / (double) USECS_PER_DAY;
}

/*
 * eng_agg_context
 *		The aggregate memory context of a support function; calling one of them
 *		outside an aggregate (they take and return internal) is refused.
 */
MemoryContext
eng_agg_context(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext aggctx;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fn),
				 errhint("It is a support function of an aggregate; call the aggregate instead.")));
	return aggctx;
}

/*
 * eng_null_argument
 *		A parameter that defines the computation (window, period, pattern, as-of
 *		time) was NULL: there is no sensible answer, so say which one.
 */
void
eng_null_argument(const char *what, const char *fn)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s of %s must not be NULL", what, fn),
			 errhint("Pass a constant, or coalesce the expression.")));
}

/*
 * eng_condition_flags
 *		Read a VARIADIC bool[] of conditions (funnel steps, retention and
 *		sequence conditions) as a bit word without deconstructing it, since this
 *		runs once per row.  NULL elements count as false.  The length must be
 *		1..ENG_MAX_CONDITIONS.
 */
uint32
eng_condition_flags(ArrayType *arr, const char *fn, const char *noun, const char *hint, int *n)
{
	int			len = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	bits8	   *nulls = ARR_NULLBITMAP(arr);
	/* ARR_DATA_PTR, spelled out: the macro trips -Wsign-compare */
	const char *data = (const char *) arr +
		(ARR_HASNULL(arr) ? arr->dataoffset : (int32) ARR_OVERHEAD_NONULLS(ARR_NDIM(arr)));
	uint32		flags = 0;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s %s must be a one-dimensional array", fn, noun),
				 errhint("%s", hint)));
	if (len < 1 || len > ENG_MAX_CONDITIONS)
		ereport(ERROR,
				(errcode(len < 1 ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s takes 1 to %d %s, not %d", fn, ENG_MAX_CONDITIONS, noun, len),
				 errhint("%s", hint)));
	for (int i = 0; i < len; i++)
	{
		if (nulls && !(nulls[i / 8] & (1 << (i % 8))))
			continue;
		if (*data++)
			flags |= 1u << i;
	}
	*n = len;
	return flags;
}

/*
 * eng_row_weight
 *		The optional weight argument at argno: 1 when absent; NULL (skip the
 *		row) reported as -1; NaN, infinite and negative weights rejected.
 */
double
eng_row_weight(FunctionCallInfo fcinfo, int argno, const char *fn)
{
	double		w;

	if (PG_NARGS() <= argno)
		return 1.0;
	if (PG_ARGISNULL(argno))
		return -1.0;
	w = PG_GETARG_FLOAT8(argno);
	eng_check_finite_float(w, psprintf("%s weight", fn));
	if (w < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s weight must be >= 0, got %g", fn, w),
				 errhint("The weight is the number of customers sharing the row's summary.")));
	return w;
}
