/*
 * rfm_segment.c
 *		Named RFM segments: the rfm_segment_map configuration table (its
 *		guard trigger protecting the built-in presets), rfm_segment,
 *		rfm_segment_cells and rfm_segment_check.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "engagement.h"
#include "rfm.h"

/* ---------- segments: rfm_segment_map, rfm_segment, customer_segment ---------- */

#define RFM_SEGMENT_NO_PURCHASES "Prospects"
#define RFM_SEGMENT_UNMATCHED "Others"

/* one row of rfm_segment_map: inclusive score ranges; fm = ceil((f + m) / 2) */
typedef struct RfmRule
{
	int32		lo[4];
	int32		hi[4];
	char	   *segment;
} RfmRule;

typedef struct RfmMap
{
	char	   *name;
	int			nrules;
	RfmRule    *rules;
} RfmMap;

/*
 * map_table_name
 *		The qualified name of rfm_segment_map: it lives in the schema of the
 *		calling function (the extension's schema, wherever it was installed or
 *		moved), never resolved through the caller's search_path.
 */
static char *
map_table_name(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);

	return psprintf("%s.rfm_segment_map", quote_identifier(get_namespace_name(nsp)));
}

/*
 * unknown_map
 *		The error for a map name without rules, listing the names that exist.
 */
static void
unknown_map(const char *table, const char *name)
{
	char	   *names = NULL;
	char	   *q = psprintf("SELECT pg_catalog.string_agg(DISTINCT map_name, ', ' ORDER BY map_name) FROM %s",
							 table);

	if (SPI_execute(q, true, 0) == SPI_OK_SELECT && SPI_processed == 1)
		names = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown rfm segment map \"%s\"", name),
			 errhint("Known maps: %s. Add rows to rfm_segment_map to define a new one.",
					 names ? names : "(none)")));
}

/*
 * load_map
 *		Read the rules of one map, in priority order, into mcxt.  An unknown
 *		(rule-less) map name is an error.
 */
static RfmMap *
load_map(FunctionCallInfo fcinfo, const char *name, MemoryContext mcxt)
{
	char	   *table = map_table_name(fcinfo);
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	RfmMap	   *map;
	char	   *q;

	args[0] = CStringGetTextDatum(name);
	q = psprintf("SELECT segment, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi FROM %s "
				 "WHERE map_name OPERATOR(pg_catalog.=) $1 ORDER BY priority", table);
	SPI_connect();
	if (SPI_execute_with_args(q, 1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading %s failed", table);
	if (SPI_processed == 0)
		unknown_map(table, name);
	if (SPI_processed > INT_MAX / sizeof(RfmRule))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("rfm segment map \"%s\" has too many rules", name)));
	map = MemoryContextAlloc(mcxt, sizeof(RfmMap));
	map->name = MemoryContextStrdup(mcxt, name);
	map->nrules = (int) SPI_processed;
	map->rules = MemoryContextAlloc(mcxt, map->nrules * sizeof(RfmRule));
	for (int i = 0; i < map->nrules; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		RfmRule    *rule = &map->rules[i];
		bool		isnull;

		rule->segment = MemoryContextStrdup(mcxt, SPI_getvalue(tup, desc, 1));
		for (int d = 0; d < 4; d++)
		{
			rule->lo[d] = DatumGetInt32(SPI_getbinval(tup, desc, 2 + 2 * d, &isnull));
			rule->hi[d] = DatumGetInt32(SPI_getbinval(tup, desc, 3 + 2 * d, &isnull));
		}
	}
	SPI_finish();
	return map;
}

/*
 * match_rule
 *		Index of the first rule (by priority) whose ranges hold r, f, m and
 *		fm = ceil((f + m) / 2); -1 when none does.
 */
static int
match_rule(const RfmMap *map, int32 r, int32 f, int32 m)
{
	int32		x[4] = {r, f, m, (f + m + 1) / 2};

	for (int i = 0; i < map->nrules; i++)
	{
		const RfmRule *rule = &map->rules[i];
		int			d;

		for (d = 0; d < 4; d++)
			if (x[d] < rule->lo[d] || x[d] > rule->hi[d])
				break;
		if (d == 4)
			return i;
	}
	return -1;
}

/*
 * text_arg
 *		A text argument that must not be NULL, as a C string.
 */
static char *
text_arg(FunctionCallInfo fcinfo, int i, const char *fn, const char *what)
{
	if (PG_ARGISNULL(i))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s %s must not be NULL", fn, what)));
	return text_to_cstring(PG_GETARG_TEXT_PP(i));
}

PG_FUNCTION_INFO_V1(rfm_segment);
PG_FUNCTION_INFO_V1(rfm_segment_cells);
PG_FUNCTION_INFO_V1(rfm_segment_check);
PG_FUNCTION_INFO_V1(rfm_segment_map_guard);

