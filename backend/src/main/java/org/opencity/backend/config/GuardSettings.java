package org.opencity.backend.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Guards on what can be reached without being a known, live user: the public status lookup
 * limit, refused credentials, the live-stream cap and the metrics token.
 *
 * @param statusLookupsPerMinute  public status lookups one address may make per minute, sustained (0: no limit)
 * @param statusLookupsBurst      public status lookups one address may make at once
 * @param refusedPerMinute        refused credentials (invalid bearer tokens, API keys) one address may send per minute (0: no limit)
 * @param refusedBurst            refused credentials one address may send at once
 * @param streamsPerUser          live streams (notifications, board) one user may hold open at once
 * @param streamHeartbeat         how often a quiet live stream writes a comment line and checks its session
 * @param metricsToken            the bearer token {@code /metrics} asks for; empty: {@code /metrics} is not served
 */
public record GuardSettings(int statusLookupsPerMinute, int statusLookupsBurst, int refusedPerMinute, int refusedBurst,
                            int streamsPerUser, Duration streamHeartbeat, Optional<String> metricsToken) {

    /** Shorter tokens could be guessed; 16 characters from a password generator are plenty. */
    public static final int MIN_METRICS_TOKEN = 16;

    public GuardSettings {
        Objects.requireNonNull(metricsToken, "metricsToken");
        Objects.requireNonNull(streamHeartbeat, "streamHeartbeat");
        if (streamHeartbeat.compareTo(Duration.ofSeconds(1)) < 0 || streamHeartbeat.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigException("STREAM_HEARTBEAT must be between 1 second and 5 minutes, not " + streamHeartbeat);
        }
        if (statusLookupsPerMinute < 0 || statusLookupsBurst < 0 || refusedPerMinute < 0 || refusedBurst < 0) {
            throw new ConfigException("rate limits cannot be negative");
        }
        if (streamsPerUser < 1) {
            throw new ConfigException("STREAMS_PER_USER must be at least 1, not " + streamsPerUser);
        }
        metricsToken.ifPresent(token -> {
            if (token.length() < MIN_METRICS_TOKEN || !token.matches("[\\x21-\\x7e]+")) {
                throw new ConfigException("METRICS_TOKEN must be at least " + MIN_METRICS_TOKEN
                                                  + " printable characters without spaces");
            }
        });
    }
}
