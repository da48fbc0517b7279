/*
 * partial.c
 *		partial_state: a concrete (non-internal) transition type that wraps the
 *		internal state of another aggregate of this extension, so that systems
 *		which move partial aggregates between servers as text can split our
 *		aggregates too.
 *
 * Why.  Citus (13.x) runs an aggregate grouped by something other than the
 * distribution column as worker_partial_agg on every worker and
 * coord_combine_agg on the coordinator only when the aggregate has a combine
 * function and a transition type that is not a pseudo-type: the workers print
 * their states with the type's output function and the coordinator reads them
 * back with its input function before combining.  Our aggregates keep their
 * states as "internal" (event buffers, span lists, fit moments), which Citus
 * cannot ship, so it pulls every row to the coordinator instead.  The *_dist
 * aggregates (sql/engagement.sql, "citus" section; their entry points and
 * the kinds of state they wrap are in src/dist.c) take the same arguments as
 * their originals and return the same results, but their transition type is
 * partial_state: the same internal state, reached through an expanded object.
 *
 * How.  A partial_state value is either
 *   - expanded (in memory, inside an aggregate): a header holding the kind of
 *	   the state and a pointer to the original internal state, which the
 *	   original transition and combine functions update in place (so a row costs
 *	   what it costs the original aggregate); or
 *   - flat: a varlena holding the kind byte and the bytes of the original
 *	   serialize function (the ones parallel query already uses).  Flattening
 *	   (tuple forming, the output function) serializes; combining or finishing a
 *	   flat value deserializes it, which checks it (22P03 on corrupt bytes).
 * The text form is "kind:hex".  The wrappers call the original support
 * functions directly with the caller's fcinfo, so they see the same
 * aggregate context and argument types.
 *
 * Flattening happens outside any function call of the aggregate (when a tuple
 * is formed), yet the serialize functions insist on an aggregate context; it
 * is given a minimal one (partial_call_context) whose only content is the
 * memory context to allocate in.
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "nodes/execnodes.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "engagement.h"
#include "partial.h"


/* the expanded form */
typedef struct PartialState
{
	ExpandedObjectHeader hdr;
	int			kind;
	Datum		inner;			/* the original aggregate's internal state */
	bytea	   *flat;			/* its serialization, cached until the next update */
} PartialState;

/* the flat form: varlena header, kind byte, the kind's serialized bytes */
#define PARTIAL_FLAT_HDR (VARHDRSZ + 1)

static Size partial_get_flat_size(ExpandedObjectHeader *eohptr);
static void partial_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods partial_methods = {
	partial_get_flat_size,
	partial_flatten_into
};

PG_FUNCTION_INFO_V1(partial_state_in);
PG_FUNCTION_INFO_V1(partial_state_out);
PG_FUNCTION_INFO_V1(partial_state_recv);
PG_FUNCTION_INFO_V1(partial_state_send);
PG_FUNCTION_INFO_V1(partial_state_combine);

/*
 * partial_call_context
 *		A minimal aggregate call context whose aggregate memory context is cxt:
 *		enough for a support function's AggCheckCallContext, for the calls made
 *		outside the aggregate (flattening, reading a flat value).
 */
static Node *
partial_call_context(MemoryContext cxt)
{
	AggState   *as = makeNode(AggState);
	ExprContext *ec = makeNode(ExprContext);

	ec->ecxt_per_tuple_memory = cxt;
	as->curaggcontext = ec;
	return (Node *) as;
}

/*
 * partial_call
 *		Call an original support function with one or two arguments, in the
 *		given call context, with the caller's flinfo (argument types, caches) or
 *		none (the serialize and deserialize functions use none).
 */
