/*
 * funnel_options_parse.c
 *		The jsonb options of window_funnel, funnel_times and funnel_breakdown
 *		(1.1): parsed into an FoOptions with a 22023 error and hint for each
 *		bad key or value, and cached per call site so that the groups of one
 *		query parse them once.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "engagement.h"
#include "funnel_options.h"

/*
 * fo_bad_option
 *		The 22023 error for an options value that does not parse.
 */
pg_noreturn void
fo_bad_option(const char *msg, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid window_funnel options: %s", msg),
			 errhint("%s", hint)));
}

/*
 * fo_int
 *		A whole number from a jsonb scalar in [lo, hi], or the error 'what'.
 */
static int
fo_int(const JsonbValue *v, int lo, int hi, const char *what, const char *hint)
{
	Datum		num;
	int64		x;

	if (v->type != jbvNumeric)
		fo_bad_option(what, hint);
	/* compared as numerics first: 1e300 is out of range, not a bigint overflow */
	num = NumericGetDatum(v->val.numeric);
	if (DatumGetBool(DirectFunctionCall2(numeric_lt, num,
										 DirectFunctionCall1(int8_numeric, Int64GetDatum(lo)))) ||
		DatumGetBool(DirectFunctionCall2(numeric_gt, num,
										 DirectFunctionCall1(int8_numeric, Int64GetDatum(hi)))))
		fo_bad_option(what, hint);
	x = DatumGetInt64(DirectFunctionCall1(numeric_int8, num));
	if (DatumGetBool(DirectFunctionCall2(numeric_ne, num,
										 DirectFunctionCall1(int8_numeric, Int64GetDatum(x)))))
		fo_bad_option(what, hint);
	return (int) x;
}

/*
 * fo_interval
 *		A step window's interval string as microseconds; text that is no
 *		interval is the options' 22023 error with its hint, not interval_in's
 *		bare 22007 (only data errors are turned: anything else is re-thrown).
 */
static int64
fo_interval(const char *str, const char *hint)
{
	MemoryContext cxt = CurrentMemoryContext;
	Interval   *iv = NULL;

	PG_TRY();
	{
		iv = DatumGetIntervalP(DirectFunctionCall3(interval_in, CStringGetDatum(str),
												   ObjectIdGetDatum(InvalidOid),
												   Int32GetDatum(-1)));
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		if (ERRCODE_TO_CATEGORY(edata->sqlerrcode) != ERRCODE_DATA_EXCEPTION)
			PG_RE_THROW();
		FlushErrorState();
		fo_bad_option(psprintf("\"step_windows\" entry \"%s\" is not an interval", str), hint);
	}
	PG_END_TRY();
	return eng_interval_usecs(iv, "step window");
}

/*
 * fo_array_elem
 *		Element i of a jsonb array value (which the caller checked is an array).
 */
static JsonbValue *
fo_array_elem(const JsonbValue *arr, int i)
{
	return getIthJsonbValueFromContainer(arr->val.binary.data, i);
}

/*
 * fo_array_len
 *		Number of elements of a jsonb value that must be an array, or the error.
 */
static int
fo_array_len(const JsonbValue *v, const char *what, const char *hint)
{
	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		fo_bad_option(what, hint);
	return JsonContainerSize(v->val.binary.data);
}

/*
 * fo_parse
 *		Parse the options object of a group with nconds conditions: the last
 *		len(exclude) conditions are the exclusion events, the others the steps.
 */
