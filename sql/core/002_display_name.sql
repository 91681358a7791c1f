-- ABI 1.2: a display name a plugin may set (fb_user_set_name), e.g. the
-- full name given at registration; fb_user_name() prefers it to Telegram's
-- first + last name.
ALTER TABLE fb_users ADD COLUMN display_name TEXT;
