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
