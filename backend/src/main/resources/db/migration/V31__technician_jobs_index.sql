-- A technician's first pull lists their current jobs by id; request_technician_idx holds every job
-- they ever had (thousands after a few years), this one only the current ones.
CREATE INDEX request_technician_jobs_idx ON request (technician_id, id) WHERE status IN ('ASSIGNED', 'IN_PROGRESS', 'DONE');
