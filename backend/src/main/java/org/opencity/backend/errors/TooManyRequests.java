package org.opencity.backend.errors;

import java.time.Duration;

/** A rate limit was hit; {@link #retryAfter()} becomes the {@code Retry-After} header. */
public final class TooManyRequests extends DomainException {

    private final Duration retryAfter;

    public TooManyRequests(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public String type() {
        return "/problems/rate-limited";
    }

    @Override
    public String title() {
        return "Too many requests";
    }
}
