-- Immutable namespaces of files. A namespace row exists for every committed namespace, even an empty one,
-- so that committing the same name twice conflicts on its primary key.
CREATE TABLE namespace (
    name       text        PRIMARY KEY,
    files      integer     NOT NULL,
    bytes      bigint      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Paths sort byte-wise ("C") so that pagination by path is the same on every server locale.
CREATE TABLE vfs_file (
    namespace  text COLLATE "C" NOT NULL,
    path       text COLLATE "C" NOT NULL,
    digest     text             NOT NULL,
    size       bigint           NOT NULL CHECK (size >= 0),
    created_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (namespace, path)
);

-- Garbage collection asks "does any file still reference this blob?".
CREATE INDEX vfs_file_digest_idx ON vfs_file (digest);
