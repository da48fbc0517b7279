-- test/bench/discrete.sql: the discrete-time models. BG/BB summaries of every buyer's
-- purchases at monthly opportunities (30-day months since signup), the BG/BB and sBG fits
-- over collapsed summaries, and BG/BB point functions on one row per customer (1,000,000 at
-- the default size; --quick is a sanity run on 50,000) next to bgnbd_p_alive on the same rows.
-- requires: bgbb_summary bgbb_fit sbg_fit bgbb_p_alive bgbb_conditional_expected_purchases bgnbd_p_alive
-- bench: bgbb_summary | bgbb_summary (monthly opportunities per buyer) | parallel
-- bench: bgbb_fit | BG/BB fit over the summaries (penalizer 0.01) | fit
-- bench: sbg_fit | sBG fit over every customer's paid months (penalizer 0.01) | fit
-- bench: bgbb_p_alive | bgbb_p_alive, one row per customer | parallel
-- bench: bgbb_cond_exp | bgbb_conditional_expected_purchases (12 opportunities), one row per customer
-- bench: bgnbd_p_alive_ref | bgnbd_p_alive on the same rows (a continuous-time point function, for scale)
--
-- Plain SQL for the summary: x = distinct opportunities 1..n with a purchase, t_x = the last
-- of them (0 if none). The fits and point functions have no plain-SQL counterpart (beta
-- functions need lgamma, which PostgreSQL 15 lacks; a fit needs an optimiser loop): their
-- floor is count(*) over the same rows. The generator's churn is memoryless (exponential
-- lifetimes, the same for every customer), so the plain maximum-likelihood fits rightly
-- refuse these data (no heterogeneity: alpha and beta grow without bound); the benchmark
-- times the penalized fits (lifetimes' penalizer_coef = 0.01), which stay finite. Each fit's
-- bench_NAME_distinct counts the distinct rows it optimises over (test/bench/README.md).

CREATE VIEW bench_discrete_purchases AS
SELECT e.customer_id, floor(extract(epoch FROM e.ts - c.signup_at) / (30 * 86400))::int AS opportunity,
       floor(extract(epoch FROM timestamptz '2024-07-01 00:00+00' - c.signup_at) / (30 * 86400))::int AS n
FROM events e JOIN customers c USING (customer_id)
WHERE e.event_type = 'purchase' AND e.ts < timestamptz '2024-07-01 00:00+00';

CREATE VIEW bench_bgbb_summary_ours AS
SELECT k, (s).x, (s).t_x, (s).n_periods
FROM (SELECT customer_id AS k, bgbb_summary(opportunity, n) AS s
      FROM bench_discrete_purchases GROUP BY customer_id) q;

CREATE VIEW bench_bgbb_summary_plain AS
SELECT customer_id AS k, count(DISTINCT opportunity) FILTER (WHERE opportunity BETWEEN 1 AND n)::int AS x,
       coalesce(max(opportunity) FILTER (WHERE opportunity BETWEEN 1 AND n), 0) AS t_x, min(n) AS n_periods
FROM bench_discrete_purchases GROUP BY customer_id;

CREATE VIEW bench_bgbb_summary_floor AS
SELECT customer_id AS k, count(*) AS n FROM bench_discrete_purchases GROUP BY customer_id;

-- the fits' input, built once
CREATE UNLOGGED TABLE bench_bgbb_customers AS SELECT * FROM bench_bgbb_summary_ours;
CREATE UNLOGGED TABLE bench_sbg_customers AS
SELECT customer_id, active_until < timestamptz '2024-07-01 00:00+00' AS churned,
       CASE WHEN active_until < timestamptz '2024-07-01 00:00+00'
            THEN 1 + floor(extract(epoch FROM active_until - signup_at) / (30 * 86400))::int
            ELSE floor(extract(epoch FROM active_until - signup_at) / (30 * 86400))::int END AS periods
FROM customers;
-- one (x, t_x, 12) row per customer for the point functions: t_x in 0..12, 1 <= x <= t_x
CREATE UNLOGGED TABLE bench_discrete_points AS
SELECT customer_id, t_x, CASE WHEN t_x = 0 THEN 0 ELSE 1 + (customer_id / 13) % t_x END::int AS x
FROM (SELECT customer_id, (customer_id % 13)::int AS t_x FROM customers) q;
ANALYZE bench_bgbb_customers, bench_sbg_customers, bench_discrete_points;

CREATE VIEW bench_bgbb_fit_ours AS
SELECT 1 AS k, (m).alpha, (m).beta, (m).gamma, (m).delta, (m).ll, (m).n, (m).iterations
FROM (SELECT bgbb_fit(x, t_x, n_periods, 1::float8, 0.01::float8) AS m FROM bench_bgbb_customers) q;
CREATE VIEW bench_bgbb_fit_distinct AS
SELECT count(*) AS n FROM (SELECT DISTINCT x, t_x, n_periods FROM bench_bgbb_customers) d;
CREATE VIEW bench_bgbb_fit_floor AS SELECT 1 AS k, count(*) AS n FROM bench_bgbb_customers;

CREATE VIEW bench_sbg_fit_ours AS
SELECT 1 AS k, (m).alpha, (m).beta, (m).ll, (m).n, (m).iterations
FROM (SELECT sbg_fit(periods, churned, 1::float8, 0.01::float8) AS m FROM bench_sbg_customers) q;
CREATE VIEW bench_sbg_fit_distinct AS
SELECT count(*) AS n FROM (SELECT DISTINCT periods, churned FROM bench_sbg_customers) d;
CREATE VIEW bench_sbg_fit_floor AS SELECT 1 AS k, count(*) AS n FROM bench_sbg_customers;

-- the published donor-cohort model (Fader, Hardie & Shang 2010) and a BG/NBD model of
-- similar scale (CDNOW, Fader, Hardie & Lee 2005)
CREATE VIEW bench_bgbb_p_alive_ours AS
SELECT customer_id AS k,
       bgbb_p_alive(ROW(1.204, 0.750, 0.657, 2.783, NULL, NULL, NULL, NULL)::bgbb_model, x, t_x, 12) AS p
FROM bench_discrete_points;
CREATE VIEW bench_bgbb_p_alive_floor AS SELECT customer_id AS k, count(*) AS n FROM bench_discrete_points GROUP BY 1;

CREATE VIEW bench_bgbb_cond_exp_ours AS
SELECT customer_id AS k,
       bgbb_conditional_expected_purchases(ROW(1.204, 0.750, 0.657, 2.783, NULL, NULL, NULL, NULL)::bgbb_model,
                                           x, t_x, 12, 12) AS e
FROM bench_discrete_points;
CREATE VIEW bench_bgbb_cond_exp_floor AS SELECT customer_id AS k, count(*) AS n FROM bench_discrete_points GROUP BY 1;

CREATE VIEW bench_bgnbd_p_alive_ref_ours AS
SELECT customer_id AS k,
       bgnbd_p_alive(ROW(0.2426, 4.4135, 0.7929, 2.4258, NULL, NULL, NULL, NULL)::bgnbd_model,
                     x::float8, t_x::float8, 12::float8) AS p
FROM bench_discrete_points;
CREATE VIEW bench_bgnbd_p_alive_ref_floor AS SELECT customer_id AS k, count(*) AS n FROM bench_discrete_points GROUP BY 1;
