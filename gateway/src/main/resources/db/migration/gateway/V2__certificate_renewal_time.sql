-- When each certificate is renewed and why (ADR 28, amendment): inside the CA's suggested window when it offers
-- renewal information (ARI, RFC 9773: 'ari'), else at FAZT_ACME_RENEW_AT_PERCENT of the lifetime ('lifetime').
-- ari_checked_at: the last time the CA was asked (ARI or not), so it is asked a few times a day, not every pass.
ALTER TABLE certificate
    ADD COLUMN renew_after     timestamptz,
    ADD COLUMN renew_source    text CHECK (renew_source IN ('ari', 'lifetime')),
    ADD COLUMN ari_checked_at  timestamptz;
