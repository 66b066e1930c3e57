-- Server core: accounts, sessions, audit log, the domain entities, driver stop events.

CREATE TABLE accounts (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('coordinator', 'driver', 'family')),
  driver_id text,
  household_id text,
  display_name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'driver' OR driver_id IS NOT NULL),
  CHECK (role <> 'family' OR household_id IS NOT NULL)
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text,
  actor_username text NOT NULL,
  actor_role text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at DESC);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- One table per domain kind would repeat the same shape six times: the entity lives in `data`
-- (validated by the zod contract), the columns beside it exist only to filter and join.
CREATE TABLE entities (
  kind text NOT NULL CHECK (kind IN ('service', 'household', 'passenger', 'request', 'vehicle', 'driver')),
  id text NOT NULL,
  data jsonb NOT NULL,
  istat_code text,
  household_id text,
  passenger_id text,
  service_id text,
  search text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id)
);
CREATE INDEX entities_istat ON entities(kind, istat_code);
CREATE INDEX entities_household ON entities(kind, household_id);
CREATE INDEX entities_passenger ON entities(kind, passenger_id);
CREATE INDEX entities_service ON entities(kind, service_id);

CREATE TABLE stop_events (
  client_event_id text PRIMARY KEY,
  driver_id text NOT NULL,
  stop_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('arrived', 'boarded', 'dropped_off', 'no_show')),
  at timestamptz NOT NULL,
  passenger_id text,
  plan_id text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stop_events_stop ON stop_events(stop_id);
