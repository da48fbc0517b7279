-- cohort: cohort_agg, cohort_retention, cohort_brackets, cohort_period, cohort_churn and
-- kaplan_meier compared with the same answers computed independently in plain SQL
-- (date_trunc(unit, ts, zone) periods counted by local calendar arithmetic, hour periods
-- counted on a 15-minute grid) on random events dense around DST changes and month ends,
-- in five zones (a 30-minute DST shift, a 30-minute offset), under three session TimeZones
-- with identical results; Kaplan-Meier against a published textbook example; errors;
-- serial = parallel = partitionwise and order independence.

-- ---------------------------------------------------------------------------------------
-- worked example (README): weekly cohorts in UTC, as of Wednesday 2024-02-21 12:00 UTC
--   customer 1: signs up Wed 2024-01-03 (week of Jan 1), buys Jan 5 (week 0), Jan 20
--               (week of Jan 15: week 2), signs up again Feb 10 (week of Feb 5: week 5)
--   customer 2: signs up Jan 10 (week of Jan 8), buys Mar 1 (after as_of: ignored)
--   customer 3: buys Jan 2 but never signs up: no cohort
--   customer 4: signs up Tue Jan 2 (week of Jan 1), buys 30 that day and 10 on Jan 16 (week 2)
-- as_of falls in the week of Feb 19: weeks up to that of Feb 12 have fully elapsed.
CREATE TEMP TABLE ex(cust int, ts timestamptz, kind text, amount numeric);
INSERT INTO ex VALUES
  (1, '2024-01-03 10:00+00', 'signup', NULL), (1, '2024-01-05 09:00+00', 'purchase', 20),
  (1, '2024-01-20 18:00+00', 'purchase', 35), (1, '2024-02-10 08:00+00', 'signup', NULL),
  (2, '2024-01-10 12:00+00', 'signup', NULL), (2, '2024-03-01 12:00+00', 'purchase', 50),
  (3, '2024-01-02 12:00+00', 'purchase', 10),
  (4, '2024-01-02 09:00+00', 'signup', NULL), (4, '2024-01-02 09:30+00', 'purchase', 30),
  (4, '2024-01-16 11:00+00', 'purchase', 10);
CREATE TEMP TABLE ex_act AS
SELECT cust, cohort_agg(ts, kind = 'signup', kind = 'purchase', 'week', '2024-02-21 12:00+00', 'UTC') AS a
FROM ex GROUP BY cust;
SET TimeZone = 'UTC';
SELECT cust, a FROM ex_act ORDER BY cust;
-- first-time: customer 1 week 0 (Jan 1) returned in weeks 0 and 2; weeks 0..6 complete
-- (Jan 1 .. Feb 12), week 7 (Feb 19) holds as_of: NULL.  Customer 2 (Jan 8): weeks 0..5.
SELECT cust, r.* FROM ex_act, cohort_retention(a, 8) r ORDER BY cust, cohort_start, period;
-- recurring: customer 1 also starts a cohort row in the week of Feb 5 (weeks 0, 1 complete)
SELECT cust, r.* FROM ex_act, cohort_retention(a, 3, true) r ORDER BY cust, cohort_start, period;
-- brackets: week 0, week 1, weeks 2-3, weeks 4 and later
SELECT cust, r.* FROM ex_act,
  cohort_brackets(a, ARRAY['[0,0]', '[1,1]', '[2,3]', '[4,)']::int4range[]) r
ORDER BY cust, cohort_start, lower(bracket);
-- churn after 2 inactive weeks: customer 1 last active in week 5 of 7 (one inactive complete
-- week, 6): censored, observed 7 complete weeks; customer 2 last active in week 0 of 6:
-- churned with a lifetime of 1 week; customer 4 last active in week 2 of 7 (weeks 3..6
-- inactive): churned, 3 weeks
SELECT cust, (cohort_churn(a, 2)).* FROM ex_act ORDER BY cust;

-- ---------------------------------------------------------------------------------------
-- Kaplan-Meier, textbook example: remission times in weeks of the 21 leukemia patients of
-- the 6-MP group (Freireich et al., Blood 21 (1963) 699-716; Gehan, Biometrika 52 (1965)
-- 203-223; Kleinbaum & Klein, Survival Analysis: A Self-Learning Text, 3rd ed., 2012, ch. 2,
-- whose table lists these estimates): relapses at 6, 6, 6, 7, 10, 13, 16, 22, 23, censored
-- at 6+, 9+, 10+, 11+, 17+, 19+, 20+, 25+, 32+, 32+, 34+, 35+ (ties of relapses with each
-- other and with a censored time).  By hand, S(t) = product of (1 - d/n):
--   t=6:  n=21, d=3  S = 18/21                    = 0.857143
--   t=7:  n=17, d=1  S = 18/21 * 16/17            = 0.806723
--   t=10: n=15, d=1  S = ... * 14/15              = 0.752941
--   t=13: n=12, d=1  S = ... * 11/12              = 0.690196
--   t=16: n=11, d=1  S = ... * 10/11              = 0.627451
--   t=22: n=7,  d=1  S = ... * 6/7                = 0.537815
--   t=23: n=6,  d=1  S = ... * 5/6                = 0.448179
-- (Kleinbaum & Klein print 0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482.)
CREATE TEMP TABLE km_6mp(weeks int, relapsed bool);
INSERT INTO km_6mp VALUES (6, true), (6, true), (6, true), (7, true), (10, true), (13, true),
  (16, true), (22, true), (23, true), (6, false), (9, false), (10, false), (11, false),
  (17, false), (19, false), (20, false), (25, false), (32, false), (32, false), (34, false),
  (35, false);
