-- discrete-time customer models: sBG (contractual churn) and BG/BB (repeat transactions at
-- discrete opportunities), their standard errors, penalized fits and point functions.
-- Published references: Fader & Hardie (2007) "How to project customer retention", Table 1
-- survivors and fitted sBG parameters; Fader, Hardie & Shang (2010) "Customer-base analysis in
-- a discrete-time noncontractual setting", the 1995 donor cohort (test/data/donations_1995.csv,
-- provenance in test/data/README.md) and its BG/BB fit.  Every other expected value is a
-- plain-SQL identity or limit stated by the papers; test/discrete/run-check.sh compares the
-- point functions and the standard errors printed here with independent 30-digit mpmath
-- evaluations of the papers' closed forms and of the Hessian.
SET extra_float_digits = 0;

-- ---------------------------------------------------------------------------------------
-- 1. sBG: Fader & Hardie (2007), survivors per 1,000 customers at years 0..7
CREATE TABLE sbg_survivors (segment text, year int, alive int);
INSERT INTO sbg_survivors VALUES
  ('regular', 0, 1000), ('regular', 1, 631), ('regular', 2, 468), ('regular', 3, 382),
  ('regular', 4, 326), ('regular', 5, 289), ('regular', 6, 262), ('regular', 7, 241),
  ('high end', 0, 1000), ('high end', 1, 869), ('high end', 2, 743), ('high end', 3, 653),
  ('high end', 4, 593), ('high end', 5, 551), ('high end', 6, 517), ('high end', 7, 491);
-- churned after year t: alive(t-1) - alive(t); still active after year 7: alive(7)
CREATE VIEW sbg_rows AS
SELECT segment, year AS periods, true AS churned,
       (lag(alive) OVER (PARTITION BY segment ORDER BY year) - alive)::float8 AS w
FROM sbg_survivors
UNION ALL SELECT segment, 7, false, alive FROM sbg_survivors WHERE year = 7;
CREATE TABLE sbg_fits AS
SELECT segment, sbg_fit(periods, churned, w) AS m FROM sbg_rows WHERE w IS NOT NULL GROUP BY segment;
-- the paper: regular alpha 0.704, beta 1.182; high end alpha 0.668, beta 3.806
SELECT segment, round((m).alpha::numeric, 3) AS alpha, round((m).beta::numeric, 3) AS beta,
       (m).n, (m).converged
FROM sbg_fits ORDER BY segment;
-- ll is the sum of sbg_log_likelihood over the customers
SELECT segment, abs((m).ll - (SELECT sum(w * sbg_log_likelihood(f.m, periods, churned))
                             FROM sbg_rows r WHERE r.segment = f.segment AND w IS NOT NULL)) < 1e-9 AS ll_is_sum
