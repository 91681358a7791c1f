-- Room on each page of fb_outbox for the new versions of its rows: a
-- row's attempt mark (attempts + 1) then stays on its page and touches no
-- index (a HOT update), which the senders do once per message.
ALTER TABLE fb_outbox SET (fillfactor = 70);
