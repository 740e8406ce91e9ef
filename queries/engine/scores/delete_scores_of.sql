-- Forgets the scores of one person in one cohort, before they are computed again.
DELETE FROM construct_score_values WHERE participant_key = :participant AND cohort_key = :cohort;
