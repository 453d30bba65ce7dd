-- Requests, their append-only history, their photos, and the systems that file them by API.
-- Sized for millions of rows: every list and sweep is served by an index below.

-- Time-ordered ids made inside the database (history written by set-based statements).
CREATE FUNCTION uuid_v7(ts timestamptz DEFAULT clock_timestamp()) RETURNS uuid AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                                          PLACING substring(int8send((extract(epoch FROM ts) * 1000)::bigint) FROM 3)
                                          FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid;
$$ LANGUAGE sql VOLATILE;

CREATE TABLE request (
    id                    uuid PRIMARY KEY,                 -- made by the client (UUIDv7)
    city_id               uuid NOT NULL REFERENCES city (id),
    number                text NOT NULL UNIQUE,             -- KZN-2026-000123
    channel               text NOT NULL CHECK (channel IN ('MOBILE', 'WEB', 'CALL_CENTRE', 'API', 'OPEN311')),
    status                text NOT NULL CHECK (status IN ('NEW', 'ROUTED', 'TRIAGE', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS',
                                                          'DONE', 'REOPENED', 'CLOSED', 'CANCELLED', 'DUPLICATE')),
    priority              text NOT NULL CHECK (priority IN ('EMERGENCY', 'ROUTINE')),
    category_id           uuid NOT NULL REFERENCES service_category (id),
    description           text NOT NULL,
    reporter_id           uuid REFERENCES app_user (id),
    reporter_type         text NOT NULL CHECK (reporter_type IN ('INDIVIDUAL', 'LEGAL_ENTITY')),
    reporter_organisation text,
    filed_by              uuid REFERENCES app_user (id),    -- the operator or system account that filed it
    api_client_id         uuid,
    district_id           uuid REFERENCES district (id),
    building_id           uuid REFERENCES building (id),
    entrance              text,
    floor                 text,
    flat                  text,
    address               text NOT NULL,
    lat                   double precision NOT NULL,
    lon                   double precision NOT NULL,
    organisation_id       uuid REFERENCES organisation (id),  -- responsible now
    technician_id         uuid REFERENCES app_user (id),      -- assigned now
    duplicate_of          uuid REFERENCES request (id),
    -- the deadline running now: its stage, when it is due, when to warn, when to go to the city
    stage                 text CHECK (stage IN ('ACCEPT', 'START', 'COMPLETE', 'CONFIRM')),
    stage_started_at      timestamptz,
    due_at                timestamptz,
    warn_at               timestamptz,
    escalate_city_at      timestamptz,
    warned                boolean NOT NULL DEFAULT false,
    escalation_level      smallint NOT NULL DEFAULT 0,      -- 0 none, 1 organisation, 2 city
    paused_at             timestamptz,
    pause_reason          text,
    paused_remaining_sec  bigint,
    rating                smallint CHECK (rating BETWEEN 1 AND 5),
    rating_comment        text,
    rated_at              timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    closed_at             timestamptz,
    version               integer NOT NULL DEFAULT 1,
    search                tsvector GENERATED ALWAYS AS (
                              to_tsvector('simple', number || ' ' || description || ' ' || address)) STORED
);

-- lists: newest first, by scope
CREATE INDEX request_city_created_idx ON request (city_id, created_at DESC, id DESC);
CREATE INDEX request_open_created_idx ON request (city_id, created_at DESC, id DESC)
    WHERE status NOT IN ('CLOSED', 'CANCELLED', 'DUPLICATE');
CREATE INDEX request_org_created_idx ON request (organisation_id, created_at DESC, id DESC);
CREATE INDEX request_org_open_idx ON request (organisation_id, status) WHERE status NOT IN ('CLOSED', 'CANCELLED', 'DUPLICATE');
CREATE INDEX request_district_created_idx ON request (district_id, created_at DESC, id DESC);
CREATE INDEX request_category_created_idx ON request (category_id, created_at DESC, id DESC);
CREATE INDEX request_reporter_idx ON request (reporter_id, created_at DESC) WHERE reporter_id IS NOT NULL;
CREATE INDEX request_technician_idx ON request (technician_id, created_at DESC) WHERE technician_id IS NOT NULL;
CREATE INDEX request_triage_idx ON request (city_id, created_at) WHERE status = 'TRIAGE';
CREATE INDEX request_building_open_idx ON request (building_id, category_id) WHERE status NOT IN ('CLOSED', 'CANCELLED', 'DUPLICATE', 'DONE');
CREATE INDEX request_due_idx ON request (due_at) WHERE due_at IS NOT NULL AND paused_at IS NULL;
CREATE INDEX request_search_idx ON request USING gin (search);
-- the deadline sweeper's three queues
CREATE INDEX request_warn_queue_idx ON request (warn_at) WHERE NOT warned AND paused_at IS NULL AND stage <> 'CONFIRM';
CREATE INDEX request_escalate_queue_idx ON request (due_at) WHERE escalation_level = 0 AND paused_at IS NULL AND stage <> 'CONFIRM';
CREATE INDEX request_city_queue_idx ON request (escalate_city_at) WHERE escalation_level = 1 AND paused_at IS NULL;
CREATE INDEX request_autoclose_queue_idx ON request (due_at) WHERE stage = 'CONFIRM' AND status = 'DONE';

-- Append-only history: the audit trail, the resident's timeline and the source of stage analytics.
CREATE TABLE request_event (
    id           uuid PRIMARY KEY,
    request_id   uuid NOT NULL REFERENCES request (id),
    at           timestamptz NOT NULL,
    kind         text NOT NULL,
    from_status  text,
    to_status    text,
    actor_id     uuid REFERENCES app_user (id),
    actor_role   text NOT NULL,
    internal     boolean NOT NULL DEFAULT false,
    detail       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX request_event_request_idx ON request_event (request_id, at, id);
CREATE INDEX request_event_kind_at_idx ON request_event (kind, at);

CREATE TABLE request_photo (
    id            uuid PRIMARY KEY,
    request_id    uuid NOT NULL REFERENCES request (id),
    kind          text NOT NULL CHECK (kind IN ('REPORT', 'BEFORE', 'AFTER')),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size          bigint NOT NULL CHECK (size > 0),
    captured_at   timestamptz,
    lat           double precision,
    lon           double precision,
    uploaded_by   uuid REFERENCES app_user (id),
    announced_at  timestamptz NOT NULL,
    stored_at     timestamptz
);
CREATE INDEX request_photo_request_idx ON request_photo (request_id);
CREATE INDEX request_photo_pending_idx ON request_photo (announced_at) WHERE stored_at IS NULL;

-- Systems that file requests through the API channel, each with its own key (stored hashed).
CREATE TABLE api_client (
    id          uuid PRIMARY KEY,
    city_id     uuid NOT NULL REFERENCES city (id),
    name        text NOT NULL,
    key_hash    bytea NOT NULL UNIQUE,
    active      boolean NOT NULL DEFAULT true,
    created_by  uuid REFERENCES app_user (id),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
ALTER TABLE request ADD CONSTRAINT request_api_client_fk FOREIGN KEY (api_client_id) REFERENCES api_client (id);
