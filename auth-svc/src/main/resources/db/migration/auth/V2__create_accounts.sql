-- Accounts of the people who run fazt, their dashboard sessions and API tokens, login throttling and settings.
-- Secrets (session cookies, token secrets, the setup link) are kept only as SHA-256 hashes; passwords as argon2id.
CREATE TABLE app_user (
    id             text        PRIMARY KEY,
    username       text        NOT NULL,
    email          text,
    password_hash  text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('admin', 'developer')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    disabled_at    timestamptz
);
CREATE UNIQUE INDEX app_user_username_idx ON app_user (lower(username));

CREATE TABLE session (
    id            text        PRIMARY KEY,
    user_id       text        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    secret_hash   bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    client_ip     text
);
CREATE INDEX session_user_idx ON session (user_id);

-- user_id is null for tokens created by the bootstrap admin (who has no account).
CREATE TABLE api_token (
    id            text        PRIMARY KEY,
    user_id       text        REFERENCES app_user (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    scopes        text[]      NOT NULL,
    secret_hash   bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

-- Failed logins per key ('ip:<address>' or 'user:<lower username>'), shared by every auth instance.
CREATE TABLE login_throttle (
    key               text        PRIMARY KEY,
    failures          integer     NOT NULL,
    window_started_at timestamptz NOT NULL,
    locked_until      timestamptz
);

CREATE TABLE setting (
    key    text PRIMARY KEY,
    value  text NOT NULL
);

-- The one-time first-run setup link while no admin exists (one row at most).
CREATE TABLE setup_secret (
    id           smallint    PRIMARY KEY CHECK (id = 1),
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
