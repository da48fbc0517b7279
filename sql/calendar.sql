-- calendar: the calendar forms of retention_periods, lifecycle, btyd_summary and rfm_agg (unit, zone)
-- compared with the same answers in plain SQL (date_trunc(unit, ts, zone), AT TIME ZONE,
-- generate_series), for every unit and six zones (30- and 45-minute offsets, a 30-minute DST
-- shift), on random events dense around DST changes and month and year ends, under three
-- session TimeZones with identical results.

-- zones and units under test; n = number of retention periods per unit
CREATE TEMP TABLE cal_zones(tz text);
INSERT INTO cal_zones VALUES ('UTC'), ('Europe/Berlin'), ('America/New_York'),
  ('Asia/Kolkata'), ('Pacific/Chatham'), ('Australia/Lord_Howe');
CREATE TEMP TABLE cal_units(unit text, n int);
INSERT INTO cal_units VALUES ('hour', 60), ('day', 40), ('week', 20), ('month', 15),
  ('quarter', 6), ('year', 3);

-- anchors: DST changes of the zones above in 2024 and month / year ends
CREATE TEMP TABLE cal_anchors(i int, at timestamptz);
INSERT INTO cal_anchors
SELECT row_number() OVER (), a FROM unnest(ARRAY[
  '2024-03-10 07:00+00', '2024-11-03 06:00+00',   -- America/New_York
  '2024-03-31 01:00+00', '2024-10-27 01:00+00',   -- Europe/Berlin
  '2024-04-06 15:00+00', '2024-10-05 15:30+00',   -- Australia/Lord_Howe (30 minutes)
  '2024-04-06 14:00+00', '2024-09-28 14:00+00',   -- Pacific/Chatham
  '2023-12-31 18:30+00', '2024-01-31 18:30+00',   -- year and month ends in Asia/Kolkata
  '2024-02-29 23:00+00', '2024-06-30 12:00+00',
  '2024-09-30 23:30+00', '2024-12-31 23:59:59+00']::timestamptz[]) a;

-- 196 customers: first_seen within a day of an anchor; 16 events each, half within 3 days
-- after first_seen (to the minute, often on the hour), half within 500 days, a few before
-- first_seen (ignored by retention_periods) and a few NULL
SELECT setseed(0.16);
CREATE TEMP TABLE cal_customers AS
SELECT c AS cust,
       date_trunc('minute', (SELECT at FROM cal_anchors WHERE i = 1 + c % 14)
                 + (random() * 2 - 1) * interval '24 hours', 'UTC') AS first_seen
FROM generate_series(1, 196) c;
CREATE TEMP TABLE cal_events AS
SELECT cust,
       CASE WHEN e = 16 THEN NULL
            WHEN e = 15 THEN first_seen - random() * interval '72 hours'
            WHEN e % 2 = 0 THEN date_trunc(CASE WHEN e % 4 = 0 THEN 'hour' ELSE 'minute' END,
                                           first_seen + random() * interval '72 hours', 'UTC')
            ELSE first_seen + random() * interval '12000 hours' END AS ts,
       round((random() * 100)::numeric, 2)::float8 AS amount
FROM cal_customers, generate_series(1, 16) e;
INSERT INTO cal_events SELECT cust, first_seen, 10 FROM cal_customers;

-- plain SQL: the number of calendar periods (unit, zone) from la's period to lb's for units
-- from a day up, la and lb the local starts of the periods (date_trunc in the zone, read as
-- local time), subtracted in that unit
CREATE FUNCTION pg_temp.periods_between(la timestamp, lb timestamp, unit text)
RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE unit
    WHEN 'day' THEN lb::date - la::date
    WHEN 'week' THEN (lb::date - la::date) / 7
    WHEN 'month' THEN (extract(year FROM lb) * 12 + extract(month FROM lb))
                    - (extract(year FROM la) * 12 + extract(month FROM la))
    WHEN 'quarter' THEN (extract(year FROM lb) * 4 + extract(quarter FROM lb))
                      - (extract(year FROM la) * 4 + extract(quarter FROM la))
    WHEN 'year' THEN extract(year FROM lb) - extract(year FROM la) END
