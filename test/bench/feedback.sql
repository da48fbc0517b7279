-- test/bench/feedback.sql: NPS and CSAT per answer day over every survey answer.
-- requires: nps csat
-- bench: feedback | NPS + CSAT per day | parallel
--
-- Plain SQL: the FILTER counts every NPS tutorial shows (promoters 9-10, detractors 0-6;
-- CSAT: share of answers >= 4 on the 1-5 scale).

CREATE VIEW bench_feedback_ours AS
SELECT date_trunc('day', answered_at) AS k,
       nps(nps_score) AS nps,
       csat(csat_score) AS csat
FROM survey_responses
GROUP BY 1;

CREATE VIEW bench_feedback_plain AS
SELECT date_trunc('day', answered_at) AS k,
       100.0::float8 * (count(nps_score) FILTER (WHERE nps_score >= 9)
                        - count(nps_score) FILTER (WHERE nps_score <= 6))
         / nullif(count(nps_score), 0) AS nps,
       100.0::float8 * count(csat_score) FILTER (WHERE csat_score >= 4)
         / nullif(count(csat_score), 0) AS csat
FROM survey_responses
GROUP BY 1;

CREATE VIEW bench_feedback_floor AS
SELECT date_trunc('day', answered_at) AS k, count(*) AS n
FROM survey_responses
GROUP BY 1;