FROM sbg_fits f ORDER BY segment;
-- the fitted curve tracks the survivors (the paper's Figure 3): within 20 per 1,000
SELECT segment, max(abs(1000 * sbg_survival(m, year) - alive)) < 20 AS tracks_survivors
FROM sbg_fits JOIN sbg_survivors USING (segment) GROUP BY segment ORDER BY segment;
-- one row per customer gives the same model as the weighted rows
SELECT sbg_fit(periods, churned) = (SELECT m FROM sbg_fits WHERE segment = 'regular') AS unweighted_same
FROM sbg_rows, generate_series(1, w::int) WHERE segment = 'regular' AND w IS NOT NULL;
-- input order does not matter
SELECT sbg_fit(periods, churned, w ORDER BY w DESC) = sbg_fit(periods, churned, w ORDER BY periods, churned) AS order_free
FROM sbg_rows WHERE segment = 'high end' AND w IS NOT NULL;

-- point functions on a model built from the published parameters (fit fields NULL)
CREATE TABLE sbg_pub AS SELECT ROW(0.704, 1.182, NULL, NULL, NULL, NULL)::sbg_model AS m;
-- S(0) = 1; S(t) = prod r(k) and r(1) = beta / (alpha + beta); r rises with tenure to 1
SELECT sbg_survival(m, 0) AS s0,
       abs(sbg_retention_rate(m, 1) - 1.182 / (0.704 + 1.182)) < 1e-15 AS r1,
       (SELECT max(abs(sbg_survival(m, t) / sbg_survival(m, t - 1) - sbg_retention_rate(m, t)))
        FROM generate_series(1, 200) t) < 1e-13 AS survival_is_product_of_retention,
       (SELECT bool_and(sbg_retention_rate(m, t + 1) > sbg_retention_rate(m, t))
        FROM generate_series(1, 1000) t) AS retention_rises,
       sbg_retention_rate(m, 100000) > 0.99999 AS retention_tends_to_one,
       abs((SELECT sum(sbg_log_likelihood(m, t, true)) FROM generate_series(1, 1) t)
           - ln(0.704 / (0.704 + 1.182))) < 1e-15 AS p_churn_first
FROM sbg_pub;
-- DERL: the direct sum of discounted survival (plain SQL over sbg_survival), rising with
-- tenure and falling with the discount rate; at d = 0 the expected residual lifetime
-- (beta + n) / (alpha - 1), infinite for alpha <= 1
SELECT n, d, abs(sbg_derl(m, n, d) / (SELECT sum(sbg_survival(m, n + 1 + k) / sbg_survival(m, n) / (1 + d) ^ k)
                                     FROM generate_series(0, 1000) k) - 1) < 1e-12 AS derl_is_direct_sum
FROM sbg_pub, (VALUES (0), (3), (20)) v(n), (VALUES (0.1), (0.25), (1.0)) dd(d) ORDER BY n, d;
SELECT bool_and(sbg_derl(m, n + 1, 0.1) > sbg_derl(m, n, 0.1)) AS derl_rises_with_tenure,
       bool_and(sbg_derl(m, n, 0.2) < sbg_derl(m, n, 0.1)) AS derl_falls_with_discounting
FROM sbg_pub, generate_series(0, 50) n;
SELECT sbg_derl(ROW(3.0, 2.0, NULL, NULL, NULL, NULL)::sbg_model, 4, 0) AS derl_undiscounted,
       abs(sbg_derl(ROW(3.0, 2.0, NULL, NULL, NULL, NULL)::sbg_model, 4, 1e-5) - 3.0) < 1e-3 AS small_rate_near_limit;
SELECT sbg_derl(m, 0, 0) FROM sbg_pub;

-- standard errors: at the fit and at the hand-built model (test/discrete checks both against
-- mpmath's Hessian); four times the customers halve them (the information is additive)
SELECT segment, (SELECT array_agg(round(v::numeric, 4)) FROM unnest(sbg_standard_errors(m, periods, churned, w)) v) AS se
FROM sbg_fits JOIN sbg_rows USING (segment) WHERE w IS NOT NULL GROUP BY segment, m ORDER BY segment;
SELECT (SELECT array_agg(round(v::numeric, 4)) FROM unnest(sbg_standard_errors(p.m, periods, churned, w)) v) AS se_published,
       (SELECT max(abs(a / b - 2)) FROM unnest(sbg_standard_errors(p.m, periods, churned, w),
                                               sbg_standard_errors(p.m, periods, churned, 4 * w)) u(a, b)) < 1e-7 AS quadruple_halves
FROM sbg_pub p, sbg_rows WHERE segment = 'regular' AND w IS NOT NULL GROUP BY p.m;

-- penalized fit (lifetimes' penalizer_coef): minimises mean negative log-likelihood + c (alpha^2 + beta^2)
CREATE TABLE sbg_pen AS
SELECT sbg_fit(periods, churned, w, 0.0) AS m0, sbg_fit(periods, churned, w, 0.05) AS m
FROM sbg_rows WHERE segment = 'regular' AND w IS NOT NULL;
CREATE FUNCTION pg_temp.sbg_objective(a float8, b float8, c float8) RETURNS float8 LANGUAGE sql AS $$
  SELECT -sum(w * sbg_log_likelihood(ROW(a, b, NULL, NULL, NULL, NULL)::sbg_model, periods, churned)) / sum(w)
         + c * (a * a + b * b)
  FROM sbg_rows WHERE segment = 'regular' AND w IS NOT NULL $$;
SELECT m0 = (SELECT m FROM sbg_fits WHERE segment = 'regular') AS zero_penalty_is_plain_fit,
       (m).alpha ^ 2 + (m).beta ^ 2 < (m0).alpha ^ 2 + (m0).beta ^ 2 AS shrinks,
       abs((m).ll - (SELECT sum(w * sbg_log_likelihood(p.m, periods, churned)) FROM sbg_rows
                     WHERE segment = 'regular' AND w IS NOT NULL)) < 1e-9 AS ll_unpenalized,
       (SELECT bool_and(pg_temp.sbg_objective((m).alpha, (m).beta, 0.05)
                        < pg_temp.sbg_objective((m).alpha * (1 + da), (m).beta * (1 + db), 0.05))
        FROM (VALUES (1e-3, 0), (-1e-3, 0), (0, 1e-3), (0, -1e-3), (1e-3, 1e-3), (-1e-3, -1e-3)) v(da, db)) AS minimises_penalized
FROM sbg_pen p;

-- errors: what cannot identify the model, and bad input
SELECT sbg_fit(t % 3 + 1, false) FROM generate_series(1, 50) t;
SELECT sbg_fit(1, t % 2 = 0) FROM generate_series(1, 50) t;
-- exactly geometric survivors (1000, 500, 250, ...): no heterogeneity, alpha and beta unbounded
SELECT sbg_fit(periods, churned, w) FROM (VALUES (1, true, 500.0), (2, true, 250), (3, true, 125), (4, true, 62.5), (4, false, 62.5)) v(periods, churned, w);
SELECT sbg_fit(periods, churned, w, 0.01) IS NOT NULL AS penalizer_keeps_it_finite FROM (VALUES (1, true, 500.0), (2, true, 250), (3, true, 125), (4, true, 62.5), (4, false, 62.5)) v(periods, churned, w);
SELECT sbg_fit(periods, churned) FROM (VALUES (1, true), (2, false)) v(periods, churned);
SELECT sbg_fit(0, true);
SELECT sbg_fit(-1, false);
SELECT sbg_fit(100001, false);
SELECT sbg_fit(2, true, -1);
SELECT sbg_fit(2, true, 1, -0.5);
SELECT sbg_fit(2, true, 1, t::float8) FROM generate_series(1, 2) t;
SELECT sbg_fit(2, true, 1, NULL);
SELECT sbg_fit(periods, churned, NULL) IS NULL AS null_weights_skip_rows FROM sbg_rows;
SELECT sbg_standard_errors(ROW(t, 1, NULL, NULL, NULL, NULL)::sbg_model, 2, true) FROM generate_series(1, 2) t;
-- one period only: at alpha = beta (the maximum for half churned) the information is singular,
-- elsewhere not even concave
SELECT sbg_standard_errors(ROW(2, 2, NULL, NULL, NULL, NULL)::sbg_model, 1, t % 2 = 0) FROM generate_series(1, 50) t;
SELECT sbg_standard_errors(ROW(0.7, 1.2, NULL, NULL, NULL, NULL)::sbg_model, 1, t % 2 = 0) FROM generate_series(1, 50) t;
SELECT sbg_survival(ROW(NULL, 1, NULL, NULL, NULL, NULL)::sbg_model, 1);
SELECT sbg_survival(ROW(0, 1, NULL, NULL, NULL, NULL)::sbg_model, 1);
SELECT sbg_retention_rate(m, 0) FROM sbg_pub;
SELECT sbg_derl(m, 1, -0.1) FROM sbg_pub;
SELECT sbg_log_likelihood(m, 0, true) FROM sbg_pub;
SELECT sbg_survival(NULL, 1) IS NULL AS strict_null;

-- ---------------------------------------------------------------------------------------
-- 2. BG/BB: Fader, Hardie & Shang (2010), the 1995 donor cohort, 6 opportunities
CREATE TABLE donations (x int, t_x int, n int, weight int);
\copy donations FROM 'test/data/donations_1995.csv' WITH (FORMAT csv, HEADER)
SELECT count(*) AS patterns, sum(weight) AS donors FROM donations;
CREATE TABLE bgbb_fits AS SELECT bgbb_fit(x, t_x, n, weight) AS m FROM donations;
-- the paper: alpha 1.204, beta 0.750, gamma 0.657, delta 2.783, LL -33,225.6
SELECT round((m).alpha::numeric, 3) AS alpha, round((m).beta::numeric, 3) AS beta,
       round((m).gamma::numeric, 3) AS gamma, round((m).delta::numeric, 3) AS delta,
       round((m).ll::numeric, 1) AS ll, (m).n, (m).converged
FROM bgbb_fits;
SELECT abs((m).ll - (SELECT sum(weight * bgbb_log_likelihood(m, x, t_x, n)) FROM donations)) < 1e-8 AS ll_is_sum
FROM bgbb_fits;
SELECT bgbb_fit(x, t_x, n) = (SELECT m FROM bgbb_fits) AS unweighted_same
FROM donations, generate_series(1, weight);
SELECT bgbb_fit(x, t_x, n, weight ORDER BY weight) = bgbb_fit(x, t_x, n, weight ORDER BY x DESC, t_x) AS order_free
FROM donations;

-- point functions at the published parameters, fit fields NULL
CREATE TABLE bgbb_pub AS SELECT ROW(1.204, 0.750, 0.657, 2.783, NULL, NULL, NULL, NULL)::bgbb_model AS m;
SELECT abs((SELECT sum(weight * bgbb_log_likelihood(m, x, t_x, n)) FROM donations) + 33225.6) < 0.1 AS published_ll
FROM bgbb_pub;
-- P(alive at n+1) in [0, 1]; with a transaction at the last opportunity the customer was alive
-- then, so P(alive at n+1) = P(survive one more) = (delta + n) / (gamma + delta + n)
SELECT bool_and(p BETWEEN 0 AND 1) AS p_alive_in_unit_interval,
       max(abs(p - (2.783 + n) / (0.657 + 2.783 + n))) FILTER (WHERE t_x = n) < 1e-14 AS recent_p_alive
FROM (SELECT x, t_x, n, bgbb_p_alive(m, x, t_x, n) AS p FROM donations, bgbb_pub) q;
-- at fixed x, an earlier last transaction means a lower P(alive)
SELECT bool_and(bgbb_p_alive(m, x, t_x, 6) < bgbb_p_alive(m, x, t_x + 1, 6)) AS p_alive_rises_with_recency
FROM bgbb_pub, donations WHERE x > 0 AND t_x < 6;
-- conditional expectation: 0 at horizon 0, rises with the horizon, and the first opportunity
-- is P(alive at n+1) E[p | data] = P(alive) (alpha + x) / (alpha + beta + n)
SELECT bool_and(bgbb_conditional_expected_purchases(m, x, t_x, n, 0) = 0) AS zero_horizon,
       bool_and(bgbb_conditional_expected_purchases(m, x, t_x, n, 1)
                BETWEEN 0.999999999999 * bgbb_p_alive(m, x, t_x, n) * (1.204 + x) / (1.204 + 0.750 + n)
                    AND 1.000000000001 * bgbb_p_alive(m, x, t_x, n) * (1.204 + x) / (1.204 + 0.750 + n)) AS first_opportunity,
       bool_and(e2 > e1) AS rises_with_horizon
FROM bgbb_pub, donations,
     LATERAL (SELECT bgbb_conditional_expected_purchases(m, x, t_x, n, h) AS e1,
                     bgbb_conditional_expected_purchases(m, x, t_x, n, h + 1) AS e2
              FROM generate_series(1, 30) h) hh;
-- E[X(n)]: E[X(1)] = alpha/(alpha+beta) delta/(gamma+delta); rising; FHS 2010 eq. 8 in closed
-- form for gamma = 3, delta = 4 (alpha 2, beta 3): 0.8 (1 - 30 / ((n+5)(n+6))), tending to
-- alpha/(alpha+beta) delta/(gamma-1) = 0.8
SELECT abs(bgbb_expected_purchases(m, 1) - 1.204 / (1.204 + 0.750) * 2.783 / (0.657 + 2.783)) < 1e-15 AS first_period,
       bgbb_expected_purchases(m, 0) AS none,
       (SELECT bool_and(bgbb_expected_purchases(m, n + 1) > bgbb_expected_purchases(m, n)) FROM generate_series(0, 100) n) AS rising
FROM bgbb_pub;
SELECT max(abs(bgbb_expected_purchases(ROW(2, 3, 3, 4, NULL, NULL, NULL, NULL)::bgbb_model, n)
               / (0.8 * (1 - 30.0 / ((n + 5.0) * (n + 6.0)))) - 1)) < 1e-12 AS closed_form_gamma_3
FROM unnest(ARRAY[1, 2, 10, 1000, 1000000]) n;
-- a new customer (x = t_x = 0, n = 0) expects what E[X(h)] says
SELECT abs(bgbb_conditional_expected_purchases(m, 0, 0, 0, 10) - bgbb_expected_purchases(m, 10)) < 1e-14 AS new_customer
FROM bgbb_pub;

-- standard errors at the published model and at the fit (test/discrete: mpmath's Hessian)
SELECT (SELECT array_agg(round(v::numeric, 4)) FROM unnest(bgbb_standard_errors(m, x, t_x, n, weight)) v) AS se_published
FROM bgbb_pub, donations GROUP BY m;
SELECT (SELECT array_agg(round(v::numeric, 4)) FROM unnest(bgbb_standard_errors(m, x, t_x, n, weight)) v) AS se_fit
FROM bgbb_fits, donations GROUP BY m;

-- penalized fit: c = 0 is the plain fit; c > 0 shrinks the sum of squares, reports the
-- unpenalized ll, and minimises mean negative log-likelihood + c (alpha^2 + beta^2 + gamma^2 + delta^2)
CREATE TABLE bgbb_pen AS SELECT bgbb_fit(x, t_x, n, weight, 0.0) AS m0, bgbb_fit(x, t_x, n, weight, 0.01) AS m FROM donations;
CREATE FUNCTION pg_temp.bgbb_objective(m bgbb_model, c float8) RETURNS float8 LANGUAGE sql AS $$
  SELECT -sum(weight * bgbb_log_likelihood(m, x, t_x, n)) / sum(weight)
         + c * ((m).alpha ^ 2 + (m).beta ^ 2 + (m).gamma ^ 2 + (m).delta ^ 2)
  FROM donations $$;
SELECT m0 = (SELECT m FROM bgbb_fits) AS zero_penalty_is_plain_fit,
       (m).alpha ^ 2 + (m).beta ^ 2 + (m).gamma ^ 2 + (m).delta ^ 2
         < (m0).alpha ^ 2 + (m0).beta ^ 2 + (m0).gamma ^ 2 + (m0).delta ^ 2 AS shrinks,
       abs((m).ll - (SELECT sum(weight * bgbb_log_likelihood(p.m, x, t_x, n)) FROM donations)) < 1e-8 AS ll_unpenalized,
       (SELECT bool_and(pg_temp.bgbb_objective(m, 0.01) < pg_temp.bgbb_objective(
                ROW((m).alpha * (1 + 1e-3 * (i = 1)::int * s), (m).beta * (1 + 1e-3 * (i = 2)::int * s),
                    (m).gamma * (1 + 1e-3 * (i = 3)::int * s), (m).delta * (1 + 1e-3 * (i = 4)::int * s),
                    NULL, NULL, NULL, NULL)::bgbb_model, 0.01))
        FROM generate_series(1, 4) i, (VALUES (1), (-1)) ss(s)) AS minimises_penalized
FROM bgbb_pen p;

-- bgbb_summary against plain SQL: opportunities 1..6 with a transaction (several per
-- opportunity, 0 the first transaction, later ones a holdout)
CREATE TABLE bgbb_tx AS
SELECT 1 + (hashint4(i) & 2147483647) % 3000 AS customer, (hashint4(i + 7) & 2147483647) % 9 AS opportunity
FROM generate_series(1, 20000) i;
CREATE TABLE bgbb_summary_serial AS
SELECT customer, bgbb_summary(opportunity, 6) AS s FROM bgbb_tx GROUP BY customer;
SELECT count(*) AS summary_plain_sql_mismatches
FROM bgbb_summary_serial s JOIN (
  SELECT customer, count(DISTINCT opportunity) FILTER (WHERE opportunity BETWEEN 1 AND 6) AS x,
         coalesce(max(opportunity) FILTER (WHERE opportunity BETWEEN 1 AND 6), 0) AS t_x
  FROM bgbb_tx GROUP BY customer) p USING (customer)
WHERE (s).x <> p.x OR (s).t_x <> p.t_x OR (s).n_periods <> 6;
SELECT bgbb_summary(o, 6) AS only_first_transaction FROM (VALUES (0), (0)) v(o);
SELECT bgbb_summary(o, 6) AS null_opportunities FROM (VALUES (NULL::int), (3)) v(o);
SELECT bgbb_summary(-1, 6);
SELECT bgbb_summary(1, t) FROM generate_series(5, 6) t;

-- errors
SELECT bgbb_fit(0, 0, 6) FROM generate_series(1, 20);
SELECT bgbb_fit(6, 6, 6) FROM generate_series(1, 20);
SELECT bgbb_fit(t % 2, t % 2, 1) FROM generate_series(1, 20) t;
SELECT bgbb_fit(x, t_x, n, weight) FROM donations WHERE x = 0 OR t_x = 1;
SELECT bgbb_fit(2, 1, 6);
SELECT bgbb_fit(1, 0, 6);
SELECT bgbb_fit(0, 2, 6);
SELECT bgbb_fit(3, 7, 6);
SELECT bgbb_p_alive(m, 1, 1, -1) FROM bgbb_pub;
SELECT bgbb_conditional_expected_purchases(m, 1, 1, 6, -1) FROM bgbb_pub;
SELECT bgbb_expected_purchases(m, -1) FROM bgbb_pub;
SELECT bgbb_p_alive(ROW(1, 1, NULL, 1, NULL, NULL, NULL, NULL)::bgbb_model, 1, 1, 2);
SELECT bgbb_standard_errors(ROW(1, 1, 1, 1, NULL, NULL, NULL, NULL)::bgbb_model, 0, 0, 1) FROM generate_series(1, 20);

-- ---------------------------------------------------------------------------------------
-- 3. Serial, parallel and partitionwise plans give identical results
-- true when the plan of q aggregates in partial steps (per worker or per partition)
CREATE FUNCTION pg_temp.has_partial_agg(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
  EXECUTE 'EXPLAIN (COSTS OFF, FORMAT JSON) ' || q INTO plan;
  RETURN plan::text LIKE '%"Partial Mode": "Partial"%';
END $$;
-- 100,000 donors drawn from the cohort's patterns, each also an sBG customer drawn from the
-- regular segment's 1,000, two segments; partitioned in three by row number, so that the same
-- view runs serial, parallel or partitionwise depending on the settings
CREATE TABLE disc_gen (i int, seg int, x int, t_x int, n int, periods int, churned boolean) PARTITION BY RANGE (i);
CREATE TABLE disc_gen_p1 PARTITION OF disc_gen FOR VALUES FROM (MINVALUE) TO (30000);
CREATE TABLE disc_gen_p2 PARTITION OF disc_gen FOR VALUES FROM (30000) TO (70000);
CREATE TABLE disc_gen_p3 PARTITION OF disc_gen FOR VALUES FROM (70000) TO (MAXVALUE);
INSERT INTO disc_gen
SELECT i, i % 2 AS seg, d.x, d.t_x, d.n, s.periods, s.churned
FROM generate_series(1, 100000) i
JOIN (SELECT x, t_x, n, sum(weight) OVER (ORDER BY x, t_x) - weight AS lo, sum(weight) OVER (ORDER BY x, t_x) AS hi
      FROM donations) d ON (hashint4(i) & 2147483647) % 11104 >= d.lo AND (hashint4(i) & 2147483647) % 11104 < d.hi
JOIN (SELECT periods, churned, sum(w) OVER (ORDER BY periods, churned) - w AS lo, sum(w) OVER (ORDER BY periods, churned) AS hi
      FROM sbg_rows WHERE segment = 'regular' AND w IS NOT NULL) s
  ON (hashint4(i + 5) & 2147483647) % 1000 >= s.lo AND (hashint4(i + 5) & 2147483647) % 1000 < s.hi;
ANALYZE disc_gen;
CREATE VIEW disc_gen_aggs AS
SELECT seg, bgbb_fit(x, t_x, n) AS b, sbg_fit(periods, churned) AS s, bgbb_fit(x, t_x, n, 1, 0.1) AS bp,
       bgbb_standard_errors((SELECT m FROM bgbb_pub), x, t_x, n) AS bse,
       sbg_standard_errors((SELECT m FROM sbg_pub), periods, churned) AS sse
FROM disc_gen GROUP BY seg;
SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.has_partial_agg('SELECT * FROM disc_gen_aggs') AS serial_plan_is_partial;
CREATE TABLE disc_gen_serial AS SELECT * FROM disc_gen_aggs;
CREATE VIEW disc_gen_mismatches AS
SELECT count(*) AS mismatches FROM disc_gen_aggs p FULL JOIN disc_gen_serial s USING (seg)
WHERE p.b IS DISTINCT FROM s.b OR p.s IS DISTINCT FROM s.s OR p.bp IS DISTINCT FROM s.bp
   OR p.bse IS DISTINCT FROM s.bse OR p.sse IS DISTINCT FROM s.sse;
-- each segment is a bootstrap sample of the cohorts: near the published fits
SELECT seg, abs((b).alpha / 1.204 - 1) < 0.1 AS alpha_near, abs((b).delta / 2.783 - 1) < 0.2 AS delta_near,
       abs((s).alpha / 0.704 - 1) < 0.1 AS sbg_alpha_near, abs((s).beta / 1.182 - 1) < 0.1 AS sbg_beta_near
FROM disc_gen_serial ORDER BY seg;
BEGIN;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SELECT pg_temp.has_partial_agg('SELECT * FROM disc_gen_aggs') AS fit_plan_is_parallel,
       pg_temp.has_partial_agg($$SELECT customer, bgbb_summary(opportunity, 6) FROM bgbb_tx GROUP BY customer$$) AS summary_plan_is_parallel;
SELECT mismatches AS parallel_mismatches FROM disc_gen_mismatches;
SELECT count(*) AS parallel_summary_mismatches
FROM (SELECT customer, bgbb_summary(opportunity, 6) AS s FROM bgbb_tx GROUP BY customer) p
FULL JOIN bgbb_summary_serial s USING (customer) WHERE p.s IS DISTINCT FROM s.s;
COMMIT;
BEGIN;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL enable_hashagg = off;
SELECT pg_temp.has_partial_agg('SELECT * FROM disc_gen_aggs') AS fit_plan_is_partitionwise;
SELECT mismatches AS partitionwise_mismatches FROM disc_gen_mismatches;
COMMIT;
RESET max_parallel_workers_per_gather;

-- past 64 periods with a huge alpha (survival from (beta)_t / (alpha+beta)_t by log-gammas):
-- alpha = 1e11 gave +Infinity and a positive log-likelihood; now equal to the plain-SQL sum of
-- the t log ratios ln((beta+i)/(alpha+beta+i)) in numeric, within 1e-12 relative
SELECT a, t,
       abs(sbg_log_likelihood(ROW(a, 1, NULL, NULL, NULL, NULL)::sbg_model, t, false) - plain) / abs(plain) < 1e-12
         AS ll_matches_plain_sum,
       sbg_survival(ROW(a, 1, NULL, NULL, NULL, NULL)::sbg_model, t) BETWEEN 0 AND 1 AS survival_is_probability
FROM (VALUES (1e9::float8, 100), (1e11, 65), (1e11, 1000), (1e13, 100), (1e20, 100)) v(a, t),
     LATERAL (SELECT sum(ln((1 + i)::numeric / (a::numeric + 1 + i)))::float8 AS plain
              FROM generate_series(0, t - 1) i) p
ORDER BY a, t;
-- BG/BB with gamma = 1e13: ln L of (x 1, t_x 1, n 100) against mpmath at 50 digits,
-- -30.626753389482772534984454352910466822446209609991 (the paper's formula summed directly)
SELECT abs(bgbb_log_likelihood(ROW(1, 1, 1e13, 1, NULL, NULL, NULL, NULL)::bgbb_model, 1, 1, 100)
           - (-30.626753389482772534984454352910466822446209609991)) < 1e-9 AS bgbb_huge_gamma_matches;
