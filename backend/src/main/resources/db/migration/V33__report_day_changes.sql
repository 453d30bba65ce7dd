-- The daily rollup without hot rows. V22 added each change's contribution to its report_day row
-- inside the changing transaction, so every filing of one day, organisation, district and category
-- waited for the one before it to commit (measured: filing fell from about 250 to 65 a second at
-- 64 connections, all on one rollup row). Contributions are now appended to report_day_change,
-- which never makes a writer wait, and fold_report_day() moves them into report_day every few
-- seconds on any instance (a change row is deleted, so folded, by exactly one). Reports read both.

CREATE TABLE report_day_change (LIKE report_day);

CREATE OR REPLACE FUNCTION report_day_apply(p_new report_fact[], p_old report_fact[]) RETURNS void AS $$
    INSERT INTO report_day_change (city_id, day, organisation_id, district_id, category_id, requests, resolved, resolved_on_time, late, reopened, ever_done, rating_sum, rating_n, accept_moved, accept_on_time, start_moved, start_on_time, complete_moved, complete_on_time, confirm_moved, confirm_on_time)
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
$$ LANGUAGE sql;

-- Moves the appended contributions into the rollup; answers how many it moved.
CREATE FUNCTION fold_report_day() RETURNS bigint AS $$
    WITH moved AS (DELETE FROM report_day_change RETURNING *),
         folded AS (
             INSERT INTO report_day AS d
             SELECT city_id, day, organisation_id, district_id, category_id, sum(requests), sum(resolved), sum(resolved_on_time), sum(late), sum(reopened), sum(ever_done), sum(rating_sum), sum(rating_n), sum(accept_moved), sum(accept_on_time), sum(start_moved), sum(start_on_time), sum(complete_moved), sum(complete_on_time), sum(confirm_moved), sum(confirm_on_time)
             FROM moved GROUP BY 1, 2, 3, 4, 5
             ORDER BY 1, 2, 3, 4, 5   -- the same lock order in every fold
             ON CONFLICT (city_id, day, organisation_id, district_id, category_id) DO UPDATE SET
                 requests = d.requests + excluded.requests,
                 resolved = d.resolved + excluded.resolved,
                 resolved_on_time = d.resolved_on_time + excluded.resolved_on_time,
                 late = d.late + excluded.late,
                 reopened = d.reopened + excluded.reopened,
                 ever_done = d.ever_done + excluded.ever_done,
                 rating_sum = d.rating_sum + excluded.rating_sum,
                 rating_n = d.rating_n + excluded.rating_n,
                 accept_moved = d.accept_moved + excluded.accept_moved,
                 accept_on_time = d.accept_on_time + excluded.accept_on_time,
                 start_moved = d.start_moved + excluded.start_moved,
                 start_on_time = d.start_on_time + excluded.start_on_time,
                 complete_moved = d.complete_moved + excluded.complete_moved,
                 complete_on_time = d.complete_on_time + excluded.complete_on_time,
                 confirm_moved = d.confirm_moved + excluded.confirm_moved,
                 confirm_on_time = d.confirm_on_time + excluded.confirm_on_time
             RETURNING 1)
    SELECT count(*) FROM moved;
$$ LANGUAGE sql;

-- A rebuild starts from no pending contributions either.
CREATE OR REPLACE FUNCTION rebuild_report_day() RETURNS void AS $$
    DELETE FROM report_day_change;
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
