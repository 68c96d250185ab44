-- Who answers for an app: the account (auth-svc subject id and its username at the time) that created it, or the
-- admin it was handed to. NULL for apps deployed before owners were recorded and for the built-in apps.
ALTER TABLE app ADD COLUMN owner_id text;
ALTER TABLE app ADD COLUMN owner_name text;
CREATE INDEX app_owner ON app (owner_id) WHERE deleted_at IS NULL;
