-- check: consent_excluded | People left out for lack of research consent
-- unit: people (total = people stored)
-- People with consent_research = no are kept (their enrolments count in no figure) and left out
-- of every report and metric; the count is for the methods note. Info.
SELECT 'consent_excluded' AS check_name, 'info' AS level, NULL AS cohort_id, NULL AS subject,
       sum(consent_research = 0) AS n, count(*) AS total,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT participant_id FROM participants WHERE consent_research = 0 ORDER BY participant_id LIMIT :examples)) AS examples
FROM participants
HAVING sum(consent_research = 0) > 0;
