package fazt.auth.api;

import fazt.auth.domain.PrincipalSigner;
import fazt.auth.domain.VerifyToken;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.TokenVerifyReply;
import fazt.proto.auth.TokenVerifyRequest;
import jakarta.inject.Singleton;

/**
 * {@code svc.auth.token.verify}: valid with the principal, signed ({@link PrincipalSigner}, ADR 32) so that the
 * services the gateway forwards it to can believe it; or not valid, never saying why.
 */
@Singleton
final class TokenVerifyEndpoint implements RequestEndpoint {
    private final VerifyToken verify;
    private final PrincipalSigner signer;

    TokenVerifyEndpoint(VerifyToken verify, PrincipalSigner signer) {
        this.verify = verify;
        this.signer = signer;
    }

    @Override
    public String subject() {
        return AuthSubjects.TOKEN_VERIFY;
    }

    @Override
    public TokenVerifyReply handle(IncomingRequest request) {
        String token = request.body(TokenVerifyRequest.class).token();
        return verify.verify(token)
                .map(p -> new TokenVerifyReply(true, signer.sign(p)))
                .orElseGet(() -> new TokenVerifyReply(false, null));
    }
}
