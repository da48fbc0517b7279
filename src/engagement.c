/*
 * engagement.c
 *		Module magic and the helpers every family shares: argument checks that
 *		raise specific SQLSTATEs, and the generic text/binary I/O of the small
 *		fixed-size state types (decay_state, nps_state, csat_state, rfm_state...).
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

/*
 * eng_state_reader
 *		Set up buf to read the bytes of a serialised aggregate state (a
 *		deserialize function's input) with the pq_getmsg* functions.
 */
void
eng_state_reader(bytea *b, StringInfo buf)
{
	buf->data = VARDATA_ANY(b);
	buf->len = VARSIZE_ANY_EXHDR(b);
	buf->maxlen = buf->len;
	buf->cursor = 0;
}

/*
 * eng_corrupt_state
 *		The error for serialised state bytes that do not parse: they are
 *		treated as untrusted input, never as something to read past.
 */
void
eng_corrupt_state(const char *what, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized %s: %s", what, why)));
}

/*
 * eng_append_float8
 *		Append the shortest text that reads back as exactly the same double,
 *		whatever extra_float_digits says (state types must round-trip).
 */
void
eng_append_float8(StringInfo buf, double v)
{
	char		tmp[DOUBLE_SHORTEST_DECIMAL_LEN + 1];

	if (isnan(v))
		appendStringInfoString(buf, "NaN");
	else if (isinf(v))
		appendStringInfoString(buf, v > 0 ? "Infinity" : "-Infinity");
	else
	{
		double_to_shortest_decimal_buf(v, tmp);
		appendStringInfoString(buf, tmp);
	}
}

/*
 * append_timestamptz_utc
 *		ISO 8601 text of a finite timestamptz in UTC, independent of the
 *		session's TimeZone and DateStyle so that state output is immutable.
 */
static void
append_timestamptz_utc(StringInfo buf, TimestampTz ts)
{
	struct pg_tm tm;
	fsec_t		fsec;
	char		tmp[MAXDATELEN + 1];

	if (TIMESTAMP_NOT_FINITE(ts) || timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range in state value")));
	/* timestamp2tm without a zone leaves tm_isdst = -1, which omits the offset */
	tm.tm_isdst = 0;
	EncodeDateTime(&tm, fsec, true, 0, NULL, USE_ISO_DATES, tmp);
	/* fields are space-separated: write "2024-01-31T12:00:00+00" (and "...TBC") */
	for (char *c = tmp; *c; c++)
		if (*c == ' ')
			*c = 'T';
	appendStringInfoString(buf, tmp);
}

/*
 * append_date
 *		ISO 8601 text of a calendar day (days since 2000-01-01) that a valid
 *		timestamp can fall on, independent of DateStyle: "2024-01-31", and
 *		"4714-11-23TBC" before year 1 (no space: fields are space-separated).
 */
static void
append_date(StringInfo buf, int64 day)
{
	struct pg_tm tm;
	char		tmp[MAXDATELEN + 1];

	if (!ENG_DAY_IS_VALID(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range in state value")));
	memset(&tm, 0, sizeof(tm));
	j2date((int) (day + POSTGRES_EPOCH_JDATE), &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	EncodeDateOnly(&tm, USE_ISO_DATES, tmp);
	for (char *c = tmp; *c; c++)
		if (*c == ' ')
			*c = 'T';
	appendStringInfoString(buf, tmp);
}

/*
 * parse_date
 *		Read what append_date writes (and nothing else), as days since
 *		2000-01-01; false when tok is not such a date.
 */
static bool
parse_date(const char *tok, int64 *day)
{
	size_t		n = strspn(tok, "0123456789");	/* year digits: timestamps reach 294276 AD */
	const char *rest = tok + n + 6;
	int			y,
				m,
				d;
	bool		bc;

	if (n < 4 || n > 6 || tok[n] != '-' || !isdigit((unsigned char) tok[n + 1]) ||
		!isdigit((unsigned char) tok[n + 2]) || tok[n + 3] != '-' ||
		!isdigit((unsigned char) tok[n + 4]) || !isdigit((unsigned char) tok[n + 5]))
		return false;
	bc = strcmp(rest, "TBC") == 0;
	if (*rest != '\0' && !bc)
		return false;
	y = atoi(tok);
	m = atoi(tok + n + 1);
	d = atoi(tok + n + 4);
	if (bc)
		y = -(y - 1);
	if (y < -4713 || m < 1 || m > 12 || d < 1 || d > day_tab[isleap(y)][m - 1])
		return false;
	*day = (int64) date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
	return ENG_DAY_IS_VALID(*day);
}

/*
 * field_ptr
 *		Address of one field of a state struct.
 */
static inline void *
field_ptr(const void *state, const EngField *f)
{
	return (char *) state + f->offset;
}

/*
 * eng_state_out
 *		Text form of a fixed-size state: "name=value name=value ...".
 */
char *
eng_state_out(const EngStateDesc *desc, const void *state)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < desc->nfields; i++)
	{
		const EngField *f = &desc->fields[i];

		if (i > 0)
			appendStringInfoChar(&buf, ' ');
		appendStringInfo(&buf, "%s=", f->name);
		switch (f->kind)
		{
			case ENG_F_INT64:
				appendStringInfo(&buf, INT64_FORMAT, *(int64 *) field_ptr(state, f));
				break;
			case ENG_F_FLOAT8:
				eng_append_float8(&buf, *(double *) field_ptr(state, f));
				break;
			case ENG_F_TIMESTAMPTZ:
				append_timestamptz_utc(&buf, *(TimestampTz *) field_ptr(state, f));
				break;
			case ENG_F_DATE:
				append_date(&buf, *(int64 *) field_ptr(state, f));
				break;
		}
	}
	return buf.data;
}

/*
 * bad_state_text
 *		The one error for malformed state text, with the expected shape.
 */
static void
bad_state_text(const EngStateDesc *desc, const char *str, const char *why)
{
	StringInfoData shape;

	initStringInfo(&shape);
	for (int i = 0; i < desc->nfields; i++)
		appendStringInfo(&shape, "%s%s=...", i ? " " : "", desc->fields[i].name);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", desc->type_name, str),
			 errdetail("%s", why),
			 errhint("A %s value looks like \"%s\"; it is best produced by the extension's own aggregates.",
					 desc->type_name, shape.data)));
}

