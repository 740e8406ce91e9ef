-- 005_erasures: the audit log of `impact erase` (docs/privacy.md, "Erasing a person").
-- One row per person erased, with no personal data: no id, no hash of one, nothing of the
-- person's rows; only when, by which engine version, how many rows left which tables, an
-- optional reference the operator gives (e.g. the request's number in their own log), and
-- whether the file was vacuumed afterwards. This table has no participant_id or
-- participant_key column, so the erasure never touches it.
CREATE TABLE erasures (
    erasure_id     INTEGER PRIMARY KEY,
    erased_at      TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    reference      TEXT CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 100),
    rows_removed   INTEGER NOT NULL CHECK (rows_removed >= 1),
    tables         TEXT NOT NULL CHECK (json_valid(tables)),
    vacuumed       INTEGER NOT NULL DEFAULT 0 CHECK (vacuumed IN (0, 1))
) STRICT;
