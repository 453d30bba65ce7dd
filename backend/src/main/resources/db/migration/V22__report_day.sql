-- Daily rollup of the report facts for the common reports (issue 9 point 6): per city, filing
-- day, organisation, district and category, the sums every request measure and the stage on-time
-- shares are made of. On 2.5 million requests a year of facts (~500,000 rows) becomes ~40,000
-- rollup rows; reports grouped and filtered only by these dimensions and periods read it instead
-- of the facts. What depends on the time of the report (a deadline passing now) is not rolled up:
-- those few facts (open requests with a running deadline) are read from report_fact.
-- Kept by statement triggers on report_fact: each statement adds its new rows and takes away its
-- old ones, grouped by key, in the changing transaction.

CREATE TABLE report_day (
    city_id          uuid NOT NULL,
    day              date NOT NULL,
    organisation_id  uuid,
    district_id      uuid,
    category_id      uuid NOT NULL,
    requests         int NOT NULL,
    resolved         int NOT NULL,   -- now DONE or CLOSED
    resolved_on_time int NOT NULL,   -- ... with no stage past due
    late             int NOT NULL,   -- a stage ended past due
    reopened         int NOT NULL,
    ever_done        int NOT NULL,
    rating_sum       int NOT NULL,
    rating_n         int NOT NULL,
    accept_moved     int NOT NULL,
    accept_on_time   int NOT NULL,
    start_moved      int NOT NULL,
    start_on_time    int NOT NULL,
    complete_moved   int NOT NULL,
    complete_on_time int NOT NULL,
    confirm_moved    int NOT NULL,
    confirm_on_time  int NOT NULL
);
CREATE UNIQUE INDEX report_day_key ON report_day (city_id, day, organisation_id, district_id, category_id) NULLS NOT DISTINCT;

-- the facts whose contribution depends on the time of the report, with what the report reads of them
CREATE INDEX report_fact_running_idx ON report_fact (city_id, day)
    INCLUDE (organisation_id, district_id, category_id, late_stages, overdue_from, running_stage, running_due)
    WHERE overdue_from IS NOT NULL OR running_due IS NOT NULL;

-- Adds the facts p_new and takes away p_old.
CREATE FUNCTION report_day_apply(p_new report_fact[], p_old report_fact[]) RETURNS void AS $$
    INSERT INTO report_day AS d
    SELECT f.city_id, f.day, f.organisation_id, f.district_id, f.category_id,
           sum(s), sum(s * (f.status IN ('DONE', 'CLOSED'))::int), sum(s * (f.status IN ('DONE', 'CLOSED') AND f.late_stages = 0)::int),
           sum(s * (f.late_stages > 0)::int), sum(s * (f.reopen_count > 0)::int), sum(s * f.ever_done::int),
           sum(s * coalesce(f.rating, 0)), sum(s * (f.rating IS NOT NULL)::int),
           sum(s * f.accept_moved), sum(s * f.accept_on_time), sum(s * f.start_moved), sum(s * f.start_on_time),
           sum(s * f.complete_moved), sum(s * f.complete_on_time), sum(s * f.confirm_moved), sum(s * f.confirm_on_time)
    FROM (SELECT 1 AS s, n.* FROM unnest(p_new) n UNION ALL SELECT -1, o.* FROM unnest(p_old) o) f
    GROUP BY 1, 2, 3, 4, 5
    -- an update that moves nothing (a deadline, a pause) writes nothing
    HAVING sum(s) <> 0 OR sum(s * (f.status IN ('DONE', 'CLOSED'))::int) <> 0
        OR sum(s * (f.status IN ('DONE', 'CLOSED') AND f.late_stages = 0)::int) <> 0 OR sum(s * (f.late_stages > 0)::int) <> 0
        OR sum(s * (f.reopen_count > 0)::int) <> 0 OR sum(s * f.ever_done::int) <> 0 OR sum(s * coalesce(f.rating, 0)) <> 0
        OR sum(s * (f.rating IS NOT NULL)::int) <> 0
        OR sum(s * f.accept_moved) <> 0 OR sum(s * f.accept_on_time) <> 0 OR sum(s * f.start_moved) <> 0
        OR sum(s * f.start_on_time) <> 0 OR sum(s * f.complete_moved) <> 0 OR sum(s * f.complete_on_time) <> 0
        OR sum(s * f.confirm_moved) <> 0 OR sum(s * f.confirm_on_time) <> 0
    ORDER BY 1, 2, 3, 4, 5   -- the same lock order in every transaction
    ON CONFLICT (city_id, day, organisation_id, district_id, category_id) DO UPDATE SET
        requests = d.requests + excluded.requests, resolved = d.resolved + excluded.resolved,
        resolved_on_time = d.resolved_on_time + excluded.resolved_on_time, late = d.late + excluded.late,
        reopened = d.reopened + excluded.reopened, ever_done = d.ever_done + excluded.ever_done,
        rating_sum = d.rating_sum + excluded.rating_sum, rating_n = d.rating_n + excluded.rating_n,
        accept_moved = d.accept_moved + excluded.accept_moved, accept_on_time = d.accept_on_time + excluded.accept_on_time,
        start_moved = d.start_moved + excluded.start_moved, start_on_time = d.start_on_time + excluded.start_on_time,
        complete_moved = d.complete_moved + excluded.complete_moved,
        complete_on_time = d.complete_on_time + excluded.complete_on_time,
        confirm_moved = d.confirm_moved + excluded.confirm_moved, confirm_on_time = d.confirm_on_time + excluded.confirm_on_time;
