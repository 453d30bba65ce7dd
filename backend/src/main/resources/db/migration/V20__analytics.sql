-- Stage analytics: facts kept as events happen, so that reports never scan the history.
--   request_stage  one row per stage a request went through (a dispute starts a second START),
--                  with its due time, when and how it ended, and its duration counted the way its
--                  deadline counts time (working time, or clock time for emergencies and CONFIRM),
--                  pauses of the deadline clock left out
--   request        three counters per request: stages that ended (or are) past due, disputes,
--                  first completion
-- Filled live by StageFacts (a RequestListener) in the transaction of each change; the history
-- before this migration is backfilled by V21 (set-based, fast at city scale).
-- Saved report definitions per user.

-- Working time between two instants in a city's calendar: the same rule as BusinessCalendar
-- (working hours on working days, transferred and shortened days from calendar_day).
CREATE FUNCTION working_seconds(p_city uuid, p_from timestamptz, p_to timestamptz) RETURNS bigint AS $$
DECLARE
    c      record;
    d      date;
    last   date;
    k      text;
    opens  timestamptz;
    closes timestamptz;
    a      timestamptz;
    b      timestamptz;
    total  bigint := 0;
BEGIN
    IF p_to IS NULL OR p_from IS NULL OR p_to <= p_from THEN
        RETURN 0;
    END IF;
    SELECT timezone, calendar, work_starts_at, work_ends_at INTO c FROM city WHERE id = p_city;
    d := (p_from AT TIME ZONE c.timezone)::date;
    last := (p_to AT TIME ZONE c.timezone)::date;
    WHILE d <= last LOOP
        k := NULL;
        SELECT kind INTO k FROM calendar_day WHERE calendar = c.calendar AND day = d;
        IF k IN ('WORKDAY', 'SHORT_WORKDAY') OR (extract(isodow FROM d) < 6 AND k IS DISTINCT FROM 'HOLIDAY') THEN
            opens := (d + c.work_starts_at) AT TIME ZONE c.timezone;
            closes := (d + c.work_ends_at - CASE WHEN k IN ('SHORT', 'SHORT_WORKDAY') THEN interval '1 hour'
                                                 ELSE interval '0' END) AT TIME ZONE c.timezone;
            a := greatest(p_from, opens);
            b := least(p_to, closes);
            IF b > a THEN
                total := total + floor(extract(epoch FROM b - a))::bigint;
            END IF;
        END IF;
        d := d + 1;
    END LOOP;
    RETURN total;
END
$$ LANGUAGE plpgsql STABLE;

-- The instant p_seconds of working time after p_from (BusinessCalendar.plusWorkingTime); the backfill
-- uses it to recompute due times that history does not record.
CREATE FUNCTION plus_working_seconds(p_city uuid, p_from timestamptz, p_seconds bigint) RETURNS timestamptz AS $$
DECLARE
    c         record;
    d         date;
    k         text;
    opens     timestamptz;
    closes    timestamptz;
    f         timestamptz;
    available bigint;
    remaining bigint := p_seconds;
BEGIN
    SELECT timezone, calendar, work_starts_at, work_ends_at INTO c FROM city WHERE id = p_city;
    d := (p_from AT TIME ZONE c.timezone)::date;
    FOR i IN 1 .. 3 * 366 LOOP
        k := NULL;
        SELECT kind INTO k FROM calendar_day WHERE calendar = c.calendar AND day = d;
        IF k IN ('WORKDAY', 'SHORT_WORKDAY') OR (extract(isodow FROM d) < 6 AND k IS DISTINCT FROM 'HOLIDAY') THEN
            opens := (d + c.work_starts_at) AT TIME ZONE c.timezone;
            closes := (d + c.work_ends_at - CASE WHEN k IN ('SHORT', 'SHORT_WORKDAY') THEN interval '1 hour'
                                                 ELSE interval '0' END) AT TIME ZONE c.timezone;
            f := greatest(p_from, opens);
            IF f < closes THEN
                available := floor(extract(epoch FROM closes - f))::bigint;
                IF remaining <= available THEN
                    RETURN f + remaining * interval '1 second';
                END IF;
                remaining := remaining - available;
            END IF;
        END IF;
        d := d + 1;
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql STABLE;

