-- test/bench/pareto.sql: Pareto/NBD and MBG/NBD (README "Pareto/NBD and MBG/NBD") on every
-- buyer's purchase summary up to 2024-07-01, in weeks: the fits over the summaries collapsed
-- to whole days (as the README advises), and the point functions on a million summary rows
-- next to bgnbd_p_alive on the same rows (target: Pareto/NBD's P(alive), which evaluates a
-- hypergeometric integral, within 2x of BG/NBD's closed form).
-- requires: btyd_summary pareto_nbd_fit mbgnbd_fit pareto_nbd_p_alive mbgnbd_p_alive bgnbd_p_alive
-- bench: pareto_nbd_fit | Pareto/NBD fit over the summaries (days) | fit
-- bench: mbgnbd_fit | MBG/NBD fit over the summaries (days) | fit
-- bench: pareto_nbd_p_alive | pareto_nbd_p_alive on 1M summary rows
-- bench: mbgnbd_p_alive | mbgnbd_p_alive on 1M summary rows
-- bench: bgnbd_p_alive_1m | bgnbd_p_alive on the same 1M rows (reference)
-- bench: pareto_nbd_conditional | pareto_nbd_conditional_expected_purchases on 1M rows
--
-- None has a plain-SQL counterpart (a likelihood maximisation, or a 2F1 integral, which
-- PostgreSQL 15 lacks): the floor is count(*) over the same rows. Each fit's
-- bench_NAME_distinct counts the distinct summaries it optimises over (test/bench/README.md).

-- the summaries, t_x and t rounded to whole days so that identical summaries collapse
CREATE UNLOGGED TABLE bench_pareto_customers AS
SELECT (s).x, round((s).t_x * 7) / 7 AS t_x, round((s).t * 7) / 7 AS t
FROM (SELECT btyd_summary(ts, amount::float8, timestamptz '2024-07-01 00:00+00', interval '7 days') AS s
      FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00'
      GROUP BY customer_id) q;
ANALYZE bench_pareto_customers;

CREATE VIEW bench_pareto_nbd_fit_ours AS
SELECT 1 AS k, (m).r, (m).alpha, (m).s, (m).beta, (m).ll, (m).n, (m).iterations
FROM (SELECT pareto_nbd_fit(x, t_x, t) AS m FROM bench_pareto_customers) q;
CREATE VIEW bench_pareto_nbd_fit_distinct AS
SELECT count(*) AS n FROM (SELECT DISTINCT x, t_x, t FROM bench_pareto_customers) d;
CREATE VIEW bench_pareto_nbd_fit_floor AS SELECT 1 AS k, count(*) AS n FROM bench_pareto_customers;

CREATE VIEW bench_mbgnbd_fit_ours AS
SELECT 1 AS k, (m).r, (m).alpha, (m).a, (m).b, (m).ll, (m).n, (m).iterations
FROM (SELECT mbgnbd_fit(x, t_x, t) AS m FROM bench_pareto_customers) q;
CREATE VIEW bench_mbgnbd_fit_distinct AS
SELECT count(*) AS n FROM (SELECT DISTINCT x, t_x, t FROM bench_pareto_customers) d;
CREATE VIEW bench_mbgnbd_fit_floor AS SELECT 1 AS k, count(*) AS n FROM bench_pareto_customers;

-- a million rows drawn from the summaries, and one model of each family (CDNOW's)
CREATE UNLOGGED TABLE bench_pareto_rows AS
SELECT row_number() OVER () AS k, c.x, c.t_x, c.t
FROM bench_pareto_customers c,
     generate_series(1, 1000000 / greatest(1, (SELECT count(*) FROM bench_pareto_customers))::int + 1) AS g
LIMIT 1000000;
ANALYZE bench_pareto_rows;

CREATE VIEW bench_pareto_nbd_p_alive_ours AS
SELECT k, pareto_nbd_p_alive(ROW(0.553, 10.578, 0.606, 11.669, NULL, NULL, NULL, NULL)::pareto_nbd_model, x, t_x, t) AS p
FROM bench_pareto_rows;
CREATE VIEW bench_pareto_nbd_p_alive_floor AS SELECT k, 1 AS n FROM bench_pareto_rows;

CREATE VIEW bench_mbgnbd_p_alive_ours AS
SELECT k, mbgnbd_p_alive(ROW(0.525, 6.183, 0.891, 1.614, NULL, NULL, NULL, NULL)::mbgnbd_model, x, t_x, t) AS p
FROM bench_pareto_rows;
CREATE VIEW bench_mbgnbd_p_alive_floor AS SELECT k, 1 AS n FROM bench_pareto_rows;

CREATE VIEW bench_bgnbd_p_alive_1m_ours AS
SELECT k, bgnbd_p_alive(ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL, NULL)::bgnbd_model, x, t_x, t) AS p
FROM bench_pareto_rows;
CREATE VIEW bench_bgnbd_p_alive_1m_floor AS SELECT k, 1 AS n FROM bench_pareto_rows;

CREATE VIEW bench_pareto_nbd_conditional_ours AS
SELECT k, pareto_nbd_conditional_expected_purchases(ROW(0.553, 10.578, 0.606, 11.669, NULL, NULL, NULL, NULL)::pareto_nbd_model,
                                                    x, t_x, t, 52::float8) AS e
FROM bench_pareto_rows;
CREATE VIEW bench_pareto_nbd_conditional_floor AS SELECT k, 1 AS n FROM bench_pareto_rows;
