-- Requests per status for the boards, so that a board never counts millions of rows.
--   request_tally         folded totals per city, organisation, district, category and status
--                         (the nil uuid stands for "none", so that the key has no NULLs)
--   request_tally_change  +1/-1 rows appended by a trigger in each changing transaction: appending
--                         never waits for another filing, where updating one counter row would make
--                         every filing in a district queue on it
-- StatusTally folds changes into totals every few seconds, on any instance; readers add both.
CREATE TABLE request_tally (
    city_id         uuid   NOT NULL,
    organisation_id uuid   NOT NULL,
    district_id     uuid   NOT NULL,
    category_id     uuid   NOT NULL,
    status          text   NOT NULL,
    n               bigint NOT NULL,
    PRIMARY KEY (city_id, organisation_id, district_id, category_id, status)
);

CREATE TABLE request_tally_change (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    city_id         uuid    NOT NULL,
    organisation_id uuid    NOT NULL,
    district_id     uuid    NOT NULL,
    category_id     uuid    NOT NULL,
    status          text    NOT NULL,
    n               integer NOT NULL
);

CREATE FUNCTION request_tally_count() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO request_tally_change (city_id, organisation_id, district_id, category_id, status, n)
        VALUES (OLD.city_id, coalesce(OLD.organisation_id, '00000000-0000-0000-0000-000000000000'),
                coalesce(OLD.district_id, '00000000-0000-0000-0000-000000000000'), OLD.category_id, OLD.status, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO request_tally_change (city_id, organisation_id, district_id, category_id, status, n)
        VALUES (NEW.city_id, coalesce(NEW.organisation_id, '00000000-0000-0000-0000-000000000000'),
                coalesce(NEW.district_id, '00000000-0000-0000-0000-000000000000'), NEW.category_id, NEW.status, 1);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER request_tally_insert_delete AFTER INSERT OR DELETE ON request
    FOR EACH ROW EXECUTE FUNCTION request_tally_count();
CREATE TRIGGER request_tally_update AFTER UPDATE OF city_id, organisation_id, district_id, category_id, status ON request
    FOR EACH ROW
    WHEN (OLD.city_id IS DISTINCT FROM NEW.city_id OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
          OR OLD.district_id IS DISTINCT FROM NEW.district_id OR OLD.category_id IS DISTINCT FROM NEW.category_id
          OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION request_tally_count();

-- Rebuilds the totals from the requests themselves (after bulk loads with the triggers off, or to
-- check them); changes to requests wait meanwhile.
CREATE FUNCTION rebuild_request_tally() RETURNS void AS $$
    LOCK TABLE request IN SHARE MODE;
    DELETE FROM request_tally_change;
    DELETE FROM request_tally;
    INSERT INTO request_tally (city_id, organisation_id, district_id, category_id, status, n)
    SELECT city_id, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'),
           coalesce(district_id, '00000000-0000-0000-0000-000000000000'), category_id, status, count(*)
    FROM request GROUP BY 1, 2, 3, 4, 5;
$$ LANGUAGE sql;

SELECT rebuild_request_tally();
