-- The cohorts in the report's scope (:programme and :year, NULL for all), with their keys.
SELECT cohort_key, cohort_id, programme_id, year
FROM cohorts
WHERE (:programme IS NULL OR programme_id = :programme) AND (:year IS NULL OR year = :year);
