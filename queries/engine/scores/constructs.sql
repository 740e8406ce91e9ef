-- The numbered constructs (survey_constructs), to match the catalogue read from survey_items, with
-- each one's scoring rule and the fewest answered items that give a score (schema/migrations/010).
SELECT construct_key, instrument_id, construct, scoring, min_answered FROM survey_constructs;
