-- Runs recorded before credentials were dropped at intake: remove their Authorization and Cookie headers.
UPDATE run
   SET headers = (SELECT coalesce(jsonb_agg(h), '[]'::jsonb)
                    FROM jsonb_array_elements(headers) AS h
                   WHERE lower(h ->> 'name') NOT IN ('authorization', 'cookie', 'proxy-authorization'))
 WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(headers) AS h
                WHERE lower(h ->> 'name') IN ('authorization', 'cookie', 'proxy-authorization'));