static Datum
partial_call(PGFunction fn, FunctionCallInfo caller, Node *context, int nargs,
			 Datum a0, bool n0, Datum a1, bool n1, bool *isnull)
{
	LOCAL_FCINFO(call, 2);
	Datum		result;

	InitFunctionCallInfoData(*call, caller ? caller->flinfo : NULL, nargs,
							 caller ? caller->fncollation : InvalidOid, context, NULL);
	call->args[0].value = a0;
	call->args[0].isnull = n0;
	if (nargs > 1)
	{
		call->args[1].value = a1;
		call->args[1].isnull = n1;
	}
	result = fn(call);
	*isnull = call->isnull;
	return result;
}

/*
 * partial_new
 *		A new expanded partial_state of a kind around an internal state, in a
 *		child of the aggregate context (nodeAgg and Citus then keep it in place
 *		instead of copying it after every row).
 */
static PartialState *
partial_new(MemoryContext aggctx, int kind, Datum inner)
{
	MemoryContext cxt = AllocSetContextCreate(aggctx, "partial_state", ALLOCSET_SMALL_SIZES);
	PartialState *ps = MemoryContextAllocZero(cxt, sizeof(PartialState));

	EOH_init_header(&ps->hdr, &partial_methods, cxt);
	ps->kind = kind;
	ps->inner = inner;
	return ps;
}

/*
 * partial_check_kind
 *		A kind byte read from outside (a flat value, text) must name a kind.
 */
static int
partial_check_kind(int kind)
{
	if (kind < 0 || kind >= partial_nkinds)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid partial_state: unknown state kind %d", kind),
				 errhint("A partial_state is made by a *_dist aggregate of the same engagement version.")));
	return kind;
}

/*
 * partial_arg
 *		Argument argno as an expanded partial_state: the value itself when it is
 *		expanded, otherwise a new one read from the flat bytes through the kind's
 *		own checks.  The bytes are deserialized in the new state's own memory
 *		context, both as current and as aggregate context: some deserialize
 *		functions build their state in the current (per-call) context, which a
 *		state kept across calls must not live in.
 */
static PartialState *
partial_arg(FunctionCallInfo fcinfo, int argno, MemoryContext aggctx)
{
	Datum		d = PG_GETARG_DATUM(argno);
	bytea	   *flat;
	bytea	   *payload;
	int			kind;
	Size		len;
	bool		isnull;
	PartialState *ps;
	MemoryContext old;

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		return (PartialState *) DatumGetEOHP(d);
	flat = PG_DETOAST_DATUM(d);
	if (VARSIZE(flat) < PARTIAL_FLAT_HDR)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid partial_state: %d bytes", (int) VARSIZE(flat)),
				 errhint("A partial_state is made by a *_dist aggregate of the same engagement version.")));
	kind = partial_check_kind((unsigned char) *VARDATA(flat));
	len = VARSIZE(flat) - PARTIAL_FLAT_HDR;
	payload = palloc(VARHDRSZ + len);
	SET_VARSIZE(payload, VARHDRSZ + len);
	memcpy(VARDATA(payload), VARDATA(flat) + 1, len);
	ps = partial_new(aggctx, kind, (Datum) 0);
	old = MemoryContextSwitchTo(ps->hdr.eoh_context);
	ps->inner = partial_call(partial_kinds[kind].deserialize, NULL, partial_call_context(ps->hdr.eoh_context), 2,
							 PointerGetDatum(payload), false, (Datum) 0, true, &isnull);
	MemoryContextSwitchTo(old);
	pfree(payload);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid partial_state: empty %s state", partial_kinds[kind].name),
				 errhint("A partial_state is made by a *_dist aggregate of the same engagement version.")));
	return ps;
}

/*
 * partial_serialized
 *		The kind's serialization of an expanded state (cached in its context).
 */
