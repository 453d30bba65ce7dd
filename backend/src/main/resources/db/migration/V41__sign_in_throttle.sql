-- Failed staff sign-ins counted per login (whether or not such an account exists) and per client
-- address; enough of them delay the next attempt, longer with each further failure. Keys are
-- SHA-256 hashes, so that what was typed as a login (perhaps a password) is not kept in the clear.
-- Replaces the per-account lock of V2 (app_user.failed_logins, locked_until are no longer used).
CREATE TABLE sign_in_throttle (
    key              bytea PRIMARY KEY,
    failures         integer NOT NULL,
    last_failure_at  timestamptz NOT NULL,
    blocked_until    timestamptz
);
CREATE INDEX sign_in_throttle_age_idx ON sign_in_throttle (last_failure_at);
