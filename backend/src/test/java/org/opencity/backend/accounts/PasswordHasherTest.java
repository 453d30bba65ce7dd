package org.opencity.backend.accounts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.Params.OWASP, 2);

    @Test
    void hashesAreArgon2idPhcStringsWithOwaspParametersAndAFreshSalt() {
        String first = hasher.hash("correct horse battery staple");
        String second = hasher.hash("correct horse battery staple");
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String phc = hasher.hash("пароль-кириллицей");
        assertThat(hasher.verify("пароль-кириллицей", phc)).isTrue();
        assertThat(hasher.verify("пароль-кириллицей ", phc)).isFalse();
        assertThat(hasher.verify("", phc)).isFalse();
    }

    @Test
    void aMalformedStoredHashNeverVerifies() {
        assertThat(hasher.verify("x", "not a hash")).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g")).isFalse();
    }

    @Test
    void hashesMadeWithWeakerParametersAreFlaggedForRehash() {
        PasswordHasher weak = new PasswordHasher(new PasswordHasher.Params(4096, 1, 1), 1);
        String old = weak.hash("secret");
        assertThat(hasher.verify("secret", old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("secret"))).isFalse();
    }

    @Test
    void aFloodOfHashesNeverRunsMoreAtOnceThanAllowed() throws Exception {
        PasswordHasher bounded = new PasswordHasher(new PasswordHasher.Params(8192, 1, 1), 2);
        ExecutorService flood = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> hashes = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                hashes.add(flood.submit(() -> bounded.hash("password")));
            }
            for (Future<String> hash : hashes) {
                assertThat(hash.get()).startsWith("$argon2id$");
            }
        } finally {
            flood.shutdown();
        }
        assertThat(bounded.peakConcurrency()).isBetween(1, 2);
    }

    @Test
    void aCallerThatCannotGetATurnInTimeIsRefusedNotQueuedForever() throws Exception {
        PasswordHasher tight = new PasswordHasher(PasswordHasher.Params.OWASP, 1, Duration.ofMillis(1));
        ExecutorService flood = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> hashes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                hashes.add(flood.submit(() -> tight.hash("password")));
            }
            long busy = 0;
            for (Future<String> hash : hashes) {
                try {
                    hash.get();
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(PasswordHasher.Busy.class);
                    busy++;
                }
            }
            assertThat(busy).isPositive();
        } finally {
            flood.shutdown();
        }
    }
}