$$;

-- plain SQL: hour periods of each customer and zone in order, from the first_seen's: the
-- distinct date_trunc('hour', g, zone) of a 15-minute grid (every hour period of these
-- zones starts on it) over first_seen .. first_seen + 64 hours
CREATE TEMP TABLE cal_hours AS
SELECT cust, tz, h, dense_rank() OVER (PARTITION BY cust, tz ORDER BY h) - 1 AS k
FROM (SELECT DISTINCT c.cust, z.tz, date_trunc('hour', g, z.tz) AS h
      FROM cal_customers c, cal_zones z,
           LATERAL (SELECT c.first_seen UNION ALL
                    SELECT generate_series(date_trunc('hour', c.first_seen, 'UTC'), c.first_seen + interval '64 hours',
                                           interval '15 minutes')) s(g)
      WHERE g >= c.first_seen) x;

-- plain SQL: the start of the period after period p: for hours the next hour period on the
-- 15-minute grid, else the local period start plus one unit, read back in the zone
CREATE FUNCTION pg_temp.next_period(p timestamptz, unit text, tz text)
RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN unit = 'hour' THEN
    (SELECT min(date_trunc('hour', g, tz))
     FROM generate_series(p, p + interval '3 hours', interval '15 minutes') g
     WHERE date_trunc('hour', g, tz) > p)
  ELSE date_trunc(unit, (date_trunc(unit, p AT TIME ZONE tz)
                         + CASE unit WHEN 'quarter' THEN interval '3 months'
                                     ELSE ('1 ' || unit)::interval END) AT TIME ZONE tz, tz) END
$$;

-- retention_periods: ours and plain SQL per customer, unit and zone
CREATE TEMP VIEW cal_retention_ours AS
SELECT z.tz, u.unit, e.cust, retention_periods(c.first_seen, e.ts, u.unit, u.n, z.tz) AS r
FROM cal_events e JOIN cal_customers c USING (cust), cal_units u, cal_zones z
GROUP BY z.tz, u.unit, e.cust;
CREATE TEMP VIEW cal_retention_plain AS
WITH k AS (
  SELECT DISTINCT z.tz, u.unit, e.cust,
         CASE WHEN u.unit = 'hour' THEN coalesce(h.k, u.n)
              ELSE pg_temp.periods_between(date_trunc(u.unit, c.first_seen, z.tz) AT TIME ZONE z.tz,
                                           date_trunc(u.unit, e.ts, z.tz) AT TIME ZONE z.tz, u.unit) END AS k
  FROM cal_events e JOIN cal_customers c USING (cust) CROSS JOIN cal_units u CROSS JOIN cal_zones z
       LEFT JOIN cal_hours h ON u.unit = 'hour' AND h.cust = e.cust AND h.tz = z.tz
                                AND h.h = date_trunc('hour', e.ts, z.tz)
  WHERE e.ts >= c.first_seen
)
SELECT c.cust, z.tz, u.unit, array_agg((k.k IS NOT NULL)::int ORDER BY i) AS r
FROM cal_customers c CROSS JOIN cal_zones z CROSS JOIN cal_units u
     CROSS JOIN LATERAL generate_series(0, u.n - 1) i
     LEFT JOIN k ON k.tz = z.tz AND k.unit = u.unit AND k.cust = c.cust AND k.k = i
GROUP BY c.cust, z.tz, u.unit;

