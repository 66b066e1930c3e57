-- Matrix cache of the routing module (server/routing/matrix-cache.ts): one row per ordered pair
-- of places, keyed by the OSRM data set and the places' coordinates rounded to 5 decimals
-- ("lon,lat"). Raw OSRM car times: the minibus and rush-hour factors are applied on reading.
CREATE TABLE IF NOT EXISTS routing_matrix_cell (
  dataset text NOT NULL,
  from_key text NOT NULL,
  to_key text NOT NULL,
  duration_s double precision NOT NULL CHECK (duration_s >= 0),
  distance_m double precision NOT NULL CHECK (distance_m >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset, from_key, to_key)
);
