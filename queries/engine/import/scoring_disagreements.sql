-- The items of instrument :instrument stored with a scoring rule other than :scoring (schema/migrations/010),
-- the first five by item_id, each with how many there are in all: after a survey_items file is
-- written, items its rows did not replace. An instrument has one rule, so any row refuses the file.
SELECT item_id, scoring, count(*) OVER () AS n
FROM survey_items
WHERE instrument_id = :instrument AND scoring <> :scoring
ORDER BY item_id
LIMIT 5;
