-- name: eligibility-audit
-- description: Eligibility-criteria audit per programme and year: how many participants meet the usual criteria
-- of school programmes (a state non-selective school, aged 16 or more in the cohort's year, and at least one of
-- free school meals, first generation, care experience or a POLAR4 quintile 1-2 home), how many do not, and
-- how many cannot be told for want of data; each criterion's count beside. A criterion is unknown when its
-- data are missing, so `meets` + `fails` + `unknown` = participants.
-- param: programme =
-- param: year =
WITH people AS (
    SELECT cp.programme_id, cp.year, cp.participant_id,
           (f.school_type = 'state_non_selective') AS school_ok,
           (cp.year - f.birth_year >= 16) AS age_ok,
           (f.fsm = 1 OR f.first_generation = 1 OR f.care_experienced = 1 OR f.polar4_q12 = 1) AS widening_ok
    FROM (SELECT DISTINCT programme_id, year, participant_id FROM cohort_participants
          WHERE (:programme IS NULL OR programme_id = :programme)
            AND (:year IS NULL OR year = CAST(:year AS INTEGER))) AS cp
    JOIN participant_flags AS f ON f.participant_id = cp.participant_id
),
verdicts AS (
    SELECT *, (school_ok AND age_ok AND widening_ok) AS meets_all FROM people
)
SELECT programme_id, year,
       count(*) AS participants,
       sum(meets_all IS 1) AS meets,
       sum(meets_all IS 0) AS fails,
       sum(meets_all IS NULL) AS unknown,
       CAST(sum(meets_all IS 1) AS REAL) / nullif(sum(meets_all IS NOT NULL), 0) AS share_meeting_of_known,
       sum(school_ok IS 1) AS school_ok,
       sum(school_ok IS NULL) AS school_unknown,
       sum(age_ok IS 1) AS age_ok,
       sum(age_ok IS NULL) AS age_unknown,
       sum(widening_ok IS 1) AS widening_ok,
       sum(widening_ok IS NULL) AS widening_unknown
FROM verdicts
GROUP BY programme_id, year
ORDER BY programme_id, year;
