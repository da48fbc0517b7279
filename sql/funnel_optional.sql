-- funnel_optional: window_funnel / funnel_times with "optional" steps, which a chain may
-- skip; funnel_times gives NULL at the skipped ones.  Every expected value is worked out by
-- hand in the comment above its query (the brute-force comparison is test/funnel_options).
SET timezone = 'UTC';

-- steps visit, pricing (optional), signup; window 1 hour
CREATE TABLE fopt_ev (c int, ts timestamptz, e text, k text);
INSERT INTO fopt_ev VALUES
-- 1: visit, signup: pricing skipped -> level 3, {10:00, NULL, 10:05}
(1, '2024-05-01 10:00+00', 'visit', 'X'), (1, '2024-05-01 10:05+00', 'signup', 'X'),
-- 2: visit, pricing, signup -> {10:00, 10:02, 10:05}
(2, '2024-05-01 10:00+00', 'visit', 'X'), (2, '2024-05-01 10:02+00', 'pricing', 'X'),
(2, '2024-05-01 10:05+00', 'signup', 'X'),
-- 3: visit, signup, pricing, signup: the chain with the most steps is reported, although
--    the skipping one completed first -> {10:00, 10:10, 10:15}
(3, '2024-05-01 10:00+00', 'visit', 'X'), (3, '2024-05-01 10:05+00', 'signup', 'X'),
(3, '2024-05-01 10:10+00', 'pricing', 'X'), (3, '2024-05-01 10:15+00', 'signup', 'X'),
-- 4: visit, pricing: level 2 -> {10:00, 10:02, NULL}
(4, '2024-05-01 10:00+00', 'visit', 'X'), (4, '2024-05-01 10:02+00', 'pricing', 'X'),
-- 5: pricing, signup without a visit: level 0, all NULL
(5, '2024-05-01 10:00+00', 'pricing', 'X'), (5, '2024-05-01 10:05+00', 'signup', 'X'),
-- 6: the signup is 2 hours after the visit: level 1 -> {10:00, NULL, NULL}
(6, '2024-05-01 10:00+00', 'visit', 'X'), (6, '2024-05-01 12:00+00', 'signup', 'X'),
-- 7: held key: X skips pricing, Y has all three; both reach level 3, Y reached more steps
--    -> window_funnel 3 either way, funnel_times (with the key) Y's {10:01, 10:02, 10:10}
(7, '2024-05-01 10:00+00', 'visit', 'X'), (7, '2024-05-01 10:05+00', 'signup', 'X'),
(7, '2024-05-01 10:01+00', 'visit', 'Y'), (7, '2024-05-01 10:02+00', 'pricing', 'Y'),
(7, '2024-05-01 10:10+00', 'signup', 'Y'),
-- 8: a NULL timestamp skips the row; NULL conditions are false -> {10:00, NULL, 10:05}
(8, '2024-05-01 10:00+00', 'visit', 'X'), (8, NULL, 'pricing', 'X'), (8, '2024-05-01 10:03+00', NULL, 'X'),
(8, '2024-05-01 10:05+00', 'signup', 'X');

-- plain ('{}'): 1 → 1, 2 → 3, 3 → 3, 4 → 2, 5 → 0, 6 → 1, 7 → 3 (Y), 8 → 1; with pricing
-- optional 1 and 8 become 3; funnel_seconds(t, 1, 2) is NULL where pricing was skipped
SELECT c,
       window_funnel(interval '1 hour', '{}'::jsonb, ts, e = 'visit', e = 'pricing', e = 'signup') AS plain,
       window_funnel(interval '1 hour', '{"optional": [2]}'::jsonb, ts, e = 'visit', e = 'pricing', e = 'signup') AS level,
       funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, ts, e = 'visit', e = 'pricing', e = 'signup') AS times,
       funnel_seconds(funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, ts, e = 'visit', e = 'pricing',
                                   e = 'signup'), 1, 2) AS secs_1_2,
       funnel_seconds(funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, ts, e = 'visit', e = 'pricing',
                                   e = 'signup'), 1, 3) AS secs_1_3
