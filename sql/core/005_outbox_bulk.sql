-- Bulk sends (broadcasts) leave after every interactive reply; a row keeps
-- its class so a restart queues it in the same place (docs/ARCHITECTURE.md).
ALTER TABLE fb_outbox ADD COLUMN bulk BOOLEAN NOT NULL DEFAULT false;
