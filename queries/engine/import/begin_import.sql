-- Logs the start of a file's import; the counts and sha256 are filled in by finish_import.sql.
INSERT INTO imports (path, file_kind, sha256, rows_read, accepted, inserted, updated, unchanged, rejected, started_at, finished_at, engine_version)
VALUES (:path, :kind, :sha256, 0, 0, 0, 0, 0, 0, :started, :started, :version);
