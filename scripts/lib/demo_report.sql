-- scripts/lib/demo_report.sql: the engagement report scripts/demo prints over the demo data.
-- Every number comes from the extension's functions over the customers / events /
-- survey_responses tables made by scripts/lib/generate.sql; as of 2024-07-01 UTC.
\set ON_ERROR_STOP on
\pset footer off
\set QUIET on
SET TimeZone = 'UTC';
\set as_of '''2024-07-01 00:00:00+00'''

\echo
\echo '== Data'
SELECT (SELECT count(*) FROM customers) AS customers,
       (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM survey_responses) AS survey_answers,
       (SELECT min(ts)::date || ' .. ' || max(ts)::date FROM events) AS period;

\echo
\echo '== The 10 most engaged customers now (half-life 7 days; view 1, cart 3, purchase 10, click 2)'
SELECT customer_id,
       round(engagement_score(ts,
             CASE event_type WHEN 'purchase' THEN 10 WHEN 'add_to_cart' THEN 3
                             WHEN 'checkout' THEN 5 WHEN 'message_clicked' THEN 2
                             WHEN 'message_opened' THEN 0.5 ELSE 1 END,
             interval '7 days', :as_of)::numeric, 2) AS score,
       count(*) AS events,
       max(ts)::date AS last_seen
FROM events
WHERE event_type <> 'message_sent'
GROUP BY customer_id
ORDER BY score DESC, customer_id
LIMIT 10;

\echo
\echo '== Sessions and time on site (30-minute inactivity gap; site and app events)'
WITH s AS (
	SELECT customer_id, session_stats(ts, interval '30 minutes') AS st
	FROM events
	WHERE event_type IN ('page_view', 'add_to_cart', 'checkout', 'purchase')
	GROUP BY customer_id
)
SELECT sum((st).sessions) AS sessions,
       round(sum((st).events)::numeric / sum((st).sessions), 2) AS events_per_session,
       justify_interval(date_trunc('second', sum((st).total_duration) / sum((st).sessions))) AS avg_time_on_site,
       round(100.0 * sum((st).bounces) / sum((st).sessions), 1) AS bounce_rate_pct,
       round(100.0 * sum((st).engaged_sessions) / sum((st).sessions), 1) AS engaged_pct,
       round((sum((st).sessions)::numeric / count(*))
             / (extract(epoch FROM :as_of::timestamptz - timestamptz '2024-01-01') / 604800)::numeric, 3)
         AS visits_per_customer_per_week,
       round(avg((st).avg_days_between_sessions)::numeric, 1) AS avg_days_between_visits
FROM s;

\echo
\echo '== NPS and CSAT (all answers, then by month through a rolled-up daily state)'
SELECT round(nps(nps_score)::numeric, 1) AS nps,
       round(csat(csat_score)::numeric, 1) AS csat_pct_satisfied,
       count(*) AS answers
FROM survey_responses;
WITH daily AS (
	SELECT date_trunc('day', answered_at) AS day, nps_agg(nps_score) AS n, csat_agg(csat_score) AS c
	FROM survey_responses GROUP BY 1
)
SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month,
       round(nps(rollup(n))::numeric, 1) AS nps,
       round(csat(rollup(c))::numeric, 1) AS csat_pct,
       responses(rollup(n)) AS answers
FROM daily GROUP BY 1 ORDER BY 1;

\echo
\echo '== Open and click-through rate per channel (plain count(*) FILTER, no extension needed)'
SELECT channel,
       count(*) FILTER (WHERE event_type = 'message_sent') AS sent,
       round(100.0 * count(*) FILTER (WHERE event_type = 'message_opened')
             / nullif(count(*) FILTER (WHERE event_type = 'message_sent'), 0), 1) AS open_rate_pct,
       round(100.0 * count(*) FILTER (WHERE event_type = 'message_clicked')
             / nullif(count(*) FILTER (WHERE event_type = 'message_sent'), 0), 1) AS click_through_pct,
       round(100.0 * count(*) FILTER (WHERE event_type = 'message_clicked')
             / nullif(count(*) FILTER (WHERE event_type = 'message_opened'), 0), 1) AS click_to_open_pct
FROM events
WHERE event_type IN ('message_sent', 'message_opened', 'message_clicked')
GROUP BY channel ORDER BY channel;

