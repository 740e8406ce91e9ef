-- The scoring rule of each instrument whose constructs are scored (schema/migrations/010), for the report's
-- method text: how many items a score needs.
SELECT DISTINCT instrument_id, scoring FROM survey_constructs ORDER BY instrument_id;
