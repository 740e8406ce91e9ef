-- The highest participant_key with stored answers (NULL when there are none): people above it have
-- no answers stored before an import begins, so their scores come from the rows it writes alone.
SELECT max(participant_key) FROM answers;
