-- When each service category last changed, so that Open311 discovery can announce a changeset
-- that moves whenever the catalogue does (clients refresh their cached service lists by it).
-- (categories already there count as changed when this runs)
ALTER TABLE service_category ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();

CREATE FUNCTION service_category_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER service_category_changed BEFORE UPDATE ON service_category
    FOR EACH ROW EXECUTE FUNCTION service_category_changed();
