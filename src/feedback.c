/*
 * feedback.c
 *		NPS and CSAT as aggregates over survey answers, each with a small
 *		mergeable state type (nps_state, csat_state) so that daily states stored
 *		in a materialized view roll up into weeks and months exactly.
 *
 * NPS: answers 0..10; promoters 9-10, passives 7-8, detractors 0-6;
 *		NPS = 100 * (promoters - detractors) / answers, in -100..100.
 * CSAT: answers 1..10 (1-5 by default); satisfied = answer >= satisfied_min
 *		(default 4, the usual "top-2-box" on a 1-5 scale);
 *		CSAT = 100 * satisfied / answers.
 */
#include "postgres.h"

#include "fmgr.h"

#include "engagement.h"

typedef struct NpsState
{
	EngStateHeader hdr;			/* varlena length and layout version */
	int64		promoters;
	int64		passives;
	int64		detractors;
} NpsState;

/* the stored layout of version 1 (INTERNALLENGTH VARIABLE, ALIGNMENT double) */
StaticAssertDecl(sizeof(NpsState) == 32, "nps_state layout changed: give it a new format version");

/* the NPS scale 0..10: promoters answer 9 or 10, passives 7 or 8, the rest detract */
#define NPS_MAX_SCORE 10
#define NPS_PROMOTER_MIN 9
#define NPS_PASSIVE_MIN 7

#define CSAT_MAX_SCORE 10
#define CSAT_DEFAULT_MIN 4

typedef struct CsatState
{
	EngStateHeader hdr;			/* varlena length and layout version */
	int64		satisfied_min;	/* threshold, 1..10; 0 only in a state with no answers */
	int64		count[CSAT_MAX_SCORE];	/* count[k-1] = answers equal to k */
} CsatState;

StaticAssertDecl(sizeof(CsatState) == 96, "csat_state layout changed: give it a new format version");

static void nps_validate(const void *state);
static void csat_validate(const void *state);

static const EngField nps_fields[] = {
	{"promoters", ENG_F_INT64, offsetof(NpsState, promoters)},
	{"passives", ENG_F_INT64, offsetof(NpsState, passives)},
	{"detractors", ENG_F_INT64, offsetof(NpsState, detractors)},
};

static const EngStateDesc nps_desc = {
	"nps_state", ENG_STATE_FORMAT, sizeof(NpsState), lengthof(nps_fields), nps_fields, nps_validate
};

#define CSAT_COUNT(k) {"n" #k, ENG_F_INT64, offsetof(CsatState, count) + ((k) - 1) * sizeof(int64)}
static const EngField csat_fields[] = {
	{"satisfied_min", ENG_F_INT64, offsetof(CsatState, satisfied_min)},
	CSAT_COUNT(1), CSAT_COUNT(2), CSAT_COUNT(3), CSAT_COUNT(4), CSAT_COUNT(5),
	CSAT_COUNT(6), CSAT_COUNT(7), CSAT_COUNT(8), CSAT_COUNT(9), CSAT_COUNT(10),
};

static const EngStateDesc csat_desc = {
	"csat_state", ENG_STATE_FORMAT, sizeof(CsatState), lengthof(csat_fields), csat_fields, csat_validate
};

ENG_STATE_IO_FUNCS(nps_state, nps_desc);
ENG_STATE_IO_FUNCS(csat_state, csat_desc);

PG_FUNCTION_INFO_V1(nps_agg_trans);
PG_FUNCTION_INFO_V1(nps_agg_combine);
PG_FUNCTION_INFO_V1(nps_value);
PG_FUNCTION_INFO_V1(nps_responses);
PG_FUNCTION_INFO_V1(csat_agg_trans);
PG_FUNCTION_INFO_V1(csat_agg_combine);
PG_FUNCTION_INFO_V1(csat_value);
PG_FUNCTION_INFO_V1(csat_mean);
PG_FUNCTION_INFO_V1(csat_responses);

/*
 * bad_state_value
 *		Error for a state whose text or binary input is well-formed but
 *		impossible (negative counts, a threshold out of range).
 */
static void
bad_state_value(const char *type_name, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s value: %s", type_name, why),
			 errhint("Build %s values with the extension's aggregates rather than by hand.", type_name)));
}

