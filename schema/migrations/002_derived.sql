-- 002_derived: derived data defined once, for the analysis and for analysts' own SQL.
-- Metric definitions: DATA-CONTRACT.md "Metric definitions"; docs/metrics.md.

-- One row per person with the contract's reach indicators as 1 (yes), 0 (no) or NULL (unknown).
-- low_ses: yes if any of the six indicators is yes; unknown if all six are unknown; no otherwise.
-- multiple_disadvantage: yes when two or more of the six are yes, otherwise no (never unknown).
CREATE VIEW participant_flags AS
SELECT
    participant_id,
    consent_research,
    fsm,
    first_generation,
    CASE WHEN polar4_quintile IS NULL THEN NULL WHEN polar4_quintile <= 2 THEN 1 ELSE 0 END AS polar4_q12,
    CASE WHEN imd_quintile IS NULL THEN NULL WHEN imd_quintile <= 2 THEN 1 ELSE 0 END AS imd_q12,
    CASE WHEN parental_occupation IS NULL THEN NULL WHEN parental_occupation = 'working_class' THEN 1 ELSE 0 END AS working_class,
    care_experienced,
    CASE
        WHEN fsm = 1 OR first_generation = 1 OR polar4_quintile <= 2 OR imd_quintile <= 2
             OR parental_occupation = 'working_class' OR care_experienced = 1 THEN 1
        WHEN fsm IS NULL AND first_generation IS NULL AND polar4_quintile IS NULL AND imd_quintile IS NULL
             AND parental_occupation IS NULL AND care_experienced IS NULL THEN NULL
        ELSE 0
    END AS low_ses,
    CASE WHEN (coalesce(fsm = 1, 0) + coalesce(first_generation = 1, 0) + coalesce(polar4_quintile <= 2, 0)
               + coalesce(imd_quintile <= 2, 0) + coalesce(parental_occupation = 'working_class', 0)
               + coalesce(care_experienced = 1, 0)) >= 2 THEN 1 ELSE 0 END AS multiple_disadvantage,
    gender,
    ethnicity,
    region,
    school_type,
    disability,
    polar4_quintile,
    imd_quintile,
    birth_year
FROM participants;

-- The participants of each cohort as the contract defines them: an enrolment whose status is
-- started, withdrawn or completed. People who declined research use (consent_research = 0)
-- are left out here, and so from every figure built on this view.
CREATE VIEW cohort_participants AS
SELECT e.participant_id, e.cohort_id, c.programme_id, c.year, e.status, e.hours, c.delivery_mode, c.region AS cohort_region
FROM enrolments AS e
JOIN cohorts AS c ON c.cohort_id = e.cohort_id
JOIN participants AS p ON p.participant_id = e.participant_id
WHERE (e.status = 'started' OR e.status = 'withdrawn' OR e.status = 'completed')
  AND p.consent_research = 1;
