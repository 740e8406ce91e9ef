-- Keeps a rejected row with its reason (the raw text is redacted of personal data before).
INSERT INTO rejected_rows (import_id, file, line, column_name, reason, raw)
VALUES (:import, :file, :line, :column, :reason, :raw);
