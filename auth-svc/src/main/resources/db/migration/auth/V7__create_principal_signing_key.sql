-- The Ed25519 keys auth-svc signs principal assertions with (docs/adr/0032-signed-principals.md). The private key is
-- PKCS#8 sealed under the master key (AES-256-GCM, HKDF info fazt/auth/principal-key/v1, the key id as associated
-- data); the public key is X.509 DER in base64, as published on svc.auth.principal-keys.get. One key is current
-- (retired_at NULL); a retired key is still published until every assertion it signed has expired.
CREATE TABLE principal_signing_key (
    key_id          text        PRIMARY KEY,
    public_key      text        NOT NULL,
    key_version     integer     NOT NULL,
    key_nonce       bytea       NOT NULL,
    key_sealed      bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    retired_at      timestamptz
);
CREATE UNIQUE INDEX principal_signing_key_one_current ON principal_signing_key ((true)) WHERE retired_at IS NULL;
