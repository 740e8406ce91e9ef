-- check: outcomes_without_enrolment | Outcomes for people never enrolled
-- unit: people (total = people with an outcome)
-- People with an outcome and no enrolment at all (not even an application): their outcomes
-- count in no programme and no comparison group, and usually mean an id that does not match
-- between the tracking data and the CRM; a warning.
WITH people AS (
    SELECT participant_id, NOT EXISTS (SELECT 1 FROM enrolments AS e WHERE e.participant_id = o.participant_id) AS never_enrolled
    FROM (SELECT DISTINCT participant_id FROM outcomes) AS o
)
SELECT 'outcomes_without_enrolment' AS check_name, 'warning' AS level, NULL AS cohort_id, NULL AS subject,
       sum(never_enrolled) AS n, count(*) AS total,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT participant_id FROM people WHERE never_enrolled ORDER BY participant_id LIMIT :examples)) AS examples
FROM people
HAVING sum(never_enrolled) > 0;
