/*
 * engagement.h
 *		Shared declarations of the engagement extension: input checks used by
 *		every family, and the generic text/binary I/O of fixed-size state types.
 */
#ifndef ENGAGEMENT_H
#define ENGAGEMENT_H

#include <math.h>

#include "common/int.h"
#include "fmgr.h"
#include "nodes/nodes.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/timestamp.h"

#include "compat.h"

/*
 * The most memory one group's state may hold (1 GiB): past it an aggregate raises
 * 54000 with a hint instead of growing until the kernel kills the backend.
 */
#define ENG_MAX_GROUP_BYTES ((Size) 1 << 30)

/*
 * Bytes a serialised state keeps free for its headers (format byte, counts, parameters)
 * when its payload is checked against the allocation limit before serialising.
 */
#define ENG_SERIAL_SLACK 64

/* --- input checks (engagement.c) --- */

/* a positive interval as microseconds; months count as 30 days, days as 24 hours */
extern int64 eng_interval_usecs(const Interval *iv, const char *what);

/*
 * eng_interval_arg(fcinfo, argno, what): eng_interval_usecs of interval argument argno of a
 * per-row function (a window, a gap, a half-life that is the same on nearly every row).  The
 * last conversion of each argument is cached in fn_extra (an EngFnCache, one slot per
 * argument, plus one pointer the function may use for its own per-query cache; the function
 * must not use fn_extra otherwise), so a repeated interval costs one comparison of its raw
 * fields instead of a conversion.
 */
typedef struct EngIntervalCache
{
	Interval	iv;
	int64		us;				/* 0: nothing cached (a valid result is positive) */
} EngIntervalCache;

typedef struct EngFnCache
{
	void	   *user;			/* the function's own per-query cache (in fn_mcxt), or NULL */
	EngIntervalCache arg[FLEXIBLE_ARRAY_MEMBER];	/* one per argument */
} EngFnCache;

extern EngFnCache *eng_fn_cache(FunctionCallInfo fcinfo);
extern int64 eng_interval_arg_convert(FunctionCallInfo fcinfo, int argno, const char *what);

static inline int64
eng_interval_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	const EngFnCache *c = (const EngFnCache *) fcinfo->flinfo->fn_extra;
	const Interval *iv = PG_GETARG_INTERVAL_P(argno);

	if (likely(c != NULL) && c->arg[argno].us != 0 && c->arg[argno].iv.time == iv->time &&
		c->arg[argno].iv.day == iv->day && c->arg[argno].iv.month == iv->month)
		return c->arg[argno].us;
	return eng_interval_arg_convert(fcinfo, argno, what);
}

/*
 * eng_condition_args(fcinfo, first, &n): the same bit word as eng_condition_flags, read from
 * bool arguments first .. PG_NARGS()-1 of a fixed-arity overload (no array is built per
 * row); NULL arguments count as false.  The SQL declarations keep the count within
 * 1..ENG_MAX_CONDITIONS.
 */
static inline uint32
eng_condition_args(FunctionCallInfo fcinfo, int first, int *n)
{
	uint32		flags = 0;

	for (int i = first; i < PG_NARGS(); i++)
		if (!PG_ARGISNULL(i) && PG_GETARG_BOOL(i))
			flags |= 1u << (i - first);
	*n = PG_NARGS() - first;
	return flags;
}

/*
 * eng_existing_agg_state(fcinfo): the state in argument 0 when a transition function runs
 * in a plain Agg node and the group already has one (the per-row case), else NULL, in which
 * case the caller takes its general path (AggCheckCallContext, creating the state).  Inline
 * and without a call, since it runs once per row.
 */
static inline void *
eng_existing_agg_state(FunctionCallInfo fcinfo)
{
	if (likely(!PG_ARGISNULL(0)) && fcinfo->context && IsA(fcinfo->context, AggState))
		return PG_GETARG_POINTER(0);
	return NULL;
}

/* the errors of the two checks below (out of line: the checks run once per row) */
pg_noreturn extern void eng_infinite_ts_error(const char *fn);
pg_noreturn extern void eng_nonfinite_float_error(double v, const char *what);

/* raise 22008 if ts is +/-infinity; 'fn' names the caller in the message */
static inline void
eng_check_finite_ts(TimestampTz ts, const char *fn)
{
	if (unlikely(TIMESTAMP_NOT_FINITE(ts)))
		eng_infinite_ts_error(fn);
}

/* raise 22023 if v is NaN or +/-infinity; 'what' names the argument */
static inline void
eng_check_finite_float(double v, const char *what)
{
	if (unlikely(isnan(v) || isinf(v)))
		eng_nonfinite_float_error(v, what);
}

