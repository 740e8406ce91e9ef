-- The provenance footer of a report: the latest import of each path, in import order, with its
-- sha256 and counts.
SELECT path, file_kind, sha256, rows_read, rejected, finished_at FROM imports
WHERE import_id IN (SELECT max(import_id) FROM imports GROUP BY path)
ORDER BY import_id;
