-- Every enrolment with the stage it reached (0 applied, 1 offered or declined, 2 started or
-- withdrawn, 3 completed) and its hours, in primary-key order. Stages 2 and 3 are the contract's
-- participants, the rule of the cohort_participants view (a test checks that both agree).
SELECT participant_id, cohort_id,
    CASE status WHEN 'completed' THEN 3 WHEN 'started' THEN 2 WHEN 'withdrawn' THEN 2
                WHEN 'offered' THEN 1 WHEN 'declined' THEN 1 ELSE 0 END AS stage,
    hours
FROM enrolments
ORDER BY participant_id, cohort_id;
