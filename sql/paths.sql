-- paths: sequence_next_node, sequence_match_events, event_path, path_edges
SET TimeZone = 'UTC';

-- ==== sequence_next_node: ClickHouse's cases ====
-- Restated from ClickHouse tests/queries/0_stateless/01656_sequence_next_node_long.sql and
-- its .reference: times are seconds of 2000-01-02 09:00:0S (here the bigint S), base_condition
-- is 1 (true) and event condition k is action = events[k].  Every row of snn_cases is one
-- line of the .reference (query, id, expected value; NULL = \N).
CREATE TABLE snn_t (dt int, id int, action text);
INSERT INTO snn_t VALUES
  (1, 1, 'A'), (2, 1, 'B'), (3, 1, 'C'), (4, 1, 'D'),
  (1, 2, 'B'), (2, 2, 'B'), (3, 2, 'D'), (4, 2, 'C'),
  (1, 3, 'A'), (2, 3, 'B'),
  (1, 4, 'A'), (2, 4, 'A'), (3, 4, 'A'), (4, 4, 'B'), (5, 4, 'C'),
  (1, 5, 'A'), (2, 5, 'B'), (3, 5, 'A'), (4, 5, 'C'),
  (1, 6, 'A'), (2, 6, 'B'), (3, 6, 'A'), (4, 6, 'B'), (5, 6, 'C'),
  (1, 10, 'A'), (2, 10, 'B'), (2, 10, NULL), (3, 10, 'C'), (4, 10, 'D'),  -- the Nullable table's NULL row
  (1, 11, 'A'), (1, 11, 'B'), (1, 11, 'C'), (1, 11, 'D'),                  -- four rows in one second
  (1, 12, 'A'), (1, 12, 'A');
