-- check: answers_without_enrolment | Survey answers from people not enrolled in the cohort
-- unit: people (total = people with answers in the cohort)
-- People with answers stored for a cohort they have no enrolment in (of any status): a mapping
-- that names the wrong cohort, or ids that do not match the CRM's. Their answers are scored but
-- count in no figure (prepost.csv takes the cohort's participants); a warning. Read from the
-- stored construct rows (one per person, cohort, construct and wave), not the answers.
WITH answered AS MATERIALIZED (
    SELECT p.participant_id, c.cohort_id,
           NOT EXISTS (SELECT 1 FROM enrolments AS e WHERE e.participant_id = p.participant_id AND e.cohort_id = c.cohort_id) AS not_enrolled
    FROM (SELECT DISTINCT participant_key, cohort_key FROM construct_score_values) AS s
    JOIN participants AS p ON p.participant_key = s.participant_key
    JOIN cohorts AS c ON c.cohort_key = s.cohort_key
)
SELECT 'answers_without_enrolment' AS check_name, 'warning' AS level, cohort_id, NULL AS subject,
       sum(not_enrolled) AS n, count(*) AS total,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT participant_id FROM answered AS other
            WHERE other.cohort_id = answered.cohort_id AND other.not_enrolled
            ORDER BY participant_id LIMIT :examples)) AS examples
FROM answered
GROUP BY cohort_id
HAVING sum(not_enrolled) > 0
ORDER BY cohort_id;
