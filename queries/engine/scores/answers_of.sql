-- The answers of one person in one cohort.
SELECT participant_key, cohort_key, item_key, wave, value
FROM answers
WHERE participant_key = :participant AND cohort_key = :cohort
ORDER BY item_key, wave;
