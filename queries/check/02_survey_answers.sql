-- check: identity_breaks | Post survey without a pre survey
-- check: attrition | Pre survey without a post survey
-- check: answer_dates | Survey answers dated outside their cohort
-- One pass over `answers` in its key order (person, cohort: no sort) gives one row per person
-- and cohort with the waves they answered and the first and last date of each wave; the
-- cohort's dates are joined to those rows, not to every answer. Everyone stored counts
-- (consent or not): this is about the data, not a figure. Units: people in the cohort.
--
-- identity_breaks (total = people with post answers): post answers and no pre answers in the
--   same cohort. They cannot pair, most often because the two waves used different ids for
--   the person; a warning.
-- attrition (total = people with pre answers): pre answers and no post answers. Some drop-out
--   is expected, so info, and a warning when the share passes :attrition_warning (pre/post
--   change then rests on a minority of those who started the survey).
-- answer_dates (subject = the rule; total = people with a dated answer of that wave in a
--   cohort with both dates). Dates are ISO text, so they compare as text.
--   pre_after_end: a pre answer after the cohort's end; an error (it cannot be a pre).
--   post_before_start: a post answer before the cohort's start; an error.
--   follow_up_before_end: a follow-up answer before the cohort's end; a warning.
--   pre_long_before: a pre answer more than :days_before_start days before the start; a warning.
--   post_long_after: a post answer more than :days_after_end days after the end; a warning.
--   undated (total = people with answers in the cohort): answers that cannot be checked (no
--   responded_on, or a cohort without both dates); info, to show what the rules covered.
WITH windows AS MATERIALIZED (
    SELECT cohort_key, cohort_id, start_date, end_date,
           start_date IS NOT NULL AND end_date IS NOT NULL AS dated,
           date(start_date, '-' || :days_before_start || ' days') AS earliest_pre,
           date(end_date, '+' || :days_after_end || ' days') AS latest_post
    FROM cohorts
),
dates AS (
    SELECT participant_key, cohort_key,
           max(wave = 'pre') AS has_pre, max(wave = 'post') AS has_post,
           count(*) > count(responded_on) AS some_undated,
           min(CASE WHEN wave = 'pre' THEN responded_on END) AS first_pre,
           max(CASE WHEN wave = 'pre' THEN responded_on END) AS last_pre,
           min(CASE WHEN wave = 'post' THEN responded_on END) AS first_post,
           max(CASE WHEN wave = 'post' THEN responded_on END) AS last_post,
           min(CASE WHEN wave = 'follow_up' THEN responded_on END) AS first_follow_up
    FROM answers
    GROUP BY participant_key, cohort_key
),
per_person AS MATERIALIZED (
    SELECT d.participant_key, d.cohort_key, d.has_pre, d.has_post,
           d.has_post AND NOT d.has_pre AS post_only,
           d.has_pre AND NOT d.has_post AS pre_only,
           d.some_undated OR NOT w.dated AS undated,
           w.dated AND d.first_pre IS NOT NULL AS dated_pre,
           w.dated AND d.first_post IS NOT NULL AS dated_post,
           w.dated AND d.first_follow_up IS NOT NULL AS dated_follow_up,
           d.last_pre > w.end_date AS pre_after_end,
           d.first_post < w.start_date AS post_before_start,
           d.first_follow_up < w.end_date AS follow_up_before_end,
           d.first_pre < w.earliest_pre AS pre_long_before,
           d.last_post > w.latest_post AS post_long_after
    FROM dates AS d
    JOIN windows AS w ON w.cohort_key = d.cohort_key
),
per_cohort AS (
    SELECT cohort_key, count(*) AS people, sum(has_pre) AS with_pre, sum(has_post) AS with_post,
           sum(post_only) AS post_only, sum(pre_only) AS pre_only, sum(undated) AS undated,
           sum(dated_pre) AS dated_pre, sum(dated_post) AS dated_post, sum(dated_follow_up) AS dated_follow_up,
           sum(pre_after_end) AS pre_after_end, sum(post_before_start) AS post_before_start,
           sum(follow_up_before_end) AS follow_up_before_end, sum(pre_long_before) AS pre_long_before,
           sum(post_long_after) AS post_long_after
    FROM per_person
    GROUP BY cohort_key
),
rules (check_name, rule) AS (
    VALUES ('identity_breaks', 'post_only'), ('attrition', 'pre_only'),
           ('answer_dates', 'undated'), ('answer_dates', 'pre_after_end'), ('answer_dates', 'post_before_start'),
           ('answer_dates', 'follow_up_before_end'), ('answer_dates', 'pre_long_before'), ('answer_dates', 'post_long_after')
),
counts AS (
    SELECT c.cohort_key, r.check_name, r.rule,
           CASE r.rule WHEN 'post_only' THEN c.post_only WHEN 'pre_only' THEN c.pre_only
                       WHEN 'undated' THEN c.undated WHEN 'pre_after_end' THEN c.pre_after_end
                       WHEN 'post_before_start' THEN c.post_before_start WHEN 'follow_up_before_end' THEN c.follow_up_before_end
                       WHEN 'pre_long_before' THEN c.pre_long_before WHEN 'post_long_after' THEN c.post_long_after END AS n,
           CASE r.rule WHEN 'post_only' THEN c.with_post WHEN 'pre_only' THEN c.with_pre
                       WHEN 'undated' THEN c.people WHEN 'pre_after_end' THEN c.dated_pre WHEN 'pre_long_before' THEN c.dated_pre
                       WHEN 'follow_up_before_end' THEN c.dated_follow_up ELSE c.dated_post END AS total
    FROM per_cohort AS c CROSS JOIN rules AS r
)
SELECT k.check_name,
       CASE WHEN k.rule = 'pre_after_end' OR k.rule = 'post_before_start' THEN 'error'
            WHEN k.rule = 'post_only' THEN 'warning'
            WHEN k.rule = 'pre_only' THEN CASE WHEN 1.0 * k.n / k.total > :attrition_warning THEN 'warning' ELSE 'info' END
            WHEN k.rule = 'undated' THEN 'info'
            ELSE 'warning' END AS level,
       w.cohort_id,
       CASE WHEN k.check_name = 'answer_dates' THEN k.rule END AS subject,
       k.n, k.total,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT p.participant_id FROM per_person AS x JOIN participants AS p ON p.participant_key = x.participant_key
            WHERE x.cohort_key = k.cohort_key
              AND CASE k.rule WHEN 'post_only' THEN x.post_only WHEN 'pre_only' THEN x.pre_only
                              WHEN 'undated' THEN x.undated WHEN 'pre_after_end' THEN x.pre_after_end
                              WHEN 'post_before_start' THEN x.post_before_start WHEN 'follow_up_before_end' THEN x.follow_up_before_end
                              WHEN 'pre_long_before' THEN x.pre_long_before WHEN 'post_long_after' THEN x.post_long_after END
            ORDER BY p.participant_id LIMIT :examples)) AS examples
FROM counts AS k
JOIN windows AS w ON w.cohort_key = k.cohort_key
WHERE k.n > 0
ORDER BY 1, 3, 4;
