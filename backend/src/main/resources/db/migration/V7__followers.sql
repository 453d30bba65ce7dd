-- Residents who found their problem already reported nearby follow that request instead of
-- filing it again: they hear when it is closed or cancelled, and see it among their requests.
CREATE TABLE request_follower (
    request_id   uuid NOT NULL REFERENCES request (id),
    user_id      uuid NOT NULL REFERENCES app_user (id),
    followed_at  timestamptz NOT NULL,
    PRIMARY KEY (request_id, user_id)
);
CREATE INDEX request_follower_user_idx ON request_follower (user_id, followed_at DESC);
