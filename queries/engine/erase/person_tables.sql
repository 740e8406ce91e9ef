-- The tables that can hold a person: every table (not view) with a participant_id or a
-- participant_key column, whichever migration made it, so a table added later is erased
-- too. `participants` comes last: the rows that refer to it go first.
SELECT m.name AS table_name,
       max(c.name = 'participant_id') AS has_id,
       max(c.name = 'participant_key') AS has_key
FROM sqlite_schema AS m
JOIN pragma_table_info(m.name) AS c
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND (c.name = 'participant_id' OR c.name = 'participant_key')
GROUP BY m.name
ORDER BY m.name = 'participants', m.name;
