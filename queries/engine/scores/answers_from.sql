-- Every answer from participant_key :from on, in primary-key order, so that each person-cohort's
-- answers are contiguous.
SELECT participant_key, cohort_key, item_key, wave, value
FROM answers
WHERE participant_key >= :from
ORDER BY participant_key, cohort_key, item_key, wave;
