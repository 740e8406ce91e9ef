-- Numbers the constructs of survey_items afresh, in instrument and construct order, with their
-- number of items k and their instrument's scoring rule (schema/migrations/010: every item of an instrument
-- has the same one; survey_constructs.min_answered follows from the two). The importer runs
-- this, then scores every answer again, whenever an import changes survey_items
-- (construct_score_values is emptied first: its rows name construct keys).
DELETE FROM construct_score_values;
DELETE FROM survey_constructs;
INSERT INTO survey_constructs (instrument_id, construct, k_items, scoring)
SELECT instrument_id, construct, count(*), max(scoring)
FROM survey_items
GROUP BY instrument_id, construct
ORDER BY instrument_id, construct;
