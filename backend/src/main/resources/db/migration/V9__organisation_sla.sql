-- An organisation's own deadlines for a category, stricter than the city's standard in
-- category_sla (which is the maximum: a target may equal it, never exceed it). A request routed
-- to the organisation gets the target, where one is set, for each stage that starts from then on.
-- CONFIRM is the resident's window to dispute a fix: the city's alone, so no organisation sets it.

CREATE TABLE organisation_sla (
    organisation_id  uuid NOT NULL REFERENCES organisation (id),
    category_id      uuid NOT NULL REFERENCES service_category (id) ON DELETE CASCADE,
    stage            text NOT NULL CHECK (stage IN ('ACCEPT', 'START', 'COMPLETE')),
    duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
    PRIMARY KEY (organisation_id, category_id, stage)
);
CREATE INDEX organisation_sla_category_idx ON organisation_sla (category_id, stage);
