-- Whether any stored participant id was derived from an e-mail address under an id key
-- ("e_" and 32 hex digits: docs/privacy.md). Without that key, no new e-mail row can be matched.
SELECT EXISTS (SELECT 1 FROM participants WHERE participant_id GLOB 'e_[0-9a-f]*' AND length(participant_id) = 34);
