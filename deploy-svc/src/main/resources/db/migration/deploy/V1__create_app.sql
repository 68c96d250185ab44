-- Apps and their versions. app_id is stable and never reused (a deleted app keeps its row as a tombstone);
-- the subdomain alias (name) is unique among live apps and may be renamed. live_version is the one atomic switch:
-- a version's files are committed to storage before it can become live.
CREATE TABLE app (
    app_id       text        PRIMARY KEY,
    name         text        NOT NULL,
    live_version integer,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz
);
CREATE UNIQUE INDEX app_name_live ON app (name) WHERE deleted_at IS NULL;

CREATE TABLE app_version (
    app_id     text        NOT NULL REFERENCES app (app_id),
    version    integer     NOT NULL,
    namespace  text        NOT NULL UNIQUE,
    manifest   jsonb       NOT NULL,
    files      integer     NOT NULL,
    bytes      bigint      NOT NULL,
    source     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, version)
);

-- What happened to each app, newest last: deployed, rolled back, cloned, renamed, deleted.
CREATE TABLE deploy_event (
    id       bigserial   PRIMARY KEY,
    app_id   text        NOT NULL,
    kind     text        NOT NULL,
    version  integer,
    detail   text,
    at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deploy_event_app ON deploy_event (app_id, id);
