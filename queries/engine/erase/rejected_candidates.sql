-- Rejected rows whose raw text or reason contains the id anywhere; the eraser keeps those in which
-- one whole field of the raw text equals the id (so erasing P1 leaves the rows of P10 alone), or
-- whose reason quotes the id (`participant_id "e_…" is not in participants`: the raw text of a row
-- whose id came from an e-mail has the e-mail removed, but the reason names the derived id).
SELECT rejected_id, raw, reason FROM rejected_rows
WHERE instr(raw, :participant_id) > 0 OR instr(reason, '"' || :participant_id || '"') > 0;
