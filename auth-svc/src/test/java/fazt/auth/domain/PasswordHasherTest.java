package fazt.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashIsArgon2idInPhcFormatWithAFreshSaltEachTime() {
        String a = hasher.hash("correct horse battery");
        String b = hasher.hash("correct horse battery");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(hasher.matches("correct horse battery", a)).isTrue();
        assertThat(hasher.matches("correct horse batterY", a)).isFalse();
        assertThat(hasher.matches("", a)).isFalse();
    }

    @Test
    void theParametersComeFromTheStoredHashSoTheCostCanChangeLater() {
        // RFC 9106 style parameters other than ours still verify: m=8 KiB, t=1.
        String cheap = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + "x".repeat(43);
        assertThat(hasher.matches("pw", cheap)).isFalse();
        assertThat(hasher.matches("pw", "$argon2i$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"))
                .isFalse();
    }

    @Test
    void malformedHashesNeverMatchAndNeverThrow() {
        for (String bad : new String[] {
            null,
            "",
            "plain",
            "$argon2id$v=19$m=x,t=2,p=1$AA$AA",
            "$argon2id$v=19$q=1$AA$AA",
            "$argon2id$v=19$m=19456,t=2,p=1$!!$AA"
        }) {
            assertThat(hasher.matches("pw", bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
