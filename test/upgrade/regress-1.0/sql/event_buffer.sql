-- event_buffer: the serial form parallel workers exchange, checked through the
-- diagnostic event_buffer_check(bytea), which runs the deserializer's own parser.
-- Format 2: byte 2, nparams int32 (-1..4), params int64 each, nevents int64,
-- events (ts int64, flags int32, aux int32), nlabels int32, labels (len int32, bytes).
SET client_min_messages = warning;

-- result of event_buffer_check as text, or the SQLSTATE it raised
CREATE FUNCTION eb_try(b bytea) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	RETURN event_buffer_check(b)::text;
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;

-- hand-built valid buffers (hex spelled out field by field)
CREATE TEMP TABLE eb_valid(name text, b bytea);
INSERT INTO eb_valid VALUES
 -- no parameters set, no events, no labels
 ('empty', '\x02'::bytea || '\xffffffff' || '\x0000000000000000' || '\x00000000'::bytea),
 -- 2 parameters (7, 3), 2 events, no labels
 ('two events', '\x02'::bytea || '\x00000002' || '\x0000000000000007' || '\x0000000000000003'
   || '\x0000000000000002'
   || '\x00000000000003e8' || '\x00000001' || '\x00000000'
   || '\x00000000000007d0' || '\x00000002' || '\x00000000'
   || '\x00000000'::bytea),
 -- 1 parameter, 3 events with label ids 1, 0, 1, labels 'lead' and 'customer'
 ('labelled', '\x02'::bytea || '\x00000001' || '\x0000000000000000'
   || '\x0000000000000003'
   || '\x0000000000000001' || '\x00000000' || '\x00000001'
   || '\x0000000000000002' || '\x00000000' || '\x00000000'
   || '\x0000000000000003' || '\x00000000' || '\x00000001'
   || '\x00000002' || '\x00000004' || convert_to('lead', 'UTF8')
   || '\x00000008' || convert_to('customer', 'UTF8')),
 -- an empty label is a label
 ('empty label', '\x02'::bytea || '\xffffffff' || '\x0000000000000001'
   || '\x0000000000000001' || '\x00000000' || '\x00000000'
   || '\x00000001' || '\x00000000'::bytea);
SELECT name, length(b) AS bytes, eb_try(b) AS events FROM eb_valid ORDER BY name;

-- corrupt buffers: each must raise 22P03 (invalid_binary_representation), never crash
CREATE TEMP TABLE eb_bad(name text, b bytea);
INSERT INTO eb_bad
SELECT 'truncated by ' || k || ' bytes', substr(b, 1, length(b) - k)
FROM eb_valid, generate_series(1, 9) k WHERE name = 'labelled'
UNION ALL
SELECT 'one byte too many', b || '\x00'::bytea FROM eb_valid WHERE name = 'two events'
UNION ALL
SELECT 'zero bytes', ''::bytea
UNION ALL
SELECT 'wrong format byte ' || f, set_byte(b, 0, f)
FROM eb_valid, unnest(ARRAY[0, 1, 3, 255]) f WHERE name = 'two events'
UNION ALL
SELECT 'parameter count ' || p,
       '\x02'::bytea || int4send(p) || '\x0000000000000000' || '\x00000000'::bytea
FROM unnest(ARRAY[-2, 5, 1000, -2147483648, 2147483647]) p
UNION ALL
SELECT 'event count ' || n,
       '\x02'::bytea || '\xffffffff'::bytea || int8send(n) || '\x00000000'::bytea
FROM unnest(ARRAY[1, -1, 4611686018427387904, 9223372036854775807, -9223372036854775808]) n
UNION ALL
SELECT 'label count ' || n,
       '\x02'::bytea || '\xffffffff' || '\x0000000000000000'::bytea || int4send(n)
FROM unnest(ARRAY[-1, 1, 2147483647]) n
UNION ALL
SELECT 'label length ' || n,
       '\x02'::bytea || '\xffffffff' || '\x0000000000000000' || '\x00000001'::bytea
       || int4send(n) || '\x41'::bytea
FROM unnest(ARRAY[-1, 2, 2147483647]) n
UNION ALL
SELECT 'label not valid UTF-8',
       '\x02'::bytea || '\xffffffff' || '\x0000000000000000' || '\x00000001' || '\x00000002' || '\xc328'::bytea
UNION ALL
SELECT 'label with a zero byte',
       '\x02'::bytea || '\xffffffff' || '\x0000000000000000' || '\x00000001' || '\x00000002' || '\x4100'::bytea
UNION ALL
SELECT 'duplicate label',
       '\x02'::bytea || '\xffffffff' || '\x0000000000000000' || '\x00000002'
       || '\x00000001' || '\x41' || '\x00000001' || '\x41'::bytea
UNION ALL
SELECT 'label id out of range', set_byte(b, 36, 2) FROM eb_valid WHERE name = 'labelled';
SELECT name, eb_try(b) AS result FROM eb_bad ORDER BY name;

-- random bytes, with and without a correct format byte: 22P03 every time
SELECT count(*) AS tries, eb_try(b) AS result
FROM (SELECT decode(repeat(md5(i::text), 1 + i % 5), 'hex') AS b FROM generate_series(1, 500) i
      UNION ALL
      SELECT '\x02'::bytea || decode(repeat(md5(i::text), 1 + i % 5), 'hex') FROM generate_series(1, 500) i) r
GROUP BY 2 ORDER BY 2;

-- every single byte of the valid labelled buffer replaced by 0x00, 0x7f, 0xff: the
-- result is either a valid count or 22P03, nothing else
SELECT eb_try(set_byte(b, pos, v)) IN ('3', '22P03') AS ok, count(*)
FROM eb_valid, generate_series(0, 92) pos, unnest(ARRAY[0, 127, 255]) v
WHERE name = 'labelled'
GROUP BY 1 ORDER BY 1;

-- STRICT: a NULL buffer gives NULL
SELECT event_buffer_check(NULL) IS NULL AS strict_null;
DROP FUNCTION eb_try(bytea);

-- the message names the problem
SELECT event_buffer_check('\x01ffffffff000000000000000000000000'::bytea);
SELECT event_buffer_check('\x02ffffffff000000000000000100000000'::bytea);