FROM fopt_ev GROUP BY c ORDER BY c;

-- the VARIADIC and the held-key forms: 7 reports key Y's chain {10:01, 10:02, 10:10}; the
-- others as above (one key each)
SELECT c,
       window_funnel(interval '1 hour', '{"optional": [2]}'::jsonb, ts, k,
                     VARIADIC ARRAY[e = 'visit', e = 'pricing', e = 'signup']) AS level,
       funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, ts, k,
                    VARIADIC ARRAY[e = 'visit', e = 'pricing', e = 'signup']) AS times
FROM fopt_ev GROUP BY c ORDER BY c;

-- per-step counts (the README's chart): customers 1-8 with a chain reaching each step:
-- step 1: 1, 2, 3, 4, 6, 7, 8 = 7; pricing: 2, 3, 4, 7 (X's chain skips it, but without a
-- key the chain visit 10:00, pricing 10:02, signup 10:05 exists) = 4; signup: 1, 2, 3, 7, 8 = 5
SELECT count(*) FILTER (WHERE t[1] IS NOT NULL) AS visited,
       count(*) FILTER (WHERE t[2] IS NOT NULL) AS saw_pricing,
       count(*) FILTER (WHERE t[3] IS NOT NULL) AS signed_up,
       count(*) FILTER (WHERE t[3] IS NOT NULL AND t[2] IS NULL) AS signed_up_without_pricing
FROM (SELECT funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, ts, e = 'visit', e = 'pricing',
                          e = 'signup') AS t
      FROM fopt_ev GROUP BY c) s;

-- ties: one row matching all three steps fills them all at one time; a row matching
-- steps 1 and 3 only skips 2 -> {10:00, 10:00, 10:00} and {10:00, NULL, 10:00}
SELECT funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, timestamptz '2024-05-01 10:00+00', true, true, true) AS all3,
       funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, timestamptz '2024-05-01 10:00+00', true, false, true) AS skip2;

-- equal numbers of steps: a 10:00, c 10:01, b 10:02, d 10:03 with b and c optional gives
-- the chains a-c-d and a-b-d (a-b-c-d is out of order), both completed at 10:03; compared
-- from step 4 down, step 3 is reached in a-c-d and skipped in a-b-d -> {10:00, NULL, 10:01, 10:03}
SELECT funnel_times(interval '1 hour', '{"optional": [2, 3]}'::jsonb, ts, e = 'a', e = 'b', e = 'c', e = 'd') AS times
FROM (VALUES (timestamptz '2024-05-01 10:00+00', 'a'), ('2024-05-01 10:01+00', 'c'),
             ('2024-05-01 10:02+00', 'b'), ('2024-05-01 10:03+00', 'd')) v(ts, e);

-- step windows with optional steps: an entry bounds the time into its step from the
-- previous REACHED step.  Steps cart, coupon (optional), checkout; step_windows
-- ["10 minutes", "20 minutes"]:
--   1: cart 10:00, checkout 10:15: 15 min <= 20 -> {10:00, NULL, 10:15}
--   2: cart 10:00, checkout 10:25: 25 > 20, no coupon -> level 1
--   3: cart 10:00, coupon 10:08, checkout 10:25: 8 <= 10, 17 <= 20 -> {10:00, 10:08, 10:25}
--   4: cart 10:00, coupon 10:12, checkout 10:15: the coupon is 12 > 10 minutes after the
--      cart, so it cannot be reached; skipping it, 15 <= 20 -> {10:00, NULL, 10:15}
SELECT c, funnel_times(interval '1 hour', '{"optional": [2], "step_windows": ["10 minutes", "20 minutes"]}'::jsonb,
                       ts, e = 'cart', e = 'coupon', e = 'checkout') AS times
