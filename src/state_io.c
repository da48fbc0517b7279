/*
 * state_io.c
 *		The byte and text forms every state shares: reading serialised
 *		aggregate states, and the generic text/binary I/O of the small
 *		fixed-size state types (decay_state, nps_state, csat_state, rfm_state...)
 *		described by an EngStateDesc, with their format versions.
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
 * eng_forged_state
 *		The error for a state that parsed but holds what no transition function
 *		of aggregate fn makes (parameters out of range, a forged customer row):
 *		a partial_state or parallel worker's bytes are untrusted input, checked
 *		again by the final function that would use them.
 */
void
eng_forged_state(const char *fn, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid %s state: %s", fn, why),
			 errhint("The state was not made by %s's transition function (a forged or damaged partial state); aggregate the rows again.", fn)));
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
