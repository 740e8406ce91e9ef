-- check: duplicate_people | Likely duplicate people
-- unit: people (total = people with birth year, postcode district and school type all known)
-- The school itself is not stored (only school_type), e-mail addresses are never stored, and
-- an id derived from an e-mail *is* the keyed hash, so two rows with the same address always
-- become one person. What can be checked:
-- same_profile: people with different ids, the same birth year, postcode district and school
--   type (all known), and the same value (or both unknown) on every other stored personal
--   field. Candidates for a person to review, not proof: in a large pipeline many are
--   coincidences, so info. Examples are groups, ids joined by " = ".
-- mixed_id_schemes: the database holds both ids derived from e-mails (e_ + 32 hex digits) and
--   ids from elsewhere, so one person may be in it twice, once under each; a warning.
WITH known AS (
    SELECT participant_id, birth_year, postcode, school_type, gender, ethnicity, region, fsm,
           first_generation, parental_occupation, polar4_quintile, imd_quintile, care_experienced, disability
    FROM participants
    WHERE birth_year IS NOT NULL AND postcode IS NOT NULL AND school_type IS NOT NULL
),
groups AS (
    SELECT min(participant_id) AS first_id, count(*) AS people,
           group_concat(participant_id, ' = ') AS ids
    FROM known
    GROUP BY birth_year, postcode, school_type, gender, ethnicity, region, fsm, first_generation,
             parental_occupation, polar4_quintile, imd_quintile, care_experienced, disability
    HAVING count(*) > 1
),
schemes AS (
    SELECT sum(participant_id GLOB 'e_[0-9a-f]*' AND length(participant_id) = 34) AS derived, count(*) AS total
    FROM participants
)
SELECT 'duplicate_people' AS check_name, 'info' AS level, NULL AS cohort_id, 'same_profile' AS subject,
       (SELECT sum(people) FROM groups) AS n, (SELECT count(*) FROM known) AS total,
       (SELECT group_concat(ids, char(31)) FROM (SELECT ids FROM groups ORDER BY first_id LIMIT :examples)) AS examples
WHERE EXISTS (SELECT 1 FROM groups)
UNION ALL
SELECT 'duplicate_people', 'warning', NULL, 'mixed_id_schemes', s.derived, s.total,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT participant_id FROM participants
            WHERE NOT (participant_id GLOB 'e_[0-9a-f]*' AND length(participant_id) = 34)
            ORDER BY participant_id LIMIT :examples))
FROM schemes AS s
WHERE s.derived > 0 AND s.derived < s.total;
