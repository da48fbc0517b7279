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