SELECT p.period, p.at_risk, p.churned, p.censored, round(p.churn_rate::numeric, 6) AS churn_rate,
       round(p.survival::numeric, 6) AS survival
FROM (SELECT unnest(kaplan_meier(weeks, relapsed)) AS p FROM km_6mp) s, LATERAL (SELECT (s.p).*) p
WHERE p.churned > 0 OR p.period IN (0, 35) ORDER BY p.period;
-- exact fractions: the product of the factors above, to 1e-15
SELECT abs((k[24]).survival - (18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7 * 5 / 6)::float8) < 1e-15
       AS s23_exact, array_length(k, 1) AS points
FROM (SELECT kaplan_meier(weeks, relapsed) AS k FROM km_6mp) s;
-- NULL rows are skipped; no rows: NULL
SELECT kaplan_meier(d, c) IS NULL AS empty_is_null
FROM (VALUES (NULL::int, true), (3, NULL::bool)) v(d, c);

-- ---------------------------------------------------------------------------------------
-- random data: zones, units (n periods reported, churn threshold); hour periods only for
-- the customers whose events span 60 hours (the plain-SQL hour count walks a grid)
CREATE TEMP TABLE co_zones(tz text);
INSERT INTO co_zones VALUES ('UTC'), ('Europe/Berlin'), ('America/New_York'), ('Asia/Kolkata'),
  ('Australia/Lord_Howe');
CREATE TEMP TABLE co_units(unit text, n int, threshold int, short_only bool);
INSERT INTO co_units VALUES ('hour', 30, 3, true), ('day', 25, 3, false), ('week', 12, 2, false),
  ('month', 8, 2, false), ('quarter', 4, 1, false);
CREATE TEMP TABLE co_anchors(i int, at timestamptz);
INSERT INTO co_anchors
SELECT row_number() OVER (), a FROM unnest(ARRAY[
  '2024-03-10 07:00+00', '2024-11-03 06:00+00',   -- America/New_York
  '2024-03-31 01:00+00', '2024-10-27 01:00+00',   -- Europe/Berlin
  '2024-04-06 15:00+00', '2024-10-05 15:30+00',   -- Australia/Lord_Howe (30 minutes)
  '2023-12-31 18:30+00', '2024-01-31 18:30+00',   -- year and month ends in Asia/Kolkata
  '2024-02-29 23:00+00', '2024-06-30 12:00+00',
  '2024-09-30 23:30+00', '2024-12-31 23:59:59+00']::timestamptz[]) a;

-- 96 customers: even ones span 60 hours (as_of 20 to 56 hours after their anchor), odd ones
-- 400 days (as_of 40 to 300 days after); every 11th never signs up.  Events: a signup at the
-- anchor, two more signups later (recurring cohorts), nine purchases (some on the hour or
-- the minute, one before the first signup), a view (neither kind), a NULL timestamp.
SELECT setseed(0.18);
CREATE TEMP TABLE co_customers AS
SELECT c AS cust, c % 2 = 0 AS short, anchor,
       anchor + CASE WHEN c % 2 = 0 THEN (20 + random() * 36) * interval '1 hour'
                     ELSE (40 + random() * 260) * interval '24 hours' END AS as_of
FROM (SELECT c, date_trunc('minute', (SELECT at FROM co_anchors WHERE i = 1 + c % 12)
                           + (random() * 2 - 1) * interval '20 hours', 'UTC') AS anchor
      FROM generate_series(1, 96) c) s;
CREATE TEMP TABLE co_events AS
SELECT row_number() OVER () AS id, cust, kind, ts, round((random() * 100)::numeric, 2) AS amount
FROM (SELECT c.cust,
             CASE WHEN e = 1 AND c.cust % 11 = 0 THEN 'view' WHEN e <= 3 THEN 'signup'
                  WHEN e = 13 THEN 'view' ELSE 'purchase' END AS kind,
             CASE WHEN e = 1 THEN c.anchor
                  WHEN e = 14 THEN NULL
                  WHEN e = 12 THEN c.anchor - random() * span / 4
                  WHEN e % 3 = 0 THEN date_trunc(CASE WHEN e % 2 = 0 THEN 'hour' ELSE 'minute' END,
                                                 c.anchor + random() * span, 'UTC')
                  ELSE c.anchor + random() * span END AS ts
      FROM co_customers c, generate_series(1, 14) e,
           LATERAL (SELECT CASE WHEN c.short THEN interval '60 hours' ELSE interval '400 days' END AS span) sp) x;

