-- The login flow for the people using hosted apps. These are app end users: a table apart from app_user (the people
-- who run fazt), never admins. Users and sessions belong to one app by its deploy-svc id (stable across renames).
--
-- app_login_attempt: a login in progress (state, nonce, PKCE verifier), server-side and single-use: the callback
-- deletes it. Keyed by the SHA-256 of the state; browser_hash is the SHA-256 of the fazt_app_login cookie that binds
-- the attempt to the browser that started it.
CREATE TABLE app_login_attempt (
    state_hash     bytea       PRIMARY KEY,
    browser_hash   bytea       NOT NULL,
    app_id         text        NOT NULL,
    app            text        NOT NULL,
    provider       text        NOT NULL,
    nonce          text        NOT NULL,
    code_verifier  text        NOT NULL,
    redirect       text        NOT NULL,
    expires_at     timestamptz NOT NULL
);
CREATE INDEX app_login_attempt_expiry_idx ON app_login_attempt (expires_at);

CREATE TABLE app_end_user (
    id             text        PRIMARY KEY,
    app_id         text        NOT NULL,
    provider       text        NOT NULL,
    subject        text        NOT NULL,
    email          text,
    name           text,
    picture        text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (app_id, provider, subject)
);

-- Only the SHA-256 of a session secret is stored.
CREATE TABLE app_end_user_session (
    id           text        PRIMARY KEY,
    user_id      text        NOT NULL REFERENCES app_end_user (id) ON DELETE CASCADE,
    app_id       text        NOT NULL,
    secret_hash  bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz
);
CREATE INDEX app_end_user_session_user_idx ON app_end_user_session (user_id);
