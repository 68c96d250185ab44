-- Bytes of blobs and of uploads in progress, stored as the writer sent them (at most 512 KiB per row).
-- blob_key is a blob's digest, or 'upload:<id>' while the upload is open; promoting an upload re-keys its rows.
CREATE TABLE blob_chunk (
    blob_key     text   NOT NULL,
    chunk_offset bigint NOT NULL CHECK (chunk_offset >= 0),
    data         bytea  NOT NULL,
    PRIMARY KEY (blob_key, chunk_offset)
);
