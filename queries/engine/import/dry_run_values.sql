-- The optional cells of one import that could not be read, by column and value, most frequent first.
SELECT column_name, value, count(*) AS n
FROM unread_cells
WHERE import_id = :import
GROUP BY column_name, value
ORDER BY n DESC, column_name, value
LIMIT 40;
