package fazt.proto.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PrincipalAssertionsTest {
    static final KeyPair KEY = PrincipalAssertions.generateKeyPair();
    static final KeyPair FOREIGN = PrincipalAssertions.generateKeyPair();
    static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");
    static final Function<String, PublicKey> KEYS = Map.of("k1", KEY.getPublic())::get;

    static PrincipalAssertion claims(String keyId, String audience, long issuedAt, long expiresAt) {
        return new PrincipalAssertion(
                keyId, audience, "u_ana", "ana", List.of("deploy:blog", "read"), "t_1", issuedAt, expiresAt);
    }

    static PrincipalAssertion fresh() {
        return claims("k1", "fazt", NOW.getEpochSecond(), NOW.getEpochSecond() + 60);
    }

    static String refusal(String compact, Instant at) {
        try {
            PrincipalAssertions.verify(compact, KEYS, "fazt", at);
        } catch (PrincipalAssertions.Refused e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + compact);
    }

    @Test
    void aSignedAssertionVerifiesToThePrincipalItStates() {
        String compact = PrincipalAssertions.sign(fresh(), KEY.getPrivate());
        PrincipalAssertion read = PrincipalAssertions.verify(compact, KEYS, "fazt", NOW.plusSeconds(59));
        assertThat(read).isEqualTo(fresh());
        Principal principal = read.principal(compact);
        assertThat(principal.subject()).isEqualTo("u_ana");
        assertThat(principal.scopes()).containsExactly("deploy:blog", "read");
        assertThat(principal.credential()).isEqualTo("t_1");
        assertThat(principal.assertion()).isEqualTo(compact);
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String compact = PrincipalAssertions.sign(fresh(), KEY.getPrivate());
        String payload = new String(
                Base64.getUrlDecoder().decode(compact.substring(0, compact.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.replace("\"read\"", "\"admin\"").getBytes(StandardCharsets.UTF_8))
                + compact.substring(compact.indexOf('.'));
        assertThat(refusal(forged, NOW)).isEqualTo("bad signature");
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsRefused() {
        assertThat(refusal(PrincipalAssertions.sign(fresh(), FOREIGN.getPrivate()), NOW))
                .isEqualTo("bad signature");
    }

    @Test
    void anAssertionNamingAnUnknownKeyIsRefused() {
        PrincipalAssertion claims = claims("k2", "fazt", NOW.getEpochSecond(), NOW.getEpochSecond() + 60);
        assertThat(refusal(PrincipalAssertions.sign(claims, KEY.getPrivate()), NOW))
                .isEqualTo("unknown key k2");
    }

    @Test
    void anExpiredAssertionIsRefusedAfterTheClockSkew() {
        String compact = PrincipalAssertions.sign(fresh(), KEY.getPrivate());
        Instant skewEnd = NOW.plusSeconds(60).plus(PrincipalAssertions.CLOCK_SKEW);
        assertThat(PrincipalAssertions.verify(compact, KEYS, "fazt", skewEnd)).isEqualTo(fresh());
        assertThat(refusal(compact, skewEnd.plusSeconds(1))).isEqualTo("expired");
    }

    @Test
    void anAssertionForAnotherInstallIsRefused() {
        PrincipalAssertion claims = claims("k1", "other", NOW.getEpochSecond(), NOW.getEpochSecond() + 60);
        assertThat(refusal(PrincipalAssertions.sign(claims, KEY.getPrivate()), NOW))
                .isEqualTo("for another install");
    }

    @Test
    void anAssertionFromTheFutureOrLivingTooLongIsRefused() {
        long later = NOW.plusSeconds(120).getEpochSecond();
        assertThat(refusal(PrincipalAssertions.sign(claims("k1", "fazt", later, later + 60), KEY.getPrivate()), NOW))
                .isEqualTo("issued in the future");
        long now = NOW.getEpochSecond();
        assertThat(refusal(PrincipalAssertions.sign(claims("k1", "fazt", now, now + 3600), KEY.getPrivate()), NOW))
                .isEqualTo("lives too long");
    }

    @Test
    void somethingThatIsNotAnAssertionIsRefused() {
        assertThat(refusal(null, NOW)).isEqualTo("no assertion");
        assertThat(refusal("admin", NOW)).isEqualTo("not a compact assertion");
        assertThat(refusal("a.b.c", NOW)).isEqualTo("not a compact assertion");
        assertThat(refusal("!!!.###", NOW)).isEqualTo("not a compact assertion");
        assertThat(refusal("x".repeat(PrincipalAssertions.MAX_LENGTH + 1), NOW)).isEqualTo("assertion too long");
    }

    @Test
    void publicKeysRoundTripThroughTheirPublishedForm() {
        String published = PrincipalAssertions.encodePublicKey(KEY.getPublic());
        assertThat(PrincipalAssertions.publicKey(published)).isEqualTo(KEY.getPublic());
        assertThatThrownBy(() -> PrincipalAssertions.publicKey("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
