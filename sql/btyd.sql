-- btyd: customer lifetime value (BG/NBD, Gamma-Gamma) against the published CDNOW fits.
-- Targets and their sources: shared reference clv.md sections 0-6 (Fader, Hardie & Lee 2005;
-- Fader & Hardie 2013; lifetimes and CLVTools test suites). Numeric results are printed as
-- tolerance checks (true/false) or as lists of mismatches (empty when all is well).

-- ---------------------------------------------------------------------------------------
-- 1. The CDNOW 1/10 sample: 6,919 order rows of 2,357 customers, and the two published
--    calibration summaries (39 weeks to 1997-09-30), see test/data/README.md.
CREATE TABLE btyd_cdnow_raw (line text);
\copy btyd_cdnow_raw FROM 'test/data/CDNOW_sample.txt'
CREATE TABLE btyd_cdnow_orders AS
SELECT f[2]::int AS customer, f[3]::date::timestamp AT TIME ZONE 'UTC' AS ts,
       f[5]::numeric AS amount
FROM (SELECT regexp_split_to_array(btrim(line, E' \r'), ' +') AS f FROM btyd_cdnow_raw) s;
SELECT count(*) AS order_rows, count(DISTINCT customer) AS customers, sum(amount) AS total
FROM btyd_cdnow_orders;

CREATE TABLE btyd_cdnow_file (id int PRIMARY KEY, x int, t_x numeric, t numeric, zbar numeric);
\copy btyd_cdnow_file FROM 'test/data/cdnow_customers_summary_with_transactions.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE btyd_cdnow_freq_file (id int PRIMARY KEY, frequency int, recency numeric, t numeric);
\copy btyd_cdnow_freq_file FROM 'test/data/cdnow_customers_summary.csv' WITH (FORMAT csv, HEADER)

-- 1a. btyd_summary rebuilds both files exactly (x; t_x, t to 2 dp; zbar to the cent)
CREATE TABLE btyd_cdnow_summary AS
SELECT customer, (s).x, (s).t_x, (s).t, (s).monetary
FROM (SELECT customer, btyd_summary(ts, amount, '1997-09-30 00:00+00', '7 days') AS s
      FROM btyd_cdnow_orders GROUP BY customer) q;
SELECT count(*) AS summary_file_mismatches
FROM btyd_cdnow_file f FULL JOIN btyd_cdnow_summary s ON s.customer = f.id
WHERE s.x IS DISTINCT FROM f.x OR round(s.t_x::numeric, 2) IS DISTINCT FROM f.t_x
   OR round(s.t::numeric, 2) IS DISTINCT FROM f.t
   OR round(s.monetary::numeric, 2) IS DISTINCT FROM f.zbar;
SELECT count(*) AS frequency_file_mismatches
FROM btyd_cdnow_freq_file f FULL JOIN btyd_cdnow_summary s ON s.customer = f.id
WHERE s.x IS DISTINCT FROM f.frequency OR round(s.t_x::numeric, 2) IS DISTINCT FROM f.recency
   OR round(s.t::numeric, 2) IS DISTINCT FROM f.t;
-- descriptives of clv.md section 1: 1,411 with x = 0, 946 repeaters, sum x = 2,457,
-- mean of the repeaters' spend rounded to cents 35.078552
SELECT count(*) FILTER (WHERE x = 0) AS zero_x, count(*) FILTER (WHERE x > 0) AS repeaters,
       sum(x) AS sum_x,
       abs(avg(round(monetary::numeric, 2)) FILTER (WHERE x > 0) - 35.078552) < 1e-6 AS mean_spend_ok
FROM btyd_cdnow_summary;
-- holdout: 1,882 repeat purchase days between 1997-10-01 and 1998-06-30
SELECT sum(w.x - c.x) AS holdout_purchases
FROM btyd_cdnow_summary c
JOIN (SELECT customer, (btyd_summary(ts, amount, '1998-06-30 00:00+00', '7 days')).x
      FROM btyd_cdnow_orders GROUP BY customer) w USING (customer);

-- 1b. the same summary computed in plain SQL on the same rows: no mismatch
CREATE TABLE btyd_cdnow_days AS
SELECT customer, (ts AT TIME ZONE 'UTC')::date AS day, sum(amount) AS total
FROM btyd_cdnow_orders WHERE ts <= '1997-09-30 00:00+00' GROUP BY 1, 2;
SELECT count(*) AS plain_sql_mismatches FROM (
  SELECT d.customer, count(*) - 1 AS x,
         (max(day) - min(day)) / 7.0::float8 AS t_x,
         (date '1997-09-30' - min(day)) / 7.0::float8 AS t,
         coalesce(avg(total::float8) FILTER (WHERE day > fd), 0) AS monetary
  FROM btyd_cdnow_days d
  JOIN (SELECT customer, min(day) AS fd FROM btyd_cdnow_days GROUP BY 1) f USING (customer)
  GROUP BY d.customer) p
FULL JOIN btyd_cdnow_summary s USING (customer)
WHERE s.x IS DISTINCT FROM p.x OR s.t_x IS DISTINCT FROM p.t_x OR s.t IS DISTINCT FROM p.t
   OR abs(s.monetary - p.monetary) > 1e-9 OR s.monetary IS NULL;

-- ---------------------------------------------------------------------------------------
-- 2. BG/NBD on the 2,357-customer calibration summary (clv.md section 2)
CREATE TABLE btyd_cdnow_bgnbd AS SELECT bgnbd_fit(x, t_x, t) AS m FROM btyd_cdnow_file;
SELECT abs((m).r / 0.242593 - 1) < 1e-3 AS r_ok,
       abs((m).alpha / 4.413530 - 1) < 1e-3 AS alpha_ok,
       abs((m).a / 0.792886 - 1) < 1e-3 AS a_ok,
       abs((m).b / 2.425752 - 1) < 1e-3 AS b_ok,
       abs((m).ll - (-9582.43)) <= 0.01 AS ll_ok,
       abs((m).ll - (-9582.4256)) <= 0.001 AS ll_4dp_ok,
       (m).n = 2357 AS n_ok, (m).converged, (m).iterations BETWEEN 10 AND 20000 AS iterations_ok
FROM btyd_cdnow_bgnbd;
-- log-likelihood at the rounded published parameters: -9582.4268 (clv.md section 6.2)
SELECT abs(sum(bgnbd_log_likelihood(ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL, NULL)::bgnbd_model,
                                    x, t_x, t)) - (-9582.4268)) < 1e-3 AS published_ll_ok
FROM btyd_cdnow_file;
-- the fit's ll is the sum of the per-customer log-likelihoods
SELECT abs(sum(bgnbd_log_likelihood(m, x, t_x, t)) - (m).ll) < 1e-8 AS ll_is_sum
FROM btyd_cdnow_file, btyd_cdnow_bgnbd GROUP BY m;
-- fitted on our own unrounded summary of the raw log instead, BG/NBD matches CLVTools' own
-- estimate (r 0.2425945, alpha 4.4136019, a 0.7929199, b 2.4258881, LL -9582.429)
SELECT abs((m).r / 0.2425945 - 1) < 1e-4 AND abs((m).alpha / 4.4136019 - 1) < 1e-4
       AND abs((m).a / 0.7929199 - 1) < 1e-4 AND abs((m).b / 2.4258881 - 1) < 1e-4 AS clvtools_params_ok,
       abs((m).ll - (-9582.429)) < 1e-3 AS clvtools_ll_ok
