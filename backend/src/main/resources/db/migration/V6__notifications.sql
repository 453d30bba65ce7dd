-- Notifications: an inbox per person, and push deliveries written in the same transaction as the
-- change that causes them (a transactional outbox), sent by workers on every backend instance.

-- One push token per device (a reinstall gets a new device id; a token moving to another device
-- moves with it). Tokens nobody has refreshed for 270 days, or reported dead by the provider, go.
CREATE TABLE push_token (
    device_id      uuid PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES app_user (id),
    provider       text NOT NULL CHECK (provider IN ('FCM', 'APNS')),
    token          text NOT NULL UNIQUE CHECK (length(token) BETWEEN 16 AND 4096),
    app_version    text,
    locale         text NOT NULL CHECK (locale IN ('ru', 'tt', 'en')),
    registered_at  timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL
);
CREATE INDEX push_token_user_idx ON push_token (user_id);
CREATE INDEX push_token_seen_idx ON push_token (last_seen_at);

-- The inbox. Texts are rendered once, in the recipient's language, when the event happens.
CREATE TABLE notification (
    id          uuid PRIMARY KEY,                       -- UUIDv7: newest first by id
    user_id     uuid NOT NULL REFERENCES app_user (id),
    kind        text NOT NULL,
    request_id  uuid REFERENCES request (id),
    title       text NOT NULL,
    body        text NOT NULL,
    created_at  timestamptz NOT NULL,
    read_at     timestamptz
);
CREATE INDEX notification_user_idx ON notification (user_id, id DESC);
CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL;
CREATE INDEX notification_created_idx ON notification (created_at);

-- One row per notification and device to push to. A worker claims due rows with
-- FOR UPDATE SKIP LOCKED and moves next_at forward (a lease) before it sends, so two workers never
-- send the same row; a worker that dies mid-send leaves the row to be retried when the lease ends.
CREATE TABLE push_delivery (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id  uuid NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    device_id        uuid NOT NULL,
    provider         text NOT NULL CHECK (provider IN ('FCM', 'APNS')),
    state            text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'FAILED', 'DROPPED')),
    attempts         integer NOT NULL DEFAULT 0,
    next_at          timestamptz NOT NULL,
    give_up_at       timestamptz NOT NULL,
    last_error       text,
    provider_id      text,                              -- FCM message name / apns-id
    created_at       timestamptz NOT NULL,
    done_at          timestamptz
);
CREATE INDEX push_delivery_due_idx ON push_delivery (next_at) WHERE state = 'PENDING';
CREATE INDEX push_delivery_failed_idx ON push_delivery (created_at) WHERE state = 'FAILED';
CREATE INDEX push_delivery_done_idx ON push_delivery (done_at) WHERE state <> 'PENDING';
CREATE INDEX push_delivery_notification_idx ON push_delivery (notification_id);