/*
 * rfm_segment(r int, f int, m int, map text) -> text
 *		The segment of the first rule of the map that matches; "Others" when
 *		none does; "Prospects" when r, f and m are all NULL (a customer without
 *		purchases).  The map is read once per query (cached in fn_extra), so
 *		edits to rfm_segment_map apply from the next statement on.
 */
Datum
rfm_segment(PG_FUNCTION_ARGS)
{
	char	   *name = text_arg(fcinfo, 3, "rfm_segment", "map");
	RfmMap	   *map = (RfmMap *) fcinfo->flinfo->fn_extra;
	int32		score[3];
	int			nnull = 0;
	int			i;

	if (map == NULL || strcmp(map->name, name) != 0)
	{
		map = load_map(fcinfo, name, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = map;
	}
	for (i = 0; i < 3; i++)
	{
		if (PG_ARGISNULL(i))
		{
			nnull++;
			continue;
		}
		score[i] = PG_GETARG_INT32(i);
		if (score[i] < 1 || score[i] > RFM_MAX_BINS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rfm_segment scores must be between 1 and %d, not %d",
							RFM_MAX_BINS, score[i]),
					 errhint("Compute the scores with rfm_score().")));
	}
	if (nnull == 3)
		PG_RETURN_TEXT_P(cstring_to_text(RFM_SEGMENT_NO_PURCHASES));
	if (nnull > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("rfm_segment r, f and m must be all non-NULL, or all NULL for a customer without purchases"),
				 errhint("Score all three from the same rfm_state.")));
	i = match_rule(map, score[0], score[1], score[2]);
	PG_RETURN_TEXT_P(cstring_to_text(i < 0 ? RFM_SEGMENT_UNMATCHED : map->rules[i].segment));
}

/*
 * enumerate_map
 *		The map and, for every cell (r, f, m) of 1..n, the index of its rule
 *		(-1 = unmatched), in r, f, m order: the common part of
 *		rfm_segment_cells and rfm_segment_check.
 */
static RfmMap *
enumerate_map(FunctionCallInfo fcinfo, const char *fn, int **cells, int *n)
{
	char	   *name = text_arg(fcinfo, 0, fn, "map");
	RfmMap	   *map;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s number of scores must not be NULL", fn)));
	*n = PG_GETARG_INT32(1);
	rfm_check_bins(*n, fn);
	map = load_map(fcinfo, name, CurrentMemoryContext);
	*cells = palloc(sizeof(int) * *n * *n * *n);
	for (int r = 1, c = 0; r <= *n; r++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int f = 1; f <= *n; f++)
			for (int m = 1; m <= *n; m++)
				(*cells)[c++] = match_rule(map, r, f, m);
	}
	return map;
}

/*
 * rfm_segment_cells(map text, n int) -> TABLE (r, f, m, segment)
 *		Every cell of the n x n x n score cube with the segment rfm_segment
 *		gives it: the map as a lookup table (join it to scored customers) and
 *		the 125-cell enumeration of a 1-5 map.
 */
