-- The update ids an Open311 client gave its posted updates (FixMyStreet sends its comment id as
-- update_id), so that a retry after a lost answer returns the comment made the first time instead
-- of adding it again. Filing needs no table: a client's own report id (attribute fixmystreet_id)
-- names the request id itself.
CREATE TABLE open311_update (
    api_client_id  uuid NOT NULL REFERENCES api_client (id),
    update_id      text NOT NULL,
    request_id     uuid NOT NULL REFERENCES request (id),
    event_id       uuid,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (api_client_id, update_id)
);
