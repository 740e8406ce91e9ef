-- 007_participant_enrolment_keys: cohort_participants gains participant_key and cohort_key (its
-- last columns), the integer keys of the stored construct scores (schema/006), so that a reader
-- joins a participant's enrolment to their scores and to participant_flags by key instead of
-- looking up text ids (the metric layer's pre/post pairs: docs/performance.md). Every other
-- column, and the rule, are as in 002_derived.
DROP VIEW cohort_participants;

CREATE VIEW cohort_participants AS
SELECT e.participant_id, e.cohort_id, c.programme_id, c.year, e.status, e.hours, c.delivery_mode, c.region AS cohort_region,
       p.participant_key, c.cohort_key
FROM enrolments AS e
JOIN cohorts AS c ON c.cohort_id = e.cohort_id
JOIN participants AS p ON p.participant_id = e.participant_id
WHERE (e.status = 'started' OR e.status = 'withdrawn' OR e.status = 'completed')
  AND p.consent_research = 1;