Datum
rfm_segment_cells(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int		   *cells;
	int			n;
	RfmMap	   *map = enumerate_map(fcinfo, "rfm_segment_cells", &cells, &n);

	InitMaterializedSRF(fcinfo, 0);
	for (int r = 1, c = 0; r <= n; r++)
		for (int f = 1; f <= n; f++)
			for (int m = 1; m <= n; m++, c++)
			{
				Datum		values[4];
				bool		nulls[4] = {false, false, false, false};

				values[0] = Int32GetDatum(r);
				values[1] = Int32GetDatum(f);
				values[2] = Int32GetDatum(m);
				values[3] = CStringGetTextDatum(cells[c] < 0 ? RFM_SEGMENT_UNMATCHED :
												map->rules[cells[c]].segment);
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
	return (Datum) 0;
}

/*
 * rfm_segment_check(map text, n int) -> TABLE (problem, segment, r, f, m)
 *		The defects of a map over 1..n scores: one row per cell no rule
 *		matches ('unmatched cell', r, f, m; rfm_segment gives it "Others"),
 *		then one row per segment no cell can reach because rules of higher
 *		priority take all its cells ('unreachable segment').  No rows: the map
 *		covers every cell and every segment is used.
 */
Datum
rfm_segment_check(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int		   *cells;
	int			n;
	RfmMap	   *map = enumerate_map(fcinfo, "rfm_segment_check", &cells, &n);
	bool	   *used = palloc0(sizeof(bool) * map->nrules);

	InitMaterializedSRF(fcinfo, 0);
	for (int r = 1, c = 0; r <= n; r++)
		for (int f = 1; f <= n; f++)
			for (int m = 1; m <= n; m++, c++)
			{
				Datum		values[5];
				bool		nulls[5] = {false, false, false, false, false};

				if (cells[c] >= 0)
				{
					used[cells[c]] = true;
					continue;
				}
				values[0] = CStringGetTextDatum("unmatched cell");
				values[1] = CStringGetTextDatum(RFM_SEGMENT_UNMATCHED);
				values[2] = Int32GetDatum(r);
				values[3] = Int32GetDatum(f);
				values[4] = Int32GetDatum(m);
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
	for (int i = 0; i < map->nrules; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, true, true, true};
		bool		reached = false;

		/* a segment may have several rules: it is reachable if any is used */
		for (int j = 0; j < map->nrules; j++)
			if (used[j] && strcmp(map->rules[j].segment, map->rules[i].segment) == 0)
				reached = true;
		if (reached)
			continue;
		/* report each unreachable segment once, at its first rule */
		for (int j = 0; j < i && !reached; j++)
			reached = strcmp(map->rules[j].segment, map->rules[i].segment) == 0;
		if (reached)
			continue;
		values[0] = CStringGetTextDatum("unreachable segment");
		values[1] = CStringGetTextDatum(map->rules[i].segment);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * preset_read_only
 *		The error for writing, deleting or truncating built-in preset rows.
 */
static void
preset_read_only(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("the built-in rfm segment maps are read-only"),
			 errhint("Copy a preset under a new map name and edit the copy, for example INSERT INTO rfm_segment_map (map_name, priority, segment, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi) SELECT 'mine', priority, segment, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi FROM rfm_segment_map WHERE map_name = 'rfm_grid'.")));
}

/*
 * tuple_is_builtin
 *		The "builtin" column of an rfm_segment_map row.
 */
static bool
tuple_is_builtin(TriggerData *td, HeapTuple tup)
{
	TupleDesc	desc = td->tg_relation->rd_att;
	bool		isnull;
	Datum		d = heap_getattr(tup, SPI_fnumber(desc, "builtin"), desc, &isnull);

	return !isnull && DatumGetBool(d);
}

/*
 * refuse_preset_name
 *		A user row under the name of a built-in preset would join the preset
 *		(and, with a smaller priority, override it in every rfm_segment call):
 *		refused, whether inserted or renamed into it.
 */
static void
refuse_preset_name(TriggerData *td, HeapTuple tup)
{
	Relation	rel = td->tg_relation;
	bool		isnull;
	Datum		name = heap_getattr(tup, SPI_fnumber(rel->rd_att, "map_name"), rel->rd_att, &isnull);
	Oid			argtypes[1] = {TEXTOID};
	char	   *q;
	bool		taken;

	if (isnull)
		return;					/* the NOT NULL constraint reports it */
	q = psprintf("SELECT FROM %s WHERE map_name OPERATOR(pg_catalog.=) $1 AND builtin LIMIT 1",
				 quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
											RelationGetRelationName(rel)));
	SPI_connect();
	if (SPI_execute_with_args(q, 1, argtypes, &name, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "reading %s failed", RelationGetRelationName(rel));
	taken = SPI_processed > 0;
	SPI_finish();
	if (taken)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("map name \"%s\" belongs to a built-in rfm segment map", TextDatumGetCString(name)),
				 errhint("The presets are immutable and take no rows of yours; give your map its own name.")));
}

/*
 * rfm_segment_map_guard() -> trigger
 *		Keeps the built-in presets immutable (BEFORE INSERT/UPDATE/DELETE per
 *		row, BEFORE TRUNCATE): their rows are recreated by CREATE EXTENSION and
 *		left out of pg_dump, so an edit to them would silently vanish on
 *		restore, and a user row added under a preset's name would change what
 *		every rfm_segment call with that map returns (and be dumped).  Only
 *		this extension's own install or update script may write builtin rows;
 *		users copy a preset under a new map name instead.  Called other than
 *		as a trigger it raises 0A000.
 */
Datum
rfm_segment_map_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	HeapTuple	newtup;
	bool		own_script;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("rfm_segment_map_guard can only be called as a trigger"),
				 errhint("It keeps the built-in rows of rfm_segment_map read-only; there is nothing to call it for.")));
	own_script = creating_extension &&
		CurrentExtensionObject == get_extension_oid("engagement", true);
	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		if (!own_script)
			preset_read_only();
		return PointerGetDatum(NULL);
	}
	newtup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple :
		TRIGGER_FIRED_BY_INSERT(td->tg_event) ? td->tg_trigtuple : NULL;
	if (own_script)
		return PointerGetDatum(newtup ? newtup : td->tg_trigtuple);
	if (tuple_is_builtin(td, td->tg_trigtuple) || (newtup && tuple_is_builtin(td, newtup)))
		preset_read_only();
	if (newtup)
		refuse_preset_name(td, newtup);
	return PointerGetDatum(newtup ? newtup : td->tg_trigtuple);
}