FROM (SELECT bgnbd_fit(x, t_x, t) AS m FROM btyd_cdnow_summary) s;
-- per-customer ln L at the fit (clv.md section 2.2)
SELECT id, round(bgnbd_log_likelihood(m, x, t_x, t)::numeric, 6) AS got, want
FROM btyd_cdnow_file JOIN (VALUES (1, -9.459701), (2, -4.470438), (3, -0.553807), (6, -21.864832),
                             (1516, -37.728318)) v(id, want) USING (id), btyd_cdnow_bgnbd
WHERE abs(bgnbd_log_likelihood(m, x, t_x, t) - want) > 1e-5 ORDER BY id;

-- ---------------------------------------------------------------------------------------
-- 3. Gamma-Gamma on the 946 repeat buyers (clv.md section 3)
CREATE TABLE btyd_cdnow_gg AS SELECT gamma_gamma_fit(x, zbar) AS g FROM btyd_cdnow_file;
SELECT abs((g).p / 6.2488 - 1) < 1e-3 AS p_ok,
       abs((g).q / 3.7446 - 1) < 1e-3 AS q_ok,
       abs((g).gamma / 15.4478 - 1) < 1e-3 AS gamma_ok,
       abs((g).ll - (-4055.92)) <= 0.01 AS ll_ok,
       abs((g).ll - (-4055.923)) <= 0.001 AS ll_3dp_ok,
       (g).n = 946 AS n_ok, (g).converged
FROM btyd_cdnow_gg;
SELECT abs(sum(gamma_gamma_log_likelihood(ROW(6.25, 3.74, 15.44, NULL, NULL, NULL, NULL)::gamma_gamma_model,
                                          x, zbar)) - (-4055.9247)) < 1e-3 AS published_ll_ok,
       count(gamma_gamma_log_likelihood(ROW(6.25, 3.74, 15.44, NULL, NULL, NULL, NULL)::gamma_gamma_model,
                                        x, zbar)) AS repeat_buyers
FROM btyd_cdnow_file;

-- ---------------------------------------------------------------------------------------
-- 4. Point functions at the fitted models (clv.md sections 2.3-2.5, 3.3)
-- E[X(t)] of a new customer: Hardie's spreadsheet values (tolerance 0.0015, as lifetimes
-- asserts) and our recomputation to 1e-5
SELECT t, bgnbd_expected_purchases(m, t) AS got, sheet, ours
FROM btyd_cdnow_bgnbd, (VALUES (0.1429, 0.0078, 0.007816), (1, 0.0532, 0.053185), (3, 0.1506, 0.150632),
                          (31.8571, 1.0405, 1.040494), (32, 1.0437, 1.043737),
                          (78, 1.8576, 1.857972)) v(t, sheet, ours)
WHERE abs(bgnbd_expected_purchases(m, t) - sheet) > 0.0015
   OR abs(bgnbd_expected_purchases(m, t) - ours) > 1e-5 ORDER BY t;
-- E[Y(h) | x, t_x, t] for listed customers (lifetimes docs and tests; clv.md table 2.4)
SELECT id, h, bgnbd_conditional_expected_purchases(m, x, t_x, t, h) AS got, want
FROM btyd_cdnow_bgnbd, btyd_cdnow_file
JOIN (VALUES (1, 39, 1.225910), (509, 1, 0.424877), (841, 1, 0.474738), (1981, 1, 0.486526),
             (157, 1, 0.662396), (1516, 1, 0.710623), (2, 39, 0.203251), (3, 39, 0.194781),
             (6, 39, 3.337239), (1516, 39, 20.750571)) v(id, h, want) USING (id)
WHERE abs(bgnbd_conditional_expected_purchases(m, x, t_x, t, h) - want) > 1e-5 * greatest(1, want)
ORDER BY id, h;
-- 1516 is the customer with the largest one-week expectation in the file
SELECT (SELECT id FROM btyd_cdnow_file, btyd_cdnow_bgnbd
        ORDER BY bgnbd_conditional_expected_purchases(m, x, t_x, t, 1) DESC, id LIMIT 1) AS top_customer;
-- P(alive)
SELECT id, bgnbd_p_alive(m, x, t_x, t) AS got, want
FROM btyd_cdnow_bgnbd, btyd_cdnow_file
JOIN (VALUES (1, 0.726609), (2, 0.212227), (3, 1.0), (6, 0.641801), (9, 0.784808),
             (1516, 0.968920)) v(id, want) USING (id)
WHERE abs(bgnbd_p_alive(m, x, t_x, t) - want) > 1e-5 ORDER BY id;
-- P(alive) against the textbook formula in plain SQL, every customer: no mismatch
SELECT count(*) AS p_alive_mismatches FROM btyd_cdnow_file, btyd_cdnow_bgnbd
WHERE abs(bgnbd_p_alive(m, x, t_x, t)
          - CASE WHEN x = 0 THEN 1
                 ELSE 1 / (1 + (m).a / ((m).b + x - 1)
                           * (((m).alpha + t) / ((m).alpha + t_x)) ^ ((m).r + x)) END) > 1e-12;
-- P(X(t) = n) of a new customer: R BTYD's values at the rounded published parameters
-- (clv.md section 2.6, asserted by lifetimes to 1e-4; here to 6 significant digits, as many
-- as the shortest of them prints)
SELECT t, n, bgnbd_purchases_probability(ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL, NULL)::bgnbd_model, t, n) AS got, want
FROM (VALUES (2, 10, 1.07869e-07), (39, 0, 0.5737864), (30, 11, 0.0019995214), (30, 12, 0.0015170236),
             (30, 13, 0.0011633150), (30, 14, 0.0009003148), (30, 15, 0.0007023638), (30, 16, 0.0005517902),
             (30, 17, 0.0004361913), (30, 18, 0.0003467171), (30, 19, 0.0002769613), (30, 20, 0.0002222260))
       v(t, n, want)
WHERE abs(bgnbd_purchases_probability(ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL, NULL)::bgnbd_model, t, n)
          / want - 1) > 1e-6
ORDER BY t, n;
-- the distribution sums to 1 and its mean is E[X(t)] (computed independently, from 2F1),
-- at the fitted model, from a tiny to a long horizon (at t = 300 the terms past n = 5000
-- add less than 1e-25)
SELECT t, abs(sum(p) - 1) < 1e-12 AS sums_to_1,
       abs(sum(n * p) / bgnbd_expected_purchases(m, t) - 1) < 1e-9 AS mean_is_expectation
FROM btyd_cdnow_bgnbd, unnest(ARRAY[0.01, 1, 39, 78, 300]) t, generate_series(0, 5000) n,
     LATERAL (SELECT bgnbd_purchases_probability(m, t, n) AS p) q
