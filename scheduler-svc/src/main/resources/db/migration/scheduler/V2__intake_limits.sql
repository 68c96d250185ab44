-- What an app accepts from outside without authentication, as its live fazt.json declares it
-- (svc.deploy.triggers.get): the async path patterns under /api/ (none: POST /_fazt/async answers 404 and stores
-- nothing) and the limits its async requests and webhook deliveries share.
ALTER TABLE app_policy
    ADD COLUMN async            text[] NOT NULL DEFAULT '{}',
    ADD COLUMN per_minute       int    NOT NULL DEFAULT 60,
    ADD COLUMN burst            int    NOT NULL DEFAULT 30,
    ADD COLUMN max_stored_bytes bigint NOT NULL DEFAULT 67108864;

-- Per app: its token bucket for async requests and webhook deliveries (refilled_at null: never drawn from, full),
-- and the bytes of the payloads of its async and webhook runs in run (queued and retained history). Admissions lock
-- the app's row, so all scheduler instances count against one bucket and one total. The row outlives the app's
-- policy while runs of a deleted app are kept.
CREATE TABLE app_intake (
    app_id       text             PRIMARY KEY,
    tokens       double precision,
    refilled_at  timestamptz,
    stored_bytes bigint           NOT NULL DEFAULT 0
);

INSERT INTO app_intake (app_id, stored_bytes)
SELECT app_id, sum(coalesce(octet_length(body), 0)) FROM run WHERE trigger IN ('async', 'webhook') GROUP BY app_id;

-- stored_bytes follows every insert and delete of runs, whichever code path does it (accepting, replaying, the
-- retention sweep). Rows are locked in app_id order, so statements touching several apps cannot deadlock each
-- other. Scheduled runs are not counted: the platform writes their small bodies, not a visitor.
CREATE FUNCTION run_payload_added() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO app_intake AS a (app_id, stored_bytes)
    SELECT app_id, sum(coalesce(octet_length(body), 0)) FROM added WHERE trigger IN ('async', 'webhook')
    GROUP BY app_id ORDER BY app_id
    ON CONFLICT (app_id) DO UPDATE SET stored_bytes = a.stored_bytes + excluded.stored_bytes;
    RETURN NULL;
END $$;

CREATE FUNCTION run_payload_removed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM 1 FROM app_intake
    WHERE app_id IN (SELECT app_id FROM removed WHERE trigger IN ('async', 'webhook'))
    ORDER BY app_id FOR UPDATE;
    UPDATE app_intake a SET stored_bytes = a.stored_bytes - g.bytes
    FROM (SELECT app_id, sum(coalesce(octet_length(body), 0)) AS bytes FROM removed
          WHERE trigger IN ('async', 'webhook') GROUP BY app_id) g
    WHERE a.app_id = g.app_id;
    RETURN NULL;
END $$;

CREATE TRIGGER run_payload_added AFTER INSERT ON run REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION run_payload_added();
CREATE TRIGGER run_payload_removed AFTER DELETE ON run REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION run_payload_removed();