static bytea *
partial_serialized(PartialState *ps)
{
	if (ps->flat == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(ps->hdr.eoh_context);
		bool		isnull;
		Datum		b;

		b = partial_call(partial_kinds[ps->kind].serialize, NULL,
						 partial_call_context(ps->hdr.eoh_context), 1,
						 ps->inner, false, (Datum) 0, true, &isnull);
		ps->flat = isnull ? NULL : DatumGetByteaPP(b);
		MemoryContextSwitchTo(old);
		if (ps->flat == NULL)
			elog(ERROR, "serialize function of %s states returned NULL", partial_kinds[ps->kind].name);
	}
	return ps->flat;
}

/* expanded-object method: size of the flat form */
static Size
partial_get_flat_size(ExpandedObjectHeader *eohptr)
{
	return PARTIAL_FLAT_HDR + VARSIZE_ANY_EXHDR(partial_serialized((PartialState *) eohptr));
}

/* expanded-object method: write the flat form */
static void
partial_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	PartialState *ps = (PartialState *) eohptr;
	bytea	   *b = partial_serialized(ps);
	Size		len = VARSIZE_ANY_EXHDR(b);

	Assert(allocated_size == PARTIAL_FLAT_HDR + len);
	SET_VARSIZE(result, allocated_size);
	*((unsigned char *) VARDATA(result)) = (unsigned char) ps->kind;
	memcpy(VARDATA(result) + 1, VARDATA_ANY(b), len);
}

/*
 * partial_flat
 *		A flat partial_state from a kind byte and the bytes of the original
 *		serialize function, after checking them: they are deserialized (the
 *		family's own checks, 22P03 on corrupt bytes) in a scratch context.
 */
static bytea *
partial_flat(int kind, const char *bytes, Size len)
{
	MemoryContext scratch = AllocSetContextCreate(CurrentMemoryContext, "partial_state check",
												  ALLOCSET_SMALL_SIZES);
	MemoryContext old = MemoryContextSwitchTo(scratch);
	bytea	   *payload = palloc(VARHDRSZ + len);
	bytea	   *result;
	bool		isnull;

	SET_VARSIZE(payload, VARHDRSZ + len);
	memcpy(VARDATA(payload), bytes, len);
	(void) partial_call(partial_kinds[partial_check_kind(kind)].deserialize, NULL,
						partial_call_context(scratch), 2,
						PointerGetDatum(payload), false, (Datum) 0, true, &isnull);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(scratch);
	result = palloc(PARTIAL_FLAT_HDR + len);
	SET_VARSIZE(result, PARTIAL_FLAT_HDR + len);
	*((unsigned char *) VARDATA(result)) = (unsigned char) kind;
	memcpy(VARDATA(result) + 1, bytes, len);
	return result;
}

/*
 * partial_flat_text
 *		partial_flat for text input: bytes the kind's deserialize function
 *		rejects are a malformed text value (22P02), like any other.
 */
static bytea *
partial_flat_text(int kind, const char *bytes, Size len)
{
	MemoryContext cxt = CurrentMemoryContext;
	bytea	   *volatile result = NULL;

	PG_TRY();
	{
		result = partial_flat(kind, bytes, len);
	}
	PG_CATCH();
	{
		ErrorData  *e;

		MemoryContextSwitchTo(cxt);
		e = CopyErrorData();
		if (e->sqlerrcode != ERRCODE_INVALID_BINARY_REPRESENTATION)
			PG_RE_THROW();
		FlushErrorState();
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type partial_state: %s", e->message),
				 errhint("The bytes after the colon are a state as partial_state output prints it.")));
	}
	PG_END_TRY();
	return result;
}

/*
 * partial_state_in(cstring) -> partial_state
 *		"kind:hex" back to the flat form (checked by partial_flat_text).
 */
