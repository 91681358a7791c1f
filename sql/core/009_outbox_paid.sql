-- A bulk row asking a paid broadcast (fb_send_bulk with FB_BULK_PAID): sent
-- with allow_paid_broadcast while the host's paid_broadcast_rate is above 0,
-- also after a restart (docs/ARCHITECTURE.md, limits).
ALTER TABLE fb_outbox ADD COLUMN paid BOOLEAN NOT NULL DEFAULT false;
