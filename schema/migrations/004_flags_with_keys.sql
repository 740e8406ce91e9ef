-- 004_flags_with_keys: participant_flags gains participant_key (its last column), the integer key
-- that answers and other tables use, so that the report reads each person once and joins them to
-- their answers without looking up participant_id. Every other column is as in 002_derived.
DROP VIEW participant_flags;

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
    birth_year,
    participant_key
FROM participants;
