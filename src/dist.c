/*
 * dist.c
 *		The *_dist aggregates: which internal states partial_state wraps (the
 *		kinds) and one entry point per original transition or final function.
 *
 * A *_dist aggregate (sql/engagement.sql, "citus" and "dist" sections) takes
 * the arguments of its original and returns its result, with partial_state as
 * its transition type so that Citus can run it as partial aggregates on its
 * workers (src/partial.c says how).  Its transition function is
 * <original transition>_partial and its final function
 * <original final>_partial, both defined here by one macro line; the SQL
 * declarations pair them exactly as the original aggregate pairs the
 * originals (sql/dist.sql checks this from the catalog).
 *
 * Which aggregates have a *_dist form (README "Many machines: Citus"): those
 * whose typical query groups by something other than the customer (a global
 * RFM, a fit per cohort, active users per day).  Per-customer aggregates
 * (paths, next nodes, transitions, lifecycles, summaries) are pushed down whole
 * when the table is distributed by customer and need none.
 */
#include "postgres.h"

#include "engagement.h"
#include "partial.h"

/* combine, serialize and deserialize functions of the wrapped states */
extern Datum rfm_acc_combine(PG_FUNCTION_ARGS);
extern Datum rfm_acc_serialize(PG_FUNCTION_ARGS);
extern Datum rfm_acc_deserialize(PG_FUNCTION_ARGS);
extern Datum decay_acc_combine(PG_FUNCTION_ARGS);
extern Datum decay_acc_serialize(PG_FUNCTION_ARGS);
extern Datum decay_acc_deserialize(PG_FUNCTION_ARGS);
extern Datum event_buffer_combine(PG_FUNCTION_ARGS);
extern Datum event_buffer_serialize(PG_FUNCTION_ARGS);
extern Datum event_buffer_deserialize(PG_FUNCTION_ARGS);
extern Datum retention_bits_combine(PG_FUNCTION_ARGS);
extern Datum retention_bits_serialize(PG_FUNCTION_ARGS);
extern Datum retention_bits_deserialize(PG_FUNCTION_ARGS);
extern Datum btyd_fit_combine(PG_FUNCTION_ARGS);
extern Datum btyd_fit_serialize(PG_FUNCTION_ARGS);
extern Datum btyd_fit_deserialize(PG_FUNCTION_ARGS);
extern Datum activity_combine(PG_FUNCTION_ARGS);
extern Datum activity_serialize(PG_FUNCTION_ARGS);
extern Datum activity_deserialize(PG_FUNCTION_ARGS);

/*
 * The kinds, in kind-byte order (append only).  The fits and their standard
 * errors share a binary form but are separate kinds, so that a final function
 * only ever gets the state its own transition function made.  The timestamp
 * and bigint-clock forms of a family share one kind: the same event buffer.
 */
enum
{
	PK_RFM,
	PK_DECAY,
	PK_SESSIONS,
	PK_FUNNEL,
	PK_SEQUENCE,
	PK_RETENTION,
	PK_BGNBD,
	PK_GAMMA_GAMMA,
	PK_PARETO_NBD,
	PK_MBGNBD,
	PK_BGNBD_SE,
	PK_GAMMA_GAMMA_SE,
	PK_PARETO_NBD_SE,
	PK_MBGNBD_SE,
	PK_SBG,
	PK_SBG_SE,
	PK_BGBB,
	PK_BGBB_SE,
	PK_ACTIVE_USERS,
	PK_STICKINESS,
	PK_KAPLAN_MEIER
};

#define EVENT_BUFFER event_buffer_combine, event_buffer_serialize, event_buffer_deserialize
#define BTYD_FIT btyd_fit_combine, btyd_fit_serialize, btyd_fit_deserialize
#define ACTIVITY activity_combine, activity_serialize, activity_deserialize