/*
 * nps_total
 *		Number of answers of an nps_state; 22003 if it does not fit a bigint.
 */
static int64
nps_total(const NpsState *s)
{
	return eng_add_count(eng_add_count(s->promoters, s->passives, "nps_state response count"),
						 s->detractors, "nps_state response count");
}

/*
 * nps_validate
 *		Counts must be non-negative, and so small that their total fits a
 *		bigint (nps() and responses() compute it; every add and merge keeps it so).
 */
static void
nps_validate(const void *state)
{
	const NpsState *s = state;

	if (s->promoters < 0 || s->passives < 0 || s->detractors < 0)
		bad_state_value("nps_state", "counts must not be negative");
	(void) nps_total(s);
}

/*
 * csat_total
 *		Number of answers of a csat_state; 22003 if it does not fit a bigint.
 */
static int64
csat_total(const CsatState *s)
{
	int64		n = 0;

	for (int k = 0; k < CSAT_MAX_SCORE; k++)
		n = eng_add_count(n, s->count[k], "csat_state response count");
	return n;
}

/*
 * csat_validate
 *		Counts must be non-negative with a total that fits a bigint, and the
 *		threshold within the scale (0 allowed only when there are no answers).
 */
static void
csat_validate(const void *state)
{
	const CsatState *s = state;
	int64		n;

	for (int k = 0; k < CSAT_MAX_SCORE; k++)
		if (s->count[k] < 0)
			bad_state_value("csat_state", "counts must not be negative");
	n = csat_total(s);
	if (s->satisfied_min < (n > 0 ? 1 : 0) || s->satisfied_min > CSAT_MAX_SCORE)
		bad_state_value("csat_state", "satisfied_min must be between 1 and 10");
}

/*
 * nps_agg_trans(nps_state, int) -> nps_state
 *		Transition: classify one 0..10 answer; NULL answers are skipped.
 */
Datum
nps_agg_trans(PG_FUNCTION_ARGS)
{
	NpsState   *s;
	int32		score;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	score = eng_arg_int32(fcinfo, 1);
	if (score < 0 || score > NPS_MAX_SCORE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("nps score must be between 0 and 10, not %d", score),
				 errhint("NPS answers are on the 0-10 scale; rescale or filter out other values.")));
	s = eng_state_transition(fcinfo, &nps_desc);
	(void) eng_add_count(nps_total(s), 1, "nps_state response count");
	if (score >= NPS_PROMOTER_MIN)
		s->promoters++;
	else if (score >= NPS_PASSIVE_MIN)
		s->passives++;
	else
		s->detractors++;
	PG_RETURN_POINTER(s);
}

/*
 * nps_merge_into
 *		Add the counts of src to dst, once their total is known to fit.
 */
static void
nps_merge_into(void *dst, const void *src)
{
	NpsState   *d = dst;
	const NpsState *s = src;

	(void) eng_add_count(nps_total(d), nps_total(s), "nps_state response count");
	d->promoters += s->promoters;
	d->passives += s->passives;
	d->detractors += s->detractors;
}

/*
 * nps_agg_combine(nps_state, nps_state) -> nps_state
 *		Combine function, and the transition of rollup(nps_state).
 */
Datum
nps_agg_combine(PG_FUNCTION_ARGS)
{
	return eng_state_combine(fcinfo, &nps_desc, nps_merge_into);
}

/*
 * nps_value(nps_state) -> float8
 *		NPS in -100..100; NULL when there were no answers.
 */
Datum
nps_value(PG_FUNCTION_ARGS)
{
	NpsState   *s = (NpsState *) eng_state_arg(fcinfo, 0, &nps_desc);
	int64		n = nps_total(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) (s->promoters - s->detractors) / (double) n);
}

/*
 * nps_responses(nps_state) -> bigint
 *		Number of answers counted.
 */
Datum
nps_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(nps_total((NpsState *) eng_state_arg(fcinfo, 0, &nps_desc)));
}

/*
 * csat_agg_trans(csat_state, int score [, int satisfied_min]) -> csat_state
 *		Transition: count one 1..10 answer under a threshold that must be the
 *		same for the whole group (default 4); NULL answers are skipped.
 */
