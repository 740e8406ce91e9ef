-- The lowest and highest participant_key with scores. Two subqueries: SQLite answers a lone
-- min() or max() from the end of the primary key, but both in one SELECT with a full scan.
SELECT (SELECT min(participant_key) FROM construct_score_values), (SELECT max(participant_key) FROM construct_score_values);
