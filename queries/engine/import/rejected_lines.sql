-- The lines of a file that its import rejected, so that a rejected row's e-mail is not stored.
SELECT line FROM rejected_rows WHERE import_id = :import;
