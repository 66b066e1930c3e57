-- One pending state: a catalogue booking waiting for approval is a booking request (kind
-- 'catalogue', its standing request in the body), no longer a standing request with status
-- 'pending'. Moves any stored pending standing request into booking_requests, unpriced (the
-- coordinator's approval re-checks eligibility and funds at the accredited providers' tariff).
INSERT INTO booking_requests (id, household_id, passenger_id, service_id, body, status, estimate_cents, created_by, created_at)
SELECT 'br-m540-' || r.id,
       COALESCE(p.data->>'householdId', ''),
       r.data->>'passengerId',
       r.data->>'serviceId',
       jsonb_build_object(
         'kind', 'catalogue',
         'request', r.data - 'status',
         'lines', '[]'::jsonb,
         'passengerName', COALESCE(p.data->>'name', r.data->>'passengerId'),
         'serviceName', COALESCE(s.data->>'name', r.data->>'serviceId')
       ),
       'pending', 0, 'migration-540', now()
FROM entities r
LEFT JOIN entities p ON p.kind = 'passenger' AND p.id = r.data->>'passengerId'
LEFT JOIN entities s ON s.kind = 'service' AND s.id = r.data->>'serviceId'
WHERE r.kind = 'request' AND r.data->>'status' = 'pending';

DELETE FROM entities WHERE kind = 'request' AND data->>'status' = 'pending';
