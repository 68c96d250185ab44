-- The credential that minted each token ('bootstrap', or the id of the token or session it was made with). Tokens
-- without a user are owned by it: a token minted with the bootstrap token sees and revokes only what it minted,
-- never the operator's other tokens.
ALTER TABLE api_token ADD COLUMN minted_by text;
UPDATE api_token SET minted_by = 'bootstrap' WHERE user_id IS NULL;
CREATE INDEX api_token_minted_by_idx ON api_token (minted_by) WHERE user_id IS NULL;
