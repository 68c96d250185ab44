-- Per-app key-value entries (env.KV). Keys sort byte-wise ("C") so listing and its cursor are the same on every
-- server locale. An entry whose expires_at has passed is invisible at once; the periodic sweep deletes it later.
CREATE TABLE kv_entry (
    app_id     text COLLATE "C" NOT NULL,
    key        text COLLATE "C" NOT NULL,
    kind       text             NOT NULL CHECK (kind IN ('json', 'text', 'bytes')),
    value      bytea            NOT NULL,
    expires_at timestamptz,
    updated_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, key)
);

CREATE INDEX kv_entry_expires_at_idx ON kv_entry (expires_at) WHERE expires_at IS NOT NULL;
