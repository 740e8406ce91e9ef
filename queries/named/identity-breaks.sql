-- name: identity-breaks
-- description: Identity breaks: participants with answers to one wave but not the other in the same cohort and
-- instrument (kind = post_without_pre, the usual sign of an id or e-mail that changed between surveys, or
-- pre_without_post, people lost before the end). One row per person, cohort and instrument, with their answer
-- counts and dates, for following up before pre/post pairs are counted.
-- param: kind = post_without_pre
-- param: programme =
-- param: year =
WITH waves AS (
    SELECT a.participant_key, a.cohort_key, i.instrument_id,
           sum(a.wave = 'pre') AS pre_answers,
           sum(a.wave = 'post') AS post_answers,
           min(CASE WHEN a.wave = 'pre' THEN a.responded_on END) AS pre_on,
           min(CASE WHEN a.wave = 'post' THEN a.responded_on END) AS post_on
    FROM answers AS a
    JOIN survey_items AS i ON i.item_key = a.item_key
    JOIN cohorts AS c ON c.cohort_key = a.cohort_key
    WHERE (:programme IS NULL OR c.programme_id = :programme)
      AND (:year IS NULL OR c.year = CAST(:year AS INTEGER))
    GROUP BY a.participant_key, a.cohort_key, i.instrument_id
)
SELECT c.programme_id, c.year, c.cohort_id, p.participant_id, w.instrument_id,
       CASE WHEN w.pre_answers = 0 THEN 'post_without_pre' ELSE 'pre_without_post' END AS kind,
       w.pre_answers, w.post_answers, w.pre_on, w.post_on
FROM waves AS w
JOIN participants AS p ON p.participant_key = w.participant_key
JOIN cohorts AS c ON c.cohort_key = w.cohort_key
JOIN cohort_participants AS cp ON cp.participant_id = p.participant_id AND cp.cohort_id = c.cohort_id
WHERE (w.pre_answers = 0) <> (w.post_answers = 0)
  AND (CASE WHEN w.pre_answers = 0 THEN 'post_without_pre' ELSE 'pre_without_post' END) = :kind
ORDER BY c.programme_id, c.year, c.cohort_id, p.participant_id, w.instrument_id;
