-- check: identity_breaks | Post survey without a pre survey
-- check: attrition | Pre survey without a post survey
-- unit: people with answers in the cohort (identity_breaks: total = people with a post survey;
-- attrition: total = people with a pre survey)
-- One pass over `answers` in its key order (person, cohort), so one row per person and cohort
-- with whether they answered a pre and a post item. Everyone stored counts (consent or not):
-- this is about the data, not a figure.
-- identity_breaks: post answers and no pre answers in the same cohort. The post answers cannot
-- pair, most often because the two waves used different ids for the person; a warning.
-- attrition: pre answers and no post answers. Some drop-out is expected, so info, and a warning
-- when the share of pre respondents without a post passes :attrition_warning (then pre/post
-- change rests on a minority of those who started the survey).
WITH waves AS (
    SELECT participant_key, cohort_key,
           max(wave = 'pre') AS has_pre, max(wave = 'post') AS has_post
    FROM answers
    GROUP BY participant_key, cohort_key
),
cohort_waves AS (
    SELECT w.cohort_key, sum(w.has_pre) AS with_pre, sum(w.has_post) AS with_post,
           sum(w.has_post AND NOT w.has_pre) AS post_only, sum(w.has_pre AND NOT w.has_post) AS pre_only
    FROM waves AS w
    GROUP BY w.cohort_key
)
SELECT 'identity_breaks' AS check_name, 'warning' AS level, c.cohort_id, NULL AS subject,
       cw.post_only AS n, cw.with_post AS total,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT p.participant_id FROM waves AS w JOIN participants AS p ON p.participant_key = w.participant_key
            WHERE w.cohort_key = cw.cohort_key AND w.has_post AND NOT w.has_pre
            ORDER BY p.participant_id LIMIT :examples)) AS examples
FROM cohort_waves AS cw
JOIN cohorts AS c ON c.cohort_key = cw.cohort_key
WHERE cw.post_only > 0
UNION ALL
SELECT 'attrition', CASE WHEN 1.0 * cw.pre_only / cw.with_pre > :attrition_warning THEN 'warning' ELSE 'info' END,
       c.cohort_id, NULL, cw.pre_only, cw.with_pre,
       (SELECT group_concat(participant_id, char(31)) FROM (
            SELECT p.participant_id FROM waves AS w JOIN participants AS p ON p.participant_key = w.participant_key
            WHERE w.cohort_key = cw.cohort_key AND w.has_pre AND NOT w.has_post
            ORDER BY p.participant_id LIMIT :examples))
FROM cohort_waves AS cw
JOIN cohorts AS c ON c.cohort_key = cw.cohort_key
WHERE cw.pre_only > 0
ORDER BY 1, 3;
