-- A received message, stored once however many mailboxes it reached (ADR 30): the bytes as they arrived (up to the
-- size limit), every header in order (jsonb array of {name, value}), the decoded bodies, and how it authenticated.
CREATE TABLE message (
    message_id        text        PRIMARY KEY,
    mail_from         text        NOT NULL,
    helo              text,
    client_ip         text,
    header_from       text,
    subject           text,
    message_id_header text,
    headers           jsonb       NOT NULL,
    text_body         text,
    html_body         text,
    raw               bytea       NOT NULL,
    raw_size          bigint      NOT NULL,
    spf               text        NOT NULL,
    dkim              text        NOT NULL,
    dkim_domain       text,
    dmarc             text        NOT NULL,
    dmarc_policy      text,
    spam              boolean     NOT NULL DEFAULT false,
    received_at       timestamptz NOT NULL DEFAULT now()
);

-- Attachments of a message, decoded, in MIME order (idx is the part of a PartRequest).
CREATE TABLE attachment (
    message_id   text   NOT NULL REFERENCES message ON DELETE CASCADE,
    idx          int    NOT NULL,
    filename     text,
    content_type text   NOT NULL,
    content_id   text,
    size         bigint NOT NULL,
    data         bytea  NOT NULL,
    PRIMARY KEY (message_id, idx)
);

-- A message in one mailbox (app:<appId> or user:<userId>): what the inbox lists and what an app reads, by its own
-- id. status: stored, delivered (the scheduler accepted a run of the app's email handler), failed, rejected (the
-- handler called setReject; reason says why). pending: an app with server code still waits for its run to be
-- queued; the delivery loop asks the scheduler until it accepts.
CREATE TABLE inbox (
    entry_id        text        PRIMARY KEY,
    message_id      text        NOT NULL REFERENCES message ON DELETE CASCADE,
    mailbox         text        NOT NULL,
    app_id          text,
    app_name        text,
    recipient       text        NOT NULL,
    read            boolean     NOT NULL DEFAULT false,
    status          text        NOT NULL DEFAULT 'stored'
                                CHECK (status IN ('stored', 'delivered', 'failed', 'rejected')),
    reason          text,
    pending         boolean     NOT NULL DEFAULT false,
    run_id          text,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    received_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (message_id, mailbox)
);
CREATE INDEX inbox_mailbox ON inbox (mailbox, received_at DESC, entry_id DESC);
CREATE INDEX inbox_pending ON inbox (next_attempt_at) WHERE pending;
CREATE INDEX inbox_message ON inbox (message_id);

-- Addresses claimed through the admin API: an exact address or a domain's catch-all (*@domain), for a mailbox.
CREATE TABLE address (
    address    text        PRIMARY KEY,
    mailbox    text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('claimed', 'catch-all')),
    created_at timestamptz NOT NULL DEFAULT now()
);
