-- A schema shaped like the services' ones, with what a backup must carry unchanged: identity and serial keys,
-- a child whose name sorts before its parent, a self-reference, a generated column, bytea, arrays, jsonb, nulls.
CREATE TABLE z_app (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    meta jsonb,
    name_length int GENERATED ALWAYS AS (length(name)) STORED,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE a_version (
    app_id bigint NOT NULL REFERENCES z_app (id),
    n int NOT NULL,
    bundle bytea,
    tags text[],
    PRIMARY KEY (app_id, n)
);
CREATE TABLE node (
    id serial PRIMARY KEY,
    parent int REFERENCES node (id),
    label text
);
