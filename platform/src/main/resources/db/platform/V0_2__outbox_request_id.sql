-- The id of the request whose transaction wrote the event (null for work not started by a request): the
-- relay sends it as the CloudEvents extension attribute requestid, and consumers log with it.
ALTER TABLE outbox_event ADD COLUMN request_id TEXT;
