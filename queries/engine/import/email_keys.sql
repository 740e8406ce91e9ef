-- The stored e-mail keys and the person each belongs to (schema/migrations/007), so that a row that names a
-- person only by e-mail finds them, whatever id they were imported under.
SELECT k.email_key, p.participant_id
FROM participant_email_keys AS k
JOIN participants AS p ON p.participant_key = k.participant_key;
