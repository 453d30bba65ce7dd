-- Comments, recommendations and criticism addressed to the city by anyone, not tied to a request;
-- read by the city's staff. The optional contact is for a reply and is shown to city staff only.
CREATE TABLE feedback (
    id          uuid PRIMARY KEY,                       -- UUIDv7: newest first by id
    city_id     uuid NOT NULL REFERENCES city (id),
    kind        text NOT NULL CHECK (kind IN ('COMMENT', 'RECOMMENDATION', 'CRITICISM')),
    text        text NOT NULL CHECK (length(text) BETWEEN 10 AND 4000),
    contact     text CHECK (length(contact) <= 200),
    created_at  timestamptz NOT NULL,
    read_at     timestamptz,
    read_by     uuid REFERENCES app_user (id)
);
CREATE INDEX feedback_city_idx ON feedback (city_id, id DESC);
