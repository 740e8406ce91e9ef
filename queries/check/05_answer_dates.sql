-- check: answer_dates | Survey answers dated outside their cohort
-- unit: people with such answers in the cohort (total = people with dated answers of that wave
-- in the cohort; for undated, people with answers in the cohort)
-- Answers store responded_on, cohorts start_date and end_date (ISO text, so they compare as text).
-- pre_after_end: a pre answer after the cohort's end; an error (it cannot be a pre).
-- post_before_start: a post answer before the cohort's start; an error.
-- follow_up_before_end: a follow-up answer before the cohort's end; a warning.
-- pre_long_before: a pre answer more than :days_before_start days before the start; a warning.
-- post_long_after: a post answer more than :days_after_end days after the end; a warning.
-- undated: answers that cannot be checked (no responded_on, or a cohort without both dates);
--   info, so the reader knows how much the rules above covered (unit: people).
WITH windows AS MATERIALIZED (
    SELECT cohort_key, cohort_id, start_date, end_date,
           date(start_date, '-' || :days_before_start || ' days') AS earliest_pre,
           date(end_date, '+' || :days_after_end || ' days') AS latest_post
    FROM cohorts
),
-- One row per person and cohort, in the key order of `answers` (no sort).
per_person AS MATERIALIZED (
    SELECT a.participant_key, a.cohort_key,
           max(a.wave = 'pre') AS has_pre, max(a.wave = 'post') AS has_post, max(a.wave = 'follow_up') AS has_follow_up,
           max(a.responded_on IS NULL OR w.start_date IS NULL OR w.end_date IS NULL) AS undated,
           max(a.wave = 'pre' AND a.responded_on > w.end_date) AS pre_after_end,
           max(a.wave = 'post' AND a.responded_on < w.start_date) AS post_before_start,
           max(a.wave = 'follow_up' AND a.responded_on < w.end_date) AS follow_up_before_end,
           max(a.wave = 'pre' AND a.responded_on < w.earliest_pre) AS pre_long_before,
           max(a.wave = 'post' AND a.responded_on > w.latest_post) AS post_long_after
    FROM answers AS a
    JOIN windows AS w ON w.cohort_key = a.cohort_key
    GROUP BY a.participant_key, a.cohort_key
),
per_cohort AS (
    SELECT cohort_key, count(*) AS people, sum(undated) AS undated,
           sum(has_pre AND NOT undated) AS dated_pre, sum(has_post AND NOT undated) AS dated_post,
           sum(has_follow_up AND NOT undated) AS dated_follow_up,
           sum(pre_after_end) AS pre_after_end, sum(post_before_start) AS post_before_start,
           sum(follow_up_before_end) AS follow_up_before_end, sum(pre_long_before) AS pre_long_before,
           sum(post_long_after) AS post_long_after
    FROM per_person
    GROUP BY cohort_key
),
rules (rule) AS (
    VALUES ('undated'), ('pre_after_end'), ('post_before_start'), ('follow_up_before_end'), ('pre_long_before'), ('post_long_after')
),
counts AS (
    SELECT c.cohort_key, r.rule,
           CASE r.rule WHEN 'undated' THEN c.undated WHEN 'pre_after_end' THEN c.pre_after_end
                       WHEN 'post_before_start' THEN c.post_before_start WHEN 'follow_up_before_end' THEN c.follow_up_before_end
                       WHEN 'pre_long_before' THEN c.pre_long_before WHEN 'post_long_after' THEN c.post_long_after END AS n,
           CASE r.rule WHEN 'undated' THEN c.people WHEN 'pre_after_end' THEN c.dated_pre WHEN 'pre_long_before' THEN c.dated_pre
                       WHEN 'follow_up_before_end' THEN c.dated_follow_up ELSE c.dated_post END AS total
    FROM per_cohort AS c CROSS JOIN rules AS r
)
SELECT 'answer_dates' AS check_name,
       CASE WHEN k.rule = 'pre_after_end' OR k.rule = 'post_before_start' THEN 'error'
            WHEN k.rule = 'undated' THEN 'info' ELSE 'warning' END AS level,
       w.cohort_id, k.rule AS subject, k.n, k.total,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT p.participant_id FROM per_person AS x JOIN participants AS p ON p.participant_key = x.participant_key
            WHERE x.cohort_key = k.cohort_key
              AND CASE k.rule WHEN 'undated' THEN x.undated WHEN 'pre_after_end' THEN x.pre_after_end
                              WHEN 'post_before_start' THEN x.post_before_start WHEN 'follow_up_before_end' THEN x.follow_up_before_end
                              WHEN 'pre_long_before' THEN x.pre_long_before WHEN 'post_long_after' THEN x.post_long_after END
            ORDER BY p.participant_id LIMIT :examples)) AS examples
FROM counts AS k
JOIN windows AS w ON w.cohort_key = k.cohort_key
WHERE k.n > 0
ORDER BY 3, 4;