-- customers of the Lord Howe autumn anchor also sign up and buy at 15:10 and 15:20 UTC on
-- 2024-04-06, just after the 30-minute fall-back: date_trunc('hour') puts that half hour in
-- an hour period starting at 14:30 UTC, inside the period before
INSERT INTO co_events
SELECT 10000 + c.cust * 2 + v.j, c.cust, v.kind, v.ts, 5
FROM co_customers c, (VALUES (0, 'purchase', timestamptz '2024-04-06 15:10+00'),
                             (1, 'signup', timestamptz '2024-04-06 15:20+00')) v(j, kind, ts)
WHERE c.cust % 12 = 4;

-- plain SQL: hour periods of each short customer and zone in order: the rank of the distinct
-- date_trunc('hour', g, zone) on a 15-minute grid over its events and as_of (every hour
-- period of these zones, 30 minutes at the least, holds a grid point)
CREATE TEMP TABLE co_hours AS
SELECT cust, tz, h, dense_rank() OVER (PARTITION BY cust, tz ORDER BY h) AS r
FROM (SELECT DISTINCT c.cust, z.tz, date_trunc('hour', g, z.tz) AS h
      FROM co_customers c, co_zones z,
           LATERAL (SELECT generate_series(date_trunc('hour', (SELECT min(ts) FROM co_events e WHERE e.cust = c.cust),
                                                      'UTC') - interval '1 hour', c.as_of, interval '15 minutes')
                    UNION ALL SELECT c.as_of) s(g)
      WHERE c.short) x;
CREATE UNIQUE INDEX ON co_hours (cust, tz, h);
-- plain SQL: the number of periods from period start a to period start b (b may be earlier),
-- from a day up by local calendar arithmetic on the local period starts, hours by rank
CREATE FUNCTION pg_temp.pos(a timestamptz, b timestamptz, unit text, tz text, cust int)
RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT CASE unit
    WHEN 'hour' THEN (SELECT r FROM co_hours h WHERE (h.cust, h.tz, h.h) = (pos.cust, pos.tz, b))
                   - (SELECT r FROM co_hours h WHERE (h.cust, h.tz, h.h) = (pos.cust, pos.tz, a))
    WHEN 'day' THEN (b AT TIME ZONE tz)::date - (a AT TIME ZONE tz)::date
    WHEN 'week' THEN ((b AT TIME ZONE tz)::date - (a AT TIME ZONE tz)::date) / 7
    WHEN 'month' THEN (extract(year FROM b AT TIME ZONE tz) * 12 + extract(month FROM b AT TIME ZONE tz))
                    - (extract(year FROM a AT TIME ZONE tz) * 12 + extract(month FROM a AT TIME ZONE tz))
    WHEN 'quarter' THEN (extract(year FROM b AT TIME ZONE tz) * 4 + extract(quarter FROM b AT TIME ZONE tz))
                      - (extract(year FROM a AT TIME ZONE tz) * 4 + extract(quarter FROM a AT TIME ZONE tz)) END
$$;

-- plain SQL: each customer's distinct start / return periods at or before as_of, with
-- positions k from the first start period c0, and a = the position of as_of's period
CREATE TEMP TABLE co_pos AS
WITH p AS (
  SELECT DISTINCT u.unit, z.tz, e.cust, e.kind, date_trunc(u.unit, e.ts, z.tz) AS p
  FROM co_events e JOIN co_customers c USING (cust) CROSS JOIN co_units u CROSS JOIN co_zones z
  WHERE e.ts <= c.as_of AND e.kind IN ('signup', 'purchase') AND (c.short OR NOT u.short_only)
), f AS (
  SELECT unit, tz, cust, min(p) AS c0 FROM p WHERE kind = 'signup' GROUP BY 1, 2, 3
)
SELECT p.unit, p.tz, p.cust, p.kind, p.p, f.c0, pg_temp.pos(f.c0, p.p, p.unit, p.tz, p.cust) AS k,
       pg_temp.pos(f.c0, date_trunc(p.unit, c.as_of, p.tz), p.unit, p.tz, p.cust) AS a
FROM p JOIN f USING (unit, tz, cust) JOIN co_customers c USING (cust);

-- plain SQL cells: every start period s (first-time: the first, k = 0) and period i after it
-- (or bracket b), joined with the customer's return periods r
CREATE TEMP TABLE co_ref_retention AS
SELECT s.unit, s.tz, s.cust, s.k = 0 AS first_time, s.p AS cohort_start, i AS period,
       CASE WHEN s.k + i < s.a THEN coalesce(bool_or(r.k = s.k + i), false) END AS returned,
       CASE WHEN s.k + i < s.a THEN coalesce(bool_or(r.k >= s.k + i), false) END AS returned_later
FROM co_pos s JOIN co_units u USING (unit) CROSS JOIN LATERAL generate_series(0, u.n - 1) i
     LEFT JOIN co_pos r ON r.kind = 'purchase' AND (r.unit, r.tz, r.cust) = (s.unit, s.tz, s.cust)