-- lifecycle: as_of 2025-03-01 12:00 UTC (events after it are ignored); the plain SQL is the
-- README's recipe with the next period from pg_temp.next_period
CREATE TEMP VIEW cal_lifecycle_ours AS
SELECT z.tz, u.unit, e.cust, lifecycle(e.ts, u.unit, '2025-03-01 12:00+00', z.tz) AS l
FROM cal_events e, cal_units u, cal_zones z
GROUP BY z.tz, u.unit, e.cust;
CREATE TEMP VIEW cal_lifecycle_plain AS
WITH p AS (
  SELECT DISTINCT z.tz, u.unit, e.cust, date_trunc(u.unit, e.ts, z.tz) AS p
  FROM cal_events e, cal_units u, cal_zones z
  WHERE e.ts <= '2025-03-01 12:00+00'
), pn AS (
  SELECT tz, unit, cust, p, pg_temp.next_period(p, unit, tz) AS nx FROM p
), l AS (
  SELECT tz, unit, cust, p, nx, lag(nx) OVER w AS prev_nx, lead(p) OVER w AS next_p
  FROM pn WINDOW w AS (PARTITION BY tz, unit, cust ORDER BY p)
), s AS (
  SELECT tz, unit, cust, p AS start,
         CASE WHEN prev_nx IS NULL THEN 'new' WHEN prev_nx = p THEN 'returning'
              ELSE 'resurrecting' END AS status
  FROM l
  UNION ALL
  SELECT tz, unit, cust, nx, 'dormant' FROM l
  WHERE (next_p IS NULL OR next_p > nx)
    AND nx <= date_trunc(unit, timestamptz '2025-03-01 12:00+00', tz)
)
SELECT tz, unit, cust, array_agg(ROW(start, status)::lifecycle_period ORDER BY start, status) AS l
FROM s GROUP BY tz, unit, cust;

-- btyd_summary: calibration end 2025-01-01 00:00 UTC, weekly periods; plain SQL: local days
-- of the zone, day sums, spans between the days' starts
CREATE TEMP VIEW cal_btyd_ours AS
SELECT z.tz, e.cust, btyd_summary(e.ts, e.amount, '2025-01-01 00:00+00', '7 days', z.tz) AS s
FROM cal_events e, cal_zones z GROUP BY z.tz, e.cust;
CREATE TEMP VIEW cal_btyd_plain AS
WITH d AS (
  SELECT z.tz, e.cust, date_trunc('day', e.ts, z.tz) AS day, sum(e.amount) AS total
  FROM cal_events e, cal_zones z
  WHERE e.ts <= '2025-01-01 00:00+00'
  GROUP BY 1, 2, 3
), f AS (
  SELECT d.*, min(day) OVER (PARTITION BY tz, cust) AS first_day FROM d
)
SELECT tz, cust, count(*) - 1 AS x,
       extract(epoch FROM max(day) - min(day)) / (7 * 86400) AS t_x,
       extract(epoch FROM timestamptz '2025-01-01 00:00+00' - min(day)) / (7 * 86400) AS t,
       coalesce(avg(total) FILTER (WHERE day > first_day), 0) AS monetary
FROM f GROUP BY tz, cust;

-- rfm_agg: purchase days are the local days of the zone; plain SQL: count(DISTINCT local
-- date), the first and last local dates; and the rollup of per-local-month states
CREATE TEMP VIEW cal_rfm_ours AS
SELECT z.tz, e.cust, rfm_agg(e.ts, e.amount, z.tz) AS s
FROM cal_events e, cal_zones z GROUP BY z.tz, e.cust;
CREATE TEMP VIEW cal_rfm_rollup AS
SELECT tz, cust, rollup(s) AS s
FROM (SELECT z.tz, e.cust, rfm_agg(e.ts, e.amount, z.tz) AS s FROM cal_events e, cal_zones z
      GROUP BY z.tz, e.cust, date_trunc('month', e.ts, z.tz)) m
GROUP BY tz, cust;
CREATE TEMP VIEW cal_rfm_plain AS
SELECT z.tz, e.cust, count(e.ts) AS purchases, count(DISTINCT (e.ts AT TIME ZONE z.tz)::date) AS days,
       min((e.ts AT TIME ZONE z.tz)::date) AS first_day, max((e.ts AT TIME ZONE z.tz)::date) AS last_day
FROM cal_events e, cal_zones z GROUP BY z.tz, e.cust;

-- the plain-SQL answers, computed once (every zone in them is explicit)
CREATE TEMP TABLE cal_retention_ref AS SELECT * FROM cal_retention_plain;
CREATE TEMP TABLE cal_lifecycle_ref AS SELECT * FROM cal_lifecycle_plain;
CREATE TEMP TABLE cal_btyd_ref AS SELECT * FROM cal_btyd_plain;
CREATE TEMP TABLE cal_rfm_ref AS SELECT * FROM cal_rfm_plain;

