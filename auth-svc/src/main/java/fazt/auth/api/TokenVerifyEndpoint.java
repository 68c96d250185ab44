package fazt.auth.api;

import fazt.auth.domain.VerifyToken;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.TokenVerifyReply;
import fazt.proto.auth.TokenVerifyRequest;
import jakarta.inject.Singleton;

/** {@code svc.auth.token.verify}: valid with the principal, or not valid, never saying why. */
@Singleton
final class TokenVerifyEndpoint implements RequestEndpoint {
    private final VerifyToken verify;

    TokenVerifyEndpoint(VerifyToken verify) {
        this.verify = verify;
    }

    @Override
    public String subject() {
        return AuthSubjects.TOKEN_VERIFY;
    }

    @Override
    public TokenVerifyReply handle(IncomingRequest request) {
        String token = request.body(TokenVerifyRequest.class).token();
        return verify.verify(token)
                .map(p -> new TokenVerifyReply(true, p))
                .orElseGet(() -> new TokenVerifyReply(false, null));
    }
}
