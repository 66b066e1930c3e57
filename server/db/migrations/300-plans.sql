-- Plans and jobs: one plan per ISO week; every change (a solve, an edit, a publication, an
-- absence) appends a new immutable version, so a published version is never overwritten and
-- a write that dies half-way leaves nothing behind (each append is one transaction).

CREATE TABLE plans (
  id text PRIMARY KEY,
  week text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_versions (
  plan_id text NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  version int NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  -- solve | reoptimize | move | lock | publish | absence
  reason text NOT NULL,
  -- The job that wrote this version: a retried job finds its own earlier write here.
  job_id text UNIQUE,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  body jsonb NOT NULL,
  PRIMARY KEY (plan_id, version)
);
CREATE INDEX plan_versions_published ON plan_versions (plan_id, version DESC) WHERE status = 'published';

-- Versions are append-only: an UPDATE is always a bug, so the database refuses it.
CREATE FUNCTION plan_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'plan_versions are immutable: append a new version instead';
END;
$$;
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION plan_versions_immutable();
