-- name: funnel-by-cohort
-- description: The application funnel per cohort: applied (every enrolment), offered, started and completed, and
-- the completion rate (completed / started), people with research consent only, as in funnel.csv.
-- param: programme =
-- param: year =
SELECT c.programme_id, c.year, c.cohort_id, c.delivery_mode,
       count(*) AS applied,
       sum(e.status <> 'applied') AS offered,
       sum(e.status = 'started' OR e.status = 'withdrawn' OR e.status = 'completed') AS started,
       sum(e.status = 'completed') AS completed,
       CAST(sum(e.status = 'completed') AS REAL)
           / nullif(sum(e.status = 'started' OR e.status = 'withdrawn' OR e.status = 'completed'), 0) AS completion_rate
FROM enrolments AS e
JOIN cohorts AS c ON c.cohort_id = e.cohort_id
JOIN participants AS p ON p.participant_id = e.participant_id
WHERE p.consent_research = 1
  AND (:programme IS NULL OR c.programme_id = :programme)
  AND (:year IS NULL OR c.year = CAST(:year AS INTEGER))
GROUP BY c.cohort_id
ORDER BY c.programme_id, c.year, c.cohort_id;
