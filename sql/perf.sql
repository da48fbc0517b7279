-- perf: the fast paths of issue 20 give exactly the results of the general paths
--   - numeric amounts and weights convert to float8 without going through text: the same
--     double as PostgreSQL's own numeric::float8 for every value, fast path or fallback
--   - rfm_score reuses the cut points it checked while the next row passes the same array,
--     and still checks every new array
--   - btyd_summary and session_stats look their row type up once per query

-- ---------- numeric -> float8 ----------
-- values of 1 to 40 significant digits, scales 0 to 30, magnitudes 1e-30 to 1e30, both
-- signs: the fast path (up to 16 digits, exponent within 22) and the fallback both covered
CREATE TABLE perf_num AS
SELECT i, (CASE WHEN i % 3 = 0 THEN -1 ELSE 1 END
           * round((((hashint4(i) & 2147483647)::numeric * 1000000007 + (hashint4(-i) & 2147483647))
                   / power(10::numeric, i % 19))
                   * power(10::numeric, (i % 61) - 30), i % 31)) AS v
FROM generate_series(1, 20000) i;
INSERT INTO perf_num VALUES (20001, 0), (20002, 0.00), (20003, 12.5), (20004, -0.01),
  (20005, 9007199254740993), (20006, 9007199254740992), (20007, 1e22), (20008, 1e23),
  (20009, 1e-22), (20010, 1.7976931348623157e308), (20011, 0.1), (20012, 123456789012345.67);
-- (how many of each kind depends on the server's numeric power() and round(): thresholds)
SELECT count(*) AS values,
       count(*) FILTER (WHERE length(replace(replace(abs(v)::text, '.', ''), '0', '')) > 16) > 1000 AS many_over_16_digits,
       count(*) FILTER (WHERE v::float8 = 0) > 1000 AS many_zeros
FROM perf_num;
-- btyd_summary (numeric overload): a customer with 0 on one day and v on a later day has
-- monetary = v exactly; compared bit for bit with numeric::float8 (float8send)
SELECT count(*) AS customers,
       count(*) FILTER (WHERE float8send((s).monetary) <> float8send(v::float8)) AS mismatches
FROM (SELECT n.i, n.v,
             btyd_summary(e.ts, CASE WHEN e.second THEN n.v ELSE 0::numeric END,
                          timestamptz '2024-01-10 00:00+00', interval '1 day') AS s
      FROM perf_num n,
           (VALUES (timestamptz '2024-01-01 10:00+00', false), ('2024-01-03 10:00+00', true)) e(ts, second)
      GROUP BY n.i, n.v) q;
-- rfm_agg (numeric overload), non-negative amounts: a one-purchase total is the amount
SELECT count(*) AS customers,
       count(*) FILTER (WHERE float8send(monetary(s)) <> float8send(abs(v)::float8)) AS mismatches
FROM (SELECT i, v, rfm_agg(timestamptz '2024-01-01 10:00+00', abs(v)) AS s FROM perf_num GROUP BY i, v) q;
-- a numeric past float8's range is still refused with 22003 by the general path
DO $$
BEGIN
	PERFORM btyd_summary(timestamptz '2024-01-01', 1e400::numeric, timestamptz '2024-02-01', interval '1 day');
EXCEPTION WHEN numeric_value_out_of_range THEN
	RAISE NOTICE 'refused with SQLSTATE %', SQLSTATE;
END $$;

-- ---------- rfm_score: cached cut points ----------
-- rows alternate between two arrays (and repeat each): every score equals the plain count
-- of cut points strictly below the value
SELECT count(*) AS rows,
       count(*) FILTER (WHERE rfm_score(x, b, true) <> 1 + (SELECT count(*) FROM unnest(b) c WHERE c < x)) AS up_mismatches,
       count(*) FILTER (WHERE rfm_score(x, b, false) <> array_length(b, 1) + 1 - (SELECT count(*) FROM unnest(b) c WHERE c < x)) AS down_mismatches
FROM (SELECT (i % 23)::float8 AS x,
             CASE WHEN (i / 3) % 2 = 0 THEN ARRAY[2, 5, 5, 9, 14]::float8[] ELSE ARRAY[0.5, 7, 20]::float8[] END AS b
      FROM generate_series(1, 1000) i) t;
-- a bad array after good ones is still checked
SELECT rfm_score(1, b, true)
FROM (VALUES (1, ARRAY[1, 2]::float8[]), (2, ARRAY[1, 2]::float8[]), (3, ARRAY[2, 1]::float8[])) t(i, b) ORDER BY i;
SELECT rfm_score(1, b, true)
FROM (VALUES (1, ARRAY[1, 2]::float8[]), (2, ARRAY[1, NULL]::float8[])) t(i, b) ORDER BY i;
SELECT rfm_score(1, b, true)
FROM (VALUES (1, ARRAY[1, 2]::float8[]), (2, ARRAY[1, 'infinity']::float8[])) t(i, b) ORDER BY i;

-- ---------- row types looked up once per query ----------
-- many groups in one query, each checked against its plain-SQL value
SELECT count(*) AS customers,
       count(*) FILTER (WHERE (s).sessions <> 1 + c % 3 OR (s).events <> 2 * (1 + c % 3)) AS session_mismatches
FROM (SELECT c, session_stats(timestamptz '2024-01-01' + (k * interval '1 day') + (j * interval '1 minute'),
                              interval '30 minutes') AS s
      FROM generate_series(1, 500) c, generate_series(0, 2) k, generate_series(0, 1) j
      WHERE k <= c % 3 GROUP BY c) q;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE (s).x <> c % 4 OR (s).t_x <> c % 4 OR (s).t <> 10) AS btyd_mismatches
FROM (SELECT c, btyd_summary(timestamptz '2024-01-01 12:00+00' + k * interval '1 day', 1.0::float8,
                             timestamptz '2024-01-11 00:00+00', interval '1 day') AS s
      FROM generate_series(1, 500) c, generate_series(0, 3) k WHERE k <= c % 4 GROUP BY c) q;
