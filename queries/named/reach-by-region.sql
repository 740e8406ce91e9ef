-- name: reach-by-region
-- description: Participants by home region and year (each person once per region and year), with how many are
-- eligible for free school meals; every programme, or one. Empty parameters mean no filter.
-- param: year =
-- param: programme =
SELECT cp.year,
       coalesce(f.region, 'unknown') AS region,
       count(DISTINCT cp.participant_id) AS participants,
       count(DISTINCT CASE WHEN f.fsm IS NOT NULL THEN cp.participant_id END) AS fsm_known,
       count(DISTINCT CASE WHEN f.fsm = 1 THEN cp.participant_id END) AS fsm_yes
FROM cohort_participants AS cp
JOIN participant_flags AS f ON f.participant_id = cp.participant_id
WHERE (:year IS NULL OR cp.year = CAST(:year AS INTEGER))
  AND (:programme IS NULL OR cp.programme_id = :programme)
GROUP BY cp.year, coalesce(f.region, 'unknown')
ORDER BY cp.year, participants DESC, region;
