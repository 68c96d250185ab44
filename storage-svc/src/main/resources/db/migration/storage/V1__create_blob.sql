-- Content-addressed blobs: one row per distinct SHA-256, bytes in blob_chunk under the digest.
-- written_at is the last time a writer uploaded or was told it need not upload this blob; the garbage
-- collector spares unreferenced blobs written recently, because a writer commits them to a namespace only after.
CREATE TABLE blob (
    digest     text        PRIMARY KEY CHECK (digest ~ '^[0-9a-f]{64}$'),
    size       bigint      NOT NULL CHECK (size >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    written_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX blob_written_at_idx ON blob (written_at);