$$ LANGUAGE sql;

CREATE FUNCTION report_day_of_facts() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM report_day_apply(ARRAY(SELECT CAST(ROW(n.*) AS report_fact) FROM new_facts n), '{}');
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM report_day_apply(ARRAY(SELECT CAST(ROW(n.*) AS report_fact) FROM new_facts n), ARRAY(SELECT CAST(ROW(o.*) AS report_fact) FROM old_facts o));
    ELSE
        PERFORM report_day_apply('{}', ARRAY(SELECT CAST(ROW(o.*) AS report_fact) FROM old_facts o));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER report_day_insert AFTER INSERT ON report_fact
    REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION report_day_of_facts();
CREATE TRIGGER report_day_update AFTER UPDATE ON report_fact
    REFERENCING NEW TABLE AS new_facts OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION report_day_of_facts();
CREATE TRIGGER report_day_delete AFTER DELETE ON report_fact
    REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION report_day_of_facts();

-- The rollup again from the report facts.
CREATE FUNCTION rebuild_report_day() RETURNS void AS $$
    DELETE FROM report_day;
    INSERT INTO report_day
    SELECT f.city_id, f.day, f.organisation_id, f.district_id, f.category_id,
           count(*), count(*) FILTER (WHERE f.status IN ('DONE', 'CLOSED')),
           count(*) FILTER (WHERE f.status IN ('DONE', 'CLOSED') AND f.late_stages = 0), count(*) FILTER (WHERE f.late_stages > 0),
           count(*) FILTER (WHERE f.reopen_count > 0), count(*) FILTER (WHERE f.ever_done),
           coalesce(sum(f.rating), 0), count(f.rating),
           sum(f.accept_moved), sum(f.accept_on_time), sum(f.start_moved), sum(f.start_on_time),
           sum(f.complete_moved), sum(f.complete_on_time), sum(f.confirm_moved), sum(f.confirm_on_time)
    FROM report_fact f
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2;
$$ LANGUAGE sql;

-- All report facts and the rollup again, in one go: the rollup's triggers are off meanwhile (one
-- rollup pass at the end rather than one per fact) and the table stays locked to the end, so no
-- change slips between the two.
CREATE OR REPLACE FUNCTION rebuild_report_facts() RETURNS void AS $$
BEGIN
    ALTER TABLE report_fact DISABLE TRIGGER report_day_insert, DISABLE TRIGGER report_day_delete;
    DELETE FROM report_fact;
    INSERT INTO report_fact SELECT * FROM report_fact_source ORDER BY city_id, day;
    ALTER TABLE report_fact ENABLE TRIGGER report_day_insert, ENABLE TRIGGER report_day_delete;
    PERFORM rebuild_report_day();
END
$$ LANGUAGE plpgsql;

SELECT rebuild_report_day();
ANALYZE report_day;
