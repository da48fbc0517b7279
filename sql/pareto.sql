-- pareto: Pareto/NBD and MBG/NBD fits and point functions, penalized fits, standard errors,
-- holdout validation, against published values and independent evaluations.
-- Targets: Fader, Hardie & Lee 2005 (Pareto/NBD on CDNOW); an independent Newton
-- maximisation of the MBG/NBD likelihood in python (test/pareto/check.py, which also checks
-- every point function against mpmath and the standard errors against a 30-digit
-- numerical Hessian); lifetimes' documented BG/NBD standard errors on CDNOW.
-- Numeric results are printed as tolerance checks (true/false) or counts of mismatches.

-- ---------------------------------------------------------------------------------------
-- 1. CDNOW: the published calibration summary (2,357 customers, weeks to 1997-09-30) and the
--    order log (test/data/README.md)
CREATE TABLE pareto_cdnow (id int PRIMARY KEY, x float8, t_x float8, t float8);
\copy pareto_cdnow FROM 'test/data/cdnow_customers_summary.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE pareto_spend (id int PRIMARY KEY, x float8, t_x float8, t float8, zbar float8);
\copy pareto_spend FROM 'test/data/cdnow_customers_summary_with_transactions.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE pareto_raw (line text);
\copy pareto_raw FROM 'test/data/CDNOW_sample.txt'
CREATE TABLE orders (customer_id bigint, ordered_at timestamptz, amount numeric);
INSERT INTO orders
SELECT a[2]::bigint, to_date(a[3], 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC', a[5]::numeric
FROM (SELECT regexp_split_to_array(btrim(line, E' \r'), '\s+') AS a FROM pareto_raw) t;

-- ---------------------------------------------------------------------------------------
-- 2. Pareto/NBD on CDNOW: FHL 2005 report r = 0.553, alpha = 10.578, s = 0.606,
--    beta = 11.669, LL = -9594.98.  The likelihood is flat along (s, beta) (correlation
--    +0.97): beta is checked to 1e-3 relative, the others to their published 3 decimals.
CREATE TABLE pareto_pnbd AS SELECT pareto_nbd_fit(x, t_x, t) AS m FROM pareto_cdnow;
SELECT round((m).r::numeric, 3) AS r, round((m).alpha::numeric, 3) AS alpha,
       round((m).s::numeric, 3) AS s, abs((m).beta / 11.669 - 1) < 1e-3 AS beta_ok,
       abs((m).ll - (-9594.98)) < 0.01 AS ll_ok, (m).n, (m).converged
FROM pareto_pnbd;
-- the fit's ll is the sum of the per-customer log-likelihoods at the estimate
SELECT abs(sum(pareto_nbd_log_likelihood(m, x, t_x, t)) - (m).ll) < 1e-9 AS ll_is_sum
FROM pareto_cdnow, pareto_pnbd GROUP BY m;
-- it is a maximum: the log-likelihood falls when any parameter moves by 0.1 %
SELECT count(*) AS higher_neighbours
FROM pareto_pnbd p, generate_series(1, 4) k, unnest(ARRAY[0.999, 1.001]) f,
     LATERAL (SELECT sum(pareto_nbd_log_likelihood(ROW((p.m).r * CASE k WHEN 1 THEN f ELSE 1 END,
                  (p.m).alpha * CASE k WHEN 2 THEN f ELSE 1 END, (p.m).s * CASE k WHEN 3 THEN f ELSE 1 END,
                  (p.m).beta * CASE k WHEN 4 THEN f ELSE 1 END, NULL, NULL, NULL, NULL)::pareto_nbd_model,
                  x, t_x, t)) AS ll FROM pareto_cdnow) q
WHERE q.ll > (p.m).ll;

-- ---------------------------------------------------------------------------------------
-- 3. MBG/NBD on CDNOW against an independent maximisation of the same likelihood
--    (test/pareto/check.py: Newton's method on finite-difference derivatives of a plain
--    python implementation of Batislam et al.'s likelihood, started from all parameters 1):
--    r 0.52484, alpha 6.18300, a 0.89136, b 1.61400, LL -9582.1327 (lifetimes'
--    ModifiedBetaGeoFitter documents r 0.525, alpha 6.183, a 0.891, b 1.614).
CREATE TABLE pareto_mbg AS SELECT mbgnbd_fit(x, t_x, t) AS m FROM pareto_cdnow;
SELECT round((m).r::numeric, 4) AS r, round((m).alpha::numeric, 3) AS alpha,
       round((m).a::numeric, 4) AS a, round((m).b::numeric, 3) AS b,
       round((m).ll::numeric, 3) AS ll, (m).n, (m).converged
FROM pareto_mbg;
SELECT abs(sum(mbgnbd_log_likelihood(m, x, t_x, t)) - (m).ll) < 1e-9 AS ll_is_sum
FROM pareto_cdnow, pareto_mbg GROUP BY m;
-- MBG/NBD lets a customer drop out right after the first purchase: one with x = 0 is not
-- certainly alive, unlike BG/NBD; E[X(t)] is the conditional expectation of (0, 0, 0)
SELECT abs(mbgnbd_p_alive(m, 0, 0, 0) - (m).b / ((m).a + (m).b)) < 1e-15 AS alive_at_start,
       mbgnbd_p_alive(m, 0, 0, 30) < mbgnbd_p_alive(m, 0, 0, 0) AS decays_without_purchase,
       mbgnbd_expected_purchases(m, 39) = mbgnbd_conditional_expected_purchases(m, 0, 0, 0, 39) AS unconditional
FROM pareto_mbg;

-- ---------------------------------------------------------------------------------------
-- 4. Point functions on every CDNOW customer: P(alive) in [0, 1], expectations positive and
--    increasing in the horizon, the sum of conditional expectations of everyone close to
--    what E[X(t)] predicts for a new customer (both models)
SELECT count(*) FILTER (WHERE NOT (pa BETWEEN 0 AND 1)) AS p_alive_outside,
       count(*) FILTER (WHERE NOT (e10 > 0 AND e10 < e20 AND e20 < e52)) AS not_increasing
FROM (SELECT pareto_nbd_p_alive(p.m, x, t_x, t) AS pa,
             pareto_nbd_conditional_expected_purchases(p.m, x, t_x, t, 10) AS e10,
             pareto_nbd_conditional_expected_purchases(p.m, x, t_x, t, 20) AS e20,
             pareto_nbd_conditional_expected_purchases(p.m, x, t_x, t, 52) AS e52
      FROM pareto_cdnow, pareto_pnbd p
      UNION ALL
      SELECT mbgnbd_p_alive(b.m, x, t_x, t), mbgnbd_conditional_expected_purchases(b.m, x, t_x, t, 10),
             mbgnbd_conditional_expected_purchases(b.m, x, t_x, t, 20),
             mbgnbd_conditional_expected_purchases(b.m, x, t_x, t, 52)
      FROM pareto_cdnow, pareto_mbg b) s;
SELECT count(*) AS unconditional_not_increasing
FROM generate_series(1, 200) i, pareto_pnbd p, pareto_mbg b
WHERE NOT (pareto_nbd_expected_purchases(p.m, i) < pareto_nbd_expected_purchases(p.m, i + 1)
           AND mbgnbd_expected_purchases(b.m, i) < mbgnbd_expected_purchases(b.m, i + 1));
-- E[X(t)] in closed form: r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)]
SELECT abs(pareto_nbd_expected_purchases(m, 39) / ((m).r * (m).beta / ((m).alpha * ((m).s - 1))
           * (1 - ((m).beta / ((m).beta + 39)) ^ ((m).s - 1))) - 1) < 1e-12 AS closed_form,
       pareto_nbd_expected_purchases(m, 0) = 0 AS zero_at_zero,
       pareto_nbd_p_alive(m, 3, 20, 20) = 1 AS alive_just_bought
