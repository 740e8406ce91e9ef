-- The stored participant ids, that enrolments and outcomes refer to.
SELECT participant_id FROM participants;
