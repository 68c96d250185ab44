-- Runs of an app's email handler (svc.scheduler.email.enqueue from mail-svc). dedupe_key makes a request idempotent:
-- 'email:<messageId>' for such runs, null for every other run (a replay of an email run too, so it runs again).
-- NULLs are distinct, so only keyed runs are unique per app; mail-svc's repeated asks meet ON CONFLICT.
ALTER TABLE run DROP CONSTRAINT run_trigger_check;
ALTER TABLE run ADD CONSTRAINT run_trigger_check CHECK (trigger IN ('cron', 'interval', 'async', 'webhook', 'email'));
ALTER TABLE run ADD COLUMN dedupe_key text;
ALTER TABLE run ADD CONSTRAINT run_app_dedupe UNIQUE (app_id, dedupe_key);
