package fazt.platform.test.standins;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.nats.ServiceEndpoints;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalAssertion;
import fazt.proto.auth.PrincipalAssertions;
import fazt.proto.auth.PrincipalKeysReply;
import fazt.proto.auth.PrincipalKeysRequest;
import io.nats.client.Connection;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Plays auth-svc's key endpoint ({@link AuthSubjects#PRINCIPAL_KEYS}) for tests that run services without auth-svc,
 * publishing one test-scope Ed25519 key (one per JVM), and {@link #sign signs} the principals such tests put in
 * their admin requests with it, as auth-svc would (ADR 32). Services verify those exactly as in production; there is
 * no switch that turns verification off.
 */
public final class AuthKeysStandIn implements AutoCloseable {
    /** The id of the test key. */
    public static final String KEY_ID = "pk_test_standin";
    /** How long a test assertion holds: as long as {@link PrincipalAssertions#MAX_LIFETIME} allows. */
    public static final Duration LIFETIME = PrincipalAssertions.MAX_LIFETIME;

    private static final KeyPair KEY = PrincipalAssertions.generateKeyPair();

    private final ServiceEndpoints endpoints;

    private AuthKeysStandIn(Connection nats, SubjectRoot root) {
        endpoints = ServiceEndpoints.start(
                nats,
                root,
                ServiceName.AUTH,
                "0.0.0-standin",
                "auth-keys-stand-in-" + UUID.randomUUID(),
                List.of(new RequestEndpoint() {
                    @Override
                    public String subject() {
                        return AuthSubjects.PRINCIPAL_KEYS;
                    }

                    @Override
                    public Object handle(IncomingRequest request) {
                        request.body(PrincipalKeysRequest.class);
                        return new PrincipalKeysReply(List.of(new PrincipalKeysReply.Key(
                                KEY_ID, PrincipalAssertions.encodePublicKey(KEY.getPublic()))));
                    }
                }));
    }

    /** Starts answering {@link AuthSubjects#PRINCIPAL_KEYS} under {@code root}; close it to stop. */
    public static AuthKeysStandIn start(Connection nats, SubjectRoot root) {
        return new AuthKeysStandIn(nats, root);
    }

    /** {@code principal} (null stays null) carrying a fresh assertion of itself for the install at {@code root}. */
    public static Principal sign(Principal principal, SubjectRoot root) {
        if (principal == null) {
            return null;
        }
        Instant now = Instant.now();
        return principal.withAssertion(PrincipalAssertions.sign(
                PrincipalAssertion.of(KEY_ID, root.value(), principal, now, LIFETIME), KEY.getPrivate()));
    }

    /** The public test key, for verifiers built without NATS ({@code PrincipalVerifier.ofKeys}). */
    public static PublicKey publicKey() {
        return KEY.getPublic();
    }

    @Override
    public void close() {
        endpoints.close();
    }
}
