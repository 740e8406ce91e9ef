-- The fingerprint of the id key this database's e-mail keys were made with, if any e-mail was hashed yet.
SELECT fingerprint FROM id_key_fingerprint;
