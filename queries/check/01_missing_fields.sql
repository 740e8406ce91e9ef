-- check: missing_fields | Missing values per cohort
-- check: not_collected | Fields not collected
-- unit: participants of the cohort with the field unknown (subject = the field)
-- The participants of a cohort as the reach figures count them (cohort_participants: started,
-- withdrawn or completed, with research consent), and the share of them with each stored field
-- unknown. Fields: the participant's stored fields and the enrolment's hours (for dosage).
--
-- missing_fields: a field known for some of the cohort and unknown for others. A reach
--   figure's worst-case (Manski) bounds are as wide as its unknown share, so the field is an
--   error above :missing_error and a warning above :missing_warning.
-- not_collected: a field unknown for every participant of the cohort: the charity does not
--   record it there. Info, with a note that says so and no examples (they would be everyone):
--   there is no figure to mislead (the report reads "not recorded"), only one to leave out.
-- One more row per field (cohort_id empty) gives the share over every cohort's participants:
--   not_collected when no cohort has the field, else missing_fields, as info unless it passes
--   the same thresholds.
WITH people AS (
    SELECT cp.cohort_id, cp.participant_id, cp.hours, p.fsm, p.first_generation, p.polar4_quintile, p.imd_quintile,
           p.parental_occupation, p.care_experienced, p.gender, p.ethnicity, p.birth_year, p.region, p.postcode,
           p.school_type, p.disability
    FROM cohort_participants AS cp
    JOIN participants AS p ON p.participant_id = cp.participant_id
),
fields (field) AS (
    VALUES ('fsm'), ('first_generation'), ('polar4_quintile'), ('imd_quintile'), ('parental_occupation'),
           ('care_experienced'), ('gender'), ('ethnicity'), ('birth_year'), ('region'), ('postcode'),
           ('school_type'), ('disability'), ('hours')
),
counts AS (
    SELECT cohort_id, count(*) AS total,
           sum(fsm IS NULL) AS fsm, sum(first_generation IS NULL) AS first_generation,
           sum(polar4_quintile IS NULL) AS polar4_quintile, sum(imd_quintile IS NULL) AS imd_quintile,
           sum(parental_occupation IS NULL) AS parental_occupation, sum(care_experienced IS NULL) AS care_experienced,
           sum(gender IS NULL) AS gender, sum(ethnicity IS NULL) AS ethnicity, sum(birth_year IS NULL) AS birth_year,
           sum(region IS NULL) AS region, sum(postcode IS NULL) AS postcode, sum(school_type IS NULL) AS school_type,
           sum(disability IS NULL) AS disability, sum(hours IS NULL) AS hours
    FROM people
    GROUP BY cohort_id
),
missing AS (
    SELECT c.cohort_id, f.field, c.total,
           CASE f.field
               WHEN 'fsm' THEN c.fsm WHEN 'first_generation' THEN c.first_generation
               WHEN 'polar4_quintile' THEN c.polar4_quintile WHEN 'imd_quintile' THEN c.imd_quintile
               WHEN 'parental_occupation' THEN c.parental_occupation WHEN 'care_experienced' THEN c.care_experienced
               WHEN 'gender' THEN c.gender WHEN 'ethnicity' THEN c.ethnicity WHEN 'birth_year' THEN c.birth_year
               WHEN 'region' THEN c.region WHEN 'postcode' THEN c.postcode WHEN 'school_type' THEN c.school_type
               WHEN 'disability' THEN c.disability WHEN 'hours' THEN c.hours
           END AS n
    FROM (SELECT * FROM counts
          UNION ALL
          SELECT NULL, sum(total), sum(fsm), sum(first_generation), sum(polar4_quintile), sum(imd_quintile),
                 sum(parental_occupation), sum(care_experienced), sum(gender), sum(ethnicity), sum(birth_year),
                 sum(region), sum(postcode), sum(school_type), sum(disability), sum(hours)
          FROM counts) AS c
    CROSS JOIN fields AS f
)
SELECT CASE WHEN m.n = m.total THEN 'not_collected' ELSE 'missing_fields' END AS check_name,
       CASE WHEN m.n = m.total THEN 'info'
            WHEN 1.0 * m.n / m.total > :missing_error THEN 'error'
            WHEN 1.0 * m.n / m.total > :missing_warning THEN 'warning'
            ELSE 'info' END AS level,
       m.cohort_id, m.field AS subject, m.n, m.total,
       CASE WHEN m.n = m.total THEN NULL
            WHEN m.cohort_id IS NULL THEN
           (SELECT group_concat(participant_id, char(31)) FROM (
                SELECT DISTINCT participant_id FROM people AS x
                WHERE CASE m.field
                          WHEN 'fsm' THEN x.fsm WHEN 'first_generation' THEN x.first_generation
                          WHEN 'polar4_quintile' THEN x.polar4_quintile WHEN 'imd_quintile' THEN x.imd_quintile
                          WHEN 'parental_occupation' THEN x.parental_occupation WHEN 'care_experienced' THEN x.care_experienced
                          WHEN 'gender' THEN x.gender WHEN 'ethnicity' THEN x.ethnicity WHEN 'birth_year' THEN x.birth_year
                          WHEN 'region' THEN x.region WHEN 'postcode' THEN x.postcode WHEN 'school_type' THEN x.school_type
                          WHEN 'disability' THEN x.disability WHEN 'hours' THEN x.hours
                      END IS NULL
                ORDER BY participant_id LIMIT :examples))
       ELSE
           -- One cohort: read through the view again, so the enrolments' index by cohort finds its people.
           (SELECT group_concat(participant_id, char(31)) FROM (
                SELECT x.participant_id FROM (
                    SELECT cp.participant_id, cp.hours, p.fsm, p.first_generation, p.polar4_quintile, p.imd_quintile,
                           p.parental_occupation, p.care_experienced, p.gender, p.ethnicity, p.birth_year, p.region,
                           p.postcode, p.school_type, p.disability
                    FROM cohort_participants AS cp
                    JOIN participants AS p ON p.participant_id = cp.participant_id
                    WHERE cp.cohort_id = m.cohort_id) AS x
                WHERE 1
                  AND CASE m.field
                          WHEN 'fsm' THEN x.fsm WHEN 'first_generation' THEN x.first_generation
                          WHEN 'polar4_quintile' THEN x.polar4_quintile WHEN 'imd_quintile' THEN x.imd_quintile
                          WHEN 'parental_occupation' THEN x.parental_occupation WHEN 'care_experienced' THEN x.care_experienced
                          WHEN 'gender' THEN x.gender WHEN 'ethnicity' THEN x.ethnicity WHEN 'birth_year' THEN x.birth_year
                          WHEN 'region' THEN x.region WHEN 'postcode' THEN x.postcode WHEN 'school_type' THEN x.school_type
                          WHEN 'disability' THEN x.disability WHEN 'hours' THEN x.hours
                      END IS NULL
                ORDER BY x.participant_id LIMIT :examples))
       END AS examples,
       CASE WHEN m.n = m.total THEN
           m.field || ': not collected '
               || CASE WHEN m.cohort_id IS NULL THEN 'in any cohort' ELSE 'for cohort ' || m.cohort_id END
               || CASE WHEN m.total = 1 THEN ' (unknown for its only participant)'
                       ELSE ' (unknown for all ' || m.total || ' participants)' END
       END AS note
FROM missing AS m
WHERE m.n > 0 AND (m.cohort_id IS NULL OR m.n = m.total OR 1.0 * m.n / m.total > :missing_warning)
ORDER BY m.cohort_id IS NOT NULL, m.cohort_id, m.field;
