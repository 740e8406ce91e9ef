-- name: data-completeness
-- description: How complete participants' data are, per programme and year: the share of participants with each
-- field unknown (fsm, first generation, POLAR4, IMD, parental occupation, care experience, school type, gender,
-- ethnicity, home region), so gaps are found before reach is reported.
-- param: programme =
-- param: year =
SELECT cp.programme_id, cp.year,
       count(*) AS participants,
       avg(p.fsm IS NULL) AS fsm_unknown,
       avg(p.first_generation IS NULL) AS first_generation_unknown,
       avg(p.polar4_quintile IS NULL) AS polar4_unknown,
       avg(p.imd_quintile IS NULL) AS imd_unknown,
       avg(p.parental_occupation IS NULL) AS parental_occupation_unknown,
       avg(p.care_experienced IS NULL) AS care_experienced_unknown,
       avg(p.school_type IS NULL) AS school_type_unknown,
       avg(p.gender IS NULL) AS gender_unknown,
       avg(p.ethnicity IS NULL) AS ethnicity_unknown,
       avg(p.region IS NULL) AS region_unknown
FROM (SELECT DISTINCT programme_id, year, participant_id FROM cohort_participants
      WHERE (:programme IS NULL OR programme_id = :programme)
        AND (:year IS NULL OR year = CAST(:year AS INTEGER))) AS cp
JOIN participants AS p ON p.participant_id = cp.participant_id
GROUP BY cp.programme_id, cp.year
ORDER BY cp.programme_id, cp.year;
