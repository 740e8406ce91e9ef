-- The consenting people with their participant_flags, in participant_id order (the unique index
-- of participants): participant_id; participant_key; the eight reach indicators packed into one
-- integer, base-3 digits 1 (yes), 0 (no) or 2 (unknown) from fsm (least significant) to
-- multiple_disadvantage (one column instead of eight is a fifth of the time Swift spends reading
-- the rows); gender and ethnicity.
SELECT participant_id, participant_key,
    COALESCE(fsm, 2) + 3 * (COALESCE(first_generation, 2) + 3 * (COALESCE(polar4_q12, 2)
        + 3 * (COALESCE(imd_q12, 2) + 3 * (COALESCE(working_class, 2) + 3 * (COALESCE(care_experienced, 2)
        + 3 * (COALESCE(low_ses, 2) + 3 * COALESCE(multiple_disadvantage, 2))))))) AS indicators,
    gender, ethnicity
FROM participant_flags
WHERE consent_research = 1
ORDER BY participant_id;