Datum
partial_state_in(PG_FUNCTION_ARGS)
{
	const char *s = PG_GETARG_CSTRING(0);
	const char *colon = strchr(s, ':');
	const char *hex;
	size_t		nhex;
	int			kind = -1;
	char	   *bytes;

	for (int f = 0; colon != NULL && f < partial_nkinds; f++)
		if (strlen(partial_kinds[f].name) == (size_t) (colon - s) &&
			strncmp(s, partial_kinds[f].name, colon - s) == 0)
			kind = f;
	hex = colon ? colon + 1 : "";
	nhex = strlen(hex);
	if (kind < 0 || nhex % 2 != 0 || strspn(hex, "0123456789abcdefABCDEF") != nhex)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type partial_state: \"%.40s\"", s),
				 errhint("The text form is the name of a state kind (such as rfm or funnel), a colon and hexadecimal bytes, as partial_state output prints it.")));
	bytes = palloc(nhex / 2 + 1);
	for (size_t i = 0; i < nhex; i += 2)
	{
		char		byte[3] = {hex[i], hex[i + 1], '\0'};

		bytes[i / 2] = (char) strtoul(byte, NULL, 16);
	}
	PG_RETURN_BYTEA_P(partial_flat_text(kind, bytes, nhex / 2));
}

/*
 * partial_state_recv(internal) -> partial_state
 *		Binary form: the kind byte, then the state's bytes (checked as by input).
 */
Datum
partial_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			kind;
	int			len;

	if (buf->len - buf->cursor < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary partial_state: no kind byte"),
				 errhint("A partial_state is made by a *_dist aggregate of the same engagement version.")));
	kind = pq_getmsgbyte(buf);
	len = buf->len - buf->cursor;
	PG_RETURN_BYTEA_P(partial_flat(kind, pq_getmsgbytes(buf, len), len));
}

/*
 * partial_state_send(partial_state) -> bytea
 *		Binary form: the flat value without its length word.
 */
Datum
partial_state_send(PG_FUNCTION_ARGS)
{
	bytea	   *flat = PG_GETARG_BYTEA_PP(0);
	bytea	   *result = palloc(VARHDRSZ + VARSIZE_ANY_EXHDR(flat));

	SET_VARSIZE(result, VARHDRSZ + VARSIZE_ANY_EXHDR(flat));
	memcpy(VARDATA(result), VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat));
	PG_RETURN_BYTEA_P(result);
}

/*
 * partial_state_out(partial_state) -> cstring
 *		"kind:hex" of the flat form (flattening an expanded value serializes it).
 */
Datum
partial_state_out(PG_FUNCTION_ARGS)
{
	bytea	   *flat = PG_GETARG_BYTEA_PP(0);
	const unsigned char *p = (const unsigned char *) VARDATA_ANY(flat);
	Size		len = VARSIZE_ANY_EXHDR(flat);
	StringInfoData buf;
	int			kind;

	if (len < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid partial_state: no kind byte"),
				 errhint("A partial_state is made by a *_dist aggregate of the same engagement version.")));
	kind = partial_check_kind(p[0]);
	initStringInfo(&buf);
	appendStringInfo(&buf, "%s:", partial_kinds[kind].name);
	for (Size i = 1; i < len; i++)
		appendStringInfo(&buf, "%02x", p[i]);
	PG_RETURN_CSTRING(buf.data);
}

/*
 * partial_invoke
 *		Call an original transition or final function in place of its wrapper:
 *		the same fcinfo (arguments, call context, flinfo: argument types and
 *		caches) with argument 0 replaced by the internal state wrapped in ps
 *		(NULL: none yet), which must be of the wrapper's kind.
 */
static Datum
partial_invoke(FunctionCallInfo fcinfo, PGFunction orig, PartialState *ps, int kind, const char *fn)
{
	NullableDatum arg0 = fcinfo->args[0];
	Datum		result;

	if (ps != NULL && ps->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s given a %s state", fn, partial_kinds[ps->kind].name),
				 errhint("Each *_dist aggregate reads only the states it makes.")));
	fcinfo->args[0].value = ps ? ps->inner : (Datum) 0;
	fcinfo->args[0].isnull = (ps == NULL);
	fcinfo->isnull = false;
	result = orig(fcinfo);
	fcinfo->args[0] = arg0;
	return result;
}

