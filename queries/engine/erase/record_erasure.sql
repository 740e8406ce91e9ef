-- The audit row of one erasure: no personal data (schema/migrations/005_erasures.sql).
INSERT INTO erasures (erased_at, engine_version, reference, rows_removed, tables)
VALUES (:erased_at, :engine_version, :reference, :rows_removed, :tables);
