-- scripts/lib/generate.sql: realistic, reproducible customer-engagement data.
--
-- psql variables: customers (number of customers), activity (mean sessions per customer
-- scale, default 8); optional: skew (exponent of the activity distribution, default 1.6;
-- higher gives a longer tail: more customers with a single visit and a few with thousands of
-- events) and messages (share of marketing messages kept, default 1). Used by scripts/demo
-- and scripts/bench (which sets skew and messages to reach a target number of events per
-- customer). Every value is derived from hashes of row numbers, so the same variables always
-- give the same rows, whatever the plan, without depending on random() or setseed().
--
-- Tables: customers, events (site activity, purchases and marketing messages with their
-- channel), survey_responses (NPS 0-10 and CSAT 1-5). Six months: 2024-01-01 .. 2024-06-30 UTC.
\set ON_ERROR_STOP on
\if :{?skew}
\else
\set skew 1.6
\endif
\if :{?messages}
\else
\set messages 1
\endif
SET TimeZone = 'UTC';

DROP TABLE IF EXISTS customers, events, survey_responses CASCADE;

-- u(key, salt): a uniform number in [0, 1) from a hash
CREATE OR REPLACE FUNCTION pg_temp.u(key bigint, salt int) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ((pg_catalog.hashint8(key * 1000003 + salt) & 2147483647)::float8 + 0.5) / 2147483648.0 $$;

CREATE TABLE customers (
	customer_id bigint PRIMARY KEY,
	signup_at   timestamptz NOT NULL,
	country     text NOT NULL,
	plan        text NOT NULL,
	activity    float8 NOT NULL,      -- latent engagement level (skewed: a few heavy users)
	active_until timestamptz NOT NULL -- after this the customer goes quiet (churn)
);

INSERT INTO customers
SELECT i,
       timestamptz '2024-01-01' + pg_temp.u(i, 1) * interval '170 days',
       (ARRAY['US','DE','FR','GB','BR','IN','JP','ES'])[1 + floor(pg_temp.u(i, 2) * 8)::int],
       (ARRAY['free','free','free','basic','basic','pro'])[1 + floor(pg_temp.u(i, 3) * 6)::int],
       power(-ln(pg_temp.u(i, 4)), :skew),
       least(timestamptz '2024-07-01',
             timestamptz '2024-01-01' + pg_temp.u(i, 1) * interval '170 days'
             + (-ln(pg_temp.u(i, 5))) * interval '100 days')
FROM generate_series(1, :customers) i;

-- visits: sessions of consecutive site/app events
CREATE TEMP TABLE visits AS
SELECT c.customer_id, s AS visit,
       c.signup_at + pg_temp.u(c.customer_id * 4096 + s, 6) * (c.active_until - c.signup_at) AS start_at,
       1 + floor(-ln(pg_temp.u(c.customer_id * 4096 + s, 7)) * 3.5)::int AS n_events,
       (ARRAY['web','web','app','email','push','search'])[1 + floor(pg_temp.u(c.customer_id * 4096 + s, 8) * 6)::int] AS source
FROM customers c,
     generate_series(1, least(4000, 1 + floor(c.activity * :activity)::int)) s;

CREATE TABLE events (
	customer_id bigint NOT NULL,
	ts          timestamptz NOT NULL,
	event_type  text NOT NULL,
	channel     text NOT NULL,
	amount      numeric(10,2)
);

-- site events: page views, carts, checkouts, purchases, seconds to minutes apart
INSERT INTO events
SELECT v.customer_id,
       v.start_at + sum(gap) OVER (PARTITION BY v.customer_id, v.visit ORDER BY k) AS ts,
       kind,
       v.source,
       CASE WHEN kind = 'purchase' THEN round((15 + 70 * -ln(pg_temp.u(key, 9)))::numeric, 2) END
FROM visits v,
     LATERAL (
       SELECT k, (v.customer_id * 4096 + v.visit) * 64 + k AS key,
              CASE WHEN k = 1 THEN interval '0'
                   ELSE (-ln(pg_temp.u((v.customer_id * 4096 + v.visit) * 64 + k, 10)) * 50) * interval '1 second' END AS gap,
              CASE WHEN k = 1 THEN 'page_view'
                   WHEN pg_temp.u((v.customer_id * 4096 + v.visit) * 64 + k, 11) < 0.10 THEN 'add_to_cart'
                   WHEN pg_temp.u((v.customer_id * 4096 + v.visit) * 64 + k, 11) < 0.14 THEN 'checkout'
                   WHEN pg_temp.u((v.customer_id * 4096 + v.visit) * 64 + k, 11) < 0.17 THEN 'purchase'
                   ELSE 'page_view' END AS kind
       FROM generate_series(1, v.n_events) k) e;

-- marketing messages: email weekly, push every two weeks, sms monthly, with opens and clicks
CREATE TEMP TABLE sends AS
SELECT c.customer_id, ch.channel, w,
       date_trunc('day', c.signup_at) + (w * ch.every) + interval '10 hours'
         + pg_temp.u(c.customer_id * 64 + w, 12) * interval '8 hours' AS sent_at,
       ch.p_open, ch.p_click,
       c.activity
FROM customers c
CROSS JOIN (VALUES ('email', interval '7 days', 0.22, 0.25),
                   ('push', interval '14 days', 0.09, 0.35),
                   ('sms', interval '30 days', 0.60, 0.06)) ch(channel, every, p_open, p_click)
CROSS JOIN LATERAL generate_series(0, floor(extract(epoch FROM timestamptz '2024-07-01' - c.signup_at)
                                            / extract(epoch FROM ch.every))::int - 1) w
WHERE pg_temp.u(c.customer_id * 64 + w, 40 + length(ch.channel)) < :messages;

INSERT INTO events
SELECT customer_id, sent_at, 'message_sent', channel, NULL FROM sends;
INSERT INTO events
SELECT customer_id, sent_at + interval '1 minute' * (5 + 600 * pg_temp.u(customer_id * 64 + w, 13)),
       'message_opened', channel, NULL
FROM sends
WHERE pg_temp.u(customer_id * 64 + w, 14 + length(channel)) < least(0.95, p_open * (0.5 + activity));
INSERT INTO events
SELECT customer_id, sent_at + interval '1 minute' * (15 + 600 * pg_temp.u(customer_id * 64 + w, 13)),
       'message_clicked', channel, NULL
FROM sends
WHERE pg_temp.u(customer_id * 64 + w, 14 + length(channel)) < least(0.95, p_open * (0.5 + activity))
  AND pg_temp.u(customer_id * 64 + w, 20 + length(channel)) < p_click;

-- surveys: about a third of customers answer once; happier customers are more active
CREATE TABLE survey_responses AS
SELECT customer_id,
       signup_at + pg_temp.u(customer_id, 30) * (timestamptz '2024-07-01' - signup_at) AS answered_at,
       least(10, greatest(0, round(7.6 + 2 * ln(activity + 0.3) + 5 * (pg_temp.u(customer_id, 31) - 0.5))))::int AS nps_score,
       least(5, greatest(1, round(3.6 + 0.8 * ln(activity + 0.3) + 2.2 * (pg_temp.u(customer_id, 32) - 0.5))))::int AS csat_score
FROM customers
WHERE pg_temp.u(customer_id, 33) < 0.35;

CREATE INDEX ON events (customer_id, ts);
ANALYZE customers;
ANALYZE events;
ANALYZE survey_responses;