FROM (VALUES (1, timestamptz '2024-05-01 10:00+00', 'cart'), (1, '2024-05-01 10:15+00', 'checkout'),
             (2, '2024-05-01 10:00+00', 'cart'), (2, '2024-05-01 10:25+00', 'checkout'),
             (3, '2024-05-01 10:00+00', 'cart'), (3, '2024-05-01 10:08+00', 'coupon'), (3, '2024-05-01 10:25+00', 'checkout'),
             (4, '2024-05-01 10:00+00', 'cart'), (4, '2024-05-01 10:12+00', 'coupon'), (4, '2024-05-01 10:15+00', 'checkout')) v(c, ts, e)
GROUP BY c ORDER BY c;

-- exclusion between required steps around an optional one: steps view, compare
-- (optional), buy; exclusion help between view and buy ([1, 3]):
--   1: view 10:00, help 10:01, buy 10:05 -> level 1 {10:00, NULL, NULL}
--   2: view 10:00, compare 10:02, help 10:03, buy 10:05: compare is reached, buy is not -> 2
--   3: view 10:00, help 10:01, view 10:02, buy 10:05: the second view starts a clean chain
--      -> {10:02, NULL, 10:05}
--   4: view 10:00, buy 10:05, help 10:06 (after) -> {10:00, NULL, 10:05}
SELECT c, window_funnel(interval '1 hour', '{"optional": [2], "exclude": [[1, 3]]}'::jsonb,
                        ts, e = 'view', e = 'compare', e = 'buy', e = 'help') AS level,
       funnel_times(interval '1 hour', '{"optional": [2], "exclude": [[1, 3]]}'::jsonb,
                    ts, e = 'view', e = 'compare', e = 'buy', e = 'help') AS times
FROM (VALUES (1, timestamptz '2024-05-01 10:00+00', 'view'), (1, '2024-05-01 10:01+00', 'help'), (1, '2024-05-01 10:05+00', 'buy'),
             (2, '2024-05-01 10:00+00', 'view'), (2, '2024-05-01 10:02+00', 'compare'), (2, '2024-05-01 10:03+00', 'help'),
             (2, '2024-05-01 10:05+00', 'buy'),
             (3, '2024-05-01 10:00+00', 'view'), (3, '2024-05-01 10:01+00', 'help'), (3, '2024-05-01 10:02+00', 'view'),
             (3, '2024-05-01 10:05+00', 'buy'),
             (4, '2024-05-01 10:00+00', 'view'), (4, '2024-05-01 10:05+00', 'buy'), (4, '2024-05-01 10:06+00', 'help')) v(c, ts, e)
GROUP BY c ORDER BY c;

-- an exclusion event at the time a chain reaches the pair's first step does not void it,
-- even when another chain with more steps reached that step earlier: steps a, b, c
-- (optional), d, e, exclusion x between b and e; a 1, a 2, b 3, c 4, then b, d and x all at
-- 5, e at 6.  The chain a 2, b 3, c 4, d 5 has an x after its b; a 2, b 5, d 5, e 6 does
-- not (x at 5 is not strictly after b at 5) -> level 5, {2, 5, NULL, 5, 6} (minutes)
SELECT window_funnel(interval '1 hour', '{"optional": [3], "exclude": [[2, 5]]}'::jsonb, ts,
                     e = 'a', e = 'b', e = 'c', e = 'd', e = 'e', e = 'x') AS level,
       funnel_times(interval '1 hour', '{"optional": [3], "exclude": [[2, 5]]}'::jsonb, ts,
                    e = 'a', e = 'b', e = 'c', e = 'd', e = 'e', e = 'x') AS times
FROM (VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'c'), (5, 'b'), (5, 'd'), (5, 'x'), (6, 'e')) v(m, e),
     LATERAL (SELECT timestamptz '2024-05-01 10:00+00' + m * interval '1 minute' AS ts) t;

-- first_time: only the first visit (10:00) starts a chain; the signup 90 minutes later is
-- out of the hour -> 1; without first_time the 11:00 visit reaches it -> 3 {11:00, NULL, 11:30}
SELECT window_funnel(interval '1 hour', '{"optional": [2], "first_time": true}'::jsonb, ts,
                     e = 'visit', e = 'pricing', e = 'signup') AS first_visit,
       funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, ts,
                    e = 'visit', e = 'pricing', e = 'signup') AS any_visit
