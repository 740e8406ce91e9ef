-- Every survey item with how it is scored.
SELECT item_key, instrument_id, item_id, construct, scale_min, scale_max, reverse_coded FROM survey_items;