\echo
\echo '== Purchase funnel within one day: page view -> add to cart -> checkout -> purchase'
WITH levels AS (
	SELECT customer_id,
	       window_funnel(interval '1 day', ts, event_type = 'page_view', event_type = 'add_to_cart',
	                     event_type = 'checkout', event_type = 'purchase') AS level,
	       funnel_times(interval '1 day', ts, event_type = 'page_view', event_type = 'add_to_cart',
	                    event_type = 'checkout', event_type = 'purchase') AS at
	FROM events
	WHERE event_type IN ('page_view', 'add_to_cart', 'checkout', 'purchase')
	GROUP BY customer_id
), steps AS (
	SELECT k AS step, (ARRAY['page_view', 'add_to_cart', 'checkout', 'purchase'])[k] AS name,
	       count(*) FILTER (WHERE level >= k) AS customers,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM at[k] - at[k - 1]))
	         FILTER (WHERE level >= k AND k > 1) AS median_seconds_from_previous
	FROM levels, generate_series(1, 4) k
	GROUP BY k
)
SELECT step, name, customers,
       round(100.0 * customers / nullif(lag(customers) OVER (ORDER BY step), 0), 1) AS pct_of_previous,
       round(100.0 * customers / first_value(customers) OVER (ORDER BY step), 1) AS pct_of_first,
       make_interval(secs => round(median_seconds_from_previous)) AS median_time_from_previous
FROM steps ORDER BY step;

\echo
\echo '== RFM segments (scores 1-5 where ties share a score; default R x FM map) and lifecycle segments'
CREATE TEMP TABLE demo_rfm AS
SELECT c.customer_id, rfm_agg(e.ts, e.amount) AS s
FROM customers c
LEFT JOIN events e ON e.customer_id = c.customer_id AND e.event_type = 'purchase' AND e.ts <= :as_of
GROUP BY c.customer_id;
WITH v AS (
	SELECT recency_days(s, :as_of) AS r,
	       CASE WHEN frequency(s) > 0 THEN purchase_days(s)::float8 END AS f,
	       CASE WHEN frequency(s) > 0 THEN monetary(s) END AS m
	FROM demo_rfm),
br AS (
	SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY r) AS rb, rfm_breaks(5) WITHIN GROUP (ORDER BY f) AS fb,
	       rfm_breaks(5) WITHIN GROUP (ORDER BY m) AS mb
	FROM v WHERE r IS NOT NULL)
SELECT rfm_segment(rfm_score(r, rb, false), rfm_score(f, fb, true), rfm_score(m, mb, true)) AS rfm_segment,
       count(*) AS customers, round(avg(m)::numeric, 2) AS avg_monetary
FROM v, br GROUP BY 1 ORDER BY customers DESC, 1;
SELECT customer_segment(s, :as_of) AS lifecycle_segment, count(*) AS customers,
       round(100.0 * avg(is_repeat_customer(s)::int), 1) AS repeat_purchase_pct
FROM demo_rfm GROUP BY 1 ORDER BY 1;

\echo
\echo '== Customer lifetime value: BG/NBD + Gamma-Gamma fitted on the purchases, in weeks'
CREATE TEMP TABLE demo_btyd AS
SELECT customer_id, (s).x, (s).t_x, (s).t, (s).monetary
FROM (SELECT customer_id, btyd_summary(ts, amount, :as_of, '7 days') AS s
      FROM events WHERE event_type = 'purchase' GROUP BY customer_id) q;
CREATE TEMP TABLE demo_models AS
SELECT bgnbd_fit(x, t_x, t) AS bg, gamma_gamma_fit(x, monetary) AS gg FROM demo_btyd;
SELECT round((bg).r::numeric, 4) AS r, round((bg).alpha::numeric, 4) AS alpha,
       round((bg).a::numeric, 4) AS a, round((bg).b::numeric, 4) AS b,
       round((gg).p::numeric, 4) AS p, round((gg).q::numeric, 4) AS q,
       round((gg).gamma::numeric, 2) AS gamma, (bg).n AS buyers, (gg).n AS repeat_buyers
FROM demo_models;
SELECT c.customer_id, c.x AS repeat_days, round(c.monetary::numeric, 2) AS avg_repeat_spend,
       round(bgnbd_p_alive(m.bg, c.x, c.t_x, c.t)::numeric, 3) AS p_alive,
       round(bgnbd_conditional_expected_purchases(m.bg, c.x, c.t_x, c.t, 13)::numeric, 2) AS purchases_next_13_weeks,
       round(clv(m.bg, m.gg, c.x, c.t_x, c.t, c.monetary,
                 horizon => 52.14, discount_rate => 0.01, period => 4.345)::numeric, 2) AS clv_12_months
FROM demo_btyd c CROSS JOIN demo_models m
ORDER BY clv_12_months DESC, c.customer_id
LIMIT 10;
