-- The run policy and alias of every app with a live version, as deploy-svc last told (svc.deploy.triggers.get).
CREATE TABLE app_policy (
    app_id      text        PRIMARY KEY,
    app_name    text        NOT NULL,
    attempts    int         NOT NULL,
    backoff_ms  bigint      NOT NULL,
    concurrency int         NOT NULL,
    timeout_ms  int         NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per schedule of a live version. Instances claim due rows with FOR UPDATE SKIP LOCKED and advance
-- next_fire in the same transaction that records the run: each tick fires once (ADR 0011).
CREATE TABLE schedule (
    app_id      text        NOT NULL,
    name        text        NOT NULL,
    cron        text,
    tz          text,
    every_ms    bigint,
    catchup     text        NOT NULL CHECK (catchup IN ('once', 'skip')),
    next_fire   timestamptz NOT NULL,
    last_fire   timestamptz,
    last_run_id text,
    PRIMARY KEY (app_id, name),
    CHECK ((cron IS NULL) <> (every_ms IS NULL))
);
CREATE INDEX schedule_due ON schedule (next_fire);

-- A run: what triggered it, the request the handler gets (url is the path and query; payload capped at 256 KiB),
-- and where it stands. app_name is the alias when the run was recorded (runs reach the live version by alias).
CREATE TABLE run (
    run_id          text        PRIMARY KEY,
    app_id          text        NOT NULL,
    app_name        text        NOT NULL,
    trigger         text        NOT NULL CHECK (trigger IN ('cron', 'interval', 'async', 'webhook')),
    source          text,
    status          text        NOT NULL CHECK (status IN ('queued', 'running', 'retrying', 'succeeded', 'failed', 'refused')),
    method          text        NOT NULL,
    url             text        NOT NULL,
    headers         jsonb       NOT NULL,
    body            bytea,
    scheduled_for   timestamptz,
    replay_of       text,
    max_attempts    int         NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    lost            int         NOT NULL DEFAULT 0,
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    enqueued_at     timestamptz,
    next_attempt_at timestamptz,
    finished_at     timestamptz,
    CHECK (octet_length(body) <= 262144)
);
CREATE INDEX run_app_created ON run (app_id, created_at DESC, run_id DESC);
CREATE INDEX run_not_enqueued ON run (created_at) WHERE enqueued_at IS NULL AND status = 'queued';
CREATE INDEX run_finished ON run (finished_at) WHERE finished_at IS NOT NULL;

-- Each attempt of a run. counted = false for attempts lost to the platform (no runtime, a runtime or scheduler that
-- died): those do not use up the app's retry budget.
CREATE TABLE attempt (
    run_id      text        NOT NULL REFERENCES run ON DELETE CASCADE,
    n           int         NOT NULL,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    status      text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'lost')),
    http_status int,
    error       text,
    log         text,
    instance    text,
    counted     boolean     NOT NULL DEFAULT true,
    PRIMARY KEY (run_id, n)
);

-- Webhook endpoints: an unguessable id per app and name; the HMAC secret sealed with the master key.
CREATE TABLE hook (
    hook_id        text        PRIMARY KEY,
    app_id         text        NOT NULL,
    name           text        NOT NULL,
    signature      text        NOT NULL CHECK (signature IN ('none', 'github', 'stripe')),
    secret_version int,
    secret_nonce   bytea,
    secret         bytea,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (app_id, name)
);
