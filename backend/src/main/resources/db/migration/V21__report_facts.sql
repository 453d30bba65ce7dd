-- Reports at city scale (issue 9 point 6).
--   report_fact  one narrow row per request: the report dimensions as ids and the local filing
--                day, the request measures' inputs, and per stage how many stages moved the
--                request on, how many of those on time, and their durations. A report is one
--                scan of a day range of this table: no joins, no history, no stage rows.
-- Kept live by statement triggers on request and request_stage, in the transaction of each change;
-- rebuilt from request and request_stage by rebuild_report_facts(). The stage facts' backfill is now
-- set-based (working time from a table of working days, not a loop per stage).

-- The working days of every city from p_from to p_to: when each opens and closes, its working
-- seconds (0 on days off), and the working seconds of the earlier days of the range before (cum)
-- and including it (cum_end) — the same rule as BusinessCalendar and working_seconds().
CREATE FUNCTION work_days(p_from date, p_to date)
    RETURNS TABLE (city_id uuid, day date, opens timestamptz, closes timestamptz, len bigint, cum bigint, cum_end bigint) AS $$
    SELECT w.city_id, w.day, w.opens, w.closes, w.len,
           sum(w.len) OVER (PARTITION BY w.city_id ORDER BY w.day) - w.len,
           sum(w.len) OVER (PARTITION BY w.city_id ORDER BY w.day)
    FROM (SELECT c.id AS city_id, g.d::date AS day, o.opens, o.closes,
                 CASE WHEN k.kind IN ('WORKDAY', 'SHORT_WORKDAY') OR (extract(isodow FROM g.d) < 6 AND k.kind IS DISTINCT FROM 'HOLIDAY')
                      THEN floor(extract(epoch FROM o.closes - o.opens))::bigint ELSE 0 END AS len
          FROM city c
          CROSS JOIN generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') g(d)
          LEFT JOIN calendar_day k ON k.calendar = c.calendar AND k.day = g.d::date
          CROSS JOIN LATERAL (
              SELECT (g.d::date + c.work_starts_at) AT TIME ZONE c.timezone AS opens,
                     (g.d::date + c.work_ends_at - CASE WHEN k.kind IN ('SHORT', 'SHORT_WORKDAY') THEN interval '1 hour'
                                                        ELSE interval '0' END) AT TIME ZONE c.timezone AS closes) o) w;
$$ LANGUAGE sql STABLE;