void
fo_parse(Jsonb *jb, int nconds, int64 window, int textarg, FoOptions *o)
{
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken tok;
	JsonbValue *excl = NULL,
			   *gaps = NULL,
			   *attr = NULL,
			   *opt = NULL;

	memset(o, 0, sizeof(*o));
	o->window = window;
	o->textarg = textarg;
	if (!JB_ROOT_IS_OBJECT(jb))
		fo_bad_option("not a JSON object",
					  "Pass an object such as '{\"exclude\": [[1, 2]], \"first_time\": true}'::jsonb; '{}' is a plain funnel.");
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		char	   *key;

		if (tok != WJB_KEY)
			continue;
		key = pnstrdup(k.val.string.val, k.val.string.len);
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		if (strcmp(key, "exclude") == 0)
		{
			excl = palloc(sizeof(JsonbValue));
			*excl = v;
		}
		else if (strcmp(key, "step_windows") == 0)
		{
			gaps = palloc(sizeof(JsonbValue));
			*gaps = v;
		}
		else if (strcmp(key, "optional") == 0)
		{
			opt = palloc(sizeof(JsonbValue));
			*opt = v;
		}
		else if (strcmp(key, "attribution") == 0)
		{
			attr = palloc(sizeof(JsonbValue));
			*attr = v;
		}
		else if (strcmp(key, "first_time") == 0)
		{
			if (v.type != jbvBool)
				fo_bad_option("\"first_time\" must be true or false", "Write \"first_time\": true.");
			o->first_time = v.val.boolean;
		}
		else if (strcmp(key, "order") == 0)
		{
			if (v.type == jbvString && v.val.string.len == 3 &&
				memcmp(v.val.string.val, "any", 3) == 0)
				o->unordered = 1;
			else if (!(v.type == jbvString && v.val.string.len == 6 &&
					   memcmp(v.val.string.val, "strict", 6) == 0))
				fo_bad_option("\"order\" must be \"strict\" or \"any\"",
							  "\"any\" counts the steps done within the window in any order; \"strict\" (the default) needs them in step order.");
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown window_funnel option \"%s\"", key),
					 errhint("Valid options: " FO_OPTION_KEYS ".")));
	}

	if (excl)
		o->nexcl = fo_array_len(excl, "\"exclude\" must be an array of [from_step, to_step] pairs",
								"One pair per exclusion condition, which follow the steps: \"exclude\": [[1, 2]].");
	o->nsteps = nconds - o->nexcl;
	if (o->nsteps < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel has %d conditions but %d exclusions", nconds, o->nexcl),
				 errhint("Pass the step conditions first, then one condition per \"exclude\" pair.")));
	for (int e = 0; e < o->nexcl; e++)
	{
		JsonbValue *pair = fo_array_elem(excl, e);
		const char *hint = "Each pair names two steps, the first before the second: [1, 2] voids a chain with an exclusion event strictly between its steps 1 and 2.";

		if (fo_array_len(pair, "each \"exclude\" entry must be a [from_step, to_step] pair", hint) != 2)
			fo_bad_option("each \"exclude\" entry must be a [from_step, to_step] pair", hint);
		o->excl_from[e] = fo_int(fo_array_elem(pair, 0), 1, o->nsteps, "exclusion steps must be step numbers, from 1 to the number of steps", hint) - 1;
		o->excl_to[e] = fo_int(fo_array_elem(pair, 1), 1, o->nsteps, "exclusion steps must be step numbers, from 1 to the number of steps", hint) - 1;
		if (o->excl_from[e] >= o->excl_to[e])
			fo_bad_option("an exclusion's first step must come before its second", hint);
	}
	if (opt)
	{
		const char *hint = "List the step numbers a chain may skip, neither the first nor the last step: \"optional\": [2].";
		int			nopt = fo_array_len(opt, "\"optional\" must be an array of step numbers", hint);

		for (int k = 0; k < nopt; k++)
			o->optional |= 1u << (fo_int(fo_array_elem(opt, k), 2, o->nsteps - 1,
										 "optional steps must be step numbers between 2 and the number of steps minus 1",
										 hint) - 1);
		for (int e = 0; e < o->nexcl; e++)
			if (o->optional & ((1u << o->excl_from[e]) | (1u << o->excl_to[e])))
				fo_bad_option("an exclusion's steps cannot be optional",
							  "Name the required steps around the optional one: with step 2 optional, [1, 3] voids a chain with an exclusion event between its steps 1 and 3.");
	}
	if (gaps)
	{
		const char *hint = "Give one interval (or null) per pair of consecutive steps: \"step_windows\": [\"1 hour\", null].";

		if (fo_array_len(gaps, "\"step_windows\" must be an array", hint) != o->nsteps - 1)
			fo_bad_option("\"step_windows\" needs one entry per pair of consecutive steps", hint);
		for (int s = 1; s < o->nsteps; s++)
		{
			JsonbValue *g = fo_array_elem(gaps, s - 1);
			char	   *str;

			if (g->type == jbvNull)
				continue;
			if (g->type != jbvString)
				fo_bad_option("\"step_windows\" entries must be interval strings or null", hint);
			str = pnstrdup(g->val.string.val, g->val.string.len);
			o->gap[s] = fo_interval(str, hint);
		}
	}
	if (textarg == FO_TEXT_VALUE)
	{
		const char *hint = "Write \"attribution\": \"first_touch\" (the default), \"last_touch\" or a step number.";

		if (nconds > FO_MAX - 1)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("funnel_breakdown takes at most %d conditions", FO_MAX - 1),
					 errhint("Split the funnel.")));
		o->attribution = FO_FIRST_TOUCH;
		if (attr == NULL)
			;
		else if (attr->type == jbvString && attr->val.string.len == 11 &&
				 memcmp(attr->val.string.val, "first_touch", 11) == 0)
			o->attribution = FO_FIRST_TOUCH;
		else if (attr->type == jbvString && attr->val.string.len == 10 &&
				 memcmp(attr->val.string.val, "last_touch", 10) == 0)
			o->attribution = FO_LAST_TOUCH;
		else if (attr->type == jbvNumeric)
			o->attribution = fo_int(attr, 1, o->nsteps, "\"attribution\" step out of range", hint);
		else
			fo_bad_option("\"attribution\" must be \"first_touch\", \"last_touch\" or a step number", hint);
	}
	else if (attr != NULL)
		fo_bad_option("\"attribution\" is an option of funnel_breakdown",
					  "Call funnel_breakdown(window, options, ts, value, conditions...) for the value credited to the funnel.");
	if (o->unordered && textarg == FO_TEXT_VALUE)
		fo_bad_option("funnel_breakdown does not take \"order\": \"any\"",
					  "Attribution needs the ordered chain; drop \"order\".");
	if (o->optional && o->unordered)
		fo_bad_option("\"optional\" does not combine with \"order\": \"any\"",
					  "An unordered funnel counts the steps done in any order, so no step is skipped; drop \"optional\".");
	if (o->optional && textarg == FO_TEXT_VALUE)
		fo_bad_option("funnel_breakdown does not take \"optional\"",
					  "Credit the value with the funnel's required steps only, or read which steps were reached from funnel_times.");
	if (o->unordered && (o->nexcl > 0 || gaps != NULL || o->first_time))
		fo_bad_option("\"order\": \"any\" does not combine with exclude, step_windows or first_time",
					  "An unordered funnel has no step 1 and no consecutive steps; drop those options.");
}

