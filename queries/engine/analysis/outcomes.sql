-- Every outcome recorded, in primary-key order.
SELECT participant_id, outcome, value FROM outcomes ORDER BY participant_id, outcome;
