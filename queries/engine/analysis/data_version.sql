-- What identifies the stored data's state: every change to it comes with a new row in imports (an
-- import of a file) or erasures (`impact erase`). The report reads on several connections at once,
-- each in its own read transaction; when they do not all see the same values, it reads again in
-- one transaction.
SELECT (SELECT max(import_id) FROM imports) AS last_import,
       (SELECT max(erasure_id) FROM erasures) AS last_erasure;
