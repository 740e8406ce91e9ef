-- name: outcomes-vs-benchmark
-- description: Each outcome's rate per programme and year beside the national benchmark of a population (the
-- same year's, else the latest earlier year's), and the difference in percentage points; outcomes.csv has the
-- interval and test.
-- param: population = fsm_england
-- param: programme =
-- param: year =
WITH people AS (
    SELECT DISTINCT programme_id, year, participant_id
    FROM cohort_participants
    WHERE (:programme IS NULL OR programme_id = :programme)
      AND (:year IS NULL OR year = CAST(:year AS INTEGER))
),
rates AS (
    SELECT people.programme_id, people.year, o.outcome,
           count(*) AS n_known, sum(o.value) AS n_yes, CAST(sum(o.value) AS REAL) / count(*) AS rate
    FROM people
    JOIN outcomes AS o ON o.participant_id = people.participant_id
    GROUP BY people.programme_id, people.year, o.outcome
)
SELECT r.programme_id, r.year, r.outcome, r.n_known, r.n_yes, r.rate,
       b.year AS benchmark_year,
       b.rate AS benchmark_rate,
       (r.rate - b.rate) * 100 AS diff_pp
FROM rates AS r
LEFT JOIN benchmarks AS b
       ON b.outcome = r.outcome AND b.population = :population
      AND b.year = (SELECT max(year) FROM benchmarks
                    WHERE outcome = r.outcome AND population = :population AND year <= r.year)
ORDER BY r.programme_id, r.year, r.outcome;
