-- check: enrolment_dates | Enrolments whose dates do not fit their cohort
-- unit: enrolments (total = enrolments of the cohort that the rule can check)
-- applied_after_end: applied_on later than the cohort's end_date; an error (nobody applies to
--   a cohort that is over: a wrong date or a wrong cohort id).
-- applied_long_before: applied_on more than :days_applied_before_start days before start_date;
--   a warning (usually the previous year's cohort).
-- cohort_year: a cohort whose start_date is not in its year; a warning (unit: the cohort).
-- age: the person's age in the cohort's year (year - birth_year) outside :min_age..:max_age;
--   a warning (a birth year or an id that is wrong).
WITH windows AS MATERIALIZED (
    SELECT cohort_id, year, start_date, end_date,
           date(start_date, '-' || :days_applied_before_start || ' days') AS earliest_application
    FROM cohorts
),
-- One row per enrolment with each rule as 1 (broken), 0 (kept) or NULL (cannot be checked).
checked AS MATERIALIZED (
    SELECT e.cohort_id, e.participant_id,
           CASE WHEN e.applied_on IS NOT NULL AND w.end_date IS NOT NULL THEN e.applied_on > w.end_date END AS applied_after_end,
           CASE WHEN e.applied_on IS NOT NULL AND w.start_date IS NOT NULL THEN e.applied_on < w.earliest_application END AS applied_long_before,
           CASE WHEN p.birth_year IS NOT NULL THEN w.year - p.birth_year NOT BETWEEN :min_age AND :max_age END AS age
    FROM enrolments AS e
    JOIN windows AS w ON w.cohort_id = e.cohort_id
    JOIN participants AS p ON p.participant_id = e.participant_id
),
per_cohort AS (
    SELECT cohort_id,
           sum(applied_after_end) AS applied_after_end, count(applied_after_end) AS applied_after_end_total,
           sum(applied_long_before) AS applied_long_before, count(applied_long_before) AS applied_long_before_total,
           sum(age) AS age, count(age) AS age_total
    FROM checked
    GROUP BY cohort_id
),
rules (rule) AS (
    VALUES ('applied_after_end'), ('applied_long_before'), ('age')
),
counts AS (
    SELECT c.cohort_id, r.rule,
           CASE r.rule WHEN 'applied_after_end' THEN c.applied_after_end WHEN 'applied_long_before' THEN c.applied_long_before
                       ELSE c.age END AS n,
           CASE r.rule WHEN 'applied_after_end' THEN c.applied_after_end_total WHEN 'applied_long_before' THEN c.applied_long_before_total
                       ELSE c.age_total END AS total
    FROM per_cohort AS c CROSS JOIN rules AS r
)
SELECT 'enrolment_dates' AS check_name, CASE k.rule WHEN 'applied_after_end' THEN 'error' ELSE 'warning' END AS level,
       k.cohort_id, k.rule AS subject, k.n, k.total,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT participant_id FROM checked AS x
            WHERE x.cohort_id = k.cohort_id
              AND CASE k.rule WHEN 'applied_after_end' THEN x.applied_after_end
                              WHEN 'applied_long_before' THEN x.applied_long_before ELSE x.age END
            ORDER BY participant_id LIMIT :examples)) AS examples
FROM counts AS k
WHERE k.n > 0
UNION ALL
SELECT 'enrolment_dates', 'warning', cohort_id, 'cohort_year', 1, 1, cohort_id
FROM cohorts
WHERE start_date IS NOT NULL AND CAST(substr(start_date, 1, 4) AS INTEGER) <> year
ORDER BY 3, 4;
