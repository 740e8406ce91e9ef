-- check: enrolment_dates | Enrolments whose dates do not fit their cohort
-- unit: enrolments (total = enrolments of the cohort that the rule can check)
-- applied_after_end: applied_on later than the cohort's end_date; an error (nobody applies to
--   a cohort that is over: a wrong date or a wrong cohort id).
-- applied_long_before: applied_on more than :days_applied_before_start days before start_date;
--   a warning (usually the previous year's cohort).
-- cohort_year: a cohort whose start_date is not in its year; a warning (unit: the cohort).
-- age: the person's age in the cohort's year (year - birth_year) outside :min_age..:max_age;
--   a warning (a birth year or an id that is wrong).
WITH checked AS (
    SELECT e.cohort_id, e.participant_id, e.applied_on, c.start_date, c.end_date, c.year, p.birth_year
    FROM enrolments AS e
    JOIN cohorts AS c ON c.cohort_id = e.cohort_id
    JOIN participants AS p ON p.participant_id = e.participant_id
),
flags AS (
    SELECT cohort_id, participant_id, 'applied_after_end' AS rule, applied_on > end_date AS broken
    FROM checked WHERE applied_on IS NOT NULL AND end_date IS NOT NULL
    UNION ALL
    SELECT cohort_id, participant_id, 'applied_long_before', applied_on < date(start_date, '-' || :days_applied_before_start || ' days')
    FROM checked WHERE applied_on IS NOT NULL AND start_date IS NOT NULL
    UNION ALL
    SELECT cohort_id, participant_id, 'age', year - birth_year NOT BETWEEN :min_age AND :max_age
    FROM checked WHERE birth_year IS NOT NULL
),
rules AS (
    SELECT cohort_id, rule, sum(broken) AS n, count(*) AS total
    FROM flags
    GROUP BY cohort_id, rule
    HAVING sum(broken) > 0
)
SELECT 'enrolment_dates' AS check_name, CASE r.rule WHEN 'applied_after_end' THEN 'error' ELSE 'warning' END AS level,
       r.cohort_id, r.rule AS subject, r.n, r.total,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT participant_id FROM flags AS f
            WHERE f.cohort_id = r.cohort_id AND f.rule = r.rule AND f.broken
            ORDER BY participant_id LIMIT :examples)) AS examples
FROM rules AS r
UNION ALL
SELECT 'enrolment_dates', 'warning', cohort_id, 'cohort_year', 1, 1, cohort_id
FROM cohorts
WHERE start_date IS NOT NULL AND CAST(substr(start_date, 1, 4) AS INTEGER) <> year
ORDER BY 3, 4;
