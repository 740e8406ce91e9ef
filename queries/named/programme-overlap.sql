-- name: programme-overlap
-- description: How programmes share people: for each pair of programmes, how many people took part in both (in
-- any years), and each programme's own number of participants, over all years or up to a year.
-- param: until_year =
WITH taking_part AS (
    SELECT DISTINCT programme_id, participant_id
    FROM cohort_participants
    WHERE (:until_year IS NULL OR year <= CAST(:until_year AS INTEGER))
),
sizes AS (
    SELECT programme_id, count(*) AS participants FROM taking_part GROUP BY programme_id
)
SELECT a.programme_id AS programme,
       b.programme_id AS other_programme,
       count(*) AS in_both,
       sa.participants AS programme_participants,
       CAST(count(*) AS REAL) / sa.participants AS share_of_programme
FROM taking_part AS a
JOIN taking_part AS b ON b.participant_id = a.participant_id AND b.programme_id <> a.programme_id
JOIN sizes AS sa ON sa.programme_id = a.programme_id
GROUP BY a.programme_id, b.programme_id
ORDER BY a.programme_id, b.programme_id;