WHERE s.kind = 'signup'
GROUP BY s.unit, s.tz, s.cust, s.k, s.p, s.a, i;
CREATE TEMP TABLE co_brackets(b int4range);
INSERT INTO co_brackets VALUES ('[0,0]'), ('[1,1]'), ('[2,4]'), ('[5,9]'), ('[3,6]'), ('[10,)'), ('[2,)');
CREATE TEMP TABLE co_ref_brackets AS
SELECT s.unit, s.tz, s.cust, s.k = 0 AS first_time, s.p AS cohort_start, b.b AS bracket,
       CASE WHEN s.k + coalesce(upper(b.b) - 1, lower(b.b)) < s.a
            THEN coalesce(bool_or((r.k - s.k)::int <@ b.b), false) END AS returned
FROM co_pos s CROSS JOIN co_brackets b
     LEFT JOIN co_pos r ON r.kind = 'purchase' AND (r.unit, r.tz, r.cust) = (s.unit, s.tz, s.cust)
WHERE s.kind = 'signup'
GROUP BY s.unit, s.tz, s.cust, s.k, s.p, s.a, b.b;
CREATE TEMP TABLE co_ref_churn AS
SELECT unit, tz, cust, min(c0) AS cohort_start,
       CASE WHEN min(a) - max(k) - 1 >= min(u.threshold) THEN max(k) + 1 ELSE min(a) END AS duration,
       min(a) - max(k) - 1 >= min(u.threshold) AS churned
FROM co_pos JOIN co_units u USING (unit) GROUP BY unit, tz, cust;

-- ours
CREATE TEMP VIEW co_act AS
SELECT u.unit, z.tz, e.cust, u.n, u.threshold,
       cohort_agg(e.ts, e.kind = 'signup', e.kind = 'purchase', u.unit, c.as_of, z.tz) AS a
FROM co_events e JOIN co_customers c USING (cust) CROSS JOIN co_units u CROSS JOIN co_zones z
WHERE c.short OR NOT u.short_only
GROUP BY u.unit, z.tz, e.cust, u.n, u.threshold;

-- the comparisons (rows compared, differences: 0) and a digest that does not depend on the
-- session's TimeZone (epochs, not printed timestamps)
CREATE TEMP VIEW co_compare AS
WITH act AS MATERIALIZED (SELECT * FROM co_act),
ret AS MATERIALIZED (
  SELECT a.unit, a.tz, a.cust, rec, r.* FROM act a, (VALUES (false), (true)) v(rec),
         cohort_retention(a.a, a.n, rec) r),
br AS MATERIALIZED (
  SELECT a.unit, a.tz, a.cust, rec, r.* FROM act a, (VALUES (false), (true)) v(rec),
         cohort_brackets(a.a, (SELECT array_agg(b) FROM co_brackets), rec) r),
ch AS MATERIALIZED (
  SELECT a.unit, a.tz, a.cust, (cohort_churn(a.a, a.threshold)).* FROM act a WHERE a.a IS NOT NULL),
per AS MATERIALIZED (
  SELECT p.unit, p.tz, p.cust, p.k, cohort_period(p.c0, e.ts, p.unit, p.tz) AS ours
  FROM co_pos p JOIN co_events e ON e.cust = p.cust AND date_trunc(p.unit, e.ts, p.tz) = p.p),
ret_ref AS (
  SELECT unit, tz, cust, rec, cohort_start, period, returned, returned_later
  FROM co_ref_retention, (VALUES (false), (true)) v(rec) WHERE rec OR first_time),
br_ref AS (
  SELECT unit, tz, cust, rec, cohort_start, bracket, returned
  FROM co_ref_brackets, (VALUES (false), (true)) v(rec) WHERE rec OR first_time)
SELECT 'cohort_retention first-time' AS form,
       (SELECT count(*) FROM ret WHERE NOT rec) AS cells,
       (SELECT count(*) FROM ((SELECT * FROM ret WHERE NOT rec EXCEPT ALL SELECT * FROM ret_ref WHERE NOT rec)
                              UNION ALL
                              (SELECT * FROM ret_ref WHERE NOT rec EXCEPT ALL SELECT * FROM ret WHERE NOT rec)) d)
         AS differences,
       (SELECT md5(string_agg(concat_ws(',', unit, tz, cust, extract(epoch FROM cohort_start), period,
                                        returned, returned_later), ';'
                              ORDER BY unit, tz, cust, cohort_start, period)) FROM ret WHERE NOT rec) AS digest
UNION ALL
SELECT 'cohort_retention recurring',
       (SELECT count(*) FROM ret WHERE rec),
       (SELECT count(*) FROM ((SELECT * FROM ret WHERE rec EXCEPT ALL SELECT * FROM ret_ref WHERE rec)
                              UNION ALL
                              (SELECT * FROM ret_ref WHERE rec EXCEPT ALL SELECT * FROM ret WHERE rec)) d),
       (SELECT md5(string_agg(concat_ws(',', unit, tz, cust, extract(epoch FROM cohort_start), period,
                                        returned, returned_later), ';'
                              ORDER BY unit, tz, cust, cohort_start, period)) FROM ret WHERE rec)
