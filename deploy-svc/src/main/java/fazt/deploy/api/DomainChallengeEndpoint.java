package fazt.deploy.api;

import fazt.deploy.domain.ManageDomains;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChallengeReply;
import fazt.proto.deploy.DomainChallengeRequest;
import jakarta.inject.Singleton;

/**
 * {@code svc.deploy.domain.challenge}: the verification token of a mapped domain, for a gateway answering
 * {@code /.well-known/fazt/<token>} on it. Tokens stay in deploy-svc; a gateway asks only when that path is hit.
 */
@Singleton
final class DomainChallengeEndpoint implements RequestEndpoint {
    private final ManageDomains domains;

    DomainChallengeEndpoint(ManageDomains domains) {
        this.domains = domains;
    }

    @Override
    public String subject() {
        return DeploySubjects.DOMAIN_CHALLENGE;
    }

    @Override
    public DomainChallengeReply handle(IncomingRequest request) {
        String domain = request.body(DomainChallengeRequest.class).domain();
        if (domain == null || domain.length() > 255) {
            return new DomainChallengeReply(null);
        }
        return new DomainChallengeReply(domains.token(domain).orElse(null));
    }
}