/*
 * eng_state_alloc
 *		A zeroed state of the type desc describes, in ctx, with its varlena
 *		length and this library's layout version set.
 */
void *
eng_state_alloc(const EngStateDesc *desc, MemoryContext ctx)
{
	void	   *state = MemoryContextAllocZero(ctx, desc->size);

	eng_state_stamp(desc, state);
	return state;
}

/*
 * eng_state_stamp
 *		Set the header of a state built by copying fields from elsewhere (an
 *		aggregate's accumulator): its varlena length and layout version.
 */
void
eng_state_stamp(const EngStateDesc *desc, void *state)
{
	SET_VARSIZE(state, desc->size);
	((EngStateHeader *) state)->format = desc->format;
}

/*
 * eng_state_format_error
 *		A stored state this library cannot read (eng_state_arg): a layout
 *		version it does not know, written by another release, or a length that
 *		is no version's.
 */
void
eng_state_format_error(const EngStateDesc *desc, const void *state)
{
	if (VARSIZE(state) >= sizeof(EngStateHeader) &&
		((const EngStateHeader *) state)->format != desc->format)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("stored %s value has format version %d, which this library does not read",
						desc->type_name, ((const EngStateHeader *) state)->format),
				 errdetail("This library reads %s format version %d.", desc->type_name, desc->format),
				 errhint("The value was written by a newer release of the engagement extension: install that release's library.")));
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("stored %s value is %u bytes, expected %zu",
					desc->type_name, (unsigned) VARSIZE(state), desc->size),
			 errhint("The value is damaged or was not made by the engagement extension.")));
}

/*
 * eng_state_in
 *		Parse the text form written by eng_state_out: every field, in order,
 *		nothing else; then let the type validate the values.
 */
void *
eng_state_in(const EngStateDesc *desc, const char *str)
{
	void	   *state = eng_state_alloc(desc, CurrentMemoryContext);
	const char *p = str;

	for (int i = 0; i < desc->nfields; i++)
	{
		const EngField *f = &desc->fields[i];
		size_t		len = strlen(f->name);
		const char *end;
		char	   *tok;

		while (*p == ' ')
			p++;
		if (strncmp(p, f->name, len) != 0 || p[len] != '=')
			bad_state_text(desc, str, psprintf("expected field \"%s\"", f->name));
		p += len + 1;
		end = strchr(p, ' ');
		if (end == NULL)
			end = p + strlen(p);
		if (end == p)
			bad_state_text(desc, str, psprintf("field \"%s\" has no value", f->name));
		tok = pnstrdup(p, end - p);
		switch (f->kind)
		{
			case ENG_F_INT64:
				{
					char	   *e;
					long long	v;

					errno = 0;
					v = strtoll(tok, &e, 10);
					if (errno != 0 || *e != '\0')
						bad_state_text(desc, str, psprintf("field \"%s\" is not an integer", f->name));
					*(int64 *) field_ptr(state, f) = (int64) v;
					break;
				}
			case ENG_F_FLOAT8:
				{
					char	   *e;
					double		v = float8in_internal(tok, &e, desc->type_name, str, NULL);

					if (*e != '\0')
						bad_state_text(desc, str, psprintf("field \"%s\" is not a number", f->name));
					*(double *) field_ptr(state, f) = v;
					break;
				}
			case ENG_F_TIMESTAMPTZ:
				{
					TimestampTz ts;
					char	   *sep = strchr(tok, 'T');

					/*
					 * Accept only the ISO form we write, with an explicit UTC
					 * offset, so that no session setting (TimeZone, 'now')
					 * can change what a stored state means.
					 */
					if (!isdigit((unsigned char) tok[0]) || sep == NULL ||
						(strchr(sep, '+') == NULL && strchr(sep, '-') == NULL))
						bad_state_text(desc, str, psprintf("field \"%s\" is not an ISO timestamp with a UTC offset", f->name));
					for (char *c = tok; *c; c++)
						if (*c == 'T')
							*c = ' ';
					ts = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
																 CStringGetDatum(tok),
																 ObjectIdGetDatum(InvalidOid),
																 Int32GetDatum(-1)));
					if (TIMESTAMP_NOT_FINITE(ts))
						bad_state_text(desc, str, psprintf("field \"%s\" is not finite", f->name));
					*(TimestampTz *) field_ptr(state, f) = ts;
					break;
				}
			case ENG_F_DATE:
				if (!parse_date(tok, (int64 *) field_ptr(state, f)))
					bad_state_text(desc, str, psprintf("field \"%s\" is not an ISO date (YYYY-MM-DD)", f->name));
				break;
		}
		pfree(tok);
		p = end;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		bad_state_text(desc, str, "unexpected text after the last field");
	desc->validate(state);
	return state;
}

