-- Addresses each account logged in from ('<lower username>', '<client address>'): an account slowed down by failures
-- from everywhere still logs in at once from these (docs/adr/0020-password-hashing-under-attack.md).
CREATE TABLE login_known_address (
    account          text        NOT NULL,
    address          text        NOT NULL,
    last_success_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, address)
);