Datum
csat_agg_trans(PG_FUNCTION_ARGS)
{
	CsatState  *s;
	int32		score;
	int32		min = CSAT_DEFAULT_MIN;

	if (PG_NARGS() > 2)
	{
		if (PG_ARGISNULL(2))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("csat satisfied_min must not be NULL"),
					 errhint("Pass the lowest answer that counts as satisfied, e.g. 4 on a 1-5 scale.")));
		min = PG_GETARG_INT32(2);
		if (min < 1 || min > CSAT_MAX_SCORE)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("csat satisfied_min must be between 1 and 10, not %d", min),
					 errhint("Pass the lowest answer that counts as satisfied, e.g. 4 on a 1-5 scale.")));
	}
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	score = eng_arg_int32(fcinfo, 1);
	if (score < 1 || score > CSAT_MAX_SCORE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("csat score must be between 1 and 10, not %d", score),
				 errhint("CSAT answers are on a 1-5 (or up to 1-10) scale; rescale or filter out other values.")));
	s = eng_state_transition(fcinfo, &csat_desc);
	if (s->satisfied_min == 0)
		s->satisfied_min = min;
	else if (s->satisfied_min != min)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("csat satisfied_min must be the same on every row of a group"),
				 errhint("Pass satisfied_min as a constant.")));
	(void) eng_add_count(csat_total(s), 1, "csat_state response count");
	s->count[score - 1]++;
	PG_RETURN_POINTER(s);
}

/*
 * csat_merge_into
 *		Add the counts of src to dst; both must use the same threshold, and
 *		their total must fit a bigint.
 */
static void
csat_merge_into(void *dst, const void *src)
{
	CsatState  *d = dst;
	const CsatState *s = src;

	if (d->satisfied_min == 0)
		d->satisfied_min = s->satisfied_min;
	else if (s->satisfied_min != 0 && s->satisfied_min != d->satisfied_min)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot roll up csat states with different satisfied_min (" INT64_FORMAT " and " INT64_FORMAT ")",
						Min(d->satisfied_min, s->satisfied_min),
						Max(d->satisfied_min, s->satisfied_min)),
				 errhint("Aggregate every period with the same satisfied_min.")));
	(void) eng_add_count(csat_total(d), csat_total(s), "csat_state response count");
	for (int k = 0; k < CSAT_MAX_SCORE; k++)
		d->count[k] += s->count[k];
}

/*
 * csat_agg_combine(csat_state, csat_state) -> csat_state
 *		Combine function, and the transition of rollup(csat_state).
 */
Datum
csat_agg_combine(PG_FUNCTION_ARGS)
{
	return eng_state_combine(fcinfo, &csat_desc, csat_merge_into);
}

/*
 * csat_totals
 *		Number of answers, of satisfied answers, and the sum of all answers.
 */
static int64
csat_totals(const CsatState *s, int64 *satisfied, double *sum)
{
	/* checked first: the satisfied answers are some of these, so fit too */
	int64		n = csat_total(s);

	*satisfied = 0;
	*sum = 0;
	for (int k = 1; k <= CSAT_MAX_SCORE; k++)
	{
		*sum += (double) k * (double) s->count[k - 1];
		if (k >= s->satisfied_min)
			*satisfied += s->count[k - 1];
	}
	return n;
}

/*
 * csat_value(csat_state) -> float8
 *		Percentage of satisfied answers, 0..100; NULL when there were none.
 */
Datum
csat_value(PG_FUNCTION_ARGS)
{
	int64		satisfied;
	double		sum;
	int64		n = csat_totals((CsatState *) eng_state_arg(fcinfo, 0, &csat_desc), &satisfied, &sum);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) satisfied / (double) n);
}

/*
 * csat_mean(csat_state) -> float8
 *		Mean answer, the other CSAT convention; NULL when there were none.
 */
Datum
csat_mean(PG_FUNCTION_ARGS)
{
	int64		satisfied;
	double		sum;
	int64		n = csat_totals((CsatState *) eng_state_arg(fcinfo, 0, &csat_desc), &satisfied, &sum);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sum / (double) n);
}

/*
 * csat_responses(csat_state) -> bigint
 *		Number of answers counted.
 */
Datum
csat_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(csat_total((CsatState *) eng_state_arg(fcinfo, 0, &csat_desc)));
}
