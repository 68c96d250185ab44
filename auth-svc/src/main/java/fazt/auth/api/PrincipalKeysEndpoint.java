package fazt.auth.api;

import fazt.auth.domain.PrincipalSigner;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.PrincipalKeysReply;
import fazt.proto.auth.PrincipalKeysRequest;
import jakarta.inject.Singleton;

/**
 * {@code svc.auth.principal-keys.get}: the public keys that verify the principals auth-svc signs (ADR 32), the
 * current one and those retired too recently for their assertions to have expired. Public keys only: nothing here
 * is secret, but only auth-svc may answer (a service that believed another answer would believe its principals).
 */
@Singleton
final class PrincipalKeysEndpoint implements RequestEndpoint {
    private final PrincipalSigner signer;

    PrincipalKeysEndpoint(PrincipalSigner signer) {
        this.signer = signer;
    }

    @Override
    public String subject() {
        return AuthSubjects.PRINCIPAL_KEYS;
    }

    @Override
    public PrincipalKeysReply handle(IncomingRequest request) {
        String keyId = request.body(PrincipalKeysRequest.class).keyId();
        PrincipalKeysReply all = signer.published();
        return keyId == null
                ? all
                : new PrincipalKeysReply(
                        all.keys().stream().filter(k -> k.keyId().equals(keyId)).toList());
    }
}