UNION ALL
SELECT 'cohort_brackets first-time and recurring',
       (SELECT count(*) FROM br),
       (SELECT count(*) FROM ((SELECT * FROM br EXCEPT ALL SELECT * FROM br_ref)
                              UNION ALL (SELECT * FROM br_ref EXCEPT ALL SELECT * FROM br)) d),
       (SELECT md5(string_agg(concat_ws(',', unit, tz, cust, rec, extract(epoch FROM cohort_start), bracket,
                                        returned), ';'
                              ORDER BY unit, tz, cust, rec, cohort_start, bracket)) FROM br)
UNION ALL
SELECT 'cohort_churn',
       (SELECT count(*) FROM ch),
       (SELECT count(*) FROM ((SELECT * FROM ch EXCEPT ALL SELECT * FROM co_ref_churn)
                              UNION ALL (SELECT * FROM co_ref_churn EXCEPT ALL SELECT * FROM ch)) d),
       (SELECT md5(string_agg(concat_ws(',', unit, tz, cust, extract(epoch FROM cohort_start), duration,
                                        churned), ';' ORDER BY unit, tz, cust)) FROM ch)
UNION ALL
SELECT 'cohort_period', (SELECT count(*) FROM per),
       (SELECT count(*) FROM per WHERE ours IS DISTINCT FROM k),
       (SELECT md5(string_agg(concat_ws(',', unit, tz, cust, ours), ';' ORDER BY unit, tz, cust, ours)) FROM per);

-- the data is not trivial: true, false and NULL (incomplete) cells, churned and censored
-- customers, returns before the first start, customers without a cohort, recurring rows
SELECT count(*) FILTER (WHERE returned) AS returned_cells,
       count(*) FILTER (WHERE NOT returned) AS not_returned_cells,
       count(*) FILTER (WHERE returned IS NULL) AS incomplete_cells,
       count(*) FILTER (WHERE returned_later AND NOT returned) AS later_only_cells,
       count(DISTINCT (unit, tz, cust, cohort_start)) FILTER (WHERE NOT first_time) AS recurring_rows
FROM co_ref_retention;
SELECT count(*) FILTER (WHERE churned) AS churned, count(*) FILTER (WHERE NOT churned) AS censored,
       count(*) FILTER (WHERE duration = 0) AS censored_in_first_period
FROM co_ref_churn;
SELECT count(*) FILTER (WHERE k < 0) AS returns_before_cohort,
       count(*) FILTER (WHERE unit = 'hour' AND date_trunc('hour', p, tz) <> p) AS hours_starting_before_their_first_instant
FROM co_pos;
SELECT count(*) FILTER (WHERE a IS NULL) AS no_cohort, count(*) AS activities FROM co_act;
-- the plain SQL sees periods that are not uniform: 23-, 25-, 23.5- and 24.5-hour days,
-- 30-minute hour periods (Lord Howe)
SELECT count(*) FILTER (WHERE d = interval '23 hours') AS short_days,
       count(*) FILTER (WHERE d = interval '25 hours') AS long_days,
       count(*) FILTER (WHERE d IN (interval '23:30', interval '24:30')) AS lord_howe_days
FROM (SELECT DISTINCT tz, p, date_trunc('day', (p AT TIME ZONE tz + interval '1 day') AT TIME ZONE tz, tz) - p AS d
      FROM co_pos WHERE unit = 'day') s;

SET TimeZone = 'UTC';
SELECT * FROM co_compare ORDER BY form;
SET TimeZone = 'America/Los_Angeles';
SELECT * FROM co_compare ORDER BY form;
SET TimeZone = 'Asia/Kathmandu';
SELECT * FROM co_compare ORDER BY form;
SET TimeZone = 'UTC';

-- ---------------------------------------------------------------------------------------
-- revenue retention (README recipe) on the worked example: cohort week of Jan 1 holds
-- customers 1 and 4; week 0 revenue 20 + 30 = 50, week 1 none, week 2 35 + 10 = 45.
-- NRR(2) = 45 / 50 = 0.9; GRR(2) caps each customer at its week-0 revenue:
-- (min(35, 20) + min(10, 30)) / 50 = 30 / 50 = 0.6.  Cohort Jan 8 (customer 2) has no
-- revenue in week 0: NULL ratios.  Week 7 holds as_of: NULL.
WITH act AS (
  SELECT cust, cohort_agg(ts, kind = 'signup', kind = 'purchase', 'week', '2024-02-21 12:00+00', 'UTC') AS a
  FROM ex GROUP BY cust),
rev AS (
  SELECT x.cust, (x.a).starts[1] AS cohort_start,
         cohort_period((x.a).starts[1], e.ts, (x.a).unit, (x.a).tz) AS period, sum(e.amount) AS revenue
  FROM act x JOIN ex e USING (cust)
  WHERE x.a IS NOT NULL AND e.kind = 'purchase' AND e.ts <= (x.a).as_of
  GROUP BY 1, 2, 3),
grid AS (
  SELECT x.cust, (x.a).starts[1] AS cohort_start, k AS period,
         k < cohort_period((x.a).starts[1], (x.a).as_of, (x.a).unit, (x.a).tz) AS complete
  FROM act x, generate_series(0, 7) k WHERE x.a IS NOT NULL),
