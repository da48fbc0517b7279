-- funnel_options: window_funnel mode allow_reentry; window_funnel / funnel_times with jsonb
-- options (exclusions, per-step windows, first-time, unordered); funnel_seconds
SET timezone = 'UTC';

-- ==== allow_reentry: ClickHouse's test cases as facts ====
-- Data: ClickHouse tests/queries/0_stateless/00632_aggregation_window_funnel (reference at
-- commit 0882b32b232a, tables funnel_test_allow_reentry and funnel_test_ecommerce; bigint
-- clock, window 86400 and 600).  'ch_2025' is what that reference file prints (ClickHouse
-- with PR #86916, 2025); 'newest' is what the newest ClickHouse source read
-- (AggregateFunctionWindowFunnel.cpp at 0215c755e1a3, 2026, with the #99003 fix) gives,
-- worked out by hand from its per-entry rules (derivations in test/funnel_options/README.md):
--   * a repeat of step 1 always restarts slot 1, under strict_order too (2025: it ended the
--     scan unless allow_reentry), so a,b,a,c is 3 with or without allow_reentry;
--   * allow_reentry ignores a step whose predecessor was never reached instead of ending the
--     scan (2025: it still ended it), so a,c,b is 2;
--   * strict_deduplication returns the level reached (2025: the previous entry's step).
-- 'newest' is the expected value; ok must be true on every line.
CREATE TABLE fo_reentry (u int, t bigint, e text);
INSERT INTO fo_reentry VALUES
(1,1,'a'),(1,2,'b'),(1,3,'a'),(1,4,'c'),
(2,1,'a'),(2,2,'b'),(2,3,'a'),(2,4,'b'),(2,5,'c'),
(3,1,'a'),(3,2,'b'),(3,3,'c'),(3,4,'b'),(3,5,'d'),
(4,1,'a'),(4,2,'c'),(4,3,'b'),
(5,1,'a'),(5,2,'b'),(5,3,'c'),(5,4,'a'),(5,5,'b'),(5,6,'c'),(5,7,'d');
CREATE TABLE fo_reentry_facts (q text, u int, ch_2025 int, newest int);
INSERT INTO fo_reentry_facts VALUES
('strict_order abc', 1, 2, 3), ('strict_order abc', 2, 2, 3), ('strict_order abc', 3, 3, 3),
('strict_order abc', 4, 1, 1), ('strict_order abc', 5, 3, 3),
('reentry abc', 1, 3, 3), ('reentry abc', 2, 3, 3), ('reentry abc', 3, 3, 3),
('reentry abc', 4, 1, 2), ('reentry abc', 5, 3, 3),
('strict_order abcd', 1, 2, 3), ('strict_order abcd', 2, 2, 3), ('strict_order abcd', 3, 4, 4),
('strict_order abcd', 4, 1, 1), ('strict_order abcd', 5, 3, 4),
('reentry abcd', 1, 3, 3), ('reentry abcd', 2, 3, 3), ('reentry abcd', 3, 4, 4),
('reentry abcd', 4, 1, 2), ('reentry abcd', 5, 4, 4),
('reentry dedup abc', 1, 3, 3), ('reentry dedup abc', 2, 1, 2), ('reentry dedup abc', 3, 3, 3),
('reentry dedup abc', 4, 1, 2), ('reentry dedup abc', 5, 3, 3);
SELECT f.q, f.u, f.ch_2025, f.newest, r.level, r.level = f.newest AS ok
FROM fo_reentry_facts f JOIN (
  SELECT u, 'strict_order abc' AS q,
         window_funnel(86400::bigint, 'strict_order', t, e = 'a', e = 'b', e = 'c') AS level
  FROM fo_reentry GROUP BY u
  UNION ALL
  SELECT u, 'reentry abc',
         window_funnel(86400::bigint, 'strict_order, allow_reentry', t, e = 'a', e = 'b', e = 'c')
  FROM fo_reentry GROUP BY u
  UNION ALL
  SELECT u, 'strict_order abcd',
         window_funnel(86400::bigint, 'strict_order', t, e = 'a', e = 'b', e = 'c', e = 'd')
  FROM fo_reentry GROUP BY u
  UNION ALL
  SELECT u, 'reentry abcd',
         window_funnel(86400::bigint, 'strict_order,allow_reentry', t, e = 'a', e = 'b', e = 'c', e = 'd')
  FROM fo_reentry GROUP BY u
  UNION ALL
  SELECT u, 'reentry dedup abc',
         window_funnel(86400::bigint, 'strict_order, allow_reentry, strict_deduplication', t,
                       e = 'a', e = 'b', e = 'c')
  FROM fo_reentry GROUP BY u
) r USING (q, u)
ORDER BY f.q, f.u;

CREATE TABLE fo_ecommerce (t bigint, u int, action text);
INSERT INTO fo_ecommerce VALUES
(100, 1, 'begin_checkout'), (200, 1, 'view_product_detail'), (300, 1, 'begin_checkout'), (400, 1, 'complete_payment'),
(100, 2, 'begin_checkout'), (200, 2, 'view_product_detail'), (250, 2, 'view_product_detail'), (300, 2, 'begin_checkout'), (400, 2, 'complete_payment'),
(100, 3, 'begin_checkout'), (200, 3, 'view_product_detail'), (300, 3, 'complete_payment');
CREATE TABLE fo_ecommerce_facts (q text, u int, ch_2025 int, newest int);
INSERT INTO fo_ecommerce_facts VALUES
('strict_order 3', 1, 2, 3), ('strict_order 3', 2, 2, 3), ('strict_order 3', 3, 3, 3),
('reentry 3', 1, 3, 3), ('reentry 3', 2, 3, 3), ('reentry 3', 3, 3, 3),
('strict_order 4', 1, 1, 1), ('strict_order 4', 2, 1, 1), ('strict_order 4', 3, 1, 1),
('reentry 4', 1, 1, 4), ('reentry 4', 2, 1, 4), ('reentry 4', 3, 1, 2);
SELECT f.q, f.u, f.ch_2025, f.newest, r.level, r.level = f.newest AS ok
FROM fo_ecommerce_facts f JOIN (
  SELECT u, 'strict_order 3' AS q,
         window_funnel(600::bigint, 'strict_order', t, action = 'begin_checkout',
                       action = 'view_product_detail', action = 'complete_payment') AS level
  FROM fo_ecommerce GROUP BY u
  UNION ALL
  SELECT u, 'reentry 3',
         window_funnel(600::bigint, 'strict_order, allow_reentry', t, action = 'begin_checkout',
                       action = 'view_product_detail', action = 'complete_payment')
  FROM fo_ecommerce GROUP BY u
  UNION ALL
  SELECT u, 'strict_order 4',
         window_funnel(600::bigint, 'strict_order', t, action = 'begin_checkout',
                       action = 'view_product_detail', action = 'begin_checkout', action = 'complete_payment')
  FROM fo_ecommerce GROUP BY u
  UNION ALL
  SELECT u, 'reentry 4',
         window_funnel(600::bigint, 'strict_order, allow_reentry', t, action = 'begin_checkout',
                       action = 'view_product_detail', action = 'begin_checkout', action = 'complete_payment')
  FROM fo_ecommerce GROUP BY u
) r USING (q, u)
ORDER BY f.q, f.u;

-- the fixed-arity timestamptz overloads take allow_reentry too (a, c, b -> 2)
SELECT window_funnel(interval '1 day', 'strict_order, allow_reentry', ts, e = 'a', e = 'b', e = 'c') AS acb
FROM (VALUES (timestamptz '2024-01-01 00:00+00', 'a'), ('2024-01-01 00:01+00', 'c'),
             ('2024-01-01 00:02+00', 'b')) v(ts, e);
-- a row matching no step still ends the scan under allow_reentry (a, x, b -> 1)
SELECT window_funnel(10::bigint, 'strict_order, allow_reentry', t, e = 'a', e = 'b') AS axb
FROM (VALUES (1, 'a'), (2, 'x'), (3, 'b')) v(t, e);
\set VERBOSITY default
SELECT window_funnel(10::bigint, 'allow_reentry', 1::bigint, true);
SELECT window_funnel(interval '1 day', '{"first_time": true}', now(), true);
\set VERBOSITY terse

-- ==== jsonb options: hand-checked cases (the README's worked examples and more) ====
CREATE TABLE fo_ev (c int, ts timestamptz, e text, k text);
INSERT INTO fo_ev VALUES
-- exclusion [[1, 2]] of help between pricing and signup
(1, '2024-05-01 10:00+00', 'pricing', NULL), (1, '2024-05-01 10:05+00', 'help', NULL), (1, '2024-05-01 10:10+00', 'signup', NULL),
(2, '2024-05-01 10:00+00', 'pricing', NULL), (2, '2024-05-01 10:10+00', 'signup', NULL), (2, '2024-05-01 10:20+00', 'help', NULL),
(3, '2024-05-01 10:00+00', 'pricing', NULL), (3, '2024-05-01 10:05+00', 'help', NULL), (3, '2024-05-01 10:07+00', 'pricing', NULL),
(3, '2024-05-01 10:10+00', 'signup', NULL),
-- help at the same time as pricing is not between
(4, '2024-05-01 10:00+00', 'pricing', NULL), (4, '2024-05-01 10:00+00', 'help', NULL), (4, '2024-05-01 10:10+00', 'signup', NULL),
-- ... nor at the same time as signup
(5, '2024-05-01 10:00+00', 'pricing', NULL), (5, '2024-05-01 10:10+00', 'help', NULL), (5, '2024-05-01 10:10+00', 'signup', NULL);
-- expected (by hand): 1 -> 1 {10:00, NULL}; 2 -> 2 {10:00, 10:10}; 3 -> 2 {10:07, 10:10};
-- 4 -> 2 {10:00, 10:10}; 5 -> 2 {10:00, 10:10}; without the exclusion every customer gets 2
SELECT c,
       window_funnel(interval '1 day', '{"exclude": [[1, 2]]}'::jsonb, ts, e = 'pricing', e = 'signup', e = 'help') AS level,
       funnel_times(interval '1 day', '{"exclude": [[1, 2]]}'::jsonb, ts, e = 'pricing', e = 'signup', e = 'help') AS times,
       window_funnel(interval '1 day', '{}'::jsonb, ts, e = 'pricing', e = 'signup') AS plain
FROM fo_ev GROUP BY c ORDER BY c;

-- exclusion over three steps [[1, 3]]: a chain with help after step 1 still reaches step 2
-- a 10:00, help 10:01, b 10:02, c 10:03 -> 2 {10:00, 10:02, NULL}; a second a at 10:04 and
-- b, c after it -> 3
SELECT window_funnel(interval '1 day', '{"exclude": [[1, 3]]}'::jsonb, ts, e = 'a', e = 'b', e = 'c', e = 'help') AS l1,
       funnel_times(interval '1 day', '{"exclude": [[1, 3]]}'::jsonb, ts, e = 'a', e = 'b', e = 'c', e = 'help') AS t1,
       window_funnel(interval '1 day', '{"exclude": [[1, 3]]}'::jsonb, ts, e = 'a', e = 'b', e = 'c', e = 'help')
         FILTER (WHERE ts < '2024-05-01 10:04+00' OR e <> 'help') AS l2
FROM (VALUES (timestamptz '2024-05-01 10:00+00', 'a'), ('2024-05-01 10:01+00', 'help'), ('2024-05-01 10:02+00', 'b'),
             ('2024-05-01 10:03+00', 'c')) v(ts, e);
SELECT funnel_times(interval '1 day', '{"exclude": [[1, 3]]}'::jsonb, ts, e = 'a', e = 'b', e = 'c', e = 'help') AS t
FROM (VALUES (timestamptz '2024-05-01 10:00+00', 'a'), ('2024-05-01 10:01+00', 'help'), ('2024-05-01 10:02+00', 'b'),
             ('2024-05-01 10:03+00', 'c'), ('2024-05-01 10:04+00', 'a'), ('2024-05-01 10:05+00', 'b'),
             ('2024-05-01 10:06+00', 'c')) v(ts, e);
-- expected {10:04, 10:05, 10:06}

-- step windows ["10 minutes", null]: 1 -> 3; 2 -> 1 (cart 30 min after the view);
-- 3 -> 3 {10:25, 10:30, 11:00} (the second view starts a chain that fits); the bound is
-- inclusive: 4 -> 2 (cart exactly 10 minutes after the view)
SELECT c,
       window_funnel(interval '1 day', '{"step_windows": ["10 minutes", null]}'::jsonb, ts, e = 'view', e = 'cart', e = 'buy') AS level,
       funnel_times(interval '1 day', '{"step_windows": ["10 minutes", null]}'::jsonb, ts, e = 'view', e = 'cart', e = 'buy') AS times
FROM (VALUES (1, timestamptz '2024-05-01 10:00+00', 'view'), (1, '2024-05-01 10:05+00', 'cart'), (1, '2024-05-01 12:00+00', 'buy'),
             (2, '2024-05-01 10:00+00', 'view'), (2, '2024-05-01 10:30+00', 'cart'), (2, '2024-05-01 10:40+00', 'buy'),
             (3, '2024-05-01 10:00+00', 'view'), (3, '2024-05-01 10:25+00', 'view'), (3, '2024-05-01 10:30+00', 'cart'),
             (3, '2024-05-01 11:00+00', 'buy'),
             (4, '2024-05-01 10:00+00', 'view'), (4, '2024-05-01 10:10+00', 'cart')) v(c, ts, e)
GROUP BY c ORDER BY c;

-- first_time: visits 1 May and 5 May, purchase 5 May 12:00, window 1 day: any visit -> 2,
-- first visit only -> 1 with times {1 May 10:00, NULL}
SELECT window_funnel(interval '1 day', '{}'::jsonb, ts, e = 'visit', e = 'buy') AS any_visit,
       window_funnel(interval '1 day', '{"first_time": true}'::jsonb, ts, e = 'visit', e = 'buy') AS first_visit,
       funnel_times(interval '1 day', '{"first_time": true}'::jsonb, ts, e = 'visit', e = 'buy') AS times
FROM (VALUES (timestamptz '2024-05-01 10:00+00', 'visit'), ('2024-05-05 10:00+00', 'visit'),
             ('2024-05-05 12:00+00', 'buy')) v(ts, e);

-- unordered: c 10:00, a 10:20, b 10:50 within an hour -> 3 (in order: a, b -> 2);
-- c 10:00 and a 11:30 -> 1; times are each step's first event in the window
SELECT g,
       window_funnel(interval '1 hour', '{"order": "any"}'::jsonb, ts, e = 'a', e = 'b', e = 'c') AS any_order,
       window_funnel(interval '1 hour', '{"order": "strict"}'::jsonb, ts, e = 'a', e = 'b', e = 'c') AS in_order,
       funnel_times(interval '1 hour', '{"order": "any"}'::jsonb, ts, e = 'a', e = 'b', e = 'c') AS times
FROM (VALUES (1, timestamptz '2024-05-01 10:00+00', 'c'), (1, '2024-05-01 10:20+00', 'a'), (1, '2024-05-01 10:50+00', 'b'),
             (2, '2024-05-01 10:00+00', 'c'), (2, '2024-05-01 11:30+00', 'a')) v(g, ts, e)
GROUP BY g ORDER BY g;

-- held key: X viewed and bought, Y viewed and carted -> 2 (Y), times of Y's chain; without
-- the key -> 3; a NULL key skips the row (the cart of Z does not count)
SELECT window_funnel(interval '1 day', '{}'::jsonb, ts, k, e = 'view', e = 'cart', e = 'buy') AS same_key,
       funnel_times(interval '1 day', '{}'::jsonb, ts, k, e = 'view', e = 'cart', e = 'buy') AS times,
       window_funnel(interval '1 day', '{}'::jsonb, ts, e = 'view', e = 'cart', e = 'buy') AS any_key
FROM (VALUES (timestamptz '2024-05-01 10:00+00', 'view', 'X'), ('2024-05-01 10:05+00', 'view', 'Y'),
             ('2024-05-01 10:10+00', 'cart', 'Y'), ('2024-05-01 10:20+00', 'buy', 'X'),
             ('2024-05-01 10:21+00', 'view', 'Z'), ('2024-05-01 10:22+00', 'cart', NULL)) v(ts, e, k);
-- ties between keys go to the first key in byte order: both reach 2 -> 'A' chain {10:10, 10:11}
SELECT funnel_times(interval '1 day', '{}'::jsonb, ts, k, e = 'view', e = 'buy') AS times
FROM (VALUES (timestamptz '2024-05-01 10:00+00', 'view', 'B'), ('2024-05-01 10:01+00', 'buy', 'B'),
             ('2024-05-01 10:10+00', 'view', 'A'), ('2024-05-01 10:11+00', 'buy', 'A')) v(ts, e, k);

-- '{}' gives window_funnel's level on 3,000 generated customers (ties, repeats, NULLs), in
-- the fixed-arity and the VARIADIC forms
CREATE TABLE fo_gen AS
SELECT i % 3000 AS c, timestamptz '2024-01-01 00:00+00' + ((i / 3000) * 37 % 500) * interval '1 minute' AS ts,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i / 3000 * 3 + i) % 5 END AS s
FROM generate_series(1, 30000) AS i;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE a IS DISTINCT FROM b OR a IS DISTINCT FROM v) AS differences,
       count(*) FILTER (WHERE a >= 2) AS reached_2
FROM (SELECT c, window_funnel(interval '2 hours', ts, s = 1, s = 2, s = 3, s = 4) AS a,
             window_funnel(interval '2 hours', '{}'::jsonb, ts, s = 1, s = 2, s = 3, s = 4) AS b,
             window_funnel(interval '2 hours', '{}'::jsonb, ts, VARIADIC ARRAY[s = 1, s = 2, s = 3, s = 4]) AS v
      FROM fo_gen GROUP BY c) r;

-- NULLs: a NULL ts skips the row; a group without a timestamp gives NULL
SELECT window_funnel(interval '1 day', '{}'::jsonb, ts, e = 'a', e = 'b') AS level,
       funnel_times(interval '1 day', '{}'::jsonb, ts, e = 'a', e = 'b') AS times
FROM (VALUES (timestamptz '2024-05-01 10:00+00', 'a'), (NULL, 'b'), ('2024-05-01 10:01+00', NULL)) v(ts, e);
SELECT window_funnel(interval '1 day', '{}'::jsonb, NULL::timestamptz, true) AS no_ts,
       window_funnel(interval '1 day', '{}'::jsonb, now(), NULL::text, true) AS no_key;
-- matching rows but no step 1: 0 and all-NULL times
SELECT window_funnel(interval '1 day', '{}'::jsonb, now(), false, true) AS level,
       funnel_times(interval '1 day', '{}'::jsonb, now(), false, true) AS times;

-- funnel_seconds: 90 s, NULL for a step not reached, any two steps
SELECT funnel_seconds('{2024-05-01 10:00:00+00, 2024-05-01 10:01:30+00, NULL}', 1, 2) AS s12,
       funnel_seconds('{2024-05-01 10:00:00+00, 2024-05-01 10:01:30+00, NULL}', 1, 3) AS s13,
       funnel_seconds('{2024-05-01 10:00:00+00, 2024-05-01 10:01:30+00, NULL}', 2, 1) AS s21,
       funnel_seconds('{4714-11-24 00:00:00+00 BC, 294276-12-31 23:59:59+00}'::timestamptz[], 1, 2) AS widest;
-- expected widest (more than 2^63 microseconds), from SQL's own arithmetic
SELECT extract(epoch FROM timestamptz '294276-12-31 23:59:59+00') - extract(epoch FROM timestamptz '4714-11-24 00:00:00+00 BC') AS widest_check;

-- bad input: a clear error each
\set VERBOSITY default
SELECT window_funnel(interval '1 day', '[]'::jsonb, now(), true);
SELECT window_funnel(interval '1 day', '{"exclud": [[1, 2]]}'::jsonb, now(), true, true);
SELECT window_funnel(interval '1 day', '{"exclude": [1, 2]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"exclude": [[2, 1]]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"exclude": [[1, 3]]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"exclude": [[1, 1.5]]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"exclude": [[1, 2], [1, 2]]}'::jsonb, now(), true, true);
SELECT window_funnel(interval '1 day', '{"exclude": {"a": 1}}'::jsonb, now(), true, true);
SELECT window_funnel(interval '1 day', '{"step_windows": ["1 hour"]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"step_windows": [60, null]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"step_windows": ["-1 hour", null]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"step_windows": ["soon", null]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"first_time": "yes"}'::jsonb, now(), true);
SELECT window_funnel(interval '1 day', '{"order": "random"}'::jsonb, now(), true);
SELECT window_funnel(interval '1 day', '{"order": "any", "first_time": true}'::jsonb, now(), true);
SELECT window_funnel(interval '1 day', NULL::jsonb, now(), true);
SELECT window_funnel(NULL::interval, '{}'::jsonb, now(), true);
SELECT window_funnel(interval '1 day', '{}'::jsonb, now(), VARIADIC NULL::bool[]);
SELECT window_funnel(interval '0 days', '{}'::jsonb, now(), true);
SELECT window_funnel(interval '1 day', '{}'::jsonb, 'infinity'::timestamptz, true);
SELECT window_funnel(interval '1 day', o::jsonb, ts, true)
FROM (VALUES ('{}', now()), ('{"first_time": true}', now())) v(o, ts);
SELECT window_funnel(interval '1 day', '{}'::jsonb, ts, VARIADIC c)
FROM (VALUES (now(), ARRAY[true]), (now(), ARRAY[true, false])) v(ts, c);
-- options computed per row are compared by what they mean (a computed value's memory may be
-- reused at the same address): equal options pass, also when spelled differently ([2] and
-- [2.0], keys in another order), differing ones are caught
SELECT window_funnel(interval '1 day', ('{"first_time": ' || (i > 0)::text || '}')::jsonb, now(), true) AS same
FROM generate_series(1, 10) i;
SELECT window_funnel(interval '1 day', o::jsonb, ts, e = 'a', e = 'b', e = 'c') AS same_spelled_apart
FROM (VALUES ('{"optional": [2], "first_time": true}', timestamptz '2024-05-01 10:00+00', 'a'),
             ('{"first_time": true, "optional": [2.0]}', '2024-05-01 10:01+00', 'c'),
             ('{"optional": [2e0], "first_time": true}', '2024-05-01 10:02+00', 'b')) v(o, ts, e);
SELECT window_funnel(interval '1 day', ('{"first_time": ' || (i > 5)::text || '}')::jsonb, now(), true)
FROM generate_series(1, 10) i;
SELECT funnel_seconds('{2024-05-01 10:00:00+00}', 1, 2);
SELECT funnel_seconds('{2024-05-01 10:00:00+00, infinity}', 1, 2);
\set VERBOSITY terse

-- ==== funnel_breakdown: attribution ====
-- customer 1: visit (google) 10:00, visit (email) 10:05, signup (NULL) 10:10, buy (direct)
-- 11:00; the reported chain is visit 10:05 -> signup 10:10 -> buy 11:00, so first touch
-- email, last touch direct, step 2 NULL (the signup row had no channel), step 3 direct.
-- customer 2: two visits at the same time (ads2, ads) and nothing else: level 1, first and
-- last touch 'ads' (the first value in byte order), step 2 not reached -> NULL.
-- customer 3: visit with a NULL channel at the same time as one with 'web' -> 'web'.
-- customer 4: no step 1 -> NULL.
SELECT c,
       funnel_breakdown(interval '1 day', '{}'::jsonb, ts, ch, e = 'visit', e = 'signup', e = 'buy') AS first_touch,
       funnel_breakdown(interval '1 day', '{"attribution": "last_touch"}'::jsonb, ts, ch, e = 'visit', e = 'signup', e = 'buy') AS last_touch,
       funnel_breakdown(interval '1 day', '{"attribution": 2}'::jsonb, ts, ch, e = 'visit', e = 'signup', e = 'buy') AS step2,
       funnel_breakdown(interval '1 day', '{"attribution": 3}'::jsonb, ts, ch, VARIADIC ARRAY[e = 'visit', e = 'signup', e = 'buy']) AS step3,
       funnel_breakdown(interval '1 day', '{"first_time": true}'::jsonb, ts, ch, e = 'visit', e = 'signup', e = 'buy') AS first_ever
FROM (VALUES (1, timestamptz '2024-05-01 10:00+00', 'visit', 'google'), (1, '2024-05-01 10:05+00', 'visit', 'email'),
             (1, '2024-05-01 10:10+00', 'signup', NULL), (1, '2024-05-01 11:00+00', 'buy', 'direct'),
             (2, '2024-05-01 10:00+00', 'visit', 'ads2'), (2, '2024-05-01 10:00+00', 'visit', 'ads'),
             (3, '2024-05-01 10:00+00', 'visit', NULL), (3, '2024-05-01 10:00+00', 'visit', 'web'),
             (4, '2024-05-01 10:00+00', 'buy', 'web')) v(c, ts, e, ch)
GROUP BY c ORDER BY c;
-- expected first_ever: 1 google (the first visit starts the only chain), 2 ads, 3 web, 4 NULL

-- conversion per channel without double counting: each customer counted once, under the
-- channel of the step 1 of the chain that went deepest (customers 1 -> email (3 steps),
-- 2 -> ads (1), 3 -> web (1))
SELECT channel, count(*) AS customers, count(*) FILTER (WHERE level = 3) AS converted
FROM (SELECT c,
             window_funnel(interval '1 day', '{}'::jsonb, ts, e = 'visit', e = 'signup', e = 'buy') AS level,
             funnel_breakdown(interval '1 day', '{}'::jsonb, ts, ch, e = 'visit', e = 'signup', e = 'buy') AS channel
      FROM (VALUES (1, timestamptz '2024-05-01 10:00+00', 'visit', 'google'), (1, '2024-05-01 10:05+00', 'visit', 'email'),
                   (1, '2024-05-01 10:10+00', 'signup', NULL), (1, '2024-05-01 11:00+00', 'buy', 'direct'),
                   (2, '2024-05-01 10:00+00', 'visit', 'ads2'), (2, '2024-05-01 10:00+00', 'visit', 'ads'),
                   (3, '2024-05-01 10:00+00', 'visit', NULL), (3, '2024-05-01 10:00+00', 'visit', 'web')) v(c, ts, e, ch)
      GROUP BY c) s
GROUP BY channel ORDER BY channel;

\set VERBOSITY default
SELECT funnel_breakdown(interval '1 day', '{"attribution": "middle"}'::jsonb, now(), 'x', true, true);
SELECT funnel_breakdown(interval '1 day', '{"attribution": 3}'::jsonb, now(), 'x', true, true);
SELECT funnel_breakdown(interval '1 day', '{"order": "any"}'::jsonb, now(), 'x', true, true);
SELECT funnel_breakdown(interval '1 day', '{}'::jsonb, now(), 'x', VARIADIC array_fill(true, ARRAY[32]));
SELECT window_funnel(interval '1 day', '{"attribution": "first_touch"}'::jsonb, now(), true, true);
\set VERBOSITY terse

-- numbers past the integer range and step windows that are no interval: the options' own
-- 22023 with its hint (were a bare bigint overflow and interval_in's 22007)
\set VERBOSITY default
SELECT window_funnel(interval '1 day', '{"optional": [1e300]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"optional": [18446744073709551618]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"exclude": [[1, 1e300]]}'::jsonb, now(), true, true, true);
SELECT funnel_breakdown(interval '1 day', '{"attribution": 1e300}'::jsonb, now(), 'x', true, true);
SELECT window_funnel(interval '1 day', '{"step_windows": ["garbage", null]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 day', '{"step_windows": ["1 hour", "-"]}'::jsonb, now(), true, true, true);
\set VERBOSITY terse
-- errors name the function called: funnel_breakdown (not window_funnel) and an empty array
\set VERBOSITY default
SELECT funnel_breakdown(w, '{}'::jsonb, now(), 'x', true, true)
FROM (VALUES (interval '1 day'), (interval '2 days')) v(w);
SELECT funnel_seconds('{}'::timestamptz[], 1, 1);
\set VERBOSITY terse
