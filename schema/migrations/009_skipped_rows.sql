-- 009_skipped_rows: the rows a file mapping's skip_rows left out of an import (test records,
-- survey previews), one row each with the rule that matched. They are not data rows: not in
-- imports.rows_read, so accepted + rejected = rows_read still holds, and none is silent.
-- Only the line and the rule are kept, never a cell of the row.

CREATE TABLE skipped_rows (
    import_id INTEGER NOT NULL REFERENCES imports (import_id) ON DELETE CASCADE,
    file      TEXT NOT NULL,
    line      INTEGER NOT NULL CHECK (line >= 1),
    rule      TEXT NOT NULL,
    PRIMARY KEY (import_id, line)
) STRICT;
