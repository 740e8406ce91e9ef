-- One row of construct_score_values. The importer writes many rows a statement by repeating the
-- VALUES tuple of this file (the single source of the statement).
INSERT INTO construct_score_values (participant_key, cohort_key, construct_key, wave, n_answered, coded_sum, complete_values)
VALUES (?, ?, ?, ?, ?, ?, ?);
