-- The boards' "overdue" and "due soon" filters by district and by organisation: only requests whose
-- deadline clock runs (tens of thousands in a city, never the millions closed), with what the
-- board counts and sorts by, so that counting and choosing a page read the index alone.
CREATE INDEX request_running_district_idx ON request (district_id, due_at)
    INCLUDE (id, status, city_id, organisation_id, category_id, created_at, warn_at)
    WHERE due_at IS NOT NULL AND paused_at IS NULL AND stage <> 'CONFIRM';
CREATE INDEX request_running_org_idx ON request (organisation_id, due_at)
    INCLUDE (id, status, city_id, district_id, category_id, created_at, warn_at)
    WHERE due_at IS NOT NULL AND paused_at IS NULL AND stage <> 'CONFIRM';