/* the options last parsed at this call site, reused by the next group that passes the same bytes */
typedef struct FoParsed
{
	FoOptions	o;
	int32		nconds;
	int32		textarg;
	int64		window;
	Size		len;
	char		raw[FLEXIBLE_ARRAY_MEMBER];	/* the options' jsonb bytes */
} FoParsed;

/*
 * fo_parse_cached
 *		fo_parse for the first row of a group, through a per-query cache in the
 *		transition function's EngFnCache: groups of one query nearly always pass
 *		the same options, and parsing the jsonb of every group (with its
 *		allocations) cost more than scanning a short group's events.
 */
void
fo_parse_cached(FunctionCallInfo fcinfo, Jsonb *jb, int nconds, int64 window, int textarg,
				FoOptions *o)
{
	EngFnCache *c = eng_fn_cache(fcinfo);
	FoParsed   *p = (FoParsed *) c->user;
	Size		len = VARSIZE(jb);

	if (p != NULL && p->nconds == nconds && p->window == window && p->textarg == textarg &&
		p->len == len && memcmp(p->raw, jb, len) == 0)
	{
		*o = p->o;
		return;
	}
	fo_parse(jb, nconds, window, textarg, o);
	if (p == NULL || p->len < len)
	{
		if (p != NULL)
			pfree(p);
		p = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, offsetof(FoParsed, raw) + len);
		c->user = p;
	}
	p->o = *o;
	p->nconds = nconds;
	p->textarg = textarg;
	p->window = window;
	p->len = len;
	memcpy(p->raw, jb, len);
}