-- the comparisons: rows compared, differences (0), and a digest of the results that does
-- not depend on the session's TimeZone (epochs, not printed timestamps)
CREATE TEMP VIEW cal_compare AS
WITH r AS MATERIALIZED (SELECT * FROM cal_retention_ours),
     l AS MATERIALIZED (SELECT * FROM cal_lifecycle_ours),
     b AS MATERIALIZED (SELECT * FROM cal_btyd_ours),
     f AS MATERIALIZED (SELECT o.*, r.s AS rolled FROM cal_rfm_ours o JOIN cal_rfm_rollup r USING (tz, cust))
SELECT 'retention_periods' AS form,
       (SELECT count(*) FROM r) AS groups,
       (SELECT count(*) FROM r o FULL JOIN cal_retention_ref p USING (tz, unit, cust)
        WHERE o.r IS DISTINCT FROM p.r) AS differences,
       (SELECT md5(string_agg(tz || unit || cust || r::text, ',' ORDER BY tz, unit, cust)) FROM r) AS digest
UNION ALL
SELECT 'lifecycle',
       (SELECT count(*) FROM l),
       (SELECT count(*) FROM l o FULL JOIN cal_lifecycle_ref p USING (tz, unit, cust)
        WHERE o.l IS DISTINCT FROM p.l),
       (SELECT md5(string_agg(tz || unit || cust || extract(epoch FROM (x).period_start) || (x).status, ','
                              ORDER BY tz, unit, cust, (x).period_start))
        FROM l, unnest(l) x)
UNION ALL
SELECT 'btyd_summary',
       (SELECT count(*) FROM b),
       (SELECT count(*) FROM b o FULL JOIN cal_btyd_ref p USING (tz, cust)
        WHERE NOT ((o.s IS NULL AND p.x IS NULL) OR
                   ((o.s).x = p.x AND abs((o.s).t_x - p.t_x) <= 1e-9 AND abs((o.s).t - p.t) <= 1e-9
                    AND abs((o.s).monetary - p.monetary) <= 1e-9))),
       (SELECT md5(string_agg(tz || cust || round((s).x) || round((s).t_x::numeric, 6) || round((s).t::numeric, 6),
                              ',' ORDER BY tz, cust))
        FROM b)
UNION ALL
SELECT 'rfm_agg',
       (SELECT count(*) FROM f),
       (SELECT count(*) FROM f o FULL JOIN cal_rfm_ref p USING (tz, cust)
        WHERE frequency(o.s) IS DISTINCT FROM p.purchases
           OR purchase_days(o.s) IS DISTINCT FROM p.days
           OR is_repeat_customer(o.s) IS DISTINCT FROM (p.days > 1)
           OR substring(o.s::text FROM 'first_day=(\S+)')::date IS DISTINCT FROM p.first_day
           OR substring(o.s::text FROM 'last_day=(\S+)')::date IS DISTINCT FROM p.last_day
           OR regexp_replace(o.rolled::text, ' total=\S+', '') IS DISTINCT FROM regexp_replace(o.s::text, ' total=\S+', '')
           OR abs(monetary(o.rolled) - monetary(o.s)) > 1e-9 * monetary(o.s)
           OR o.s::text::rfm_state::text IS DISTINCT FROM o.s::text),
       (SELECT md5(string_agg(tz || cust || regexp_replace(s::text, ' total=\S+', ''), ',' ORDER BY tz, cust)) FROM f);

-- the plain SQL must see periods that are not uniform: 23- and 25-hour days, repeated and
-- skipped hours, the 30-minute shift of Lord Howe
SELECT count(*) FILTER (WHERE d = interval '23 hours') AS short_days,
       count(*) FILTER (WHERE d = interval '25 hours') AS long_days,
       count(*) FILTER (WHERE d = interval '23:30') AS lord_howe_short_days,
       count(*) FILTER (WHERE d = interval '24:30') AS lord_howe_long_days
