-- Where a blob's bytes are (ADR 38): 'pg' in blob_chunk under its digest, or 's3' as one object in the bucket of
-- FAZT_BLOB_STORE. The row, and every reference to it, stays here whichever store holds the bytes.
ALTER TABLE blob ADD COLUMN location text NOT NULL DEFAULT 'pg' CHECK (location IN ('pg', 's3'));

-- Objects in the bucket that may have no blob row pointing at them: a collected blob's, a blob moved back to
-- PostgreSQL, or one whose upload was cut off before its row said 's3'. The sweep deletes the object once the row
-- has been here for the grace and no blob row with location 's3' names the digest; a writer about to put an object
-- takes this row first, so a sweep and a writer of the same digest never interleave.
CREATE TABLE blob_stray_object (
    digest text        PRIMARY KEY CHECK (digest ~ '^[0-9a-f]{64}$'),
    since  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX blob_stray_object_since_idx ON blob_stray_object (since);