/*
 * argument argno as a double (declared float8, integer or numeric) or an int32
 * (declared integer or smallint): one C function for the exact-type overloads
 */
extern double eng_arg_float8(FunctionCallInfo fcinfo, int argno);
extern int32 eng_arg_int32(FunctionCallInfo fcinfo, int argno);

/*
 * the type of argument argno, from the call expression or else as declared
 * (Citus calls transition functions without the expression)
 */
extern Oid	eng_arg_type(FunctionCallInfo fcinfo, int argno);

/* the error of eng_add_count (out of line: the addition runs once per row) */
pg_noreturn extern void eng_count_overflow_error(const char *what);

/*
 * eng_add_count(a, b, what): a + b for the counts of a state (events, answers,
 * purchases); raise 22003 naming 'what' rather than wrap when the sum does not fit a
 * bigint, so that no combine or accessor ever yields a negative or wrapped count.
 */
static inline int64
eng_add_count(int64 a, int64 b, const char *what)
{
	int64		r;

	if (unlikely(pg_add_s64_overflow(a, b, &r)))
		eng_count_overflow_error(what);
	return r;
}

/* later - earlier as an interval of days and time, exact for any two finite timestamps */
extern Interval *eng_span_interval(TimestampTz later, TimestampTz earlier);

/* later - earlier in (fractional) days, exact to double precision */
extern double eng_span_days(TimestampTz later, TimestampTz earlier);

/*
 * eng_utc_day(ts): the UTC calendar day holding a finite timestamp, as days since
 * 2000-01-01 rounded down (negative before 2000); every valid timestamp's day fits an
 * int32.  RFM's purchase days and btyd_summary's purchase days share it.
 */
static inline int32
eng_utc_day(TimestampTz ts)
{
	int64		d = ts / USECS_PER_DAY;

	if (ts % USECS_PER_DAY < 0)
		d--;
	return (int32) d;
}

/* raise 0A000 unless called as part of an aggregate; returns the aggregate context */
extern MemoryContext eng_agg_context(FunctionCallInfo fcinfo, const char *fn);

/* raise 22004: argument 'what' of fn is NULL but must be given (a window, a pattern...) */
extern void eng_null_argument(const char *what, const char *fn);

/*
 * the optional weight argument argno of a customer-model fit: 1 when the overload has none,
 * -1 (skip the row) when NULL; NaN, infinite and negative weights are 22023
 */
extern double eng_row_weight(FunctionCallInfo fcinfo, int argno, const char *fn);

/* largest number of conditions a VARIADIC bool[] argument may hold (one flag word) */
#define ENG_MAX_CONDITIONS 32

/*
 * The true elements of a VARIADIC bool[] as bits (element i -> bit i; NULL is
 * false); sets *n to its length after checking 1..ENG_MAX_CONDITIONS.  'noun'
 * names the elements in messages ("steps", "conditions"); 'hint' is the errhint.
 */
extern uint32 eng_condition_flags(ArrayType *arr, const char *fn, const char *noun,
								  const char *hint, int *n);

/* --- serialised aggregate states (state_io.c) --- */

/* a read cursor over the bytes of a serialised state */
extern void eng_state_reader(bytea *b, StringInfo buf);

/* raise 22P03 for serialised state bytes that do not parse; 'what' names the state */
pg_noreturn extern void eng_corrupt_state(const char *what, const char *why);

/* raise 22P03, with a hint, for a state that parsed but that fn's transition function never makes */
pg_noreturn extern void eng_forged_state(const char *fn, const char *why);

/* --- stored state types (state_io.c) ---
 *
 * A concrete state type (decay_state, nps_state, rfm_state, ...) is a C struct of
 * int64 / float8 / timestamptz fields (and int64 calendar days, days since 2000-01-01,
 * written as ISO dates).  One descriptor per type drives its text
 * format "name=value name=value ..." and its binary format (a format byte, then
 * each field in network order), both of which round-trip exactly.
 */
typedef enum EngFieldKind
{
	ENG_F_INT64,
	ENG_F_FLOAT8,
	ENG_F_TIMESTAMPTZ,
	ENG_F_DATE
} EngFieldKind;

/* an ENG_F_DATE value: a day some valid timestamp falls on, as days since 2000-01-01 */
#define ENG_DAY_IS_VALID(d) \
	((d) >= DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE && (d) < TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE)

typedef struct EngField
{
	const char *name;
	EngFieldKind kind;
	size_t		offset;
} EngField;

