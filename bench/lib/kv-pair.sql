-- pgbench's side of the kv-pg and kv-concurrent scenarios: the statements storage-svc runs for one env.KV.put and
-- one env.KV.get (JdbcKvStore), each in its own transaction as there (auto-commit), on a key of a client's own.
\set k random(1, 10000000)
INSERT INTO storage.kv_entry AS e (app_id, key, kind, value, expires_at)
VALUES ('pgbench', 'p' || :client_id || '-' || :k, 'json', convert_to('{"i":1,"at":1765000000000}', 'UTF8'), now() + NULL::bigint * interval '1 second')
ON CONFLICT (app_id, key) DO UPDATE
SET kind = excluded.kind, value = excluded.value, expires_at = excluded.expires_at, updated_at = now()
RETURNING expires_at;
SELECT kind, value, expires_at FROM storage.kv_entry
WHERE app_id = 'pgbench' AND key = 'p' || :client_id || '-' || :k AND (expires_at IS NULL OR expires_at > now());
