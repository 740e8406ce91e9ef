-- The numbered constructs (survey_constructs), to match the catalogue read from survey_items.
SELECT construct_key, instrument_id, construct FROM survey_constructs;
