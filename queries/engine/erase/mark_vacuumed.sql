-- The erasure was followed by a VACUUM.
UPDATE erasures SET vacuumed = 1 WHERE erasure_id = :erasure_id;
