-- name: survey-response-rates
-- description: Survey response rates per cohort and instrument: of the cohort's participants, how many answered
-- the pre survey, the post survey and both, and how many have a post but no pre survey (an identity break, or a
-- missed pre survey: identity-breaks lists them).
-- param: programme =
-- param: year =
WITH scope AS (
    SELECT cohort_key, cohort_id, programme_id, year
    FROM cohorts
    WHERE (:programme IS NULL OR programme_id = :programme)
      AND (:year IS NULL OR year = CAST(:year AS INTEGER))
),
-- Who answered which wave of an instrument, from the stored construct rows (one per person,
-- cohort, construct and wave with an answer: every item belongs to a construct), a quarter of the
-- rows of answers.
waves AS (
    SELECT v.participant_key, v.cohort_key, k.instrument_id,
           max(v.wave = 'pre') AS has_pre,
           max(v.wave = 'post') AS has_post
    FROM construct_score_values AS v
    JOIN survey_constructs AS k ON k.construct_key = v.construct_key
    WHERE v.cohort_key IN (SELECT cohort_key FROM scope)
    GROUP BY v.participant_key, v.cohort_key, k.instrument_id
),
instruments AS (
    SELECT DISTINCT instrument_id FROM survey_items
)
SELECT s.programme_id, s.year, s.cohort_id, ins.instrument_id,
       count(*) AS participants,
       sum(coalesce(w.has_pre, 0)) AS answered_pre,
       sum(coalesce(w.has_post, 0)) AS answered_post,
       sum(coalesce(w.has_pre AND w.has_post, 0)) AS answered_both,
       sum(coalesce(w.has_post AND NOT w.has_pre, 0)) AS post_without_pre,
       CAST(sum(coalesce(w.has_pre, 0)) AS REAL) / count(*) AS pre_rate,
       CAST(sum(coalesce(w.has_post, 0)) AS REAL) / count(*) AS post_rate,
       CAST(sum(coalesce(w.has_pre AND w.has_post, 0)) AS REAL) / count(*) AS both_rate
FROM cohort_participants AS cp
JOIN scope AS s ON s.cohort_id = cp.cohort_id
JOIN participants AS p ON p.participant_id = cp.participant_id
CROSS JOIN instruments AS ins
LEFT JOIN waves AS w
       ON w.participant_key = p.participant_key AND w.cohort_key = s.cohort_key
      AND w.instrument_id = ins.instrument_id
GROUP BY s.programme_id, s.year, s.cohort_id, ins.instrument_id
ORDER BY s.programme_id, s.year, s.cohort_id, ins.instrument_id;
