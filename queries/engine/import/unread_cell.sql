-- Records an optional cell that could not be read: the row was kept with the cell unknown.
-- The value is redacted of anything shaped like an e-mail address or a full postcode before.
INSERT INTO unread_cells (import_id, file, line, column_name, value, reason)
VALUES (:import, :file, :line, :column, :value, :reason);