GROUP BY t, m ORDER BY t;
-- t = 0: no purchase yet; a horizon beyond any purchase rate leaves only the chance of having
-- dropped out right after the n-th purchase, B(a+1, b+n-1) / B(a, b) = a prod_{k<n-1} (b+k) /
-- prod_{k<n} (a+b+k) (here n = 5, in plain SQL); an impossible count gives exactly 0
SELECT bgnbd_purchases_probability(m, 0, 0) = 1 AS t0_n0, bgnbd_purchases_probability(m, 0, 3) = 0 AS t0_n3,
       abs(bgnbd_purchases_probability(m, 1e300, 5)
           / ((m).a * exp((SELECT sum(ln((m).b + k)) FROM generate_series(0, 3) k)
                          - (SELECT sum(ln((m).a + (m).b + k)) FROM generate_series(0, 4) k))) - 1) < 1e-9
         AS long_horizon_is_dropout_after_n,
       bgnbd_purchases_probability(m, 39, 2147483647) = 0 AS huge_n_zero
FROM btyd_cdnow_bgnbd;

-- aggregate checks: sum of E[Y(39)] over all customers 1653.4 (actual 1882); mean over the
-- x = 0 class 0.225 (actual 334 / 1411 = 0.237)
SELECT abs(sum(bgnbd_conditional_expected_purchases(m, x, t_x, t, 39)) - 1653.4) < 0.05 AS total_ok,
       abs(avg(bgnbd_conditional_expected_purchases(m, x, t_x, t, 39)) FILTER (WHERE x = 0) - 0.225) < 0.0005
         AS zero_class_ok
FROM btyd_cdnow_file, btyd_cdnow_bgnbd;
-- Gamma-Gamma expected spend: population mean 35.171004; the first ten customers as printed
-- by the lifetimes docs; mean over all 2,357 customers 35.2529597
SELECT abs(gamma_gamma_expected_spend(g, 0, 0) - 35.171004) < 1e-4 AS population_mean_ok,
       abs((g).p * (g).gamma / ((g).q - 1) - gamma_gamma_expected_spend(g, 0, 0)) < 1e-12 AS mean_formula_ok
FROM btyd_cdnow_gg;
SELECT id, gamma_gamma_expected_spend(g, x, zbar) AS got, want
FROM btyd_cdnow_gg, btyd_cdnow_file
JOIN (VALUES (1, 24.658619), (2, 18.911489), (3, 35.170981), (4, 35.170981), (5, 35.170981),
             (6, 71.462843), (7, 18.911489), (8, 35.170981), (9, 27.282408), (10, 35.170981))
     v(id, want) USING (id)
WHERE abs(gamma_gamma_expected_spend(g, x, zbar) - want) > 1e-4 ORDER BY id;
SELECT abs(avg(gamma_gamma_expected_spend(g, x, zbar)) - 35.2529597) < 1e-5 AS mean_spend_ok,
       count(*) FILTER (WHERE abs(gamma_gamma_expected_spend(g, x, zbar)
                                  - CASE WHEN x = 0 THEN (g).p * (g).gamma / ((g).q - 1)
                                         ELSE (g).p * ((g).gamma + x * zbar) / ((g).p * x + (g).q - 1) END)
                              > 1e-9) AS plain_sql_mismatches
FROM btyd_cdnow_gg, btyd_cdnow_file;

-- ---------------------------------------------------------------------------------------
-- 5. CLV (clv.md section 4). lifetimes' Quickstart: 12 "months" of 30 time units, 1% a month
-- (its weekly-data pitfall, reproduced as lifetimes compatibility); then 12 months of 4.345 weeks.
SELECT id, clv(m, g, x, t_x, t, zbar, 360, 0.01, 30) AS got, want
FROM btyd_cdnow_bgnbd, btyd_cdnow_gg, btyd_cdnow_file
JOIN (VALUES (1, 140.096211), (2, 18.943467), (3, 38.180574), (4, 38.180574), (5, 38.180574),
             (6, 1003.868107), (7, 28.109683), (8, 38.180574), (9, 167.418216), (10, 38.180574))
     v(id, want) USING (id)
WHERE abs(clv(m, g, x, t_x, t, zbar, 360, 0.01, 30) / want - 1) > 1e-5 ORDER BY id;
SELECT id, clv(m, g, x, t_x, t, zbar, 12 * 4.345, 0.01, 4.345) AS got, want
FROM btyd_cdnow_bgnbd, btyd_cdnow_gg, btyd_cdnow_file
JOIN (VALUES (1, 36.278498), (2, 4.637467), (3, 8.344092), (6, 283.523568), (7, 6.881408),
             (9, 43.353644)) v(id, want) USING (id)
WHERE abs(clv(m, g, x, t_x, t, zbar, 12 * 4.345, 0.01, 4.345) / want - 1) > 1e-5 ORDER BY id;
-- discount arithmetic: with rate 0 the CLV is expected spend x E[Y(horizon)]; one period at
-- rate 1 halves it; a partial last period is discounted at its fractional exponent
SELECT abs(clv(m, g, 6, 29.43, 38.86, 22.35, 30, 0, 30)
           - gamma_gamma_expected_spend(g, 6, 22.35)
             * bgnbd_conditional_expected_purchases(m, 6, 29.43, 38.86, 30)) < 1e-9 AS rate0_ok,
       abs(clv(m, g, 6, 29.43, 38.86, 22.35, 30, 1, 30) * 2
           - clv(m, g, 6, 29.43, 38.86, 22.35, 30, 0, 30)) < 1e-9 AS rate1_halves,
       abs(clv(m, g, 6, 29.43, 38.86, 22.35, 45, 0.5, 30)
           - gamma_gamma_expected_spend(g, 6, 22.35)
             * (bgnbd_conditional_expected_purchases(m, 6, 29.43, 38.86, 30) / 1.5
                + (bgnbd_conditional_expected_purchases(m, 6, 29.43, 38.86, 45)
                   - bgnbd_conditional_expected_purchases(m, 6, 29.43, 38.86, 30)) / 1.5 ^ 1.5)) < 1e-9
         AS partial_period_ok,
       clv(m, g, 6, 29.43, 38.86, 22.35, 52, 0.001) = clv(m, g, 6, 29.43, 38.86, 22.35, 52, 0.001, 1)
         AS default_period_is_1
FROM btyd_cdnow_bgnbd, btyd_cdnow_gg;

-- ---------------------------------------------------------------------------------------
-- 6. Stress cases (clv.md section 6.7)
-- x = 1000 with small t_x: P(alive) exactly 0, no overflow, finite expectation and CLV
SELECT bgnbd_p_alive(m, 1000, 10, 100) = 0 AS p_alive_zero,
       bgnbd_conditional_expected_purchases(m, 1000, 10, 100, 39) = 0 AS expectation_zero,
       clv(m, g, 1000, 10, 100, 50, 52, 0.01) = 0 AS clv_zero,
       bgnbd_p_alive(m, 1000, 99.9, 100) BETWEEN 0.5 AND 1 AS recent_heavy_buyer_alive,
       bgnbd_conditional_expected_purchases(m, 1000, 99.9, 100, 10) BETWEEN 50 AND 150 AS heavy_buyer_rate_ok
FROM btyd_cdnow_bgnbd, btyd_cdnow_gg;
-- t = 0 and horizon 0 give exactly 0; P(0, 1, 1) = 1; a brand-new customer (t = 0) expects
-- exactly what E[X] says
SELECT bgnbd_expected_purchases(m, 0) = 0 AS ex0,
       bgnbd_conditional_expected_purchases(m, 3, 20, 38, 0) = 0 AS ey0,
       clv(m, g, 3, 20, 38, 30, 0, 0.01) = 0 AS clv0,
       bgnbd_p_alive(m, 0, 0, 1) = 1 AS p_alive_x0,
       bgnbd_conditional_expected_purchases(m, 0, 0, 0, 52) = bgnbd_expected_purchases(m, 52) AS new_customer