FROM (SELECT DISTINCT z.tz, date_trunc('day', e.ts, z.tz) AS p,
             pg_temp.next_period(date_trunc('day', e.ts, z.tz), 'day', z.tz) - date_trunc('day', e.ts, z.tz) AS d
      FROM cal_events e, cal_zones z) s;
SELECT count(*) FILTER (WHERE tz = 'America/New_York' AND d <> interval '1 hour') AS ny_hour_periods_not_one_hour_apart,
       count(*) FILTER (WHERE tz = 'America/New_York') > 0 AS ny_hour_periods_seen,
       count(*) FILTER (WHERE tz = 'Australia/Lord_Howe' AND d = interval '30 minutes') AS lord_howe_half_hour_periods
FROM (SELECT DISTINCT tz, h, lead(h) OVER (PARTITION BY cust, tz ORDER BY h) - h AS d FROM cal_hours) s;

SET TimeZone = 'UTC';
SELECT * FROM cal_compare ORDER BY form;
SET TimeZone = 'America/Los_Angeles';
SELECT * FROM cal_compare ORDER BY form;
SET TimeZone = 'Asia/Kathmandu';
SELECT * FROM cal_compare ORDER BY form;
RESET TimeZone;

-- hand-checked: America/New_York, first seen Sat 2024-03-09 12:00 EST; a day is 23 hours
-- across the spring-forward (periods 0, 1 and 2 in days; 0, 13, 14 in hours: 01:xx EST is
-- followed by 03:00 EDT)
SELECT retention_periods('2024-03-09 12:00-05', ts, 'day', 4, 'America/New_York') AS days,
       array_positions(retention_periods('2024-03-09 12:00-05', ts, 'hour', 20, 'America/New_York'), 1) AS hours
FROM (VALUES (timestamptz '2024-03-09 12:30-05'), ('2024-03-10 01:59-05'),
             ('2024-03-10 03:00-04'), ('2024-03-11 00:00-04')) v(ts);
-- the repeated hour of the fall-back is two periods (01:xx EDT, then 01:xx EST)
SELECT array_positions(retention_periods('2024-11-03 00:30-04', ts, 'hour', 5, 'America/New_York'), 1) AS hours
FROM (VALUES (timestamptz '2024-11-03 01:10-04'), ('2024-11-03 01:10-05')) v(ts);
-- months after January 31 are calendar months (Kolkata: 2024-01-31 23:00 local)
SELECT retention_periods('2024-01-31 17:30+00', ts, 'month', 4, 'Asia/Kolkata') AS months
FROM (VALUES (timestamptz '2024-02-29 18:29+00'), ('2024-03-31 18:30+00')) v(ts);
-- lifecycle by month in Lord Howe, starts are local midnights (+11 then +10:30 from April)
SELECT (x).period_start AT TIME ZONE 'Australia/Lord_Howe' AS local_start,
       (x).period_start AT TIME ZONE 'UTC' AS utc_start, (x).status
FROM (SELECT unnest(lifecycle(ts, 'month', '2024-06-15 00:00+00', 'Australia/Lord_Howe')) AS x
      FROM (VALUES (timestamptz '2024-01-10 00:00+00'), ('2024-02-10 00:00+00'), ('2024-04-10 00:00+00')) v(ts)) s;
-- btyd_summary: two purchases 2 hours apart in UTC are on two days in Kolkata
SELECT btyd_summary(ts, 5, '2024-01-10 00:00+00', '1 day', 'UTC') AS utc,
       btyd_summary(ts, 5, '2024-01-10 00:00+00', '1 day', 'Asia/Kolkata') AS kolkata
