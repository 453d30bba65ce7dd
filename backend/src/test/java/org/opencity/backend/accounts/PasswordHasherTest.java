package org.opencity.backend.accounts;

import org.junit.jupiter.api.Test;

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
}
