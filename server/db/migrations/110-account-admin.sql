-- Accounts managed from the app: a coordinator can disable an account (it cannot log in, its
-- sessions end) and enable it again. NULL means enabled; the time says since when it is off.
-- The lower(username) index serves the case-insensitive "is this name taken?" check made when
-- an account is created (not a UNIQUE index: an existing installation may hold such pairs).

ALTER TABLE accounts ADD COLUMN disabled_at timestamptz;
CREATE INDEX accounts_role ON accounts(role, username);
CREATE INDEX accounts_username_lower ON accounts(lower(username));