FROM (VALUES (timestamptz '2024-05-01 10:00+00', 'visit'), ('2024-05-01 11:00+00', 'visit'),
             ('2024-05-01 11:30+00', 'signup')) v(ts, e);

-- 32 steps, 2 to 31 optional: a row matching all of them reaches 32 steps; a row matching
-- steps 1 and 32 only skips 30 -> all: level 32, 32 reached; ends: level 32, 2 reached
SELECT f, max(level) AS level, count(x) AS reached
FROM (SELECT f, window_funnel(interval '1 hour', o, timestamptz '2024-05-01 10:00+00', VARIADIC c) AS level,
             funnel_times(interval '1 hour', o, timestamptz '2024-05-01 10:00+00', VARIADIC c) AS t
      FROM (VALUES ('all', array_fill(true, ARRAY[32])),
                   ('ends', ARRAY[true] || array_fill(false, ARRAY[30]) || true)) v(f, c),
           (SELECT jsonb_build_object('optional', jsonb_agg(s)) AS o FROM generate_series(2, 31) s) p
      GROUP BY f) r, unnest(r.t) x
GROUP BY f ORDER BY f;

-- "optional": [] and a repeated step number: the same as '{}' and [2] (customer 1 -> 1 and 3)
SELECT window_funnel(interval '1 hour', '{"optional": []}'::jsonb, ts, e = 'visit', e = 'pricing', e = 'signup') AS none,
       window_funnel(interval '1 hour', '{"optional": [2, 2]}'::jsonb, ts, e = 'visit', e = 'pricing', e = 'signup') AS twice
FROM fopt_ev WHERE c = 1;

-- the same result serially and with the rows in the opposite order (each customer's
-- array equal): true
SELECT bool_and(a.t IS NOT DISTINCT FROM b.t) AS same
FROM (SELECT c, funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, ts, e = 'visit', e = 'pricing', e = 'signup') AS t
      FROM fopt_ev GROUP BY c) a
JOIN (SELECT c, funnel_times(interval '1 hour', '{"optional": [2]}'::jsonb, ts, e = 'visit', e = 'pricing', e = 'signup') AS t
      FROM (SELECT * FROM fopt_ev ORDER BY c, ts DESC NULLS FIRST, e DESC) r GROUP BY c) b USING (c);

-- errors (22023, each with a hint)
\set VERBOSITY default
-- step 1 and the last step cannot be optional; nor can any step of a 2-step funnel
SELECT window_funnel(interval '1 hour', '{"optional": [1]}'::jsonb, now(), true, true, true);
\echo :LAST_ERROR_SQLSTATE
SELECT window_funnel(interval '1 hour', '{"optional": [3]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 hour', '{"optional": [2]}'::jsonb, now(), true, true);
-- not an array of whole step numbers
SELECT window_funnel(interval '1 hour', '{"optional": 2}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 hour', '{"optional": ["2"]}'::jsonb, now(), true, true, true);
SELECT window_funnel(interval '1 hour', '{"optional": [2.5]}'::jsonb, now(), true, true, true);
-- an exclusion's step may not be optional
SELECT window_funnel(interval '1 hour', '{"optional": [2], "exclude": [[1, 2]]}'::jsonb, now(), true, true, true, false);
SELECT window_funnel(interval '1 hour', '{"optional": [2], "exclude": [[2, 3]]}'::jsonb, now(), true, true, true, false);
\echo :LAST_ERROR_SQLSTATE
-- no unordered funnel, no funnel_breakdown
SELECT window_funnel(interval '1 hour', '{"optional": [2], "order": "any"}'::jsonb, now(), true, true, true);
SELECT funnel_breakdown(interval '1 hour', '{"optional": [2]}'::jsonb, now(), 'web', true, true, true);
\echo :LAST_ERROR_SQLSTATE
-- the unknown-key hint lists optional
SELECT window_funnel(interval '1 hour', '{"optionals": [2]}'::jsonb, now(), true, true, true);
\set VERBOSITY terse
