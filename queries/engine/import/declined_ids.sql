-- The people who declined research use (consent_research = 0): a later participants file whose
-- consent_research cell is empty leaves them declined, rather than taking the contract's
-- default (yes) for them.
SELECT participant_id FROM participants WHERE consent_research = 0;
