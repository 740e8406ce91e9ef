-- The reasons the rows of one import were rejected, by count, most frequent first.
SELECT reason, count(*) AS n
FROM rejected_rows
WHERE import_id = :import
GROUP BY reason
ORDER BY n DESC, reason
LIMIT 40;
