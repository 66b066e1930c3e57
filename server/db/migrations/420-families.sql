-- Families' self-service (issue 11): the revocable token of each household's calendar feed (only
-- its SHA-256 is stored; revoking deletes the row) and the flags a family's schedule change raises
-- for the coordinator when it breaks a promised window.
CREATE TABLE IF NOT EXISTS family_calendar_feeds (
  household_id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS coordinator_flags (
  id BIGSERIAL PRIMARY KEY,
  household_id TEXT NOT NULL,
  request_id TEXT,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  resolved_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS coordinator_flags_open ON coordinator_flags (created_at) WHERE resolved_at IS NULL;
