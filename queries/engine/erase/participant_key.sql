-- The integer key of a participant (answers and other key-addressed tables use it).
SELECT participant_key FROM participants WHERE participant_id = :participant_id;
