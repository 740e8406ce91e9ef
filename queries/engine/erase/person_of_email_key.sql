-- The person stored beside an e-mail key (schema/migrations/007), whatever id they were imported under.
SELECT p.participant_id
FROM participant_email_keys AS k
JOIN participants AS p ON p.participant_key = k.participant_key
WHERE k.email_key = :email_key;