cells AS (
  SELECT g.cohort_start, g.period, bool_and(g.complete) AS complete,
         sum(coalesce(r.revenue, 0)) AS revenue,
         sum(least(coalesce(r.revenue, 0), coalesce(b.revenue, 0))) AS retained_capped,
         sum(coalesce(b.revenue, 0)) AS base
  FROM grid g LEFT JOIN rev r USING (cust, cohort_start, period)
       LEFT JOIN rev b ON b.cust = g.cust AND b.period = 0
  GROUP BY g.cohort_start, g.period)
SELECT cohort_start, period,
       CASE WHEN complete THEN revenue END AS revenue,
       CASE WHEN complete THEN round(revenue / nullif(base, 0), 4) END AS nrr,
       CASE WHEN complete THEN round(retained_capped / nullif(base, 0), 4) END AS grr
FROM cells ORDER BY cohort_start, period;

-- revenue per cohort cell on the random data: cohort_period against the plain-SQL positions
-- (purchases at or before as_of in complete periods of the first-time cohort)
CREATE TEMP TABLE co_ref_revenue AS
SELECT p.unit, p.tz, p.c0 AS cohort_start, p.k AS period, sum(e.amount) AS revenue
FROM co_pos p JOIN co_customers c USING (cust)
     JOIN co_events e ON e.cust = p.cust AND e.kind = 'purchase' AND e.ts <= c.as_of
                         AND date_trunc(p.unit, e.ts, p.tz) = p.p
WHERE p.kind = 'purchase' AND p.k >= 0 AND p.k < p.a
GROUP BY 1, 2, 3, 4;
SELECT count(*) AS cells, count(*) FILTER (WHERE o.revenue IS DISTINCT FROM r.revenue) AS differences
FROM (SELECT x.unit, x.tz, (x.a).starts[1] AS cohort_start,
             cohort_period((x.a).starts[1], e.ts, x.unit, x.tz) AS period, sum(e.amount) AS revenue
      FROM (SELECT * FROM co_act) x JOIN co_events e USING (cust)
      WHERE x.a IS NOT NULL AND e.kind = 'purchase' AND e.ts <= (x.a).as_of
        AND cohort_period((x.a).starts[1], e.ts, x.unit, x.tz) >= 0
        AND cohort_period((x.a).starts[1], e.ts, x.unit, x.tz)
            < cohort_period((x.a).starts[1], (x.a).as_of, x.unit, x.tz)
      GROUP BY 1, 2, 3, 4) o
FULL JOIN co_ref_revenue r USING (unit, tz, cohort_start, period);

-- ---------------------------------------------------------------------------------------
-- Kaplan-Meier on random data against the plain-SQL product-limit formula: three groups of
-- 400 random (duration, churned) rows with many ties, and the lifetimes of every unit and
-- zone above (plain-SQL cohort_churn)
SELECT setseed(0.28);
CREATE TEMP TABLE km_rows AS
SELECT i AS id, 'g' || (i % 3) AS g, (random() * random() * 30)::int AS duration, random() < 0.6 AS churned
FROM generate_series(1, 1200) i;
INSERT INTO km_rows SELECT 100000 + row_number() OVER (), unit || ' ' || tz, duration, churned FROM co_ref_churn;
INSERT INTO km_rows VALUES (200000, 'all churn', 2, true), (200001, 'all churn', 2, true),
  (200002, 'all churn', 1, false), (200003, 'all churn', 0, true);
CREATE TEMP TABLE km_ref AS
WITH t AS (SELECT g, generate_series(0, max(duration)) AS t FROM km_rows GROUP BY g),
pts AS (SELECT t.g, t.t, count(*) FILTER (WHERE k.duration >= t.t) AS n,
               count(*) FILTER (WHERE k.duration = t.t AND k.churned) AS d,
               count(*) FILTER (WHERE k.duration = t.t AND NOT k.churned) AS c
        FROM t JOIN km_rows k USING (g) GROUP BY t.g, t.t)
SELECT g, t, n, d, c, d::float8 / n AS rate,
       -- S(t) = product of (1 - d/n) as exp(sum(ln)); 0 from the first t where d = n
       CASE WHEN bool_or(d = n) OVER w THEN 0
            ELSE exp(sum(ln(greatest(1 - d::float8 / n, 1e-300))) OVER w) END AS s
FROM pts WINDOW w AS (PARTITION BY g ORDER BY t);
CREATE TEMP VIEW km_ours AS
SELECT g, (p).* FROM (SELECT g, unnest(kaplan_meier(duration, churned)) AS p FROM km_rows GROUP BY g) s;
SELECT count(DISTINCT coalesce(o.g, r.g)) AS groups, count(*) AS points,
       count(*) FILTER (WHERE (o.at_risk = r.n AND o.churned = r.d AND o.censored = r.c
                               AND abs(o.churn_rate - r.rate) < 1e-12 AND abs(o.survival - r.s) < 1e-12)
                              IS NOT TRUE) AS differences,
       count(*) FILTER (WHERE r.d > 0 AND r.c > 0) AS ties_of_churn_and_censoring,
       min(o.survival) = 0 AS reaches_zero