/*
 * Every stored state type (decay_state, engagement_score_state, nps_state, csat_state,
 * rfm_state) is a varlena of STORAGE plain whose C struct starts with this header: the
 * varlena length word, then the version of the layout that follows.  A later release
 * that changes a layout gives it a new version and keeps reading the old ones (the
 * length and the version tell them apart); this one reads version ENG_STATE_FORMAT only
 * and rejects any other with a clear error instead of misreading the bytes.
 */
typedef struct EngStateHeader
{
	int32		vl_len_;		/* varlena header: set with SET_VARSIZE only */
	int32		format;			/* layout version */
} EngStateHeader;

typedef struct EngStateDesc
{
	const char *type_name;
	int32		format;			/* layout version this library writes */
	size_t		size;			/* sizeof the C struct, header included */
	int			nfields;
	const EngField *fields;
	/* semantic checks after text or binary input; raises an error if invalid */
	void		(*validate) (const void *state);
} EngStateDesc;

/* the layout version of every stored state type in this release */
#define ENG_STATE_FORMAT 1

extern void *eng_state_alloc(const EngStateDesc *desc, MemoryContext ctx);
extern void eng_state_stamp(const EngStateDesc *desc, void *state);
pg_noreturn extern void eng_state_format_error(const EngStateDesc *desc, const void *state);

/*
 * eng_state_arg(fcinfo, argno, desc): argument argno, a stored state of the type desc
 * describes, detoasted and checked: its length and layout version must be this
 * library's (else eng_state_format_error).  Inline: accessors call it once per row.
 */
static inline void *
eng_state_arg(FunctionCallInfo fcinfo, int argno, const EngStateDesc *desc)
{
	struct varlena *v = (struct varlena *) PG_GETARG_POINTER(argno);

	if (unlikely(VARATT_IS_EXTENDED(v)))
		v = pg_detoast_datum(v);
	if (unlikely(VARSIZE(v) != desc->size || ((EngStateHeader *) v)->format != desc->format))
		eng_state_format_error(desc, v);
	return v;
}

extern char *eng_state_out(const EngStateDesc *desc, const void *state);
extern void *eng_state_in(const EngStateDesc *desc, const char *str);
extern bytea *eng_state_send(const EngStateDesc *desc, const void *state);
extern void *eng_state_recv(const EngStateDesc *desc, StringInfo buf);
extern void eng_append_float8(StringInfo buf, double v);
extern void *eng_state_transition_general(FunctionCallInfo fcinfo, const EngStateDesc *desc);

/*
 * eng_state_transition(fcinfo, desc): the state a transition function may update (see
 * eng_state_transition_general); inline for the per-row case, an existing state in an Agg.
 */
static inline void *
eng_state_transition(FunctionCallInfo fcinfo, const EngStateDesc *desc)
{
	void	   *state = eng_existing_agg_state(fcinfo);

	return likely(state != NULL) ? state : eng_state_transition_general(fcinfo, desc);
}
extern Datum eng_state_combine(FunctionCallInfo fcinfo, const EngStateDesc *desc,
							   void (*merge) (void *dst, const void *src));

/*
 * ENG_STATE_IO_FUNCS(prefix, desc)
 *		Define the four SQL-callable I/O functions prefix_in, prefix_out,
 *		prefix_send and prefix_recv of a fixed-size state type described by desc.
 */
#define ENG_STATE_IO_FUNCS(prefix, desc) \
PG_FUNCTION_INFO_V1(prefix##_in); \
PG_FUNCTION_INFO_V1(prefix##_out); \
PG_FUNCTION_INFO_V1(prefix##_send); \
PG_FUNCTION_INFO_V1(prefix##_recv); \
Datum prefix##_in(PG_FUNCTION_ARGS) \
{ PG_RETURN_POINTER(eng_state_in(&(desc), PG_GETARG_CSTRING(0))); } \
Datum prefix##_out(PG_FUNCTION_ARGS) \
{ PG_RETURN_CSTRING(eng_state_out(&(desc), eng_state_arg(fcinfo, 0, &(desc)))); } \
Datum prefix##_send(PG_FUNCTION_ARGS) \
{ PG_RETURN_BYTEA_P(eng_state_send(&(desc), eng_state_arg(fcinfo, 0, &(desc)))); } \
Datum prefix##_recv(PG_FUNCTION_ARGS) \
{ PG_RETURN_POINTER(eng_state_recv(&(desc), (StringInfo) PG_GETARG_POINTER(0))); } \
extern int no_such_variable

#endif							/* ENGAGEMENT_H */