-- The backfill of V20, set-based: stages from the history as before, their working time and
-- (for finished stages) their due time from a temporary table of working days — two index
-- look-ups per stage instead of a query per day of each stage. Same results as before (a test
-- compares it with the listener's facts).
CREATE OR REPLACE FUNCTION backfill_stage_facts() RETURNS void AS $$
BEGIN
    DROP TABLE IF EXISTS backfill_day;
    CREATE TEMP TABLE backfill_day ON COMMIT DROP AS
        SELECT * FROM work_days((SELECT coalesce(min(at), now()) FROM request_event)::date - 2,
                                (SELECT coalesce(max(at), now()) FROM request_event)::date + 3 * 366);
    CREATE INDEX ON backfill_day (city_id, day);
    CREATE INDEX ON backfill_day (city_id, cum_end) WHERE len > 0;
    ANALYZE backfill_day;

    WITH starts AS (
        SELECT e.request_id, e.id, e.at,
               CASE e.kind WHEN 'ROUTED' THEN 'ACCEPT' WHEN 'REROUTED' THEN 'ACCEPT' WHEN 'ACCEPT' THEN 'START'
                           WHEN 'DISPUTED' THEN 'START' WHEN 'STARTED' THEN 'COMPLETE' ELSE 'CONFIRM' END AS stage
        FROM request_event e
        WHERE e.kind IN ('ROUTED', 'REROUTED', 'ACCEPT', 'DISPUTED', 'STARTED', 'COMPLETED')
    ), spans AS (
        SELECT s.*, x.at AS ended_at, x.kind AS end_kind,
               r.city_id, r.organisation_id, r.category_id, ci.timezone,
               (r.priority = 'EMERGENCY' OR s.stage = 'CONFIRM') AS clock_time,
               r.stage AS running_stage, r.stage_started_at, r.due_at AS running_due
        FROM starts s
        JOIN request r ON r.id = s.request_id
        JOIN city ci ON ci.id = r.city_id
        LEFT JOIN LATERAL (
            SELECT n.at, n.kind FROM request_event n
            WHERE n.request_id = s.request_id AND (n.at, n.id) > (s.at, s.id)
              AND n.kind IN ('ACCEPT', 'REJECT', 'STARTED', 'COMPLETED', 'CONFIRMED', 'AUTO_CLOSED', 'DISPUTED',
                             'CANCELLED', 'MARKED_DUPLICATE')
            ORDER BY n.at, n.id LIMIT 1) x ON true
    ), timed AS (
        SELECT sp.*, m.minutes * 60 AS allowed,
               df.day AS f_day, df.opens AS f_opens, df.len AS f_len, df.cum_end AS f_cum_end,
               -- working seconds left on the first day after the stage started
               CASE WHEN df.len > 0 AND sp.at < df.closes THEN floor(extract(epoch FROM df.closes - greatest(sp.at, df.opens)))::bigint
                    ELSE 0 END AS f_left,
               CASE WHEN sp.ended_at IS NULL THEN NULL
                    WHEN sp.ended_at <= sp.at THEN 0
                    WHEN sp.clock_time THEN floor(extract(epoch FROM sp.ended_at - sp.at))::bigint
                    WHEN df.day = dt.day THEN
                        CASE WHEN df.len > 0 THEN greatest(0, floor(extract(epoch FROM least(sp.ended_at, df.closes) - greatest(sp.at, df.opens))))::bigint
                             ELSE 0 END
                    ELSE CASE WHEN df.len > 0 AND sp.at < df.closes THEN floor(extract(epoch FROM df.closes - greatest(sp.at, df.opens)))::bigint
                              ELSE 0 END
                         + (dt.cum - df.cum_end)
                         + CASE WHEN dt.len > 0 AND sp.ended_at > dt.opens THEN floor(extract(epoch FROM least(sp.ended_at, dt.closes) - dt.opens))::bigint
                                ELSE 0 END
               END AS seconds
        FROM spans sp
        LEFT JOIN LATERAL (
            SELECT least(c.duration_minutes, coalesce(o.duration_minutes, c.duration_minutes))::bigint AS minutes
            FROM category_sla c
            LEFT JOIN organisation_sla o ON o.category_id = c.category_id AND o.stage = c.stage AND o.organisation_id = sp.organisation_id
            WHERE c.category_id = sp.category_id AND c.stage = sp.stage) m ON true
        LEFT JOIN backfill_day df ON df.city_id = sp.city_id AND df.day = (sp.at AT TIME ZONE sp.timezone)::date
        LEFT JOIN backfill_day dt ON dt.city_id = sp.city_id AND dt.day = (sp.ended_at AT TIME ZONE sp.timezone)::date
    ), due AS (
        SELECT t.*,
               CASE WHEN t.ended_at IS NULL THEN t.running_due
                    WHEN t.clock_time THEN t.at + t.allowed * interval '1 second'
                    WHEN t.allowed <= t.f_left THEN greatest(t.at, t.f_opens) + t.allowed * interval '1 second'
                    ELSE (SELECT d.opens + (t.allowed - t.f_left - (d.cum - t.f_cum_end)) * interval '1 second'
                          FROM backfill_day d
                          WHERE d.city_id = t.city_id AND d.len > 0 AND d.cum_end >= t.f_cum_end + t.allowed - t.f_left
                          ORDER BY d.cum_end LIMIT 1) END AS due_at
        FROM timed t
    )
    INSERT INTO request_stage (request_id, stage, started_at, organisation_id, clock_time, due_at, ended_at, end_kind,
                               progressed, duration_seconds, late)
    SELECT request_id, stage, CASE WHEN ended_at IS NULL AND stage_started_at IS NOT NULL THEN stage_started_at ELSE at END,
           organisation_id, clock_time, due_at, ended_at, end_kind,
           CASE WHEN ended_at IS NULL THEN NULL
                ELSE end_kind IN ('ACCEPT', 'STARTED', 'COMPLETED', 'CONFIRMED', 'AUTO_CLOSED', 'DISPUTED') END,
           seconds,
           CASE WHEN ended_at IS NULL THEN NULL ELSE ended_at > due_at END
    FROM due
    -- a request whose stage is running but whose history says otherwise (none expected) keeps one running row
    WHERE ended_at IS NOT NULL OR stage = running_stage
    ON CONFLICT DO NOTHING;

    UPDATE request r SET late_stages = f.late, reopen_count = f.reopens, first_done_at = f.done
    FROM (SELECT e.request_id, coalesce(l.late, 0) AS late,
                 count(*) FILTER (WHERE e.kind = 'DISPUTED') AS reopens,
                 min(e.at) FILTER (WHERE e.kind = 'COMPLETED') AS done
          FROM request_event e
          LEFT JOIN (SELECT request_id, count(*) AS late FROM request_stage WHERE stage <> 'CONFIRM' AND late
                     GROUP BY request_id) l ON l.request_id = e.request_id
          WHERE e.kind IN ('DISPUTED', 'COMPLETED', 'ACCEPT', 'STARTED', 'REJECT', 'CANCELLED', 'MARKED_DUPLICATE')
          GROUP BY e.request_id, l.late) f
    WHERE r.id = f.request_id;
END
$$ LANGUAGE plpgsql;

CREATE TABLE report_fact (
    request_id       uuid PRIMARY KEY REFERENCES request (id) ON DELETE CASCADE,
    city_id          uuid NOT NULL,
    day              date NOT NULL,        -- filed, in the city's timezone
    organisation_id  uuid,                 -- responsible now
    district_id      uuid,
    category_id      uuid NOT NULL,
    building_id      uuid,
    channel          text NOT NULL,
    reporter_type    text NOT NULL,
    status           text NOT NULL,
    late_stages      smallint NOT NULL,
    reopen_count     smallint NOT NULL,
    ever_done        boolean NOT NULL,
    rating           smallint,
    overdue_from     timestamptz,          -- the running deadline, when its passing makes the request overdue
    running_stage    text,
    running_due      timestamptz,          -- the running stage's deadline unless paused
    -- per stage: stages that moved the request on, those of them on time, and their durations
    accept_moved     smallint NOT NULL,
    accept_on_time   smallint NOT NULL,
    accept_seconds   int[],
    start_moved      smallint NOT NULL,
    start_on_time    smallint NOT NULL,
    start_seconds    int[],
    complete_moved   smallint NOT NULL,
    complete_on_time smallint NOT NULL,
    complete_seconds int[],
    confirm_moved    smallint NOT NULL,
    confirm_on_time  smallint NOT NULL,
    confirm_seconds  int[]
);
CREATE INDEX report_fact_city_day_idx ON report_fact (city_id, day);
CREATE INDEX report_fact_org_day_idx ON report_fact (organisation_id, day);

-- What report_fact holds for each request, from request and its stage facts.
CREATE VIEW report_fact_source AS
SELECT r.id AS request_id, r.city_id, (r.created_at AT TIME ZONE ci.timezone)::date AS day, r.organisation_id, r.district_id,
       r.category_id, r.building_id, r.channel, r.reporter_type, r.status, r.late_stages, r.reopen_count,
       r.first_done_at IS NOT NULL AS ever_done, r.rating::smallint AS rating,
       CASE WHEN r.paused_at IS NULL AND r.stage <> 'CONFIRM' THEN r.due_at END AS overdue_from,
       s.running_stage, s.running_due,
       s.accept_moved::smallint, s.accept_on_time::smallint, s.accept_seconds,
       s.start_moved::smallint, s.start_on_time::smallint, s.start_seconds,
       s.complete_moved::smallint, s.complete_on_time::smallint, s.complete_seconds,
       s.confirm_moved::smallint, s.confirm_on_time::smallint, s.confirm_seconds
FROM request r
JOIN city ci ON ci.id = r.city_id
CROSS JOIN LATERAL (
    SELECT min(stage) FILTER (WHERE ended_at IS NULL) AS running_stage,
           min(due_at) FILTER (WHERE ended_at IS NULL AND paused_at IS NULL) AS running_due,
           count(*) FILTER (WHERE stage = 'ACCEPT' AND progressed) AS accept_moved,
           count(*) FILTER (WHERE stage = 'ACCEPT' AND progressed AND NOT late) AS accept_on_time,
           array_agg(duration_seconds::int ORDER BY started_at, id) FILTER (WHERE stage = 'ACCEPT' AND progressed) AS accept_seconds,
           count(*) FILTER (WHERE stage = 'START' AND progressed) AS start_moved,
           count(*) FILTER (WHERE stage = 'START' AND progressed AND NOT late) AS start_on_time,
           array_agg(duration_seconds::int ORDER BY started_at, id) FILTER (WHERE stage = 'START' AND progressed) AS start_seconds,
           count(*) FILTER (WHERE stage = 'COMPLETE' AND progressed) AS complete_moved,
           count(*) FILTER (WHERE stage = 'COMPLETE' AND progressed AND NOT late) AS complete_on_time,
           array_agg(duration_seconds::int ORDER BY started_at, id) FILTER (WHERE stage = 'COMPLETE' AND progressed) AS complete_seconds,
           count(*) FILTER (WHERE stage = 'CONFIRM' AND progressed) AS confirm_moved,
           count(*) FILTER (WHERE stage = 'CONFIRM' AND progressed AND NOT late) AS confirm_on_time,
           array_agg(duration_seconds::int ORDER BY started_at, id) FILTER (WHERE stage = 'CONFIRM' AND progressed) AS confirm_seconds
    FROM request_stage s WHERE s.request_id = r.id) s;

-- The facts of some requests as they are now.
CREATE FUNCTION refresh_report_facts(p_requests uuid[]) RETURNS void AS $$
    INSERT INTO report_fact
    SELECT f.* FROM unnest(p_requests) AS c(id) CROSS JOIN LATERAL (SELECT * FROM report_fact_source s WHERE s.request_id = c.id) f
    ON CONFLICT (request_id) DO UPDATE SET
        city_id = excluded.city_id, day = excluded.day, organisation_id = excluded.organisation_id,
        district_id = excluded.district_id, category_id = excluded.category_id, building_id = excluded.building_id,
        channel = excluded.channel, reporter_type = excluded.reporter_type, status = excluded.status,
        late_stages = excluded.late_stages, reopen_count = excluded.reopen_count, ever_done = excluded.ever_done,
        rating = excluded.rating, overdue_from = excluded.overdue_from, running_stage = excluded.running_stage,
        running_due = excluded.running_due,
        accept_moved = excluded.accept_moved, accept_on_time = excluded.accept_on_time, accept_seconds = excluded.accept_seconds,
        start_moved = excluded.start_moved, start_on_time = excluded.start_on_time, start_seconds = excluded.start_seconds,
        complete_moved = excluded.complete_moved, complete_on_time = excluded.complete_on_time,
        complete_seconds = excluded.complete_seconds,
        confirm_moved = excluded.confirm_moved, confirm_on_time = excluded.confirm_on_time, confirm_seconds = excluded.confirm_seconds
    -- a change that moves nothing reported (a comment, a warning sent) writes nothing
    WHERE (report_fact.*) IS DISTINCT FROM (excluded.*);
$$ LANGUAGE sql;

-- All facts again from request and request_stage (after a restore, a bulk load with triggers off,
-- or a change of a city's timezone); in filing order, so that a period's rows sit together on disk.
CREATE FUNCTION rebuild_report_facts() RETURNS void AS $$
    DELETE FROM report_fact;
    INSERT INTO report_fact SELECT * FROM report_fact_source ORDER BY city_id, day;
$$ LANGUAGE sql;

-- Facts for a database that has history but no stage facts yet, then the report facts: before the
-- triggers below exist, so each is written once.
SELECT backfill_stage_facts() WHERE NOT EXISTS (SELECT 1 FROM request_stage);
SELECT rebuild_report_facts();
ANALYZE report_fact;

-- Live upkeep: every statement that writes requests or stage facts refreshes the facts of the
-- requests it touched, in its own transaction — whichever code path (actions, the sweeper,
-- intake, an operator's SQL) made the change, and on any number of backend nodes.
CREATE FUNCTION report_facts_of_requests() RETURNS trigger AS $$
BEGIN
    PERFORM refresh_report_facts(ARRAY(SELECT id FROM changed));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION report_facts_of_stages() RETURNS trigger AS $$
BEGIN
    PERFORM refresh_report_facts(ARRAY(SELECT DISTINCT request_id FROM changed));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER report_fact_request_insert AFTER INSERT ON request
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_facts_of_requests();
CREATE TRIGGER report_fact_request_update AFTER UPDATE ON request
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_facts_of_requests();
CREATE TRIGGER report_fact_stage_insert AFTER INSERT ON request_stage
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_facts_of_stages();
CREATE TRIGGER report_fact_stage_update AFTER UPDATE ON request_stage
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_facts_of_stages();
CREATE TRIGGER report_fact_stage_delete AFTER DELETE ON request_stage
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_facts_of_stages();
