-- 007_email_keys: the keyed hash of each person's e-mail address, kept beside the person so that
-- a file that names people only by e-mail finds the people imported under another id, and the
-- fingerprint of the id key the hashes were made with (docs/privacy.md). Never an address.

-- One row per person whose e-mail is known: the first 16 bytes, hex, of HMAC-SHA256(id key,
-- lower-case trimmed address), the same value as the tail of an id derived from that address
-- ("e_" and these 32 hex digits). UNIQUE: one address is one person.
CREATE TABLE participant_email_keys (
    participant_key INTEGER PRIMARY KEY REFERENCES participants (participant_key) ON DELETE CASCADE,
    email_key       TEXT NOT NULL UNIQUE CHECK (length(email_key) = 32 AND email_key NOT GLOB '*[^0-9a-f]*')
) STRICT;

-- People stored before this migration under an id derived from their e-mail carry its hash in the id.
INSERT INTO participant_email_keys (participant_key, email_key)
SELECT participant_key, substr(participant_id, 3)
FROM participants
WHERE participant_id GLOB 'e_*' AND length(participant_id) = 34 AND substr(participant_id, 3) NOT GLOB '*[^0-9a-f]*';

-- At most one row: the fingerprint of the id key the e-mail hashes of this database were made
-- with (the first 8 bytes, hex, of HMAC-SHA256(id key, "impact id key fingerprint v1")), from the
-- first import that hashed an e-mail. It identifies the key without revealing it.
CREATE TABLE id_key_fingerprint (
    only_row      INTEGER PRIMARY KEY CHECK (only_row = 1),
    fingerprint   TEXT NOT NULL CHECK (length(fingerprint) = 16 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
    first_used_at TEXT NOT NULL
) STRICT;