const PartialKind partial_kinds[] = {
	[PK_RFM] = {"rfm", rfm_acc_combine, rfm_acc_serialize, rfm_acc_deserialize},
	[PK_DECAY] = {"decay", decay_acc_combine, decay_acc_serialize, decay_acc_deserialize},
	[PK_SESSIONS] = {"sessions", EVENT_BUFFER},
	[PK_FUNNEL] = {"funnel", EVENT_BUFFER},
	[PK_SEQUENCE] = {"sequence", EVENT_BUFFER},
	[PK_RETENTION] = {"retention", retention_bits_combine, retention_bits_serialize, retention_bits_deserialize},
	[PK_BGNBD] = {"bgnbd", BTYD_FIT},
	[PK_GAMMA_GAMMA] = {"gamma_gamma", BTYD_FIT},
	[PK_PARETO_NBD] = {"pareto_nbd", BTYD_FIT},
	[PK_MBGNBD] = {"mbgnbd", BTYD_FIT},
	[PK_BGNBD_SE] = {"bgnbd_se", BTYD_FIT},
	[PK_GAMMA_GAMMA_SE] = {"gamma_gamma_se", BTYD_FIT},
	[PK_PARETO_NBD_SE] = {"pareto_nbd_se", BTYD_FIT},
	[PK_MBGNBD_SE] = {"mbgnbd_se", BTYD_FIT},
	[PK_SBG] = {"sbg", BTYD_FIT},
	[PK_SBG_SE] = {"sbg_se", BTYD_FIT},
	[PK_BGBB] = {"bgbb", BTYD_FIT},
	[PK_BGBB_SE] = {"bgbb_se", BTYD_FIT},
	[PK_ACTIVE_USERS] = {"active_users", ACTIVITY},
	[PK_STICKINESS] = {"stickiness", ACTIVITY},
	[PK_KAPLAN_MEIER] = {"kaplan_meier", EVENT_BUFFER},
};

const int	partial_nkinds = lengthof(partial_kinds);

/* RFM: float8, integer and numeric amounts, fixed or calendar days, rollups */
PARTIAL_TRANS(rfm_agg_trans, PK_RFM, "rfm_agg_dist")
PARTIAL_TRANS(rfm_agg_zone_trans, PK_RFM, "rfm_agg_dist")
PARTIAL_TRANS(rfm_rollup_trans, PK_RFM, "rollup_dist")
PARTIAL_FINAL(rfm_acc_final, PK_RFM, "rfm_agg_dist")

/* decay scores: float8, integer and numeric weights, rollups */
PARTIAL_TRANS(decay_agg_trans, PK_DECAY, "decay_agg_dist")
PARTIAL_TRANS(decay_rollup_trans, PK_DECAY, "rollup_dist")
PARTIAL_FINAL(decay_acc_final, PK_DECAY, "decay_agg_dist")

/* sessions */
PARTIAL_TRANS(session_stats_trans, PK_SESSIONS, "session_stats_dist")
PARTIAL_FINAL(session_stats_final, PK_SESSIONS, "session_stats_dist")

/* funnels: timestamp and bigint clocks, with and without modes */
PARTIAL_TRANS(window_funnel_trans, PK_FUNNEL, "window_funnel_dist")
PARTIAL_TRANS(window_funnel_modes11_trans, PK_FUNNEL, "window_funnel_dist")
PARTIAL_TRANS(window_funnel_int_trans, PK_FUNNEL, "window_funnel_dist")
PARTIAL_TRANS(window_funnel_int_modes11_trans, PK_FUNNEL, "window_funnel_dist")
PARTIAL_FINAL(window_funnel_final, PK_FUNNEL, "window_funnel_dist")
PARTIAL_FINAL(funnel_times_final, PK_FUNNEL, "funnel_times_dist")
PARTIAL_FINAL(funnel_times_int_final, PK_FUNNEL, "funnel_times_dist")

/* sequences: timestamp and bigint clocks */
PARTIAL_TRANS(sequence_trans, PK_SEQUENCE, "sequence_dist")
PARTIAL_TRANS(sequence_int_trans, PK_SEQUENCE, "sequence_dist")
PARTIAL_FINAL(sequence_match_final, PK_SEQUENCE, "sequence_match_dist")
PARTIAL_FINAL(sequence_count_final, PK_SEQUENCE, "sequence_count_dist")

