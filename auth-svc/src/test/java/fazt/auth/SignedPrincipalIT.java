package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalAssertion;
import fazt.proto.auth.PrincipalAssertions;
import fazt.proto.auth.PrincipalKeysReply;
import fazt.proto.auth.PrincipalKeysRequest;
import fazt.proto.auth.TokenVerifyReply;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * auth-svc signs the principals its token check returns, publishes the keys that verify them, refuses at its own
 * admin routes a principal it did not sign, and rotates its key with the old one accepted until its assertions
 * expire (ADR 32), over real NATS and PostgreSQL.
 */
class SignedPrincipalIT {
    static final String TOKEN = "it-signed-principal-token-0123456789";

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new AuthService()).with("FAZT_ADMIN_TOKEN", TOKEN);

    static AdminCalls api;
    static NatsRequester requester;

    @BeforeAll
    static void connect() throws Exception {
        api = new AdminCalls(suite);
        requester = new NatsRequester(api.nats(), suite.nats().root());
    }

    @AfterAll
    static void close() throws Exception {
        api.close();
    }

    static Map<String, PublicKey> published() {
        return requester
                .call(
                        AuthSubjects.PRINCIPAL_KEYS,
                        new PrincipalKeysRequest(null),
                        PrincipalKeysReply.class,
                        Duration.ofSeconds(5))
                .keys()
                .stream()
                .collect(Collectors.toMap(
                        PrincipalKeysReply.Key::keyId, k -> PrincipalAssertions.publicKey(k.publicKey())));
    }

    static Principal verified() throws Exception {
        TokenVerifyReply reply = api.verify(TOKEN);
        assertThat(reply.valid()).isTrue();
        return reply.principal();
    }

    static PrincipalAssertion claims(Principal principal) {
        return PrincipalAssertions.verify(
                principal.assertion(), published()::get, suite.nats().root().value(), Instant.now());
    }

    @Test
    void theTokenCheckAnswersAPrincipalSignedForThisInstallThatTheAdminRoutesBelieve() throws Exception {
        Principal principal = verified();
        PrincipalAssertion claims = claims(principal);
        assertThat(claims.subject()).isEqualTo("bootstrap");
        assertThat(claims.scopes()).containsExactly(Principal.ADMIN);
        assertThat(claims.audience()).isEqualTo(suite.nats().root().value());
        assertThat(claims.expiresAt() - claims.issuedAt()).isEqualTo(60);
        assertThat(api.callUnsigned("GET", "/me", null, principal, "192.0.2.1").status())
                .isEqualTo(200);
    }

    @Test
    void anUnsignedOrForeignSignedPrincipalIsA401AtAuthsOwnRoutes() throws Exception {
        Principal admin = new Principal("bootstrap", "bootstrap admin", List.of(Principal.ADMIN), "bootstrap");
        KeyPair foreign = PrincipalAssertions.generateKeyPair();
        String keyId = claims(verified()).keyId();
        long now = Instant.now().getEpochSecond();
        Principal foreignSigned = admin.withAssertion(PrincipalAssertions.sign(
                new PrincipalAssertion(
                        keyId,
                        suite.nats().root().value(),
                        "bootstrap",
                        "bootstrap admin",
                        List.of(Principal.ADMIN),
                        "bootstrap",
                        now,
                        now + 60),
                foreign.getPrivate()));
        for (Principal forged : List.of(admin, foreignSigned)) {
            AdminCalls.Answer answer = api.callUnsigned(
                    "POST",
                    "/users",
                    "{\"username\":\"mallory\",\"password\":\"long enough pw\"}",
                    forged,
                    "192.0.2.1");
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().path("type").asText()).isEqualTo("https://errors.fazt.dev/auth/unauthorized");
        }
        assertThat(api.call("GET", "/users", null, admin).json().toString()).doesNotContain("mallory");
    }

    @Test
    void rotationSignsWithANewKeyWhileTheOldOneHoldsUntilItsAssertionsExpire() throws Exception {
        Principal before = verified();
        String oldKey = claims(before).keyId();
        AdminCalls.Answer rotated = api.callUnsigned("POST", "/auth/principal-keys/rotate", null, before, "192.0.2.1");
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().path("keyId").asText();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(rotated.json().path("retiredKeyId").asText()).isEqualTo(oldKey);
        assertThat(published()).containsKeys(oldKey, newKey);
        assertThat(api.callUnsigned("GET", "/me", null, before, "192.0.2.1").status())
                .isEqualTo(200);
        assertThat(claims(verified()).keyId()).isEqualTo(newKey);
        // The private key is kept sealed, never in clear.
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT key_sealed FROM auth.principal_signing_key")) {
            int rows = 0;
            while (r.next()) {
                rows++;
                assertThat(r.getBytes(1)).hasSizeGreaterThan(48);
            }
            assertThat(rows).isGreaterThanOrEqualTo(2);
        }
    }
}
