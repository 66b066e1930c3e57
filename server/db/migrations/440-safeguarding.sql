-- Safeguarding (issue 12): who may hand a passenger over or receive them, what happened at each
-- handover, the nobody-home procedure, the settings (retention, wait, safe places), escorts.
-- Special-category personal data: read only through server/safeguarding/ (scoped, audited).

CREATE TABLE authorised_persons (
  id text PRIMARY KEY,
  passenger_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('delegate', 'household_adult', 'service_staff')),
  name text NOT NULL,
  relationship text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  id_doc_type text,
  id_doc_last_digits text,
  valid_from date,
  valid_to date,
  photo_ref text,
  staff_role text,
  points jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX authorised_persons_passenger ON authorised_persons(passenger_id);

-- Per passenger: travels "never alone" (a handover at every stop), a handover code demanded.
CREATE TABLE safeguarding_profiles (
  passenger_id text PRIMARY KEY,
  never_alone boolean NOT NULL DEFAULT false,
  code_required boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL
);

-- Every handover attempt: accepted (tap or code) or refused (wrong code, person not offered).
CREATE TABLE handovers (
  client_event_id text PRIMARY KEY,
  run_date date NOT NULL,
  stop_id text NOT NULL,
  passenger_id text NOT NULL,
  driver_id text NOT NULL,
  point text NOT NULL,
  person_id text NOT NULL,
  person_name text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('accepted', 'refused')),
  confirmed_by text NOT NULL CHECK (confirmed_by IN ('tap', 'code')),
  refusal text,
  at timestamptz NOT NULL,
  lat double precision,
  lon double precision,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX handovers_date ON handovers(run_date);
CREATE INDEX handovers_passenger ON handovers(passenger_id);

-- Nobody to receive: one case per stop and passenger, its steps in order.
CREATE TABLE nobody_home_cases (
  id text PRIMARY KEY,
  run_date date NOT NULL,
  stop_id text NOT NULL,
  passenger_id text NOT NULL,
  driver_id text NOT NULL,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz,
  outcome text CHECK (outcome IN ('received', 'safe_place')),
  safe_place text,
  received_by text
);
CREATE INDEX nobody_home_cases_date ON nobody_home_cases(run_date);

CREATE TABLE nobody_home_steps (
  client_event_id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES nobody_home_cases(id) ON DELETE CASCADE,
  step text NOT NULL,
  detail text NOT NULL DEFAULT '',
  at timestamptz NOT NULL,
  actor text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX nobody_home_steps_case ON nobody_home_steps(case_id);

CREATE TABLE safeguarding_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Escorts (accompagnatori): staff with weekly shifts and qualifications.
CREATE TABLE escorts (
  id text PRIMARY KEY,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
