-- Action A as the alliance runs it: enrolment (employers, self-declaration, exception), voucher
-- grants, the budget per funding line, the programme's settings, booking requests pending the
-- coordinator's approval and the record of each trip's outcome (delivered, no-show, cancelled).
-- Dates are 'YYYY-MM-DD' text, money integer euro cents.
CREATE TABLE programme_enrolments (
  household_id text PRIMARY KEY,
  employer_ids jsonb NOT NULL DEFAULT '[]',
  not_otherwise_supported boolean NOT NULL DEFAULT false,
  declared_on text,
  co_payment_band text,
  exception_reason text,
  exception_by text,
  exception_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE voucher_grants (
  id text PRIMARY KEY,
  household_id text NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  valid_from text NOT NULL,
  valid_to text NOT NULL,
  funding_line text NOT NULL,
  ambito text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voucher_grants_household ON voucher_grants (household_id, valid_from);

CREATE TABLE programme_budget (
  funding_line text PRIMARY KEY,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  period_from text NOT NULL,
  period_to text NOT NULL,
  note text NOT NULL DEFAULT ''
);

CREATE TABLE programme_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

CREATE TABLE booking_requests (
  id text PRIMARY KEY,
  household_id text NOT NULL,
  passenger_id text NOT NULL,
  service_id text NOT NULL,
  body jsonb NOT NULL,
  status text NOT NULL,
  reason text,
  estimate_cents bigint NOT NULL DEFAULT 0,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  request_id text,
  plan_version int
);
CREATE INDEX booking_requests_status ON booking_requests (status, created_at);

CREATE TABLE trip_outcomes (
  date text NOT NULL,
  request_id text NOT NULL,
  direction text NOT NULL,
  status text NOT NULL,
  passenger_id text NOT NULL,
  household_id text NOT NULL,
  istat_code text,
  category text NOT NULL,
  vehicle_id text,
  provider_id text,
  km_m int NOT NULL DEFAULT 0,
  vehicle_s int NOT NULL DEFAULT 0,
  cost_cents int NOT NULL DEFAULT 0,
  co_payment_cents int NOT NULL DEFAULT 0,
  grant_id text,
  funding_line text,
  conciliation_min int NOT NULL DEFAULT 0,
  source text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (date, request_id, direction)
);
CREATE INDEX trip_outcomes_household ON trip_outcomes (household_id, date);
