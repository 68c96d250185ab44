-- Per-app files (env.FILES): a path pointing at a content-addressed blob. Blob garbage collection treats a row
-- here as a reference, exactly like a vfs_file row.
CREATE TABLE app_file (
    app_id       text COLLATE "C" NOT NULL,
    path         text COLLATE "C" NOT NULL,
    digest       text             NOT NULL,
    size         bigint           NOT NULL CHECK (size >= 0),
    content_type text             NOT NULL,
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, path)
);

CREATE INDEX app_file_digest_idx ON app_file (digest);
