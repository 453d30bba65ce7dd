-- Sign-in and sessions: devices, session families with rotating refresh tokens, short-lived
-- access tokens (stored only as SHA-256 hashes), one-time SMS codes, two-factor secrets and
-- recovery codes, and the security event log.

ALTER TABLE app_user
    ADD COLUMN failed_logins   integer NOT NULL DEFAULT 0,
    ADD COLUMN locked_until    timestamptz,
    ADD COLUMN last_login_at   timestamptz,
    ADD COLUMN totp_secret     text,
    ADD COLUMN totp_enabled_at timestamptz,
    ADD COLUMN totp_last_step  bigint;

CREATE TABLE device (
    id            uuid PRIMARY KEY,                  -- made by the client, once per installation
    user_id       uuid NOT NULL REFERENCES app_user (id),
    platform      text NOT NULL CHECK (platform IN ('ANDROID', 'IOS', 'DESKTOP', 'WEB')),
    app_version   text,
    name          text,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX device_user_idx ON device (user_id);

-- Everything issued from one sign-in on one device. Reusing a spent refresh token revokes it all.
CREATE TABLE session_family (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES app_user (id),
    device_id      uuid NOT NULL REFERENCES device (id),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,           -- absolute end, however often refreshed
    revoked_at     timestamptz,
    revoked_reason text
);
CREATE INDEX session_family_user_idx ON session_family (user_id) WHERE revoked_at IS NULL;
CREATE INDEX session_family_device_idx ON session_family (device_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_token (
    token_hash   bytea PRIMARY KEY,
    family_id    uuid NOT NULL REFERENCES session_family (id) ON DELETE CASCADE,
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,             -- idle limit: unused this long, it lapses
    used_at      timestamptz,
    replaced_by  bytea
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_expiry_idx ON refresh_token (expires_at);

CREATE TABLE access_token (
    token_hash  bytea PRIMARY KEY,
    family_id   uuid NOT NULL REFERENCES session_family (id) ON DELETE CASCADE,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX access_token_family_idx ON access_token (family_id);
CREATE INDEX access_token_expiry_idx ON access_token (expires_at);

-- One SMS code: bound to its challenge id, single use, burned after too many wrong guesses.
CREATE TABLE otp_challenge (
    id               uuid PRIMARY KEY,
    phone            text NOT NULL,
    code_hash        bytea NOT NULL,
    ip               text NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    failed_attempts  integer NOT NULL DEFAULT 0,
    consumed_at      timestamptz
);
CREATE INDEX otp_challenge_phone_idx ON otp_challenge (phone, created_at);
CREATE INDEX otp_challenge_ip_idx ON otp_challenge (ip, created_at);

CREATE TABLE recovery_code (
    user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_hash  bytea NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE security_event (
    id         uuid PRIMARY KEY,
    at         timestamptz NOT NULL,
    kind       text NOT NULL,
    user_id    uuid,
    device_id  uuid,
    ip         text,
    detail     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX security_event_at_idx ON security_event (at DESC, id DESC);
CREATE INDEX security_event_user_idx ON security_event (user_id, at DESC);
