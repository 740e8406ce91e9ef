-- A new import of the same path supersedes the rejections and unread cells of the earlier ones.
DELETE FROM rejected_rows
WHERE import_id IN (SELECT import_id FROM imports WHERE path = :path AND import_id <> :import);
DELETE FROM unread_cells
WHERE import_id IN (SELECT import_id FROM imports WHERE path = :path AND import_id <> :import);
