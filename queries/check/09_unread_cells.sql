-- check: unread_cells | Optional cells stored as unknown because they could not be read
-- unit: unread cells (total = rows read by the import that met them)
-- An optional cell that does not parse (a gender of "robot", an impossible date, hours out of
-- range) is stored as unknown and recorded in unread_cells; its row is kept. Like rejected
-- rows, only the latest import of each path keeps them. A warning per file and column, with
-- example lines and values: fix them in the file and import it again, or map the values.
SELECT 'unread_cells' AS check_name, 'warning' AS level, NULL AS cohort_id,
       u.file || ': ' || u.column_name AS subject, count(*) AS n, i.rows_read AS total,
       (SELECT group_concat(example, char(31)) FROM (
            SELECT 'line ' || x.line || ': ' || x.reason AS example FROM unread_cells AS x
            WHERE x.import_id = u.import_id AND x.column_name = u.column_name ORDER BY x.line LIMIT :examples)) AS examples
FROM unread_cells AS u
JOIN imports AS i ON i.import_id = u.import_id
GROUP BY u.import_id, u.column_name
ORDER BY u.file, u.import_id, u.column_name;