/*
 * partial_trans
 *		Transition of a *_dist aggregate: the original transition function
 *		applied to the wrapped internal state, with the row's arguments as they
 *		are.  The expanded state is returned as the same pointer every row.
 */
Datum
partial_trans(FunctionCallInfo fcinfo, PGFunction trans, int kind, const char *fn)
{
	NullableDatum arg0 = fcinfo->args[0];
	Node	   *context = fcinfo->context;
	MemoryContext aggctx;
	PartialState *ps;
	Datum		inner;
	bool		isnull;

	/*
	 * Called as a plain function: a new state, read from a flat copy of the
	 * input (which is never modified), in a minimal aggregate context.
	 */
	if (!AggCheckCallContext(fcinfo, &aggctx))
	{
		aggctx = CurrentMemoryContext;
		fcinfo->context = partial_call_context(aggctx);
		if (!arg0.isnull)
			fcinfo->args[0].value = PointerGetDatum(PG_DETOAST_DATUM(arg0.value));
	}
	ps = PG_ARGISNULL(0) ? NULL : partial_arg(fcinfo, 0, aggctx);
	inner = partial_invoke(fcinfo, trans, ps, kind, fn);
	isnull = fcinfo->isnull;
	fcinfo->args[0] = arg0;
	fcinfo->context = context;
	if (isnull)
	{
		if (ps == NULL)
			PG_RETURN_NULL();
		elog(ERROR, "transition function of %s returned NULL for a started state", fn);
	}
	if (ps == NULL)
		ps = partial_new(aggctx, kind, inner);
	ps->inner = inner;
	ps->flat = NULL;
	PG_RETURN_DATUM(EOHPGetRWDatum(&ps->hdr));
}

/*
 * partial_state_combine(partial_state, partial_state) -> partial_state
 *		Combine function of every *_dist aggregate: both sides read (flat ones
 *		deserialized), the original combine merges the right into the left.
 *		Not strict: a NULL side means "no rows".
 */
Datum
partial_state_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "partial_state_combine");
	PartialState *dst;
	PartialState *src;
	bool		isnull;
	Datum		inner;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(EOHPGetRWDatum(&partial_arg(fcinfo, 0, aggctx)->hdr));
	}
	src = partial_arg(fcinfo, 1, aggctx);
	if (PG_ARGISNULL(0))
	{
		/* a flat right side was just read into a new state: take it over */
		if (!VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(PG_GETARG_DATUM(1))))
			PG_RETURN_DATUM(EOHPGetRWDatum(&src->hdr));
		dst = partial_new(aggctx, src->kind, (Datum) 0);
		inner = partial_call(partial_kinds[src->kind].combine, fcinfo, fcinfo->context, 2,
							 (Datum) 0, true, src->inner, false, &isnull);
	}
	else
	{
		dst = partial_arg(fcinfo, 0, aggctx);
		if (dst->kind != src->kind)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot combine a %s partial_state with a %s one",
							partial_kinds[dst->kind].name, partial_kinds[src->kind].name),
					 errhint("Combine only states of the same *_dist aggregate.")));
		inner = partial_call(partial_kinds[src->kind].combine, fcinfo, fcinfo->context, 2,
							 dst->inner, false, src->inner, false, &isnull);
	}
	if (isnull)
		PG_RETURN_NULL();
	dst->inner = inner;
	dst->flat = NULL;
	PG_RETURN_DATUM(EOHPGetRWDatum(&dst->hdr));
}

/*
 * partial_final
 *		Final function of a *_dist aggregate: the original final function on the
 *		wrapped internal state (NULL state: the original's answer for no rows).
 */
Datum
partial_final(FunctionCallInfo fcinfo, PGFunction final, int kind, const char *fn)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, fn);

	return partial_invoke(fcinfo, final, PG_ARGISNULL(0) ? NULL : partial_arg(fcinfo, 0, aggctx), kind, fn);
}
