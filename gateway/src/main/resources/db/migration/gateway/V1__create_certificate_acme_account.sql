-- The gateway's certificates (ADR 28): one row per name it serves over TLS, ordered from the CA ('acme') or uploaded
-- ('uploaded'). The private key is sealed under the master key (MasterKeyCipher, associated data: the name).
-- A row exists from the first order on, so the state of a name that has no certificate yet is visible too.
CREATE TABLE certificate (
    name          text PRIMARY KEY,
    source        text NOT NULL CHECK (source IN ('acme', 'uploaded')),
    state         text NOT NULL CHECK (state IN ('ordering', 'issued', 'failed')),
    chain_pem     text,
    key_version   integer,
    key_nonce     bytea,
    key_sealed    bytea,
    not_before    timestamptz,
    not_after     timestamptz,
    issuer        text,
    last_error    text,
    attempts      integer NOT NULL DEFAULT 0,
    next_attempt  timestamptz,
    -- the gateway instance ordering for this name and until when its claim holds (several gateways: one orders)
    lease_holder  text,
    lease_until   timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX certificate_renewal ON certificate (not_after) WHERE source = 'acme';

-- The ACME account per CA directory; its key sealed under the master key (associated data: the directory URL).
CREATE TABLE acme_account (
    directory    text PRIMARY KEY,
    location     text NOT NULL,
    key_version  integer NOT NULL,
    key_nonce    bytea NOT NULL,
    key_sealed   bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