FROM pareto_pnbd;
-- s = 1 exactly: the limit -ln q, continuous with s = 1 +- 1e-9
SELECT abs(pareto_nbd_expected_purchases(ROW(0.5, 10, 1, 12, NULL, NULL, NULL, NULL)::pareto_nbd_model, 39)
           - 0.5 / 10 * 12 * ln(51 / 12.0)) < 1e-12 AS s_one_limit,
       abs(pareto_nbd_expected_purchases(ROW(0.5, 10, 1 + 1e-9, 12, NULL, NULL, NULL, NULL)::pareto_nbd_model, 39)
           - pareto_nbd_expected_purchases(ROW(0.5, 10, 1, 12, NULL, NULL, NULL, NULL)::pareto_nbd_model, 39)) < 1e-8 AS continuous;
-- hypergeometric argument 0.995 (scales 10^-3 and 10^3 apart: the quadrature branch): the
-- log-likelihood of mpmath (2F1 at 50 digits, and mp.quad of the integral: -12.649230290312045)
SELECT abs(pareto_nbd_log_likelihood(ROW(0.5, 1e-3, 0.7, 1e3, NULL, NULL, NULL, NULL)::pareto_nbd_model, 2, 5, 40)
           - (-12.649230290312045)) < 1e-12 AS near_one_alpha_small,
       pareto_nbd_p_alive(ROW(0.5, 1e3, 0.7, 1e-3, NULL, NULL, NULL, NULL)::pareto_nbd_model, 2, 5, 40)
         BETWEEN 0 AND 1 AS near_one_beta_small;