-- Time a stage took between two instants, counted the way its deadline counts time.
CREATE FUNCTION stage_seconds(p_city uuid, p_clock_time boolean, p_from timestamptz, p_to timestamptz) RETURNS bigint AS $$
    SELECT CASE WHEN p_from IS NULL OR p_to IS NULL OR p_to <= p_from THEN 0
                WHEN p_clock_time THEN floor(extract(epoch FROM p_to - p_from))::bigint
                ELSE working_seconds(p_city, p_from, p_to) END;
$$ LANGUAGE sql STABLE;

CREATE TABLE request_stage (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- a stage may start twice in one instant
    request_id       uuid NOT NULL REFERENCES request (id),
    stage            text NOT NULL CHECK (stage IN ('ACCEPT', 'START', 'COMPLETE', 'CONFIRM')),
    started_at       timestamptz NOT NULL,
    organisation_id  uuid REFERENCES organisation (id),  -- responsible while the stage ran
    clock_time       boolean NOT NULL,                    -- counted on clock time, else working time
    due_at           timestamptz,
    paused_at        timestamptz,                         -- the deadline clock is paused since
    paused_seconds   bigint NOT NULL DEFAULT 0,           -- pauses so far, in the stage's time
    ended_at         timestamptz,
    end_kind         text,                                -- the history entry that ended it
    -- ended by moving on (accepted, started, completed; confirmed, closed or disputed), not by
    -- leaving (rejected, cancelled, marked duplicate): only these count for durations
    progressed       boolean,
    duration_seconds bigint,                              -- stage time minus pauses
    late             boolean                              -- ended after its due time
);
CREATE INDEX request_stage_request_idx ON request_stage (request_id, started_at);
-- at most one running stage per request: what StageFacts looks up on each change
CREATE UNIQUE INDEX request_stage_running_idx ON request_stage (request_id) WHERE ended_at IS NULL;
-- the weak-link and per-organisation queries group finished stages by stage
CREATE INDEX request_stage_stage_idx ON request_stage (stage, request_id) INCLUDE (duration_seconds, late, progressed)
    WHERE ended_at IS NOT NULL;

ALTER TABLE request
    ADD COLUMN late_stages   smallint NOT NULL DEFAULT 0,   -- ACCEPT/START/COMPLETE stages that ended past due
    ADD COLUMN reopen_count  smallint NOT NULL DEFAULT 0,   -- disputes by the resident
    ADD COLUMN first_done_at timestamptz;                   -- first completion

-- reports and ratings slice requests by when they were filed
CREATE INDEX request_org_created_only_idx ON request (city_id, organisation_id, created_at);

CREATE TABLE saved_report (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    query       jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    UNIQUE (user_id, name)
);

