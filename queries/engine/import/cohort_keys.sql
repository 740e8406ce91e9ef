-- Each cohort's integer key, that answers are stored under.
SELECT cohort_id, cohort_key FROM cohorts;