/*
 * eng_state_send
 *		Binary form: the layout version as one byte, then each field as an
 *		8-byte big-endian integer or IEEE double.
 */
bytea *
eng_state_send(const EngStateDesc *desc, const void *state)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, desc->format);
	for (int i = 0; i < desc->nfields; i++)
	{
		const EngField *f = &desc->fields[i];

		if (f->kind == ENG_F_FLOAT8)
			pq_sendfloat8(&buf, *(double *) field_ptr(state, f));
		else
			pq_sendint64(&buf, *(int64 *) field_ptr(state, f));
	}
	return pq_endtypsend(&buf);
}

/*
 * eng_state_recv
 *		Read the binary form, checking the format byte and the exact length
 *		before trusting any byte, then validate the values: the same domain
 *		as text input, so every value received prints and reads back (and
 *		pg_dump's output restores).
 */
void *
eng_state_recv(const EngStateDesc *desc, StringInfo buf)
{
	void	   *state;
	int			format;

	if (buf->len - buf->cursor != 1 + 8 * desc->nfields)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: %d bytes, expected %d",
						desc->type_name, buf->len - buf->cursor, 1 + 8 * desc->nfields)));
	format = pq_getmsgbyte(buf);
	if (format != desc->format)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary %s format version %d", desc->type_name, format),
				 errdetail("This library reads %s format version %d.", desc->type_name, desc->format),
				 errhint("The value was written by another release of the engagement extension: load it with that release's library.")));
	state = eng_state_alloc(desc, CurrentMemoryContext);
	for (int i = 0; i < desc->nfields; i++)
	{
		const EngField *f = &desc->fields[i];

		if (f->kind == ENG_F_FLOAT8)
			*(double *) field_ptr(state, f) = pq_getmsgfloat8(buf);
		else
			*(int64 *) field_ptr(state, f) = pq_getmsgint64(buf);
		/* the domain of text input: finite and within the valid range */
		if (f->kind == ENG_F_TIMESTAMPTZ &&
			!IS_VALID_TIMESTAMP(*(TimestampTz *) field_ptr(state, f)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary %s: field \"%s\" is not a finite timestamp within the valid range",
							desc->type_name, f->name),
					 errhint("Timestamps run from 4714-11-24 00:00:00+00 BC to before 294277-01-01 00:00:00+00.")));
	}
	desc->validate(state);
	return state;
}

/*
 * eng_state_transition_general
 *		The state a transition function may update: a zeroed new one on the
 *		group's first row, the previous one in place inside an aggregate, and a
 *		copy when called as a plain function (inputs must not be modified).
 *		eng_state_transition (engagement.h) handles the per-row case inline.
 */
void *
eng_state_transition_general(FunctionCallInfo fcinfo, const EngStateDesc *desc)
{
	void	   *state;
	MemoryContext aggctx;
	bool		inagg;

	inagg = AggCheckCallContext(fcinfo, &aggctx) != 0;
	if (PG_ARGISNULL(0))
		return eng_state_alloc(desc, inagg ? aggctx : CurrentMemoryContext);
	if (inagg)
		return PG_GETARG_POINTER(0);
	state = eng_state_arg(fcinfo, 0, desc);
	return memcpy(palloc(desc->size), state, desc->size);
}

/*
 * eng_state_combine
 *		Combine function body of a fixed-size state: NULL sides mean "no rows",
 *		otherwise merge() folds the right state into (a writable) left one.
 */
Datum
eng_state_combine(FunctionCallInfo fcinfo, const EngStateDesc *desc,
				  void (*merge) (void *dst, const void *src))
{
	void	   *dst;
	const void *src;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	src = eng_state_arg(fcinfo, 1, desc);
	if (PG_ARGISNULL(0))
	{
		MemoryContext aggctx;

		if (AggCheckCallContext(fcinfo, &aggctx))
			dst = MemoryContextAlloc(aggctx, desc->size);
		else
			dst = palloc(desc->size);
		memcpy(dst, src, desc->size);
		PG_RETURN_POINTER(dst);
	}
	dst = eng_state_transition(fcinfo, desc);
	merge(dst, src);
	PG_RETURN_POINTER(dst);
}
