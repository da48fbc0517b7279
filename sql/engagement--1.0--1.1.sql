-- engagement 1.0 -> 1.1 upgrade script.
--
-- Every SQL object that 1.1 adds or changes after the frozen 1.0 release
-- (sql/engagement--1.0.sql, never edited) reaches a 1.0 database through this file,
-- exactly as sql/engagement.sql (the source of a fresh 1.1 install) defines it; the
-- upgrade test (test/upgrade) requires the updated catalog to equal a fresh install's.
-- Stored values are never rewritten here.

\echo Use "ALTER EXTENSION engagement UPDATE TO '1.1'" to load this file. \quit

-- ==== retention ====
-- calendar forms (1.1): periods are date_trunc(unit, ts, zone) in the zone given, whatever
-- the session's TimeZone; unit is hour, day, week, month, quarter or year
CREATE FUNCTION retention_periods_trans(internal, timestamptz, timestamptz, text, integer, text)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'retention_periods_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION retention_periods_trans(internal, timestamptz, timestamptz, text, integer, text) IS
	'transition function of calendar retention_periods: mark the calendar period after first_seen''s that ts falls in';
CREATE AGGREGATE retention_periods(first_seen timestamptz, ts timestamptz, unit text, n integer, tz text) (
	SFUNC = retention_periods_trans, STYPE = internal, FINALFUNC = retention_periods_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = retention_bits_combine, SERIALFUNC = retention_bits_serialize,
	DESERIALFUNC = retention_bits_deserialize, SSPACE = 48, PARALLEL = SAFE
);
COMMENT ON AGGREGATE retention_periods(timestamptz, timestamptz, text, integer, text) IS
	'cohort retention of one customer in calendar periods: element k+1 = 1 if active in the k-th period (unit, zone) after the one holding first_seen';

