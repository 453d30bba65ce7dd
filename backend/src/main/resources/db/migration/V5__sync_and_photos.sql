-- Offline sync: each device's applied sequence and the result of every op (so a replay is
-- answered, never applied twice); the per-user change feed that pull reads with a transaction-id
-- watermark; and resumable photo uploads kept in the database until complete.

CREATE TABLE device_sync (
    device_id   uuid PRIMARY KEY REFERENCES device (id),
    last_seq    bigint NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE sync_op (
    device_id   uuid NOT NULL REFERENCES device (id),
    seq         bigint NOT NULL,
    op_id       uuid NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('APPLIED', 'REJECTED', 'CONFLICT')),
    result      jsonb NOT NULL,
    applied_at  timestamptz NOT NULL,
    PRIMARY KEY (device_id, seq),
    UNIQUE (device_id, op_id)
);

-- "Something about this request changed for this user." Pull reads rows whose transaction has
-- certainly finished (xid below the oldest running one), so a late commit is never skipped.
CREATE TABLE sync_change (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid NOT NULL,
    request_id  uuid NOT NULL,
    xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_change_user_idx ON sync_change (user_id, xid, id);
CREATE INDEX sync_change_at_idx ON sync_change (at);

ALTER TABLE request
    ADD COLUMN attention text;      -- something the dispatcher must look at (e.g. work done offline after reassignment)
CREATE INDEX request_attention_idx ON request (organisation_id) WHERE attention IS NOT NULL;

ALTER TABLE request_photo
    ADD COLUMN received_bytes  bigint NOT NULL DEFAULT 0,
    ADD COLUMN width           integer,
    ADD COLUMN height          integer,
    ADD COLUMN content_type    text,
    ADD COLUMN rejected_at     timestamptz,
    ADD COLUMN rejected_reason text;

CREATE TABLE photo_chunk (
    photo_id  uuid NOT NULL REFERENCES request_photo (id) ON DELETE CASCADE,
    offset_b  bigint NOT NULL,
    data      bytea NOT NULL,
    PRIMARY KEY (photo_id, offset_b)
);