-- ---------------------------------------------------------------------------------------
-- 5. Weights, order and plans: a fit on (row, count) pairs is the fit on the rows, and the
--    input order does not matter (the state is the collapsed, sorted multiset)
SELECT (SELECT pareto_nbd_fit(x, t_x, t, w) FROM (SELECT x, t_x, t, count(*)::float8 AS w FROM pareto_cdnow GROUP BY 1, 2, 3) s)
         = (SELECT m FROM pareto_pnbd) AS pnbd_weighted,
       (SELECT mbgnbd_fit(x, t_x, t ORDER BY id DESC) FROM pareto_cdnow) = (SELECT m FROM pareto_mbg) AS mbg_reversed,
       (SELECT pareto_nbd_fit(x, t_x, t, 1, 0) FROM pareto_cdnow) = (SELECT m FROM pareto_pnbd) AS penalizer_zero;

CREATE FUNCTION pg_temp.has_partial_agg(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
  FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF l LIKE '%Partial%Aggregate%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
-- 60,000 bootstrap draws from CDNOW in three segments
CREATE TABLE pareto_gen (i int, seg int, x float8, t_x float8, t float8);
INSERT INTO pareto_gen
SELECT i, i % 3, f.x, f.t_x, f.t
FROM generate_series(1, 60000) i JOIN pareto_cdnow f ON f.id = 1 + (hashint4(i) & 2147483647) % 2357;
ANALYZE pareto_gen;
CREATE TABLE pareto_gen_serial AS
SELECT seg, pareto_nbd_fit(x, t_x, t) AS p, mbgnbd_fit(x, t_x, t, 1, 0.01) AS b,
       pareto_nbd_standard_errors(ROW(0.55, 10.6, 0.61, 11.7, NULL, NULL, NULL, NULL)::pareto_nbd_model, x, t_x, t) AS se
FROM pareto_gen GROUP BY seg;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT pg_temp.has_partial_agg($$SELECT seg, pareto_nbd_fit(x, t_x, t), mbgnbd_fit(x, t_x, t, 1, 0.01),
    pareto_nbd_standard_errors(ROW(0.55, 10.6, 0.61, 11.7, NULL, NULL, NULL, NULL)::pareto_nbd_model, x, t_x, t)
    FROM pareto_gen GROUP BY seg$$) AS plan_is_parallel;
SELECT count(*) AS parallel_mismatches
FROM (SELECT seg, pareto_nbd_fit(x, t_x, t) AS p, mbgnbd_fit(x, t_x, t, 1, 0.01) AS b,
             pareto_nbd_standard_errors(ROW(0.55, 10.6, 0.61, 11.7, NULL, NULL, NULL, NULL)::pareto_nbd_model, x, t_x, t) AS se
      FROM pareto_gen GROUP BY seg) q
FULL JOIN pareto_gen_serial s USING (seg)
WHERE q.p IS DISTINCT FROM s.p OR q.b IS DISTINCT FROM s.b OR q.se IS DISTINCT FROM s.se;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
SET enable_partitionwise_aggregate = on;
SET enable_hashagg = off;
CREATE TABLE pareto_gen_p (i int, seg int, x float8, t_x float8, t float8) PARTITION BY RANGE (i);
CREATE TABLE pareto_gen_p1 PARTITION OF pareto_gen_p FOR VALUES FROM (MINVALUE) TO (20000);
CREATE TABLE pareto_gen_p2 PARTITION OF pareto_gen_p FOR VALUES FROM (20000) TO (40000);
CREATE TABLE pareto_gen_p3 PARTITION OF pareto_gen_p FOR VALUES FROM (40000) TO (MAXVALUE);
INSERT INTO pareto_gen_p SELECT * FROM pareto_gen;
ANALYZE pareto_gen_p;
SELECT pg_temp.has_partial_agg($$SELECT seg, pareto_nbd_fit(x, t_x, t) FROM pareto_gen_p GROUP BY seg$$)
  AS plan_is_partitionwise;
SELECT count(*) AS partitionwise_mismatches
FROM (SELECT seg, pareto_nbd_fit(x, t_x, t) AS p, mbgnbd_fit(x, t_x, t, 1, 0.01) AS b,
             pareto_nbd_standard_errors(ROW(0.55, 10.6, 0.61, 11.7, NULL, NULL, NULL, NULL)::pareto_nbd_model, x, t_x, t) AS se
      FROM pareto_gen_p GROUP BY seg) q
FULL JOIN pareto_gen_serial s USING (seg)
WHERE q.p IS DISTINCT FROM s.p OR q.b IS DISTINCT FROM s.b OR q.se IS DISTINCT FROM s.se;
RESET enable_partitionwise_aggregate;
RESET enable_hashagg;
RESET max_parallel_workers_per_gather;

-- ---------------------------------------------------------------------------------------
-- 6. Penalized fits (lifetimes' penalizer_coef c): each minimises
--    -(sum w ln L) / sum w + c * (sum of squared parameters, time-unit parameters divided by
--    max t; Gamma-Gamma's gamma as it is).  Checked against that definition: the objective
--    at the estimate is below its value with any parameter moved by 0.1 %, the parameters
--    shrink, and the reported ll is the unpenalized log-likelihood at the estimate.
CREATE TABLE pareto_pen AS
SELECT 'bgnbd' AS fam, ARRAY[(m).r, (m).alpha, (m).a, (m).b] AS p, (m).ll AS ll FROM
  (SELECT bgnbd_fit(x, t_x, t, 1, 0.05) AS m FROM pareto_cdnow) s
UNION ALL SELECT 'pareto_nbd', ARRAY[(m).r, (m).alpha, (m).s, (m).beta], (m).ll FROM
  (SELECT pareto_nbd_fit(x, t_x, t, 1, 0.05) AS m FROM pareto_cdnow) s
UNION ALL SELECT 'mbgnbd', ARRAY[(m).r, (m).alpha, (m).a, (m).b], (m).ll FROM
  (SELECT mbgnbd_fit(x, t_x, t, 1, 0.05) AS m FROM pareto_cdnow) s
UNION ALL SELECT 'gamma_gamma', ARRAY[(m).p, (m).q, (m).gamma], (m).ll FROM
  (SELECT gamma_gamma_fit(x, zbar, 1, 0.05) AS m FROM pareto_spend) s;
CREATE FUNCTION pg_temp.pen_objective(fam text, p float8[], c float8) RETURNS float8 LANGUAGE sql AS $$
  SELECT CASE fam
    WHEN 'bgnbd' THEN (SELECT -avg(bgnbd_log_likelihood(ROW(p[1], p[2], p[3], p[4], NULL, NULL, NULL, NULL)::bgnbd_model, x, t_x, t))
                              + c * (p[1] ^ 2 + (p[2] / max(t)) ^ 2 + p[3] ^ 2 + p[4] ^ 2) FROM pareto_cdnow)
    WHEN 'pareto_nbd' THEN (SELECT -avg(pareto_nbd_log_likelihood(ROW(p[1], p[2], p[3], p[4], NULL, NULL, NULL, NULL)::pareto_nbd_model, x, t_x, t))
                              + c * (p[1] ^ 2 + (p[2] / max(t)) ^ 2 + p[3] ^ 2 + (p[4] / max(t)) ^ 2) FROM pareto_cdnow)
    WHEN 'mbgnbd' THEN (SELECT -avg(mbgnbd_log_likelihood(ROW(p[1], p[2], p[3], p[4], NULL, NULL, NULL, NULL)::mbgnbd_model, x, t_x, t))
                              + c * (p[1] ^ 2 + (p[2] / max(t)) ^ 2 + p[3] ^ 2 + p[4] ^ 2) FROM pareto_cdnow)
    ELSE (SELECT -avg(gamma_gamma_log_likelihood(ROW(p[1], p[2], p[3], NULL, NULL, NULL, NULL)::gamma_gamma_model, x, zbar))
                              + c * (p[1] ^ 2 + p[2] ^ 2 + p[3] ^ 2) FROM pareto_spend WHERE x > 0) END $$;
SELECT fam,
       (SELECT count(*) FROM generate_series(1, array_length(p, 1)) k, unnest(ARRAY[0.999, 1.001]) f
        WHERE pg_temp.pen_objective(fam, (SELECT array_agg(CASE WHEN j = k THEN p[j] * f ELSE p[j] END ORDER BY j)
                                           FROM generate_subscripts(p, 1) j), 0.05)
              < pg_temp.pen_objective(fam, p, 0.05)) AS lower_neighbours,
       abs(ll - (-pg_temp.pen_objective(fam, p, 0)) * CASE fam WHEN 'gamma_gamma' THEN 946 ELSE 2357 END) < 1e-8 AS ll_unpenalized
FROM pareto_pen ORDER BY fam;
-- the penalty pulls the parameters towards 0: r, a, b and alpha / max t of BG/NBD shrink
SELECT p[1] < 0.2426 AS r_shrinks, p[3] < 0.7929 AS a_shrinks, p[4] < 2.4258 AS b_shrinks
FROM pareto_pen WHERE fam = 'bgnbd';
-- the penalized overload of 1.0's bgnbd_fit: penalizer 0 is the 1.0 fit exactly
SELECT (SELECT bgnbd_fit(x, t_x, t, 1, 0) FROM pareto_cdnow) = (SELECT bgnbd_fit(x, t_x, t) FROM pareto_cdnow) AS bgnbd_zero,
       (SELECT gamma_gamma_fit(x, zbar, 1, 0) FROM pareto_spend) = (SELECT gamma_gamma_fit(x, zbar) FROM pareto_spend) AS gg_zero;

-- ---------------------------------------------------------------------------------------
-- 7. Standard errors.  BG/NBD on CDNOW: lifetimes documents 0.012557 (r), 0.378221 (alpha),
--    0.185719 (a), 0.705345 (b), from its own numerical Hessian: equal within 2e-6 (b differs
--    by 1.2e-6; test/pareto/check.py checks ours against a 30-digit Hessian to 1e-5 relative).
SELECT bool_and(abs(se[k] - ref[k]) < 2e-6) AS bgnbd_lifetimes
FROM (SELECT bgnbd_standard_errors(m, x, t_x, t) AS se, ARRAY[0.012557, 0.378221, 0.185719, 0.705345] AS ref
      FROM pareto_cdnow, (SELECT bgnbd_fit(x, t_x, t) AS m FROM pareto_cdnow) f GROUP BY m) s,
     generate_series(1, 4) k;
-- weights: standard errors on (row, count) pairs equal those on the rows; a hand-built model
-- with NULL fit fields is accepted; every SE is positive, in parameter order
SELECT (SELECT pareto_nbd_standard_errors(m, x, t_x, t, w) FROM pareto_pnbd,
          (SELECT x, t_x, t, count(*)::float8 AS w FROM pareto_cdnow GROUP BY 1, 2, 3) s GROUP BY m)
       = (SELECT pareto_nbd_standard_errors(m, x, t_x, t) FROM pareto_pnbd, pareto_cdnow GROUP BY m) AS weighted,
       (SELECT array_length(se, 1) = 4 AND 0 < ALL (se) FROM
          (SELECT mbgnbd_standard_errors(ROW(0.52, 6.2, 0.89, 1.6, NULL, NULL, NULL, NULL)::mbgnbd_model, x, t_x, t) AS se
           FROM pareto_cdnow) s) AS hand_built;
-- 95 % intervals (README recipe): estimate +- 1.96 SE, and on the log scale
-- estimate * exp(+-1.96 SE / estimate), which stays positive, for the Pareto/NBD fit; bounds
-- to 2 decimals (beta's upper bound, 23.8415, lies on a third-decimal rounding edge well
-- within the optimiser's tolerance on the flat beta direction)
SELECT name, round(est::numeric, 3) AS estimate, round(se::numeric, 3) AS se,
       round((est - 1.96 * se)::numeric, 2) AS lower_95, round((est + 1.96 * se)::numeric, 2) AS upper_95,
       round((est * exp(-1.96 * se / est))::numeric, 2) AS log_lower_95,
       round((est * exp(1.96 * se / est))::numeric, 2) AS log_upper_95
FROM (SELECT pareto_nbd_standard_errors(m, x, t_x, t) AS se_arr, m FROM pareto_pnbd, pareto_cdnow GROUP BY m) f,
     LATERAL unnest(ARRAY['r', 'alpha', 's', 'beta'], ARRAY[(m).r, (m).alpha, (m).s, (m).beta], se_arr) AS u(name, est, se);

-- ---------------------------------------------------------------------------------------
-- 8. Holdout validation (the README's recipes, verbatim).  Independent check of the actual
--    side: the holdout repeat purchase days counted in plain SQL (sql/btyd.sql: 1,882), and
--    of the predicted side: the per-bucket means times the customers add up to the
--    week-39 prediction (every point function is checked against mpmath in test/pareto).
-- calibration: orders up to 1997-09-30 (39 weeks); holdout: the next 39 weeks, to 1998-06-30
WITH cal AS (
  SELECT customer_id, (s).x, (s).t_x, (s).t
  FROM (SELECT customer_id,
               btyd_summary(ordered_at, amount, timestamptz '1997-09-30 00:00+00', interval '7 days') AS s
        FROM orders WHERE ordered_at <= timestamptz '1997-09-30 00:00+00'  -- bought by then
        GROUP BY customer_id) q
), holdout AS (                        -- repeat purchase days in the holdout period
  SELECT customer_id,
         (btyd_summary(ordered_at, amount, timestamptz '1998-06-30 00:00+00', interval '7 days')).x AS x_end
  FROM orders GROUP BY customer_id
), model AS (
  SELECT pareto_nbd_fit(x, t_x, t) AS m FROM cal
)
SELECT least(c.x, 7)::int AS calibration_purchases,          -- 7 means 7 or more
       count(*) AS customers,
       round(avg(h.x_end - c.x)::numeric, 3) AS actual_per_customer,
       round(avg(pareto_nbd_conditional_expected_purchases(model.m, c.x, c.t_x, c.t, 39::float8))::numeric, 3)
         AS predicted_per_customer
FROM cal c JOIN holdout h USING (customer_id) CROSS JOIN model
GROUP BY 1 ORDER BY 1;

-- cumulative repeat purchases, actual and predicted, week by week through the holdout
WITH cal AS (
  SELECT customer_id, (s).x, (s).t_x, (s).t
  FROM (SELECT customer_id,
               btyd_summary(ordered_at, amount, timestamptz '1997-09-30 00:00+00', interval '7 days') AS s
        FROM orders WHERE ordered_at <= timestamptz '1997-09-30 00:00+00'
        GROUP BY customer_id) q
), model AS (
  SELECT pareto_nbd_fit(x, t_x, t) AS m FROM cal
), days AS (                           -- a purchase day counts once, as in btyd_summary
  SELECT DISTINCT o.customer_id, date_trunc('day', o.ordered_at, 'UTC') AS day
  FROM orders o JOIN cal USING (customer_id)
  WHERE o.ordered_at > timestamptz '1997-09-30 00:00+00'
)
SELECT w AS week,
       (SELECT count(*) FROM days
        WHERE day <= timestamptz '1997-09-30 00:00+00' + w * interval '168 hours') AS actual,
       round((SELECT sum(pareto_nbd_conditional_expected_purchases(model.m, c.x, c.t_x, c.t, w::float8))
              FROM cal c CROSS JOIN model)::numeric, 1) AS predicted
FROM generate_series(13, 39, 13) AS w;
SELECT count(*) AS holdout_days_plain_sql
FROM (SELECT DISTINCT customer_id, (ordered_at AT TIME ZONE 'UTC')::date FROM orders
      WHERE ordered_at > '1997-09-30 00:00+00' AND ordered_at <= '1998-06-30 00:00+00'
        AND customer_id IN (SELECT customer_id FROM orders GROUP BY 1 HAVING min(ordered_at) <= '1997-09-30 00:00+00')) d;
CREATE TABLE pareto_cdnow_orders_summary AS
SELECT (s).x, (s).t_x, (s).t
FROM (SELECT btyd_summary(ordered_at, amount, timestamptz '1997-09-30 00:00+00', interval '7 days') AS s
      FROM orders GROUP BY customer_id) q WHERE s IS NOT NULL;
SELECT abs(sum(pareto_nbd_conditional_expected_purchases(m, x, t_x, t, 39)) - 1665.5) < 0.05 AS week_39_total
FROM pareto_cdnow_orders_summary, (SELECT pareto_nbd_fit(x, t_x, t) AS m FROM pareto_cdnow_orders_summary) f;

-- the same split; three models fitted on the calibration summaries, compared on the holdout
-- and by AIC = 2k - 2 ll and BIC = k ln n - 2 ll (k = 4 parameters each; lower is better)
WITH cal AS (
  SELECT customer_id, (s).x, (s).t_x, (s).t
  FROM (SELECT customer_id,
               btyd_summary(ordered_at, amount, timestamptz '1997-09-30 00:00+00', interval '7 days') AS s
        FROM orders WHERE ordered_at <= timestamptz '1997-09-30 00:00+00'
        GROUP BY customer_id) q
), holdout AS (
  SELECT customer_id,
         (btyd_summary(ordered_at, amount, timestamptz '1998-06-30 00:00+00', interval '7 days')).x AS x_end
  FROM orders GROUP BY customer_id
), fits AS (
  SELECT bgnbd_fit(x, t_x, t) AS bg, pareto_nbd_fit(x, t_x, t) AS pn, mbgnbd_fit(x, t_x, t) AS mb FROM cal
), pred AS (
  SELECT h.x_end - c.x AS actual,
         bgnbd_conditional_expected_purchases(f.bg, c.x, c.t_x, c.t, 39::float8) AS bg,
         pareto_nbd_conditional_expected_purchases(f.pn, c.x, c.t_x, c.t, 39::float8) AS pn,
         mbgnbd_conditional_expected_purchases(f.mb, c.x, c.t_x, c.t, 39::float8) AS mb
  FROM cal c JOIN holdout h USING (customer_id) CROSS JOIN fits f
)
SELECT v.model, round(v.ll::numeric, 2) AS ll,
       round((2 * 4 - 2 * v.ll)::numeric, 2) AS aic,
       round((4 * ln(v.n) - 2 * v.ll)::numeric, 2) AS bic,
       p.actual, round(p.predicted::numeric, 1) AS predicted,
       round(p.mae::numeric, 4) AS mean_abs_error
FROM fits f
CROSS JOIN LATERAL (VALUES ('BG/NBD', (f.bg).ll, (f.bg).n), ('Pareto/NBD', (f.pn).ll, (f.pn).n),
                           ('MBG/NBD', (f.mb).ll, (f.mb).n)) AS v(model, ll, n)
JOIN (SELECT 'BG/NBD' AS model, sum(actual) AS actual, sum(bg) AS predicted, avg(abs(bg - actual)) AS mae FROM pred
      UNION ALL
      SELECT 'Pareto/NBD', sum(actual), sum(pn), avg(abs(pn - actual)) FROM pred
      UNION ALL
      SELECT 'MBG/NBD', sum(actual), sum(mb), avg(abs(mb - actual)) FROM pred) p USING (model)
ORDER BY aic;

-- ---------------------------------------------------------------------------------------
-- 9. NULLs, empty groups, hand-built models and errors
SELECT pareto_nbd_fit(x, t_x, t) IS NULL AS empty_fit, mbgnbd_fit(x, t_x, t, 1, 0.1) IS NULL AS empty_penalized,
       pareto_nbd_standard_errors(NULL::pareto_nbd_model, x, t_x, t) IS NULL AS empty_se
FROM pareto_cdnow WHERE false;
SELECT pareto_nbd_fit(x, t_x, t) IS NULL AS all_null FROM (VALUES (NULL::float8, 1::float8, 2::float8)) v(x, t_x, t);
SELECT pareto_nbd_p_alive(NULL, 1, 2, 3) IS NULL AS strict_null,
       mbgnbd_p_alive(ROW(0.5, 6, 0.9, 1.6, NULL, NULL, NULL, NULL)::mbgnbd_model, 0, 0, 0) BETWEEN 0 AND 1 AS hand_built;
SELECT pareto_nbd_fit(x, t_x, t) FROM (SELECT 1::float8 x, 10::float8 t_x, 10::float8 t FROM generate_series(1, 20)) s;
SELECT mbgnbd_fit(x, t_x, t) FROM (SELECT 0::float8 x, 0::float8 t_x, 10::float8 t FROM generate_series(1, 20)) s;
SELECT mbgnbd_fit(x, t_x, t) FROM (SELECT 1::float8 x, 1::float8 t_x, 10::float8 t FROM generate_series(1, 5)) s;
SELECT pareto_nbd_fit(x, t_x, t, 1, -1) FROM pareto_cdnow;
SELECT pareto_nbd_fit(x, t_x, t, 1, NULL) FROM pareto_cdnow;
SELECT bgnbd_fit(x, t_x, t, 1, id % 2) FROM pareto_cdnow;
SELECT gamma_gamma_fit(x, zbar, 1, 'infinity') FROM pareto_spend;
SELECT pareto_nbd_standard_errors(NULL, x, t_x, t) FROM pareto_cdnow;
SELECT pareto_nbd_standard_errors(ROW(0.5 + id % 2, 10, 0.6, 11, NULL, NULL, NULL, NULL)::pareto_nbd_model, x, t_x, t)
FROM pareto_cdnow;
SELECT gamma_gamma_standard_errors(ROW(6, 4, 15, NULL, NULL, NULL, NULL)::gamma_gamma_model, x, zbar)
FROM pareto_spend WHERE x = 0;
SELECT pareto_nbd_standard_errors(ROW(50, 0.01, 60, 0.02, NULL, NULL, NULL, NULL)::pareto_nbd_model, x, t_x, t)
FROM pareto_cdnow;
SELECT pareto_nbd_p_alive(ROW(0.5, NULL, 0.6, 11, NULL, NULL, NULL, NULL)::pareto_nbd_model, 1, 2, 3);
SELECT mbgnbd_p_alive(ROW(0.5, -1, 0.6, 11, NULL, NULL, NULL, NULL)::mbgnbd_model, 1, 2, 3);
SELECT pareto_nbd_conditional_expected_purchases(ROW(0.5, 1, 0.6, 11, NULL, NULL, NULL, NULL)::pareto_nbd_model, 1, 4, 3, 5);
SELECT mbgnbd_expected_purchases(ROW(0.5, 1, 0.6, 11, NULL, NULL, NULL, NULL)::mbgnbd_model, -1);
SELECT mbgnbd_fit(x, t_x, t) FROM (VALUES (1.5::float8, 0::float8, 1::float8)) v(x, t_x, t);
-- parameters at the edge of the double range: the value where it is representable (here
-- ln L = ln(s/(r+s)) + ln(1 - (alpha/(alpha+T))^(r+s)) = -log1p(r/s) = -5.882352941176471e-312,
-- alpha = beta), 22003 where it is not (here ln L is about -s ln(1 + T/beta) = -1.8e309),
-- never NaN or a crash; test/pareto checks more against a direct quadrature
SELECT pareto_nbd_log_likelihood(ROW(0.001, 0.001, 1.7e308, 0.001, NULL, NULL, NULL, NULL)::pareto_nbd_model, 0, 0, 40);
SELECT pareto_nbd_log_likelihood(ROW(0.001, 0.001, 1.7e308, 0.001, NULL, NULL, NULL, NULL)::pareto_nbd_model, 5, 40, 40);
SELECT pareto_nbd_p_alive(ROW(0.001, 0.001, 1.7e308, 0.001, NULL, NULL, NULL, NULL)::pareto_nbd_model, 0, 0, 40) AS dead,
       pareto_nbd_p_alive(ROW(0.001, 0.001, 1.7e308, 0.001, NULL, NULL, NULL, NULL)::pareto_nbd_model, 5, 40, 40) AS just_bought;
-- MBG/NBD at the edge: r + x overflows; bought just now (t_x = t) P(alive) is
-- (b+x)/(a+b+x), 1 in double precision; a purchase one unit ago, (alpha+t)/(alpha+t_x) =
-- 41/40 raised to 3.4e308, makes it 0 (was NaN)
SELECT mbgnbd_p_alive(ROW(1.7e308, 1, 1, 1, NULL, NULL, NULL, NULL)::mbgnbd_model, 1.7e308, 40, 40) = 1 / (1 + 1 / (1 + 1.7e308::float8)) AS just_bought,
       mbgnbd_p_alive(ROW(1.7e308, 1, 1, 1, NULL, NULL, NULL, NULL)::mbgnbd_model, 1.7e308, 39, 40) AS gone;
-- the expectation's term limit names the model (r = 1e4, a horizon of 1e6 alpha)
SELECT mbgnbd_expected_purchases(ROW(1e4, 1e-3, 2, 3, NULL, NULL, NULL, NULL)::mbgnbd_model, 1e3);
