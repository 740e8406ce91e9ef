-- The fingerprint of the id key the database's e-mail keys were made with (schema/migrations/007), if any:
-- `impact erase --email` under another key would find nobody, and is refused.
SELECT fingerprint FROM id_key_fingerprint;