FROM btyd_cdnow_bgnbd, btyd_cdnow_gg;
-- tiny horizons keep full precision: E[X(t)] ~ t r / alpha, E[Y(t)] ~ t (r + x) / (alpha + T)
SELECT abs(bgnbd_expected_purchases(m, 1e-9) / (1e-9 * (m).r / (m).alpha) - 1) < 1e-6 AS small_ex,
       abs(bgnbd_conditional_expected_purchases(m, 0, 0, 38.86, 1e-6)
           / (1e-6 * (m).r / ((m).alpha + 38.86)) - 1) < 1e-6 AS small_ey
FROM btyd_cdnow_bgnbd;
-- a = 1 exactly (the textbook formula divides by a - 1) is continuous with a = 1 +/- 1e-9
SELECT abs(bgnbd_expected_purchases(ROW(0.24, 4.4, 1, 2.4, NULL, NULL, NULL, NULL)::bgnbd_model, 39)
           - bgnbd_expected_purchases(ROW(0.24, 4.4, 1 + 1e-9, 2.4, NULL, NULL, NULL, NULL)::bgnbd_model, 39)) < 1e-8
         AS ex_a1_continuous,
       abs(bgnbd_conditional_expected_purchases(ROW(0.24, 4.4, 1, 2.4, NULL, NULL, NULL, NULL)::bgnbd_model, 3, 20, 38, 39)
           - bgnbd_conditional_expected_purchases(ROW(0.24, 4.4, 1 - 1e-9, 2.4, NULL, NULL, NULL, NULL)::bgnbd_model, 3, 20, 38, 39)) < 1e-8
         AS ey_a1_continuous;
-- a + b < 1 (the 2F1 lower parameter a + b - 1 is negative for x = 0): finite and increasing
SELECT bgnbd_expected_purchases(ROW(0.5, 3, 0.3, 0.4, NULL, NULL, NULL, NULL)::bgnbd_model, 10)
       BETWEEN 0 AND bgnbd_expected_purchases(ROW(0.5, 3, 0.3, 0.4, NULL, NULL, NULL, NULL)::bgnbd_model, 20)
       AS small_ab_ok;
-- long horizons converge (z = t / (alpha + t) close to 1) and E[X] keeps growing (a < 1)
SELECT bgnbd_expected_purchases(m, 1e4) > bgnbd_expected_purchases(m, 1e3)
       AND bgnbd_expected_purchases(m, 1e3) > bgnbd_expected_purchases(m, 78) AS long_horizon_ok
FROM btyd_cdnow_bgnbd;
-- a large a with z near 1: the 2F1 series alone exceeds the double range, the result does not
-- (references from a 50-digit evaluation of the textbook formula)
SELECT abs(bgnbd_expected_purchases(ROW(0.5, 1, 300, 0.5, NULL, NULL, NULL, NULL)::bgnbd_model, 1000)
           / 0.96998590899816731 - 1) < 1e-9 AS large_a_long_horizon_ok,
       abs(bgnbd_expected_purchases(ROW(0.5, 1, 300, 0.5, NULL, NULL, NULL, NULL)::bgnbd_model, 100)
           / 0.90191944680386023 - 1) < 1e-9 AS large_a_ok;
-- every P(alive) on a grid of 0 <= t_x <= t < 100, x < 100 lies in [0, 1]
SELECT count(*) AS p_alive_out_of_range
FROM btyd_cdnow_bgnbd, generate_series(0, 99, 3) x, generate_series(0, 99, 7) t, generate_series(0, 99, 5) tx
WHERE tx <= t AND (x > 0 OR tx = 0)
  AND NOT bgnbd_p_alive(m, x, tx, t) BETWEEN 0 AND 1;
-- weights equal expanded rows: one row per distinct summary with its count gives the very
-- same fit as the row-level data, and weight 2 the same as every row twice
SELECT (SELECT bgnbd_fit(x, t_x, t, w) FROM (SELECT x, t_x, t, count(*) AS w FROM btyd_cdnow_file GROUP BY 1, 2, 3) s)
       = (SELECT m FROM btyd_cdnow_bgnbd) AS bgnbd_weights_equal,
       (SELECT bgnbd_fit(x, t_x, t, 2) FROM btyd_cdnow_file)
       = (SELECT bgnbd_fit(x, t_x, t) FROM (SELECT x, t_x, t FROM btyd_cdnow_file UNION ALL
                                            SELECT x, t_x, t FROM btyd_cdnow_file) s) AS bgnbd_double_equal,
       (SELECT gamma_gamma_fit(x, zbar, w) FROM (SELECT x, zbar, count(*) AS w FROM btyd_cdnow_file GROUP BY 1, 2) s)
       = (SELECT g FROM btyd_cdnow_gg) AS gg_weights_equal;
SELECT (m).n = 4714 AS doubled_n, abs((m).ll - 2 * (SELECT (m).ll FROM btyd_cdnow_bgnbd)) < 1e-6 AS doubled_ll
FROM (SELECT bgnbd_fit(x, t_x, t, 2) AS m FROM btyd_cdnow_file) s;

-- ---------------------------------------------------------------------------------------
-- 6a. Expectations over the whole parameter space (issue 14): 360 random models and
--     customers, r up to 1e4, alpha, a, b over seven decades (1e-3 .. 1e4), x up to 1000,
--     horizons up to 1e3 (alpha + t) with (r + x) horizon / (alpha + t) up to 2e5, against
--     an independent 100-digit evaluation of the textbook 2F1 formulas (python3-mpmath, see
--     test/data/gen_btyd_reference.py). Relative error at most 1e-10 (observed <= 1.1e-11);
--     references below 1e-290 (P(alive) underflows) must come out below 1e-290 too.
CREATE TABLE btyd_expectation_ref (kind text, r float8, alpha float8, a float8, b float8,
  x float8, t_x float8, t float8, horizon float8, p float8, q float8, gamma float8,
  monetary float8, discount_rate float8, period float8, value numeric);
\copy btyd_expectation_ref FROM 'test/data/btyd_expectation_reference.csv' WITH (FORMAT csv, HEADER)
SELECT kind, count(*) AS cases, max(r) >= 5000 AS has_large_r,
       min(least(alpha, a, b)) < 0.01 AND max(greatest(alpha, a, b)) > 1000 AS many_decades,
       count(*) FILTER (WHERE CASE WHEN value < 1e-290 THEN got >= 1e-290
                                   ELSE abs(got::numeric / value - 1) > 1e-10 END) AS mismatches
FROM (SELECT kind, r, alpha, a, b, value, CASE kind
        WHEN 'expected' THEN bgnbd_expected_purchases(ROW(r, alpha, a, b, NULL, NULL, NULL, NULL)::bgnbd_model, horizon)
        WHEN 'conditional' THEN bgnbd_conditional_expected_purchases(ROW(r, alpha, a, b, NULL, NULL, NULL, NULL)::bgnbd_model,
                                                                     x, t_x, t, horizon)
        ELSE clv(ROW(r, alpha, a, b, NULL, NULL, NULL, NULL)::bgnbd_model,
                 ROW(p, q, gamma, NULL, NULL, NULL, NULL)::gamma_gamma_model,
                 x, t_x, t, monetary, horizon, discount_rate, period) END AS got
      FROM btyd_expectation_ref) s
