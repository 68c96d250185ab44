-- Outbound mail (ADR 30): every message sent by an app, an admin, a forward or a bounce is one row here, stored with
-- its raw bytes (as signed and sent) before the sender gets its id and before the work queue hears of it.
-- status: queued (waiting for its first attempt or for a relay), sending (an attempt is under way), retrying
-- (a 4xx or a connection error; next_attempt_at says when), sent, failed (a 5xx, or retries ran out).
CREATE TABLE outbound (
    id              text        PRIMARY KEY,
    app_id          text,
    kind            text        NOT NULL CHECK (kind IN ('send', 'forward', 'bounce')),
    message_id      text        NOT NULL,
    envelope_from   text        NOT NULL,
    from_address    text        NOT NULL,
    recipients      text[]      NOT NULL,
    subject         text,
    raw             bytea       NOT NULL,
    size            bigint      NOT NULL,
    status          text        NOT NULL CHECK (status IN ('queued', 'sending', 'retrying', 'sent', 'failed')),
    attempts        int         NOT NULL DEFAULT 0,
    answer          text,
    queued_at       timestamptz NOT NULL,
    next_attempt_at timestamptz,
    finished_at     timestamptz
);

CREATE INDEX outbound_newest ON outbound (queued_at DESC, id DESC);
CREATE INDEX outbound_app_newest ON outbound (app_id, queued_at DESC, id DESC);

-- Each attempt at the relay: its outcome (accepted, temporary, permanent), the relay's answer, and the recipients the
-- relay refused while it took the message for the others ("<address> <answer>" each).
CREATE TABLE outbound_attempt (
    outbound_id text        NOT NULL REFERENCES outbound (id) ON DELETE CASCADE,
    n           int         NOT NULL,
    at          timestamptz NOT NULL,
    outcome     text        NOT NULL CHECK (outcome IN ('accepted', 'temporary', 'permanent')),
    answer      text,
    refused     text[]      NOT NULL DEFAULT '{}',
    instance    text,
    PRIMARY KEY (outbound_id, n)
);

-- The one relay outbound mail goes through (id is always 1). The password is sealed with the master key
-- (MasterKeyCipher, associated data "relay"), never stored or shown in the clear.
CREATE TABLE relay (
    id                   int         PRIMARY KEY CHECK (id = 1),
    host                 text        NOT NULL,
    port                 int         NOT NULL,
    tls                  text        NOT NULL CHECK (tls IN ('starttls', 'tls', 'none')),
    username             text,
    password_key_version int,
    password_nonce       bytea,
    password_ciphertext  bytea,
    updated_at           timestamptz NOT NULL
);

-- A DKIM key per sending domain, generated on first use (RSA 2048): the private key (PKCS#8) sealed with the master
-- key (associated data "dkim:<domain>"), the public key (X.509 SubjectPublicKeyInfo) in the clear for the DNS record.
CREATE TABLE dkim_key (
    domain             text        PRIMARY KEY,
    selector           text        NOT NULL,
    key_version        int         NOT NULL,
    private_nonce      bytea       NOT NULL,
    private_ciphertext bytea       NOT NULL,
    public_key         bytea       NOT NULL,
    created_at         timestamptz NOT NULL
);

-- Per-app send limit: messages queued by an app in one clock hour, counted here so every mail-svc instance counts
-- against one number (an upsert that refuses to pass the limit).
CREATE TABLE send_window (
    app_id       text        NOT NULL,
    window_start timestamptz NOT NULL,
    sent         int         NOT NULL,
    PRIMARY KEY (app_id, window_start)
);
