-- Custom domains mapped to apps (docs/adr/0027-custom-domains.md). domain is the lower-case ASCII form,
-- '*.example.com' for a wildcard; one app per domain (the primary key), and a deleted app's rows are removed with it.
-- token is what http://<domain>/.well-known/fazt/<token> must answer; state is pending, verified or failed;
-- failures counts failed checks in a row; next_check_at is when a check is due (claimed by pushing it ahead).
CREATE TABLE app_domain (
    domain        text        PRIMARY KEY,
    app_id        text        NOT NULL REFERENCES app (app_id),
    token         text        NOT NULL,
    state         text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'verified', 'failed')),
    reason        text,
    failures      integer     NOT NULL DEFAULT 0,
    verified_at   timestamptz,
    checked_at    timestamptz,
    next_check_at timestamptz NOT NULL DEFAULT now(),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_domain_app ON app_domain (app_id);
CREATE INDEX app_domain_due ON app_domain (next_check_at);