/* retention */
PARTIAL_TRANS(retention_trans, PK_RETENTION, "retention_dist")
PARTIAL_FINAL(retention_final, PK_RETENTION, "retention_dist")

/* BG/NBD, Gamma-Gamma, Pareto/NBD, MBG/NBD fits and their standard errors */
PARTIAL_TRANS(bgnbd_fit_trans, PK_BGNBD, "bgnbd_fit_dist")
PARTIAL_FINAL(bgnbd_fit_final, PK_BGNBD, "bgnbd_fit_dist")
PARTIAL_TRANS(gamma_gamma_fit_trans, PK_GAMMA_GAMMA, "gamma_gamma_fit_dist")
PARTIAL_FINAL(gamma_gamma_fit_final, PK_GAMMA_GAMMA, "gamma_gamma_fit_dist")
PARTIAL_TRANS(pareto_nbd_fit_trans, PK_PARETO_NBD, "pareto_nbd_fit_dist")
PARTIAL_FINAL(pareto_nbd_fit_final, PK_PARETO_NBD, "pareto_nbd_fit_dist")
PARTIAL_TRANS(mbgnbd_fit_trans, PK_MBGNBD, "mbgnbd_fit_dist")
PARTIAL_FINAL(mbgnbd_fit_final, PK_MBGNBD, "mbgnbd_fit_dist")
PARTIAL_TRANS(bgnbd_se_trans, PK_BGNBD_SE, "bgnbd_standard_errors_dist")
PARTIAL_FINAL(bgnbd_se_final, PK_BGNBD_SE, "bgnbd_standard_errors_dist")
PARTIAL_TRANS(gamma_gamma_se_trans, PK_GAMMA_GAMMA_SE, "gamma_gamma_standard_errors_dist")
PARTIAL_FINAL(gamma_gamma_se_final, PK_GAMMA_GAMMA_SE, "gamma_gamma_standard_errors_dist")
PARTIAL_TRANS(pareto_nbd_se_trans, PK_PARETO_NBD_SE, "pareto_nbd_standard_errors_dist")
PARTIAL_FINAL(pareto_nbd_se_final, PK_PARETO_NBD_SE, "pareto_nbd_standard_errors_dist")
PARTIAL_TRANS(mbgnbd_se_trans, PK_MBGNBD_SE, "mbgnbd_standard_errors_dist")
PARTIAL_FINAL(mbgnbd_se_final, PK_MBGNBD_SE, "mbgnbd_standard_errors_dist")

/* sBG and BG/BB fits and their standard errors */
PARTIAL_TRANS(sbg_fit_trans, PK_SBG, "sbg_fit_dist")
PARTIAL_FINAL(sbg_fit_final, PK_SBG, "sbg_fit_dist")
PARTIAL_TRANS(sbg_se_trans, PK_SBG_SE, "sbg_standard_errors_dist")
PARTIAL_FINAL(sbg_se_final, PK_SBG_SE, "sbg_standard_errors_dist")
PARTIAL_TRANS(bgbb_fit_trans, PK_BGBB, "bgbb_fit_dist")
PARTIAL_FINAL(bgbb_fit_final, PK_BGBB, "bgbb_fit_dist")
PARTIAL_TRANS(bgbb_se_trans, PK_BGBB_SE, "bgbb_standard_errors_dist")
PARTIAL_FINAL(bgbb_se_final, PK_BGBB_SE, "bgbb_standard_errors_dist")

/* active users, stickiness, Kaplan-Meier survival */
PARTIAL_TRANS(active_users_trans, PK_ACTIVE_USERS, "active_users_dist")
PARTIAL_FINAL(active_users_final, PK_ACTIVE_USERS, "active_users_dist")
PARTIAL_TRANS(stickiness_trans, PK_STICKINESS, "stickiness_dist")
PARTIAL_FINAL(stickiness_final, PK_STICKINESS, "stickiness_dist")
PARTIAL_TRANS(kaplan_meier_trans, PK_KAPLAN_MEIER, "kaplan_meier_dist")
PARTIAL_FINAL(kaplan_meier_final, PK_KAPLAN_MEIER, "kaplan_meier_dist")
