-- The national benchmark rates of one population (:population), by outcome and year.
SELECT outcome, year, rate FROM benchmarks WHERE population = :population ORDER BY outcome, year;
