-- name: outcomes-by-school-type
-- description: An outcome's rate by school type and year, over participants with the outcome recorded (each
-- person once per year): does progression differ between state non-selective, selective and other schools?
-- param: outcome = he_entry
-- param: programme =
-- param: year =
WITH people AS (
    SELECT DISTINCT cp.year, cp.participant_id
    FROM cohort_participants AS cp
    WHERE (:programme IS NULL OR cp.programme_id = :programme)
      AND (:year IS NULL OR cp.year = CAST(:year AS INTEGER))
)
SELECT people.year,
       coalesce(f.school_type, 'unknown') AS school_type,
       o.outcome,
       count(*) AS n_known,
       sum(o.value) AS n_yes,
       CAST(sum(o.value) AS REAL) / count(*) AS rate
FROM people
JOIN participant_flags AS f ON f.participant_id = people.participant_id
JOIN outcomes AS o ON o.participant_id = people.participant_id AND o.outcome = :outcome
GROUP BY people.year, coalesce(f.school_type, 'unknown'), o.outcome
ORDER BY people.year,
         CASE f.school_type WHEN 'state_non_selective' THEN 0 WHEN 'state_selective' THEN 1
                            WHEN 'independent' THEN 2 WHEN 'other' THEN 3 ELSE 4 END;
