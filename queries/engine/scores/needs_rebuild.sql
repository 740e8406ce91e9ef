-- 1 when survey_items has rows but survey_constructs none: a database migrated from before
-- 006_construct_score_table, whose scores are computed once on opening. (Every import that
-- changes survey_items numbers the constructs afresh, so they are otherwise never out of step.)
SELECT EXISTS (SELECT 1 FROM survey_items) AND NOT EXISTS (SELECT 1 FROM survey_constructs);
