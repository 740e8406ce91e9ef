-- Stores the e-mail key a participants file gives a person, replacing the one they had; nothing
-- when the person is not stored (their row was refused). The importer has checked that no one
-- else holds the key.
INSERT INTO participant_email_keys (participant_key, email_key)
SELECT participant_key, :email_key FROM participants WHERE participant_id = :participant_id
ON CONFLICT (participant_key) DO UPDATE SET email_key = excluded.email_key;
