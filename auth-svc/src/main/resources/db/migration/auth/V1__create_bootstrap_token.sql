-- The admin token generated on first start when FAZT_ADMIN_TOKEN is not set. Only its SHA-256 is kept: the token
-- itself is logged once and then exists only where the operator saved it.
CREATE TABLE bootstrap_token (
    id          smallint    PRIMARY KEY CHECK (id = 1),
    token_hash  bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
