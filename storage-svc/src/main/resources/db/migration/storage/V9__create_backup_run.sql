-- Backups and restores of the whole installation (ADR 39), coordinated by storage-svc. A row is the record of one
-- archive's making (or one restore): its status goes running -> verifying -> done, or failed with the reason; the
-- archive itself lives in the backup target (a directory or an S3 prefix). These rows describe the installation's
-- archives, not its data, so they are not in the archives themselves.
CREATE TABLE backup_run (
    name        text        PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9.-]{0,120}$'),
    kind        text        NOT NULL CHECK (kind IN ('backup', 'restore')),
    status      text        NOT NULL CHECK (status IN ('running', 'verifying', 'done', 'failed')),
    target      text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    bytes       bigint      NOT NULL DEFAULT 0,
    parts_done  int         NOT NULL DEFAULT 0,
    parts_total int         NOT NULL DEFAULT 0,
    error       text,
    manifest    jsonb
);

CREATE INDEX backup_run_started_idx ON backup_run (started_at DESC);