GROUP BY kind ORDER BY kind;
-- the issue's example, r = 100 (Euler's series gave -18492.33): 3.98790 by an independent
-- high-precision evaluation, and the mean of the extension's own pmf (a separate code path:
-- negative-binomial pmf and tail, FHL eq. 8), sum over n <= 3000 (the purchase count of a
-- customer who never drops out is 1000 +- 105 here, so the rest is negligible)
SELECT round(bgnbd_expected_purchases(ROW(100, 1, 2, 3, NULL, NULL, NULL, NULL)::bgnbd_model, 10)::numeric, 5)
         AS r100_expectation,
       abs(sum(n * bgnbd_purchases_probability(ROW(100, 1, 2, 3, NULL, NULL, NULL, NULL)::bgnbd_model, 10, n))
           / bgnbd_expected_purchases(ROW(100, 1, 2, 3, NULL, NULL, NULL, NULL)::bgnbd_model, 10) - 1) < 1e-9
         AS r100_pmf_mean_ok
FROM generate_series(0, 3000) n;
-- the same identity for r = 1e4 (purchase counts 10 +- 0.1 per unit of t) and for a small r
-- against large a + b (where Euler's form cancelled: r + x << a + b)
SELECT r, abs(sum(n * bgnbd_purchases_probability(ROW(r, alpha, a, b, NULL, NULL, NULL, NULL)::bgnbd_model, t, n))
              / bgnbd_expected_purchases(ROW(r, alpha, a, b, NULL, NULL, NULL, NULL)::bgnbd_model, t) - 1) < 1e-9
         AS pmf_mean_ok
FROM (VALUES (1e4::float8, 1000::float8, 0.5::float8, 20::float8, 100::float8),
             (1e-3, 0.01, 3000, 5000, 2)) m(r, alpha, a, b, t),
     generate_series(0, 1500) n
GROUP BY r, alpha, a, b, t ORDER BY r;
-- a fit on 3,000 simulated customers whose purchase rates differ little (rate 0.5 a week
-- times 1 + N(0, 1)/sqrt(300), dropout probability uniform on [0.05, 0.3], 52 weeks; fixed
-- seed) gives r in the hundreds; its expectation is the pmf mean there too
CREATE FUNCTION pg_temp.btyd_simulate(n int, shape float8, age float8)
RETURNS TABLE (x float8, t_x float8, t float8) LANGUAGE plpgsql AS $$
DECLARE lam float8; p float8; clock float8;
BEGIN
  PERFORM setseed(0.14);
  FOR i IN 1 .. n LOOP
    lam := 0.5 * (1 + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) / sqrt(shape));
    p := 0.05 + 0.25 * random();
    x := 0; t_x := 0; t := age; clock := 0;
    LOOP
      clock := clock - ln(1 - random()) / lam;
      EXIT WHEN clock > age;
      x := x + 1; t_x := clock;
      EXIT WHEN random() < p;
    END LOOP;
    RETURN NEXT;
  END LOOP;
END $$;
CREATE TABLE btyd_lowhet AS SELECT bgnbd_fit(x, t_x, t) AS m FROM pg_temp.btyd_simulate(3000, 300, 52);
SELECT (m).r > 100 AS r_in_the_hundreds,
       abs(sum(n * bgnbd_purchases_probability(m, 52, n)) / bgnbd_expected_purchases(m, 52) - 1) < 1e-9 AS pmf_mean_ok
FROM btyd_lowhet, generate_series(0, 2000) n GROUP BY m;

