-- Records a row that a mapping's skip_rows left out, with the rule that matched.
INSERT INTO skipped_rows (import_id, file, line, rule)
VALUES (:import, :file, :line, :rule);
