-- Stage medians and 90th percentiles at city scale (issue 9 point 6). An exact percentile sorts
-- every duration of the slice: 1.5 to 7 seconds for a city's year or two. These histograms answer
-- big slices instead, within 1.6 % (docs/decisions.md, "Stage percentiles"); small slices stay exact.
--
--   duration_bucket  integer buckets: exact below 64 s, then 32 per power of two, so a bucket is
--                    at most 1/32 of its lower bound wide and its middle is within 1/64 of any
--                    value in it. Java (DurationHistogram) reads buckets back with the same rule.
--   report_duration  per city, span (a DAY or a whole MONTH), cut and member, stage: how many
--                    durations fell in each bucket, as {bucket, count, bucket, count, …} in
--                    bucket order. A cut is the dimension set the row is kept for: ORGANISATION,
--                    DISTRICT or CATEGORY (the other two ids are NULL), ORGANISATION_CATEGORY or
--                    ORGANISATION_DISTRICT (an organisation's staff by category or district).
--                    A report reads whole months from MONTH rows and the days at its edges from
--                    DAY rows: a few thousand short rows, not millions of durations.
-- Kept like report_day (V33): the report-fact triggers append each change's durations with its
-- full key to report_duration_change, and fold_report_durations() moves them into both spans
-- of every cut every few seconds, on any instance.

CREATE FUNCTION duration_bucket(s int) RETURNS int AS $$
    SELECT CASE WHEN s < 64 THEN greatest(s, 0)
                ELSE 64 + (length(ltrim(CAST(CAST(s AS bit(32)) AS text), '0')) - 7) * 32
                     + ((s >> (length(ltrim(CAST(CAST(s AS bit(32)) AS text), '0')) - 6)) & 31) END;
$$ LANGUAGE sql IMMUTABLE STRICT;

-- The sum of two histograms ({bucket, count, …} in bucket order), empty buckets left out.
CREATE FUNCTION histogram_add(a int[], b int[]) RETURNS int[] AS $$
    SELECT coalesce(array_agg(v.x ORDER BY s.bucket, v.k), '{}')
    FROM (SELECT u.bucket, sum(u.n) AS n
          FROM (SELECT a[i] AS bucket, a[i + 1] AS n FROM generate_series(1, coalesce(array_length(a, 1), 0), 2) i
                UNION ALL
                SELECT b[i], b[i + 1] FROM generate_series(1, coalesce(array_length(b, 1), 0), 2) i) u
          GROUP BY u.bucket HAVING sum(u.n) <> 0) s
    CROSS JOIN LATERAL (VALUES (1, s.bucket), (2, CAST(s.n AS int))) v(k, x);
$$ LANGUAGE sql IMMUTABLE;

CREATE TABLE report_duration (
    city_id         uuid NOT NULL,
    span            text NOT NULL CHECK (span IN ('DAY', 'MONTH')),
    day             date NOT NULL,     -- the span's first day
    cut             text NOT NULL CHECK (cut IN ('ORGANISATION', 'DISTRICT', 'CATEGORY', 'ORGANISATION_CATEGORY',
                                                 'ORGANISATION_DISTRICT')),
    organisation_id uuid,
    district_id     uuid,
    category_id     uuid,
    stage           text NOT NULL,
    histogram       int[] NOT NULL
);
CREATE UNIQUE INDEX report_duration_key
    ON report_duration (city_id, cut, span, day, organisation_id, district_id, category_id, stage) NULLS NOT DISTINCT;

CREATE TABLE report_duration_change (
    city_id         uuid NOT NULL,
    day             date NOT NULL,
    organisation_id uuid,
    district_id     uuid,
    category_id     uuid,
    stage           text NOT NULL,
    bucket          int NOT NULL,
    n               int NOT NULL
);

-- The durations of the facts p_new, less those of p_old, by their full key and bucket.
CREATE FUNCTION report_duration_apply(p_new report_fact[], p_old report_fact[]) RETURNS void AS $$
    INSERT INTO report_duration_change
    SELECT f.city_id, f.day, f.organisation_id, f.district_id, f.category_id, v.stage, duration_bucket(x.seconds), sum(f.s)
    FROM (SELECT 1 AS s, n.* FROM unnest(p_new) n UNION ALL SELECT -1, o.* FROM unnest(p_old) o) f
    CROSS JOIN LATERAL (VALUES ('ACCEPT', f.accept_seconds), ('START', f.start_seconds),
                               ('COMPLETE', f.complete_seconds), ('CONFIRM', f.confirm_seconds)) v(stage, seconds)
    CROSS JOIN LATERAL unnest(v.seconds) x(seconds)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    -- a change that leaves the durations as they were (most: a status, a deadline) writes nothing
    HAVING sum(f.s) <> 0;
$$ LANGUAGE sql SET jit = off;

CREATE OR REPLACE FUNCTION report_day_of_facts() RETURNS trigger AS $$
DECLARE
    added   report_fact[] := '{}';
    removed report_fact[] := '{}';
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        added := ARRAY(SELECT CAST(ROW(n.*) AS report_fact) FROM new_facts n);
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        removed := ARRAY(SELECT CAST(ROW(o.*) AS report_fact) FROM old_facts o);
    END IF;
    PERFORM report_day_apply(added, removed);
    -- most changes move no duration (a filing has none yet; a status, a deadline, a rating): this check
    -- costs 0.02 ms where report_duration_apply costs 0.3 ms even with nothing to write (measured)
    IF EXISTS (SELECT 1 FROM unnest(added) n FULL JOIN unnest(removed) o ON o.request_id = n.request_id
               WHERE (n.accept_seconds, n.start_seconds, n.complete_seconds, n.confirm_seconds)
                     IS DISTINCT FROM (o.accept_seconds, o.start_seconds, o.complete_seconds, o.confirm_seconds)
                  OR (n.city_id, n.day, n.organisation_id, n.district_id, n.category_id)
                     IS DISTINCT FROM (o.city_id, o.day, o.organisation_id, o.district_id, o.category_id)
                     AND coalesce(n.accept_seconds, n.start_seconds, n.complete_seconds, n.confirm_seconds,
                                  o.accept_seconds, o.start_seconds, o.complete_seconds, o.confirm_seconds) IS NOT NULL) THEN
        PERFORM report_duration_apply(added, removed);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql SET jit = off;

-- Moves the appended durations into the histograms of both spans and every cut; answers how many
-- change rows it moved.
CREATE FUNCTION fold_report_durations() RETURNS bigint AS $$
    WITH moved AS (DELETE FROM report_duration_change RETURNING *),
         counted AS (
             SELECT m.city_id, s.span, CASE s.span WHEN 'DAY' THEN m.day ELSE CAST(date_trunc('month', m.day) AS date) END AS day,
                    c.cut, c.organisation_id, c.district_id, c.category_id, m.stage, m.bucket, sum(m.n) AS n
             FROM moved m
             CROSS JOIN (VALUES ('DAY'), ('MONTH')) s(span)
             CROSS JOIN LATERAL (VALUES ('ORGANISATION', m.organisation_id, CAST(NULL AS uuid), CAST(NULL AS uuid)),
                                        ('DISTRICT', NULL, m.district_id, NULL),
                                        ('CATEGORY', NULL, NULL, m.category_id),
                                        ('ORGANISATION_CATEGORY', m.organisation_id, NULL, m.category_id),
                                        ('ORGANISATION_DISTRICT', m.organisation_id, m.district_id, NULL))
                                c(cut, organisation_id, district_id, category_id)
             GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
             HAVING sum(m.n) <> 0),
         folded AS (
             INSERT INTO report_duration AS h
             SELECT g.city_id, g.span, g.day, g.cut, g.organisation_id, g.district_id, g.category_id, g.stage,
                    array_agg(v.x ORDER BY g.bucket, v.k)
             FROM counted g CROSS JOIN LATERAL (VALUES (1, g.bucket), (2, CAST(g.n AS int))) v(k, x)
             GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
             ORDER BY 1, 4, 2, 3, 5, 6, 7, 8   -- the same lock order in every fold
             ON CONFLICT (city_id, cut, span, day, organisation_id, district_id, category_id, stage)
                 DO UPDATE SET histogram = histogram_add(h.histogram, excluded.histogram)
             RETURNING 1)
    SELECT count(*) FROM moved;
$$ LANGUAGE sql SET jit = off;

-- The histograms again from the report facts: every duration as one change, folded. The change
-- table is emptied by TRUNCATE, not DELETE: millions of dead change rows left behind would make
-- every report scan the empty table's pages until a vacuum (measured: 400 MB, 70 ms a report).
-- Changes made meanwhile wait for the rebuild to commit, then apply on top of it.
CREATE FUNCTION rebuild_report_durations() RETURNS void AS $$
    TRUNCATE report_duration_change;
    DELETE FROM report_duration;
    INSERT INTO report_duration_change
    SELECT f.city_id, f.day, f.organisation_id, f.district_id, f.category_id, v.stage, duration_bucket(x.seconds), count(*)
    FROM report_fact f
    CROSS JOIN LATERAL (VALUES ('ACCEPT', f.accept_seconds), ('START', f.start_seconds),
                               ('COMPLETE', f.complete_seconds), ('CONFIRM', f.confirm_seconds)) v(stage, seconds)
    CROSS JOIN LATERAL unnest(v.seconds) x(seconds)
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    SELECT fold_report_durations();
    TRUNCATE report_duration_change;
$$ LANGUAGE sql;

-- A rebuild of the report facts (V22: the rollup's triggers off meanwhile) rebuilds the histograms too.
CREATE OR REPLACE FUNCTION rebuild_report_facts() RETURNS void AS $$
BEGIN
    ALTER TABLE report_fact DISABLE TRIGGER report_day_insert, DISABLE TRIGGER report_day_delete;
    DELETE FROM report_fact;
    INSERT INTO report_fact SELECT * FROM report_fact_source ORDER BY city_id, day;
    ALTER TABLE report_fact ENABLE TRIGGER report_day_insert, ENABLE TRIGGER report_day_delete;
    PERFORM rebuild_report_day();
    PERFORM rebuild_report_durations();
END
$$ LANGUAGE plpgsql;

SELECT rebuild_report_durations();
ANALYZE report_duration;
