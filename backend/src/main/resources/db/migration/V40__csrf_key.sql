-- Keys the server makes for itself at first start and keeps, so that every node behind a load
-- balancer and every restart agree (the CSRF token is an HMAC of the session under such a key).
CREATE TABLE server_secret (
    name        text PRIMARY KEY,
    value       bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
