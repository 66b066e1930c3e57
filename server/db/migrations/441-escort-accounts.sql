-- Escort accounts (issue 12): an escort logs in to see the runs they ride and the passengers they
-- look after. The role list gains 'escort'; the account links to its escort (escorts.id).
ALTER TABLE accounts ADD COLUMN escort_id text;
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('coordinator', 'driver', 'family', 'escort'));
ALTER TABLE accounts ADD CONSTRAINT accounts_escort_link CHECK (role <> 'escort' OR escort_id IS NOT NULL);
