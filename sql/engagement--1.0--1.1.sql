-- engagement 1.0 -> 1.1 upgrade script.
--
-- Every SQL object that 1.1 adds or changes after the frozen 1.0 release
-- (sql/engagement--1.0.sql, never edited) reaches a 1.0 database through this file,
-- exactly as sql/engagement.sql (the source of a fresh 1.1 install) defines it; the
-- upgrade test (test/upgrade) requires the updated catalog to equal a fresh install's.
-- Stored values are never rewritten here.

\echo Use "ALTER EXTENSION engagement UPDATE TO '1.1'" to load this file. \quit
