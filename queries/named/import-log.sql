-- name: import-log
-- description: The latest imports, newest first: file, kind, rows read, inserted, updated, unchanged and
-- rejected, and when; what a data manager checks after each load.
-- param: limit = 20
SELECT import_id, path, file_kind, rows_read, inserted, updated, unchanged, rejected,
       started_at, finished_at, engine_version
FROM imports
ORDER BY import_id DESC
LIMIT CAST(:limit AS INTEGER);
