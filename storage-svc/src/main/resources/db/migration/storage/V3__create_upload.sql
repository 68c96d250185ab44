-- Uploads in progress. Chunks may reach any storage instance, so the state lives here, not in memory.
-- last_chunk_at (not started_at) decides abandonment, so a slow but live upload of a large file is kept.
CREATE TABLE upload (
    id            text        PRIMARY KEY,
    received      bigint      NOT NULL CHECK (received >= 0),
    started_at    timestamptz NOT NULL DEFAULT now(),
    last_chunk_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX upload_last_chunk_at_idx ON upload (last_chunk_at);
