-- The answers from participant_key :from on, in primary-key order, so that each person-cohort's
-- answers are contiguous. Only a lower bound: an upper bound costs a comparison a row, and the
-- pass stops reading at the end of its range instead.
SELECT participant_key, cohort_key, item_key, wave, value
FROM answers
WHERE participant_key >= :from
ORDER BY participant_key, cohort_key, item_key, wave;
