-- 001_core: the contract's tables, the import log and the rejected rows.
-- Booleans are INTEGER 0/1, dates ISO 'YYYY-MM-DD' TEXT, unknown = NULL.
-- `extra` keeps, per row, the columns of the imported file the engine does not know,
-- as a JSON object (column name -> text), so nothing a user imported is lost.
-- Every table is STRICT; natural keys are UNIQUE; foreign keys are declared and enforced.
-- Category checks are written `x = 'a' OR x = 'b' OR …`, not `x IN ('a', 'b', …)`: SQLite
-- builds a temporary index for an IN list of three or more values on every row it checks,
-- which made an import a fifth slower (docs/performance.md).

CREATE TABLE programmes (
    programme_id TEXT NOT NULL PRIMARY KEY CHECK (length(programme_id) > 0),
    name         TEXT NOT NULL CHECK (length(name) > 0),
    description  TEXT,
    extra        TEXT CHECK (extra IS NULL OR json_valid(extra))
) STRICT;

CREATE TABLE cohorts (
    cohort_key    INTEGER PRIMARY KEY,
    cohort_id     TEXT NOT NULL UNIQUE CHECK (length(cohort_id) > 0),
    programme_id  TEXT NOT NULL REFERENCES programmes (programme_id) ON DELETE RESTRICT,
    year          INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    delivery_mode TEXT CHECK (delivery_mode = 'in_person' OR delivery_mode = 'online' OR delivery_mode = 'hybrid'),
    region        TEXT,
    start_date    TEXT CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    end_date      TEXT CHECK (end_date IS NULL OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    extra         TEXT CHECK (extra IS NULL OR json_valid(extra)),
    CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date)
) STRICT;
CREATE INDEX cohorts_by_programme ON cohorts (programme_id, year);

CREATE TABLE participants (
    participant_key     INTEGER PRIMARY KEY,
    participant_id      TEXT NOT NULL UNIQUE CHECK (length(participant_id) > 0),
    birth_year          INTEGER CHECK (birth_year BETWEEN 1900 AND 2200),
    gender              TEXT CHECK (gender = 'female' OR gender = 'male' OR gender = 'non_binary' OR gender = 'other' OR gender = 'prefer_not_to_say'),
    ethnicity           TEXT CHECK (ethnicity = 'asian' OR ethnicity = 'black' OR ethnicity = 'mixed' OR ethnicity = 'white' OR ethnicity = 'other' OR ethnicity = 'prefer_not_to_say'),
    region              TEXT,
    postcode            TEXT CHECK (postcode IS NULL OR (length(postcode) BETWEEN 2 AND 4 AND postcode NOT GLOB '* *')),
    school_type         TEXT CHECK (school_type = 'state_non_selective' OR school_type = 'state_selective' OR school_type = 'independent' OR school_type = 'other'),
    fsm                 INTEGER CHECK (fsm IN (0, 1)),
    first_generation    INTEGER CHECK (first_generation IN (0, 1)),
    parental_occupation TEXT CHECK (parental_occupation = 'professional' OR parental_occupation = 'intermediate' OR parental_occupation = 'working_class' OR parental_occupation = 'other'),
    polar4_quintile     INTEGER CHECK (polar4_quintile BETWEEN 1 AND 5),
    imd_quintile        INTEGER CHECK (imd_quintile BETWEEN 1 AND 5),
    care_experienced    INTEGER CHECK (care_experienced IN (0, 1)),
    disability          INTEGER CHECK (disability IN (0, 1)),
    consent_research    INTEGER NOT NULL DEFAULT 1 CHECK (consent_research IN (0, 1)),
    extra               TEXT CHECK (extra IS NULL OR json_valid(extra))
) STRICT;

