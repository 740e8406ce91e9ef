-- 1 when survey_items has constructs that survey_constructs does not number yet: a database
-- migrated from before 006_construct_score_table, whose scores are computed once on opening.
SELECT EXISTS (SELECT 1 FROM survey_items) AND NOT EXISTS (SELECT 1 FROM survey_constructs);
