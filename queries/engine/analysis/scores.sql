-- The stored construct scores from participant_key :from on, in primary-key order, so that each
-- person-cohort's rows are contiguous. Only a lower bound: an upper bound costs a comparison a
-- row, and the pass stops reading at the end of its range instead.
SELECT participant_key, cohort_key, construct_key, wave, n_answered, coded_sum, complete_values
FROM construct_score_values
WHERE participant_key >= :from
ORDER BY participant_key, cohort_key, construct_key, wave;
