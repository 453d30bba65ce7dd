-- What an Open311 client sent with a request beyond what the request itself keeps: the
-- reporter's contact as the client gave it (staff-only, never in any Open311 or public output),
-- the media URL (kept as text, never fetched) and the attributes, as given.
CREATE TABLE open311_submission (
    request_id     uuid PRIMARY KEY REFERENCES request (id),
    api_client_id  uuid NOT NULL REFERENCES api_client (id),
    first_name     text,
    last_name      text,
    email          text,
    phone          text,
    media_url      text,
    attributes     jsonb NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL
);
CREATE INDEX open311_submission_client_idx ON open311_submission (api_client_id, created_at);
-- updates listed by time (GET servicerequestupdates)
CREATE INDEX request_event_at_idx ON request_event (at, id);
