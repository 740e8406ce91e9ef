-- The highest participant_key with stored scores (NULL when there are none).
SELECT max(participant_key) FROM construct_score_values;
