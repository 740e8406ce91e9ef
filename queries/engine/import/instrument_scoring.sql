-- The stored scoring rule of each instrument (schema/migrations/010; one per instrument), for the new items
-- of a survey_items file without a scoring column: they take their instrument's rule.
SELECT instrument_id, max(scoring) FROM survey_items GROUP BY instrument_id;