-- 6b. No finite positive arguments give NaN or infinity: every point function on every
--     combination of 1e-300, 1 and 1.7e308 for each model parameter and five customers
--     (values up to 1.7e308) returns a finite value or raises 22003 (result out of range),
--     22023 (q <= 1 after 1 + 1e-300 rounds to 1) or 54000 (too many terms). Times are
--     scaled by 1e-300 where a long horizon would only reach the term limit; for
--     bgnbd_purchases_probability t <= 1e-299, as its term limit is reached by summing
--     (section 7 has that case)
CREATE FUNCTION pg_temp.btyd_outcome(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE v float8;
BEGIN
  EXECUTE q INTO v;
  RETURN CASE WHEN v IS NULL THEN 'null' WHEN v = 'NaN' THEN 'NaN'
              WHEN v IN ('Infinity', '-Infinity') THEN 'infinite' ELSE 'finite' END;
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE;
END $$;
SELECT f, count(*) AS calls, count(*) FILTER (WHERE outcome = 'finite') AS finite,
       count(*) FILTER (WHERE outcome NOT IN ('finite', '22003', '22023', '54000')) AS bad_outcomes
FROM (SELECT f, pg_temp.btyd_outcome(format(CASE f
  WHEN 'bgnbd_log_likelihood' THEN 'SELECT bgnbd_log_likelihood(ROW(%s,%s,%s,%s,NULL,NULL,NULL,NULL)::bgnbd_model, %s, %s, %s)'
  WHEN 'bgnbd_p_alive' THEN 'SELECT bgnbd_p_alive(ROW(%s,%s,%s,%s,NULL,NULL,NULL,NULL)::bgnbd_model, %s, %s, %s)'
  WHEN 'bgnbd_expected_purchases' THEN 'SELECT bgnbd_expected_purchases(ROW(%s,%s,%s,%s,NULL,NULL,NULL,NULL)::bgnbd_model, 1e-300 * %s)'
  WHEN 'bgnbd_conditional_expected_purchases' THEN 'SELECT bgnbd_conditional_expected_purchases(ROW(%s,%s,%s,%s,NULL,NULL,NULL,NULL)::bgnbd_model, %s, %s, %s, 1e-300)'
  WHEN 'bgnbd_purchases_probability' THEN 'SELECT bgnbd_purchases_probability(ROW(%s,%s,%s,%s,NULL,NULL,NULL,NULL)::bgnbd_model, 1e-300 * least(%s, 10), 1)'
  WHEN 'gamma_gamma_log_likelihood' THEN 'SELECT gamma_gamma_log_likelihood(ROW(%s,%s,%s,NULL,NULL,NULL,NULL)::gamma_gamma_model, %s + 1, %s + %s + 1)'
  WHEN 'gamma_gamma_expected_spend' THEN 'SELECT gamma_gamma_expected_spend(ROW(%s,1 + %s,%s,NULL,NULL,NULL,NULL)::gamma_gamma_model, %s, %s + %s + 1)'
  ELSE 'SELECT clv(ROW(%1$s,%2$s,%3$s,%4$s,NULL,NULL,NULL,NULL)::bgnbd_model, ROW(%4$s,1 + %3$s,%1$s,NULL,NULL,NULL,NULL)::gamma_gamma_model, %5$s, %6$s, %7$s, %7$s + 1, 1e-300, 0.01, 1)'
  END, r, al, a, b, x, tx, t)) AS outcome
  FROM unnest(ARRAY['bgnbd_log_likelihood', 'bgnbd_p_alive', 'bgnbd_expected_purchases',
                    'bgnbd_conditional_expected_purchases', 'bgnbd_purchases_probability',
                    'gamma_gamma_log_likelihood', 'gamma_gamma_expected_spend', 'clv']) f,
       unnest(ARRAY[1e-300, 1, 1.7e308]::float8[]) r, unnest(ARRAY[1e-300, 1, 1.7e308]::float8[]) al,
       unnest(ARRAY[1e-300, 1, 1.7e308]::float8[]) a, unnest(ARRAY[1e-300, 1, 1.7e308]::float8[]) b,
       (VALUES (0::float8, 0::float8, 1::float8), (2, 1, 3), (1e10, 5, 10), (3, 1e-300, 1.7e308),
               (1.7e308, 1, 1.7e308)) cu(x, tx, t)) s
GROUP BY f ORDER BY f;
-- Gamma-Gamma spend near 1e300 (gave NaN): exact values of p (gamma + x m) / (p x + q - 1)
SELECT gamma_gamma_expected_spend(ROW(1e300, 2, 1e300, NULL, NULL, NULL, NULL)::gamma_gamma_model, 3, 1e300)
         / (4e300 / 3) BETWEEN 1 - 1e-15 AND 1 + 1e-15 AS spend_1e300_ok,
       gamma_gamma_expected_spend(ROW(1e300, 1e300, 1e300, NULL, NULL, NULL, NULL)::gamma_gamma_model, 1e300, 1e300)
         / 1e300 BETWEEN 1 - 1e-15 AND 1 + 1e-15 AS spend_all_1e300_ok,
       gamma_gamma_expected_spend(ROW(1e-300, 1e10, 1e300, NULL, NULL, NULL, NULL)::gamma_gamma_model, 1e300, 1e300)
         / 1e290 BETWEEN 1 - 1e-14 AND 1 + 1e-14 AS spend_mixed_ok;
-- a value beyond the double range is 22003, not infinity: p gamma / (q - 1) = 1e600
SELECT gamma_gamma_expected_spend(ROW(1e300, 2, 1e300, NULL, NULL, NULL, NULL)::gamma_gamma_model, 0, 0);

-- 6c. btyd_summary spans beyond 2^63 microseconds (about 292,000 years; 106,751,991 days)
--     between valid timestamps: a first purchase on the first valid day (4714-11-24 BC), a
--     second one d days later and calibration_end on that day; t_x = t = d days exactly
--     (plain date arithmetic), positive on both sides of the 64-bit limit and at the last
--     valid day (294276-12-31)
SELECT d, (s).x, (s).t_x = d AS t_x_ok, (s).t = d AS t_ok
FROM (SELECT d, btyd_summary(ts, 1, (date '4714-11-24 BC' + d)::timestamp AT TIME ZONE 'UTC', '1 day') AS s
      FROM (VALUES (106751991), (106751992), (date '294276-12-31' - date '4714-11-24 BC')) v(d),
           LATERAL (VALUES (timestamptz '4714-11-24 00:00+00 BC'),
                           ((date '4714-11-24 BC' + d)::timestamp AT TIME ZONE 'UTC')) o(ts)
      GROUP BY d) q ORDER BY d;

-- ---------------------------------------------------------------------------------------
-- 7. NULLs, empty groups and bad input
-- empty group and all-NULL rows -> NULL; NULL rows are skipped
SELECT btyd_summary(ts, amount, '2020-01-01', '7 days') IS NULL AS summary_empty,
       bgnbd_fit(x, t_x, t) IS NULL AS bgnbd_empty, gamma_gamma_fit(x, zbar) IS NULL AS gg_empty
FROM btyd_cdnow_file, btyd_cdnow_orders WHERE false;
SELECT bgnbd_fit(x, t_x, t) IS NULL AS bgnbd_all_null, gamma_gamma_fit(x, m) IS NULL AS gg_all_null,
       bgnbd_fit(x, t_x, t, 0) IS NULL AS zero_weights
FROM (VALUES (NULL::float8, 1::float8, 2::float8, NULL::float8)) v(x, t_x, t, m);
SELECT (SELECT bgnbd_fit(x, t_x, t) FROM (SELECT x, t_x, t FROM btyd_cdnow_file UNION ALL
                                          SELECT NULL, 1, 2 UNION ALL SELECT 1, NULL, 2) s)
       = (SELECT m FROM btyd_cdnow_bgnbd) AS null_rows_skipped,
       (SELECT bgnbd_fit(x, t_x, t, w) FROM (SELECT x, t_x, t, 1 AS w FROM btyd_cdnow_file UNION ALL
                                             SELECT 5, 1, 2, NULL) s)
       = (SELECT m FROM btyd_cdnow_bgnbd) AS null_weight_skipped;
-- summary: purchases after calibration_end are ignored (none before -> NULL), NULL timestamps
-- skipped, same-day rows collapse, a NULL amount counts as a purchase with unknown value
SELECT btyd_summary(ts, a, '2024-01-10 00:00+00', '1 day') AS s
FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 5::float8), ('2024-01-01 23:00+00', 7),
             ('2024-01-03 08:00+00', 4), ('2024-01-03 09:00+00', NULL), ('2024-01-05 00:00+00', NULL),
             (NULL, 100), ('2024-01-11 00:00+00', 1000)) v(ts, a);