CREATE TABLE enrolments (
    participant_id TEXT NOT NULL REFERENCES participants (participant_id) ON DELETE CASCADE,
    cohort_id      TEXT NOT NULL REFERENCES cohorts (cohort_id) ON DELETE RESTRICT,
    status         TEXT NOT NULL CHECK (status = 'applied' OR status = 'offered' OR status = 'declined' OR status = 'started' OR status = 'withdrawn' OR status = 'completed'),
    applied_on     TEXT CHECK (applied_on IS NULL OR applied_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    hours          REAL CHECK (hours >= 0),
    extra          TEXT CHECK (extra IS NULL OR json_valid(extra)),
    PRIMARY KEY (participant_id, cohort_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX enrolments_by_cohort ON enrolments (cohort_id, status);

CREATE TABLE survey_items (
    item_key      INTEGER PRIMARY KEY,
    instrument_id TEXT NOT NULL CHECK (length(instrument_id) > 0),
    item_id       TEXT NOT NULL CHECK (length(item_id) > 0),
    construct     TEXT NOT NULL CHECK (length(construct) > 0),
    scale_min     INTEGER NOT NULL,
    scale_max     INTEGER NOT NULL,
    reverse_coded INTEGER NOT NULL DEFAULT 0 CHECK (reverse_coded IN (0, 1)),
    text          TEXT,
    extra         TEXT CHECK (extra IS NULL OR json_valid(extra)),
    UNIQUE (instrument_id, item_id),
    CHECK (scale_min < scale_max)
) STRICT;

-- The storage of responses.csv: one row per answer, keyed by integer surrogate keys so
-- that the table that holds most of the data stays small and fast to write and scan.
-- Read it through the `responses` view, which has the contract's columns.
CREATE TABLE answers (
    participant_key INTEGER NOT NULL REFERENCES participants (participant_key) ON DELETE CASCADE,
    cohort_key      INTEGER NOT NULL REFERENCES cohorts (cohort_key) ON DELETE RESTRICT,
    item_key        INTEGER NOT NULL REFERENCES survey_items (item_key) ON DELETE RESTRICT,
    wave            TEXT NOT NULL CHECK (wave = 'pre' OR wave = 'post' OR wave = 'follow_up'),
    value           INTEGER NOT NULL,
    responded_on    TEXT CHECK (responded_on IS NULL OR responded_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    extra           TEXT CHECK (extra IS NULL OR json_valid(extra)),
    PRIMARY KEY (participant_key, cohort_key, item_key, wave)
) STRICT, WITHOUT ROWID;

-- responses.csv as imported: the contract's columns over the integer-keyed storage.
CREATE VIEW responses AS
SELECT p.participant_id, c.cohort_id, i.instrument_id, a.wave, i.item_id, a.value, a.responded_on, a.extra
FROM answers AS a
JOIN participants AS p ON p.participant_key = a.participant_key
JOIN cohorts AS c ON c.cohort_key = a.cohort_key
JOIN survey_items AS i ON i.item_key = a.item_key;

CREATE TABLE outcomes (
    participant_id TEXT NOT NULL REFERENCES participants (participant_id) ON DELETE CASCADE,
    outcome        TEXT NOT NULL CHECK (length(outcome) > 0),
    value          INTEGER NOT NULL CHECK (value IN (0, 1)),
    observed_on    TEXT CHECK (observed_on IS NULL OR observed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    source         TEXT,
    extra          TEXT CHECK (extra IS NULL OR json_valid(extra)),
    PRIMARY KEY (participant_id, outcome)
) STRICT, WITHOUT ROWID;
CREATE INDEX outcomes_by_outcome ON outcomes (outcome);

CREATE TABLE benchmarks (
    outcome    TEXT NOT NULL CHECK (length(outcome) > 0),
    population TEXT NOT NULL CHECK (length(population) > 0),
    year       INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    rate       REAL NOT NULL CHECK (rate BETWEEN 0 AND 1),
    source     TEXT,
    extra      TEXT CHECK (extra IS NULL OR json_valid(extra)),
    PRIMARY KEY (outcome, population, year)
) STRICT;

-- One row per file imported (a refused file leaves no row: the database is as it was).
CREATE TABLE imports (
    import_id      INTEGER PRIMARY KEY,
    path           TEXT NOT NULL,
    file_kind      TEXT NOT NULL,
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    rows_read      INTEGER NOT NULL CHECK (rows_read >= 0),
    accepted       INTEGER NOT NULL CHECK (accepted >= 0),
    inserted       INTEGER NOT NULL CHECK (inserted >= 0),
    updated        INTEGER NOT NULL CHECK (updated >= 0),
    unchanged      INTEGER NOT NULL CHECK (unchanged >= 0),
    rejected       INTEGER NOT NULL CHECK (rejected >= 0),
    started_at     TEXT NOT NULL,
    finished_at    TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    CHECK (accepted = inserted + updated + unchanged),
    CHECK (accepted + rejected = rows_read)
) STRICT;

-- Rows refused by a rule, with the raw row (personal fields redacted: see docs/privacy.md).
-- Only the latest import of a given path keeps its rejected rows: re-importing a corrected
-- file resolves the rejections of the earlier one.
CREATE TABLE rejected_rows (
    rejected_id INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports (import_id) ON DELETE CASCADE,
    file        TEXT NOT NULL,
    line        INTEGER NOT NULL CHECK (line >= 1),
    column_name TEXT,
    reason      TEXT NOT NULL,
    raw         TEXT NOT NULL
) STRICT;
CREATE INDEX rejected_rows_by_import ON rejected_rows (import_id);
