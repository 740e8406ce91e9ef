-- 010_instrument_scoring: how an instrument is scored, as survey_items.csv declares it (an
-- extension of the contract; docs/data-contract.md, docs/metrics.md "Construct scores").
--   at_least_half  the contract's rule and the default: a construct of k items has a score when
--                  at least ⌈k/2⌉ = (k + 1) / 2 of them are answered;
--   all_items      a score needs every one of the k items answered (validated scales that ask
--                  for complete answers, such as TASO's Access and Success Questionnaire).
-- Every item of an instrument carries the same rule (the importer refuses a file that would
-- store two). Rows stored before this migration are at_least_half, the rule they were scored by,
-- so a database made earlier keeps its scores and its behaviour.

ALTER TABLE survey_items ADD COLUMN scoring TEXT NOT NULL DEFAULT 'at_least_half'
    CHECK (scoring = 'at_least_half' OR scoring = 'all_items');

-- The rule of each construct, copied from its instrument's items whenever the constructs are
-- numbered, and min_answered, the fewest answered items that give a score: the one statement of
-- the threshold that the views below and the report's pass read.
ALTER TABLE survey_constructs ADD COLUMN scoring TEXT NOT NULL DEFAULT 'at_least_half'
    CHECK (scoring = 'at_least_half' OR scoring = 'all_items');
ALTER TABLE survey_constructs ADD COLUMN min_answered INTEGER
    GENERATED ALWAYS AS (CASE scoring WHEN 'all_items' THEN k_items ELSE (k_items + 1) / 2 END) VIRTUAL;

-- construct_items (003_construct_scores), same columns and the rule, now read from
-- survey_constructs, which holds one row per instrument and construct of survey_items.
DROP VIEW construct_items;

CREATE VIEW construct_items AS
SELECT instrument_id, construct, k_items, min_answered, scoring
FROM survey_constructs;

-- construct_scores and prepost_pairs as defined in 006_construct_score_table, same columns, with
-- each construct's own threshold.
DROP VIEW prepost_pairs;
DROP VIEW construct_scores;

CREATE VIEW construct_scores AS
SELECT p.participant_id, c.cohort_id, c.programme_id, c.year, k.instrument_id, k.construct, s.wave,
       s.n_answered,
       k.k_items,
       CAST(s.coded_sum AS REAL) / s.n_answered AS score
FROM construct_score_values AS s
JOIN survey_constructs AS k ON k.construct_key = s.construct_key
JOIN participants AS p ON p.participant_key = s.participant_key
JOIN cohorts AS c ON c.cohort_key = s.cohort_key
WHERE p.consent_research = 1
  AND s.n_answered >= k.min_answered;

CREATE VIEW prepost_pairs AS
SELECT c.programme_id, c.year, c.cohort_id, p.participant_id, k.instrument_id, k.construct, e.hours,
       CAST(pre.coded_sum AS REAL) / pre.n_answered AS pre_score,
       CAST(post.coded_sum AS REAL) / post.n_answered AS post_score,
       CAST(post.coded_sum AS REAL) / post.n_answered - CAST(pre.coded_sum AS REAL) / pre.n_answered AS change
FROM construct_score_values AS pre
JOIN survey_constructs AS k ON k.construct_key = pre.construct_key
JOIN construct_score_values AS post
  ON post.participant_key = pre.participant_key AND post.cohort_key = pre.cohort_key
 AND post.construct_key = pre.construct_key AND post.wave = 'post'
JOIN participants AS p ON p.participant_key = pre.participant_key
JOIN cohorts AS c ON c.cohort_key = pre.cohort_key
JOIN enrolments AS e ON e.participant_id = p.participant_id AND e.cohort_id = c.cohort_id
WHERE pre.wave = 'pre'
  AND pre.n_answered >= k.min_answered
  AND post.n_answered >= k.min_answered
  AND p.consent_research = 1
  AND (e.status = 'started' OR e.status = 'withdrawn' OR e.status = 'completed');
