-- The ids behind an answer's integer keys, so that an answer the database refused is kept in
-- rejected_rows in the contract's terms (participant_id, cohort_id, instrument_id, item_id), as a
-- row of responses.csv, and `impact erase` can find it by participant_id.
SELECT (SELECT participant_id FROM participants WHERE participant_key = :participant),
       (SELECT cohort_id FROM cohorts WHERE cohort_key = :cohort),
       (SELECT instrument_id FROM survey_items WHERE item_key = :item),
       (SELECT item_id FROM survey_items WHERE item_key = :item);