FROM km_ours o FULL JOIN km_ref r ON r.g = o.g AND r.t = o.period;
-- the all-churn group by hand: t=0 n=4 d=1 S=3/4; t=1 n=3 c=1; t=2 n=2 d=2 S=0
SELECT period, at_risk, churned, censored, churn_rate, survival FROM km_ours WHERE g = 'all churn' ORDER BY period;

-- ---------------------------------------------------------------------------------------
-- serial = parallel = partitionwise, and order independence: cohort_agg per customer and
-- per bucket of customers (big groups whose partial states are merged; as_of constant),
-- kaplan_meier per group
CREATE TABLE co_par AS SELECT id, cust, cust % 4 AS bucket, kind, ts FROM co_events;
ANALYZE co_par;
CREATE TABLE km_par AS SELECT * FROM km_rows;
ANALYZE km_par;
CREATE VIEW co_par_cust AS
SELECT cust, cohort_agg(ts, kind = 'signup', kind = 'purchase', 'day', '2025-06-01 00:00+00', 'America/New_York')::text AS a
FROM co_par GROUP BY cust;
CREATE VIEW co_par_bucket AS
SELECT bucket, cohort_agg(ts, kind = 'signup', kind = 'purchase', 'week', '2025-06-01 00:00+00', 'Australia/Lord_Howe')::text AS a
FROM co_par GROUP BY bucket;
CREATE VIEW km_par_g AS SELECT g, kaplan_meier(duration, churned)::text AS k FROM km_par GROUP BY g;
CREATE TABLE co_serial_cust AS SELECT * FROM co_par_cust;
CREATE TABLE co_serial_bucket AS SELECT * FROM co_par_bucket;
CREATE TABLE km_serial AS SELECT * FROM km_par_g;
-- shuffled input
SELECT count(*) AS order_mismatches FROM (
  SELECT bucket, cohort_agg(ts, kind = 'signup', kind = 'purchase', 'week', '2025-06-01 00:00+00', 'Australia/Lord_Howe')::text AS a
  FROM (SELECT * FROM co_par ORDER BY hashint4(id::int + 7)) s GROUP BY bucket) o
JOIN co_serial_bucket s USING (bucket) WHERE o.a IS DISTINCT FROM s.a;
SELECT count(*) AS km_order_mismatches FROM (
  SELECT g, kaplan_meier(duration, churned)::text AS k FROM (SELECT * FROM km_par ORDER BY hashint4(id + 3)) s GROUP BY g) o
JOIN km_serial s USING (g) WHERE o.k IS DISTINCT FROM s.k;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT * FROM co_par_bucket;
SELECT (SELECT count(*) FROM co_par_cust o FULL JOIN co_serial_cust s USING (cust) WHERE o.a IS DISTINCT FROM s.a)
       AS parallel_mismatches,
       (SELECT count(*) FROM co_par_bucket o FULL JOIN co_serial_bucket s USING (bucket) WHERE o.a IS DISTINCT FROM s.a)
       AS parallel_bucket_mismatches,
       (SELECT count(*) FROM km_par_g o FULL JOIN km_serial s USING (g) WHERE o.k IS DISTINCT FROM s.k)
       AS km_parallel_mismatches;
RESET enable_hashagg;
RESET parallel_leader_participation;
CREATE TABLE co_part (LIKE co_par) PARTITION BY HASH (id);
CREATE TABLE co_part_0 PARTITION OF co_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE co_part_1 PARTITION OF co_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE co_part_2 PARTITION OF co_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO co_part SELECT * FROM co_par;
ANALYZE co_part;
CREATE TABLE km_part (LIKE km_par) PARTITION BY HASH (id);
CREATE TABLE km_part_0 PARTITION OF km_part FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE km_part_1 PARTITION OF km_part FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO km_part SELECT * FROM km_par;
ANALYZE km_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF)
SELECT bucket, cohort_agg(ts, kind = 'signup', kind = 'purchase', 'week', '2025-06-01 00:00+00', 'Australia/Lord_Howe')
FROM co_part GROUP BY bucket;
SELECT (SELECT count(*) FROM (
          SELECT bucket, cohort_agg(ts, kind = 'signup', kind = 'purchase', 'week', '2025-06-01 00:00+00',
                                    'Australia/Lord_Howe')::text AS a
          FROM co_part GROUP BY bucket) o
        FULL JOIN co_serial_bucket s USING (bucket) WHERE o.a IS DISTINCT FROM s.a) AS partitionwise_mismatches,
       (SELECT count(*) FROM (SELECT g, kaplan_meier(duration, churned)::text AS k FROM km_part GROUP BY g) o
        FULL JOIN km_serial s USING (g) WHERE o.k IS DISTINCT FROM s.k) AS km_partitionwise_mismatches;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- ---------------------------------------------------------------------------------------
-- errors: SQLSTATE, message and hint of each statement
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	msg text;
	hint text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
	RETURN st || ': ' || msg || ' / ' || hint;
