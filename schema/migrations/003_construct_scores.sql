-- 003_construct_scores: construct scores and pre/post pairs, defined once for analysts' SQL.
-- Metric definitions: DATA-CONTRACT.md "Construct scores", "Pre/post change"; docs/metrics.md
-- "Construct scores, pre/post change and reliability". The report computes the same scores in
-- one pass over `answers` in Swift (ConstructScores.swift), which is much faster than this view
-- on millions of answers; a test checks that the two agree score for score.

-- One row per construct of an instrument: its number of items k and the fewest answered items
-- that give a score, ⌈k/2⌉ (integer division rounds down, so (k + 1) / 2 is k/2 rounded up).
CREATE VIEW construct_items AS
SELECT instrument_id, construct, count(*) AS k_items, (count(*) + 1) / 2 AS min_answered
FROM survey_items
GROUP BY instrument_id, construct;

-- One row per person, cohort, instrument, construct and wave with a score: reverse-coded items
-- recoded as scale_min + scale_max - value, the score the mean of the answered items (the integer
-- sum divided once, as a REAL), kept only when at least ⌈k/2⌉ of the k items are answered.
-- People who declined research use (consent_research = 0) have no scores. Every stored answer
-- counts, whatever the person's enrolment status; join cohort_participants for participants.
CREATE VIEW construct_scores AS
SELECT p.participant_id, c.cohort_id, c.programme_id, c.year, i.instrument_id, i.construct, a.wave,
       count(*) AS n_answered,
       k.k_items,
       CAST(sum(CASE WHEN i.reverse_coded = 1 THEN i.scale_min + i.scale_max - a.value ELSE a.value END) AS REAL)
           / count(*) AS score
FROM answers AS a
JOIN survey_items AS i ON i.item_key = a.item_key
JOIN construct_items AS k ON k.instrument_id = i.instrument_id AND k.construct = i.construct
JOIN participants AS p ON p.participant_key = a.participant_key
JOIN cohorts AS c ON c.cohort_key = a.cohort_key
WHERE p.consent_research = 1
GROUP BY a.participant_key, a.cohort_key, i.instrument_id, i.construct, a.wave
HAVING count(*) >= k.min_answered;

-- The pairs of prepost.csv: participants of a cohort (cohort_participants: started, withdrawn or
-- completed, with consent) with both a pre and a post score for the construct in that cohort,
-- with the enrolment's contact hours. change = post_score - pre_score, as computed in binary.
CREATE VIEW prepost_pairs AS
SELECT cp.programme_id, cp.year, cp.cohort_id, cp.participant_id, s.instrument_id, s.construct, cp.hours,
       max(CASE WHEN s.wave = 'pre' THEN s.score END) AS pre_score,
       max(CASE WHEN s.wave = 'post' THEN s.score END) AS post_score,
       max(CASE WHEN s.wave = 'post' THEN s.score END) - max(CASE WHEN s.wave = 'pre' THEN s.score END) AS change
FROM construct_scores AS s
JOIN cohort_participants AS cp ON cp.participant_id = s.participant_id AND cp.cohort_id = s.cohort_id
WHERE s.wave = 'pre' OR s.wave = 'post'
GROUP BY cp.participant_id, cp.cohort_id, s.instrument_id, s.construct
HAVING count(*) = 2;