CREATE FUNCTION lifecycle_trans(internal, timestamptz, text, timestamptz, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'lifecycle_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION lifecycle_trans(internal, timestamptz, text, timestamptz, text) IS
	'transition function of calendar lifecycle: buffer the calendar period of each event at or before as_of';
CREATE AGGREGATE lifecycle(ts timestamptz, unit text, as_of timestamptz, tz text) (
	SFUNC = lifecycle_trans, STYPE = internal, FINALFUNC = lifecycle_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE lifecycle(timestamptz, text, timestamptz, text) IS
	'PostHog lifecycle of one customer in calendar periods (unit, zone): (period_start, status) up to as_of''s period';


-- ==== rfm (btyd) ====
-- calendar form (1.1): purchase days are calendar days in the zone given
CREATE FUNCTION btyd_summary_trans(internal, timestamptz, float8, timestamptz, interval, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_summary_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_trans(internal, timestamptz, float8, timestamptz, interval, text) IS
	'transition function of calendar btyd_summary: buffers one purchase under its local day';
CREATE AGGREGATE btyd_summary(ts timestamptz, amount float8, calibration_end timestamptz, period interval, tz text) (
	SFUNC = btyd_summary_trans, STYPE = internal, FINALFUNC = btyd_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE btyd_summary(timestamptz, float8, timestamptz, interval, text) IS
	'per-customer BTYD summary (x, t_x, t, monetary) with purchase days the calendar days of zone tz, t_x and t from local midnights';
CREATE FUNCTION btyd_summary_trans(internal, timestamptz, integer, timestamptz, interval, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_summary_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_trans(internal, timestamptz, integer, timestamptz, interval, text) IS
	'transition function of calendar btyd_summary with an integer amount';
CREATE AGGREGATE btyd_summary(ts timestamptz, amount integer, calibration_end timestamptz, period interval, tz text) (
	SFUNC = btyd_summary_trans, STYPE = internal, FINALFUNC = btyd_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE btyd_summary(timestamptz, integer, timestamptz, interval, text) IS
	'calendar btyd_summary with an integer amount (exact-type overload)';
CREATE FUNCTION btyd_summary_trans(internal, timestamptz, numeric, timestamptz, interval, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_summary_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_trans(internal, timestamptz, numeric, timestamptz, interval, text) IS
	'transition function of calendar btyd_summary with a numeric amount';
CREATE AGGREGATE btyd_summary(ts timestamptz, amount numeric, calibration_end timestamptz, period interval, tz text) (
	SFUNC = btyd_summary_trans, STYPE = internal, FINALFUNC = btyd_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE btyd_summary(timestamptz, numeric, timestamptz, interval, text) IS
	'calendar btyd_summary with a numeric amount (exact-type overload)';

-- ==== pareto ====
-- Pareto/NBD and MBG/NBD (pareto_nbd.c, mbgnbd.c), penalized fits, standard errors

CREATE TYPE pareto_nbd_model AS (r float8, alpha float8, s float8, beta float8, ll float8,
	n float8, iterations integer, converged boolean);
COMMENT ON TYPE pareto_nbd_model IS
	'fitted Pareto/NBD model: purchase rate ~ Gamma(r, alpha), dropout rate ~ Gamma(s, beta), log-likelihood, customers, optimiser iterations';

CREATE TYPE mbgnbd_model AS (r float8, alpha float8, a float8, b float8, ll float8,
	n float8, iterations integer, converged boolean);
COMMENT ON TYPE mbgnbd_model IS
	'fitted MBG/NBD model: purchase rate ~ Gamma(r, alpha), dropout after each purchase (the first included) ~ Beta(a, b), log-likelihood, customers, optimiser iterations';


-- penalized BG/NBD and Gamma-Gamma fits (lifetimes' penalizer_coef)

CREATE FUNCTION bgnbd_fit_trans(internal, float8, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_fit_trans(internal, float8, float8, float8, float8, float8) IS
	'transition function of the penalized bgnbd_fit: adds one weighted customer summary';

CREATE AGGREGATE bgnbd_fit(x float8, t_x float8, t float8, weight float8, penalizer float8) (
	SFUNC = bgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = bgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_fit(float8, float8, float8, float8, float8) IS
	'penalized BG/NBD fit: minimises the mean negative log-likelihood plus penalizer * (r^2 + (alpha/max t)^2 + a^2 + b^2)';

CREATE FUNCTION gamma_gamma_fit_trans(internal, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'gamma_gamma_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_fit_trans(internal, float8, float8, float8, float8) IS
	'transition function of the penalized gamma_gamma_fit: adds one weighted repeat buyer';

CREATE AGGREGATE gamma_gamma_fit(x float8, monetary float8, weight float8, penalizer float8) (
	SFUNC = gamma_gamma_fit_trans,
	STYPE = internal,
	FINALFUNC = gamma_gamma_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_fit(float8, float8, float8, float8) IS
	'penalized Gamma-Gamma fit: minimises the mean negative log-likelihood plus penalizer * (p^2 + q^2 + gamma^2)';

-- Pareto/NBD fit

CREATE FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8) IS
	'transition function of pareto_nbd_fit: adds one customer summary';

CREATE FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8, float8) IS
	'transition function of pareto_nbd_fit: adds one weighted customer summary';

CREATE FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8, float8, float8) IS
	'transition function of the penalized pareto_nbd_fit: adds one weighted customer summary';

CREATE FUNCTION pareto_nbd_fit_final(internal) RETURNS pareto_nbd_model
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_final(internal) IS
	'final function of pareto_nbd_fit: maximum-likelihood (or penalized) fit of Pareto/NBD';

CREATE AGGREGATE pareto_nbd_fit(x float8, t_x float8, t float8) (
	SFUNC = pareto_nbd_fit_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_fit(float8, float8, float8) IS
	'maximum-likelihood Pareto/NBD fit over customer summaries (x, t_x, t)';

CREATE AGGREGATE pareto_nbd_fit(x float8, t_x float8, t float8, weight float8) (
	SFUNC = pareto_nbd_fit_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_fit(float8, float8, float8, float8) IS
	'maximum-likelihood Pareto/NBD fit over customer summaries (x, t_x, t), each row counting weight customers';

CREATE AGGREGATE pareto_nbd_fit(x float8, t_x float8, t float8, weight float8, penalizer float8) (
	SFUNC = pareto_nbd_fit_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_fit(float8, float8, float8, float8, float8) IS
	'penalized Pareto/NBD fit: minimises the mean negative log-likelihood plus penalizer * (r^2 + (alpha/max t)^2 + s^2 + (beta/max t)^2)';

CREATE FUNCTION pareto_nbd_log_likelihood(model pareto_nbd_model, x float8, t_x float8, t float8)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'pareto_nbd_log_likelihood'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_log_likelihood(pareto_nbd_model, float8, float8, float8) IS
	'log-likelihood of one customer summary under a Pareto/NBD model';

CREATE FUNCTION pareto_nbd_expected_purchases(model pareto_nbd_model, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'pareto_nbd_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_expected_purchases(pareto_nbd_model, float8) IS
	'expected repeat purchases of a new customer in the first t periods after the first purchase (Pareto/NBD)';

CREATE FUNCTION pareto_nbd_conditional_expected_purchases(model pareto_nbd_model, x float8, t_x float8,
	t float8, horizon float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'pareto_nbd_conditional_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_conditional_expected_purchases(pareto_nbd_model, float8, float8, float8, float8) IS
	'expected purchases in the next horizon periods of a customer with summary (x, t_x, t) (Pareto/NBD)';

CREATE FUNCTION pareto_nbd_p_alive(model pareto_nbd_model, x float8, t_x float8, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'pareto_nbd_p_alive'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_p_alive(pareto_nbd_model, float8, float8, float8) IS
	'probability that a customer with summary (x, t_x, t) is still alive (Pareto/NBD)';

-- MBG/NBD fit

CREATE FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8) IS
	'transition function of mbgnbd_fit: adds one customer summary';

CREATE FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8, float8) IS
	'transition function of mbgnbd_fit: adds one weighted customer summary';

CREATE FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8, float8, float8) IS
	'transition function of the penalized mbgnbd_fit: adds one weighted customer summary';

CREATE FUNCTION mbgnbd_fit_final(internal) RETURNS mbgnbd_model
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_final(internal) IS
	'final function of mbgnbd_fit: maximum-likelihood (or penalized) fit of MBG/NBD';

CREATE AGGREGATE mbgnbd_fit(x float8, t_x float8, t float8) (
	SFUNC = mbgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit(float8, float8, float8) IS
	'maximum-likelihood MBG/NBD fit over customer summaries (x, t_x, t)';

CREATE AGGREGATE mbgnbd_fit(x float8, t_x float8, t float8, weight float8) (
	SFUNC = mbgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit(float8, float8, float8, float8) IS
	'maximum-likelihood MBG/NBD fit over customer summaries (x, t_x, t), each row counting weight customers';

CREATE AGGREGATE mbgnbd_fit(x float8, t_x float8, t float8, weight float8, penalizer float8) (
	SFUNC = mbgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit(float8, float8, float8, float8, float8) IS
	'penalized MBG/NBD fit: minimises the mean negative log-likelihood plus penalizer * (r^2 + (alpha/max t)^2 + a^2 + b^2)';

CREATE FUNCTION mbgnbd_log_likelihood(model mbgnbd_model, x float8, t_x float8, t float8)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'mbgnbd_log_likelihood'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_log_likelihood(mbgnbd_model, float8, float8, float8) IS
	'log-likelihood of one customer summary under a MBG/NBD model';

CREATE FUNCTION mbgnbd_expected_purchases(model mbgnbd_model, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'mbgnbd_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_expected_purchases(mbgnbd_model, float8) IS
	'expected repeat purchases of a new customer in the first t periods after the first purchase (MBG/NBD)';

CREATE FUNCTION mbgnbd_conditional_expected_purchases(model mbgnbd_model, x float8, t_x float8,
	t float8, horizon float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'mbgnbd_conditional_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_conditional_expected_purchases(mbgnbd_model, float8, float8, float8, float8) IS
	'expected purchases in the next horizon periods of a customer with summary (x, t_x, t) (MBG/NBD)';

CREATE FUNCTION mbgnbd_p_alive(model mbgnbd_model, x float8, t_x float8, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'mbgnbd_p_alive'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_p_alive(mbgnbd_model, float8, float8, float8) IS
	'probability that a customer with summary (x, t_x, t) is still alive (MBG/NBD)';

-- standard errors: inverse observed information at the model's parameters

CREATE FUNCTION bgnbd_se_trans(internal, bgnbd_model, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgnbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_se_trans(internal, bgnbd_model, float8, float8, float8) IS
	'transition function of bgnbd_standard_errors: the model and one customer';

CREATE FUNCTION bgnbd_se_trans(internal, bgnbd_model, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgnbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_se_trans(internal, bgnbd_model, float8, float8, float8, float8) IS
	'transition function of bgnbd_standard_errors: the model and one weighted customer';

CREATE FUNCTION bgnbd_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'bgnbd_se_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_se_final(internal) IS
	'final function of bgnbd_standard_errors: sqrt of the diagonal of the inverse observed information';

CREATE AGGREGATE bgnbd_standard_errors(model bgnbd_model, x float8, t_x float8, t float8) (
	SFUNC = bgnbd_se_trans,
	STYPE = internal,
	FINALFUNC = bgnbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_standard_errors(bgnbd_model, float8, float8, float8) IS
	'standard errors of r, alpha, a, b of a BG/NBD model on these customers (inverse observed information)';

CREATE AGGREGATE bgnbd_standard_errors(model bgnbd_model, x float8, t_x float8, t float8, weight float8) (
	SFUNC = bgnbd_se_trans,
	STYPE = internal,
	FINALFUNC = bgnbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_standard_errors(bgnbd_model, float8, float8, float8, float8) IS
	'standard errors of r, alpha, a, b of a BG/NBD model on these customers, each row counting weight customers';

CREATE FUNCTION gamma_gamma_se_trans(internal, gamma_gamma_model, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'gamma_gamma_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_se_trans(internal, gamma_gamma_model, float8, float8) IS
	'transition function of gamma_gamma_standard_errors: the model and one customer';

CREATE FUNCTION gamma_gamma_se_trans(internal, gamma_gamma_model, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'gamma_gamma_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_se_trans(internal, gamma_gamma_model, float8, float8, float8) IS
	'transition function of gamma_gamma_standard_errors: the model and one weighted customer';

CREATE FUNCTION gamma_gamma_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'gamma_gamma_se_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_se_final(internal) IS
	'final function of gamma_gamma_standard_errors: sqrt of the diagonal of the inverse observed information';

CREATE AGGREGATE gamma_gamma_standard_errors(model gamma_gamma_model, x float8, monetary float8) (
	SFUNC = gamma_gamma_se_trans,
	STYPE = internal,
	FINALFUNC = gamma_gamma_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_standard_errors(gamma_gamma_model, float8, float8) IS
	'standard errors of p, q, gamma of a Gamma-Gamma model on these customers (inverse observed information)';

CREATE AGGREGATE gamma_gamma_standard_errors(model gamma_gamma_model, x float8, monetary float8, weight float8) (
	SFUNC = gamma_gamma_se_trans,
	STYPE = internal,
	FINALFUNC = gamma_gamma_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_standard_errors(gamma_gamma_model, float8, float8, float8) IS
	'standard errors of p, q, gamma of a Gamma-Gamma model on these customers, each row counting weight customers';

CREATE FUNCTION pareto_nbd_se_trans(internal, pareto_nbd_model, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_se_trans(internal, pareto_nbd_model, float8, float8, float8) IS
	'transition function of pareto_nbd_standard_errors: the model and one customer';

CREATE FUNCTION pareto_nbd_se_trans(internal, pareto_nbd_model, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_se_trans(internal, pareto_nbd_model, float8, float8, float8, float8) IS
	'transition function of pareto_nbd_standard_errors: the model and one weighted customer';

CREATE FUNCTION pareto_nbd_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'pareto_nbd_se_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_se_final(internal) IS
	'final function of pareto_nbd_standard_errors: sqrt of the diagonal of the inverse observed information';

CREATE AGGREGATE pareto_nbd_standard_errors(model pareto_nbd_model, x float8, t_x float8, t float8) (
	SFUNC = pareto_nbd_se_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_standard_errors(pareto_nbd_model, float8, float8, float8) IS
	'standard errors of r, alpha, s, beta of a Pareto/NBD model on these customers (inverse observed information)';

CREATE AGGREGATE pareto_nbd_standard_errors(model pareto_nbd_model, x float8, t_x float8, t float8, weight float8) (
	SFUNC = pareto_nbd_se_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_standard_errors(pareto_nbd_model, float8, float8, float8, float8) IS
	'standard errors of r, alpha, s, beta of a Pareto/NBD model on these customers, each row counting weight customers';

CREATE FUNCTION mbgnbd_se_trans(internal, mbgnbd_model, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_se_trans(internal, mbgnbd_model, float8, float8, float8) IS
	'transition function of mbgnbd_standard_errors: the model and one customer';

CREATE FUNCTION mbgnbd_se_trans(internal, mbgnbd_model, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_se_trans(internal, mbgnbd_model, float8, float8, float8, float8) IS
	'transition function of mbgnbd_standard_errors: the model and one weighted customer';

CREATE FUNCTION mbgnbd_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'mbgnbd_se_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_se_final(internal) IS
	'final function of mbgnbd_standard_errors: sqrt of the diagonal of the inverse observed information';

CREATE AGGREGATE mbgnbd_standard_errors(model mbgnbd_model, x float8, t_x float8, t float8) (
	SFUNC = mbgnbd_se_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_standard_errors(mbgnbd_model, float8, float8, float8) IS
	'standard errors of r, alpha, a, b of a MBG/NBD model on these customers (inverse observed information)';

CREATE AGGREGATE mbgnbd_standard_errors(model mbgnbd_model, x float8, t_x float8, t float8, weight float8) (
	SFUNC = mbgnbd_se_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_standard_errors(mbgnbd_model, float8, float8, float8, float8) IS
	'standard errors of r, alpha, a, b of a MBG/NBD model on these customers, each row counting weight customers';
-- ==== discrete ====
-- discrete-time customer models (1.1): sBG contractual churn (Fader & Hardie 2007) and BG/BB
-- repeat transactions at discrete opportunities (Fader, Hardie & Shang 2010), their
-- standard errors (inverse observed information) and point functions

CREATE TYPE sbg_model AS (alpha float8, beta float8, ll float8, n float8, iterations integer,
	converged boolean);
COMMENT ON TYPE sbg_model IS
	'fitted sBG churn model: churn probability ~ Beta(alpha, beta), log-likelihood, customers, optimiser iterations';

CREATE TYPE bgbb_model AS (alpha float8, beta float8, gamma float8, delta float8, ll float8,
	n float8, iterations integer, converged boolean);
COMMENT ON TYPE bgbb_model IS
	'fitted BG/BB model: transaction probability ~ Beta(alpha, beta), dropout probability ~ Beta(gamma, delta), log-likelihood, customers, optimiser iterations';

CREATE TYPE bgbb_summary AS (x integer, t_x integer, n_periods integer);
COMMENT ON TYPE bgbb_summary IS
	'per-customer BG/BB summary: opportunities with a transaction x, the last of them t_x, opportunities n_periods';

CREATE FUNCTION disc_fit_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'disc_fit_combine'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION disc_fit_combine(internal, internal) IS
	'combine function of the sBG and BG/BB fits and standard errors: merges the collapsed customer rows';

CREATE FUNCTION disc_fit_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'disc_fit_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION disc_fit_serialize(internal) IS
	'serialize an sBG / BG/BB aggregate state for parallel query (versioned, portable)';

CREATE FUNCTION disc_fit_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'disc_fit_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION disc_fit_deserialize(bytea, internal) IS
	'deserialize an sBG / BG/BB aggregate state, validating every length and value';

-- sBG
CREATE FUNCTION sbg_fit_trans(internal, integer, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_trans(internal, integer, boolean) IS
	'transition function of sbg_fit: adds one customer';
CREATE FUNCTION sbg_fit_trans(internal, integer, boolean, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_trans(internal, integer, boolean, float8) IS
	'transition function of sbg_fit: adds one weighted customer row';
CREATE FUNCTION sbg_fit_trans(internal, integer, boolean, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_trans(internal, integer, boolean, float8, float8) IS
	'transition function of the penalized sbg_fit: adds one weighted customer row';
CREATE FUNCTION sbg_fit_final(internal) RETURNS sbg_model
	AS 'MODULE_PATHNAME', 'sbg_fit_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_final(internal) IS
	'final function of sbg_fit: (penalized) maximum-likelihood fit of sBG';

CREATE AGGREGATE sbg_fit(periods integer, churned boolean) (
	SFUNC = sbg_fit_trans, STYPE = internal, FINALFUNC = sbg_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_fit(integer, boolean) IS
	'maximum-likelihood sBG fit: each customer churned after periods periods, or is still active after periods (churned = false)';
CREATE AGGREGATE sbg_fit(periods integer, churned boolean, weight float8) (
	SFUNC = sbg_fit_trans, STYPE = internal, FINALFUNC = sbg_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_fit(integer, boolean, float8) IS
	'maximum-likelihood sBG fit, each row counting weight customers';
CREATE AGGREGATE sbg_fit(periods integer, churned boolean, weight float8, penalizer float8) (
	SFUNC = sbg_fit_trans, STYPE = internal, FINALFUNC = sbg_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_fit(integer, boolean, float8, float8) IS
	'penalized sBG fit: minimises the mean negative log-likelihood per unit of weight plus penalizer * (alpha^2 + beta^2)';

CREATE FUNCTION sbg_se_trans(internal, sbg_model, integer, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_se_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_se_trans(internal, sbg_model, integer, boolean) IS
	'transition function of sbg_standard_errors: adds one customer';
CREATE FUNCTION sbg_se_trans(internal, sbg_model, integer, boolean, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_se_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_se_trans(internal, sbg_model, integer, boolean, float8) IS
	'transition function of sbg_standard_errors: adds one weighted customer row';
CREATE FUNCTION sbg_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sbg_se_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_se_final(internal) IS
	'final function of sbg_standard_errors: inverse observed information at the model';
CREATE AGGREGATE sbg_standard_errors(model sbg_model, periods integer, churned boolean) (
	SFUNC = sbg_se_trans, STYPE = internal, FINALFUNC = sbg_se_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_standard_errors(sbg_model, integer, boolean) IS
	'standard errors {alpha, beta} of an sBG model on these customers (inverse observed information at the model''s parameters)';
CREATE AGGREGATE sbg_standard_errors(model sbg_model, periods integer, churned boolean, weight float8) (
	SFUNC = sbg_se_trans, STYPE = internal, FINALFUNC = sbg_se_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_standard_errors(sbg_model, integer, boolean, float8) IS
	'standard errors {alpha, beta} of an sBG model, each row counting weight customers';

CREATE FUNCTION sbg_survival(model sbg_model, t integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'sbg_survival' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_survival(sbg_model, integer) IS
	'probability that a new customer is still active after t periods';
CREATE FUNCTION sbg_retention_rate(model sbg_model, t integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'sbg_retention_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_retention_rate(sbg_model, integer) IS
	'share of the customers active after t-1 periods who renew for period t';
CREATE FUNCTION sbg_log_likelihood(model sbg_model, periods integer, churned boolean) RETURNS float8
	AS 'MODULE_PATHNAME', 'sbg_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_log_likelihood(sbg_model, integer, boolean) IS
	'log-likelihood of one customer under an sBG model';
CREATE FUNCTION sbg_derl(model sbg_model, renewals integer, discount_rate float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'sbg_derl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_derl(sbg_model, integer, float8) IS
	'discounted expected residual lifetime (periods) of a customer who has renewed renewals times, just before the next renewal';

-- BG/BB
CREATE FUNCTION bgbb_fit_trans(internal, integer, integer, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_trans(internal, integer, integer, integer) IS
	'transition function of bgbb_fit: adds one customer summary';
CREATE FUNCTION bgbb_fit_trans(internal, integer, integer, integer, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_trans(internal, integer, integer, integer, float8) IS
	'transition function of bgbb_fit: adds one weighted customer summary';
CREATE FUNCTION bgbb_fit_trans(internal, integer, integer, integer, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_trans(internal, integer, integer, integer, float8, float8) IS
	'transition function of the penalized bgbb_fit: adds one weighted customer summary';
CREATE FUNCTION bgbb_fit_final(internal) RETURNS bgbb_model
	AS 'MODULE_PATHNAME', 'bgbb_fit_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_final(internal) IS
	'final function of bgbb_fit: (penalized) maximum-likelihood fit of BG/BB';

CREATE AGGREGATE bgbb_fit(x integer, t_x integer, n_periods integer) (
	SFUNC = bgbb_fit_trans, STYPE = internal, FINALFUNC = bgbb_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_fit(integer, integer, integer) IS
	'maximum-likelihood BG/BB fit over customer summaries (x, t_x, n_periods)';
CREATE AGGREGATE bgbb_fit(x integer, t_x integer, n_periods integer, weight float8) (
	SFUNC = bgbb_fit_trans, STYPE = internal, FINALFUNC = bgbb_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_fit(integer, integer, integer, float8) IS
	'maximum-likelihood BG/BB fit, each row counting weight customers';
CREATE AGGREGATE bgbb_fit(x integer, t_x integer, n_periods integer, weight float8, penalizer float8) (
	SFUNC = bgbb_fit_trans, STYPE = internal, FINALFUNC = bgbb_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_fit(integer, integer, integer, float8, float8) IS
	'penalized BG/BB fit: minimises the mean negative log-likelihood per unit of weight plus penalizer * (alpha^2 + beta^2 + gamma^2 + delta^2)';

CREATE FUNCTION bgbb_se_trans(internal, bgbb_model, integer, integer, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_se_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_se_trans(internal, bgbb_model, integer, integer, integer) IS
	'transition function of bgbb_standard_errors: adds one customer summary';
CREATE FUNCTION bgbb_se_trans(internal, bgbb_model, integer, integer, integer, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_se_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_se_trans(internal, bgbb_model, integer, integer, integer, float8) IS
	'transition function of bgbb_standard_errors: adds one weighted customer summary';
CREATE FUNCTION bgbb_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'bgbb_se_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_se_final(internal) IS
	'final function of bgbb_standard_errors: inverse observed information at the model';
CREATE AGGREGATE bgbb_standard_errors(model bgbb_model, x integer, t_x integer, n_periods integer) (
	SFUNC = bgbb_se_trans, STYPE = internal, FINALFUNC = bgbb_se_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_standard_errors(bgbb_model, integer, integer, integer) IS
	'standard errors {alpha, beta, gamma, delta} of a BG/BB model on these customers (inverse observed information at the model''s parameters)';
CREATE AGGREGATE bgbb_standard_errors(model bgbb_model, x integer, t_x integer, n_periods integer, weight float8) (
	SFUNC = bgbb_se_trans, STYPE = internal, FINALFUNC = bgbb_se_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = disc_fit_combine, SERIALFUNC = disc_fit_serialize, DESERIALFUNC = disc_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_standard_errors(bgbb_model, integer, integer, integer, float8) IS
	'standard errors {alpha, beta, gamma, delta} of a BG/BB model, each row counting weight customers';

CREATE FUNCTION bgbb_log_likelihood(model bgbb_model, x integer, t_x integer, n_periods integer)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'bgbb_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_log_likelihood(bgbb_model, integer, integer, integer) IS
	'log-likelihood of one customer summary under a BG/BB model';
CREATE FUNCTION bgbb_p_alive(model bgbb_model, x integer, t_x integer, n_periods integer)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'bgbb_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_p_alive(bgbb_model, integer, integer, integer) IS
	'probability that a customer with summary (x, t_x, n_periods) is alive at opportunity n_periods + 1';
CREATE FUNCTION bgbb_conditional_expected_purchases(model bgbb_model, x integer, t_x integer,
	n_periods integer, horizon integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'bgbb_conditional_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_conditional_expected_purchases(bgbb_model, integer, integer, integer, integer) IS
	'expected transactions at the next horizon opportunities of a customer with summary (x, t_x, n_periods)';
CREATE FUNCTION bgbb_expected_purchases(model bgbb_model, n_periods integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'bgbb_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_expected_purchases(bgbb_model, integer) IS
	'expected repeat transactions of a new customer over the first n_periods opportunities';

CREATE FUNCTION bgbb_summary_trans(internal, integer, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_summary_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_summary_trans(internal, integer, integer) IS
	'transition function of bgbb_summary: buffers one transaction''s opportunity';
CREATE FUNCTION bgbb_summary_final(internal) RETURNS bgbb_summary
	AS 'MODULE_PATHNAME', 'bgbb_summary_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_summary_final(internal) IS
	'final function of bgbb_summary: counts the distinct opportunities with a transaction';
CREATE AGGREGATE bgbb_summary(opportunity integer, n_periods integer) (
	SFUNC = bgbb_summary_trans, STYPE = internal, FINALFUNC = bgbb_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_summary(integer, integer) IS
	'per-customer BG/BB summary (x, t_x, n_periods) of the opportunities (1 .. n_periods; 0 = the first transaction) at which a customer transacted';