SELECT btyd_summary(ts, a, '2024-01-10 00:00+00', '1 day') AS only_unpriced_repeats
FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 5::float8), ('2024-01-05 00:00+00', NULL)) v(ts, a);
SELECT btyd_summary(ts, a, '2024-01-10 00:00+00', '1 day') IS NULL AS all_after_end
FROM (VALUES ('2024-01-11 00:00+00'::timestamptz, 5::float8)) v(ts, a);
-- days are UTC calendar days whatever the session time zone
SET TimeZone = 'America/Los_Angeles';
SELECT (btyd_summary(ts, 1, '2024-01-10 00:00+00', '1 day')).x AS utc_days_x
FROM (VALUES ('2024-01-01 23:00+00'::timestamptz), ('2024-01-02 01:00+00')) v(ts);
RESET TimeZone;
SELECT btyd_summary(ts, 1, '2024-01-10 00:00+00', '1 day') FROM (VALUES ('infinity'::timestamptz)) v(ts);
SELECT btyd_summary('2024-01-01', 'NaN', '2024-01-10 00:00+00', '1 day');
SELECT btyd_summary(ts, 1, NULL, '1 day') FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT btyd_summary(ts, 1, '2024-01-10', '0 days') FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT btyd_summary(ts, 1, '-infinity', '1 day') FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT btyd_summary(ts, 1, ts + interval '1 day', '1 day')
FROM (VALUES ('2024-01-01'::timestamptz), ('2024-01-02')) v(ts);
-- fits: invalid summaries are rejected by name
SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (-1::float8, 0::float8, 1::float8)) v(x, t_x, t);
SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (1.5::float8, 0::float8, 1::float8)) v(x, t_x, t);
SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (2::float8, 5::float8, 4::float8)) v(x, t_x, t);
SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (0::float8, 1::float8, 4::float8)) v(x, t_x, t);
SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (1::float8, 1::float8, 'NaN'::float8)) v(x, t_x, t);
SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (1::float8, 1::float8, 'infinity'::float8)) v(x, t_x, t);
SELECT bgnbd_fit(x, t_x, t, 'NaN') FROM btyd_cdnow_file;
SELECT bgnbd_fit(x, t_x, t, -1) FROM btyd_cdnow_file;
SELECT gamma_gamma_fit(x, m) FROM (VALUES (2::float8, 0::float8)) v(x, m);
SELECT gamma_gamma_fit(x, m) FROM (VALUES (2::float8, -3::float8)) v(x, m);
-- fits: data that cannot identify the model
SELECT bgnbd_fit(0, 0, t) FROM generate_series(1, 50) t;
SELECT bgnbd_fit(x, t_x, t) FROM btyd_cdnow_file WHERE id <= 9;
SELECT bgnbd_fit(3, 10, 20) FROM generate_series(1, 50);
SELECT gamma_gamma_fit(0, 0) FROM generate_series(1, 50);
SELECT gamma_gamma_fit(x, zbar) FROM btyd_cdnow_file WHERE x > 0 AND id <= 20;
SELECT gamma_gamma_fit(2, 25) FROM generate_series(1, 50);
-- point functions: bad models and arguments
SELECT bgnbd_p_alive(ROW(0.24, NULL, 0.79, 2.4, NULL, NULL, NULL, NULL)::bgnbd_model, 1, 1, 2);
SELECT bgnbd_p_alive(ROW(0.24, -4.4, 0.79, 2.4, NULL, NULL, NULL, NULL)::bgnbd_model, 1, 1, 2);
SELECT bgnbd_p_alive(ROW(0.24, 4.4, 'NaN', 2.4, NULL, NULL, NULL, NULL)::bgnbd_model, 1, 1, 2);
SELECT bgnbd_p_alive(m, 1, 3, 2) FROM btyd_cdnow_bgnbd;
SELECT bgnbd_expected_purchases(m, -1) FROM btyd_cdnow_bgnbd;
SELECT bgnbd_conditional_expected_purchases(m, 1, 1, 2, 'infinity') FROM btyd_cdnow_bgnbd;
SELECT bgnbd_expected_purchases(m, 1e15) FROM btyd_cdnow_bgnbd;
-- r = 1e4 and a horizon of 1e6 alpha: 1e10 expected purchases while alive, refused at once
SELECT bgnbd_expected_purchases(ROW(1e4, 1e-3, 2, 3, NULL, NULL, NULL, NULL)::bgnbd_model, 1e3);
SELECT bgnbd_purchases_probability(m, 39, -1) FROM btyd_cdnow_bgnbd;
SELECT bgnbd_purchases_probability(m, 'NaN', 1) FROM btyd_cdnow_bgnbd;
-- a median count beyond ten million terms (t = 1e300 times alpha, n past the tiny head)
SELECT bgnbd_purchases_probability(m, 1e300, 2000000000) FROM btyd_cdnow_bgnbd;
SELECT gamma_gamma_expected_spend(ROW(6, 0.9, 15, NULL, NULL, NULL, NULL)::gamma_gamma_model, 1, 20);
SELECT gamma_gamma_expected_spend(g, 2, 0) FROM btyd_cdnow_gg;
SELECT gamma_gamma_log_likelihood(g, 0, 0) IS NULL AS zero_x_not_in_likelihood FROM btyd_cdnow_gg;
SELECT clv(m, g, 1, 1, 2, 20, 52, -0.1) FROM btyd_cdnow_bgnbd, btyd_cdnow_gg;
SELECT clv(m, g, 1, 1, 2, 20, 52, 0.01, 0) FROM btyd_cdnow_bgnbd, btyd_cdnow_gg;
SELECT clv(m, g, 1, 1, 2, 20, 1e9, 0.01, 1) FROM btyd_cdnow_bgnbd, btyd_cdnow_gg;
SELECT bgnbd_p_alive(NULL, 1, 1, 2) IS NULL AS strict_null;

