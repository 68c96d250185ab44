-- Whether a version has server code (api/main.js): the gateway sends its /api/ requests to runtime-svc.
ALTER TABLE app_version ADD COLUMN api boolean NOT NULL DEFAULT false;

-- Env vars and secrets per app. Every value is encrypted (AES-256-GCM, a key derived from FAZT_MASTER_KEY with
-- HKDF-SHA256): nonce and ciphertext (tag appended) are stored, never the plaintext. key_version names the derived
-- key that sealed the value, so the master key can be rotated value by value. secret only decides whether listings
-- mask the value. Deleting an app deletes its vars in the same transaction.
CREATE TABLE app_env (
    app_id      text        NOT NULL REFERENCES app (app_id),
    name        text        NOT NULL,
    secret      boolean     NOT NULL,
    key_version integer     NOT NULL,
    nonce       bytea       NOT NULL,
    ciphertext  bytea       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, name)
);