-- Backfill from history. A stage starts at ROUTED/REROUTED (ACCEPT), ACCEPT or DISPUTED (START),
-- STARTED (COMPLETE), COMPLETED (CONFIRM), and ends at the next entry that changes the stage.
-- History does not record due times: finished stages get the deadline the category and the
-- organisation have now; the running stage keeps the request's own. Pauses before this
-- migration are not subtracted (history has them, but they are rare; see docs/decisions.md).
-- A function, so that facts can be rebuilt from history after a restore (empty the table first).
CREATE FUNCTION backfill_stage_facts() RETURNS void AS $$
WITH starts AS (
    SELECT e.request_id, e.id, e.at,
           CASE e.kind WHEN 'ROUTED' THEN 'ACCEPT' WHEN 'REROUTED' THEN 'ACCEPT' WHEN 'ACCEPT' THEN 'START'
                       WHEN 'DISPUTED' THEN 'START' WHEN 'STARTED' THEN 'COMPLETE' ELSE 'CONFIRM' END AS stage
    FROM request_event e
    WHERE e.kind IN ('ROUTED', 'REROUTED', 'ACCEPT', 'DISPUTED', 'STARTED', 'COMPLETED')
), spans AS (
    SELECT s.*, x.at AS ended_at, x.kind AS end_kind,
           r.city_id, r.organisation_id, r.category_id,
           (r.priority = 'EMERGENCY' OR s.stage = 'CONFIRM') AS clock_time,
           r.stage AS running_stage, r.stage_started_at, r.due_at AS running_due
    FROM starts s
    JOIN request r ON r.id = s.request_id
    LEFT JOIN LATERAL (
        SELECT n.at, n.kind FROM request_event n
        WHERE n.request_id = s.request_id AND (n.at, n.id) > (s.at, s.id)
          AND n.kind IN ('ACCEPT', 'REJECT', 'STARTED', 'COMPLETED', 'CONFIRMED', 'AUTO_CLOSED', 'DISPUTED',
                         'CANCELLED', 'MARKED_DUPLICATE')
        ORDER BY n.at, n.id LIMIT 1) x ON true
), due AS (
    SELECT sp.*,
           CASE WHEN sp.ended_at IS NULL THEN sp.running_due
                ELSE (SELECT CASE WHEN sp.clock_time THEN sp.at + m.minutes * interval '1 minute'
                                  ELSE plus_working_seconds(sp.city_id, sp.at, m.minutes * 60) END
                      FROM (SELECT least(c.duration_minutes, coalesce(o.duration_minutes, c.duration_minutes)) AS minutes
                            FROM category_sla c
                            LEFT JOIN organisation_sla o ON o.category_id = c.category_id AND o.stage = c.stage
                                                        AND o.organisation_id = sp.organisation_id
                            WHERE c.category_id = sp.category_id AND c.stage = sp.stage) m) END AS due_at
    FROM spans sp
)
INSERT INTO request_stage (request_id, stage, started_at, organisation_id, clock_time, due_at, ended_at, end_kind,
                           progressed, duration_seconds, late)
SELECT request_id, stage, CASE WHEN ended_at IS NULL AND stage_started_at IS NOT NULL THEN stage_started_at ELSE at END,
       organisation_id, clock_time, due_at, ended_at, end_kind,
       CASE WHEN ended_at IS NULL THEN NULL
            ELSE end_kind IN ('ACCEPT', 'STARTED', 'COMPLETED', 'CONFIRMED', 'AUTO_CLOSED', 'DISPUTED') END,
       CASE WHEN ended_at IS NULL THEN NULL ELSE stage_seconds(city_id, clock_time, at, ended_at) END,
       CASE WHEN ended_at IS NULL THEN NULL ELSE ended_at > due_at END
FROM due
-- a request whose stage is running but whose history says otherwise (none expected) keeps one running row
WHERE ended_at IS NOT NULL OR stage = running_stage
ON CONFLICT DO NOTHING;

UPDATE request r SET late_stages = f.late, reopen_count = f.reopens, first_done_at = f.done
FROM (SELECT e.request_id,
             (SELECT count(*) FROM request_stage s WHERE s.request_id = e.request_id AND s.stage <> 'CONFIRM' AND s.late) AS late,
             count(*) FILTER (WHERE e.kind = 'DISPUTED') AS reopens,
             min(e.at) FILTER (WHERE e.kind = 'COMPLETED') AS done
      FROM request_event e
      WHERE e.kind IN ('DISPUTED', 'COMPLETED', 'ACCEPT', 'STARTED', 'REJECT', 'CANCELLED', 'MARKED_DUPLICATE')
      GROUP BY e.request_id) f
WHERE r.id = f.request_id;
$$ LANGUAGE sql;
