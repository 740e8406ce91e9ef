-- 008_column_fates: what every import did with each column of its file, and the optional cells
-- it could not read.
-- import_columns: one row per column of an imported file: taken for a contract column (and by
-- which rule), kept in `extra`, dropped as personal data, or ignored. No column is silent.
-- unread_cells: an optional cell that did not parse; its row was kept with the cell unknown.
-- Like rejected_rows, only the latest import of a path keeps its unread cells.

CREATE TABLE import_columns (
    import_id   INTEGER NOT NULL REFERENCES imports (import_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    header      TEXT NOT NULL,
    fate        TEXT NOT NULL CHECK (fate = 'taken' OR fate = 'kept' OR fate = 'personal' OR fate = 'ignored'),
    column_name TEXT,
    rule        TEXT NOT NULL,
    PRIMARY KEY (import_id, position)
) STRICT;

CREATE TABLE unread_cells (
    unread_id   INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports (import_id) ON DELETE CASCADE,
    file        TEXT NOT NULL,
    line        INTEGER NOT NULL CHECK (line >= 1),
    column_name TEXT NOT NULL,
    value       TEXT NOT NULL,
    reason      TEXT NOT NULL
) STRICT;
CREATE INDEX unread_cells_by_import ON unread_cells (import_id);
