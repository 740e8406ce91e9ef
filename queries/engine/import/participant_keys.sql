-- Each participant's integer key, that answers are stored under.
SELECT participant_id, participant_key FROM participants;
