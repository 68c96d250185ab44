-- Login for the people using hosted apps: each app's OAuth/OIDC providers and its allow-list. Apps are named as
-- deploy-svc names them (no foreign key across services). Client secrets are AES-256-GCM sealed with a key derived
-- from FAZT_MASTER_KEY, bound to (app, provider).
CREATE TABLE app_provider (
    app            text        NOT NULL,
    provider       text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('google', 'github', 'oidc')),
    client_id      text        NOT NULL,
    client_secret  bytea       NOT NULL,
    discovery_url  text,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app, provider)
);

CREATE TABLE app_access (
    app      text   PRIMARY KEY,
    emails   text[] NOT NULL,
    domains  text[] NOT NULL
);