END $$;
-- unknown unit and zone, NULL unit / as_of / tz: 22023, 22004
SELECT pg_temp.err('SELECT cohort_agg(ts, true, true, ''fortnight'', ''2024-01-01'', ''UTC'') FROM ex');
SELECT left(pg_temp.err('SELECT cohort_agg(ts, true, true, ''week'', ''2024-01-01'', ''Mars/Olympus_Mons'') FROM ex'), 5) AS sqlstate;  -- the message differs from PostgreSQL 16 on
SELECT pg_temp.err('SELECT cohort_agg(ts, true, true, NULL, ''2024-01-01'', ''UTC'') FROM ex');
SELECT pg_temp.err('SELECT cohort_agg(ts, true, true, ''week'', NULL, ''UTC'') FROM ex');
-- as_of or unit changing within a group: 22023
SELECT pg_temp.err('SELECT cohort_agg(ts, true, true, ''week'', ''2024-01-01''::timestamptz + cust * interval ''1 day'', ''UTC'') FROM ex');
-- infinite timestamps: 22008
SELECT pg_temp.err('SELECT cohort_agg(ts, true, true, ''week'', ''infinity'', ''UTC'') FROM ex');
SELECT pg_temp.err('SELECT cohort_period(''-infinity'', ''2024-01-01'', ''day'', ''UTC'')');
SELECT left(pg_temp.err('SELECT cohort_period(''2024-01-01'', ''2024-01-02'', ''day'', ''Nowhere/Special'')'), 5) AS sqlstate;  -- the message differs from PostgreSQL 16 on
-- n out of range: 22023, 54000
SELECT pg_temp.err('SELECT * FROM cohort_retention((SELECT a FROM ex_act WHERE cust = 1), 0)');
SELECT pg_temp.err('SELECT * FROM cohort_retention((SELECT a FROM ex_act WHERE cust = 1), 100001)');
-- brackets: 22023 with a hint
SELECT pg_temp.err('SELECT * FROM cohort_brackets((SELECT a FROM ex_act WHERE cust = 1), ARRAY[]::int4range[])');
SELECT pg_temp.err('SELECT * FROM cohort_brackets((SELECT a FROM ex_act WHERE cust = 1), ARRAY[''[0,0]'', NULL]::int4range[])');
SELECT pg_temp.err('SELECT * FROM cohort_brackets((SELECT a FROM ex_act WHERE cust = 1), ARRAY[''empty'']::int4range[])');
SELECT pg_temp.err('SELECT * FROM cohort_brackets((SELECT a FROM ex_act WHERE cust = 1), ARRAY[''[-1,3]'']::int4range[])');
SELECT pg_temp.err('SELECT * FROM cohort_brackets((SELECT a FROM ex_act WHERE cust = 1), ARRAY[''(,3]'']::int4range[])');
SELECT pg_temp.err('SELECT * FROM cohort_brackets((SELECT a FROM ex_act WHERE cust = 1), ARRAY[[''[0,0]''], [''[1,1]'']]::int4range[])');
-- churn threshold: 22023
SELECT pg_temp.err('SELECT cohort_churn(a, 0) FROM ex_act WHERE cust = 1');
-- kaplan_meier durations: 22023, 54000
SELECT pg_temp.err('SELECT kaplan_meier(d, true) FROM (VALUES (3), (-1)) v(d)');
SELECT pg_temp.err('SELECT kaplan_meier(d, true) FROM (VALUES (100001)) v(d)');
-- an activity cohort_agg cannot have produced: 22023
SELECT pg_temp.err('SELECT * FROM cohort_retention(ROW(''week'', ''UTC'', ''2024-02-21'', ''{2024-01-02 00:00+00}'', ''{}'')::cohort_activity, 2)');
SELECT pg_temp.err('SELECT * FROM cohort_retention(ROW(''week'', ''UTC'', ''2024-02-21'', ''{2024-01-08 00:00+00,2024-01-01 00:00+00}'', ''{}'')::cohort_activity, 2)');
SELECT pg_temp.err('SELECT * FROM cohort_retention(ROW(''week'', ''UTC'', ''2024-01-02'', ''{2024-01-08 00:00+00}'', ''{}'')::cohort_activity, 2)');
SELECT pg_temp.err('SELECT * FROM cohort_retention(ROW(''week'', NULL, ''2024-01-02'', ''{2024-01-01 00:00+00}'', ''{}'')::cohort_activity, 2)');
SELECT pg_temp.err('SELECT * FROM cohort_retention(ROW(''minute'', ''UTC'', ''2024-01-02'', ''{2024-01-01 00:00+00}'', ''{}'')::cohort_activity, 2)');
SELECT pg_temp.err('SELECT * FROM cohort_churn(ROW(''day'', ''UTC'', ''2024-01-02'', ''{NULL}'', ''{}'')::cohort_activity, 2)');
-- an activity without start periods gives no rows (and cohort_churn NULL)
SELECT count(*) AS no_rows FROM cohort_retention(ROW('day', 'UTC', '2024-01-02', '{}', '{}')::cohort_activity, 2);
SELECT cohort_churn(ROW('day', 'UTC', '2024-01-02', '{}', '{}')::cohort_activity, 2) IS NULL AS churn_null;