-- ---------------------------------------------------------------------------------------
-- 8. Serial, parallel and partitionwise plans give identical results (200,000 rows each)
CREATE FUNCTION pg_temp.has_partial_agg(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
  FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF l LIKE '%Partial%Aggregate%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
-- orders of 20,000 customers over 2023 (deterministic hashes); calibration ends 2023-10-01
CREATE TABLE btyd_gen_orders AS
SELECT 1 + (hashint4(i) & 2147483647) % 20000 AS customer,
       timestamptz '2023-01-01 00:00+00'
         + ((hashint4(i + 1000000) & 2147483647) % (365 * 86400)) * interval '1 second' AS ts,
       ((hashint4(i + 2000000) & 2147483647) % 10000) / 100.0 AS amount
FROM generate_series(1, 200000) i;
-- customer summaries drawn from the CDNOW file (bootstrap), three segments
CREATE TABLE btyd_gen_customers AS
SELECT i, i % 3 AS seg, f.x, f.t_x, f.t, f.zbar
FROM generate_series(1, 200000) i
JOIN btyd_cdnow_file f ON f.id = 1 + (hashint4(i) & 2147483647) % 2357;
ANALYZE btyd_gen_orders, btyd_gen_customers;

SET max_parallel_workers_per_gather = 0;
CREATE TABLE btyd_gen_summary_serial AS
SELECT customer, btyd_summary(ts, amount, '2023-10-01 00:00+00', '7 days') AS s
FROM btyd_gen_orders GROUP BY customer;
CREATE TABLE btyd_gen_fit_serial AS
SELECT seg, bgnbd_fit(x, t_x, t) AS m, gamma_gamma_fit(x, zbar) AS g
FROM btyd_gen_customers GROUP BY seg;
-- the summaries against plain SQL on the same rows
SELECT count(*) AS gen_plain_sql_mismatches FROM (
  SELECT customer, count(*) - 1 AS x, (max(day) - min(day)) / 7.0::float8 AS t_x,
         (date '2023-10-01' - min(day)) / 7.0::float8 AS t,
         coalesce(avg(total) FILTER (WHERE day > fd), 0) AS monetary
  FROM (SELECT customer, (ts AT TIME ZONE 'UTC')::date AS day, sum(amount::float8) AS total,
               min((ts AT TIME ZONE 'UTC')::date) OVER (PARTITION BY customer) AS fd
        FROM btyd_gen_orders WHERE ts <= '2023-10-01 00:00+00' GROUP BY 1, 2) d
  GROUP BY customer) p
FULL JOIN btyd_gen_summary_serial s USING (customer)
WHERE (s.s).x IS DISTINCT FROM p.x OR (s.s).t_x IS DISTINCT FROM p.t_x
   OR (s.s).t IS DISTINCT FROM p.t OR abs((s.s).monetary - p.monetary) > 1e-9;
-- every segment is a bootstrap sample of CDNOW: close to the full-sample fit
SELECT seg, abs((m).r / 0.2426 - 1) < 0.1 AS r_near, abs((g).p / 6.25 - 1) < 0.1 AS p_near
FROM btyd_gen_fit_serial ORDER BY seg;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT pg_temp.has_partial_agg($$SELECT customer, btyd_summary(ts, amount, '2023-10-01 00:00+00', '7 days')
                                 FROM btyd_gen_orders GROUP BY customer$$) AS summary_plan_is_parallel,
       pg_temp.has_partial_agg($$SELECT seg, bgnbd_fit(x, t_x, t), gamma_gamma_fit(x, zbar)
                                 FROM btyd_gen_customers GROUP BY seg$$) AS fit_plan_is_parallel;
SELECT count(*) AS parallel_summary_mismatches
FROM (SELECT customer, btyd_summary(ts, amount, '2023-10-01 00:00+00', '7 days') AS s
      FROM btyd_gen_orders GROUP BY customer) p
FULL JOIN btyd_gen_summary_serial s USING (customer) WHERE p.s IS DISTINCT FROM s.s;
SELECT count(*) AS parallel_fit_mismatches
FROM (SELECT seg, bgnbd_fit(x, t_x, t) AS m, gamma_gamma_fit(x, zbar) AS g
      FROM btyd_gen_customers GROUP BY seg) p
FULL JOIN btyd_gen_fit_serial s USING (seg) WHERE p.m IS DISTINCT FROM s.m OR p.g IS DISTINCT FROM s.g;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;

-- partitionwise: partitions by quarter of ts / by row number, grouped by another key
SET max_parallel_workers_per_gather = 0;
SET enable_partitionwise_aggregate = on;
SET enable_hashagg = off;
CREATE TABLE btyd_gen_orders_p (customer int, ts timestamptz, amount numeric) PARTITION BY RANGE (ts);
CREATE TABLE btyd_gen_orders_p1 PARTITION OF btyd_gen_orders_p FOR VALUES FROM (MINVALUE) TO ('2023-04-01 00:00+00');
CREATE TABLE btyd_gen_orders_p2 PARTITION OF btyd_gen_orders_p FOR VALUES FROM ('2023-04-01 00:00+00') TO ('2023-07-01 00:00+00');
CREATE TABLE btyd_gen_orders_p3 PARTITION OF btyd_gen_orders_p FOR VALUES FROM ('2023-07-01 00:00+00') TO (MAXVALUE);
INSERT INTO btyd_gen_orders_p SELECT * FROM btyd_gen_orders;
CREATE TABLE btyd_gen_customers_p (i int, seg int, x int, t_x numeric, t numeric, zbar numeric) PARTITION BY RANGE (i);
CREATE TABLE btyd_gen_customers_p1 PARTITION OF btyd_gen_customers_p FOR VALUES FROM (MINVALUE) TO (70000);
CREATE TABLE btyd_gen_customers_p2 PARTITION OF btyd_gen_customers_p FOR VALUES FROM (70000) TO (140000);
CREATE TABLE btyd_gen_customers_p3 PARTITION OF btyd_gen_customers_p FOR VALUES FROM (140000) TO (MAXVALUE);
INSERT INTO btyd_gen_customers_p SELECT * FROM btyd_gen_customers;
ANALYZE btyd_gen_orders_p, btyd_gen_customers_p;
SELECT pg_temp.has_partial_agg($$SELECT customer, btyd_summary(ts, amount, '2023-10-01 00:00+00', '7 days')
                                 FROM btyd_gen_orders_p GROUP BY customer$$) AS summary_plan_is_partitionwise,
       pg_temp.has_partial_agg($$SELECT seg, bgnbd_fit(x, t_x, t), gamma_gamma_fit(x, zbar)
                                 FROM btyd_gen_customers_p GROUP BY seg$$) AS fit_plan_is_partitionwise;
SELECT count(*) AS partitionwise_summary_mismatches
FROM (SELECT customer, btyd_summary(ts, amount, '2023-10-01 00:00+00', '7 days') AS s
      FROM btyd_gen_orders_p GROUP BY customer) p
FULL JOIN btyd_gen_summary_serial s USING (customer) WHERE p.s IS DISTINCT FROM s.s;
SELECT count(*) AS partitionwise_fit_mismatches
FROM (SELECT seg, bgnbd_fit(x, t_x, t) AS m, gamma_gamma_fit(x, zbar) AS g
      FROM btyd_gen_customers_p GROUP BY seg) p
FULL JOIN btyd_gen_fit_serial s USING (seg) WHERE p.m IS DISTINCT FROM s.m OR p.g IS DISTINCT FROM s.g;
RESET enable_partitionwise_aggregate;
RESET enable_hashagg;
RESET max_parallel_workers_per_gather;
-- exact-type overloads (README, Security): integer and numeric amounts give exactly the
-- summary of the same amounts as float8; x is float8 like the model functions' x
SELECT btyd_summary(t, i, timestamptz '2024-03-01 00:00+00', interval '7 days')
         = btyd_summary(t, i::float8, timestamptz '2024-03-01 00:00+00', interval '7 days') AS integer_amount,
       btyd_summary(t, i * 0.25, timestamptz '2024-03-01 00:00+00', interval '7 days')
         = btyd_summary(t, (i * 0.25)::float8, timestamptz '2024-03-01 00:00+00', interval '7 days') AS numeric_amount,
       pg_typeof((btyd_summary(t, i, timestamptz '2024-03-01 00:00+00', interval '7 days')).x) AS x_type
FROM (SELECT timestamptz '2024-01-01 00:00+00' + i * interval '17 hours' AS t, i FROM generate_series(1, 50) AS i) g;

-- hostile pass, second round (independent values from mpmath at 50-300 digits):
-- (a) a beta ratio with a = 1e10 lost 2e-5 in lgamma's difference and pushed a probability
-- past 1: with b = 1e-300, P(X(1) = 1) is 0.5 (+1e-310) for r = alpha = 1, and
-- 1 - 1e-310 for r = 1.7e308; the distribution still sums to 1
SELECT abs(bgnbd_purchases_probability(ROW(1, 1, 1e10, 1e-300, NULL, NULL, NULL, NULL)::bgnbd_model, 1, 1) - 0.5) < 1e-12 AS half,
       bgnbd_purchases_probability(ROW(1.7e308, 1, 1e10, 1e-300, NULL, NULL, NULL, NULL)::bgnbd_model, 1, 1) BETWEEN 1 - 1e-12 AND 1 AS one,
       abs((SELECT sum(bgnbd_purchases_probability(ROW(1, 1, 1e10, 1e-300, NULL, NULL, NULL, NULL)::bgnbd_model, 1, n))
            FROM generate_series(0, 200) n) - 1) < 1e-12 AS sums_to_one;
-- (b) P(alive) = 9.2e-335 underflows while the expected spend is 1.4e246: the CLV is
-- 4.7205e-88, not 0
SELECT abs(clv(ROW(1076.044134292374, 1.9743538158469538, 7.033980477804724, 14.230681053522066, NULL, NULL, NULL, NULL)::bgnbd_model,
               ROW(2.1094326293157484, 92.27443545892727, 6.359511097904928e+247, NULL, NULL, NULL, NULL)::gamma_gamma_model,
               2, 6.333734471877102, 14.995041222513338, 10.531617086964967, 247.75403236102304, 0.01, 247.75403236102304 / 3)
           / 4.7205e-88 - 1) < 1e-4 AS tiny_alive_clv;
-- (c) the log-likelihood at a = 2.4756e11 lost 4e-4 in lgamma's differences: mpmath gives
-- -5.3564682436995299
SELECT abs(bgnbd_log_likelihood(ROW(0.5179, 109.13, 2.4756e11, 9654.97, NULL, NULL, NULL, NULL)::bgnbd_model, 1, 0.429, 0.838)
           + 5.3564682436995299) < 1e-9 AS large_a_loglik;
