-- Completes a file's row in imports with its sha256 and counts.
UPDATE imports
SET sha256 = :sha256, rows_read = :rows_read, accepted = :accepted, inserted = :inserted, updated = :updated,
    unchanged = :unchanged, rejected = :rejected, finished_at = :finished
WHERE import_id = :import;
