-- name: construct-by-cohort
-- description: Cohort comparison of one survey construct: per cohort, the number of pre/post pairs, the mean pre
-- and post scores, the mean change and the share who improved (prepost_pairs). For intervals and effect sizes
-- use impact metric prepost_change --by cohort --where construct=NAME.
-- param: construct = self_efficacy
-- param: programme =
-- param: year =
SELECT pp.programme_id, pp.year, pp.cohort_id, c.delivery_mode, pp.instrument_id, pp.construct,
       count(*) AS n_pairs,
       avg(pp.pre_score) AS mean_pre,
       avg(pp.post_score) AS mean_post,
       avg(pp.change) AS mean_change,
       CAST(sum(pp.change > 0) AS REAL) / count(*) AS pct_improved
FROM prepost_pairs AS pp
JOIN cohorts AS c ON c.cohort_id = pp.cohort_id
WHERE pp.construct = :construct
  AND (:programme IS NULL OR pp.programme_id = :programme)
  AND (:year IS NULL OR pp.year = CAST(:year AS INTEGER))
GROUP BY pp.programme_id, pp.year, pp.cohort_id, pp.instrument_id, pp.construct
ORDER BY pp.programme_id, pp.year, pp.cohort_id, pp.instrument_id;
