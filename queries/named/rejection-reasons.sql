-- name: rejection-reasons
-- description: Why rows were rejected: per file and column, the number of rejected rows, the first and last line,
-- and one example reason, most frequent first (rejected_rows keeps the latest import of each path).
-- param: file =
SELECT r.file,
       coalesce(r.column_name, '') AS column_name,
       count(*) AS rejected,
       min(r.line) AS first_line,
       max(r.line) AS last_line,
       min(r.reason) AS example_reason
FROM rejected_rows AS r
WHERE (:file IS NULL OR r.file = :file)
GROUP BY r.file, r.column_name
ORDER BY rejected DESC, r.file, column_name;
