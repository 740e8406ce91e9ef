-- check: unresolved_rejections | Rejected rows not yet resolved
-- unit: rejected rows (total = rows read by the import that rejected them)
-- rejected_rows keeps only the rejections of the latest import of each path (importing a
-- corrected file under the same path resolves them), so every stored rejection is unresolved:
-- a warning per file, with example lines. Subject: the file as it was named on import.
SELECT 'unresolved_rejections' AS check_name, 'warning' AS level, NULL AS cohort_id, r.file AS subject,
       count(*) AS n, i.rows_read AS total,
       (SELECT group_concat(example, char(31)) FROM (
            SELECT 'line ' || x.line || ': ' || x.reason AS example FROM rejected_rows AS x
            WHERE x.import_id = r.import_id ORDER BY x.line LIMIT :examples)) AS examples
FROM rejected_rows AS r
JOIN imports AS i ON i.import_id = r.import_id
GROUP BY r.import_id
ORDER BY r.file, r.import_id;
