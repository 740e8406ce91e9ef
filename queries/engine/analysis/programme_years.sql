-- Every programme with the years it has cohorts in, for a message naming what a scope can be.
SELECT programme_id, group_concat(year, ', ') AS years
FROM (SELECT DISTINCT programme_id, year FROM cohorts ORDER BY programme_id, year)
GROUP BY programme_id
ORDER BY programme_id;
