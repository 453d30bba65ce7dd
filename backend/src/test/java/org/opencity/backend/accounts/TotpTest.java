package org.opencity.backend.accounts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6238 appendix B and RFC 4648 §10 test vectors, and the acceptance window. */
class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void codesMatchTheRfc6238Sha1Vectors() {
        assertThat(Totp.code(RFC_SECRET, 59 / 30, 8)).isEqualTo("94287082");
        assertThat(Totp.code(RFC_SECRET, 1111111109L / 30, 8)).isEqualTo("07081804");
        assertThat(Totp.code(RFC_SECRET, 1111111111L / 30, 8)).isEqualTo("14050471");
        assertThat(Totp.code(RFC_SECRET, 1234567890L / 30, 8)).isEqualTo("89005924");
        assertThat(Totp.code(RFC_SECRET, 2000000000L / 30, 8)).isEqualTo("69279037");
        assertThat(Totp.code(RFC_SECRET, 20000000000L / 30, 8)).isEqualTo("65353130");
    }

    @Test
    void aCodeIsAcceptedOneStepEitherSideButNotTwo() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = now.getEpochSecond() / 30;
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step - 1, 6), now, Long.MIN_VALUE)).hasValue(step - 1);
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step + 1, 6), now, Long.MIN_VALUE)).hasValue(step + 1);
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step - 2, 6), now, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void aCodeOfAStepAlreadyUsedIsAReplay() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = now.getEpochSecond() / 30;
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step, 6), now, step)).isEmpty();
    }

    @Test
    void base32FollowsRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(new String(Base32.decode("MZXW6YTBOI"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        assertThat(new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
    }
}
