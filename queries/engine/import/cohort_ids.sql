-- The stored cohort ids, that enrolments refer to.
SELECT cohort_id FROM cohorts;
