-- Records what became of one column of an imported file (taken, kept, personal, ignored) and why.
INSERT INTO import_columns (import_id, position, header, fate, column_name, rule)
VALUES (:import, :position, :header, :fate, :column, :rule);
