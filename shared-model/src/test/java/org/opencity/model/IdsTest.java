package org.opencity.model;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {

    @Test
    void idsAreVersion7WithTheRfcVariantAndCarryTheirTime() {
        Instant now = Instant.parse("2026-11-28T10:15:30.123Z");
        Ids ids = new Ids(Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
        UUID id = ids.next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(Ids.timestampMillis(id)).isEqualTo(now.toEpochMilli());
    }

    @Test
    void idsFromOneGeneratorStrictlyIncreaseWithinTheSameMillisecond() {
        Ids ids = new Ids(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new SecureRandom());
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {  // more than the 4096 a millisecond's counter holds
            made.add(ids.next());
        }
        for (int i = 1; i < made.size(); i++) {
            assertThat(compareUnsigned(made.get(i - 1), made.get(i))).as("id %d", i).isNegative();
        }
    }

    @Test
    void idsKeepIncreasingWhenTheClockStepsBack() {
        long[] millis = {1_000_000L, 999_000L};
        int[] call = {0};
        Clock stepping = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return Instant.ofEpochMilli(millis[Math.min(call[0]++, 1)]); }
        };
        Ids ids = new Ids(stepping, new SecureRandom());
        UUID first = ids.next();
        UUID second = ids.next();
        assertThat(compareUnsigned(first, second)).isNegative();
    }

    @Test
    void timestampOfANonVersion7IdIsRefused() {
        assertThatThrownBy(() -> Ids.timestampMillis(UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
    }

    private static int compareUnsigned(UUID a, UUID b) {
        int hi = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return hi != 0 ? hi : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
