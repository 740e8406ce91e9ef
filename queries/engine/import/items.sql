-- Each survey item's key and scale, to store answers under and check their values against.
SELECT instrument_id, item_id, item_key, scale_min, scale_max FROM survey_items;
