-- The stored programme ids, that cohorts refer to.
SELECT programme_id FROM programmes;
