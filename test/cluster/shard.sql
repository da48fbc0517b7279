-- test/cluster/shard.sql: one shard database: the extension in the same schema as on the
-- coordinator (postgres_fdw sends our names schema-qualified) and an empty events table
-- that the coordinator fills through its foreign partition.
CREATE EXTENSION engagement;
CREATE TABLE events (customer_id integer, ts timestamptz, kind text, score integer, rating integer, amount double precision);
