-- The embedded job queue's jobs (REDIS_URL unset): kept in the database the app already has, so
-- waiting and running solves and the states and results of finished ones survive a restart.
-- One row per job; `queue` lets several queues (and tests) share a database. A row left
-- 'active' by a process that died is put back (or failed for good) when the queue starts again.

CREATE TABLE queue_jobs (
  queue text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  data jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('waiting', 'active', 'completed', 'failed', 'cancelled')),
  -- The last progress written (writes are throttled: it may lag the live progress a little).
  progress jsonb,
  result jsonb,
  error text,
  -- Runs started, the interrupted ones included.
  attempts_made int NOT NULL DEFAULT 0 CHECK (attempts_made >= 0),
  -- Cancelled while running: a restart must not run it again.
  cancel_requested boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  -- Waiting jobs run in this order.
  queued_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (queue, id),
  CHECK ((finished_at IS NOT NULL) = (state IN ('completed', 'failed', 'cancelled')))
);
