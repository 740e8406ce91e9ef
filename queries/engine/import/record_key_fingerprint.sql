-- Records the fingerprint of the id key at the first import that hashes an e-mail (schema/migrations/007).
INSERT INTO id_key_fingerprint (only_row, fingerprint, first_used_at) VALUES (1, :fingerprint, :first_used_at);