CREATE TABLE snn_cases (q int, dir text, base text, events text[], id int, want text);
INSERT INTO snn_cases
SELECT q, dir, base, events::text[], id, want
FROM (VALUES
  (1, 'forward', 'head', '{A}', '{B,NULL,B,A,B,B}'),
  (2, 'forward', 'head', '{B}', '{NULL,B,NULL,NULL,NULL,NULL}'),
  (3, 'forward', 'head', '{C}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (4, 'forward', 'head', '{D}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (5, 'forward', 'head', '{E}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (6, 'backward', 'tail', '{A}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (7, 'backward', 'tail', '{B}', '{NULL,NULL,A,NULL,NULL,NULL}'),
  (8, 'backward', 'tail', '{C}', '{NULL,D,NULL,B,A,B}'),
  (9, 'backward', 'tail', '{D}', '{C,NULL,NULL,NULL,NULL,NULL}'),
  (10, 'backward', 'tail', '{E}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (11, 'forward', 'head', '{A,B}', '{C,NULL,NULL,NULL,A,A}'),
  (12, 'forward', 'head', '{A,C}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (13, 'forward', 'head', '{B,A}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (14, 'backward', 'tail', '{A,B}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (15, 'backward', 'tail', '{A,C}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (16, 'backward', 'tail', '{B,A}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (17, 'forward', 'head', '{A,A,B}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (18, 'forward', 'head', '{B,A,A}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (19, 'backward', 'tail', '{A,A,B}', '{NULL,NULL,NULL,NULL,NULL,NULL}'),
  (20, 'backward', 'tail', '{B,A,A}', '{NULL,NULL,NULL,NULL,NULL,NULL}')
) v(q, dir, base, events, wants),
LATERAL unnest(wants::text[], ARRAY[1, 2, 3, 4, 5, 6]) u(want, id);
INSERT INTO snn_cases VALUES
  -- "id >= 10": only id 10 exists at that point (its NULL action row is skipped, as the
  -- Nullable table's answers equal the non-Nullable one's)
  (21, 'forward', 'head', '{A}', 10, 'B'),
  (22, 'forward', 'head', '{A,B}', 10, 'C'),
  (23, 'forward', 'head', '{B,C}', 10, NULL),
  (24, 'backward', 'tail', '{C}', 10, NULL),
  (25, 'backward', 'tail', '{D,C}', 10, 'B'),
  (26, 'backward', 'tail', '{D,C,B}', 10, 'A'),
  -- id 11, four events in one second ordered by value (A, B, C, D).  ClickHouse counts
  -- groups with "next_node = X"; count 1 is X here, count 0 means not X (NULL by the rule)
  (27, 'forward', 'head', '{A}', 11, 'B'),
  (28, 'forward', 'head', '{C}', 11, NULL),
  (29, 'forward', 'head', '{B,C}', 11, NULL),
  (30, 'forward', 'head', '{A,B,C}', 11, 'D'),
  (31, 'backward', 'tail', '{A}', 11, NULL),
  (32, 'backward', 'tail', '{C}', 11, NULL),
  (33, 'backward', 'tail', '{C,B}', 11, NULL),
  (34, 'backward', 'tail', '{C,B,A}', 11, NULL),
  -- id 12: two identical rows in one second are two nodes (no de-duplication)
  (35, 'forward', 'head', '{A}', 12, 'A');
INSERT INTO snn_cases
SELECT q, dir, base, events::text[], id, want
FROM (VALUES
  (40, 'forward', 'first_match', '{A}', '{B,NULL,B,A,B,B,B,B}'),
  (41, 'forward', 'first_match', '{A,B}', '{C,NULL,NULL,NULL,A,A,C,C}'),
  (42, 'forward', 'first_match', '{A,B,C}', '{D,NULL,NULL,NULL,NULL,NULL,D,D}'),
  (43, 'forward', 'first_match', '{B}', '{C,B,NULL,C,A,A,C,C}'),
  (44, 'forward', 'first_match', '{B,B}', '{NULL,D,NULL,NULL,NULL,NULL,NULL,NULL}'),
  (45, 'forward', 'first_match', '{B,A}', '{NULL,NULL,NULL,NULL,C,B,NULL,NULL}'),
  (46, 'backward', 'first_match', '{A}', '{NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL}'),
  (47, 'backward', 'first_match', '{B}', '{A,NULL,A,A,A,A,A,A}'),
  (48, 'backward', 'first_match', '{B,A}', '{NULL,NULL,NULL,A,NULL,NULL,NULL,NULL}'),
  (49, 'backward', 'first_match', '{B,B}', '{NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL}')
) v(q, dir, base, events, wants),
LATERAL unnest(wants::text[], ARRAY[1, 2, 3, 4, 5, 6, 10, 11]) u(want, id);

SELECT q, min(dir) AS dir, min(base) AS base, min(events::text) AS events,
       string_agg(id || '=' || coalesce(got, 'NULL'), ' ' ORDER BY id) AS got,
       bool_and(got IS NOT DISTINCT FROM want) AS ok
FROM (SELECT c.*,
             (SELECT sequence_next_node(c.dir, c.base, t.dt::bigint, t.action, true,
                       VARIADIC ARRAY(SELECT t.action = x FROM unnest(c.events) WITH ORDINALITY u(x, o) ORDER BY o))
              FROM snn_t t WHERE t.id = c.id) AS got
      FROM snn_cases c) r
GROUP BY q ORDER BY q;
-- no event conditions: the head's (tail's) own value ("(forward, head) id < 10")
SELECT string_agg(id || '=' || h, ' ' ORDER BY id) = '1=A 2=B 3=A 4=A 5=A 6=A' AS head_ok,
       string_agg(id || '=' || t, ' ' ORDER BY id) = '1=D 2=C 3=B 4=C 5=C 6=C' AS tail_ok
FROM (SELECT id, sequence_next_node('forward', 'head', dt::bigint, action, true) AS h,
             sequence_next_node('backward', 'tail', dt::bigint, action, true) AS t
      FROM snn_t WHERE id < 10 GROUP BY id) s;

-- test_base_condition of the same file: base_condition is referrer = '1' or '2'
CREATE TABLE snn_b (dt int, id int, action text, referrer text);
INSERT INTO snn_b VALUES
  (1, 1, 'A', '1'), (2, 1, 'B', '2'), (3, 1, 'C', '3'), (4, 1, 'D', '4'),
  (1, 2, 'D', '4'), (2, 2, 'C', '3'), (3, 2, 'B', '2'), (4, 2, 'A', '1'),
  (1, 3, 'B', '10'), (2, 3, 'B', '2'), (3, 3, 'D', '3'), (4, 3, 'C', '4');
SELECT id,
       sequence_next_node('forward', 'head', dt::bigint, action, referrer = '1') AS fh,
       sequence_next_node('forward', 'head', dt::bigint, action, referrer = '1', action = 'A') AS fh_a,
       sequence_next_node('forward', 'head', dt::bigint, action, referrer = '1', action = 'A', action = 'B') AS fh_ab,
       sequence_next_node('backward', 'tail', dt::bigint, action, referrer = '1') AS bt,
       sequence_next_node('backward', 'tail', dt::bigint, action, referrer = '1', action = 'A') AS bt_a,
       sequence_next_node('backward', 'tail', dt::bigint, action, referrer = '1', action = 'A', action = 'B') AS bt_ab,
       sequence_next_node('forward', 'first_match', dt::bigint, action, referrer = '2', action = 'B') AS ff_b,
       sequence_next_node('forward', 'first_match', dt::bigint, action, referrer = '2', action = 'B', action = 'C') AS ff_bc,
       sequence_next_node('backward', 'first_match', dt::bigint, action, referrer = '2', action = 'B') AS bf_b,
       sequence_next_node('backward', 'first_match', dt::bigint, action, referrer = '2', action = 'B', action = 'A') AS bf_ba
FROM snn_b GROUP BY id ORDER BY id;
-- expected (.reference): fh 1=A; fh_a 1=B; fh_ab 1=C; bt 2=A; bt_a 2=B; bt_ab 2=C;
-- ff_b C, A, D; ff_bc 1=D; bf_b A, C, B; bf_ba none; every other cell NULL

-- ==== sequence_next_node: hand-checked cases ====
-- timestamptz, last_match, and the GROUP BY of "what came right after add to cart"
CREATE TABLE snn_shop (cust int, ts timestamptz, page text);
INSERT INTO snn_shop VALUES
  (1, '2024-01-01 10:00', 'home'), (1, '2024-01-01 10:01', 'cart'), (1, '2024-01-01 10:02', 'checkout'),
  (1, '2024-01-01 10:03', 'cart'), (1, '2024-01-01 10:04', 'home'),
  (2, '2024-01-01 11:00', 'cart'), (2, '2024-01-01 11:05', 'search'),
  (3, '2024-01-01 12:00', 'home'), (3, '2024-01-01 12:01', 'cart'),
  (4, '2024-01-01 13:00', 'search');
-- first cart -> next: 1 checkout, 2 search, 3 NULL (nothing after), 4 NULL (no cart);
-- last cart -> next: 1 home; previous page before the first cart: 1 home, 2 NULL, 3 home
SELECT cust,
       sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart') AS after_first_cart,
       sequence_next_node('forward', 'last_match', ts, page, true, page = 'cart') AS after_last_cart,
       sequence_next_node('backward', 'first_match', ts, page, true, page = 'cart') AS before_first_cart,
       sequence_next_node('backward', 'last_match', ts, page, true, page = 'cart', page = 'checkout') AS before_checkout_then_cart
FROM snn_shop GROUP BY cust ORDER BY cust;
-- base_condition narrows the base: last_match requires both event 1 and base_condition
SELECT sequence_next_node('forward', 'last_match', ts, page, ts < '2024-01-01 10:02', page = 'cart') AS early_cart_next
FROM snn_shop WHERE cust = 1;
-- the recipe: what users did right after adding to cart (NULL = nothing after)
SELECT next_page, count(*) AS customers
FROM (SELECT cust, sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart') AS next_page
      FROM snn_shop GROUP BY cust) s
GROUP BY next_page ORDER BY next_page NULLS LAST;
-- ties: rows in one second are ordered by value, whatever the row order
SELECT sequence_next_node('forward', 'head', t, e, true, e = 'b') AS b_first_is_not_head,
       sequence_next_node('forward', 'head', t, e, true, e = 'a') AS after_a
FROM (VALUES (5::bigint, 'c'), (5, 'a'), (5, 'b')) v(t, e);
-- NULLs: a NULL ts or event skips the row; NULL base_condition and conditions are false;
-- no row -> NULL
SELECT sequence_next_node('forward', 'head', t, e, true, e = 'a') AS null_rows_skipped
FROM (VALUES (1::bigint, 'a'), (2, NULL), (NULL, 'x'), (3, 'b')) v(t, e);
SELECT sequence_next_node('forward', 'head', t, e, b, c) AS null_base_is_false
FROM (VALUES (1::bigint, 'a', NULL::bool, true), (2, 'b', true, true)) v(t, e, b, c);
SELECT sequence_next_node('forward', 'first_match', t, e, true, c) AS null_cond_is_false
FROM (VALUES (1::bigint, 'a', NULL::bool), (2, 'b', true), (3, 'c', false)) v(t, e, c);
SELECT sequence_next_node('forward', 'head', t, e, true, true) IS NULL AS empty_is_null
FROM (VALUES (1::bigint, 'a')) v(t, e) WHERE false;

-- ==== sequence_match_events: ClickHouse's cases ====
-- Restated from ClickHouse tests/queries/0_stateless/00222_sequence_aggregate_function_family.sql
-- (the sequenceMatchEvents block): times 0..11, data 0,0,0,0,1,2,0,0,0,0,1,1, condition k
-- is data = k - 1.  Partial chains are answers: (?1) x 5 gives the 4 zeros at 0..3.
CREATE TABLE sme_t (t int, data int);
INSERT INTO sme_t VALUES (0, 0), (1, 0), (2, 0), (3, 0), (4, 1), (5, 2), (6, 0), (7, 0), (8, 0), (9, 0), (10, 1), (11, 1);
CREATE TABLE sme_cases (id int, pattern text, want bigint[]);
INSERT INTO sme_cases VALUES
  (1, '', '{}'), (2, '.', '{}'), (3, '.*', '{}'),
  (4, '(?1)', '{0}'), (5, '(?2)', '{4}'), (6, '(?3)', '{5}'), (7, '(?4)', '{}'),
  (8, '(?1)(?1)', '{0,1}'), (9, '(?1)(?1)(?1)', '{0,1,2}'), (10, '(?1)(?1)(?1)(?1)', '{0,1,2,3}'),
  (11, '(?1)(?1)(?1)(?1)(?1)', '{0,1,2,3}'), (12, '(?1)(?1)(?1)(?1)(?2)', '{0,1,2,3,4}'),
  (13, '(?1)(?t>10)(?2)', '{0,11}'), (14, '(?1)(?t>11)(?2)', '{0}'), (15, '(?1)(?t<11)(?2)', '{0,4}'),
  (16, '(?1)(?t<3)(?3)', '{3,5}'), (17, '(?1)(?t<=2)(?3)', '{3,5}'), (18, '(?1)(?t<2)(?3)', '{0}'),
  (19, '(?2)(?t>=7)(?2)', '{4,11}'), (20, '(?2)(?t>7)(?2)', '{4}'), (21, '(?2)(?3)(?1)', '{4,5,6}');
SELECT c.id, c.pattern, got, got = c.want AS ok
FROM sme_cases c,
     LATERAL (SELECT sequence_match_events(c.pattern, t::bigint, data = 0, data = 1, data = 2, data = 3) AS got
              FROM sme_t) x
ORDER BY c.id;
-- same file, two conditions (data = 1, data = 2): [4] and [4,5]
SELECT sequence_match_events('(?1)(?t==2)(?2)', t::bigint, data = 1, data = 2) = '{4}' AS eq2,
       sequence_match_events('(?1)(?t==1)(?2)', t::bigint, data = 1, data = 2) = '{4,5}' AS eq1
FROM sme_t;
-- ClickHouse pull request #118497 (issue #118120): the chain must obey the time gate, so
-- (?1)(?t<=10)(?2)(?3) over A@0, B@5, B@100, C@101 gives [0,5], not [0,100,101]
SELECT sequence_match_events('(?1)(?t<=10)(?2)(?3)', t::bigint, e = 'A', e = 'B', e = 'C') AS gate
FROM (VALUES (0, 'A'), (5, 'B'), (100, 'B'), (101, 'C')) v(t, e);
-- ClickHouse docs (parametric functions, sequenceMatchEvents): [1,3,4] although condition 3
-- never holds
SELECT sequence_match_events('(?1).*(?2).*(?1)(?3)', t::bigint, n = 1, n = 2, n = 4) AS docs
FROM (VALUES (1, 1), (2, 3), (3, 2), (4, 1), (5, 3), (6, 2)) v(t, n);
-- timestamptz, shuffled rows: the same chain as timestamps
SELECT sequence_match_events('(?1)(?t<3)(?3)', timestamptz '2024-01-01' + t * interval '1 second',
                             data = 0, data = 1, data = 2) AS tz
FROM (SELECT * FROM sme_t ORDER BY hashint4(t)) s;
-- empty group -> NULL; rows but no event -> {}
SELECT sequence_match_events('(?1)', t, c) IS NULL AS empty_is_null FROM (VALUES (1::bigint, true)) v(t, c) WHERE false;
SELECT sequence_match_events('(?1)', t, c) AS no_event FROM (VALUES (1::bigint, false)) v(t, c);

-- ==== event_path and path_edges: hand-checked cases ====
-- cust 1: home cart cart checkout cart home home search (consecutive repeats collapse)
CREATE TABLE ep_t (cust int, t int, e text);
INSERT INTO ep_t VALUES
  (1, 1, 'home'), (1, 2, 'cart'), (1, 3, 'cart'), (1, 4, 'checkout'), (1, 5, 'cart'),
  (1, 6, 'home'), (1, 7, 'home'), (1, 8, 'search'),
  (2, 1, 'search'), (2, 2, 'cart'), (2, 3, 'search'), (2, 4, 'search'),
  (3, 1, 'home'), (3, 2, 'search');
-- forward from the first cart, 3 steps: 1 {cart,checkout,cart,home}; 2 {cart,search};
-- 3 no cart -> NULL.  backward to the last cart, 2 steps: 1 {cart,checkout,cart} (the two
-- carts at 2, 3 are one run); 2 {search,cart}
SELECT cust,
       event_path('forward', 3, t::bigint, e, e = 'cart') AS after_cart,
       event_path('backward', 2, t::bigint, e, e = 'cart') AS before_cart,
       event_path('forward', 10, t::bigint, e, e = 'home') AS from_home
FROM ep_t GROUP BY cust ORDER BY cust;
-- path counts and Sankey edges (depth, from, to, customers)
SELECT array_to_string(p, ' > ') AS path, count(*) AS customers
FROM (SELECT event_path('forward', 2, t::bigint, e, e = 'home') AS p FROM ep_t GROUP BY cust) s
WHERE p IS NOT NULL GROUP BY p ORDER BY customers DESC, path;
SELECT x.depth, x.from_event, x.to_event, count(*) AS customers
FROM (SELECT event_path('forward', 3, t::bigint, e, e = 'home') AS p FROM ep_t GROUP BY cust) s,
     path_edges(s.p) x
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SELECT * FROM path_edges('{a,NULL,b}');
SELECT count(*) AS single_element_edges FROM path_edges('{a}');
-- NULLs: a NULL event or ts skips the row (here the NULL between two a's does not split
-- the run); NULL anchor is false; no anchor -> NULL
SELECT event_path('forward', 3, t, e, a) AS nulls
FROM (VALUES (1::bigint, 'x', NULL::bool), (2, 'a', true), (3, NULL, false), (4, 'a', false),
             (NULL, 'z', false), (5, 'b', false)) v(t, e, a);
SELECT event_path('forward', 3, t, e, false) IS NULL AS no_anchor FROM (VALUES (1::bigint, 'a')) v(t, e);
-- ties: one second's events in value order; timestamptz form
SELECT event_path('forward', 5, ts, e, e = 'a') AS ties
FROM (VALUES (timestamptz '2024-01-01', 'c'), ('2024-01-01', 'a'), ('2024-01-01', 'b'), ('2024-01-02', 'a')) v(ts, e);

-- ==== serial = parallel = partitionwise, and input order ====
CREATE TABLE pth_events AS
SELECT i AS id, (hashint4(i) & 2147483647) % 1500 AS cust,
       timestamptz '2024-01-01 00:00+00' + ((hashint4(i + 3) & 2147483647) % 5000) * interval '1 minute' AS ts,
       (ARRAY['home', 'search', 'product', 'cart', 'checkout', 'purchase'])[1 + (hashint4(i + 1) & 2147483647) % 6] AS page,
       (hashint4(i) & 2147483647) % 1500 % 16 AS bucket
FROM generate_series(1, 150000) i;
ANALYZE pth_events;
CREATE TABLE pth_serial AS
SELECT bucket,
       sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart') AS nf,
       sequence_next_node('backward', 'last_match', ts, page, page <> 'home', page = 'purchase') AS nb,
       sequence_next_node('forward', 'head', ts, page, true) AS nh,
       sequence_match_events('(?1)(?t<=600)(?2).*(?3)', ts, page = 'product', page = 'cart', page = 'purchase') AS me,
       event_path('forward', 4, ts, page, page = 'cart') AS pf,
       event_path('backward', 4, ts, page, page = 'purchase') AS pb
FROM pth_events GROUP BY bucket;
CREATE TABLE pth_serial_cust AS
SELECT cust,
       sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart', page = 'checkout') AS nf,
       event_path('forward', 4, ts, page, page = 'cart') AS pf
FROM pth_events GROUP BY cust;
-- the answers are not trivial: every bucket has an answer for each, most customers too
SELECT count(nf) AS nf, count(nb) AS nb, count(nh) AS nh, count(me) FILTER (WHERE cardinality(me) = 3) AS me_full,
       count(pf) FILTER (WHERE cardinality(pf) = 5) AS pf_full, count(pb) FILTER (WHERE cardinality(pb) = 5) AS pb_full
FROM pth_serial;
SELECT count(nf) AS nf, count(pf) AS pf FROM pth_serial_cust;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT bucket, event_path('forward', 4, ts, page, page = 'cart') FROM pth_events GROUP BY bucket;
SELECT count(*) AS parallel_mismatches FROM (
  SELECT bucket,
         sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart') AS nf,
         sequence_next_node('backward', 'last_match', ts, page, page <> 'home', page = 'purchase') AS nb,
         sequence_next_node('forward', 'head', ts, page, true) AS nh,
         sequence_match_events('(?1)(?t<=600)(?2).*(?3)', ts, page = 'product', page = 'cart', page = 'purchase') AS me,
         event_path('forward', 4, ts, page, page = 'cart') AS pf,
         event_path('backward', 4, ts, page, page = 'purchase') AS pb
  FROM pth_events GROUP BY bucket) p
FULL JOIN pth_serial s USING (bucket)
WHERE p.nf IS DISTINCT FROM s.nf OR p.nb IS DISTINCT FROM s.nb OR p.nh IS DISTINCT FROM s.nh
   OR p.me IS DISTINCT FROM s.me OR p.pf IS DISTINCT FROM s.pf OR p.pb IS DISTINCT FROM s.pb;
SELECT count(*) AS parallel_customer_mismatches FROM (
  SELECT cust,
         sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart', page = 'checkout') AS nf,
         event_path('forward', 4, ts, page, page = 'cart') AS pf
  FROM pth_events GROUP BY cust) p
FULL JOIN pth_serial_cust s USING (cust)
WHERE p.nf IS DISTINCT FROM s.nf OR p.pf IS DISTINCT FROM s.pf;
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

CREATE TABLE pth_part (LIKE pth_events) PARTITION BY HASH (id);
CREATE TABLE pth_part_0 PARTITION OF pth_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE pth_part_1 PARTITION OF pth_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE pth_part_2 PARTITION OF pth_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO pth_part SELECT * FROM pth_events;
ANALYZE pth_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF)
SELECT bucket, event_path('forward', 4, ts, page, page = 'cart') FROM pth_part GROUP BY bucket;
SELECT count(*) AS partitionwise_mismatches FROM (
  SELECT bucket,
         sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart') AS nf,
         sequence_next_node('backward', 'last_match', ts, page, page <> 'home', page = 'purchase') AS nb,
         sequence_next_node('forward', 'head', ts, page, true) AS nh,
         sequence_match_events('(?1)(?t<=600)(?2).*(?3)', ts, page = 'product', page = 'cart', page = 'purchase') AS me,
         event_path('forward', 4, ts, page, page = 'cart') AS pf,
         event_path('backward', 4, ts, page, page = 'purchase') AS pb
  FROM pth_part GROUP BY bucket) p
FULL JOIN pth_serial s USING (bucket)
WHERE p.nf IS DISTINCT FROM s.nf OR p.nb IS DISTINCT FROM s.nb OR p.nh IS DISTINCT FROM s.nh
   OR p.me IS DISTINCT FROM s.me OR p.pf IS DISTINCT FROM s.pf OR p.pb IS DISTINCT FROM s.pb;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- input order does not matter (many ties: 150,000 rows over 5,000 minutes)
SELECT count(*) AS order_mismatches FROM (
  SELECT bucket,
         sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart') AS nf,
         sequence_next_node('backward', 'last_match', ts, page, page <> 'home', page = 'purchase') AS nb,
         sequence_match_events('(?1)(?t<=600)(?2).*(?3)', ts, page = 'product', page = 'cart', page = 'purchase') AS me,
         event_path('forward', 4, ts, page, page = 'cart') AS pf,
         event_path('backward', 4, ts, page, page = 'purchase') AS pb
  FROM (SELECT * FROM pth_events ORDER BY hashint4(id + 7)) s GROUP BY bucket) p
JOIN pth_serial s USING (bucket)
WHERE p.nf IS DISTINCT FROM s.nf OR p.nb IS DISTINCT FROM s.nb OR p.me IS DISTINCT FROM s.me
   OR p.pf IS DISTINCT FROM s.pf OR p.pb IS DISTINCT FROM s.pb;
-- per customer against plain SQL: the page right after the first cart (ties by page, as the
-- aggregate orders them), and the path of up to 5 distinct pages from the first cart (a row
-- starts a run when its page differs from the previous row's)
WITH o AS (
  SELECT cust, page, row_number() OVER (PARTITION BY cust ORDER BY ts, page COLLATE "C") AS rn
  FROM pth_events
), fc AS (
  SELECT cust, min(rn) AS rn FROM o WHERE page = 'cart' GROUP BY cust
), runs AS (
  SELECT o.cust, o.rn, o.page,
         row_number() OVER (PARTITION BY o.cust ORDER BY o.rn) AS k
  FROM (SELECT o.*, o.page IS DISTINCT FROM lag(o.page) OVER (PARTITION BY o.cust ORDER BY o.rn) AS starts
        FROM o JOIN fc ON fc.cust = o.cust AND o.rn >= fc.rn) o
  WHERE starts
), plain AS (
  SELECT fc.cust, nx.page AS nf, pr.pf
  FROM fc LEFT JOIN o nx ON nx.cust = fc.cust AND nx.rn = fc.rn + 1
  JOIN (SELECT cust, array_agg(page ORDER BY rn) AS pf FROM runs WHERE k <= 5 GROUP BY cust) pr
    ON pr.cust = fc.cust
)
SELECT count(*) FILTER (WHERE a.nf IS DISTINCT FROM p.nf OR a.pf IS DISTINCT FROM p.pf) AS plain_sql_mismatches,
       count(p.cust) AS customers_with_cart, count(p.nf) AS with_next_page,
       count(*) FILTER (WHERE p.pf[2] = p.pf[3]) AS repeated_neighbours
FROM (SELECT cust, sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart') AS nf,
             event_path('forward', 4, ts, page, page = 'cart') AS pf
      FROM pth_events GROUP BY cust) a
LEFT JOIN plain p USING (cust);

-- ==== errors: a clear message, never a crash ====
\set VERBOSITY default
SELECT sequence_next_node('sideways', 'head', t, e, true, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT sequence_next_node('forward', 'middle', t, e, true, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT sequence_next_node('Forward', 'head', t, e, true, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT sequence_next_node('backward', 'head', t, e, true, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT sequence_next_node('forward', 'tail', t, e, true, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT sequence_next_node('forward', 'first_match', t, e, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT sequence_next_node(NULL, 'head', t, e, true, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT sequence_next_node('forward', 'head', t, e, true, VARIADIC NULL::bool[]) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT sequence_next_node('forward', 'head', t, e, true, VARIADIC array_fill(true, ARRAY[32])) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT sequence_next_node('forward', 'head', t, e, true, true) FROM (VALUES (timestamptz 'infinity', 'a')) v(t, e);
SELECT sequence_next_node('forward', b, t, e, true, true) FROM (VALUES ('first_match', 1::bigint, 'a'), ('last_match', 2, 'b')) v(b, t, e);
SELECT sequence_next_node('forward', 'head', t, e, true, VARIADIC c) FROM (VALUES (1::bigint, 'a', '{t}'::bool[]), (2, 'b', '{t,f}')) v(t, e, c);
SELECT sequence_match_events('(?1', t, true) FROM (VALUES (1::bigint)) v(t);
SELECT sequence_match_events('(?2)', t, true) FROM (VALUES (1::bigint)) v(t);
SELECT event_path('up', 3, t, e, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT event_path('forward', 0, t, e, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT event_path('forward', 1001, t, e, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT event_path('forward', NULL, t, e, true) FROM (VALUES (1::bigint, 'a')) v(t, e);
SELECT event_path('forward', s, t, e, true) FROM (VALUES (1, 1::bigint, 'a'), (2, 2, 'b')) v(s, t, e);
SELECT * FROM path_edges('{{a,b},{c,d}}');

-- 1.1: with 1 to 8 event conditions a timestamptz call resolves to the fixed-arity overloads
-- (no bool[] per row), whose results equal the VARIADIC form on every customer, serially and
-- in parallel
SELECT p.prosrc AS one_condition_uses FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggtransfn
WHERE a.aggfnoid = 'sequence_next_node(text, text, timestamptz, text, bool, bool)'::regprocedure;
CREATE VIEW pth_arity_check AS
SELECT cust,
    (sequence_next_node('backward', 'last_match', ts, page, page <> 'home', page = 'home') IS DISTINCT FROM
     sequence_next_node('backward', 'last_match', ts, page, page <> 'home', VARIADIC ARRAY[page = 'home'])) OR
    (sequence_next_node('forward', 'head', ts, page, true, page = 'home', page = 'search') IS DISTINCT FROM
     sequence_next_node('forward', 'head', ts, page, true, VARIADIC ARRAY[page = 'home', page = 'search'])) OR
    (sequence_next_node('backward', 'tail', ts, page, page <> 'search', page = 'home', page = 'search', page = 'product') IS DISTINCT FROM
     sequence_next_node('backward', 'tail', ts, page, page <> 'search', VARIADIC ARRAY[page = 'home', page = 'search', page = 'product'])) OR
    (sequence_next_node('forward', 'first_match', ts, page, true, page = 'home', page = 'search', page = 'product', page = 'cart') IS DISTINCT FROM
     sequence_next_node('forward', 'first_match', ts, page, true, VARIADIC ARRAY[page = 'home', page = 'search', page = 'product', page = 'cart'])) OR
    (sequence_next_node('backward', 'last_match', ts, page, page <> 'home', page = 'home', page = 'search', page = 'product', page = 'cart', page = 'checkout') IS DISTINCT FROM
     sequence_next_node('backward', 'last_match', ts, page, page <> 'home', VARIADIC ARRAY[page = 'home', page = 'search', page = 'product', page = 'cart', page = 'checkout'])) OR
    (sequence_next_node('forward', 'head', ts, page, true, page = 'home', page = 'search', page = 'product', page = 'cart', page = 'checkout', page = 'purchase') IS DISTINCT FROM
     sequence_next_node('forward', 'head', ts, page, true, VARIADIC ARRAY[page = 'home', page = 'search', page = 'product', page = 'cart', page = 'checkout', page = 'purchase'])) OR
    (sequence_next_node('backward', 'tail', ts, page, page <> 'search', page = 'home', page = 'search', page = 'product', page = 'cart', page = 'checkout', page = 'purchase', page = 'home') IS DISTINCT FROM
     sequence_next_node('backward', 'tail', ts, page, page <> 'search', VARIADIC ARRAY[page = 'home', page = 'search', page = 'product', page = 'cart', page = 'checkout', page = 'purchase', page = 'home'])) OR
    (sequence_next_node('forward', 'first_match', ts, page, true, page = 'home', page = 'search', page = 'product', page = 'cart', page = 'checkout', page = 'purchase', page = 'home', page = 'cart') IS DISTINCT FROM
     sequence_next_node('forward', 'first_match', ts, page, true, VARIADIC ARRAY[page = 'home', page = 'search', page = 'product', page = 'cart', page = 'checkout', page = 'purchase', page = 'home', page = 'cart'])) AS differs,
    sequence_next_node('forward', 'first_match', ts, page, true, page = 'cart', page = 'checkout') AS nf
FROM pth_events GROUP BY cust;
SELECT count(*) AS customers, count(nf) AS with_answer, count(*) FILTER (WHERE differs) AS fixed_arity_mismatches
FROM pth_arity_check;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT count(*) AS customers, count(*) FILTER (WHERE differs) AS parallel_fixed_arity_mismatches
FROM pth_arity_check;
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;

-- sequence_match_events with 2 to 8 conditions: the fixed-arity overloads equal the VARIADIC form
SELECT count(*) AS customers, count(*) FILTER (WHERE cardinality(f3) = 3) AS full_matches,
       count(*) FILTER (WHERE f2 IS DISTINCT FROM v2 OR f3 IS DISTINCT FROM v3 OR f8 IS DISTINCT FROM v8)
         AS fixed_arity_mismatches
FROM (SELECT cust,
             sequence_match_events('(?1).*(?2)', ts, page = 'cart', page = 'purchase') AS f2,
             sequence_match_events('(?1).*(?2)', ts, VARIADIC ARRAY[page = 'cart', page = 'purchase']) AS v2,
             sequence_match_events('(?1)(?t<=600)(?2).*(?3)', ts, page = 'product', page = 'cart', page = 'purchase') AS f3,
             sequence_match_events('(?1)(?t<=600)(?2).*(?3)', ts,
                                   VARIADIC ARRAY[page = 'product', page = 'cart', page = 'purchase']) AS v3,
             sequence_match_events('(?8).*(?3).*(?1)', ts, page = 'home', page = 'search', page = 'product',
                                   page = 'cart', page = 'checkout', page = 'purchase', page = 'home', page = 'search') AS f8,
             sequence_match_events('(?8).*(?3).*(?1)', ts, VARIADIC ARRAY[page = 'home', page = 'search', page = 'product',
                                   page = 'cart', page = 'checkout', page = 'purchase', page = 'home', page = 'search']) AS v8
      FROM pth_events GROUP BY cust) s;
