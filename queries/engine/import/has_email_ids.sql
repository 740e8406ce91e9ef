-- Whether the database holds anything made under an id key: a participant id derived from an e-mail
-- address ("e_" and 32 hex digits: docs/privacy.md), a stored e-mail key, or the key's fingerprint
-- (schema/migrations/007). Without that key, no new e-mail row can be matched.
SELECT EXISTS (SELECT 1 FROM participants WHERE participant_id GLOB 'e_[0-9a-f]*' AND length(participant_id) = 34)
    OR EXISTS (SELECT 1 FROM participant_email_keys)
    OR EXISTS (SELECT 1 FROM id_key_fingerprint);
