-- name: programme-pipeline
-- description: The pipeline from one programme to another: per year of first taking part in programme `from`,
-- how many took part in programme `to` later (a later year, or the same year in a cohort starting after the
-- first one ended), and how long it took (years between, and days from the end of the first cohort to the
-- start of the next).
-- param: from = ONLINE
-- param: to = IN2R
WITH from_runs AS (
    SELECT cp.participant_id, cp.year, c.end_date,
           row_number() OVER (PARTITION BY cp.participant_id ORDER BY cp.year, c.end_date, cp.cohort_id) AS run
    FROM cohort_participants AS cp
    JOIN cohorts AS c ON c.cohort_id = cp.cohort_id
    WHERE cp.programme_id = :from
),
journeys AS (
    -- The person's later runs of `to`: a participant enrolment (started, withdrawn or completed, as
    -- cohort_participants; the person has consented, being a participant of `from`). Read from the
    -- person's enrolments first (CROSS JOIN fixes that order), not from every cohort of `to`.
    SELECT f.participant_id, f.year AS from_year, f.end_date AS from_end,
           (SELECT min(c.year)
            FROM enrolments AS e CROSS JOIN cohorts AS c ON c.cohort_id = e.cohort_id
            WHERE e.participant_id = f.participant_id AND c.programme_id = :to
              AND (e.status = 'started' OR e.status = 'withdrawn' OR e.status = 'completed')
              AND (c.year > f.year OR (c.year = f.year AND c.start_date > f.end_date))) AS to_year,
           (SELECT min(c.start_date)
            FROM enrolments AS e CROSS JOIN cohorts AS c ON c.cohort_id = e.cohort_id
            WHERE e.participant_id = f.participant_id AND c.programme_id = :to
              AND (e.status = 'started' OR e.status = 'withdrawn' OR e.status = 'completed')
              AND (c.year > f.year OR (c.year = f.year AND c.start_date > f.end_date))) AS to_start
    FROM from_runs AS f
    WHERE f.run = 1
)
SELECT :from AS from_programme,
       :to AS to_programme,
       from_year,
       count(*) AS took_part,
       count(to_year) AS went_on,
       CAST(count(to_year) AS REAL) / count(*) AS share_went_on,
       avg(to_year - from_year) AS mean_years_between,
       min(to_year - from_year) AS min_years_between,
       max(to_year - from_year) AS max_years_between,
       avg(julianday(to_start) - julianday(from_end)) AS mean_days_between
FROM journeys
GROUP BY from_year
ORDER BY from_year;
