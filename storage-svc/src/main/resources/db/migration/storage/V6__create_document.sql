-- Per-app JSON documents (env.DB). body holds the whole document, _id included; id repeats it as a column so the
-- primary key serves gets, keyset pages and the app/collection scan of every query.
CREATE TABLE document (
    app_id     text COLLATE "C" NOT NULL,
    collection text COLLATE "C" NOT NULL,
    id         text COLLATE "C" NOT NULL,
    body       jsonb            NOT NULL CHECK (jsonb_typeof(body) = 'object'),
    created_at timestamptz      NOT NULL DEFAULT now(),
    updated_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, collection, id)
);

-- Equality, $in and array $contains on scalars are translated to body @> '{...}', which this index answers.
CREATE INDEX document_body_idx ON document USING gin (body jsonb_path_ops);
