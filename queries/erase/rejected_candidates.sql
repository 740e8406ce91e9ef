-- Rejected rows whose raw text contains the id anywhere; the eraser keeps those in which one
-- whole field equals the id (so erasing P1 leaves the rows of P10 alone).
SELECT rejected_id, raw FROM rejected_rows WHERE instr(raw, :participant_id) > 0;