FROM (VALUES (timestamptz '2024-01-01 17:30+00'), ('2024-01-01 19:30+00')) v(ts);
-- rfm_agg: purchases at 23:30 and 01:00 UTC are one day in New York (18:30, 20:00 EST) and
-- two in UTC; 03:30 and 05:30 UTC are one UTC day and two New York days (22:30 EST, 00:30);
-- format 1 (no zone) prints as in 1.0, format 2 adds the local days
SELECT c, rfm_agg(ts, amount) AS utc, rfm_agg(ts, amount, 'America/New_York') AS new_york,
       purchase_days(rfm_agg(ts, amount, 'America/New_York')) AS ny_days,
       is_repeat_customer(rfm_agg(ts, amount, 'America/New_York')) AS ny_repeat,
       customer_segment(rfm_agg(ts, amount, 'America/New_York'), '2024-01-05 00:00+00') AS ny_segment
FROM (VALUES (1, timestamptz '2024-01-01 23:30+00', 5), (1, '2024-01-02 01:00+00', 7),
             (2, '2024-01-02 03:30+00', 10), (2, '2024-01-02 05:30+00', 20)) v(c, ts, amount)
GROUP BY c ORDER BY c;
-- rolling up a zoned state keeps format 2; mixing it with a UTC state gives format 2 too
SELECT rollup(s) FROM (VALUES ('purchases=1 days=1 total=5 first=2024-01-01T23:30:00+00 last=2024-01-01T23:30:00+00'::rfm_state),
  ('purchases=1 days=1 total=7 first=2024-01-02T01:00:00+00 last=2024-01-02T01:00:00+00 first_day=2024-01-01 last_day=2024-01-01')) v(s);
-- format 2 input is checked: the local days must be within a day of the UTC days, in order
SELECT 'purchases=1 days=1 total=5 first=2024-01-01T23:30:00+00 last=2024-01-01T23:30:00+00 first_day=2023-12-30 last_day=2023-12-30'::rfm_state;
SELECT 'purchases=2 days=1 total=5 first=2024-01-01T23:30:00+00 last=2024-01-02T23:30:00+00 first_day=2024-01-01 last_day=2024-01-02'::rfm_state;
SELECT 'purchases=1 days=1 total=5 first=2024-01-01T23:30:00+00 last=2024-01-01T23:30:00+00 first_day=2024-02-30 last_day=2024-01-01'::rfm_state;
-- errors: NULL or unknown zone, the zone changing within a group
SELECT rfm_agg(ts, 1, NULL) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT rfm_agg(ts, 1.5, 'Mars/Olympus_Mons') FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT rfm_agg(ts, 1, z) FROM (VALUES (timestamptz '2024-01-01', 'UTC'), ('2024-01-02', 'Asia/Kolkata')) v(ts, z);

-- zones as date_trunc takes them: an abbreviation, a POSIX zone
SELECT retention_periods('2024-01-01 00:00+00', ts, 'day', 3, 'EST') AS est,
       retention_periods('2024-01-01 00:00+00', ts, 'day', 3, 'UTC+3') AS posix_utc_plus_3
FROM (VALUES (timestamptz '2024-01-01 04:00+00')) v(ts);

-- errors: unknown unit or zone (22023 with a hint), NULL zone, unit or zone changing in a group
SELECT retention_periods(ts, ts, 'fortnight', 3, 'UTC') FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT lifecycle(ts, 'day', ts, 'Mars/Olympus_Mons') FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT btyd_summary(ts, 1, ts, '1 day', NULL) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT lifecycle(ts, u, '2024-02-01', 'UTC') FROM (VALUES (timestamptz '2024-01-01', 'day'), ('2024-01-02', 'week')) v(ts, u);
SELECT retention_periods('2024-01-01', ts, 'day', 3, z) FROM (VALUES (timestamptz '2024-01-01', 'UTC'), ('2024-01-02', 'Asia/Kolkata')) v(ts, z);
DO $$
BEGIN
  PERFORM retention_periods(now(), now(), 'weeks', 3, 'UTC');
EXCEPTION WHEN invalid_parameter_value THEN
  RAISE NOTICE 'unknown unit: SQLSTATE %', SQLSTATE;
END $$;
DO $$
BEGIN
  PERFORM btyd_summary(now(), 1, now(), '1 day', 'Nowhere/Atlantis');
EXCEPTION WHEN invalid_parameter_value THEN
  RAISE NOTICE 'unknown zone: SQLSTATE %', SQLSTATE;
END $$;
