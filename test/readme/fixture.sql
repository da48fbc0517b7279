-- test/readme/fixture.sql: the data the README examples run against (test/readme/run.sh).
-- Run with psql from the repository root, after the README's setup block (which creates
-- the extension and the tables customers and events); creates the other tables the
-- examples read (README, Quick start) and fills all of them.  Deterministic (no random()),
-- written with schema-less names so that it lands where the setup block did.
--   orders            the CDNOW sample (test/data, 2,357 customers, 6,919 orders 1997-98)
--   customers         every CDNOW customer (signed up at the first order) and 20 without orders
--   events            200 customers' visits from 2023-12-04 to 2024-06-02: funnel steps two
--                     minutes apart, sessions, purchases with amounts, messages per channel
--                     (January to March 2024)
--   survey_responses  smallint NPS and CSAT answers, some NULL; survey_answers the same as integer
--   customer_stages   lead -> trial -> customer moves, some with gaps (dormancy)
--   visits            ClickHouse's retention example days, 2018-08-06 .. 2018-08-08
-- The timestamped rows fall at every hour of the day and straddle month ends, the 2023/2024
-- year end and the DST changes of 2024-03-10 (America/*) and 2024-03-31 (Europe/*); the CDNOW
-- orders straddle 1997/1998.  So a recipe whose result depends on the session's TimeZone
-- gives different results under UTC, America/Los_Angeles and Asia/Kolkata
-- (test/readme/run-check.sh runs every block under the three and shows that it would).

CREATE TEMP TABLE readme_cdnow_raw (line text);
\copy readme_cdnow_raw FROM 'test/data/CDNOW_sample.txt'
-- columns: master id, sample id, YYYYMMDD, number of CDs, dollar value; a day is UTC midnight
CREATE TABLE orders (customer_id bigint, ordered_at timestamptz, amount numeric);
INSERT INTO orders
SELECT a[2]::bigint, to_date(a[3], 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC', a[5]::numeric
FROM (SELECT regexp_split_to_array(btrim(line, E' \r'), '\s+') AS a FROM readme_cdnow_raw) t;

INSERT INTO customers
SELECT customer_id, min(ordered_at) FROM orders GROUP BY customer_id;
INSERT INTO customers
SELECT 100000 + i, timestamptz '1997-03-01 00:00+00' + i * interval '24 hours' FROM generate_series(1, 20) AS i;

-- customer c makes 1 + c % 6 visits; visit j starts on day (13c + 17j) % 182 after 2023-12-04 at
-- hour (c + 5j) % 24 and goes (c + j) % 7 + 1 steps down visit, signup (first visit only),
-- page_view, product_view, add_to_cart, checkout, purchase, two minutes apart
INSERT INTO events (customer_id, ts, event_type, channel, amount)
SELECT c, timestamptz '2023-12-04 00:00+00' + ((13 * c + 17 * j) % 182) * interval '24 hours'
          + ((c + 5 * j) % 24) * interval '1 hour' + k * interval '2 minutes',
       step, (ARRAY['web', 'app', 'email'])[1 + (c + j) % 3],
       CASE WHEN step = 'purchase' THEN (5 + (c * 7 + j) % 60) + 0.99 END
FROM generate_series(1, 200) AS c, generate_series(0, 5) AS j,
     LATERAL (SELECT s.step, s.k FROM unnest(CASE WHEN j = 0
                   THEN ARRAY['visit', 'signup', 'page_view', 'product_view', 'add_to_cart', 'checkout', 'purchase']
                   ELSE ARRAY['visit', 'page_view', 'product_view', 'add_to_cart', 'checkout', 'purchase'] END)
                   WITH ORDINALITY AS s(step, k)
              WHERE s.k <= (c + j) % 7 + 1) AS st
WHERE j <= c % 6;
-- messages: every fourth customer gets one a week per channel; opened and clicked by pattern
INSERT INTO events (customer_id, ts, event_type, channel)
SELECT c, timestamptz '2024-01-01 09:00+00' + w * interval '168 hours' + m.o * interval '1 hour', m.t, ch
FROM generate_series(4, 200, 4) AS c, generate_series(0, 12) AS w, unnest(ARRAY['email', 'sms', 'push']) AS ch,
     LATERAL (VALUES (0, 'message_sent'), (1, 'message_opened'), (2, 'message_clicked')) AS m(o, t)
WHERE m.o = 0 OR (m.o = 1 AND (c + w + length(ch)) % 2 = 0) OR (m.o = 2 AND (c + w + length(ch)) % 6 = 0);

CREATE TABLE survey_responses (answered_at timestamptz, nps_score smallint, csat_score smallint);
INSERT INTO survey_responses
SELECT timestamptz '2024-02-15 08:00+00' + i * interval '7 hours',
       CASE WHEN i % 23 <> 0 THEN ((i * 7) % 11)::smallint END,
       CASE WHEN i % 19 <> 0 THEN (1 + (i * 3) % 5)::smallint END
FROM generate_series(1, 300) AS i;
CREATE TABLE survey_answers (answered_at timestamptz, nps_score integer, csat_score integer);
INSERT INTO survey_answers SELECT answered_at, nps_score, csat_score FROM survey_responses;

CREATE TABLE customer_stages (customer_id bigint, ts timestamptz, stage text);
INSERT INTO customer_stages
SELECT c, timestamptz '2024-01-01 00:00+00' + (c % 10) * interval '24 hours'
          + s.k * ((c % 4) * 10 + 3) * interval '24 hours', s.stage
FROM generate_series(1, 50) AS c,
     unnest(ARRAY['lead', 'trial', 'customer']) WITH ORDINALITY AS s(stage, k)
WHERE s.k <= 1 + c % 3;

CREATE TABLE visits (user_id bigint, day date);
INSERT INTO visits
SELECT u, date '2018-08-06' + d FROM generate_series(1, 30) AS u, generate_series(0, 2) AS d
WHERE (d = 0 AND u % 3 <> 0) OR (d = 1 AND u % 2 = 0) OR (d = 2 AND u % 5 < 2);

ANALYZE;
